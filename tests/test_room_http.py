"""The live room over real HTTP on 127.0.0.1: a uvicorn thread, the stream, stopping, bad bytes."""

from __future__ import annotations

import http.client
import json
import select
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from test_room_app import new_session

from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.errors import UsageError
from lp_coach.room import app as room_app
from lp_coach.room.live import Room
from lp_coach.room.server import RoomServer, lan_address
from lp_coach.store.db import db_path
from lp_coach.study import store as session_store


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


@pytest.fixture
def room(library: Library) -> Iterator[Room]:
    session = new_session(library)
    session.state.position = [s.key for s in session.steps].index("welcome")
    opened = Room.open(session, db_path(), "127.0.0.1", 0)
    yield opened
    opened.stop()


def where(room: Room) -> tuple[str, int, str]:
    url = urlsplit(room.url)
    assert url.hostname is not None and url.port is not None
    return url.hostname, url.port, url.path


def request(room: Room, method: str, path: str, body: object = None) -> tuple[int, bytes]:
    host, port, base = where(room)
    conn = http.client.HTTPConnection(host, port, timeout=5)
    data = None if body is None else json.dumps(body).encode()
    conn.request(method, base + path, body=data, headers={"Content-Type": "application/json"})
    reply = conn.getresponse()
    try:
        return reply.status, reply.read()
    finally:
        conn.close()


def post(room: Room, path: str, body: object) -> dict[str, object]:
    status, data = request(room, "POST", path, body)
    assert status == 200, data
    result: dict[str, object] = json.loads(data)
    return result


def test_a_phone_joins_and_answers_over_http_and_the_screen_is_woken(room: Room) -> None:
    status, page = request(room, "GET", "")
    assert status == 200 and b"Customer Obsession" in page
    client = post(room, "/join", {"name": "Ann"})["client"]
    assert select.select([room.fileno()], [], [], 1.0)[0], "a join shows on the screen too"
    room.drain()
    assert not select.select([room.fileno()], [], [], 0)[0]
    post(room, "/say", {"client": client, "kind": "answer", "text": "over HTTP", "step": "welcome"})
    assert select.select([room.fileno()], [], [], 1.0)[0], "the screen was not woken"
    [entry] = session_store.entries(room.session.conn, room.session.record.id)
    assert (entry.person, entry.text, entry.source) == ("Ann", "over HTTP", f"room:{client}")


def test_a_wrong_code_is_403_over_http_too(room: Room) -> None:
    host, port, _ = where(room)
    conn = http.client.HTTPConnection(host, port, timeout=5)
    for path in ("/", "/nope/events", "/../../../etc/passwd", "/" + "x" * 5000):
        conn.request("GET", path)
        reply = conn.getresponse()
        assert (reply.status, reply.read()) == (403, room_app.GONE_PAGE.encode())
    conn.close()


def test_garbage_on_the_socket_does_not_stop_the_room(room: Room) -> None:
    host, port, _ = where(room)
    for junk in (
        b"GARBAGE\r\n\r\n",
        b"\x00\xff" * 500,
        b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n",
    ):
        with socket.create_connection((host, port), timeout=5) as sock:
            sock.sendall(junk)
            sock.shutdown(socket.SHUT_WR)
            sock.recv(4096)
    status, _ = request(room, "GET", "")
    assert status == 200


def read_event(stream: http.client.HTTPResponse) -> dict[str, object]:
    while True:
        line = stream.readline().decode()
        assert line, "the stream ended"
        if line.startswith("data: "):
            event: dict[str, object] = json.loads(line[6:])
            return event


def test_phones_follow_the_step_live_and_hear_when_it_ends(room: Room) -> None:
    session = room.session
    session.state.position = 0
    room.publish(session.view())
    host, port, base = where(room)
    conn = http.client.HTTPConnection(host, port, timeout=5)
    conn.request("GET", base + "/events")
    stream = conn.getresponse()
    assert stream.getheader("content-type", "").startswith("text/event-stream")
    assert read_event(stream)["step"] == "attendance"
    session.state.position = 1
    started = time.monotonic()
    room.publish(session.view())
    assert read_event(stream)["step"] == "welcome"
    assert time.monotonic() - started < 2.0  # well under; generous for a busy CI machine
    room.stop()
    assert read_event(stream) == {"ended": True}
    conn.close()
    with pytest.raises(OSError):
        socket.create_connection((host, port), timeout=1).close()


def test_a_port_in_use_is_a_clear_error(room: Room) -> None:
    host, port, _ = where(room)
    with pytest.raises(UsageError, match=f"cannot open the room on 127.0.0.1:{port}.*--room-port"):
        RoomServer(object(), host, port)


def test_the_lan_address_is_an_ipv4_address() -> None:
    address = lan_address()
    assert socket.inet_aton(address)
