"""End to end: the installed lp-coach in a real pseudo-terminal, as a person runs it."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import Invoke

pytestmark = pytest.mark.e2e


def lp_coach() -> str:
    beside = Path(sys.executable).parent / "lp-coach"
    found = str(beside) if beside.exists() else shutil.which("lp-coach")
    assert found, "lp-coach is not installed in this environment (pip install .)"
    return found


def run_in_pty(args: list[str], home: Path, **env: str) -> tuple[int, str]:
    environ = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home.parent),
        "LP_COACH_HOME": str(home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        **env,
    }
    child = pexpect.spawn(
        lp_coach(), args, env=environ, dimensions=(50, 100), encoding="utf-8", timeout=30
    )
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus or 0, child.before or ""


def test_show_draws_panels_on_a_terminal(isolated_home: Path) -> None:
    code, screen = run_in_pty(["principles", "show", "customer obsession"], isolated_home)
    assert code == 0, screen
    assert "╭" in screen and "1. Customer Obsession" in screen
    assert "Proverbs 20:14 (WEB)" in screen
    assert "Leader notes:" in screen
    assert "\x1b[" in screen  # colour on a terminal


def test_no_color_is_honoured(isolated_home: Path) -> None:
    code, screen = run_in_pty(["principles", "list"], isolated_home, NO_COLOR="1")
    assert code == 0, screen
    assert "Success and Scale Bring Broad Responsibility" in screen
    assert "\x1b[3" not in screen and "\x1b[9" not in screen  # no foreground colours


def test_list_is_a_table_of_sixteen(isolated_home: Path) -> None:
    code, screen = run_in_pty(["principles", "list"], isolated_home)
    assert code == 0, screen
    rows = [line.split() for line in screen.splitlines() if line.strip()[:2].strip().isdigit()]
    assert [row[0] for row in rows] == [str(n) for n in range(1, 17)], screen
    assert "Success and Scale Bring Broad Responsibility" in screen
    assert "success-and-scale-bring-broad-responsibility" in screen


def test_errors_are_one_line_without_traceback(isolated_home: Path) -> None:
    code, screen = run_in_pty(["principles", "show", "humility"], isolated_home)
    assert code == 2
    assert (
        screen.strip()
        == "lp-coach: error: no principle 'humility' (see `lp-coach principles list`)"
    )


def test_python_dash_m_runs_the_same_app(isolated_home: Path) -> None:
    child = pexpect.spawn(sys.executable, ["-m", "lp_coach", "--version"], encoding="utf-8")
    child.expect(pexpect.EOF)
    assert (child.before or "").startswith("lp-coach ")


def test_ctrl_c_exits_130_quietly(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("lp_coach.content.library.open_library", interrupted)
    result = cli("principles", "list")
    assert result.exit_code == 130
    assert "Traceback" not in result.output
