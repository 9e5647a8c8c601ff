"""Run a quiz, or export the deck: what the `quiz` command asks of the core."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from fsrs import Scheduler

from lp_coach.clock import Clock, SharedClock, local_zone, start_of_day
from lp_coach.content.model import Library
from lp_coach.errors import UsageError
from lp_coach.quiz import engine, select, store
from lp_coach.quiz.anki import export_apkg
from lp_coach.quiz.cards import KINDS, Kind, QuizCard, build_cards
from lp_coach.quiz.engine import Quiz
from lp_coach.quiz.progress import progress
from lp_coach.quiz.schedule import scheduler as default_scheduler
from lp_coach.quiz.summary import idle_lines, intro_line, summarize, summary_lines
from lp_coach.store.db import connect

if TYPE_CHECKING:
    from lp_coach.quiz.group_progress import GroupProgress
    from lp_coach.quiz.progress import Progress


@dataclass(frozen=True)
class QuizRequest:
    """How a quiz was asked for."""

    principles: tuple[str, ...] = ()
    """Principles to keep, by id, title or prefix as typed (none: all)."""
    kinds: tuple[str, ...] = ()
    """Card kinds to keep, by name (none: all)."""
    count: int = select.DEFAULT_COUNT
    cram: bool = False
    seed: int | None = None
    new_per_day: int = select.NEW_PER_DAY
    retention: float | None = None
    """A new retention target, remembered in config.toml (None: the one remembered)."""


def retention_target(asked: float | None = None) -> float:
    """The retention target to schedule by: `asked` (checked, then remembered in config),
    else the one remembered, else FSRS's default 0.9."""
    from lp_coach.config import check_retention, load_config, remember_retention
    from lp_coach.quiz.schedule import RETENTION

    if asked is not None:
        asked = check_retention(asked)
        if load_config().retention != asked:
            remember_retention(asked)
        return asked
    return load_config().retention or RETENTION


def parse_kinds(names: Sequence[str]) -> tuple[Kind, ...]:
    """--kind values as kinds, or UsageError naming the one that is not a kind."""
    kinds: list[Kind] = []
    for name in names:
        kind = next((k for k in KINDS if k == name.strip().casefold()), None)
        if kind is None:
            raise UsageError(f"--kind {name!r}: not a card kind (choose from {', '.join(KINDS)})")
        kinds.append(kind)
    return tuple(dict.fromkeys(kinds))


def resolved(library: Library, request: QuizRequest) -> QuizRequest:
    """`request` with its principles as ids and its kinds checked (UsageError, NotFound)."""
    kinds = parse_kinds(request.kinds)
    if not request.principles:
        return replace(request, kinds=kinds)
    ids = library.resolve(request.principles)
    return replace(request, principles=ids, kinds=kinds)


def deck(library: Library, request: QuizRequest) -> list[QuizCard]:
    """The cards `request` (resolved) is about."""
    cards = build_cards(library)
    if request.principles:
        cards = [c for c in cards if c.principle_id in request.principles]
    if request.kinds:
        cards = [c for c in cards if c.kind in request.kinds]
    return cards


def start_quiz(
    conn: sqlite3.Connection,
    library: Library,
    request: QuizRequest,
    clock: Clock,
    scheduler: Scheduler | None = None,
) -> Quiz:
    """Choose the cards and set up the quiz (nothing is written until the first answer)."""
    request = resolved(library, request)
    if request.count < 1:
        raise UsageError("--count must be at least 1")
    cards = deck(library, request)
    if not cards:
        raise UsageError("no quiz cards match --principle and --kind")
    scheduler = scheduler or default_scheduler()
    rng = random.Random(request.seed)
    now = clock.now()
    store.retire(conn, build_cards(library), (p.id for p in library.principles))
    states = store.load_states(conn)
    if request.cram:
        chosen = select.practice(cards, states, now, request.count, rng, scheduler)
    else:
        today = start_of_day(now, local_zone())
        seen_today = store.introduced_since(conn, today)
        chosen = select.scheduled(
            cards,
            states,
            now,
            request.count,
            max(0, request.new_per_day - seen_today),
            {p.id: index for index, p in enumerate(library.principles)},
            rng,
            store.reviewed_since(conn, today),
        )
    titles = library.titles()
    return Quiz(conn, chosen, titles, states, clock, scheduler, rng, cram=request.cram)


