"""What the benchmarks share: finding the installed lp-coach next to the running Python."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def lp_coach() -> str:
    """The lp-coach program of this environment (pip install . first)."""
    here = Path(sys.executable).parent / "lp-coach"
    found = str(here) if here.exists() else shutil.which("lp-coach")
    if not found:
        sys.exit("lp-coach is not installed next to this Python; pip install . first")
    return found
