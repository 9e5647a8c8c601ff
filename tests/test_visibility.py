"""Who sees what: every kind x visibility x source of entry, through every audience's real path."""

from __future__ import annotations

import io
import itertools
import json
import re
from pathlib import Path

import pytest
from conftest import Invoke
from rich.console import Console

from lp_coach.cli.faces.study_said import said_grid
from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.room.desk import LeaderDesk
from lp_coach.room.inbox import Inbox
from lp_coach.room.live import Room
from lp_coach.room.phone_view import Board, step_for_phones
from lp_coach.store.db import connect, db_path
from lp_coach.study import engine, planning, records, visibility, writeup
from lp_coach.study import store as session_store
from lp_coach.study.readout import readout
from lp_coach.study.records import ANONYMOUS, GROUP, LEADER, Options

KINDS = ("answer", "note", "follow_up", "action", "prayer")
SOURCES = (None, "room:phone1")
CASES = list(itertools.product(KINDS, (GROUP, ANONYMOUS, LEADER), SOURCES))
PEOPLE = ("Ann", "Ben")


def name_of(index: int) -> str:
    return f"Zed{index:02d}q"


def text_of(kind: str, seen_by: str, source: str | None) -> str:
    return f"said-{kind}-{seen_by}-{'phone' if source else 'typed'}-xyzzy"


def allowed(kind: str, seen_by: str, audience: str) -> tuple[bool, bool]:
    """The policy, written out apart from the module: (its text may show, its author may show)."""
    if seen_by == LEADER:
        text = audience in ("leader_notes", "leader_page")
    elif audience == "check_in":
        text = kind in ("action", "prayer")
    elif audience == "today":
        text = kind == "action"
    elif audience in ("screen", "phones"):
        text = kind != "follow_up"
    else:
        text = True
    return text, text and seen_by != ANONYMOUS


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


class Walk:
    """One finished session holding every case, and what each audience was shown of it."""

    def __init__(self, library: Library, cli: Invoke) -> None:
        self.session = planning.start(
            connect(), library, Options("customer-obsession", group=PEOPLE)
        )
        keys = [s.key for s in self.session.steps]
        question = next(s.key for s in self.session.steps if s.collects == "answer")
        self.where = {"action": "actions", "prayer": "closing"}
        self.steps = sorted({question, "actions", "closing"}, key=keys.index)
        for index, (kind, seen_by, source) in enumerate(CASES):
            session_store.add_entry(
                self.session.conn,
                self.session.record.id,
                self.where.get(kind, question),
                kind,
                name_of(index),
                text_of(kind, seen_by, source),
                None,
                visibility=seen_by,
                source=source,
            )
        self.shown: dict[str, str] = {}
        self.shown["screen"], self.shown["phones"], self.shown["leader_page"] = self._room()
        self._finish(library)
        self.shown["check_in"], phones_check_in = self._check_in(library)
        self.shown["phones"] += phones_check_in
        result = cli("today", "--json")
        assert result.exit_code == 0, result.output
        self.shown["today"] = json.dumps(json.loads(result.stdout)["actions"])
        shown = cli("sessions", "show", str(self.session.record.id))
        assert shown.exit_code == 0, shown.output
        self.shown["sessions_show"] = shown.stdout

    def _go(self, session: engine.Session, key: str) -> engine.View:
        session.state.position = [s.key for s in session.steps].index(key)
        return session.view()

    def _room(self) -> tuple[str, str, str]:
        """The shared screen (the engine's view, and the room's refresh), the phones (their
        stage) and the leader page (its stage), as the room publishes them."""
        session = self.session
        inbox = Inbox(db_path(), session.record.id, session.steps)
        room = Room(session, inbox, Board(), "http://127.0.0.1:1/x", LeaderDesk("x"))
        room.desk.connected = True  # the leader page is open
        screen, phones, leader = [], [], []
        try:
            for key in self.steps:
                view = self._go(session, key)
                for said in (room.screen_view(view).said, room.refresh(view).said):
                    out = io.StringIO()
                    Console(file=out, width=200, color_system=None).print(said_grid(said, 12))
                    screen.append(out.getvalue())
                room.refresh(view)  # publishes to the phones and the leader page
                phones.append(json.dumps(room.board.payload, ensure_ascii=False))
                leader.append(json.dumps(room.desk.board.payload, ensure_ascii=False))
        finally:
            inbox.close()
        return "\n".join(screen), "\n".join(phones), "\n".join(leader)

    def _finish(self, library: Library) -> None:
        session = self.session
        session_store.finish(session.conn, session.record.id, session.state)
        path = Path(writeup.write_up(session))
        session_store.set_notes_path(session.conn, session.record.id, str(path))
        self.shown["group_notes"] = path.read_text() + path.with_suffix(".html").read_text()
        leader = path.with_name(path.stem + "-leader.md")
        self.shown["leader_notes"] = leader.read_text() + leader.with_suffix(".html").read_text()

    def _check_in(self, library: Library) -> tuple[str, str]:
        following = planning.start(connect(), library, Options("ownership", group=PEOPLE))
        view = self._go(following, "welcome")
        told = "\n".join(line.text for line in readout(view))
        return told, json.dumps(step_for_phones(view, prayer=True), ensure_ascii=False)


