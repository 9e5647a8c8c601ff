"""Bad input (bytes, numbers, files, templates) ends in one line, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tomllib
from contextlib import closing
from pathlib import Path

import pytest
from conftest import Invoke

from lp_coach.journal import importers
from lp_coach.paths import cache_dir, config_file, user_template_dir
from lp_coach.store.db import db_path

LATIN1 = "Café au lait, thé\n".encode("latin-1")
TOO_LARGE = str(2**63)


def one_error_line(result: object, code: int) -> str:
    """The single line an error printed, after checking the exit code and that no traceback."""
    assert result.exit_code == code, result.output  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1, lines
    return str(lines[0])


def rows(sql: str) -> list[tuple[object, ...]]:
    """What `sql` finds in the database (read-only: a missing one is not created)."""
    with closing(sqlite3.connect(f"file:{db_path()}?mode=ro", uri=True)) as conn:
        return [tuple(r) for r in conn.execute(sql)]


# stdin that is not UTF-8


@pytest.mark.parametrize(
    ("command", "table"),
    [(("journal", "add"), "journal_entries"), (("stories", "add"), "stories")],
)
def test_non_utf8_stdin_keeps_a_draft_and_says_one_line(
    cli: Invoke, command: tuple[str, ...], table: str
) -> None:
    result = cli(*command, input=LATIN1)
    line = one_error_line(result, 2)
    assert "not UTF-8 text (byte 0xe9 at offset 3)" in line
    draft = Path(line.split("what could be read is in ", 1)[1].split(",", 1)[0])
    assert draft.read_text(encoding="utf-8") == "Caf\ufffd au lait, th\ufffd\n"
    assert draft.stat().st_mode & 0o777 == 0o600
    assert f"lp-coach {' '.join(command)} < {draft}" in line
    assert not db_path().exists() or rows(f"SELECT count(*) FROM {table}") == [(0,)]


def test_utf8_stdin_is_saved_as_before(cli: Invoke) -> None:
    result = cli("journal", "add", input="Café au lait\n".encode())
    assert result.exit_code == 0, result.output
    assert rows("SELECT title FROM journal_entries") == [("Café au lait",)]


def test_a_plain_study_line_that_is_not_utf8_is_kept_as_it_can_be_read(cli: Invoke) -> None:
    result = cli("study", "frugality", "--plain", input=b"caf\xe9 good\n/quit\n")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.stdout.count("not UTF-8 text") == 1
    assert rows("SELECT text FROM session_entries WHERE kind = 'answer'") == [("caf\ufffd good",)]


def test_argv_that_is_not_utf8_is_saved_decoded(cli: Invoke) -> None:
    # Python hands argv bytes that are not UTF-8 on as lone surrogates ('\udcff').
    result = cli("journal", "add", "bad \udcff byte")
    assert result.exit_code == 0, result.output
    assert rows("SELECT title FROM journal_entries") == [("bad \ufffd byte",)]


# Numbers SQLite cannot hold


@pytest.mark.parametrize(
    "args",
    [
        ("journal", "show", TOO_LARGE),
        ("journal", "edit", TOO_LARGE, "-d", "yesterday"),
        ("journal", "delete", TOO_LARGE, "--yes"),
        ("journal", "star", TOO_LARGE),
        ("journal", "list", "-n", TOO_LARGE),
        ("journal", "search", "word", "-n", TOO_LARGE),  # the fast path
        ("journal", "search", "-n", TOO_LARGE, "--", "word"),  # Typer's
        ("stories", "show", TOO_LARGE),
        ("stories", "edit", TOO_LARGE),
        ("stories", "delete", TOO_LARGE, "--yes"),
        ("stories", "add", "--from-journal", TOO_LARGE, "-t", "A title"),
        ("stories", "search", "word", "-n", TOO_LARGE),
        ("sessions", "show", TOO_LARGE),
        ("sessions", "show", TOO_LARGE, "--write"),
        ("study", "--resume", "--session", TOO_LARGE, "--plain"),
        ("practice", "history", "-n", TOO_LARGE),
    ],
)
def test_ids_and_counts_of_2_to_the_63_are_refused_in_one_line(
    cli: Invoke, args: tuple[str, ...]
) -> None:
    cli("journal", "add", "word of the day")
    result = cli(*args)
    line = one_error_line(result, 2)
    assert "too large" in line, line


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_a_room_port_out_of_range_is_a_usage_error(cli: Invoke, port: str) -> None:
    result = cli("study", "frugality", "--plain", "--room", "--room-port", port, input="")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "--room-port" in result.output and "0<=x<=65535" in result.output
    assert not db_path().exists() or rows("SELECT count(*) FROM sessions") == [(0,)]


# Files given to journal import


def test_deeply_nested_json_is_refused(cli: Invoke, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    line = one_error_line(cli("journal", "import", str(deep), "--format", "json"), 2)
    assert "nested too deeply" in line


def test_an_endless_file_is_read_only_so_far(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importers, "MAX_BYTES", 2**20)  # the bound, not its size, is tested
    line = one_error_line(cli("journal", "import", "/dev/zero", "--format", "json"), 2)
    assert "too large to import" in line


# A user's templates


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        ("{{ 1/0 }}", "ZeroDivisionError"),
        ("{{ 'a' + 1 }}", "TypeError"),
        ("{% for i in range(10**9) %}{% endfor %}", "OverflowError"),
        ("{{ 10**5000 }}", "ValueError"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "RecursionError"),
    ],
)
def test_a_template_that_fails_as_it_runs_is_one_line(
    cli: Invoke, payload: str, error: str
) -> None:
    cli("journal", "add", "An entry to export")
    user_template_dir().mkdir(parents=True)
    (user_template_dir() / "journal-export.md.j2").write_text(payload, encoding="utf-8")
    line = one_error_line(cli("journal", "export", "--format", "md"), 1)
    assert line.startswith("lp-coach: error: journal-export.md.j2: template error: " + error)


@pytest.mark.parametrize(
    "payload",
    [
        "{{ 'a' * 300000000 }}",
        "{{ 300000000 * ['a'] }}",
        "{{ 10 ** 100000000 }}",
        "{{ 'a'.ljust(300000000) }}",
        "{{ 'a' | center(300000000) }}",
        "{{ '%300000000s' % 'a' }}",
        "{{ '%300000000s' | format('a') }}",
        "{{ '{:300000000}'.format('a') }}",
    ],
)
def test_a_template_cannot_make_a_huge_value(cli: Invoke, payload: str) -> None:
    cli("journal", "add", "An entry to export")
    user_template_dir().mkdir(parents=True)
    (user_template_dir() / "journal-export.md.j2").write_text(payload, encoding="utf-8")
    line = one_error_line(cli("journal", "export", "--format", "md"), 1)
    assert line == (
        "lp-coach: error: journal-export.md.j2: the template writes more than 5 MB, the most "
        "a template may write; check its loops and repeats"
    )


def test_a_template_may_write_5_mb_at_the_most(cli: Invoke, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    ten_mb = "{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}"
    (mine / "guide.md.j2").write_text(ten_mb, encoding="utf-8")
    out = tmp_path / "guide.md"
    args = ("guide", "ownership", "--template", str(mine), "-o", str(out))
    line = one_error_line(cli(*args), 1)
    assert "guide.md.j2: the template writes more than 5 MB" in line and not out.exists()
    (mine / "guide.md.j2").write_text(ten_mb.replace("100000", "40000"), encoding="utf-8")
    assert cli(*args).exit_code == 0 and out.stat().st_size > 4_000_000  # 4 MB: written


def test_an_include_outside_names_the_template_asked_for(cli: Invoke) -> None:
    cli("journal", "add", "An entry to export")
    user_template_dir().mkdir(parents=True)
    include = "{% include '/etc/passwd' %}"
    (user_template_dir() / "journal-export.md.j2").write_text(include, encoding="utf-8")
    line = one_error_line(cli("journal", "export", "--format", "md"), 2)
    assert "no template named '/etc/passwd'" in line


# Files lp-coach keeps


@pytest.mark.parametrize("content", ["[]", "null", '"a string"', "42"])
def test_a_cache_file_of_another_shape_is_read_again(cli: Invoke, content: str) -> None:
    assert cli("principles", "list").exit_code == 0
    (cached,) = cache_dir().glob("library-*.json")
    cached.write_text(content, encoding="utf-8")
    shutil.rmtree(cache_dir() / "pages")  # the list read again would be the kept page
    result = cli("principles", "list")
    assert result.exit_code == 0, result.output
    assert "Customer Obsession" in result.stdout
    assert json.loads(cached.read_text(encoding="utf-8"))["library"]  # written anew


@pytest.mark.parametrize("name", ["Ann\x7fX", "Ann\x1b[2JX", "Ann\udcffX", "Ann\x85X"])
def test_today_me_writes_a_config_it_can_read(cli: Invoke, name: str) -> None:
    first = cli("today", "--me", name, "--json")
    assert first.exit_code == 0, first.output
    remembered = tomllib.loads(config_file().read_text(encoding="utf-8"))["me"]
    assert remembered in ("AnnX", "Ann[2JX", "Ann\ufffdX")
    again = cli("today", "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["me"] == remembered


@pytest.mark.parametrize("bad", ["abc\n", "abc\n\n", "\nabc", "ab c"])
def test_principles_new_refuses_an_id_with_a_line_end(cli: Invoke, bad: str) -> None:
    line = one_error_line(cli("principles", "new", bad), 2)
    assert "is not a valid id" in line
    assert cli("principles", "list").exit_code == 0  # nothing written that breaks the pack


def test_a_file_name_that_is_not_utf8_still_names_its_file(cli: Invoke, tmp_path: Path) -> None:
    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.json"))
    path.write_text(json.dumps([{"date": "2026-01-05", "text": "From a Latin-1 name"}]))
    result = cli("journal", "import", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert rows("SELECT title FROM journal_entries") == [("From a Latin-1 name",)]
