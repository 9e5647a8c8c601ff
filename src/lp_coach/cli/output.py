"""How commands print: Rich on a terminal, plain text through pipes, JSON on request."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def on_terminal() -> bool:
    """Whether stdout is a terminal worth drawing on (not a pipe, a file or TERM=dumb)."""
    import os

    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def console() -> Console:
    """A Rich console for stdout; Rich itself honours NO_COLOR and the terminal's width."""
    from rich.console import Console

    return Console(highlight=False)


def print_json(value: Any) -> None:
    """Print `value` as indented JSON, keeping non-ASCII text readable."""
    import json

    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def print_table(rows: list[list[str]], header: list[str]) -> None:
    """A plain, space-aligned table (the last column is not padded)."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        sys.stdout.write("  ".join([*cells, row[-1]]).rstrip() + "\n")
