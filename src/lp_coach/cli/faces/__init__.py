"""The Rich faces and views of the commands: what a terminal shows, and nothing else."""
