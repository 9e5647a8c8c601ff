"""Rich renderings of principles for the terminal: the list table and the reading view."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from lp_coach.content.model import Library, Principle, title_list

ROOMY = 90
"""From this many columns the list has room for the longest title and id on one line each,
and the counts' full headings."""


def principles_table(library: Library, width: int) -> Table:
    """Every principle in order, with how much content each one has.

    Wide terminals get one line per principle; narrower ones put the id under the title,
    so that neither is cut short; narrow ones (a phone's terminal) shorten the headings, so
    that no number is cut to an ellipsis.
    """
    wide = width >= 140
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    if wide:
        table.add_column("ID", style="cyan", no_wrap=True)
        table.add_column("Title", style="bold", no_wrap=True)
    else:
        # a title wraps at its words and an id folds onto the next line, never cut to "…"
        table.add_column("Principle (id)", no_wrap=width >= ROOMY, overflow="fold")
    names = ("Questions", "Scripture", "Examples") if width >= ROOMY else ("Qs", "Refs", "Ex.")
    for name in names:
        table.add_column(name, justify="right", no_wrap=True)
    for p in library.principles:
        counts = (str(len(p.discussion)), str(len(p.scripture)), str(len(p.examples)))
        if wide:
            table.add_row(str(p.order), p.id, p.title, *counts)
        else:
            title_and_id = Text.assemble((p.title, "bold"), "\n", (p.id, "cyan"))
            table.add_row(str(p.order), title_and_id, *counts)
    return table


def principle_panels(p: Principle, library: Library) -> RenderableType:
    """The whole principle laid out for reading, one panel or section per part."""
    titles = {q.id: q.title for q in library.principles}
    parts: list[RenderableType] = [
        Panel(
            Text(p.statement),
            title=f"[bold]{p.order}. {p.title}[/]",
            border_style="cyan",
            padding=(1, 2),
        ),
    ]
    if p.key_phrases:
        parts.append(Text.assemble(("Key phrases: ", "dim"), " · ".join(p.key_phrases)))
    if p.scripture:
        parts.append(Rule("Scripture", style="yellow"))
        for s in p.scripture:
            body = Text(s.text, style="italic")
            if s.note:
                body.append("\n\n")
                body.append(s.note, style="default")
            parts.append(
                Panel(
                    body,
                    title=f"{s.ref} ({s.translation})",
                    border_style="yellow",
                    title_align="left",
                )
            )
    if p.examples:
        parts.append(Rule("Examples", style="green"))
        for number, e in enumerate(p.examples):
            body = Text()
            if number == 0 and len(p.examples) > 1:
                body.append("Read aloud in a session and printed in the guide.\n\n", style="italic")
            body.append(e.story)
            body.append("\n\nLesson: ", style="bold")
            body.append(e.lesson)
            body.append("\nSource: ", style="dim")
            body.append(e.source, style="dim")
            questions = [_hanging("•", q) for q in e.questions]
            parts.append(
                Panel(
                    Group(body, *questions), title=e.title, border_style="green", title_align="left"
                )
            )
    if p.discussion:
        parts.append(Rule("Discussion", style="magenta"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", style="bold magenta")
        grid.add_column()
        for n, question in enumerate(p.discussion, 1):
            minutes = f"  ({question.minutes} min)" if question.minutes else ""
            lines: list[RenderableType] = [Text.assemble(question.question, (minutes, "dim"))]
            lines.extend(_hanging("↳", f) for f in question.follow_ups)
            if question.leader_notes:
                lines.append(Text(f"Leader notes: {question.leader_notes}", style="dim"))
            grid.add_row(f"{n}.", Group(*lines))
            grid.add_row("", "")
        parts.append(grid)
    if p.tensions:
        parts.append(Rule("Tensions", style="red"))
        for t in p.tensions:
            parts.append(
                Text.assemble((f"With {titles.get(t.with_, t.with_)}: ", "bold"), t.question)
            )
    for heading, items in (
        ("Journal prompts", p.journal_prompts),
        ("Interview questions", p.interview_questions),
    ):
        if items:
            parts.append(Rule(heading, style="blue"))
            parts.extend(_hanging("•", item) for item in items)
    if p.related:
        related = title_list(titles.get(r, r) for r in p.related)
        parts.append(Text.assemble(("\nRelated: ", "dim"), related))
    return Group(*parts)


def _hanging(mark: str, text: str) -> Table:
    """`text` after `mark`, wrapped lines aligned with the text rather than the mark."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(mark, text)
    return grid
