"""What the `practice` commands ask of the core: a practice run, and the attempts so far."""

from __future__ import annotations

import random
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lp_coach.errors import Interrupted, UsageError
from lp_coach.practice import store
from lp_coach.practice.choose import choose
from lp_coach.practice.session import run
from lp_coach.practice.store import history as attempts
from lp_coach.store.db import connect
from lp_coach.stories import store as story_store

if TYPE_CHECKING:
    from lp_coach.practice.session import PracticeFace, Practised
    from lp_coach.practice.store import Attempt

STOPPED = "Stopped; the answers judged so far are kept."
"""What Ctrl-C in a practice says: every attempt judged is recorded already."""


@dataclass(frozen=True)
class PracticeRequest:
    """How a practice was asked for."""

    principles: tuple[str, ...] = ()
    """As typed: id, title or prefix (none: any, those with fewest stories most often)."""
    count: int = 1
    minutes: float = 2.0
    aloud: bool = False
    seed: int | None = None
    secular: bool = False
    """Leave out questions that assume faith (content/audience.py); also when the config
    says `secular = true`."""


class History(NamedTuple):
    """The attempts asked for, newest last, and the principles' titles."""

    attempts: list[Attempt]
    titles: dict[str, str]


def run_practice(
    request: PracticeRequest, face: PracticeFace, packs: Sequence[Path] = ()
) -> Practised:
    """Choose the questions and ask them through `face`, each attempt recorded as it is
    judged; Ctrl-C raises Interrupted saying so."""

    from lp_coach.content.library import open_library

    if not request.minutes > 0:
        raise UsageError("--minutes must be more than 0")
    library = open_library(packs)
    from lp_coach.config import secular_default

    if secular_default(request.secular):
        from lp_coach.content.audience import SECULAR, library_for

        library = library_for(library, SECULAR)
    only = library.resolve(request.principles)
    with closing(connect()) as conn:
        questions = choose(
            library,
            story_store.tag_counts(conn),
            request.count,
            random.Random(request.seed),
            only=only,
            asked=store.times_asked(conn),
        )
        try:
            return run(conn, questions, face, minutes=request.minutes, spoken=request.aloud)
        except KeyboardInterrupt:
            raise Interrupted(STOPPED) from None


def history(
    principles: Sequence[str] = (), number: int | None = None, packs: Sequence[Path] = ()
) -> History:
    """The attempts for `principles` (as typed; none: all), the latest `number` of them."""
    from lp_coach.content.library import open_library

    library = open_library(packs)
    only = library.resolve(principles)
    with closing(connect()) as conn:
        found = attempts(conn, only, number)
    return History(found, library.titles())
