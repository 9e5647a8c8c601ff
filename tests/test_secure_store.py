"""The encrypted store: encrypt and decrypt, passphrases, the keyring, sealed entries, versions."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from conftest import KEYRING_BACKEND, Invoke

from lp_coach.store import engine
from lp_coach.store.db import connect

WORDS = ("Zebediah", "lighthouse", "quarrelsome", "marmalade")
SECRET = f"{WORDS[0]} kept a {WORDS[1]} for the {WORDS[2]} neighbour, with {WORDS[3]}"


@pytest.fixture
def passphrase(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("LP_COACH_PASSPHRASE", "correct horse")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", KEYRING_BACKEND)
    return "correct horse"


def ok(result: object) -> str:
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return str(result.output)  # type: ignore[attr-defined]


def every_row(db: Path, key: bytes | None = None) -> dict[str, list[tuple[object, ...]]]:
    conn = engine.open_file(db, key)
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'store_meta' "
                "AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
        ]
        return {
            name: sorted(tuple(row) for row in conn.execute(f'SELECT * FROM "{name}"'))
            for name in names
        }
    finally:
        conn.close()


def all_bytes(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


def test_encrypted_files_hold_none_of_an_entrys_words(
    cli: Invoke, isolated_home: Path, passphrase: str
) -> None:
    ok(cli("journal", "add", SECRET))
    ok(cli("stories", "add", "--title", SECRET, "--situation", SECRET))
    ok(cli("data", "encrypt", "--yes"))
    ok(cli("journal", "add", "more about the " + WORDS[1]))
    ok(cli("data", "backup"))
    every_byte = all_bytes(isolated_home)
    assert (isolated_home / "lp-coach.db").read_bytes()[:16] != engine.HEADER
    for word in WORDS:
        assert word.encode() not in every_byte, word
        assert word.lower().encode() not in every_byte, word
    found = ok(cli("journal", "search", WORDS[1], "--json"))
    assert len(json.loads(found)) == 2


def test_encrypt_then_decrypt_keeps_every_row_of_every_table(
    cli: Invoke, isolated_home: Path, passphrase: str
) -> None:
    for number in range(5):
        ok(cli("journal", "add", f"entry {number} about the {WORDS[number % 4]}"))
    ok(cli("stories", "add", "--title", "The lighthouse", "--situation", "a storm"))
    db = isolated_home / "lp-coach.db"
    before = every_row(db)
    assert before["journal_entries"] and before["stories"]
    said = ok(cli("data", "encrypt", "--yes"))
    assert "cannot be recovered" in said
    assert engine.is_encrypted(db)
    ok(cli("data", "decrypt", "--yes"))
    assert not engine.is_encrypted(db)
    assert every_row(db) == before
    assert not (isolated_home / "lp-coach.db.public.json").exists()


def test_a_wrong_passphrase_is_one_line_and_exit_2_touching_nothing(
    cli: Invoke, isolated_home: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli("journal", "add", SECRET))
    ok(cli("data", "encrypt", "--yes"))
    db = isolated_home / "lp-coach.db"
    files = {path: path.read_bytes() for path in isolated_home.rglob("*") if path.is_file()}
    monkeypatch.setenv("LP_COACH_PASSPHRASE", "wrong horse")
    for args in (("journal", "list"), ("journal", "add", "x"), ("data", "decrypt", "--yes")):
        result = cli(*args)
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines() == [
            f"lp-coach: error: wrong passphrase for the encrypted store {db} (LP_COACH_PASSPHRASE)"
        ]
    after = {path: path.read_bytes() for path in isolated_home.rglob("*") if path.is_file()}
    assert after == files


def test_a_changed_passphrase_opens_the_store_and_the_old_one_does_not(
    cli: Invoke, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli("journal", "add", SECRET))
    ok(cli("data", "encrypt", "--yes"))
    monkeypatch.setenv("LP_COACH_NEW_PASSPHRASE", "battery staple")
    ok(cli("data", "passphrase", "--yes"))
    assert cli("journal", "list").exit_code == 2
    monkeypatch.setenv("LP_COACH_PASSPHRASE", "battery staple")
    assert WORDS[0] in ok(cli("journal", "list"))


def test_the_answer_to_confirm_is_read_through_a_pipe(
    cli: Invoke, isolated_home: Path, passphrase: str
) -> None:
    ok(cli("journal", "add", SECRET))
    refused = cli("data", "encrypt", input="n\n")
    assert refused.exit_code == 1 and "Nothing changed." in refused.stderr
    assert not engine.is_encrypted(isolated_home / "lp-coach.db")
    ok(cli("data", "encrypt", input="y\n"))
    assert engine.is_encrypted(isolated_home / "lp-coach.db")


def test_a_locked_store_without_a_terminal_says_how_to_unlock_it(
    cli: Invoke, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli("journal", "add", SECRET))
    ok(cli("data", "encrypt", "--yes"))
    monkeypatch.delenv("LP_COACH_PASSPHRASE")
    result = cli("journal", "list")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "is encrypted" in result.stderr and "LP_COACH_PASSPHRASE" in result.stderr


def test_without_the_secure_extra_the_message_says_how_to_install_it(
    cli: Invoke, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli("journal", "add", SECRET))
    ok(cli("data", "encrypt", "--yes"))
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)  # import fails as when not installed
    for args in (("journal", "list"), ("data", "decrypt", "--yes")):
        result = cli(*args)
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [f"lp-coach: error: {engine.MISSING}"], result.stderr


def test_the_key_kept_in_a_real_keyring_opens_the_store_without_a_passphrase(
    cli: Invoke, isolated_home: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli("journal", "add", SECRET))
    said = ok(cli("data", "encrypt", "--yes", "--keyring"))
    assert KEYRING_BACKEND in said
    monkeypatch.delenv("LP_COACH_PASSPHRASE")
    assert WORDS[0] in ok(cli("journal", "list"))
    keyring_file = next((isolated_home.parent / "xdg_data_home").rglob("keyring_pass.cfg"))
    kept = keyring_file.read_bytes()
    assert b"correct horse" not in kept  # the derived key is kept, not the passphrase
    ok(cli("data", "keyring", "--forget"))
    assert cli("journal", "list").exit_code == 1  # locked again


def test_a_sealed_entry_is_found_after_unlocking_and_not_before(
    cli: Invoke, isolated_home: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli("journal", "add", "an entry before"))
    ok(cli("data", "encrypt", "--yes"))
    monkeypatch.delenv("LP_COACH_PASSPHRASE")
    said = ok(cli("journal", "add", "-d", "yesterday 18:30", "--star", SECRET))
    assert said.startswith("Sealed")
    sealed = list((isolated_home / "sealed").iterdir())
    assert len(sealed) == 1
    for word in WORDS:
        assert word.encode() not in all_bytes(isolated_home)
    assert cli("journal", "search", WORDS[1]).exit_code == 1  # locked: nothing is read
    monkeypatch.setenv("LP_COACH_PASSPHRASE", passphrase)
    found = json.loads(ok(cli("journal", "search", WORDS[1], "--json")))
    assert [hit["text"] for hit in found] == [SECRET]
    assert found[0]["starred"] and found[0]["time"] == "18:30"
    assert not list((isolated_home / "sealed").iterdir())
    ok(cli("journal", "list"))  # taken in once, not again
    assert len(json.loads(ok(cli("journal", "list", "--json")))) == 2


def test_a_store_from_a_newer_lp_coach_is_refused_before_it_is_touched(
    cli: Invoke, isolated_home: Path
) -> None:
    ok(cli("journal", "add", SECRET))
    db = isolated_home / "lp-coach.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("INSERT INTO migrations VALUES ('m099_from_the_future', 'now')")
    conn.execute("UPDATE store_meta SET value = '9.9.9' WHERE name = 'written_by'")
    conn.execute("PRAGMA user_version = 99")
    conn.execute("PRAGMA journal_mode=DELETE")  # so that even WAL mode would be a change
    conn.close()
    before = db.read_bytes()
    for args in (("journal", "list"), ("journal", "add", "more"), ("sessions", "list")):
        result = cli(*args)
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        assert len(lines) == 1
        assert "written by lp-coach 9.9.9 (schema 99)" in lines[0]
        assert "this is lp-coach 0.1.0 (schema" in lines[0]
    assert db.read_bytes() == before


def test_the_schema_version_is_recorded(isolated_home: Path) -> None:
    from lp_coach import __version__
    from lp_coach.store.migrations import MIGRATIONS

    conn = connect()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    row = conn.execute("SELECT value FROM store_meta WHERE name = 'written_by'").fetchone()
    assert row[0] == __version__


def test_with_an_encrypted_store_session_notes_are_files_only_when_asked(
    cli: Invoke, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import make_encrypted_store

    from lp_coach.store.db import db_path

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", KEYRING_BACKEND)
    make_encrypted_store(db_path())
    done = cli("study", "ownership", "--group", "Ann", input=f"\n{SECRET}\n" + "\n" * 40)
    assert done.exit_code == 0, done.output
    assert (
        "its notes stay inside it; write them as files with: lp-coach sessions show 1 --write"
        in (done.stdout)
    )
    assert not (isolated_home / "notes").exists()
    for word in WORDS:
        assert word.encode() not in all_bytes(isolated_home)
    shown = ok(cli("sessions", "show", "1"))
    assert f"**Ann:** {SECRET}" in shown
    assert not (isolated_home / "notes").exists()
    written = ok(cli("sessions", "show", "1", "--write")).split()
    assert SECRET in Path(written[0]).read_text()


@pytest.mark.e2e
def test_on_a_terminal_the_passphrase_is_typed_unseen_and_a_wrong_one_is_one_line(
    isolated_home: Path,
) -> None:
    import os

    import pexpect
    from test_terminal import lp_coach

    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(isolated_home.parent),
        "LP_COACH_HOME": str(isolated_home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PYTHON_KEYRING_BACKEND": KEYRING_BACKEND,
    }

    def spawn(*args: str) -> pexpect.spawn:
        return pexpect.spawn(lp_coach(), list(args), env=env, encoding="utf-8", timeout=30)

    child = spawn("journal", "add", SECRET)
    child.expect(pexpect.EOF)
    child = spawn("data", "encrypt")
    child.expect("cannot be recovered")
    child.expect(r"Encrypt the store\? \[y/N\]: ")
    child.sendline("y")
    child.expect("New passphrase: ")
    child.sendline("s3cret words")
    child.expect("The same again: ")
    child.sendline("s3cret words")
    child.expect(r"system keyring.*\[y/N\]: ")
    child.sendline("n")
    child.expect(pexpect.EOF)
    assert "Encrypted " in child.before and "s3cret" not in child.before  # typed unseen
    child = spawn("journal", "list")
    child.expect("Passphrase for ")
    child.sendline("not it")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert (
        child.before.strip()
        .splitlines()[-1]
        .startswith("lp-coach: error: wrong passphrase for the encrypted store")
    )
    child = spawn("journal", "list")
    child.expect("Passphrase for ")
    child.sendline("s3cret words")
    child.expect(pexpect.EOF)
    assert WORDS[0] in child.before


def test_encrypting_names_what_is_still_readable_beside_the_store(
    cli: Invoke, isolated_home: Path, passphrase: str
) -> None:
    ok(cli("journal", "add", SECRET))
    kept = isolated_home / "lp-coach.db.before-restore"
    with sqlite3.connect(kept) as conn:
        conn.execute("CREATE TABLE t (x)")
    said = ok(cli("data", "encrypt", "--yes"))
    assert "Still readable beside it (1 file; move or delete them):" in said
    assert str(kept) in said
