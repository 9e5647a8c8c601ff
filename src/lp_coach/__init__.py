"""lp-coach: a terminal coach for leadership principles."""

__version__ = "0.1.0"
