"""The leader page: its own code, in-process and over real HTTP, driving the one engine."""

from __future__ import annotations

import base64
import http.client
import io
import json
import queue
import select
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from conftest import Invoke
from rich.console import Console
from starlette.testclient import TestClient

from lp_coach.cli.faces.study_screen import ScreenFace
from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.room.app import build_app
from lp_coach.room.codes import ensure_code, ensure_leader_code
from lp_coach.room.desk import LeaderDesk
from lp_coach.room.face import RoomFace
from lp_coach.room.inbox import Inbox
from lp_coach.room.leader_app import leader_app, leader_page
from lp_coach.room.live import Room
from lp_coach.room.page import room_page
from lp_coach.room.phone_view import Board
from lp_coach.store.db import connect, db_path
from lp_coach.study import engine, planning, runner, service, writeup
from lp_coach.study import store as session_store
from lp_coach.study.records import LEADER, Options
from lp_coach.study.runner import Outcome
from lp_coach.study.view import Reply
from lp_coach.study.visibility import LEADER_PAGE, visible

LEADER_NOTE = "Some in the group will not think they have customers"
FOLLOW_UP = "Who counts as your customer if you never meet anyone who buys something?"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


def start(library: Library, shared: bool = False) -> engine.Session:
    options = Options("customer-obsession", minutes=45, group=("Ann", "Ben"), leader=True)
    return planning.start(connect(shared=shared), library, options)


def go_to(session: engine.Session, key: str) -> None:
    session.state.position = [s.key for s in session.steps].index(key)


# --- in-process ---------------------------------------------------------------------------


class Apps:
    """The room's and the leader page's apps over a real store, as Room.open joins them."""

    def __init__(self, library: Library) -> None:
        self.session = start(library)
        self.code = ensure_code(self.session.conn, self.session.record)
        self.secret = ensure_leader_code(self.session.conn, self.session.record)
        self.inbox = Inbox(db_path(), self.session.record.id, self.session.steps)
        self.desk = LeaderDesk(self.secret)
        page = room_page(self.code, "Customer Obsession", ("Ann", "Ben"))
        leader = leader_app(self.desk, self.inbox, leader_page(self.secret, "Customer Obsession"))
        app = build_app(self.code, self.inbox, Board(), page, (self.secret, leader))
        self.client = TestClient(app)


@pytest.fixture
def apps(library: Library) -> Iterator[Apps]:
    made = Apps(library)
    yield made
    made.inbox.close()


def test_the_leader_code_is_its_own_and_nothing_else_opens_the_leader_page(apps: Apps) -> None:
    assert len(base64.urlsafe_b64decode(apps.secret + "==")) * 8 >= 72
    assert apps.secret != apps.code and apps.code not in apps.secret
    assert apps.client.get(f"/{apps.secret}").status_code == 200
    assert "Leader page" in apps.client.get(f"/{apps.secret}").text
    refused = [
        ("GET", f"/{apps.code}/leader"),
        ("POST", f"/{apps.code}/do"),
        ("POST", f"/{apps.code}/note"),
        ("POST", f"/{apps.code}/{apps.secret}/do"),
        ("POST", f"/{apps.secret[:-1]}/do"),
        ("GET", f"/{apps.secret.upper()}"),
        ("POST", f"/{apps.secret}/join"),  # the leader's code opens no room path either
        ("POST", f"/{apps.secret}/say"),
        ("GET", f"/x/{apps.secret}"),
    ]
    nowhere = apps.client.get("/no-code-at-all")
    assert nowhere.status_code == 403 and "Room not found" in nowhere.text
    for method, path in refused:
        reply = apps.client.request(method, path, content=b'{"command": "next", "at": 0}')
        assert (reply.status_code, reply.content) == (403, nowhere.content), path
    assert apps.desk.take() == []


def test_commands_queue_with_their_step_and_notes_are_the_leaders_only(apps: Apps) -> None:
    base = f"/{apps.secret}"
    plain = apps.client.post(base + "/do", json={"command": "next", "at": 3})
    assert plain.status_code == 409 and "plain prompts" in plain.json()["error"]
    apps.desk.steerable = True  # as the full screen says when it runs the session
    assert apps.client.post(base + "/do", json={"command": "next", "at": 3}).status_code == 200
    assert apps.client.post(base + "/do", json={"command": "quit", "at": 3}).status_code == 400
    assert apps.client.post(base + "/do", json={"command": "next"}).status_code == 400
    taken = apps.desk.take()
    assert taken == [Reply("next")] and taken[0].at == 3
    saved = apps.client.post(base + "/note", json={"step": "welcome", "text": "watch Ben"})
    assert saved.status_code == 200, saved.text
    entries = session_store.entries(apps.session.conn, apps.session.record.id)
    assert [(e.kind, e.text, e.visibility) for e in entries] == [("note", "watch Ben", LEADER)]
    assert apps.client.post(base + "/note", json={"step": "nope", "text": "x"}).status_code == 400


