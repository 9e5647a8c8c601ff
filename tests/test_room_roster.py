"""The room's roster: names as the roll call has them, phone joiners present, a turn passed by
a phone, a name held twice, the QR code on a small screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from test_room_app import Room as AppRoom
from test_room_screen import phone, post
from test_study_engine import Script

from lp_coach.cli.faces.room_panel import RoomFrame, qr_text
from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.room.face import RoomFace
from lp_coach.room.live import Room
from lp_coach.room.phone_view import step_for_phones
from lp_coach.store.db import connect, db_path
from lp_coach.study import engine, planning, runner, writeup
from lp_coach.study import store as session_store
from lp_coach.study.from_phones import add_person
from lp_coach.study.records import Options
from lp_coach.study.view import Reply


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


def group_session(
    library: Library, group: tuple[str, ...] = ("Ann", "Ben", "Cal")
) -> engine.Session:
    return planning.start(
        connect(), library, Options("customer-obsession", minutes=45, group=group)
    )


@pytest.fixture
def room(library: Library) -> Iterator[Room]:
    opened = Room.open(group_session(library), db_path(), "127.0.0.1", 0)
    yield opened
    opened.stop()


def to(session: engine.Session, key: str) -> None:
    while session.step.key != key:
        session.apply(Reply("next"))


def test_a_typed_name_joins_as_the_roster_spells_it(library: Library) -> None:
    room = AppRoom(library)
    reply = room.client.post(f"{room.base}/join", json={"name": "ann"})
    assert reply.status_code == 200 and reply.json()["name"] == "Ann"
    reply = room.client.post(f"{room.base}/join", json={"name": "  BEN "})
    assert reply.json()["name"] == "Ben"
    room.inbox.close()


def test_a_second_phone_taking_a_held_name_is_told_and_asked_to_confirm(library: Library) -> None:
    room = AppRoom(library)
    first = room.join("Ben")
    reply = room.client.post(f"{room.base}/join", json={"name": "ben"})
    assert reply.status_code == 409 and reply.json()["confirm"] is True
    assert "already joined as Ben" in reply.json()["error"]
    again = room.client.post(f"{room.base}/join", json={"name": "Ben", "client": first})
    assert again.status_code == 200  # the same phone coming back is not asked
    sure = room.client.post(f"{room.base}/join", json={"name": "ben", "confirm": True})
    assert sure.status_code == 200 and sure.json()["name"] == "Ben"
    assert room.inbox.count() == 2
    room.inbox.close()


def test_the_name_buttons_follow_the_roll_call(room: Room) -> None:
    session = room.session
    face = RoomFace(Script(Reply("answer", "Ann, Ben, Dave")), room)
    runner.run(session, face, writeup.write_up)
    assert session.people() == ("Ann", "Ben", "Dave")
    stage = step_for_phones(session.view(), prayer=True)
    assert stage["people"] == ["Ann", "Ben", "Dave"]  # Cal is away, Dave came


def test_someone_who_joins_only_by_phone_is_present_and_in_the_notes(room: Room) -> None:
    session = room.session
    client = phone(room, "Visitor Dave")
    to(session, "welcome")  # the roll call: everyone on the list is here
    post(
        room.url + "/say",
        {"client": client, "kind": "answer", "text": "glad to be here", "step": "welcome"},
    )
    replies = [Reply("next")] * (len(session.steps) + 10)
    face = RoomFace(Script(*replies), room)
    outcome = runner.run(session, face, writeup.write_up)
    assert "Visitor Dave" in session.people()
    notes = Path(outcome.notes_path or "").read_text()
    assert "**Present:** Ann, Ben, Cal, Visitor Dave" in notes


def test_a_phone_answer_from_the_person_whose_turn_it_is_passes_the_turn(room: Room) -> None:
    session = room.session
    to(session, "discussion-1")
    view = room.screen_view(session.view())
    turn = view.person
    assert turn is not None
    client = phone(room, turn)
    post(
        room.url + "/say",
        {"client": client, "kind": "answer", "text": "from my phone", "step": "discussion-1"},
    )
    after = room.refresh(view)
    assert after.person not in (None, turn)
    other = next(p for p in session.people() if p not in (turn, after.person))
    post(
        room.url + "/say",
        {"client": phone(room, other), "kind": "answer", "text": "me too", "step": "discussion-1"},
    )
    assert room.refresh(after).person == after.person  # someone else spoke: still their turn


def test_a_phone_action_step_passes_the_turn_and_the_step_stays(room: Room) -> None:
    session = room.session
    to(session, "actions")
    for name in session.people():
        assert room.refresh(session.view()).person == name
        client = phone(room, name)
        post(
            room.url + "/say",
            {"client": client, "kind": "action", "text": f"{name} acts", "step": "actions"},
        )
    assert room.refresh(session.view()).person is None
    assert session.step.key == "actions"  # the leader moves on, not the phones


def drawn(room: Room, width: int, height: int) -> str:
    console = Console(width=width, height=height, record=True, color_system=None)
    console.print(RoomFrame("the study screen", room.session.view(), room))
    return console.export_text()


def test_an_80_by_24_screen_shows_a_qr_code_that_fits(room: Room) -> None:
    room.url = "http://192.168.100.200:8765/" + room.url.rsplit("/", 1)[1]  # a long LAN one
    room._qr = []
    text = drawn(room, 80, 24)
    lines = text.splitlines()
    assert "Scan to join" in text and len(lines) <= 24
    assert all(len(line) <= 80 for line in lines)
    code = [line for line in qr_text(room.qr()).plain.splitlines() if line.strip()]
    at = [n for n, line in enumerate(lines) for part in code[:1] if part in line]
    assert at and all(part in lines[at[0] + i] for i, part in enumerate(code))  # all of it


def test_a_screen_too_small_for_the_qr_code_says_how_to_get_it(room: Room) -> None:
    text = drawn(room, 60, 20)
    assert "QR code: widen the window to" in text and room.url in text
    assert "Scan to join" not in text


def test_a_finished_sessions_roll_call_is_not_changed_by_a_late_phone(library: Library) -> None:
    session = group_session(library)
    assert not add_person(session, "Dave")  # before the roll call: it is still to come
    to(session, "welcome")
    assert add_person(session, "Dave") and not add_person(session, "dave")
    present = [
        e.person
        for e in session_store.entries(session.conn, session.record.id)
        if e.kind == "attendance"
    ]
    assert present == ["Ann", "Ben", "Cal", "Dave"]


def test_an_anonymous_or_leader_only_word_does_not_pass_the_turn(room: Room) -> None:
    session = room.session
    to(session, "closing")
    turn = room.refresh(session.view()).person
    assert turn is not None
    client = phone(room, turn)
    for visibility in ("anonymous", "leader"):
        body = {"client": client, "kind": "prayer", "text": "only for you", "step": "closing"}
        post(room.url + "/say", {**body, "visibility": visibility})
        assert room.refresh(session.view()).person == turn  # the room cannot tell who sent it


def test_once_phones_are_in_the_small_check_in_keeps_its_width(room: Room) -> None:
    session = room.session
    phone(room, "Ann")
    assert "Scan to join" in drawn(room, 80, 24)  # the roll call: latecomers still scan
    to(session, "welcome")
    text = drawn(room, 80, 24)
    assert "Scan to join" not in text and room.url in text and "widen" not in text
