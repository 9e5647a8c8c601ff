"""Where a guide goes: its format from --out, its default file name, and the atomic write."""

from __future__ import annotations

from pathlib import Path

from lp_coach.atomic import atomic_write
from lp_coach.guide.document import FORMATS, parse_choice
from lp_coach.guide.selection import Selection

SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def choose_format(fmt: str | None, out: Path | None) -> str:
    """--format when given, else what the --out file's suffix says, else Markdown."""
    if fmt is not None:
        return parse_choice(fmt, FORMATS, "--format")
    if out is not None and str(out) != "-":
        return SUFFIXES.get(out.suffix.casefold(), "md")
    return "md"


def default_name(selection: Selection, audience: str, fmt: str) -> str:
    """'customer-obsession-leader-guide.html', 'study-plan-participant-guide.pdf', ..."""
    return f"{selection.name}-{audience}-guide.{fmt}"


def destination(out: Path | None, default: str, *, to_terminal: bool) -> Path | None:
    """The file to write, or None for standard output.

    No --out: standard output when it is not a terminal and the guide is text, else
    `default` in the current directory (a PDF goes to a pipe only when asked: --out -).
    --out -: standard output. --out DIR: `default` in DIR. Else the file named.
    """
    if out is None:
        binary = default.endswith(".pdf")
        return Path(default) if to_terminal or binary else None
    if str(out) == "-":
        return None
    if out.is_dir():
        return out / default
    return out


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, readable by others (a guide is for handing out)."""
    atomic_write(path, data, mode=0o644)  # StoreError, naming the path, when it cannot