def test_a_move_pressed_on_a_step_already_left_is_dropped(library: Library) -> None:
    session = start(library)
    go_to(session, "welcome")
    here = session.state.position
    session.apply(Reply("next", at=here))
    session.apply(Reply("next", at=here))  # the same press, from the other side
    assert session.state.position == here + 1
    session.apply(Reply("next"))  # a next from nowhere in particular still moves
    assert session.state.position == here + 2


class Keys:
    """Keys for the screen: the room's wake-ups, keys the test queues, 'q' when told to stop."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.queued: queue.Queue[list[str]] = queue.Queue()

    def start(self) -> None:
        pass

    def read(self, timeout: float) -> list[str]:
        try:
            return self.queued.get_nowait()
        except queue.Empty:
            pass
        woken = select.select([self.room.fileno()], [], [], min(timeout, 0.1))[0]
        return ["room"] if woken else []

    def close(self) -> None:
        pass


@pytest.mark.parametrize("together", [True, False])
@pytest.mark.parametrize("step", ["welcome", "actions"])
def test_enter_and_the_leaders_next_at_the_same_moment_move_one_step(
    library: Library, together: bool, step: str
) -> None:
    session = start(library)
    go_to(session, step)
    turn = session.state.turn
    room = Room(session, Inbox(db_path(), session.record.id, session.steps), Board(), "u")
    room.desk = LeaderDesk("secret")
    try:
        keys = Keys(room)
        console = Console(file=io.StringIO(), width=100, height=30, force_terminal=True)
        face = RoomFace(ScreenFace(console, keys, room=room), room)
        here = session.state.position
        room.desk.push("next", here, turn)  # the tap on the leader page...
        room.inbox.wake()
        if together:
            keys.queued.put(["room", "enter"])  # ...and Enter on the laptop, read together
        else:
            keys.queued.put(["room"])  # ...moves the session; Enter is read a moment later,
            keys.queued.put(["enter"])  # once the next step is on the screen
        keys.queued.put(["q"])
        while session.apply(face.show(session.view())):
            pass
        face.close()
        if session.steps[here].per_person:  # on action steps "next" is the next person
            assert (session.state.position, session.state.turn) == (here, turn + 1)
        else:
            assert session.state.position == here + 1
    finally:
        room.inbox.close()


def test_what_is_typed_after_O_is_dots_on_the_screen(library: Library) -> None:
    session = start(library)
    go_to(session, "welcome")
    out = io.StringIO()
    console = Console(file=out, width=100, height=30, color_system=None, force_terminal=True)

    class Typed(Keys):
        def __init__(self) -> None:
            self.queued = queue.Queue()
            for batch in (["O"], list("Ben looks tired"), ["enter"]):
                self.queued.put(batch)

        def read(self, timeout: float) -> list[str]:
            return self.queued.get_nowait()

    face = ScreenFace(console, Typed())
    assert face.show(session.view()) == Reply("note", "Ben looks tired", private=True)
    face.close()
    assert "Ben looks tired" not in out.getvalue()
    assert "•" * len("Ben looks tired") in out.getvalue()


# --- over real HTTP, with the facilitator's screen running ------------------------------


class Facilitator:
    """The session running full-screen in a thread (as `lp-coach study --room` runs it)."""

    def __init__(self, library: Library, key: str) -> None:
        self.session = start(library, shared=True)
        go_to(self.session, key)
        self.room = Room.open(self.session, db_path(), "127.0.0.1", 0)
        self.out = io.StringIO()
        console = Console(
            file=self.out, width=140, height=45, color_system=None, force_terminal=True
        )
        self.keys = Keys(self.room)
        self.face = RoomFace(ScreenFace(console, self.keys, room=self.room), self.room)
        self.outcome: Outcome | None = None
        self.thread = threading.Thread(target=self._run)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.outcome = runner.run(self.session, self.face, writeup.write_up)
        finally:
            self.face.close()

    def tv(self) -> str:
        """What the shared screen showed last (the latest frame), its lines run together."""
        return flat(self.out.getvalue().rsplit("\x1b[H", 1)[-1])

    def stop(self) -> None:
        self.keys.queued.put(["q"])
        self.thread.join(10)
        self.room.stop()

    def request(self, method: str, path: str, body: object = None) -> tuple[int, bytes]:
        parts = urlsplit(self.room.leader_url)
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=5)
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}  # as the leader page posts
        conn.request(method, parts.path + path, body=data, headers=headers)
        reply = conn.getresponse()
        try:
            return reply.status, reply.read()
        finally:
            conn.close()


@pytest.fixture
def facilitator(library: Library) -> Iterator[Facilitator]:
    running = Facilitator(library, "discussion-1")
    yield running
    running.stop()


def flat(screen: str) -> str:
    """A screen's text with its box edges gone and its lines run together."""
    return " ".join(screen.replace("│", " ").split())


