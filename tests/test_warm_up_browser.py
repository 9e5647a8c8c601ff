"""The warm-up on phones, in a real browser: two phones answer, the screen counts, the
leader reveals; the named answer is Ann's review, the anonymous one the group's only."""

from __future__ import annotations

from contextlib import closing

import pytest
from conftest import NEEDS_CHROMIUM

from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.groups.store import current
from lp_coach.room.desk import step_for_leader
from lp_coach.room.live import Room
from lp_coach.store.db import connect, db_path
from lp_coach.study import planning, service, visibility
from lp_coach.study import store as session_store
from lp_coach.study.readout import readout
from lp_coach.study.records import Options
from lp_coach.study.view import Reply

pytest.importorskip("playwright.sync_api")

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


def phone(browser: object, url: str) -> object:
    page = browser.new_page(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    page.set_default_timeout(10_000)
    page.goto(url)
    return page


def test_two_phones_answer_the_screen_counts_the_leader_reveals(
    library: Library, browser: object
) -> None:
    conn = connect()
    for principle in ("frugality", "ownership"):
        done = session_store.create(conn, Options(principle, group=("Ann", "Ben")))
        session_store.finish(conn, done.id, done.state)
    request = service.StudyRequest(principle="bias-for-action", group="Ann,Ben")
    options, agenda = planning.plan_session(conn, library, request, current(conn))
    assert options.warm_up == 3
    session = planning.start(conn, library, options, agenda)
    session.apply(Reply("next"))  # everyone is here
    session.apply(Reply("next"))  # the check-in
    room = Room.open(session, db_path(), "127.0.0.1", 0)
    try:
        view = session.view()
        card = view.warm_up
        assert card is not None
        room.publish(view)
        ann, other = phone(browser, room.url), phone(browser, room.url)
        ann.get_by_role("button", name="Ann").click()  # type: ignore[attr-defined]
        other.click("#join-anonymous")  # type: ignore[attr-defined]
        for page in (ann, other):
            page.wait_for_selector("#warm:not([hidden])")  # type: ignore[attr-defined]
            buttons = page.locator("#warm-options button")  # type: ignore[attr-defined]
            assert buttons.all_inner_texts() == [f"{n}. {o}" for n, o in enumerate(card.options, 1)]
            assert card.options[card.answer] not in page.inner_text("#lines")  # type: ignore[attr-defined]
        right, wrong = card.answer, (card.answer + 1) % len(card.options)
        ann.locator(f"#warm-options button[data-choice='{right}']").click()  # type: ignore[attr-defined]
        ann.locator("#warm-status", has_text="Answer in. 1 answered").wait_for()  # type: ignore[attr-defined]
        other.locator(f"#warm-options button[data-choice='{wrong}']").click()  # type: ignore[attr-defined]
        other.locator("#warm-status", has_text="Answer in. 2 answered").wait_for()  # type: ignore[attr-defined]

        shown = room.refresh(view)  # the shared screen, woken by the phones
        assert shown.warm_up is not None and shown.warm_up.answered == 2
        lines = [line.text for line in readout(shown)]
        assert "2 answered" in lines and not any(line.startswith("Answer:") for line in lines)
        assert shown.said == ()  # who answered what is never on the screen
        ann.locator("#warm-status", has_text="2 answered so far").wait_for()  # type: ignore[attr-defined]

        entries = session_store.entries(conn, session.record.id)
        desk = step_for_leader(session, shown, entries, ["Ann"], 2, 60.0)["silent"]
        assert (desk["on"], desk["answered"], desk["revealed"]) == (True, 2, False)
        assert desk["warm_up"]  # the page says "Warm-up card: 2 of 2", not "Silent round"
        assert not any(
            "warm_up" in str(s)
            for s in step_for_leader(session, shown, entries, [], 2, 60.0)["said"]
        )
        session.apply(Reply("reveal"))  # the leader presses H
        room.publish(session.view())
        assert room.refresh(session.view()).said == ()  # the count is shown with its card
        after = session_store.entries(conn, session.record.id)
        desk = step_for_leader(session, session.view(), after, ["Ann"], 2, 60.0)["silent"]
        assert (desk["on"], desk["revealed"]) == (False, True)  # the leader page's reveal
        ann.locator("#warm-status", has_text="You were right.").wait_for()  # type: ignore[attr-defined]
        other.locator("#warm-status", has_text="Not this time").wait_for()  # type: ignore[attr-defined]
        marked = other.locator("#warm-options button.right")  # type: ignore[attr-defined]
        assert marked.inner_text() == f"{right + 1}. {card.options[right]}"
        text = other.inner_text("#lines")  # type: ignore[attr-defined]
        assert "1 of 2 right; answers" in text
        if card.explanation:
            assert card.explanation in text
    finally:
        room.stop()
    with closing(connect()) as check:
        rows = check.execute("SELECT person, rating FROM quiz_reviews").fetchall()
        assert [(r["person"], r["rating"]) for r in rows] in ([("Ann", 4)], [("Ann", 3)])
        entries = session_store.entries(check, session.record.id)
    answers = [e for e in entries if e.kind == "warm_up_answer"]
    assert [(e.person, e.visibility) for e in answers] == [("Ann", "group"), (None, "anonymous")]
    for audience in visibility.AUDIENCES:
        assert not any(e.kind == "warm_up_answer" for e in visibility.visible(entries, audience))


def test_a_reloaded_phone_keeps_the_answer_it_gave(library: Library, browser: object) -> None:
    conn = connect()
    done = session_store.create(conn, Options("frugality", group=("Ann", "Ben")))
    session_store.finish(conn, done.id, done.state)
    request = service.StudyRequest(principle="bias-for-action", group="Ann,Ben")
    options, agenda = planning.plan_session(conn, library, request, current(conn))
    session = planning.start(conn, library, options, agenda)
    session.apply(Reply("next"))
    session.apply(Reply("next"))
    room = Room.open(session, db_path(), "127.0.0.1", 0)
    try:
        room.publish(session.view())
        ann = phone(browser, room.url)
        ann.get_by_role("button", name="Ann").click()  # type: ignore[attr-defined]
        ann.locator("#warm-options button[data-choice='2']").click()  # type: ignore[attr-defined]
        ann.locator("#warm-status", has_text="Answer in.").wait_for()  # type: ignore[attr-defined]
        ann.reload()  # type: ignore[attr-defined]
        ann.locator("#warm-status", has_text="Answer in.").wait_for()  # type: ignore[attr-defined]
        picked = ann.locator("#warm-options button.picked")  # type: ignore[attr-defined]
        assert picked.get_attribute("data-choice") == "2"
        assert ann.locator("#warm-options button:disabled").count() == 4  # type: ignore[attr-defined]
    finally:
        room.stop()
