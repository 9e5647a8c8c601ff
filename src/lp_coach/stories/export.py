"""The coverage matrix as a printable HTML page (every word from the user escaped)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lp_coach import clock
from lp_coach.stories.matrix import Coverage

MATRIX_TEMPLATE = "stories-matrix.html.j2"


def matrix_html(coverage: Coverage, overrides: Sequence[Path] = ()) -> str:
    """The page: the grid, gaps highlighted, and the stories' titles as a key."""
    from lp_coach.render.templates import render

    return render(
        MATRIX_TEMPLATE,
        overrides,
        coverage=coverage,
        gaps=coverage.gaps(),
        thin=coverage.thin(),
        made=f"{clock.local_now():%Y-%m-%d %H:%M}",
    )
