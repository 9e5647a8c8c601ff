"""`principles list`, `principles show` and `journal list` without Typer, and the kept pages.

The plain forms must print what the Typer commands print, byte for byte; a page kept from
an earlier run must never outlive a change to the principle, the pack or the template.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from conftest import MINIMAL, Invoke, drawn_on_a_terminal, through_typer, write_principle

from lp_coach.cli import shortcuts
from lp_coach.journal import store
from lp_coach.journal.entries import NewEntry
from lp_coach.store.db import connect

GOOD = MINIMAL.format(id="servant-leadership", order=17, title="Servant Leadership")
PLAIN = [
    ["principles", "list"],
    ["principles", "list", "--json"],
    ["principles", "show", "ownership"],
    ["principles", "show", "2", "--json"],
    ["principles", "show", "Frugality"],
    ["principles", "show", "nope"],
    ["journal", "list"],
    ["journal", "list", "--json"],
]
TYPERS = [
    ["principles", "show"],
    ["principles", "show", "-h"],
    ["principles", "show", "--json", "ownership"],
    ["principles", "list", "--help"],
    ["principles", "list", "--json", "--json"],
    ["journal", "list", "-n", "1"],
    ["journal", "list", "--starred"],
]


@pytest.fixture(autouse=True)
def journal(isolated_home: Path) -> None:
    with closing(connect()) as conn:
        for day in (5, 6):
            text = f"Day {day}\nHeld my tongue. #frugality"
            store.add(conn, NewEntry(day=date(2026, 1, day), text=text, time="08:00"))


@pytest.mark.parametrize("args", PLAIN + TYPERS, ids=" ".join)
def test_both_paths_print_the_same(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    assert (shortcuts.parse(args) is not None) == (args in PLAIN)
    expected = through_typer(cli, monkeypatch, *args)
    assert cli(*args) == expected
    assert cli(*args) == expected  # the second time from the kept page
    assert "Traceback" not in expected.output


IMPORTED = """\
import sys
from lp_coach.cli.main import run
run(sys.argv[1:])
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"typer", "click", "jinja2", "yaml"})
print(heavy, file=sys.stderr)
"""


def run_python(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    command = [sys.executable, "-c", IMPORTED, *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)


def test_a_principle_read_again_needs_no_typer_jinja_or_yaml() -> None:
    first = run_python("principles", "show", "ownership")
    assert first.returncode == 0, first.stderr
    again = run_python("principles", "show", "ownership")
    assert again.stdout == first.stdout
    assert again.stderr.splitlines()[-1] == "[]"
    listed = run_python("principles", "list")
    assert listed.stderr.splitlines()[-1] == "[]"


def test_a_kept_page_follows_the_users_template(cli: Invoke, isolated_home: Path) -> None:
    before = cli("principles", "show", "ownership").stdout
    templates = isolated_home / "templates"
    templates.mkdir(parents=True)
    (templates / "principle.md.j2").write_text("Mine: {{ p.title }}\n", encoding="utf-8")
    assert cli("principles", "show", "ownership").stdout == "Mine: Ownership\n"
    (templates / "principle.md.j2").unlink()
    assert cli("principles", "show", "ownership").stdout == before


def test_a_kept_page_follows_the_pack(cli: Invoke, pack: Path) -> None:
    path = write_principle(pack, GOOD)
    first = cli("--principles", str(pack), "principles", "show", "servant-leadership").stdout
    path.write_text(GOOD.replace("Servant", "Steward"), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # the same size; another time
    second = cli("--principles", str(pack), "principles", "show", "servant-leadership").stdout
    assert first != second and "Steward" in second


def drawn(args: list[str], **env: str) -> bytes:
    """What `lp-coach ARGS` draws on a terminal, with `env` set."""
    return drawn_on_a_terminal(args, dict(os.environ, TERM="xterm-256color", **env))


@pytest.mark.parametrize("args", [["principles", "show", "ownership"], ["principles", "list"]])
def test_a_kept_drawing_is_the_terminals_own(isolated_home: Path, args: list[str]) -> None:
    """Drawn again it is the same, byte for byte; on another width, or another setting Rich
    reads, it is drawn for that terminal, as a first drawing there would be."""
    first = drawn(args, COLUMNS="90")
    assert b"\x1b[" in first and drawn(args, COLUMNS="90") == first
    narrow = drawn(args, COLUMNS="60")
    plain = drawn(args, COLUMNS="60", NO_COLOR="1")
    assert narrow != first
    shutil.rmtree(isolated_home / "cache")
    assert drawn(args, COLUMNS="60") == narrow
    assert drawn(args, COLUMNS="60", NO_COLOR="1") == plain


def test_a_kept_page_cut_short_is_made_again(cli: Invoke, isolated_home: Path) -> None:
    """Kept pages are written without waiting for the disk: after a crash one may be found
    cut short, and is then made again, never shown in part."""
    whole = cli("principles", "show", "ownership").stdout
    (page,) = (isolated_home / "cache" / "pages").iterdir()
    written = page.read_text(encoding="utf-8")
    page.write_text(written[: len(written) // 2], encoding="utf-8")
    assert cli("principles", "show", "ownership").stdout == whole


def test_a_kept_page_follows_a_template_its_template_includes(
    cli: Invoke, isolated_home: Path
) -> None:
    """The user's principle.md.j2 may include or import another template: an edit there is
    shown at once too (a kept page had shown the partial as it was)."""
    templates = isolated_home / "templates"
    templates.mkdir(parents=True)
    (templates / "principle.md.j2").write_text(
        '# {{ p.title }}\n{% include "part.j2" %}\n', encoding="utf-8"
    )
    (templates / "part.j2").write_text("PART v1\n", encoding="utf-8")
    assert "PART v1" in cli("principles", "show", "frugality").stdout
    (templates / "part.j2").write_text("PART v2 longer\n", encoding="utf-8")
    assert "PART v2 longer" in cli("principles", "show", "frugality").stdout


def test_a_kept_drawing_is_not_shown_by_another_rich(isolated_home: Path, tmp_path: Path) -> None:
    """Rich upgraded in place (the same lp-coach) draws the page afresh: the key holds
    Rich's drawing code as it holds lp-coach's."""
    import rich

    args = ["principles", "show", "ownership"]
    first = drawn(args, COLUMNS="90")
    assert drawn(args, COLUMNS="90") == first  # kept
    other = tmp_path / "site" / "rich"
    shutil.copytree(Path(rich.__file__).parent, other)
    with open(other / "console.py", "a", encoding="utf-8") as code:
        code.write(
            "\n_print = Console.print\n"
            "Console.print = lambda self, *a, **k: _print(self, 'ANOTHER RICH', *a, **k)\n"
        )
    upgraded = drawn(args, COLUMNS="90", PYTHONPATH=str(other.parent))
    assert b"ANOTHER RICH" in upgraded