def wait_for(check: object, seconds: float = 5) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "not in time"
        time.sleep(0.05)


def first_event(facilitator: Facilitator) -> dict[str, object]:
    """The first step the leader page's stream sends (its opening makes the screen publish)."""
    parts = urlsplit(facilitator.room.leader_url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=5)
    conn.request("GET", parts.path + "/events")
    stream = conn.getresponse()
    while True:
        line = stream.readline().decode()
        if line.startswith("data: ") and '"title"' in line:
            data: dict[str, object] = json.loads(line[6:])
            conn.close()
            return data


def test_over_http_the_leader_page_steers_the_screen_and_takes_the_notes_off_it(
    facilitator: Facilitator,
) -> None:
    wait_for(
        lambda: LEADER_NOTE in flat(facilitator.out.getvalue())
    )  # --leader, no leader page yet
    status, page = facilitator.request("GET", "")
    assert status == 200 and b"Leader page" in page
    stage = first_event(facilitator)
    assert stage["title"] == facilitator.session.step.segment.title
    assert any(line["role"] == "leader" for line in stage["lines"])  # type: ignore[attr-defined, index]
    wait_for(lambda: LEADER_NOTE not in facilitator.tv())  # the page is open: off the TV
    here = facilitator.session.state.position
    assert facilitator.request("POST", "/do", {"command": "follow_up", "at": here})[0] == 200
    wait_for(lambda: FOLLOW_UP in facilitator.tv())
    assert facilitator.request("POST", "/do", {"command": "next", "at": here})[0] == 200
    wait_for(lambda: facilitator.session.state.position == here + 1)
    assert LEADER_NOTE not in facilitator.tv()


def test_sessions_links_for_a_running_and_a_resumed_session(library: Library, cli: Invoke) -> None:
    session = start(library)
    room = Room.open(session, db_path(), "127.0.0.1", 0)
    try:
        result = cli("sessions", "links", "--json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == {"room": room.url, "leader": room.leader_url}
    finally:
        room.stop()
    resumed = service.resume(connect(), library, session.record.id)
    again = Room.open(resumed, db_path(), "127.0.0.1", 0)  # another port, the same codes
    try:
        assert again.url.rsplit("/", 1)[1] == room.url.rsplit("/", 1)[1]
        assert again.leader_url.rsplit("/", 1)[1] == room.leader_url.rsplit("/", 1)[1]
        result = cli("sessions", "links", str(session.record.id), "--json")
        assert json.loads(result.stdout) == {"room": again.url, "leader": again.leader_url}
        text = cli("sessions", "links", "--last")
        assert text.stdout.splitlines() == [f"room:   {again.url}", f"leader: {again.leader_url}"]
    finally:
        again.stop()


def test_sessions_links_without_a_room_says_so(cli: Invoke) -> None:
    result = cli("sessions", "links")
    assert result.exit_code != 0 and "no session has opened a room" in result.output


def test_plain_output_never_prints_the_leader_link(cli: Invoke) -> None:
    room = ("--room", "--room-host", "127.0.0.1", "--room-port", "0")
    result = cli("study", "customer-obsession", "--plain", *room, input="/quit\n")
    assert result.exit_code == 0, result.output
    record = session_store.latest(connect())
    assert record is not None and record.options.leader_code
    assert record.options.room in result.output  # the room's link is for everyone
    assert record.options.leader_code not in result.output


def test_the_quietest_come_first_and_anonymous_answers_name_nobody() -> None:
    from lp_coach.room.desk import quietest
    from lp_coach.study.records import ANONYMOUS, SessionEntry

    said = [
        SessionEntry(1, "q", "answer", "Ann", "one", ""),
        SessionEntry(2, "q", "answer", "ann", "two", ""),
        SessionEntry(3, "q", "answer", "Ben", "mine, but anonymous", "", ANONYMOUS),
        SessionEntry(4, "c", "prayer", "Cal", "for the leader", "", LEADER, "room:x"),
    ]
    seen = visible(said, LEADER_PAGE)
    assert quietest(seen, ["Cal", "Ann", "Ben", "cal"]) == [
        {"name": "Cal", "count": 0},  # in the order they came, the quietest first
        {"name": "Ben", "count": 0},
        {"name": "Ann", "count": 2},
    ]
