"""The room on the shared screen: a phone's answer drawn within a second, in a real terminal too."""

from __future__ import annotations

import io
import json
import re
import select
import signal
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from rich.console import Console
from test_room_app import new_session
from test_study_e2e import spawn

from lp_coach.cli.faces.room_panel import qr_text
from lp_coach.cli.faces.study_screen import ScreenFace
from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.room.face import RoomFace
from lp_coach.room.live import Room
from lp_coach.store.db import connect, db_path
from lp_coach.study import store as session_store
from lp_coach.study.view import Reply


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


@pytest.fixture
def room(library: Library) -> Iterator[Room]:
    opened = Room.open(new_session(library), db_path(), "127.0.0.1", 0)
    yield opened
    opened.stop()


def post(url: str, body: dict[str, object]) -> dict[str, object]:
    data = json.dumps(body).encode()
    sent = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(sent, timeout=5) as reply:
        result: dict[str, object] = json.load(reply)
        return result


def phone(room: Room, name: str, **join: object) -> str:
    return str(post(room.url + "/join", {"name": name, **join})["client"])


def say(room: Room, client: str, text: str, **extra: object) -> None:
    body = {"client": client, "kind": "answer", "text": text, "step": "welcome", **extra}
    post(room.url + "/say", body)


class WatchKeys:
    """Keys for the screen: 'room' when the room wakes it, 'q' once `needle` is on screen."""

    def __init__(self, room: Room, out: io.StringIO, needle: str) -> None:
        self.room, self.out, self.needle = room, out, needle
        self.seen: float | None = None
        self.deadline = time.monotonic() + 10

    def start(self) -> None:
        pass

    def read(self, timeout: float) -> list[str]:
        if self.needle in self.out.getvalue() or time.monotonic() > self.deadline:
            self.seen = self.seen or time.monotonic()
            return ["q"]
        woken = select.select([self.room.fileno()], [], [], timeout)[0]
        return ["room"] if woken else []

    def close(self) -> None:
        pass


def screen_for(room: Room, needle: str) -> tuple[RoomFace, WatchKeys, io.StringIO]:
    out = io.StringIO()
    console = Console(file=out, width=120, height=40, color_system=None, force_terminal=True)
    keys = WatchKeys(room, out, needle)
    return RoomFace(ScreenFace(console, keys, room=room), room), keys, out


def at_welcome(room: Room) -> None:
    room.session.state.position = [s.key for s in room.session.steps].index("welcome")
    room.publish(room.session.view())  # phones follow the step, and may answer it


def test_a_phones_answer_is_on_the_screen_within_a_second(room: Room) -> None:
    at_welcome(room)
    face, keys, out = screen_for(room, "Cal: thanks from my phone")
    client = phone(room, "Cal")
    sent: list[float] = []

    def send() -> None:
        time.sleep(0.3)
        sent.append(time.monotonic())
        say(room, client, "thanks from my phone")

    sender = threading.Thread(target=send)
    sender.start()
    assert face.show(room.session.view()) == Reply("quit")
    face.close()
    sender.join()
    assert keys.seen is not None and "Cal: thanks from my phone" in out.getvalue()
    assert keys.seen - sent[0] < 1.0


def test_the_screen_hides_anonymous_names_and_leader_only_requests(room: Room) -> None:
    at_welcome(room)
    ann = phone(room, "Ann")
    say(room, ann, "I found it hard", visibility="anonymous")
    say(room, ann, "[bold red]not markup[/]")
    say(room, ann, "my private request", kind="prayer", visibility="leader")
    face, _, out = screen_for(room, "not markup")
    face.show(room.session.view())
    face.close()
    screen = out.getvalue()
    assert "Anonymous: I found it hard" in screen and "Ann: I found it hard" not in screen
    assert re.search(r"Ann: +\[bold red\]not markup\[/\]", screen)  # names line up
    room.session.state.position = [s.key for s in room.session.steps].index("closing")
    face, _, out = screen_for(room, "for the leader only")
    face.show(room.session.view())
    face.close()
    assert "my private request" not in out.getvalue()
    assert "a prayer request for the leader · 1 so far" in out.getvalue()


def test_the_welcome_shows_a_qr_code_and_later_steps_the_url(room: Room) -> None:
    at_welcome(room)
    face, _, out = screen_for(room, "Join the room")
    face.show(room.session.view())
    face.close()
    assert room.url in out.getvalue() and "▀" in out.getvalue()
    room.session.state.position += 2
    face, _, out = screen_for(room, f"phones: {room.url}")
    face.show(room.session.view())
    face.close()
    assert "Join the room" not in out.getvalue()
    assert f"phones: {room.url} · nobody has joined yet" in out.getvalue()


def test_the_qr_code_is_two_rows_a_line() -> None:
    rows = [[True, False], [True, True], [False, True]]
    assert qr_text(rows).plain == "█▄\n ▀"


URL = re.compile(r"http://127\.0\.0\.1:(\d+)/([A-Za-z0-9_-]+)")


@pytest.mark.e2e
def test_in_a_terminal_a_phones_answer_shows_survives_a_kill_and_the_room_comes_back(
    isolated_home: Path,
) -> None:
    room_args = ("--room", "--room-host", "127.0.0.1", "--room-port", "0")
    child = spawn(isolated_home, "study", "customer-obsession", "--group", "Ann,Ben", *room_args)
    child.expect(URL)
    code = child.match.group(2)
    url = child.match.group(0)
    child.expect("for the leader only")  # the leader's link first, on a screen of its own
    child.send(" ")
    child.expect("Join the room")
    child.send("\r")  # everyone is here
    child.expect("step 2 of")
    client = str(post(url + "/join", {"name": "Cal"})["client"])
    post(
        url + "/say",
        {"client": client, "kind": "answer", "text": "hello from Cal", "step": "welcome"},
    )
    child.expect("hello from Cal", timeout=2)
    child.kill(signal.SIGKILL)
    child.close()

    conn = connect()
    record = session_store.latest(conn)
    assert record is not None and record.options.room == code
    assert [e.text for e in session_store.entries(conn, record.id) if e.kind == "answer"] == [
        "hello from Cal"
    ]
    child = spawn(
        isolated_home, "study", "--resume", "--room-host", "127.0.0.1", "--room-port", "0"
    )
    child.expect(URL)
    assert child.match.group(2) == code, "the room came back with another code"
    url = child.match.group(0)
    child.expect("for the leader only")
    child.send(" ")
    child.expect("hello from Cal")  # still on the welcome step, with what was said
    post(url + "/join", {"name": "Cal", "client": client})
    say_body = {"client": client, "kind": "action", "text": "call one customer"}
    post(url + "/say", say_body)
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    said = [(e.kind, e.person, e.text) for e in session_store.entries(conn, record.id)]
    assert ("action", "Cal", "call one customer") in said
    with pytest.raises(OSError):  # the room closed with the session
        urllib.request.urlopen(url, timeout=1)