class SayingFace(engine.QuizFace, Protocol):
    """A face that can also say lines of the quiz's own (the opening line)."""

    def say(self, lines: list[str], title: str | None = None) -> None:
        """Show `lines`, under `title` if given."""
        ...


@dataclass(frozen=True)
class Ran:
    """How a quiz ended, as lines to show under a title."""

    title: str
    lines: list[str]
    """The summary; or, when nothing was due, why not and what to do instead."""
    quiz: Quiz | None = None
    """None when there was nothing to ask."""
    interrupted: bool = False
    """Stopped by Ctrl-C (every answer given is saved all the same)."""


def run_quiz(
    request: QuizRequest,
    face: SayingFace,
    packs: Sequence[Path] = (),
    *,
    clock: Clock | None = None,
    zone: tzinfo | None = None,
) -> Ran:
    """Open the principles (built-in and `packs`) and the store, ask the chosen cards
    through `face` (each answer saved as it is given), and sum the quiz up."""

    from lp_coach.content.library import open_library

    library = open_library(packs)
    clock = clock or SharedClock()
    zone = zone or local_zone()
    planned = default_scheduler(retention=retention_target(request.retention))
    with closing(connect()) as conn:
        started = start_quiz(conn, library, request, clock, planned)
        if not started.selection.cards:
            narrowed = bool(request.principles or request.kinds)
            return Ran("Nothing due", idle_lines(conn, clock.now(), zone, narrowed))
        face.say([intro_line(started.selection, request.cram)])
        interrupted = False
        try:
            engine.run(started, face)
        except KeyboardInterrupt:
            started.stopped = interrupted = True
        now = clock.now()
        summary = summarize(started, now, zone)
        lines = summary_lines(summary, started.titles, now, zone)
    return Ran("Quiz done", lines, started, interrupted)


def progress_report(
    packs: Sequence[Path] = (),
    clock: Clock | None = None,
    *,
    group: str | None = None,
    in_group: str | None = None,
) -> Progress | GroupProgress:
    """Mastery per principle, reviews per day and the week's forecast, as of now; or, for a
    `group` (names, or '-'), each principle's mastery for it and each person (`group_report`)."""
    if group is not None:
        return group_report(group, packs, clock, in_group)
    from contextlib import closing

    from lp_coach.content.library import open_library

    library = open_library(packs)
    moment = (clock or SharedClock()).now()
    with closing(connect()) as conn:
        planned = default_scheduler(retention=retention_target())
        return progress(conn, library, planned, moment, local_zone())


def group_report(
    names: str,
    packs: Sequence[Path] = (),
    clock: Clock | None = None,
    in_group: str | None = None,
) -> GroupProgress:
    """Each principle's mastery for a group and each of its people: `names` comma-separated,
    or '-' for the people of the group (`in_group`, else the current one; groups/store.py),
    else of its last group session (UsageError when there are none)."""
    from contextlib import closing

    from lp_coach.config import load_config
    from lp_coach.content.library import open_library
    from lp_coach.quiz.group_progress import group_progress, last_group
    from lp_coach.store.db import connect

    library = open_library(packs)
    moment = (clock or SharedClock()).now()
    with closing(connect()) as conn:
        if names.strip() == "-":
            from lp_coach.groups.store import current

            people = current(conn, in_group).people or last_group(conn)
            if not people:
                raise UsageError("--group -: the group has no people yet; name them instead")
        else:
            people = tuple(dict.fromkeys(n.strip() for n in names.split(",") if n.strip()))
            if not people:
                raise UsageError('--group needs names, e.g. --group "Ann,Ben" (or - for the last)')
        return group_progress(conn, library, people, load_config().me, moment)


def export_anki(path: Path, packs: Sequence[Path] = (), clock: Clock | None = None) -> int:
    """Write every card of the principles (built-in and `packs`) as an Anki package at
    `path`; how many notes it holds."""
    from lp_coach.content.library import open_library

    return export_apkg(open_library(packs), path, (clock or SharedClock()).now())
