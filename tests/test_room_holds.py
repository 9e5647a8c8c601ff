"""The room against a phone that misbehaves, a held lock and the end of the session."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_room_app import Room as AppRoom
from test_room_app import new_session

from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.room import slow
from lp_coach.room.app import build_app
from lp_coach.room.inbox import TOO_LATE, Inbox
from lp_coach.room.live import Room
from lp_coach.room.phone_view import Board
from lp_coach.room.server import RoomServer
from lp_coach.store.db import connect, db_path
from lp_coach.study import engine, records, runner, writeup
from lp_coach.study import store as session_store
from lp_coach.study.view import Reply, View


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


def at(session: engine.Session, key: str) -> engine.Session:
    session.state.position = [s.key for s in session.steps].index(key)
    return session


@pytest.fixture
def room(library: Library) -> Iterator[Room]:
    opened = Room.open(at(new_session(library), "welcome"), db_path(), "127.0.0.1", 0)
    opened.publish(opened.session.view())
    yield opened
    opened.stop()


def call(
    room: Room, method: str, path: str, body: object = None, **headers: str
) -> tuple[int, bytes]:
    url = urlsplit(room.url)
    conn = http.client.HTTPConnection(url.hostname or "", url.port, timeout=10)
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    sent = {
        "Content-Type": "application/json",
        **{k.replace("_", "-"): v for k, v in headers.items()},
    }
    conn.request(method, url.path + path, body=data, headers=sent)
    reply = conn.getresponse()
    try:
        return reply.status, reply.read()
    finally:
        conn.close()


def joined(room: Room, name: str = "Ann") -> str:
    status, data = call(room, "POST", "/join", {"name": name})
    assert status == 200, data
    return str(json.loads(data)["client"])


def answers(room: Room) -> list[records.SessionEntry]:
    found = session_store.entries(room.session.conn, room.session.record.id)
    return [e for e in found if e.kind == "answer"]


# A phone that misbehaves


def test_one_device_cannot_take_the_rooms_seats(library: Library) -> None:
    app = AppRoom(library)
    statuses = [
        app.client.post(f"{app.base}/join", json={"name": f"Seat {n}"}).status_code
        for n in range(12)
    ]
    assert statuses.count(200) <= 5 and statuses[-1] == 429
    app.inbox.close()


def test_the_rate_limit_holds_for_a_device_that_makes_up_new_ids(library: Library) -> None:
    app = AppRoom(library)
    clients = [app.inbox.join(f"P{n}", False, "", f"10.0.0.{n}").client for n in range(6)]
    statuses = [app.say(clients[n % 6], f"flood {n}")[0] for n in range(48)]
    assert statuses.count(200) <= 25 and statuses[-1] == 429
    app.inbox.close()


@pytest.mark.parametrize("host", ["evil.example", "attacker.rebind.network:8765", ""])
def test_a_host_the_room_does_not_serve_is_refused(room: Room, host: str) -> None:
    status, _ = call(room, "GET", "", Host=host)
    assert status == 421
    status, _ = call(room, "POST", "/join", {"name": "Eve"}, Host=host)
    assert status == 421
    assert room.joined == 0


def test_the_rooms_own_address_is_served(room: Room) -> None:
    assert call(room, "GET", "", Host=urlsplit(room.url).netloc)[0] == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"Content_Type": "text/plain"},
        {"Content_Type": "application/x-www-form-urlencoded"},
        {"Origin": "http://evil.example"},
        {"Sec_Fetch_Site": "cross-site"},
    ],
)
def test_a_post_from_another_sites_page_is_refused(room: Room, headers: dict[str, str]) -> None:
    client = joined(room)
    body = {"client": client, "kind": "answer", "text": "cross-site", "step": "welcome"}
    status, _ = call(room, "POST", "/say", body, **headers)
    assert status == 403
    assert answers(room) == []


def test_a_post_from_the_rooms_own_page_is_taken(room: Room) -> None:
    client = joined(room)
    origin = f"http://{urlsplit(room.url).netloc}"
    body = {"client": client, "kind": "answer", "text": "from the page", "step": "welcome"}
    status, _ = call(room, "POST", "/say", body, Origin=origin, Sec_Fetch_Site="same-origin")
    assert status == 200
    assert [e.text for e in answers(room)] == ["from the page"]


def test_an_answer_keeps_the_step_it_was_written_on_and_a_later_step_is_refused(
    room: Room,
) -> None:
    client = joined(room)
    body = {"client": client, "kind": "answer", "step": "discussion-1"}
    status, data = call(room, "POST", "/say", {**body, "text": "too soon"})
    assert status == 400 and "not open yet" in json.loads(data)["error"]
    room.publish(at(room.session, "discussion-1").view())
    late = {"client": client, "kind": "answer", "step": "welcome", "text": "late for welcome"}
    assert call(room, "POST", "/say", late)[0] == 200
    assert call(room, "POST", "/say", {**body, "text": "now open"})[0] == 200
    said = [(e.step, e.text) for e in answers(room)]
    assert said == [("welcome", "late for welcome"), ("discussion-1", "now open")]


def test_the_stream_cap_holds_under_a_burst(library: Library) -> None:
    session = at(new_session(library), "welcome")
    inbox = Inbox(db_path(), session.record.id, session.steps, cap=2)  # 4 streams at most
    server = RoomServer(build_app("c" * 12, inbox, Board(), "page"), "127.0.0.1", 0)
    server.start()
    request = f"GET /{'c' * 12}/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    socks = [socket.create_connection(("127.0.0.1", server.port), timeout=5) for _ in range(20)]
    try:
        for sock in socks:
            sock.sendall(request)
        heads = [sock.recv(64) for sock in socks]
        opened = sum(head.startswith(b"HTTP/1.1 200") for head in heads)
        assert opened == 4, heads
    finally:
        for sock in socks:
            sock.close()
        server.stop()
        inbox.close()


def test_slow_headers_are_timed_out(room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slow.HeaderDeadline, "header_seconds", 0.3)
    url = urlsplit(room.url)
    with socket.create_connection((url.hostname or "", url.port or 0), timeout=5) as sock:
        sock.sendall(f"GET {url.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        started = time.monotonic()
        sock.sendall(b"X-Slow: 1\r\n")
        assert sock.recv(100) == b""  # closed, not held open for the next line
        assert time.monotonic() - started < 3


@pytest.mark.parametrize(
    "body",
    [
        b'{"name": ' + b"[" * 4000 + b"]" * 4000 + b"}",
        b'{"name": "\\ud800x"}',
        b'{"name": "Ann\\udfff"}',
    ],
)
def test_what_a_phone_sends_never_gives_a_500(room: Room, body: bytes) -> None:
    status, data = call(room, "POST", "/join", body)
    assert status == 400, data
    assert json.loads(data)["error"]
    assert room.joined == 0


def test_a_lone_surrogate_in_an_answer_is_refused(room: Room) -> None:
    client = joined(room)
    body = b'{"client": "%s", "kind": "answer", "step": "welcome", "text": "a\\udc00"}'
    status, _ = call(room, "POST", "/say", body % client.encode())
    assert status == 400
    assert answers(room) == []


# A bad network


def test_a_message_sent_twice_is_stored_once(room: Room) -> None:
    client = joined(room)
    body = {"client": client, "kind": "answer", "step": "welcome", "text": "once", "id": "msg-0001"}
    first = call(room, "POST", "/say", body)
    again = call(room, "POST", "/say", body)  # its answer was lost on the way: sent again
    assert first[0] == again[0] == 200
    assert json.loads(first[1])["id"] == json.loads(again[1])["id"]
    assert [e.text for e in answers(room)] == ["once"]


def test_the_first_stage_has_everything_a_phone_reads() -> None:
    payload = json.loads(Board().current()[1])
    assert payload["follow_ups"] == [] and payload["kinds"] == [] and payload["lines"] == []


# Nothing acknowledged and then lost


def test_the_room_stops_taking_messages_before_the_notes_are_written(room: Room) -> None:
    client = joined(room)
    early = {"client": client, "kind": "answer", "step": "welcome", "text": "in time"}
    assert call(room, "POST", "/say", early)[0] == 200
    during: list[tuple[int, bytes]] = []

    def write_up(session: engine.Session) -> str:
        late = {**early, "text": "too late"}
        during.append(call(room, "POST", "/say", late))
        return writeup.write_up(session)

    session = room.session
    session.state.position = len(session.steps) - 1

    class Last:
        def show(self, view: View) -> Reply:
            room.publish(view)
            return Reply("next")

        def close(self) -> None:
            pass

    outcome = runner.run(session, Last(), room.closing(write_up))
    [(status, data)] = during
    assert status == 409 and json.loads(data)["error"] == TOO_LATE
    notes = Path(outcome.notes_path or "").read_text()
    assert "in time" in notes
    assert [e.text for e in answers(room)] == ["in time"]  # nothing stored that was refused


def test_a_held_lock_stalls_no_other_phone_and_the_message_is_kept(room: Room) -> None:
    client = joined(room)
    other = connect()
    other.execute("BEGIN IMMEDIATE")  # another command writing, for a while
    saying: list[tuple[int, bytes]] = []
    body = {"client": client, "kind": "answer", "step": "welcome", "text": "while locked"}
    sender = threading.Thread(target=lambda: saying.append(call(room, "POST", "/say", body)))
    sender.start()
    time.sleep(0.3)  # the message is waiting for the store
    started = time.monotonic()
    assert call(room, "GET", "")[0] == 200
    assert time.monotonic() - started < 1.0, "the page waited for the store"
    time.sleep(0.5)
    other.execute("COMMIT")
    other.close()
    sender.join()
    assert saying[0][0] == 200
    assert [e.text for e in answers(room)] == ["while locked"]


def test_a_private_note_typed_at_the_keyboard_is_never_on_the_shared_screen(room: Room) -> None:
    session = room.session
    session.apply(Reply("note", "worried about Ben", private=True))
    client = joined(room)
    body = {"client": client, "kind": "answer", "step": "welcome", "text": "hello"}
    assert call(room, "POST", "/say", body)[0] == 200
    shown = room.refresh(room.screen_view(session.view()))
    assert [e.text for e in shown.said] == ["hello"]


def test_a_fault_in_the_room_is_never_a_500(library: Library) -> None:
    app = AppRoom(library)
    client = app.join("Ann")
    app.inbox.close()  # the session stopped while this phone's request was on its way
    reply = app.client.post(f"{app.base}/mine", json={"client": client})
    assert reply.status_code == 503 and "send it again" in reply.json()["error"]
