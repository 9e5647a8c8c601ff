"""How `lp-coach practice history` looks: each attempt's score and marks, and a trend."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from lp_coach.clock import shown_minute
from lp_coach.practice.rubric import CHECKS
from lp_coach.practice.store import Attempt

SHORT = {
    "star": "STAR",
    "measurable": "number",
    "i-not-we": "I/we",
    "length": "length",
    "principle": "LP",
}


def marks(attempt: Attempt) -> str:
    """'STAR✓ number✗ I/we✓ length✓ LP✗'."""
    return " ".join(
        f"{SHORT.get(c.name, c.name)}{'✓' if c.passed else '✗'}" for c in attempt.checks
    )


def trend(attempts: Sequence[Attempt]) -> list[tuple[str, int, str, str]]:
    """(principle, attempts, first score, latest score) for each principle practised."""
    by: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by.setdefault(attempt.principle_id, []).append(attempt)
    return [
        (
            pid,
            len(rows),
            f"{rows[0].passed}/{len(rows[0].checks)}",
            f"{rows[-1].passed}/{len(rows[-1].checks)}",
        )
        for pid, rows in by.items()
    ]


def print_history(attempts: Sequence[Attempt], titles: dict[str, str], terminal: bool) -> None:
    """A row per attempt, then per principle: how many, the first score and the latest."""
    rows = [
        [
            shown_minute(a.created),
            titles.get(a.principle_id, a.principle_id),
            a.mode,
            f"{a.passed}/{len(a.checks)}",
            marks(a),
        ]
        for a in attempts
    ]
    summary = [[titles.get(p, p), str(n), first, last] for p, n, first, last in trend(attempts)]
    if not terminal:
        from lp_coach.cli.output import print_table

        print_table(rows, ["when", "principle", "mode", "score", "checks"])
        sys.stdout.write("\n")
        print_table(summary, ["principle", "attempts", "first", "latest"])
        return
    from rich.table import Table

    from lp_coach.cli.output import console

    table = Table(title="Practice", title_justify="left", header_style="bold", box=None)
    for name in ("When", "Principle", "Mode", "Score", "Checks"):
        table.add_column(name, no_wrap=name != "Checks")
    for row in rows:
        table.add_row(*row)
    per = Table(title="By principle", title_justify="left", header_style="bold", box=None)
    for name in ("Principle", "Attempts", "First", "Latest"):
        per.add_column(name, justify="left" if name == "Principle" else "right")
    for row in summary:
        per.add_row(*row)
    screen = console()
    screen.print(table)
    screen.print()
    screen.print(per)
    screen.print(
        "[dim]Checks: " + " · ".join(f"{SHORT[k]} = {v}" for k, v in CHECKS.items()) + "[/]"
    )
