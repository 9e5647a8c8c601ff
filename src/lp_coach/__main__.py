"""Run lp-coach as `python -m lp_coach`."""

from lp_coach.cli.main import run

run()
