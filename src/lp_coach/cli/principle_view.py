"""Rich renderings of principles for the terminal: the list table and the reading view."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from lp_coach.content.model import Library, Principle


def principles_table(library: Library) -> Table:
    """Every principle in order, with how much content each one has."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("ID", style="cyan", no_wrap=True)
    table.add_column("Title", style="bold")
    table.add_column("Questions", justify="right")
    table.add_column("Scripture", justify="right")
    table.add_column("Examples", justify="right")
    for p in library.principles:
        table.add_row(
            str(p.order),
            p.id,
            p.title,
            str(len(p.discussion)),
            str(len(p.scripture)),
            str(len(p.examples)),
        )
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
        for e in p.examples:
            body = Text(e.story)
            body.append("\n\nLesson: ", style="bold")
            body.append(e.lesson)
            body.append("\nSource: ", style="dim")
            body.append(e.source, style="dim")
            for example_question in e.questions:
                body.append(f"\n• {example_question}")
            parts.append(Panel(body, title=e.title, border_style="green", title_align="left"))
    if p.discussion:
        parts.append(Rule("Discussion", style="magenta"))
        for n, question in enumerate(p.discussion, 1):
            minutes = f"  ({question.minutes} min)" if question.minutes else ""
            parts.append(
                Text.assemble((f"{n:>2}. ", "bold magenta"), question.question, (minutes, "dim"))
            )
            for f in question.follow_ups:
                parts.append(Padding(Text(f"↳ {f}"), (0, 0, 0, 4)))
            if question.leader_notes:
                notes = Text(f"Leader notes: {question.leader_notes}", style="dim")
                parts.append(Padding(notes, (0, 0, 0, 4)))
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
            parts.extend(Text(f"• {item}") for item in items)
    if p.related:
        related = ", ".join(titles.get(r, r) for r in p.related)
        parts.append(Text.assemble(("\nRelated: ", "dim"), related))
    return Group(*parts)
