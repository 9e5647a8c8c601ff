"""Write up a session's notes (Markdown and HTML) through the templates in prompts/."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lp_coach.atomic import atomic_write
from lp_coach.clock import local, parse_stamp
from lp_coach.content.model import Principle, Scripture
from lp_coach.paths import data_dir, ensure_private_dir
from lp_coach.study import visibility
from lp_coach.study.carried import ANSWERED
from lp_coach.study.records import SessionEntry, SessionRecord
from lp_coach.study.steps import CHECK_IN, WARM_UP, Step

FORMATS = ("md", "html")
CARRIED_TITLE = "from last time"
"""Where the leader's copy says a leader-only prayer request brought back came from."""
LEADER_COPY = "-leader"
"""Added to the notes' file name for the leader's copy (with the private notes)."""


@dataclass
class Section:
    """One step of the session as the notes tell it: what was asked, what was said."""

    key: str
    title: str
    prompt: str
    questions: list[str] = field(default_factory=list)
    """Every question the step put to the group (a story has several)."""
    items: list[SessionEntry] = field(default_factory=list)
    """Answers, notes and the follow-up questions shown, in the order they came."""
    said: list[SessionEntry] = field(default_factory=list)
    notes: list[SessionEntry] = field(default_factory=list)


def notes_dir() -> Path:
    """Where session notes are written."""
    return data_dir() / "notes"


def notes_context(
    record: SessionRecord,
    principle: Principle,
    steps: list[Step],
    entries: list[SessionEntry],
    next_principle: Principle | None,
    *,
    leader: bool = False,
    carried_for_leader: tuple[SessionEntry, ...] = (),
) -> dict[str, Any]:
    """Everything the notes templates show, as plain values.

    What each copy shows is `visibility`'s: the group's notes leave out private (leader-only)
    entries; the leader's copy has them apart, in "For the leader only". Neither shows the name
    behind an anonymous entry. `carried_for_leader`: last time's leader-only prayer requests,
    brought back in the leader's copy alone.
    """
    entries = shared_entries(entries, leader=leader)
    for_leader = [e for e in entries if visibility.leader_only(e)]
    entries = [e for e in entries if not visibility.leader_only(e)]
    sections: list[Section] = []
    for step in steps:
        if step.collects == "answer":
            sections.append(
                Section(step.key, step.segment.title, step_prompt(step), step_questions(step))
            )
    by_key = {s.key: s for s in sections}
    attendees: list[str] = []
    actions: list[SessionEntry] = []
    prayers: list[SessionEntry] = []
    answered: list[SessionEntry] = []
    other_notes: list[tuple[str, SessionEntry]] = []
    warm_up: list[SessionEntry] = []
    titles = {s.key: s.segment.title for s in steps}
    for entry in entries:
        if entry.kind == "attendance":
            attendees.append(entry.person or "")
        elif entry.kind == "action":
            actions.append(entry)
        elif entry.kind == "prayer":
            prayers.append(entry)
        elif entry.kind == ANSWERED:
            answered.append(entry)
        elif entry.kind == WARM_UP:
            warm_up.append(entry)
        elif entry.step in by_key:
            section = by_key[entry.step]
            section.items.append(entry)
            if entry.kind == "answer":
                section.said.append(entry)
            elif entry.kind == "note":
                section.notes.append(entry)
        elif entry.kind != "follow_up":
            other_notes.append((titles.get(entry.step, entry.step), entry))
    passages: list[Scripture] = [s.passage for s in steps if s.passage is not None]
    started = local(parse_stamp(record.started))
    return {
        "session": record,
        "date": started.date().isoformat(),
        "date_long": f"{started:%A} {started.day} {started:%B %Y}",
        "principle": principle,
        "attendees": list(dict.fromkeys(attendees)) or list(record.options.group),
        "solo": not record.options.group,
        "passages": passages if record.options.scripture else [],
        "sections": sections,
        "actions": actions,
        "prayers": prayers,
        "answered": answered,
        "other_notes": other_notes,
        "warm_up": [(int(e.step.rsplit("-", 1)[1]), e) for e in _last_per_step(warm_up)],
        "next_principle": next_principle,
        "minutes": record.options.minutes,
        "leader_copy": leader,
        "for_leader": [(titles.get(e.step, e.step), e) for e in for_leader]
        + [(CARRIED_TITLE, e) for e in (carried_for_leader if leader else ())],
    }


def _last_per_step(entries: list[SessionEntry]) -> list[SessionEntry]:
    """The last of the entries of each step (a count taken again replaces the first)."""
    return list({e.step: e for e in entries}.values())


def shared_entries(entries: list[SessionEntry], *, leader: bool = False) -> list[SessionEntry]:
    """What the notes may show (`visibility`): no anonymous person's name; leader-only entries
    only in the leader's copy."""
    audience = visibility.LEADER_NOTES if leader else visibility.GROUP_NOTES
    return visibility.visible(entries, audience)


def has_private(entries: list[SessionEntry]) -> bool:
    """Whether a leader's copy of the notes is needed."""
    return visibility.needs_leader_copy(entries)


def write_notes(
    context: dict[str, Any], overrides: tuple[Path, ...] = (), beside: Path | None = None
) -> Path:
    """Render and write the Markdown and HTML notes; return the Markdown file's path.

    With `beside` (the group's Markdown notes), write the leader's copy next to them.
    Notes written before for this session are written again in place; new ones are named
    by date and principle (and the session's id, when that name is taken). A folder or
    file that cannot be written raises StoreError naming it.
    """
    from lp_coach.render.templates import render

    record: SessionRecord = context["session"]
    if beside is not None:
        markdown = beside.with_name(beside.stem + LEADER_COPY + beside.suffix)
    elif record.notes_path:
        markdown = Path(record.notes_path)
        ensure_private_dir(markdown.parent)
    else:
        markdown = new_notes_path(context)
    for path in format_files(markdown):
        text = render(f"session-notes{path.suffix}.j2", overrides, **context)
        atomic_write(path, text, mode=0o600)
    return markdown


def new_notes_path(context: dict[str, Any]) -> Path:
    """Where a session's notes go the first time: named by date and principle (and the
    session's id, when that name is taken)."""
    record: SessionRecord = context["session"]
    stem = f"{context['date']}-{record.principle_id}"
    directory = ensure_private_dir(notes_dir())
    if any(
        (directory / f"{stem}{end}.{fmt}").exists() for fmt in FORMATS for end in ("", LEADER_COPY)
    ):
        stem = f"{stem}-{record.id}"
    return directory / f"{stem}.md"


def notes_written(record: SessionRecord) -> bool:
    """True when every file of `record`'s group notes is there (the leader's copy is written
    before them, so it is there too)."""
    if not record.notes_path:
        return False
    return all(path.exists() for path in format_files(Path(record.notes_path)))


def format_files(markdown: Path) -> list[Path]:
    """The files of one session's notes, given its Markdown file: one per format."""
    return [markdown.with_suffix(f".{fmt}") for fmt in FORMATS]


def written_files(markdown: Path) -> list[Path]:
    """Every file written with these notes: Markdown and HTML, then the leader's copy."""
    leader = markdown.with_name(markdown.stem + LEADER_COPY + markdown.suffix)
    return [path for path in [*format_files(markdown), *format_files(leader)] if path.exists()]


def step_questions(step: Step) -> list[str]:
    """The questions a step asks the group, when it asks more than its prompt says."""
    example = step.segment.example
    return list(example.questions) if example is not None else []


def step_prompt(step: Step) -> str:
    """What a step asks, in one line of text (for notes and journal entries)."""
    segment = step.segment
    if segment.question is not None:
        return segment.question.question
    if segment.tension is not None:
        return segment.tension.question
    if segment.example is not None:
        questions = segment.example.questions
        return questions[0] if questions else segment.example.lesson
    if step.kind == "welcome":
        return CHECK_IN
    if step.kind == "actions":
        return "My action step this week"
    return segment.title
