"""Draw `lp-coach today`: one screen of the day's facts, and the one key that starts the quiz."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from lp_coach.today import GroupMeeting, Today

if TYPE_CHECKING:
    from rich.console import Console

LABEL = 12
PROMPT = "Enter: start the quiz · any other key: leave"


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def when(facts: Today) -> str:
    """'Thu 4 Dec (in 2 days)' for the next meeting; 'next (no date yet)' before plan start."""
    assert facts.meeting is not None
    day = facts.meeting.day
    if day is None:
        return "next (no date yet)"
    gap = (day - facts.day).days
    ago = (
        "today"
        if gap == 0
        else "tomorrow"
        if gap == 1
        else (f"in {_days(gap)}" if gap > 0 else f"{_days(-gap)} ago, not yet held")
    )
    return f"{day:%a} {day.day} {day:%b} ({ago})"


def _meeting(facts: Today, group: GroupMeeting) -> list[tuple[str, str]]:
    """One group's next meeting, in parts of a line."""
    m = group.meeting
    if m is None:
        return [("every meeting of the plan is done", "dim")]
    day = "next (no date yet)" if m.day is None else when(facts._replace(meeting=m))
    return [(f"{day}: ", ""), (f"{m.number}. {m.title}", "bold")]


def lines(facts: Today) -> list[tuple[str, list[tuple[str, str]]]]:
    """(label, parts of the line) for each row of the screen; a part is (text, style)."""
    rows: list[tuple[str, list[tuple[str, str]]]] = []
    quiz = facts.quiz
    if quiz.due or quiz.new:
        words = f"{quiz.due} card{'s' if quiz.due != 1 else ''} due now"
        if quiz.new:
            words += f", {quiz.new} new"
        rows.append(("Quiz", [(words, "bold"), ("  ·  Enter starts it", "dim")]))
    else:
        rows.append(("Quiz", [("nothing due: all caught up", "green")]))
    if len(facts.groups) > 1 or (facts.groups and not facts.groups[0].current):
        for group in facts.groups:
            label = "Meetings" if group is facts.groups[0] else ""
            rows.append((label, [(group.group, "cyan"), (": ", ""), *_meeting(facts, group)]))
    elif facts.meeting is None:
        rows.append(("Meeting", [("every meeting of the plan is done", "dim")]))
    else:
        m = facts.meeting
        rows.append(("Meeting", [(f"{when(facts)}: ", ""), (f"{m.number}. {m.title}", "bold")]))
        if not m.planned:
            rows.append(("", [("the default plan; set yours: lp-coach plan start", "dim")]))
    p = facts.prompt_principle
    rows.append(
        (
            "Prompt",
            [(p.title, "bold cyan"), (f"  (quiz mastery {round(facts.mastery * 100)}%)", "dim")],
        )
    )
    rows.append(("", [(facts.prompt, "italic")]))
    rows.append(("", [(f"lp-coach journal add --prompt -p {p.id}", "dim")]))
    written = "written today" if facts.written_today else "nothing written today yet"
    rows.append(("Journal", [(f"streak {_days(facts.streak)}", "bold"), (f" · {written}", "")]))
    steps = facts.steps
    if steps is None:
        rows.append(("Your steps", [("no study session finished yet", "dim")]))
    else:
        rows.append(
            (
                "Your steps",
                [(f"from session {steps.session_id} ({steps.principle_id}, {steps.day})", "dim")],
            )
        )
        for who, text in steps.steps or [(None, "")]:
            if not text:
                rows.append(
                    ("", [("none recorded" + (f" for {facts.me}" if facts.me else ""), "dim")])
                )
                continue
            name = f"{who}: " if who and not facts.me else ""
            rows.append(("", [("• ", "cyan"), (name + text, "")]))
        if not facts.me:
            rows.append(("", [("whose steps? lp-coach today --me NAME", "dim")]))
    gaps = len(facts.story_gaps)
    stories = f"{facts.stories} stor{'y' if facts.stories == 1 else 'ies'}"
    rows.append(
        (
            "Stories",
            [
                (stories, ""),
                (
                    f" · {gaps} principle{'s' if gaps != 1 else ''} with none",
                    "yellow" if gaps else "",
                ),
            ],
        )
    )
    return rows


def heading(facts: Today) -> list[tuple[str, str]]:
    """The screen's first line in parts: the day, and whose it is."""
    day = f" · {facts.day:%A} {facts.day.day} {facts.day:%B %Y}"
    return [("Today", "bold"), (day, ""), *([(f" · {facts.me}", "cyan")] if facts.me else [])]


def label_cell(label: str, number: int) -> str:
    """A row's label, padded to its column (only the first of a wrapped row's lines has it)."""
    return f"{label if number == 0 else '':<{LABEL}}"


def screen(facts: Today) -> str | None:
    """The day's screen as this terminal shows it, when it is an ordinary one (no Rich to
    import: faces/ansi.py); else None, and `draw` draws it with Rich."""
    from lp_coach.cli.faces import ansi

    if not ansi.usable():
        return None
    title = heading(facts)
    rows = lines(facts)
    width = ansi.width()
    texts = [text for text, _ in title]
    texts += [text for label, parts in rows for text in (label, *(t for t, _ in parts))]
    styles = [style for _, parts in rows for _, style in parts]
    if not ansi.plain_enough(texts, styles) or len("".join(texts[:3])) > width:
        return None
    out = [ansi.line(title), "\n\n"]
    for label, parts in rows:
        for number, row in enumerate(ansi.wrap(parts, max(width - LABEL, 20))):
            out.append(ansi.line([(label_cell(label, number), ""), *row], base="bold") + "\n")
    return "".join(out)


def draw(console: Console, facts: Today) -> None:
    """The day on one screen."""
    from rich.text import Text

    console.print(Text.assemble(*heading(facts)))
    console.print()
    width = max(console.width - LABEL, 20)
    for label, parts in lines(facts):
        value = Text()
        for piece, style in parts:
            value.append(piece, style=style)
        for number, row in enumerate(value.wrap(console, width, overflow="fold")):
            console.print(Text(label_cell(label, number), style="bold") + row)


def wants_quiz(console: Console | None) -> bool:
    """Wait for one key: Enter (or q) starts the quiz, any other key leaves (`console` None:
    the screen was drawn without Rich, and so is the question)."""
    import termios
    import tty

    if console is None:
        from lp_coach.cli.faces.ansi import styled

        sys.stdout.write("\n" + styled(PROMPT, "dim"))
    else:
        console.print()
        console.print(f"[dim]{PROMPT}[/]", end="")
    sys.stdout.flush()
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        key = sys.stdin.read(1)
    except KeyboardInterrupt:
        key = ""
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    sys.stdout.write("\n")
    return key in ("\r", "\n", "q")
