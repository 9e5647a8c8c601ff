"""The leader page in Debian's headless Chromium at 360 px, steering a running session."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NEEDS_CHROMIUM
from test_leader_page import FOLLOW_UP, LEADER_NOTE, Facilitator, wait_for
from test_room_screen import post

from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.study import store as session_store
from lp_coach.study import writeup

pytest.importorskip("playwright.sync_api")

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


def phone(facilitator: Facilitator, name: str) -> str:
    return str(post(facilitator.room.url + "/join", {"name": name})["client"])


def send(facilitator: Facilitator, client: str, text: str, **extra: object) -> None:
    step = facilitator.session.step.key
    body = {"client": client, "kind": "answer", "text": text, "step": step, **extra}
    post(facilitator.room.url + "/say", body)


def test_the_leader_page_at_360_px(library: Library, browser: object, tmp_path: Path) -> None:
    facilitator = Facilitator(library, "discussion-1")
    try:
        page = browser.new_page(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
        page.set_default_timeout(10_000)
        page.goto(facilitator.room.leader_url)
        page.locator("#place", has_text=facilitator.session.step.segment.title).wait_for()
        assert LEADER_NOTE in page.inner_text("#lines")  # the leader notes, on the leader's phone
        wait_for(lambda: LEADER_NOTE not in facilitator.tv())  # and off the TV
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"the leader page scrolls sideways at 360 px ({width} px)"

        page.get_by_role("button", name="Put it on the screen").click()
        wait_for(lambda: FOLLOW_UP in facilitator.tv())
        page.locator(".shown", has_text=FOLLOW_UP).wait_for()

        page.fill("#note", "Ben seems worried; call him")
        page.click("#save-note")
        page.locator("#message.good").wait_for()
        page.locator("#private li", has_text="Ben seems worried").wait_for()
        assert "Ben seems worried" not in facilitator.tv()

        here = facilitator.session.state.position
        page.get_by_role("button", name="Next").click()  # on to the second question
        page.locator("#place", has_text=f"Step {here + 2} of").wait_for()
        assert facilitator.session.step.collects == "answer"
        ann, ben = phone(facilitator, "Ann"), phone(facilitator, "Ben")
        send(facilitator, ben, "a job interview on Friday", kind="prayer", visibility="leader")
        page.locator("#inbox li", has_text="Ben: a job interview on Friday").wait_for()
        assert page.inner_text("#inbox-count") == "1"
        assert "job interview" not in facilitator.tv()

        page.get_by_role("button", name="Run this as a silent round").click()
        wait_for(lambda: "A silent round: 0 of 2 have answered" in facilitator.tv())
        send(facilitator, ann, "they paid for my repair")
        send(facilitator, ben, "a shop that remembered me")
        page.locator("#silent-count", has_text="Silent round: 2 of 2 have answered").wait_for()
        wait_for(lambda: "2 of 2 have answered" in facilitator.tv())
        assert "they paid for my repair" not in facilitator.tv()
        page.get_by_role("button", name="Reveal the answers").click()
        wait_for(lambda: "Ann: they paid for my repair" in facilitator.tv())
        assert "Ben: a shop that remembered me" in facilitator.tv()
        page.screenshot(path=str(tmp_path / "leader-360.png"), full_page=True)
    finally:
        facilitator.stop()
    session = facilitator.session
    session_store.finish(session.conn, session.record.id, session.state)
    notes = Path(writeup.write_up(session))
    group = notes.read_text(encoding="utf-8") + notes.with_suffix(".html").read_text()
    leader = notes.with_name(notes.stem + "-leader.md").read_text(encoding="utf-8")
    assert "Ben seems worried" not in group and "job interview" not in group
    mine = leader.split("## For the leader only")[1]
    assert "Ben seems worried; call him" in mine and "a job interview on Friday" in mine
