"""`lp-coach journal`: writing, tags, reading, starring, deleting, prompts and stats."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from conftest import Invoke

from lp_coach.content.library import open_library
from lp_coach.journal.prompts import prompt_for


def entries(cli: Invoke, *args: str) -> list[dict[str, Any]]:
    result = cli("journal", "list", "--json", *args)
    assert result.exit_code == 0, result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def add(cli: Invoke, *args: str, input: str | None = None) -> str:
    result = cli("journal", "add", *args, input=input)
    assert result.exit_code == 0, result.output
    return result.stdout


# Writing


def test_one_line_is_saved_with_one_quiet_confirmation(cli: Invoke) -> None:
    result = cli("journal", "add", "Held my tongue in the budget meeting #earn-trust")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Saved entry 1 · ")
    assert lines[0].endswith(" · earn-trust")
    [entry] = entries(cli)
    assert entry["text"] == "Held my tongue in the budget meeting #earn-trust"
    assert entry["principles"] == ["earn-trust"]
    assert entry["date"] == date.today().isoformat()
    assert entry["time"] is not None and entry["starred"] is False


def test_words_without_quotes_principles_by_option_and_star(cli: Invoke) -> None:
    add(cli, "Called", "Ben", "back", "-p", "Ownership", "--principle", "dive", "--star")
    [entry] = entries(cli)
    assert entry["text"] == "Called Ben back"
    assert entry["principles"] == ["dive-deep", "ownership"]
    assert entry["starred"] is True


def test_piped_text_keeps_its_lines(cli: Invoke) -> None:
    add(cli, input="First line\r\nSecond line #think-big\n\n")
    [entry] = entries(cli)
    assert entry["text"] == "First line\nSecond line #think-big"
    assert entry["principles"] == ["think-big"]


@pytest.mark.parametrize(
    ("args", "day", "time"),
    [
        (["-d", "yesterday"], date.today() - timedelta(days=1), None),
        (["--date", "2025-12-24 18:30"], date(2025, 12, 24), "18:30"),
        (["--date", "3 days ago"], date.today() - timedelta(days=3), None),
    ],
)
def test_dates(cli: Invoke, args: list[str], day: date, time: str | None) -> None:
    add(cli, *args, "A day to remember")
    [entry] = entries(cli)
    assert (entry["date"], entry["time"]) == (day.isoformat(), time)


def test_a_leading_date_as_in_jrnl(cli: Invoke) -> None:
    add(cli, "yesterday: Ran the retro")
    [entry] = entries(cli)
    assert entry["text"] == "Ran the retro"
    assert entry["date"] == (date.today() - timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x", "#earn-trst"], "#earn-trst is not a principle; did you mean #earn-trust?"),
        (["x", "-p", "earn-trst"], "no principle 'earn-trst'; did you mean earn-trust?"),
        (["x", "-p", "d"], "'d' could be any of: dive-deep, deliver-results"),
        (["x", "--date", "someday"], "--date: cannot read 'someday' as a date"),
        (["   "], "nothing to save: the entry is empty"),
    ],
)
def test_mistakes_save_nothing_and_say_why(cli: Invoke, args: list[str], message: str) -> None:
    result = cli("journal", "add", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert entries(cli) == []


def test_empty_stdin_saves_nothing(cli: Invoke) -> None:
    result = cli("journal", "add", input="")
    assert result.exit_code == 2
    assert "nothing to save" in result.stderr


def test_hashtags_that_name_no_principle_are_just_words(cli: Invoke) -> None:
    add(cli, "My #1 priority: #budget, C# and page#anchor #Earn-Trust.")
    assert entries(cli)[0]["principles"] == ["earn-trust"]


def test_answering_todays_prompt(cli: Invoke) -> None:
    library = open_library()
    question = prompt_for(library, date.today(), library.get("frugality"))
    add(cli, "--prompt", "-p", "frugality", "We reused the old projector.")
    [entry] = entries(cli)
    assert entry["text"] == f"{question.text}\n\nWe reused the old projector."
    assert entry["principles"] == ["frugality"]
    add(cli, "--prompt", "-p", "frugality", "yesterday: Fixed the chair.")
    assert entries(cli)[0]["text"] == f"{question.text}\n\nFixed the chair."
    empty = cli("journal", "add", "--prompt", input="\n")
    assert empty.exit_code == 2 and "the entry is empty" in empty.stderr


# Prompts


def test_prompt_rotates_a_principle_a_day() -> None:
    library = open_library()
    start = date(2026, 1, 1)
    days = [prompt_for(library, start + timedelta(days=n)) for n in range(32)]
    assert len({d.principle.id for d in days[:16]}) == 16
    assert days[0].principle == days[16].principle
    assert days[0].text != days[16].text  # the next time round, its next prompt
    assert all(d.text in d.principle.journal_prompts for d in days)


def test_prompt_command(cli: Invoke) -> None:
    result = cli("journal", "prompt", "--principle", "ownership", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["principle"] == "ownership"
    assert data["prompt"] in open_library().get("ownership").journal_prompts  # type: ignore[union-attr]
    plain = cli("journal", "prompt", "-p", "ownership")
    assert plain.stdout.splitlines() == ["Ownership (ownership)", data["prompt"]]
    assert "lp-coach journal add --prompt --principle ownership" in plain.stderr


# Reading


def test_list_filters(cli: Invoke) -> None:
    add(cli, "-d", "2026-01-01", "New year #think-big")
    add(cli, "-d", "2026-01-02", "Second #ownership", "--star")
    add(cli, "-d", "2026-01-03", "Third #ownership")
    add(cli, "-d", "2025-12-31", "Old year")
    texts = [e["text"] for e in entries(cli)]
    assert texts == ["Old year", "New year #think-big", "Second #ownership", "Third #ownership"]
    assert [e["text"] for e in entries(cli, "-p", "ownership")] == texts[2:]
    assert [e["text"] for e in entries(cli, "--since", "2026-01-02")] == texts[2:]
    assert [e["text"] for e in entries(cli, "--until", "2026-01-01")] == texts[:2]
    assert [e["text"] for e in entries(cli, "--starred")] == ["Second #ownership"]
    assert [e["text"] for e in entries(cli, "-n", "2")] == texts[2:]
    bad = cli("journal", "list", "--since", "2026-02-01", "--until", "2026-01-01")
    assert bad.exit_code == 2 and "is after --until" in bad.stderr


def test_list_plain_and_empty(cli: Invoke) -> None:
    empty = cli("journal", "list")
    assert empty.exit_code == 0 and empty.stdout == ""
    assert "No entries yet" in empty.stderr
    add(cli, "-d", "2026-01-06 07:12", "Held my tongue\nIn the budget meeting #earn-trust")
    result = cli("journal", "list")
    assert result.stdout == (
        "   1  Tue 2026-01-06 07:12  earn-trust\n"
        "      Held my tongue\n"
        "      In the budget meeting #earn-trust\n"
    )
    assert cli("journal", "list", "-p", "ownership").stderr.startswith("No entries match")


def test_show_star_and_delete(cli: Invoke) -> None:
    add(cli, "-d", "2026-01-06", "Keep this one")
    shown = cli("journal", "show", "1", "--json")
    data = json.loads(shown.stdout)
    assert data["text"] == "Keep this one" and data["starred"] is False
    assert set(data) >= {"created", "updated", "source", "fingerprint"}
    assert cli("journal", "star", "1").stdout == "Entry 1 starred.\n"
    assert json.loads(cli("journal", "show", "1", "--json").stdout)["starred"] is True
    assert "★" in cli("journal", "show", "1").stdout
    assert cli("journal", "star", "1", "--off").stdout == "Entry 1 unstarred.\n"

    kept = cli("journal", "delete", "1", input="n\n")
    assert kept.exit_code == 1 and "Nothing deleted." in kept.stderr
    assert "Keep this one" in kept.stdout
    gone = cli("journal", "delete", "1", input="y\n")
    assert gone.exit_code == 0 and "Deleted entry 1." in gone.stdout
    assert entries(cli) == []
    number = add(cli, "Another").split()[2]
    assert cli("journal", "delete", number, "--yes").exit_code == 0
    assert entries(cli) == []


@pytest.mark.parametrize("command", ["show", "star", "delete", "edit"])
def test_a_missing_entry_is_named(cli: Invoke, command: str) -> None:
    result = cli("journal", command, "99", *(["--yes"] if command == "delete" else []))
    assert result.exit_code == 2
    assert result.stderr == ("lp-coach: error: no journal entry 99 (see `lp-coach journal list`)\n")


# Stats


def test_stats(cli: Invoke) -> None:
    today = date.today()
    for back in (0, 1, 2, 10, 11, 12, 13):
        add(cli, "-d", (today - timedelta(days=back)).isoformat(), f"Day {back} #ownership")
    add(cli, "Twice today #frugality #ownership")
    add(cli, "-d", (today - timedelta(days=400)).isoformat(), "Long ago")
    data = json.loads(cli("journal", "stats", "--json").stdout)
    assert data == {
        "entries": 9,
        "days": 8,
        "current_streak": 3,
        "longest_streak": 4,
        "principles": {"frugality": 1, "ownership": 8},
        "untagged": 1,
    }
    text = cli("journal", "stats").stdout
    assert "Current streak: 3 days" in text
    assert "Longest streak: 4 days (to " in text
    bars = {line.split()[0]: line for line in text.splitlines() if line.startswith("  ")}
    assert bars["Ownership"].endswith("    8 " + "█" * 30)
    assert bars["Frugality"].endswith("    1 ████")
    assert bars["Customer"].endswith("    0")
    grid = text.split("The last year\n", 1)[1].splitlines()
    assert grid[1].startswith("Mon ") and grid[7].startswith("Sun ")
    assert len(grid[1]) <= 4 + 53
    assert "▒" in text  # two entries today
    assert grid[-1].startswith("    less · ░ ▒ ▓ █ more")


def test_streak_survives_until_today_is_over(cli: Invoke) -> None:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    add(cli, "-d", yesterday, "Wrote yesterday, not yet today")
    assert json.loads(cli("journal", "stats", "--json").stdout)["current_streak"] == 1
