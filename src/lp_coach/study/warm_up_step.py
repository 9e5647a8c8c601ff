"""A warm-up card in a running session: picking the cards for the people present, the show
of hands typed at the laptop, and the reveal of the phones' answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from lp_coach.study import store, warm_up
from lp_coach.study.records import SessionEntry
from lp_coach.study.steps import WARM_UP, Step
from lp_coach.study.warm_up import PhoneAnswer, WarmUpCard

if TYPE_CHECKING:
    from lp_coach.study.engine import Session


def card(
    session: Session, step: Step, entries: list[SessionEntry] | None = None
) -> WarmUpCard | None:
    """The warm-up card of `step` (picked for the people present the first time the warm-up
    is shown), with how many phones answered and its count once taken; None when the group
    has fewer cards than the agenda has warm-up steps."""
    state = session.state
    if not state.warm_up:
        from lp_coach.clock import now
        from lp_coach.config import load_config

        state.warm_up = warm_up.choose(
            session.conn,
            session.library,
            session.people(),
            session.principle.id,
            session.record.options.warm_up,
            load_config().me,
            now(),
            session.record.group_id,
        )
        store.save_state(session.conn, session.record.id, state)
    number = int(step.key.rsplit("-", 1)[1])
    if number > len(state.warm_up):
        return None
    if entries is None:
        entries = store.entries(session.conn, session.record.id)
    counted = [e for e in entries if e.step == step.key and e.kind == WARM_UP]
    question = warm_up.question(
        session.library, state.warm_up[number - 1], number, len(state.warm_up), session.record.id
    )
    answered = len(warm_up.phone_answers(entries, step.key))
    tally = warm_up.tally_of(counted[-1]) if counted else None
    return warm_up.shown(question, tally, answered)


def count_hands(session: Session, step: Step, text: str) -> None:
    """A show of hands on a warm-up card: how many were right (of how many), kept as the
    group's figure; a count that is not one is ignored (the faces check it first)."""
    counted = warm_up.parse_count(text, len(session.people()))
    shown = card(session, step)
    if counted is None or shown is None:
        return
    tally = warm_up.entry_text(shown, warm_up.tally_text(*counted))
    store.add_entry(session.conn, session.record.id, step.key, WARM_UP, None, tally, session.state)


def reveal(session: Session, answers: Sequence[PhoneAnswer]) -> WarmUpCard | None:
    """Reveal the current warm-up card with the phones' `answers`: each named answer is kept
    as that person's review of the card (right or wrong, and how fast), as their own quiz
    keeps one; the spread of all of them, anonymous ones too, is the group's figure. A card
    revealed already keeps its first count (nobody's review is kept twice)."""
    step = session.step
    shown = card(session, step)
    if step.collects != WARM_UP or shown is None or shown.tally is not None:
        return shown
    from lp_coach.clock import now
    from lp_coach.config import load_config
    from lp_coach.quiz.warmup import record_answer

    me, moment = load_config().me, now()
    asked = warm_up.question(
        session.library,
        session.state.warm_up[shown.number - 1],
        shown.number,
        shown.total,
        session.record.id,
    )
    for answer in answers:
        if answer.person is not None:
            right = answer.choice == shown.answer
            record_answer(
                session.conn, asked.card, answer.person, me, right, answer.seconds, moment
            )
    text = warm_up.entry_text(shown, warm_up.spread_text(shown, answers))
    store.add_entry(session.conn, session.record.id, step.key, WARM_UP, None, text, session.state)
    return card(session, step)
