"""`lp-coach quiz` in plain mode (stdin not a terminal): good answers, bad ones, and stopping."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta

import pytest
from conftest import Invoke

from lp_coach.content.library import open_library
from lp_coach.quiz.cards import build_cards
from lp_coach.quiz.schedule import new_card
from lp_coach.quiz.store import save_review
from lp_coach.quiz.summary import Summary, summary_lines
from lp_coach.store.db import connect

FRUGALITY = (
    "accomplish more with less constraints breed resourcefulness self sufficiency and "
    "invention there are no extra points for growing headcount budget size or fixed expense"
)


def rows(table: str) -> list[sqlite3.Row]:
    with closing(connect()) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


def logged() -> list[sqlite3.Row]:
    return rows("quiz_reviews")


def options(stdout: str) -> list[str]:
    """The numbered options of the first question printed."""
    return re.findall(r"^  \d\. (.+)$", stdout, flags=re.MULTILINE)[:4]


def test_a_right_answer_by_name_after_bad_ones(cli: Invoke) -> None:
    typed = "zzz\n0\n99\n\nFrugality\n"
    result = cli("quiz", "-p", "frugality", "--kind", "name", input=typed)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("1 question: 1 new. Type /quit to stop")
    assert "== Question 1 of 1 · name the principle ==" in out
    assert "Accomplish more with less." in out
    assert out.count("Please answer with a number from 1 to 4") == 4
    assert "✓ Right: Frugality." in out
    assert "Score: 1 of 1 (100%). Perfect." in out
    assert "Next due: " in out
    assert "Traceback" not in result.output
    [review] = logged()
    assert (review["card_id"], review["rating"], review["cram"]) == (
        "frugality:name:statement",
        4,
        0,
    )


def test_a_wrong_answer_comes_back_and_is_named_for_review(cli: Invoke) -> None:
    args = ("quiz", "-p", "frugality", "--kind", "name", "--seed", "5")
    shown = options(cli(*args, input="").stdout)
    assert "Frugality" in shown and logged() == []  # nothing answered, nothing saved
    wrong = next(i for i, title in enumerate(shown, 1) if title != "Frugality")
    result = cli(*args, input=f"{wrong}\nfrugality\n")
    assert result.exit_code == 0, result.output
    assert options(result.stdout) == shown  # the seed gives the same options
    assert f"✗ It is {shown.index('Frugality') + 1}. Frugality." in result.stdout
    assert "== Once more (1 of 1) · name the principle ==" in result.stdout
    assert "Score: 0 of 1 (0%)" in result.stdout
    assert "(Again: back in 10 minutes.)" in result.stdout
    assert "To review: Frugality.\n  Read one again with: lp-coach principles show frugality\n" in (
        result.stdout
    )
    assert "Next due: tomorrow at " in result.stdout  # known on the second try: Easy
    assert [r["rating"] for r in logged()] == [1, 4]


def test_typed_recall_is_compared_leniently_then_self_graded(cli: Invoke) -> None:
    typed = f"{FRUGALITY.upper()}\nmaybe\n5\n3\n"
    result = cli("quiz", "-p", "frugality", "--kind", "recall", input=typed)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Type the principle's statement" in out and "  Frugality" in out
    assert "✓ Word for word." in out
    assert out.count("Please type 1, 2, 3 or 4.") == 2
    assert "Score: 1 of 1 (100%)" in out
    assert [r["rating"] for r in logged()] == [3]


def test_a_blank_shows_the_answer_and_a_self_graded_miss_repeats(cli: Invoke) -> None:
    typed = "\n1\nmore with less\n4\n"
    result = cli("quiz", "-p", "frugality", "--kind", "cloze", "--count", "1", input=typed)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "_____. Constraints breed resourcefulness" in out
    assert "Here it is.\n  more with less\n" in out
    assert "== Once more (1 of 1) · fill the blank ==" in out
    assert "✓ Word for word." in out
    assert [r["rating"] for r in logged()] == [1, 4]


def test_end_of_input_ends_cleanly_with_answers_saved(cli: Invoke) -> None:
    result = cli("quiz", "--kind", "name", "--count", "3", "--seed", "2", input="1\n")
    assert result.exit_code == 0, result.output
    assert "Stopped with 2 questions to go; every answer given is saved." in result.stdout
    assert len(logged()) == 1


def test_quit_stops_at_once(cli: Invoke) -> None:
    result = cli("quiz", "--count", "3", input="/quit\n1\n")
    assert result.exit_code == 0, result.output
    assert "No answers this time; nothing changed." in result.stdout
    assert logged() == []


def test_nothing_due_then_cram(cli: Invoke) -> None:
    library = open_library()
    now = datetime.now(UTC)
    with closing(connect()) as conn:
        for card in build_cards(library)[:10]:
            state = new_card(card.id, now)
            state.due = now + timedelta(days=3)
            save_review(conn, card, 3, now, 1000, state)
    result = cli("quiz", input="")
    assert result.exit_code == 0, result.output
    assert "Nothing is due, and today's new cards are done." in result.stdout
    assert "lp-coach quiz --cram" in result.stdout
    assert "Next due: on " in result.stdout  # in three days
    narrowed = cli("quiz", "--kind", "name", input="")
    assert "Nothing is due among these cards" in narrowed.stdout
    before = [tuple(r) for r in rows("quiz_cards")]
    crammed = cli("quiz", "--cram", "-n", "1", "--kind", "name", input="Customer Obsession\n")
    assert crammed.exit_code == 0, crammed.output
    assert crammed.stdout.startswith("Practice: 1 question; the schedule stays as it is.")
    assert "✓ Right: Customer Obsession." in crammed.stdout
    assert "Practice only: the schedule is unchanged." in crammed.stdout
    after = [tuple(r) for r in rows("quiz_cards")]
    assert after == before
    assert logged()[-1]["cram"] == 1 and len(logged()) == 11


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "essay"], "--kind 'essay': not a card kind (choose from name, cloze"),
        (["--principle", "zzz"], "no principle 'zzz'"),
        (["--count", "0"], "--count must be at least 1"),
        (["--count", "x"], "Invalid value for '--count'"),
    ],
)
def test_usage_errors(cli: Invoke, args: list[str], message: str) -> None:
    result = cli("quiz", *args, input="")
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_help_says_what_fast_means(cli: Invoke) -> None:
    result = cli("quiz", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "right and fast is Easy: under 8 seconds, or 15 for a scenario" in text
    assert "export" in result.stdout


def test_an_unreadable_card_state_is_one_clear_error(cli: Invoke) -> None:
    assert cli("quiz", "-p", "frugality", "--kind", "name", input="frugality\n").exit_code == 0
    with closing(connect()) as conn:
        conn.execute("UPDATE quiz_cards SET state = '{not json'")
    for args in (["quiz"], ["progress"]):
        result = cli(*args, input="")
        assert result.exit_code == 1, result.output
        assert "quiz card 'frugality:name:statement': its stored state is unreadable" in (
            result.stderr
        )
        assert "Traceback" not in result.output


def test_the_summary_keeps_titles_with_commas_apart() -> None:
    now = datetime(2026, 1, 5, 9, tzinfo=UTC)
    summary = Summary(
        asked=3,
        planned=3,
        right=1,
        missed=("are-right-a-lot", "have-backbone-disagree-and-commit"),
        stopped=False,
        cram=False,
        next_due=None,
        due_now=0,
        due_tomorrow=0,
    )
    titles = {
        "are-right-a-lot": "Are Right, A Lot",
        "have-backbone-disagree-and-commit": "Have Backbone; Disagree and Commit",
    }
    lines = summary_lines(summary, titles, now, UTC)
    assert "To review: Are Right, A Lot · Have Backbone; Disagree and Commit." in lines


@pytest.mark.parametrize(
    ("typed", "rating", "asked"),
    [
        ("no idea\n4\nn\n2\n", 2, 1),  # asked once; "no" asks for the grade again
        ("no idea\n3\ny\n", 3, 1),  # "yes" keeps Good
        ("no idea\n3\n\n3\n", 3, 1),  # Enter is no; the same grade again is not asked twice
        ("no idea\n2\n", 2, 0),  # Hard is not asked about
        (f"{FRUGALITY}\n4\n", 4, 0),  # the right answer is not asked about
    ],
)
def test_good_on_a_far_answer_is_confirmed_once(
    cli: Invoke, typed: str, rating: int, asked: int
) -> None:
    result = cli("quiz", "-p", "frugality", "--kind", "recall", input=typed)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("all the same? (y/N)") == asked
    if asked:
        assert re.search(r"Yours is \d% like the official text\. \w+ all the same", result.stdout)
    assert [r["rating"] for r in logged()][:1] == [rating]
