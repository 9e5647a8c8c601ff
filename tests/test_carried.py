"""Carried forward: last meeting's prayer requests come back at the check-in beside its action
steps (those the group may see), the leader marks one answered, leader-only ones reach only the
leader's copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_session_flow import listed, piped
from test_session_notes import Nexts
from test_study_e2e import ended, spawn

from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.room.phone_view import step_for_phones
from lp_coach.store.db import connect
from lp_coach.study import engine, planning, runner
from lp_coach.study import store as session_store
from lp_coach.study.readout import readout
from lp_coach.study.records import ANONYMOUS, GROUP, LEADER, Options
from lp_coach.study.view import Reply
from lp_coach.study.writeup import write_up

GROUP_OF = ("Ann", "Ben", "Cal")
REQUESTS = [
    ("Ann", "for my mum in hospital", GROUP),
    ("Ben", "for my marriage", ANONYMOUS),
    ("Cal", "job interview on Friday", LEADER),
]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


def last_week(library: Library) -> None:
    """A finished meeting of the group with an action step and three prayer requests."""
    session = planning.start(connect(), library, Options("customer-obsession", group=GROUP_OF))
    conn, number = session.conn, session.record.id
    session_store.add_entry(conn, number, "actions", "action", "Ann", "call a customer", None)
    for person, text, seen_by in REQUESTS:
        source = "room:abcdefghijklmnop"
        session_store.add_entry(
            conn, number, "closing", "prayer", person, text, None, visibility=seen_by, source=source
        )
    runner.run(session, Nexts(), write_up)


def this_week(library: Library) -> engine.Session:
    session = planning.start(connect(), library, Options("ownership", group=GROUP_OF))
    while session.step.key != "welcome":
        session.apply(Reply("next"))
    return session


def test_the_check_in_brings_back_the_prayer_requests_the_group_may_see(library: Library) -> None:
    last_week(library)
    view = this_week(library).view()
    told = "\n".join(line.text for line in readout(view))
    assert "Ann: call a customer" in told
    assert "1. Ann: for my mum in hospital" in told
    assert "2. for my marriage" in told and "Ben" not in told  # anonymous stays anonymous
    assert "job interview" not in told  # the leader's alone
    phones = json.dumps(step_for_phones(view, prayer=True), ensure_ascii=False)
    assert "for my mum in hospital" in phones and "job interview" not in phones


def test_the_leader_marks_one_answered_and_the_notes_say_so(library: Library) -> None:
    last_week(library)
    session = this_week(library)
    session.apply(Reply("answered", "1"))
    session.apply(Reply("answered", "1"))  # once is enough
    session.apply(Reply("answered", "9"))  # no such request: nothing happens
    view = session.view()
    assert [line.text for line in readout(view) if "answered ✓" in line.text] == [
        "1. Ann: for my mum in hospital — answered ✓"
    ]
    assert view.said == ()  # a mark is not something said
    outcome = runner.run(session, Nexts(), write_up)
    notes = Path(outcome.notes_path or "").read_text()
    answered = notes.split("## Answered prayer", 1)[1].split("\n## ", 1)[0]
    assert "- **Ann:** for my mum in hospital" in answered
    assert notes.count("for my mum in hospital") == 1
    assert "job interview" not in notes
    path = Path(outcome.notes_path or "")
    copy = path.with_name(path.stem + "-leader.md").read_text()
    assert "*Prayer request, from last time:* **Cal:** job interview on Friday" in copy


def test_plain_mode_marks_a_request_answered(isolated_home: Path) -> None:
    group = ("--group", "Ann,Ben", "--minutes", "45")
    first = piped(isolated_home, "study", "earn-trust", *group, stdin="\n" * 60)
    assert first.returncode == 0, first.stderr
    reopened = piped(isolated_home, "study", "--reopen", stdin="Ben: a new job\n\n\n\n")
    assert reopened.returncode == 0, reopened.stderr
    second = piped(isolated_home, "study", "ownership", *group, stdin="\n/answered 1\n" + "\n" * 60)
    assert second.returncode == 0, second.stderr
    assert "1. Ben: a new job" in second.stdout
    assert "(/answered N marks last time's prayer request N answered)" in second.stdout
    notes = Path(str(listed(isolated_home)[1]["notes"])).read_text()
    assert "## Answered prayer" in notes and "- **Ben:** a new job" in notes


def test_m_marks_a_request_answered_on_the_full_screen(isolated_home: Path) -> None:
    group = ("--group", "Ann,Ben", "--minutes", "45")
    first = piped(isolated_home, "study", "earn-trust", *group, stdin="\n" * 60)
    assert first.returncode == 0, first.stderr
    assert piped(isolated_home, "study", "--reopen", stdin="Ann: rain\n\n\n\n").returncode == 0
    child = spawn(isolated_home, "study", "ownership", *group)
    child.expect("step 1 of")
    child.send("\r")
    child.expect("1. Ann: rain")
    child.send("m")
    child.expect("Which prayer request was answered\\? 1 \\(Esc cancel\\)")
    child.send("1")
    child.expect("answered ✓")
    child.send("q")
    assert ended(child)[0] == 0
