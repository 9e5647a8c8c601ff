"""What the benchmarks share: finding the installed programs next to the running Python, and
the CPU their runs used."""

from __future__ import annotations

import resource
import shutil
import sys
from pathlib import Path


def installed(name: str) -> str | None:
    """The program `name` of this environment (beside this Python), else on PATH, else None."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name)


def lp_coach() -> str:
    """The lp-coach program of this environment (pip install . first)."""
    found = installed("lp-coach")
    if not found:
        sys.exit("lp-coach is not installed next to this Python; pip install . first")
    return found


def children_cpu() -> float:
    """CPU seconds (user + system) used so far by this process's finished children."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime
