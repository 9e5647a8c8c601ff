"""Write up a session's notes (Markdown and HTML) through the templates in prompts/."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from lp_coach.atomic import atomic_write
from lp_coach.content.model import Principle, Scripture
from lp_coach.paths import data_dir, ensure_private_dir
from lp_coach.study.sessions import ANONYMOUS, LEADER, Entry, SessionRecord
from lp_coach.study.steps import Step

FORMATS = ("md", "html")


@dataclass
class Section:
    """One step of the session as the notes tell it: what was asked, what was said."""

    key: str
    title: str
    prompt: str
    said: list[Entry] = field(default_factory=list)
    notes: list[Entry] = field(default_factory=list)


def notes_dir() -> Path:
    """Where session notes are written."""
    return data_dir() / "notes"


def notes_context(
    record: SessionRecord,
    principle: Principle,
    steps: list[Step],
    entries: list[Entry],
    next_principle: Principle | None,
) -> dict[str, Any]:
    """Everything the notes templates show, as plain values."""
    entries = shared_entries(entries)
    sections: list[Section] = []
    for step in steps:
        if step.collects == "answer":
            sections.append(Section(step.key, step.segment.title, step_prompt(step)))
    by_key = {s.key: s for s in sections}
    attendees: list[str] = []
    actions: list[Entry] = []
    prayers: list[Entry] = []
    other_notes: list[tuple[str, Entry]] = []
    titles = {s.key: s.segment.title for s in steps}
    for entry in entries:
        if entry.kind == "attendance":
            attendees.append(entry.person or "")
        elif entry.kind == "action":
            actions.append(entry)
        elif entry.kind == "prayer":
            prayers.append(entry)
        elif entry.step in by_key and entry.kind == "answer":
            by_key[entry.step].said.append(entry)
        elif entry.step in by_key:
            by_key[entry.step].notes.append(entry)
        else:
            other_notes.append((titles.get(entry.step, entry.step), entry))
    passages: list[Scripture] = [s.passage for s in steps if s.passage is not None]
    started = datetime.fromisoformat(record.started)
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
        "other_notes": other_notes,
        "next_principle": next_principle,
        "minutes": record.options.minutes,
    }


def shared_entries(entries: list[Entry]) -> list[Entry]:
    """What the group's notes may show: no leader-only entries, no anonymous person's name."""
    return [
        replace(e, person=None) if e.visibility == ANONYMOUS else e
        for e in entries
        if e.visibility != LEADER
    ]


def write_notes(context: dict[str, Any], overrides: tuple[Path, ...] = ()) -> Path:
    """Render and write the Markdown and HTML notes; return the Markdown file's path.

    Notes written before for this session are written again in place; new ones are named
    by date and principle (and the session's id, when that name is taken). A folder or
    file that cannot be written raises StoreError naming it.
    """
    from lp_coach.render.templates import render

    record: SessionRecord = context["session"]
    if record.notes_path:
        markdown = Path(record.notes_path)
        ensure_private_dir(markdown.parent)
    else:
        stem = f"{context['date']}-{record.principle_id}"
        directory = ensure_private_dir(notes_dir())
        if any((directory / f"{stem}.{fmt}").exists() for fmt in FORMATS):
            stem = f"{stem}-{record.id}"
        markdown = directory / f"{stem}.md"
    for path in note_files(markdown):
        text = render(f"session-notes{path.suffix}.j2", overrides, **context)
        atomic_write(path, text, mode=0o600)
    return markdown


def note_files(markdown: Path) -> list[Path]:
    """The files of one session's notes, given its Markdown file: one per format."""
    return [markdown.with_suffix(f".{fmt}") for fmt in FORMATS]


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
        return "Check-in: how has the week been, and how did the last action steps go?"
    if step.kind == "actions":
        return "My action step this week"
    return segment.title
