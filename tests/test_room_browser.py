"""End to end in a real browser: Chromium opens the room's page, and what it sends is in the notes.

Uses Debian's chromium through Playwright's `executable_path` (never `playwright install`);
skipped when no browser is installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NEEDS_CHROMIUM
from test_room_app import new_session

from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.room.face import RoomFace
from lp_coach.room.live import Room
from lp_coach.store.db import db_path
from lp_coach.study import runner, writeup
from lp_coach.study import store as session_store
from lp_coach.study.view import Reply, View

pytest.importorskip("playwright.sync_api")

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


class Onward:
    """A face that moves on at every step (the facilitator pressing Enter)."""

    def __init__(self) -> None:
        self.views: list[View] = []

    def show(self, view: View) -> Reply:
        self.views.append(view)
        return Reply("next")

    def close(self) -> None:
        pass


def test_an_answer_typed_on_the_page_is_in_the_notes(
    library: Library, browser: object, tmp_path: Path
) -> None:
    session = new_session(library)
    session.state.position = [s.key for s in session.steps].index("welcome")
    room = Room.open(session, db_path(), "127.0.0.1", 0)
    try:
        room.publish(session.view())
        page = browser.new_page(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
        page.set_default_timeout(10_000)
        page.goto(room.url)
        page.get_by_role("button", name="Ann").click()
        page.wait_for_selector("#room:not([hidden])")
        assert page.inner_text("#title") == "Welcome and check-in"
        assert "Check-in: how has your week been?" in page.inner_text("#lines")
        page.fill("#text", "A <b>good</b> week & a customer call")
        page.click("#send")
        page.wait_for_selector("#message.good")
        page.fill("#text", "for my sister")
        page.check("input[name=kind][value=prayer]")
        page.check("input[name=visibility][value=leader]")
        page.click("#send")
        page.locator("#mine-list li").nth(1).wait_for()  # (the page's CSP forbids eval)
        assert "A <b>good</b> week & a customer call" in page.inner_text("#mine-list")
        assert page.locator("#mine-list b").count() == 0  # text, never HTML
        for size in ("100%", "150%"):  # the phone's font size, normal and large
            page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"the page scrolls sideways at 360 px, font {size} ({width} px)"
        page.screenshot(path=str(tmp_path / "phone-360.png"), full_page=True)

        session.state.position += 1  # the facilitator moves on: the phone follows
        room.publish(session.view())
        page.locator("#title", has_text="Opening prayer").wait_for()

        outcome = runner.run(session, RoomFace(Onward(), room), writeup.write_up)
        room.stop()  # as the command does when the session ends: phones are told
        page.wait_for_selector("#ended:not([hidden])")
    finally:
        room.stop()
    assert outcome.finished and outcome.notes_path
    notes = Path(outcome.notes_path).read_text(encoding="utf-8")
    assert r"- **Ann:** A \<b\>good\</b\> week \& a customer call" in notes  # read as typed
    assert "for my sister" not in notes  # the leader's only
    html = Path(outcome.notes_path).with_suffix(".html").read_text(encoding="utf-8")
    assert "A &lt;b&gt;good&lt;/b&gt; week &amp; a customer call" in html
    saved = session_store.entries(session.conn, session.record.id)
    assert [(e.kind, e.visibility) for e in saved] == [("answer", "group"), ("prayer", "leader")]


def wait_for(check: object, seconds: float = 10.0) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.05)


def test_offline_the_phone_says_reconnecting_and_its_outbox_outlives_a_reload(
    library: Library, browser: object
) -> None:
    session = new_session(library)
    session.state.position = [s.key for s in session.steps].index("welcome")
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    context.set_default_timeout(10_000)
    room = Room.open(session, db_path(), "127.0.0.1", 0)  # no step published yet
    port = room.server.port if room.server else 0
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(room.url)
        page.get_by_role("button", name="Ann").click()
        page.wait_for_selector("#room:not([hidden])")
        assert page.inner_text("#place") == "Waiting for the session…"
        room.publish(session.view())
        page.locator("#title", has_text="Welcome and check-in").wait_for()
        assert page.locator("#net").is_hidden()

        server, room.server = room.server, None  # the laptop's Wi-Fi drops (no "ended")
        assert server is not None
        server.stop()
        room.inbox.close()
        page.wait_for_selector("#net:not([hidden])")
        assert page.inner_text("#net") == "reconnecting…"
        page.fill("#text", "written while the room was away")
        page.click("#send")
        page.locator("#message", has_text="Waiting to send 1 message").wait_for()
        page.close()  # and the phone reloads the page later

        room = Room.open(session, db_path(), "127.0.0.1", port)
        room.publish(session.view())
        again = context.new_page()
        again.on("pageerror", lambda exc: errors.append(str(exc)))
        again.goto(room.url)
        again.locator("#mine-list li", has_text="written while the room was away").wait_for()
        assert again.locator("#net").is_hidden()
    finally:
        room.stop()
        context.close()
    texts = [e.text for e in session_store.entries(session.conn, session.record.id)]
    assert texts == ["written while the room was away"]
    assert errors == []


def test_the_names_follow_the_roll_call_and_a_held_name_asks(
    library: Library, browser: object
) -> None:
    session = new_session(library)  # Ann and Ben
    room = Room.open(session, db_path(), "127.0.0.1", 0)
    try:
        room.publish(session.view())
        page = browser.new_page(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
        page.set_default_timeout(10_000)
        page.goto(room.url)
        page.locator("#names button", has_text="Ben").wait_for()
        session.apply(Reply("answer", "Ann, Dave"))  # the roll call: Ben is away, Dave came
        room.publish(session.view())
        page.locator("#names button", has_text="Dave").wait_for()
        names = page.locator("#names button").all_inner_texts()
        assert names == ["Ann", "Dave"]
        page.get_by_role("button", name="Dave").click()
        page.wait_for_selector("#room:not([hidden])")

        other = browser.new_page(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
        other.set_default_timeout(10_000)
        asked: list[str] = []

        def answer(dialog: object) -> None:
            asked.append(dialog.message)  # type: ignore[attr-defined]
            dialog.accept()  # type: ignore[attr-defined]

        other.on("dialog", answer)
        other.goto(room.url)
        other.fill("#name", "dave")
        other.click("#join-named")
        other.wait_for_selector("#room:not([hidden])")
        assert asked and "already joined as Dave" in asked[0]
        assert other.inner_text("#who") == "You are Dave."
    finally:
        room.stop()


def test_a_paused_room_comes_back_on_the_open_phones(library: Library, browser: object) -> None:
    session = new_session(library)
    session.state.position = [s.key for s in session.steps].index("welcome")
    room = Room.open(session, db_path(), "127.0.0.1", 0)
    port = int(room.url.rsplit(":", 1)[1].split("/", 1)[0])
    page = browser.new_page(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    page.set_default_timeout(15_000)
    try:
        room.publish(session.view())
        page.goto(room.url)
        page.get_by_role("button", name="Ann").click()
        page.locator("#title", has_text="Welcome and check-in").wait_for()
        room.stop(paused=True)  # q: saved, to be resumed
        page.locator("#place", has_text="Paused").wait_for()
        assert page.locator("#ended").is_hidden()
        room = Room.open(session, db_path(), "127.0.0.1", port)  # --resume: the same address
        session.state.position += 1
        room.publish(session.view())
        page.locator("#title", has_text="Opening prayer").wait_for()  # back by itself
        assert page.locator("#room").is_visible()
    finally:
        room.stop()
