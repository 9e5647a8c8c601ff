"""The Typer command-line face of lp-coach: thin commands over the core."""
