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


RICH_ENV = (
    "COLUMNS",
    "LINES",
    "TERM",
    "COLORTERM",
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "DATABRICKS_RUNTIME_VERSION",
)
"""The environment Rich reads to choose a console's size, colours and whether it draws."""


def screen() -> list[Any]:
    """What a drawing on this terminal depends on besides what it shows: the terminal's size,
    the encoding, and every setting Rich reads (a drawing kept for one is not for another)."""
    import os

    sizes: list[Any] = []
    for fd in (0, 1, 2):
        try:
            sizes.append(list(os.get_terminal_size(fd)))
        except (OSError, ValueError):
            sizes.append(None)
    settings = [os.environ.get(name) for name in RICH_ENV]
    return [sys.platform, sys.stdout.encoding, sizes, settings, rich_stamp()]


def rich_stamp() -> list[Any]:
    """Rich's drawing code: where it is, its size and time (a Rich upgraded in place draws
    afresh), found along sys.path as an import would find it, without importing Rich."""
    import os

    for folder in sys.path:
        path = os.path.join(folder or os.curdir, "rich", "console.py")
        try:
            stat = os.stat(path)
        except OSError:
            continue
        return [path, stat.st_size, stat.st_mtime_ns]
    return []


def drawn(renderable: Any) -> str:
    """What Rich writes to this terminal for `renderable`, as text (colour codes and all)."""
    stdout = console()
    with stdout.capture() as captured:
        stdout.print(renderable)
    return captured.get()


def json_text(value: Any) -> str:
    """`value` as indented JSON, keeping non-ASCII text readable."""
    import json

    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def print_json(value: Any) -> None:
    """Print `value` as indented JSON, keeping non-ASCII text readable."""
    sys.stdout.write(json_text(value))


def table_text(rows: list[list[str]], header: list[str]) -> str:
    """A plain, space-aligned table (the last column is not padded)."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip() + "\n")
    return "".join(lines)


def print_table(rows: list[list[str]], header: list[str]) -> None:
    """Print a plain, space-aligned table (the last column is not padded)."""
    sys.stdout.write(table_text(rows, header))