AUDIENCES = (
    "screen",
    "phones",
    "leader_page",
    "group_notes",
    "leader_notes",
    "check_in",
    "today",
)
EVERY_ONE_SHOWN = {"screen", "group_notes", "leader_notes", "check_in", "today", "sessions_show"}
"""Audiences that show everything they may (the phones show only the check-in; the leader
page shows a step's answers and notes, the follow-ups of its question, the requests for the
leader and the private notes)."""


def test_who_sees_what(library: Library, cli: Invoke) -> None:
    walk = Walk(library, cli)
    problems = []
    for (index, (kind, seen_by, source)), audience in itertools.product(
        enumerate(CASES), [*AUDIENCES, "sessions_show"]
    ):
        shown = walk.shown[audience]
        policy = "group_notes" if audience == "sessions_show" else audience
        text, name = allowed(kind, seen_by, policy)
        said = text_of(kind, seen_by, source) in shown
        case = f"{kind}/{seen_by}/{'phone' if source else 'typed'} -> {audience}"
        if said and not text:
            problems.append(f"{case}: leaked")
        elif text and not said and audience in EVERY_ONE_SHOWN:
            problems.append(f"{case}: missing")
        if not name and name_of(index) in shown:
            problems.append(f"{case}: the author's name leaked")
    assert problems == []
    assert re.search(r"\n• +a prayer request for the leader · 1 so far", walk.shown["screen"])
    assert "for the leader" not in walk.shown["phones"]
    for kind, seen_by, source in [("prayer", LEADER, "room:phone1"), ("note", LEADER, None)]:
        assert text_of(kind, seen_by, source) in walk.shown["leader_page"]  # inbox, private notes
    assert text_of("answer", ANONYMOUS, "room:phone1") in walk.shown["leader_page"]
    notes = walk.shown["leader_notes"].split("## For the leader only")
    assert len(notes) == 2
    for kind, source in itertools.product(KINDS, SOURCES):
        said = text_of(kind, LEADER, source)
        line = next(ln for ln in notes[1].splitlines() if said in ln)
        assert line.startswith("- **[for the leader only]**")
        assert said not in notes[0]


@pytest.mark.parametrize(("kind", "seen_by", "source"), CASES)
@pytest.mark.parametrize("audience", visibility.AUDIENCES)
def test_the_rule_says_what_the_policy_says(
    kind: str, seen_by: str, source: str | None, audience: visibility.Audience
) -> None:
    entry = records.SessionEntry(1, "s", kind, "Ben", "t", "", seen_by, source)
    got = visibility.shown(entry, audience)
    text, name = allowed(kind, seen_by, audience)
    assert (got is not None) == text
    assert got is None or (got.person == "Ben") == name


def test_an_unknown_visibility_is_for_the_leader_alone() -> None:
    entry = records.SessionEntry(1, "s", "answer", "Ben", "t", "", "someday-new", None)
    assert [a for a in visibility.AUDIENCES if visibility.shown(entry, a)] == [
        "leader_page",
        "leader_notes",
    ]
