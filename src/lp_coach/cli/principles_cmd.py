"""The bodies of `lp-coach principles list` and `show`, without Typer (read most, so fast)."""

# No `from __future__ import annotations` in CLI modules; heavy imports stay in the functions.
import sys


def list_principles(as_json: bool = False) -> None:
    """Every principle in series order: JSON, a table on a terminal, else plain columns."""
    from lp_coach.cli import output
    from lp_coach.cli.settings import SETTINGS
    from lp_coach.content import service

    library = service.library(SETTINGS.principles)
    if as_json:
        output.print_json(
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
    elif output.on_terminal():
        from lp_coach.cli.faces.principle import principles_table

        console = output.console()
        console.print(principles_table(library, console.width))
    else:
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
        output.print_table(rows, ["#", "ID", "QUESTIONS", "SCRIPTURE", "EXAMPLES", "TITLE"])


def show_principle(typed: str, as_json: bool = False) -> None:
    """One principle in full: JSON, panels on a terminal, else its Markdown."""
    from lp_coach.cli import output
    from lp_coach.cli.settings import SETTINGS
    from lp_coach.content import service

    markdown = not as_json and not output.on_terminal()
    found = service.principle(typed, SETTINGS.principles, markdown=markdown)
    if as_json:
        output.print_json(found.principle.to_dict())
    elif markdown:
        sys.stdout.write(found.markdown)
    else:
        from lp_coach.cli.faces.principle import principle_panels

        output.console().print(principle_panels(found.principle, found.library))
