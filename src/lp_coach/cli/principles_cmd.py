"""The bodies of `lp-coach principles list` and `show`, without Typer (read most, so fast).

What they print is kept between runs (content/service.py's views): read again with nothing
changed, a page costs no library, Jinja or Rich.
"""

# No `from __future__ import annotations` in CLI modules; heavy imports stay in the functions.
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lp_coach.content.model import Library
    from lp_coach.content.service import FoundPrinciple, PageView

FACES = str(Path(__file__).with_name("faces") / "principle.py")
DRAWN_BY = (__file__, FACES, str(Path(__file__).with_name("output.py")))
"""The code that writes the principles' pages: an edit to it writes them afresh."""


def list_principles(as_json: bool = False) -> None:
    """Every principle in series order: JSON, a table on a terminal, else plain columns."""
    from lp_coach.cli.settings import SETTINGS
    from lp_coach.content import service

    view = _view(as_json, markdown=False)
    sys.stdout.write(service.principles_view(SETTINGS.principles, view, _list_drawer(view.form)))


def _list_drawer(form: str) -> "Callable[[Library], str]":
    """What writes the list of principles in `form`."""
    from lp_coach.cli import output

    def draw(library: "Library") -> str:
        if form == "json":
            return output.json_text(
                [
                    {
                        "id": p.id,
                        "order": p.order,
                        "title": p.title,
                        "statement": p.statement,
                        "questions": len(p.discussion),
                        "scripture": len(p.scripture),
                        "examples": len(p.examples),
                    }
                    for p in library.principles
                ]
            )
        if form == "terminal":
            from lp_coach.cli.faces.principle import principles_table

            return output.drawn(principles_table(library, output.console().width))
        rows = [
            [
                str(p.order),
                p.id,
                str(len(p.discussion)),
                str(len(p.scripture)),
                str(len(p.examples)),
                p.title,
            ]
            for p in library.principles
        ]
        return output.table_text(rows, ["#", "ID", "QUESTIONS", "SCRIPTURE", "EXAMPLES", "TITLE"])

    return draw


def show_principle(typed: str, as_json: bool = False) -> None:
    """One principle in full: JSON, panels on a terminal, else its Markdown."""
    from lp_coach.cli.settings import SETTINGS
    from lp_coach.content import service

    view = _view(as_json, markdown=True)
    sys.stdout.write(service.principle_view(typed, SETTINGS.principles, view, _drawer(view.form)))


def _drawer(form: str) -> "Callable[[FoundPrinciple], str]":
    """What writes a found principle in `form`."""
    from lp_coach.cli import output

    def draw(found: "FoundPrinciple") -> str:
        if form == "json":
            return output.json_text(found.principle.to_dict())
        if form == "markdown":
            return str(found.markdown)
        from lp_coach.cli.faces.principle import principle_panels

        return output.drawn(principle_panels(found.principle, found.library))

    return draw


def _view(as_json: bool, *, markdown: bool) -> "PageView":
    """How this run writes: JSON, on a terminal (its screen), else Markdown or plain text."""
    from lp_coach.cli import output
    from lp_coach.content.service import PageView

    if as_json:
        return PageView("json", (), DRAWN_BY)
    if output.on_terminal():
        return PageView("terminal", output.screen(), DRAWN_BY)
    return PageView("markdown" if markdown else "plain", (), DRAWN_BY)
