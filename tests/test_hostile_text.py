"""Text from packs, journals and imports cannot drive the terminal or quote files outside a pack."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from conftest import MINIMAL, Invoke, write_principle
from hypothesis import given, settings
from hypothesis import strategies as st
from test_terminal import run_in_pty

from lp_coach.journal.entries import normalize
from lp_coach.safetext import printable
from lp_coach.store.db import db_path

HOSTILE = "Servant\x1b]0;pwned\x07\x1b[2J\x1b[31mRED\u202eevil\x9b2J\x00end"
TERMINAL_TRICKS = ("\x1b[2J", "\x1b]0;", "pwned", "\u202e", "\x9b", "\x00", "\x07")


def clean(text: str) -> None:
    for trick in TERMINAL_TRICKS:
        assert trick not in text, (trick, text)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain words\n\tindented", "plain words\n\tindented"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("x\x1b[2Jy", "xy"),
        ("x\x1b]0;title\x07y", "xy"),
        ("x\x1b]8;;http://e.example\x1b\\link\x1b]8;;\x1b\\y", "xlinky"),
        ("x\x1bcy", "xy"),
        ("x\x9b31my", "xy"),
        ("x\u202ey\u2066z", "xyz"),
        ("x\x7fy\x00z\x85", "xyz"),
        ("no end \x1b]0;forever", "no end "),
    ],
)
def test_printable(raw: str, shown: str) -> None:
    assert printable(raw) == shown


# ASCII text (the fast path), every control near it, and a few characters beyond it.
TEXTS = st.text(st.characters(max_codepoint=0xA0) | st.sampled_from("é\u202e\u2066\u00a0\u2028"))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_printable_skips_the_patterns_only_when_they_would_remove_nothing(raw: str) -> None:
    from lp_coach.safetext import _CONTROLS, _ESCAPE_SEQUENCE

    lines = raw.replace("\r\n", "\n").replace("\r", "\n")
    assert printable(raw) == _CONTROLS.sub("", _ESCAPE_SEQUENCE.sub("", lines))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_normalized_text_stays_as_it_is(raw: str) -> None:
    # an import normalizes an entry once and stores (and fingerprints) that text
    once = normalize(raw)
    assert normalize(once) == once


def hostile_pack(pack: Path) -> Path:
    text = MINIMAL.format(id="servant-leadership", order=17, title=json.dumps(HOSTILE))
    write_principle(pack, text.replace("Leaders serve first.", json.dumps("Serve " + HOSTILE)))
    return pack


def test_pack_text_loses_its_escape_sequences(cli: Invoke, pack: Path) -> None:
    hostile_pack(pack)
    assert cli("principles", "validate", str(pack)).exit_code == 0
    for args in (("principles", "list"), ("principles", "show", "servant-leadership")):
        result = cli("--principles", str(pack), *args)
        assert result.exit_code == 0, result.output
        clean(result.output)
        assert "ServantREDevilend" in result.stdout


@pytest.mark.e2e
def test_a_pack_cannot_clear_the_terminal(isolated_home: Path, pack: Path) -> None:
    hostile_pack(pack)
    for args in (["principles", "list"], ["principles", "show", "servant-leadership"]):
        code, screen = run_in_pty(["--principles", str(pack), *args], isolated_home)
        assert code == 0, screen
        clean(screen)


def test_study_plain_prints_pack_text_clean(cli: Invoke, pack: Path) -> None:
    hostile_pack(pack)
    result = cli("--principles", str(pack), "study", "servant-leadership", "--plain", input="")
    assert "Today we study 17. ServantREDevilend." in result.stdout, result.output
    clean(result.output)


def test_journal_text_is_stored_without_escape_sequences(cli: Invoke) -> None:
    assert cli("journal", "add", "ctrl " + HOSTILE).exit_code == 0
    shown = json.loads(cli("journal", "show", "1", "--json").stdout)
    assert shown["text"] == "ctrl ServantREDevilend"
    for args in (("journal", "list"), ("journal", "show", "1"), ("journal", "search", "ctrl")):
        clean(cli(*args).output)


def test_imported_jrnl_entries_lose_escape_sequences(cli: Invoke, tmp_path: Path) -> None:
    export = {
        "tags": {},
        "entries": [
            {"date": "2026-01-05", "time": "09:00", "title": HOSTILE, "body": "b\x1b[2J"},
        ],
    }
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    result = cli("journal", "import", str(path), "--format", "jrnl")
    assert result.exit_code == 0, result.output
    listed = cli("journal", "list", "--json")
    clean(listed.stdout)
    assert json.loads(listed.stdout)[0]["text"] == "ServantREDevilend\nb"


@pytest.mark.e2e
def test_an_escape_stored_by_an_older_version_is_drawn_inert(
    cli: Invoke, isolated_home: Path
) -> None:
    assert cli("journal", "add", "harmless").exit_code == 0
    with closing(sqlite3.connect(db_path())) as conn:
        conn.execute("UPDATE journal_entries SET title = ?", ("old " + HOSTILE,))
        conn.commit()
    for args in (["journal", "list"], ["journal", "show", "1"]):
        code, screen = run_in_pty(args, isolated_home)
        assert code == 0, screen
        clean(screen)
        assert "old ServantREDevilend" in screen


# Links in a pack


def test_a_pack_file_linked_from_outside_is_never_quoted(
    cli: Invoke, pack: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "shadow"
    secret.write_text("root:TOPSECRET:20228:0:99999:7::\nkey: AKIASECRETSECRET\n")
    write_principle(pack, MINIMAL.format(id="servant-leadership", order=17, title="Servant"))
    (pack / "shadow.yaml").symlink_to(secret)
    (pack / "pack.yaml").symlink_to(secret)
    for args in (("principles", "validate", str(pack)), ("--principles", str(pack), "today")):
        result = cli(*args)
        assert result.exit_code in (1, 2), result.output
        assert "TOPSECRET" not in result.output and "AKIA" not in result.output
        assert "shadow.yaml: a link to a file outside the pack: not read" in result.output
        assert "pack.yaml: a link to a file outside the pack: not read" in result.output


def test_a_link_within_the_pack_is_read(cli: Invoke, pack: Path) -> None:
    (pack / "files").mkdir()
    real = write_principle(
        pack / "files", MINIMAL.format(id="servant-leadership", order=17, title="Servant")
    )
    (pack / "servant-leadership.yaml").symlink_to(real)
    result = cli("principles", "validate", str(pack))
    assert result.exit_code == 0, result.output


def test_a_long_unknown_key_is_cut_when_quoted(cli: Invoke, pack: Path) -> None:
    key = "x" * 200
    text = MINIMAL.format(id="servant-leadership", order=17, title="Servant")
    write_principle(pack, text + f"{key}: 1\n")
    result = cli("principles", "validate", str(pack))
    assert result.exit_code == 1
    assert "x" * 41 not in result.output and f"unknown key '{'x' * 39}…'" in result.output


def test_did_you_mean_suggests_ids_not_file_names(cli: Invoke, pack: Path) -> None:
    text = MINIMAL.format(id="servant-leadership", order=17, title="Servant")
    write_principle(pack, text + "related: [delivr]\n")
    write_principle(pack, MINIMAL.format(id="deliver", order=18, title="D"), "Deliver.yaml")
    result = cli("principles", "validate", str(pack))
    assert result.exit_code == 1
    line = next(ln for ln in result.stdout.splitlines() if "unknown principle 'delivr'" in ln)
    assert "'Deliver'" not in line  # a file name that is no id
    write_principle(pack, MINIMAL.format(id="delivery", order=19, title="D"), "delivery.yaml")
    result = cli("principles", "validate", str(pack))
    assert "unknown principle 'delivr' (did you mean 'delivery'?)" in result.stdout


def test_story_text_is_stored_without_escape_sequences(cli: Invoke) -> None:
    typed = f"Title {HOSTILE}\n\nSituation: {HOSTILE}\nResult: done\x1b[2J\n"
    assert cli("stories", "add", "-p", "ownership", input=typed).exit_code == 0
    for args in (("stories", "list"), ("stories", "show", "1"), ("stories", "show", "1", "--json")):
        result = cli(*args)
        assert result.exit_code == 0, result.output
        clean(result.output)


def test_a_typed_answer_is_stored_without_escape_sequences(cli: Invoke) -> None:
    result = cli("study", "frugality", "--plain", input=f"answer {HOSTILE}\n/quit\n")
    assert result.exit_code == 0, result.output
    with closing(sqlite3.connect(db_path())) as conn:
        (text,) = conn.execute("SELECT text FROM session_entries WHERE kind = 'answer'").fetchone()
    assert text == "answer ServantREDevilend"
