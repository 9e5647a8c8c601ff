"""The STAR story bank: stories for interviews, tagged by principle."""
