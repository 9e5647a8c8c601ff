"""Global options of one lp-coach run, set by the top-level callback."""

from __future__ import annotations

from pathlib import Path


class Settings:
    """What the global options asked for."""

    def __init__(self) -> None:
        self.principles: list[Path] = []
        self.debug = False
        self.group: str | None = None
        """The group named by --in, or None for the current one."""

    def reset(self) -> None:
        """The defaults, as a run starts with them (a plain form of cli/shortcuts.py sets none)."""
        self.principles = []
        self.debug = False
        self.group = None


SETTINGS = Settings()
