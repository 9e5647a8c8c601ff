"""`today` (and a bare `lp-coach`) without Typer: the same output as the Typer command."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pexpect
import pytest
from conftest import Invoke, through_typer
from test_terminal import lp_coach

from lp_coach.cli import shortcuts
from lp_coach.content.library import open_library
from lp_coach.quiz.cards import build_cards
from lp_coach.quiz.schedule import new_card
from lp_coach.quiz.store import save_review
from lp_coach.store.db import connect
from lp_coach.study import records
from lp_coach.study import store as session_store

PLAIN = [
    [],  # bare: today only on a terminal, so here (a pipe) Typer's help and exit 2
    ["today"],
    ["today", "--json"],
    ["today", "--me", "ann"],
    ["today", "--me", "Ben B", "--json"],
    ["today", "--json", "--me", "  Ann  "],
    ["today", "--me", ""],
]
"""Forms parsed here: each must give what the Typer command gives."""

TYPERS = [
    ["today", "-h"],
    ["today", "--help"],
    ["today", "--me"],
    ["today", "--me", "--json"],
    ["today", "--me", "-ann"],
    ["today", "--me=ann"],
    ["today", "--me", "ann", "--me", "ben"],
    ["today", "--json", "--json"],
    ["today", "--jsn"],
    ["today", "ann"],
    ["today", "--"],
    ["--debug", "today"],
    ["--help"],
    ["todays"],
]
"""Forms left to Typer: help, mistakes, global options and forms not listed."""


@pytest.fixture(autouse=True)
def history(isolated_home: Path) -> None:
    """Reviews a few days old (cards due) and a finished session with two people's steps."""
    library = open_library()
    past = datetime.now(UTC) - timedelta(days=3)
    with closing(connect()) as conn:
        for card, rating in zip(build_cards(library)[:3], (1, 3, 4), strict=True):
            save_review(conn, card, rating, past, None, new_card(card.id, past))
        record = session_store.create(conn, records.Options("ownership", group=("Ann", "Ben")))
        state = records.State()
        session_store.add_entry(
            conn, record.id, "actions", "action", "Ann", "Call the supplier", state
        )
        session_store.add_entry(conn, record.id, "actions", "action", "Ben", "Fix the sink", state)
        session_store.finish(conn, record.id, state, "notes.md")


@pytest.mark.parametrize("args", PLAIN + TYPERS, ids=lambda a: " ".join(a) or "bare")
def test_both_paths_print_the_same(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    assert (shortcuts.parse(args) is not None) == (args in PLAIN)
    expected = through_typer(cli, monkeypatch, *args)
    assert cli(*args) == expected
    assert "Traceback" not in expected.output


def test_the_table_covers_json_help_and_mistakes(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes = {through_typer(cli, monkeypatch, *a).exit_code for a in PLAIN + TYPERS}
    assert codes == {0, 2}
    assert '"due": 3' in cli("today").stdout


def test_parse_reads_every_option() -> None:
    assert shortcuts.parse(["today", "--json", "--me", "Ann"]) == shortcuts.TodayArgs("Ann", True)
    assert shortcuts.parse(["today"]) == shortcuts.TodayArgs(None, False)
    assert shortcuts.parse([]) == shortcuts.TodayArgs(bare=True)


def test_a_bare_command_through_a_pipe_is_typers() -> None:
    assert shortcuts.try_run([]) is False  # stdin and stdout are not terminals under pytest


IMPORTED = """\
import sys
from lp_coach.cli.main import run
run(sys.argv[1:])
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"typer", "click", "rich", "fsrs"})
print(heavy, file=sys.stderr)
"""


def test_today_json_imports_neither_typer_click_nor_fsrs() -> None:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    command = [sys.executable, "-c", IMPORTED, "today", "--json"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "[]"
    assert '"due": 3' in done.stdout


def spawn(home: Path, *args: str) -> pexpect.spawn:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home.parent),
        "LP_COACH_HOME": str(home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    child = pexpect.spawn(lp_coach(), list(args), env=env, dimensions=(50, 100), encoding="utf-8")
    child.expect("Enter: start the quiz · any other key: leave", timeout=30)
    return child


def left(child: pexpect.spawn) -> tuple[int, str]:
    """Press a key that is not Enter; the exit code and the whole screen."""
    screen = (child.before or "") + (child.after or "")
    child.send("x")
    child.expect(pexpect.EOF, timeout=30)
    child.close()
    return child.exitstatus or 0, screen + (child.before or "")


@pytest.mark.e2e
def test_a_terminal_sees_the_same_both_ways(isolated_home: Path) -> None:
    bare = left(spawn(isolated_home))
    assert bare == left(spawn(isolated_home, "today"))
    assert bare == left(spawn(isolated_home, "--debug", "today"))  # through Typer
    assert bare[0] == 0
    assert "\x1b[" in bare[1] and "Call the supplier" in bare[1]  # Rich drew it


@pytest.mark.e2e
def test_enter_starts_the_quiz_from_the_fast_path(isolated_home: Path) -> None:
    child = spawn(isolated_home)
    child.send("\r")
    child.expect("Your answer", timeout=30)  # the quiz asks its first card
    child.sendcontrol("c")
    child.expect(pexpect.EOF, timeout=30)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
