"""`lp-coach today`: cards due, the next meeting, the prompt, the streak, the person's steps."""

from __future__ import annotations

import json
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from conftest import Invoke

from lp_coach.content.library import open_library
from lp_coach.journal.prompts import prompt_principle
from lp_coach.quiz.cards import build_cards
from lp_coach.quiz.schedule import new_card
from lp_coach.quiz.store import save_review
from lp_coach.store.db import connect
from lp_coach.study import records
from lp_coach.study import store as session_store


def facts(cli: Invoke, *args: str) -> dict[str, object]:
    result = cli("today", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_a_first_day(cli: Invoke) -> None:
    day = facts(cli)  # through a pipe: JSON without asking
    assert day == facts(cli, "--json")
    assert day["quiz"] == {"due": 0, "new": 10}
    assert day["meeting"]["number"] == 1 and day["meeting"]["planned"] is False  # type: ignore[index]
    assert day["meeting"]["date"] is None  # no dates until `plan start`  # type: ignore[index]
    assert day["journal"] == {"streak": 0, "written_today": False}
    assert day["actions"] is None and day["me"] is None
    assert len(day["stories"]["gaps"]) == 16  # type: ignore[index]


def test_due_cards_streak_and_steps_for_me(cli: Invoke, isolated_home: Path) -> None:
    library = open_library()
    past = datetime.now(UTC) - timedelta(days=3)
    with closing(connect()) as conn:
        for card in build_cards(library)[:2]:
            save_review(conn, card, 3, past, None, new_card(card.id, past))
        record = session_store.create(conn, records.Options("ownership", group=("Ann", "Ben")))
        state = records.State()
        session_store.add_entry(
            conn, record.id, "actions", "action", "Ann", "Call the supplier", state
        )
        session_store.add_entry(conn, record.id, "actions", "action", "Ben", "Fix the sink", state)
        session_store.finish(conn, record.id, state, "notes.md")
    cli("journal", "add", "-d", "yesterday", "Held my tongue")
    cli("journal", "add", "Listened first")
    day = facts(cli, "--me", "ann")
    assert day["quiz"]["due"] == 2  # type: ignore[index]
    assert day["journal"] == {"streak": 2, "written_today": True}
    assert day["actions"]["steps"] == [{"person": "Ann", "text": "Call the supplier"}]  # type: ignore[index]
    assert 'me = "ann"' in (isolated_home / "config.toml").read_text(encoding="utf-8")
    remembered = facts(cli)
    assert remembered["me"] == "ann" and len(remembered["actions"]["steps"]) == 1  # type: ignore[index]


def test_me_keeps_the_rest_of_the_config(
    cli: Invoke, isolated_home: Path, builtin_copy: Path
) -> None:
    pack = builtin_copy
    isolated_home.mkdir(parents=True, exist_ok=True)
    config = isolated_home / "config.toml"
    config.write_text(f'# mine\nprinciples = ["{pack}"]\nme = "Old"\n', encoding="utf-8")
    facts(cli, "--me", 'Ann "A"')
    assert (
        config.read_text(encoding="utf-8")
        == f'# mine\nprinciples = ["{pack}"]\nme = "Ann \\"A\\""\n'
    )
    assert facts(cli)["me"] == 'Ann "A"'


def test_the_prompt_favours_the_weakest_and_never_repeats_yesterday() -> None:
    library = open_library()
    mastery = dict.fromkeys(library.ids(), 1.0)
    mastery["frugality"] = 0.0
    days = [date(2026, 1, 5) + timedelta(days=n) for n in range(196)]  # from a Monday
    picks = [prompt_principle(library, mastery, d).id for d in days]
    assert picks.count("frugality") > 196 / len(library.ids()) * 2
    weeks = [picks[n : n + 7] for n in range(0, len(picks), 7)]
    assert all(a != b for week in weeks for a, b in zip(week, week[1:], strict=False))
    assert picks == [prompt_principle(library, mastery, d).id for d in days]  # same all day


def test_bare_command_through_a_pipe_prints_help(cli: Invoke) -> None:
    result = cli()
    assert "Usage: lp-coach" in result.output and "today" in result.output
