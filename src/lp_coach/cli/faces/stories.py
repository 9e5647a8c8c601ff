"""How stories and the coverage matrix look: Rich on a terminal, plain text through pipes."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lp_coach.stories.matrix import COVERED, GAP, THIN, Coverage
from lp_coach.stories.model import PART_TITLES, Story

if TYPE_CHECKING:
    from lp_coach.stories.search import StoryHit

LEVEL_WORDS = {GAP: "no story", THIN: "only one", COVERED: ""}
LEVEL_STYLES = {GAP: "bold red", THIN: "yellow", COVERED: ""}
MARK = "●"
TEXT_INDENT = 6


def saved_line(verb: str, story: Story) -> str:
    """'Saved story 3 · Cut the build time · ownership, frugality'."""
    tags = f" · {', '.join(story.principles)}" if story.principles else " · no principle"
    return f"{verb} story {story.id} · {story.title}{tags}"


def _header(story: Story) -> str:
    missing = story.missing()
    lack = f"  (no {', '.join(missing)})" if missing else ""
    tags = ", ".join(story.principles) or "no principle"
    return f"{story.id:>4}  {story.title}  [{tags}]{lack}"


def print_list(stories: Sequence[Story], terminal: bool) -> None:
    """One line per story: number, title, principles, parts still to write."""
    if not terminal:
        for story in stories:
            sys.stdout.write(_header(story) + "\n")
        return
    from rich.table import Table

    from lp_coach.cli.output import console

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("#", justify="right", style="dim")
    table.add_column("Story", style="bold", overflow="fold")
    table.add_column("Principles", style="cyan", overflow="fold")
    table.add_column("To write", style="yellow")
    for story in stories:
        table.add_row(
            str(story.id),
            story.title,
            ", ".join(story.principles) or "—",
            ", ".join(story.missing()) or "",
        )
    console().print(table)


def print_story(story: Story, terminal: bool) -> None:
    """The story in full: title, principles, then each part under its name."""
    if not terminal:
        sys.stdout.write(_header(story) + "\n")
        for name, words in story.parts().items():
            sys.stdout.write(f"\n{PART_TITLES[name]}\n")
            for line in (words or "(not written yet)").split("\n"):
                sys.stdout.write(" " * TEXT_INDENT + line + "\n")
        return
    from rich.text import Text

    from lp_coach.cli.output import console

    screen = console()
    screen.print(Text.assemble((f"{story.id}  ", "dim"), (story.title, "bold")))
    screen.print(Text(", ".join(story.principles) or "no principle", style="cyan"))
    for name, words in story.parts().items():
        screen.print()
        screen.print(Text(PART_TITLES[name], style="bold underline"))
        if words:
            screen.print(Text(words), soft_wrap=False)
        else:
            screen.print(Text("(not written yet)", style="dim italic"))


def print_hits(hits: Sequence[StoryHit], terminal: bool) -> None:
    """Each match: its header, then its snippet with the matched words marked."""
    from lp_coach.cli.faces.journal import Printer, snippet_parts

    printer = Printer(terminal)
    for number, hit in enumerate(hits):
        if number:
            printer.line()
        printer.line((_header(hit.story), "bold"))
        printer.line(*snippet_parts(hit.snippet, printer), indent=TEXT_INDENT)


def plain_matrix(coverage: Coverage) -> list[str]:
    """The grid as text: a column per story, a mark where it is tagged, gaps named."""
    ids = [str(s.id) for s in coverage.stories]
    width = max([len(r.title) for r in coverage.rows] + [9])
    cells = [max(len(i), 1) for i in ids]
    head = f"{'Principle':<{width}}  " + " ".join(
        i.rjust(w) for i, w in zip(ids, cells, strict=True)
    )
    lines = [head.rstrip() + "  stories"]
    for row in coverage.rows:
        marks = " ".join(
            (MARK if s.id in row.stories else "·").rjust(w)
            for s, w in zip(coverage.stories, cells, strict=True)
        )
        note = LEVEL_WORDS[row.level]
        lines.append(
            f"{row.title:<{width}}  {marks}  {len(row.stories):>3}  {note}".rstrip()
            if ids
            else f"{row.title:<{width}}  {len(row.stories):>3}  {note}".rstrip()
        )
    lines += ["", *_summary(coverage)]
    if coverage.stories:
        lines.append("")
        lines += [f"{s.id:>4}  {s.title}" for s in coverage.stories]
    return lines


def _summary(coverage: Coverage) -> list[str]:
    gaps, thin = coverage.gaps(), coverage.thin()
    lines = []
    if gaps:
        lines.append(f"No story yet ({len(gaps)}): " + ", ".join(r.id for r in gaps))
    if thin:
        lines.append(f"Only one story ({len(thin)}): " + ", ".join(r.id for r in thin))
    if not gaps and not thin:
        lines.append("Every principle has at least two stories.")
    return lines


def print_matrix(coverage: Coverage, terminal: bool) -> None:
    """A Rich table on a terminal (gap rows red, thin rows yellow), else plain_matrix."""
    if not terminal:
        sys.stdout.write("\n".join(plain_matrix(coverage)) + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    from lp_coach.cli.output import console

    table = Table(title="Story coverage", title_justify="left", header_style="bold")
    table.add_column("Principle", no_wrap=True)
    for story in coverage.stories:
        table.add_column(str(story.id), justify="center", style="green")
    table.add_column("Stories", justify="right")
    table.add_column("", no_wrap=True)
    for row in coverage.rows:
        style = LEVEL_STYLES[row.level]
        table.add_row(
            Text(row.title, style=style),
            *(MARK if s.id in row.stories else "" for s in coverage.stories),
            str(len(row.stories)),
            Text(LEVEL_WORDS[row.level], style=style),
        )
    screen = console()
    screen.print(table)
    for line in _summary(coverage):
        screen.print(Text(line))
    if coverage.stories:
        screen.print()
        for story in coverage.stories:
            screen.print(Text.assemble((f"{story.id:>4}  ", "dim"), story.title))
