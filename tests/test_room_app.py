"""The live room in-process: the code on every request, join and say, limits, escaping, store."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from conftest import Invoke
from starlette.testclient import TestClient

from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.room import app as room_app
from lp_coach.room.app import build_app
from lp_coach.room.codes import ensure_code
from lp_coach.room.inbox import Inbox
from lp_coach.room.limits import MAX_TEXT, RateLimit, clean
from lp_coach.room.page import room_page
from lp_coach.room.phone_view import Board, step_for_phones
from lp_coach.store.db import connect, db_path
from lp_coach.study import engine, planning, records
from lp_coach.study import store as session_store
from lp_coach.study.records import ANONYMOUS, GROUP, LEADER, Options


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


def new_session(library: Library) -> engine.Session:
    options = Options("customer-obsession", minutes=45, group=("Ann", "Ben"))
    return planning.start(connect(), library, options)


class Room:
    """An app over a real session store, with its inbox, board and client."""

    def __init__(self, library: Library, **inbox: object) -> None:
        self.session = new_session(library)
        self.code = ensure_code(self.session.conn, self.session.record)
        self.inbox = Inbox(db_path(), self.session.record.id, self.session.steps, **inbox)  # type: ignore[arg-type]
        self.inbox.reach([s.key for s in self.session.steps].index("welcome"))  # shown now
        self.board = Board()
        page = room_page(self.code, self.session.principle.title, self.session.people())
        self.client = TestClient(build_app(self.code, self.inbox, self.board, page))
        self.base = f"/{self.code}"

    def join(self, name: str = "Ann", **extra: object) -> str:
        reply = self.client.post(f"{self.base}/join", json={"name": name, **extra})
        assert reply.status_code == 200, reply.text
        return str(reply.json()["client"])

    def say(self, client: str, text: str, **extra: object) -> tuple[int, dict[str, object]]:
        body = {"client": client, "kind": "answer", "text": text, "step": "welcome", **extra}
        reply = self.client.post(f"{self.base}/say", json=body)
        return reply.status_code, reply.json()

    def entries(self) -> list[records.SessionEntry]:
        return session_store.entries(self.session.conn, self.session.record.id)


@pytest.fixture
def room(library: Library) -> Iterator[Room]:
    made = Room(library)
    yield made
    made.client.close()
    made.inbox.close()


def test_the_code_is_random_long_and_kept_with_the_session(library: Library) -> None:
    session = new_session(library)
    code = ensure_code(session.conn, session.record)
    assert len(code) >= 11  # token_urlsafe: 6 bits a character, >= 64 bits
    assert ensure_code(session.conn, session.record) == code
    assert session_store.load(session.conn, session.record.id).options.room == code
    assert ensure_code(session.conn, new_session(library).record) != code


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/wrongcode",
        "/wrongcode/events",
        "/../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/favicon.ico",
        "/static/",
        "/CODE-SUFFIX",
    ],
)
def test_a_wrong_or_missing_code_gets_403_and_nothing_else(room: Room, path: str) -> None:
    path = path.replace("CODE", room.code)
    for method in ("GET", "POST"):
        reply = room.client.request(method, path, content=b"{}")
        assert reply.status_code == 403
        assert reply.text == room_app.GONE_PAGE  # the same small page for any wrong URL
        assert room.code not in reply.text and "Frugality" not in reply.text


def test_with_the_code_nothing_but_the_room_is_served(room: Room) -> None:
    for path in ("/etc/passwd", "/../../etc/passwd", "/prompts/room-page.html.j2"):
        reply = room.client.get(room.base + path)
        assert reply.status_code in (403, 404, 405), path  # 403: the client folded the ..s
        assert "root:" not in reply.text
    refused = room.client.post(room.base)  # a path the code does not open: as a wrong URL
    assert refused.status_code == 403 and refused.content == room.client.get("/x").content


def test_the_page_is_served_with_the_code_and_strict_headers(room: Room) -> None:
    reply = room.client.get(room.base)
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in reply.headers["content-security-policy"]
    assert reply.headers["referrer-policy"] == "no-referrer"
    assert reply.headers["cache-control"] == "no-store"
    assert "Customer Obsession" in reply.text
    assert 'data-name="Ann"' in reply.text
    assert "http://" not in reply.text.replace("http://www.w3.org", "")  # no CDN


def test_an_answer_from_a_phone_is_saved_with_its_name_and_source(
    any_store: str, room: Room
) -> None:
    from lp_coach.store.engine import is_encrypted

    assert is_encrypted(db_path()) == (any_store == "encrypted")  # the room has the key too
    client = room.join("Cal")
    status, saved = room.say(client, "I listened to a customer this week")
    assert status == 200, saved
    assert saved["title"] and saved["visibility"] == GROUP
    [entry] = room.entries()
    assert (entry.step, entry.kind, entry.person) == ("welcome", "answer", "Cal")
    assert entry.text == "I listened to a customer this week"
    assert entry.source == f"room:{client}" and entry.visibility == GROUP
    state = session_store.load(room.session.conn, room.session.record.id).state
    assert state.position == 0 and state.turn == 0  # a phone never moves the session


def test_action_steps_and_prayer_requests_go_to_their_steps(room: Room) -> None:
    client = room.join("Ann")
    assert room.say(client, "call a customer", kind="action")[0] == 200
    assert room.say(client, "for my mother", kind="prayer", visibility=LEADER)[0] == 200
    assert room.say(client, "for the team", kind="prayer", visibility=ANONYMOUS)[0] == 200
    got = [(e.step, e.kind, e.person, e.visibility) for e in room.entries()]
    assert got == [
        ("actions", "action", "Ann", GROUP),
        ("closing", "prayer", "Ann", LEADER),
        ("closing", "prayer", "Ann", ANONYMOUS),
    ]


def test_joining_anonymously_keeps_every_entry_anonymous(room: Room) -> None:
    client = room.join("", anonymous=True)
    status, saved = room.say(client, "honestly, a hard week")
    assert status == 200 and saved["visibility"] == ANONYMOUS
    [entry] = room.entries()
    assert entry.person is None and entry.visibility == ANONYMOUS


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"kind": "shout"}, "Choose an answer"),
        ({"step": "scripture-1"}, "not open for answers"),
        ({"step": "../../etc"}, "not open for answers"),
        ({"visibility": "everyone"}, "Choose who may see it"),
        ({"visibility": LEADER}, "Only a prayer request"),
        ({"text": "   \n\t "}, "Your answer is empty"),
        ({"text": "x" * (MAX_TEXT + 1)}, f"keep it to {MAX_TEXT}"),
        ({"text": 42}, "'text' should be text"),
    ],
)
def test_bad_answers_get_a_clear_message_and_save_nothing(
    room: Room, extra: dict[str, object], message: str
) -> None:
    client = room.join()
    status, reply = room.say(client, **{"text": "fine", **extra})  # type: ignore[arg-type]
    assert status == 400
    assert message in str(reply["error"])
    assert room.entries() == []


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe", b"", b"null"],
)
def test_malformed_requests_are_refused_and_the_room_goes_on(room: Room, body: bytes) -> None:
    for path in ("join", "say", "mine"):
        reply = room.client.post(f"{room.base}/{path}", content=body)
        assert reply.status_code == 400, (path, reply.text)
        assert "reload" in reply.json()["error"]
    assert room.say(room.join(), "still here")[0] == 200


def test_a_body_past_the_limit_is_refused_unread(room: Room) -> None:
    huge = json.dumps({"name": "x" * 20_000}).encode()
    reply = room.client.post(f"{room.base}/join", content=huge)
    assert reply.status_code == 413
    assert "too long" in reply.json()["error"]


def test_a_name_past_the_limit_is_refused(room: Room) -> None:
    reply = room.client.post(f"{room.base}/join", json={"name": "N" * 41})
    assert reply.status_code == 400
    assert "Your name is too long (41 characters); please keep it to 40." == reply.json()["error"]


@pytest.mark.parametrize("name", ["Ann: fine", "2", "/next"])
def test_a_phone_joins_under_a_name_as_the_roll_call_takes_them(room: Room, name: str) -> None:
    reply = room.client.post(f"{room.base}/join", json={"name": name})
    assert reply.status_code == 400
    assert reply.json()["error"].startswith(f'"{name}" is not a name: type names only')


def test_an_unknown_phone_is_asked_to_join_again(room: Room) -> None:
    status, reply = room.say("x" * 16, "hello")
    assert status == 410 and "join again" in str(reply["error"])
    reply2 = room.client.post(f"{room.base}/mine", json={"client": "nobody"})
    assert reply2.status_code == 410


def test_a_phone_rejoining_with_its_id_keeps_it(room: Room) -> None:
    client = room.join("Ann")
    assert room.join("Ann", client=client) == client
    assert room.inbox.count() == 1


def test_each_phone_is_rate_limited(library: Library) -> None:
    clock = [0.0]
    limited = Room(library, say_limit=RateLimit(burst=3, per_second=1, clock=lambda: clock[0]))
    ann, ben = limited.join("Ann"), limited.join("Ben")
    statuses = [limited.say(ann, f"answer {n}")[0] for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert limited.say(ben, "my first")[0] == 200  # one phone's flood is not another's
    clock[0] += 1.0
    assert limited.say(ann, "after a pause")[0] == 200
    assert len(limited.entries()) == 5
    limited.inbox.close()


def test_the_room_has_a_cap_on_participants(library: Library) -> None:
    small = Room(library, cap=2)
    first = small.join("Ann")
    small.join("Ben")
    reply = small.client.post(f"{small.base}/join", json={"name": "Cal"})
    assert reply.status_code == 409 and "full (2 people)" in reply.json()["error"]
    assert small.join("Ann", client=first) == first  # someone already in may come back
    small.inbox.close()


def test_a_phone_sees_its_own_answers_and_nobody_elses(room: Room) -> None:
    ann, ben = room.join("Ann"), room.join("Ben")
    room.say(ann, "Ann's answer")
    room.say(ben, "Ben's secret", kind="prayer", visibility=LEADER)
    mine = room.client.post(f"{room.base}/mine", json={"client": ann}).json()["mine"]
    assert [m["text"] for m in mine] == ["Ann's answer"]
    rejoined = room.client.post(f"{room.base}/join", json={"name": "Ben", "client": ben}).json()
    assert [m["text"] for m in rejoined["mine"]] == ["Ben's secret"]


def test_text_is_cleaned_of_control_characters() -> None:
    assert clean("a\x1b[2Jb\r\n  c\u202e\x00d\tend ") == "a[2Jb cd end"
    assert clean("Zoë 👍🏽 ok") == "Zoë 👍🏽 ok"


def test_names_and_answers_are_escaped_on_the_page(library: Library) -> None:
    session = planning.start(
        connect(),
        library,
        Options("customer-obsession", minutes=45, group=('<b onclick="x">Ann</b>', "Ben")),
    )
    page = room_page("code", session.principle.title, session.people())
    assert '<b onclick="x">' not in page
    assert "&lt;b onclick=&#34;x&#34;&gt;Ann&lt;/b&gt;" in page
    assert "innerHTML" not in page  # the script writes text only


def test_the_stage_leaves_out_leader_notes_and_offers_what_the_step_asks(
    library: Library,
) -> None:
    options = Options("customer-obsession", minutes=45, group=("Ann",), leader=True)
    session = planning.start(connect(), library, options)
    keys = [s.key for s in session.steps]
    session.state.position = keys.index("discussion-1")
    stage = step_for_phones(session.view(), prayer=True)
    assert stage["kinds"] == ["answer", "action", "prayer"]
    assert all(line["role"] != "leader" for line in stage["lines"])
    assert any(line["role"] == "leader" for line in _readout(session))
    session.state.position = keys.index("closing")
    assert step_for_phones(session.view(), prayer=True)["kinds"] == ["prayer", "action"]


def _readout(session: engine.Session) -> list[dict[str, str]]:
    from lp_coach.study.readout import readout

    return [{"role": line.role} for line in readout(session.view())]


def test_the_stream_sends_the_step_as_published(room: Room) -> None:
    room.board.publish(step_for_phones(room.session.view(), prayer=True))
    room.board.publish({"ended": True})  # so the stream ends after the first event
    with room.client.stream("GET", f"{room.base}/events") as reply:
        assert reply.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in reply.iter_lines() if line.startswith("data: ")]
    assert json.loads(lines[0][6:]) == {"ended": True}


def test_the_groups_notes_hide_anonymous_names_and_leave_out_leader_only(room: Room) -> None:
    from lp_coach.study.notes import notes_context

    client = room.join("Ann")
    room.say(client, "hard week", visibility=ANONYMOUS)
    room.say(client, "for my father", kind="prayer", visibility=LEADER)
    room.say(client, "for our town", kind="prayer")
    session = room.session
    context = notes_context(session.record, session.principle, session.steps, room.entries(), None)
    [welcome] = [s for s in context["sections"] if s.key == "welcome"]
    assert [(e.person, e.text) for e in welcome.said] == [(None, "hard week")]
    assert [(e.person, e.text) for e in context["prayers"]] == [("Ann", "for our town")]


def test_room_host_and_port_need_a_room(cli: Invoke) -> None:
    result = cli("study", "customer-obsession", "--room-port", "9000", input="")
    assert result.exit_code == 2, result.output
    assert "--room-host and --room-port go with --room" in result.stderr
    assert "Session" not in result.output  # refused before a session was started


def test_a_phone_hears_the_end_even_when_it_comes_between_two_events() -> None:
    import asyncio

    from lp_coach.room.app import _stream
    from lp_coach.room.phone_view import ENDED

    async def follow() -> list[str]:
        board = Board()
        stream = _stream(board)
        sent = [await anext(stream)]
        board.publish({"ended": False, "step": "welcome", "lines": [], "kinds": []})
        board.publish(ENDED)  # both before the stream runs again
        sent += [chunk async for chunk in stream]
        return sent

    sent = asyncio.run(follow())
    assert sent[-1] == 'data: {"ended": true}\n\n'
