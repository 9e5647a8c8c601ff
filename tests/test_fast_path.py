"""`journal search` without Typer: the same output as the Typer command, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path
from subprocess import DEVNULL

import pytest
from conftest import Invoke, through_typer
from test_terminal import lp_coach, run_in_pty

from lp_coach.cli import shortcuts
from lp_coach.journal import store
from lp_coach.journal.entries import NewEntry
from lp_coach.store.db import connect

TEXTS = [
    ("2026-01-05", "Budget meeting\nI held my tongue while Ann explained the numbers. #frugality"),
    ("2026-01-06", "Lunch at the Café Olé\nWe talked about the résumé Ben sent. #earn-trust"),
    ("2026-01-07", "Long walk\nThe budget is a promise to people. #ownership #frugality"),
    ("2026-01-08", "Lighthouse\nA short one about the budget."),
]

PLAIN = [
    ["budget"],
    ["BUDGET", "promise"],
    ["cafe"],
    ['"held my tongue"'],
    ["budg*"],
    ["tongue", "OR", "lighthouse"],
    ["budget", "NOT", "walk"],
    ["budget", "-n", "1"],
    ["-n", "2", "budget"],
    ["budget", "-n", "0"],
    ["budget", "-n", "007"],
    ["budget", "-n", "3", "-n", "1"],
    ["budget", "--json"],
    ["--json", "zebra"],
    ["budget", "-p", "frugality"],
    ["budget", "--principle", "ownership", "-p", "earn"],
    ["budget", "-p", "Frugality", "--json", "-n", "1"],
    ["budget", "-p", "no-such-principle"],
    ["budgt"],  # a miss, with a suggestion
    ["zebra"],  # a miss, with a prefix hint
    ["!!!"],  # nothing to search for: a usage error
    [""],
]
"""Forms parsed here (after `journal search`): each must give what the Typer command gives."""

TYPERS = [
    [],
    ["-h"],
    ["budget", "--help"],
    ["--", "budget"],
    ["--", "-n", "1"],
    ["-budget", "walk"],
    ["-"],
    ["budget", "-n"],
    ["budget", "-n", "x"],
    ["budget", "-n", "-1"],
    ["budget", "-n1"],
    ["budget", "-n", "٣"],
    ["budget", "--principle=frugality"],
    ["budget", "-p"],
    ["budget", "-p", "--json"],
    ["budget", "--jsn"],
    ["--json"],
]
"""Forms left to Typer (after `journal search`): help, mistakes, and forms not listed."""


@pytest.fixture(autouse=True)
def journal(isolated_home: Path) -> None:
    with closing(connect()) as conn:
        for day, text in TEXTS:
            store.add(conn, NewEntry(day=date.fromisoformat(day), text=text, time="08:00"))


@pytest.mark.parametrize("args", PLAIN + TYPERS, ids=" ".join)
def test_both_paths_print_the_same(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    typed = ["journal", "search", *args]
    assert (shortcuts.parse(typed) is not None) == (args in PLAIN)
    expected = through_typer(cli, monkeypatch, *typed)
    assert cli(*typed) == expected
    assert "Traceback" not in expected.output


def test_the_table_covers_hits_misses_and_errors(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes = {through_typer(cli, monkeypatch, "journal", "search", *a).exit_code for a in PLAIN}
    assert codes == {0, 1, 2}


def test_ctrl_c_ends_both_the_same(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("lp_coach.journal.search.search", interrupted)
    expected = through_typer(cli, monkeypatch, "journal", "search", "budget")
    assert cli("journal", "search", "budget") == expected
    assert expected.exit_code == 130


@pytest.mark.parametrize(
    "argv",
    [
        ["--debug", "journal", "search", "budget"],
        ["journal", "--help", "search", "budget"],
        ["journal", "list", "budget"],
        ["journal", "searches", "budget"],
    ],
)
def test_other_command_lines_go_to_typer(argv: list[str]) -> None:
    assert shortcuts.parse(argv) is None


def test_parse_reads_every_option() -> None:
    argv = ["journal", "search", "a", "-p", "x", "b", "--json", "--principle", "y", "-n", "3"]
    assert shortcuts.parse(argv) == shortcuts.SearchArgs(["a", "b"], ["x", "y"], 3, True)
    assert shortcuts.parse(["journal", "search", "a"]) == shortcuts.SearchArgs(
        ["a"], [], shortcuts.BEST, False
    )


def test_a_shell_asking_for_completions_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(shortcuts.COMPLETION_VAR, "complete_bash")
    assert shortcuts.try_run(["journal", "search", "budget"]) is False


def run_installed(*args: str, python: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", IMPORTED, *args] if python else [lp_coach(), *args]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=30)


IMPORTED = """\
import sys
from lp_coach.cli.main import run
run(sys.argv[1:])
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"typer", "click", "rich", "yaml"})
print(heavy, file=sys.stderr)
"""


def test_the_fast_path_imports_neither_typer_nor_rich() -> None:
    done = run_installed("journal", "search", "budget", python=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "[]"
    assert "Budget" in done.stdout


def test_the_installed_program_prints_the_same_both_ways() -> None:
    fast_run = run_installed("journal", "search", "budget", "-n", "2")
    typer_run = run_installed("journal", "search", "-n", "2", "--", "budget")
    assert fast_run.returncode == typer_run.returncode == 0
    assert (fast_run.stdout, fast_run.stderr) == (typer_run.stdout, typer_run.stderr)
    assert "(2 best of 3 matches; -n 0 shows all)" in fast_run.stderr


@pytest.mark.e2e
def test_a_terminal_sees_the_same_both_ways(isolated_home: Path) -> None:
    drawn = run_in_pty(["journal", "search", "budget"], isolated_home)
    assert drawn == run_in_pty(["journal", "search", "--", "budget"], isolated_home)
    assert drawn[0] == 0
    assert "\x1b[" in drawn[1] and "is a promise to people" in drawn[1]  # Rich drew it


def test_a_reader_that_stops_early_is_no_error(isolated_home: Path) -> None:
    many = (NewEntry(day=date(2025, 1, 1), text=f"Day {n}\n" + "budget " * 40) for n in range(1000))
    with closing(connect()) as conn:
        store.add_many(conn, many)
    for form in (["budget"], ["--", "budget"]):  # ~150 kB: more than a pipe holds
        reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=DEVNULL)
        done = subprocess.run(
            [lp_coach(), "journal", "search", "-n", "0", *form],
            stdout=reader.stdin,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
        )
        assert reader.stdin is not None
        reader.stdin.close()
        reader.wait()
        assert (done.returncode, done.stderr) == (0, ""), form  # a closed pipe: exit 0, quietly
