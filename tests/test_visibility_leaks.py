"""The two leaks the architecture review reproduced, through the real room, screen and CLI."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import pytest
from conftest import Invoke
from test_room_screen import phone, post, say, screen_for

from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.room.live import Room
from lp_coach.room.phone_view import step_for_phones
from lp_coach.store.db import connect, db_path
from lp_coach.study import engine, planning
from lp_coach.study import store as session_store
from lp_coach.study.readout import readout
from lp_coach.study.records import Options
from lp_coach.study.view import Reply

GROUP = ("Ann", "Ben")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


def start(library: Library) -> engine.Session:
    return planning.start(connect(), library, Options("customer-obsession", group=GROUP))


@pytest.fixture
def room(library: Library) -> Iterator[Room]:
    opened = Room.open(start(library), db_path(), "127.0.0.1", 0)
    yield opened
    opened.stop()


def go_to(session: engine.Session, key: str) -> None:
    session.state.position = [s.key for s in session.steps].index(key)


def first_question(session: engine.Session) -> str:
    return next(
        s.key for s in session.steps if s.segment.question and s.segment.question.follow_ups
    )


def test_a_phone_message_does_not_put_a_private_note_or_a_follow_up_on_the_screen(
    room: Room,
) -> None:
    session = room.session
    go_to(session, first_question(session))
    follow_up = session.step.segment.question.follow_ups[0]  # type: ignore[union-attr]
    step = session.step.key
    session.apply(Reply("note", "leader-only secret", private=True))
    session.apply(Reply("follow_up"))
    face, keys, out = screen_for(room, "an answer from a phone")
    said_before = [e.text for e in room.screen_view(session.view()).said]
    assert said_before == []  # the engine's view: nothing said yet
    client = phone(room, "Cal")
    sender = threading.Timer(0.3, say, (room, client, "an answer from a phone"), {"step": step})
    sender.start()
    face.show(session.view())  # the phone wakes the screen, which redraws the step
    face.close()
    sender.join()
    screen = out.getvalue()
    assert keys.seen is not None and "an answer from a phone" in screen
    assert "leader-only secret" not in screen
    said = [(e.kind, e.text) for e in room.refresh(session.view()).said]
    assert said == [("answer", "an answer from a phone")]
    assert ("follow_up", follow_up) not in said


def test_an_anonymous_action_step_stays_anonymous_at_the_next_check_in_and_in_today(
    library: Library, cli: Invoke
) -> None:
    first = start(library)
    opened = Room.open(first, db_path(), "127.0.0.1", 0)
    try:
        ben = phone(opened, "Ben")
        body = {"client": ben, "kind": "action", "text": "quietly fix the thing"}
        post(opened.url + "/say", {**body, "visibility": "anonymous"})
    finally:
        opened.stop()
    session_store.finish(first.conn, first.record.id, first.state)
    second = start(library)
    go_to(second, "welcome")
    view = second.view()
    shown = [line.text for line in readout(view)]
    assert "quietly fix the thing" in shown  # the step is recalled, without its author
    assert not any("Ben" in line for line in shown)
    stage = step_for_phones(view, prayer=True)
    stage.pop("people")  # the roll call's names (the phones' buttons), never an author
    assert "Ben" not in json.dumps(stage)
    result = cli("today", "--json")
    assert result.exit_code == 0, result.output
    steps = json.loads(result.stdout)["actions"]["steps"]
    assert steps == [{"person": None, "text": "quietly fix the thing"}]
