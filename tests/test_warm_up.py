"""A group's warm-up: the cards the people present are closest to forgetting, each named
answer kept as that person's review, anonymous ones in the group's figure only, and no
warm-up for a group that has studied nothing."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import Invoke, migrate_until

from lp_coach.clock import stamp
from lp_coach.config import remember_me
from lp_coach.content.library import open_library
from lp_coach.content.model import Library
from lp_coach.groups.store import current
from lp_coach.quiz import store
from lp_coach.quiz.cards import build_cards, sibling
from lp_coach.quiz.schedule import new_card
from lp_coach.quiz.warmup import KINDS, record_answer
from lp_coach.store.db import connect
from lp_coach.study import planning, service, warm_up
from lp_coach.study import store as session_store
from lp_coach.study.engine import Session
from lp_coach.study.records import Options
from lp_coach.study.warm_up import PhoneAnswer

NOW = datetime.now(UTC).replace(microsecond=0)
LIBRARY = open_library()
CARDS = build_cards(LIBRARY)


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    with closing(connect()) as conn:
        yield conn


def studied_by(conn: sqlite3.Connection, group: str, *principles: str) -> None:
    """Finished sessions of `group` on each of `principles`."""
    for principle in principles:
        options = Options(principle, group=planning.parse_group(group))
        record = session_store.create(conn, options)
        session_store.finish(conn, record.id, record.state)


def reviewed(conn: sqlite3.Connection, person: str, principle: str, days_ago: int) -> None:
    """`person` knew every warm-up card of `principle` at once, `days_ago` days ago."""
    for card in CARDS:
        if card.principle_id == principle and card.kind in KINDS:
            when = NOW - timedelta(days=days_ago)
            record_answer(conn, card, person, None, True, 2.0, when)


HISTORIES = {  # person: {principle: days since they last knew all its cards}
    "Ann": {"frugality": 1},
    "Ben": {"frugality": 1, "ownership": 60},
    "Dan": {"frugality": 60, "ownership": 1},
    "Eve": {"frugality": 2, "ownership": 2},
}


@pytest.mark.parametrize(
    ("present", "expected"),
    [
        (["Ann", "Ben"], {"ownership"}),  # Ann never saw it, Ben long ago
        (["Ann"], {"ownership"}),  # a person never quizzed on it counts as new
        (["Ben"], {"ownership"}),  # seen 60 days ago: the weaker
        (["Dan"], {"frugality"}),
        (["Dan", "Eve"], {"frugality"}),  # the mean across the people present decides
        (["Cal"], {"frugality", "ownership"}),  # nobody quizzed: the principles take turns
    ],
)
def test_the_warm_up_picks_the_lowest_recall_across_the_people_present(
    conn: sqlite3.Connection, present: list[str], expected: set[str]
) -> None:
    for person, history in HISTORIES.items():
        for principle, days in history.items():
            reviewed(conn, person, principle, days)
    studied_by(conn, "Ann,Ben,Cal,Dan,Eve", "frugality", "ownership")
    picked = warm_up.choose(conn, LIBRARY, present, "bias-for-action", 3, None, NOW)
    cards = [c for c in CARDS if c.id in picked]
    assert len(picked) == 3
    assert {c.principle_id for c in cards} == expected
    assert len({sibling(c) for c in cards}) == 3  # one card per statement


def test_nothing_studied_no_warm_up(conn: sqlite3.Connection) -> None:
    group = ("Ann", "Ben")
    assert warm_up.planned_cards(conn, LIBRARY, group, "frugality") == 0
    studied_by(conn, "Ann,Ben", "frugality")
    assert warm_up.planned_cards(conn, LIBRARY, group, "frugality") == 0  # today's own
    assert warm_up.planned_cards(conn, LIBRARY, ("Zoe",), "ownership") == 0  # another group
    assert warm_up.planned_cards(conn, LIBRARY, (), "ownership") == 0  # solo
    assert warm_up.planned_cards(conn, LIBRARY, group, "ownership") == 3


def session_with_warm_up(library: Library, group: str = "Ann,Ben") -> Session:
    request = service.StudyRequest(principle="bias-for-action", group=group)
    conn = connect()
    options, agenda = planning.plan_session(conn, library, request, current(conn))
    session = planning.start(conn, library, options, agenda)
    session.apply(service_reply("next"))  # the roll call: everyone is here
    session.apply(service_reply("next"))  # the check-in
    return session


def service_reply(action: str, text: str = "") -> object:
    from lp_coach.study.view import Reply

    return Reply(action, text)  # type: ignore[arg-type]


def test_the_warm_up_step_takes_its_minutes_from_the_agenda(conn: sqlite3.Connection) -> None:
    studied_by(conn, "Ann,Ben", "frugality", "ownership")
    session = session_with_warm_up(LIBRARY)
    keys = [s.key for s in session.steps]
    assert keys[:5] == ["attendance", "welcome", "warm-up-1", "warm-up-2", "warm-up-3"]
    assert keys[5] == "opening"
    assert sum(s.minutes for s in session.steps) == 60
    plain = service.StudyRequest(principle="bias-for-action", group="Ann,Ben", warm_up=False)
    options, agenda = planning.plan_session(conn, LIBRARY, plain, current(conn))
    assert options.warm_up == 0 and agenda.segment("warm-up") is None


def test_named_answers_are_their_reviews_anonymous_ones_the_groups_only(
    conn: sqlite3.Connection,
) -> None:
    remember_me("Ann")
    studied_by(conn, "Ann,Ben", "frugality", "ownership")
    session = session_with_warm_up(LIBRARY, "Ann,Ben,Cal")
    card = session.view().warm_up
    assert card is not None and card.tally is None
    assert session.view().person is None  # nobody's turn: everyone answers
    right, wrong = card.answer, (card.answer + 1) % len(card.options)
    answers = [
        PhoneAnswer("Ann", right, 3.0),
        PhoneAnswer("Ben", wrong, 5.0),
        PhoneAnswer(None, right, 4.0),
    ]
    shown = session.reveal(answers)
    assert shown is not None and shown.tally is not None
    assert shown.tally.startswith("2 of 3 right; answers ")
    card_id = session.state.warm_up[0]
    # Ann is the user (me = Ann): her answer joins her own quiz history
    [ann] = conn.execute("SELECT * FROM quiz_reviews WHERE person = ''").fetchall()
    [ben] = conn.execute("SELECT * FROM quiz_reviews WHERE person = 'Ben'").fetchall()
    assert (ann["card_id"], ann["rating"]) == (card_id, 4)  # right and fast: Easy
    assert (ben["card_id"], ben["rating"]) == (card_id, 1)  # wrong: Again
    assert card_id in store.load_states(conn) and card_id in store.load_states(conn, "Ben")
    count = conn.execute("SELECT count(*) FROM quiz_reviews").fetchone()[0]
    assert count == 2  # the anonymous answer is no one's review
    assert session.reveal(answers) == shown  # revealed once: nobody's review kept twice
    assert conn.execute("SELECT count(*) FROM quiz_reviews").fetchone()[0] == 2
    entries = [e for e in session_store.entries(conn, session.record.id) if e.kind == "warm_up"]
    assert [e.person for e in entries] == [None]  # the group's figure, nobody's name


def test_a_show_of_hands_is_the_groups_figure_only(conn: sqlite3.Connection) -> None:
    studied_by(conn, "Ann,Ben", "frugality")
    session = session_with_warm_up(LIBRARY)
    session.apply(service_reply("answer", "5"))  # more hands than people: not a count
    assert session.view().warm_up.tally is None  # type: ignore[union-attr]
    session.apply(service_reply("answer", "1"))
    assert session.view().warm_up.tally == "1 of 2 right"  # type: ignore[union-attr]
    assert conn.execute("SELECT count(*) FROM quiz_reviews").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("typed", "present", "count"),
    [("3", 5, (3, 5)), ("3/4", 5, (3, 4)), ("2 of 3", 0, (2, 3)), ("4", 3, None), ("x", 3, None)],
)
def test_parse_count(typed: str, present: int, count: tuple[int, int] | None) -> None:
    assert warm_up.parse_count(typed, present) == count


def test_the_migration_keeps_existing_history_as_the_users_own(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    migrate_until(old, "m009_quiz_review_person")  # before review state was kept per person
    card = next(c for c in CARDS if c.id == "frugality:name:statement")
    state = new_card(card.id, NOW)
    old.execute(
        "INSERT INTO quiz_cards (id, principle_id, kind, state, due, created) "
        "VALUES (?, 'frugality', 'name', ?, ?, 'x')",
        (card.id, state.to_json(), stamp(NOW)),
    )
    old.execute(
        "INSERT INTO quiz_reviews (card_id, principle_id, rating, reviewed) "
        "VALUES (?, 'frugality', 3, ?)",
        (card.id, stamp(NOW)),
    )
    old.close()
    with closing(connect(path)) as conn:
        assert list(store.load_states(conn)) == [card.id]
        assert store.review_counts(conn) == {card.id: 1}
        assert store.load_states(conn, "Ben") == {}
        record_answer(conn, card, "Ben", None, False, 3.0, NOW)  # the same card, Ben's own
        assert store.review_counts(conn) == {card.id: 1}
        assert store.review_counts(conn, "Ben") == {card.id: 1}


def test_a_facilitator_counts_hands_in_plain_mode(cli: Invoke, conn: sqlite3.Connection) -> None:
    studied_by(conn, "Ann,Ben", "frugality", "ownership")
    typed = "\n\n2\n\n9\n1/2\n\n\n" + "\n" * 60
    result = cli("study", "bias-for-action", "--group", "Ann,Ben,Cal", "--plain", input=typed)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "== Warm-up quiz · 1 min · step 3 of" in out
    assert "Warm-up 1 of 3 · " in out and "Warm-up 3 of 3 · " in out
    assert re.search(r"Answer: \d\. .+ · 2 of 3 right", out)
    assert "Type how many hands were up for the right answer" in out
    assert re.search(r"Answer: \d\. .+ · 1 of 2 right", out)
    notes = Path(re.findall(r"Notes: (\S+\.md)", out)[0]).read_text()
    warm = notes.split("## Warm-up\n", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^- (\d)\. (\d of \d) right — ", warm, flags=re.MULTILINE) == [
        ("1", "2 of 3"),
        ("2", "1 of 2"),
    ]  # the third was skipped
    quiet = cli(
        "study", "customer-obsession", "--group", "Ann", "--no-warm-up", "--plain", input="\n" * 80
    )
    assert "Warm-up" not in quiet.stdout


def test_progress_for_a_group_shows_the_group_and_each_person(
    cli: Invoke, conn: sqlite3.Connection
) -> None:
    remember_me("Ann")
    reviewed(conn, "", "frugality", 1)  # Ann's own quiz, before any group: the same history
    reviewed(conn, "Ben", "ownership", 1)
    result = cli("progress", "--group", "ann, Ben,Cal", "--json")
    assert result.exit_code == 0, result.output
    rows = {p["id"]: p for p in json.loads(result.stdout)["principles"]}
    frugal, owning = rows["frugality"], rows["ownership"]
    assert frugal["people"]["ann"] > 0.5 and frugal["people"]["Ben"] == 0
    assert owning["people"]["Ben"] > 0.4 and owning["people"]["ann"] == 0
    assert frugal["mastery"] == pytest.approx(frugal["people"]["ann"] / 3, abs=0.001)
    assert all(p["people"]["Cal"] == 0 for p in rows.values())  # never quizzed
    studied_by(conn, "Ann,Ben,Cal", "frugality")
    text = cli("progress", "--group", "-").stdout
    assert text.startswith("Mastery for Ann, Ben, Cal:")
    assert re.search(r"^  Frugality +[█░]{20} +\d+% +\d+% +0% +0%$", text, flags=re.MULTILINE)
    assert cli("progress", "--group", " , ").exit_code == 2


def test_on_the_full_screen_a_types_the_hands_and_h_reveals(conn: sqlite3.Connection) -> None:
    from lp_coach.cli.faces.study_keys import replies
    from lp_coach.cli.faces.study_layout import key_help

    studied_by(conn, "Ann,Ben", "frugality")
    session = session_with_warm_up(LIBRARY)
    view = session.view()
    assert replies(view, ["H"]) == service_reply("reveal")
    assert replies(view, ["a", "2", "enter"]) == service_reply("answer", "2")
    assert " H  reveal" in key_help(view, False, 120).plain
    session.apply(service_reply("answer", "2"))
    counted = session.view()
    assert " H  reveal" not in key_help(counted, False, 120).plain
    assert replies(counted, ["H"]) is None  # revealed already


def test_a_reveal_nobody_answered_says_so(conn: sqlite3.Connection) -> None:
    studied_by(conn, "Ann,Ben", "frugality")
    session = session_with_warm_up(LIBRARY)
    shown = session.reveal([])
    assert shown is not None and shown.tally == "nobody answered"


def test_the_room_takes_one_answer_per_phone_until_the_reveal(conn: sqlite3.Connection) -> None:
    from lp_coach.room.inbox import Inbox
    from lp_coach.room.limits import Refused
    from lp_coach.store.db import db_path

    studied_by(conn, "Ann,Ben", "frugality")
    session = session_with_warm_up(LIBRARY)
    inbox = Inbox(db_path(), session.record.id, session.steps)
    try:
        ann = inbox.join("Ann", False, "", "10.0.0.1").client
        anon = inbox.join("", True, "", "10.0.0.2").client
        assert inbox.choose(ann, "warm-up-1", 2, 3.0)["answered"] == 1
        again = inbox.choose(ann, "warm-up-1", 0, 9.0)
        assert (again["again"], again["answered"], again["choice"]) == (True, 1, 2)
        assert inbox.choose(anon, "warm-up-1", 1, 4.0)["answered"] == 2
        assert inbox.chosen(ann) == {"warm-up-1": 2} and inbox.mine(ann) == []
        for step, choice in (("welcome", 1), ("warm-up-2", 11)):
            with pytest.raises(Refused):
                inbox.choose(ann, step, choice, 1.0)
        assert session.view().warm_up.answered == 2  # type: ignore[union-attr]
        session.apply(service_reply("reveal"))
        with pytest.raises(Refused, match="out already"):
            inbox.choose(anon, "warm-up-1", 1, 4.0)
        [review] = conn.execute("SELECT person, card_id FROM quiz_reviews").fetchall()
        assert review["person"] == "Ann" and review["card_id"] == session.state.warm_up[0]
    finally:
        inbox.close()
