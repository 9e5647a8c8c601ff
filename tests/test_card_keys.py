"""Quiz cards named by keys: review history stays on its card across content changes."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import migrate_until
from fsrs import Card

from lp_coach.content.library import open_library
from lp_coach.quiz import store
from lp_coach.quiz.cards import QuizCard, build_cards
from lp_coach.store.card_keys import POSITIONAL_KEYS, REMOVED_KEYS
from lp_coach.store.db import connect

WHEN = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def review(conn: sqlite3.Connection, card: QuizCard, times: int) -> None:
    state = Card()
    state.due = WHEN - timedelta(days=1)  # due now, so it would be counted and shown
    for n in range(times):
        store.save_review(conn, card, 3, WHEN + timedelta(minutes=n), 1000, state)


def history(conn: sqlite3.Connection, card_id: str) -> int:
    row = conn.execute("SELECT count(*) FROM quiz_reviews WHERE card_id = ?", (card_id,))
    return int(row.fetchone()[0])


def test_every_built_in_scenario_and_phrase_has_a_key_of_its_own() -> None:
    for p in open_library().principles:
        phrase_keys = [getattr(k, "key", None) for k in p.key_phrases]
        scenario_keys = [s.key for s in p.scenarios]
        assert None not in phrase_keys, p.id
        assert None not in scenario_keys, p.id
        assert len(set(phrase_keys)) == len(phrase_keys), p.id
        assert len(set(scenario_keys)) == len(scenario_keys), p.id


def test_the_migration_moves_positional_history_onto_keyed_cards(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    migrate_until(old, "m006_quiz_card_keys")  # the store as the release before keys left it
    positional = ["ownership:scenario:1", "ownership:scenario:3", "frugality:cloze:2"]
    for n, card_id in enumerate(positional, start=1):
        principle = card_id.split(":")[0]
        old.execute(
            "INSERT INTO quiz_cards VALUES (?, ?, 'scenario', '{}', '2026-11-01T00:00:00Z', 'x')",
            (card_id, principle),
        )
        for _ in range(n):
            old.execute(
                "INSERT INTO quiz_reviews (card_id, principle_id, rating, reviewed) "
                "VALUES (?, ?, 3, '2026-11-01T00:00:00Z')",
                (card_id, principle),
            )
    old.close()

    conn = connect(path)
    expected = {
        f"ownership:scenario:{POSITIONAL_KEYS['ownership']['scenario'][0]}": 1,
        f"ownership:scenario:{POSITIONAL_KEYS['ownership']['scenario'][2]}": 2,
        f"frugality:cloze:{POSITIONAL_KEYS['frugality']['cloze'][1]}": 3,
    }
    for card_id, count in expected.items():
        assert history(conn, card_id) == count, card_id
        assert conn.execute("SELECT 1 FROM quiz_cards WHERE id = ?", (card_id,)).fetchone()
    for card_id in positional:
        assert history(conn, card_id) == 0
    live = {c.id for c in build_cards(open_library())}
    for card_id in expected:
        retired = card_id in REMOVED_KEYS
        assert (card_id in live) is not retired, card_id  # live cards keep their history


def test_history_stays_on_its_card_when_a_scenario_goes_and_phrases_move(
    builtin_copy: Path,
) -> None:
    conn = connect()
    before = [c for c in build_cards(open_library()) if c.source_id == "frugality"]
    for n, card in enumerate(before, start=1):
        review(conn, card, n)
    by_front = {c.front: history(conn, c.id) for c in before}

    path = builtin_copy / "frugality.yaml"
    text = path.read_text(encoding="utf-8")
    head, scenarios = text.split("\nscenarios:\n", 1)
    body, tail = re.match(r"(.*?)(\n[a-z_]+:.*)", scenarios, re.S).groups()  # type: ignore[union-attr]
    entries = re.split(r"(?m)^(?=  - key: )", body)
    assert entries[0] == "" and len(entries) > 3
    removed = re.match(r"  - key: (\S+)", entries[2]).group(1)  # type: ignore[union-attr]
    del entries[2]  # scenario 2 goes
    phrases = re.search(r"(?s)key_phrases:\n(.*?)\n\n", head).group(1)  # type: ignore[union-attr]
    items = [i.rstrip("\n") + "\n" for i in re.split(r"(?m)^(?=  - key: )", phrases)[1:]]
    head = head.replace(phrases, "".join(reversed(items)).rstrip("\n"))  # phrases reordered
    path.write_text(f"{head}\nscenarios:\n{''.join(entries)}{tail}", encoding="utf-8")

    after_library = open_library([builtin_copy])
    after = [c for c in build_cards(after_library) if c.source_id == "frugality"]
    assert [c.front for c in after] != [c.front for c in before]  # the order did change
    assert len(after) == len(before) - 1
    store.retire(conn, build_cards(after_library), [p.id for p in after_library.principles])
    states = store.load_states(conn)
    for card in after:
        assert history(conn, card.id) == by_front[card.front], card.id
        assert card.id in states
    gone = f"frugality:scenario:{removed}"
    assert gone not in states  # retired: not shown
    assert history(conn, gone) == next(n for n, c in enumerate(before, 1) if c.id == gone)
    due = store.due_count(conn, WHEN + timedelta(days=400))
    assert due == len(states)  # a retired card is not counted as due

    store.retire(conn, build_cards(open_library()), ["frugality"])  # the scenario comes back
    assert gone in store.load_states(conn)


def test_validate_names_scenarios_without_a_key(cli, pack: Path) -> None:  # type: ignore[no-untyped-def]
    (pack / "servant-leadership.yaml").write_text(
        "id: servant-leadership\norder: 17\ntitle: Servant Leadership\n"
        "statement: Leaders serve first.\nkey_phrases: [serve first]\n"
        "discussion:\n  - question: Who serves whom?\n"
        "scenarios:\n  - situation: A lead serves coffee.\n    answer: servant-leadership\n"
        "    distractors: [ownership]\n    explanation: Serving first.\n",
        encoding="utf-8",
    )
    result = cli("principles", "validate", str(pack))
    assert result.exit_code == 0, result.output
    assert "key phrase 1, scenario 1 without `key:`" in result.output
    assert "discussion question 1 without `stage:`" in result.output
    assert "customer-obsession" not in result.output  # the built-in pack has keys and stages


def test_the_retired_keys_are_gone_from_the_pack_and_never_reused() -> None:
    live = {c.id for c in build_cards(open_library())}
    assert not live & set(REMOVED_KEYS)
    for card_id in REMOVED_KEYS:
        principle, kind, key = card_id.split(":")
        assert key in POSITIONAL_KEYS[principle][kind], card_id  # a card that existed
