"""Backups, restore and checks of the store, and kills in the middle of a conversion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import KEYRING_BACKEND, Invoke

from lp_coach.journal.entries import NewEntry
from lp_coach.journal.store import add_many
from lp_coach.store import backups, engine
from lp_coach.store.db import connect
from lp_coach.store.keys import WrongPassphrase
from lp_coach.store.migrations import MIGRATIONS


def ok(result: object) -> str:
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return str(result.output)  # type: ignore[attr-defined]


def texts(cli: Invoke) -> list[str]:
    return sorted(entry["text"] for entry in json.loads(ok(cli("journal", "list", "--json"))))


def fold_wal() -> None:
    conn = connect()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


@pytest.mark.usefixtures("any_store")
def test_a_store_cut_to_half_its_size_is_restored_from_the_latest_backup(
    cli: Invoke, isolated_home: Path
) -> None:
    for number in range(12):
        ok(cli("journal", "add", f"entry {number} " + "words " * 150))
    saved = texts(cli)
    taken = Path(ok(cli("data", "backup")).split(" to ", 1)[1].strip())
    ok(cli("journal", "add", "written after the backup"))
    fold_wal()
    db = isolated_home / "lp-coach.db"
    with db.open("r+b") as handle:
        handle.truncate(db.stat().st_size // 2)
    damaged = cli("journal", "list")
    assert damaged.exit_code == 1
    assert f"lp-coach data restore {taken}" in damaged.stderr
    said = ok(cli("data", "restore", str(taken), "--yes"))
    assert "lp-coach.db.before-restore" in said
    assert texts(cli) == saved
    assert (isolated_home / "lp-coach.db.before-restore").stat().st_size < 2 * db.stat().st_size
    assert "No problems found." in ok(cli("data", "check"))


def test_a_backup_is_taken_at_the_first_write_of_the_day_only(
    cli: Invoke, isolated_home: Path
) -> None:
    ok(cli("journal", "add", "first"))
    ok(cli("journal", "list"))
    ok(cli("journal", "add", "second"))
    taken = backups.listed(isolated_home / "lp-coach.db")
    assert len(taken) == 1 and taken[0].taken.date() == datetime.now().date()
    said = ok(cli("data", "backup"))
    newest = backups.listed(isolated_home / "lp-coach.db")
    assert [str(b.path) for b in newest] == [said.removeprefix("Backed up to ").strip()]
    # a day keeps its newest backup only


def test_a_pending_migration_backs_the_store_up_first(isolated_home: Path) -> None:
    conn = connect()
    name = next(name for name, _ in MIGRATIONS if name.endswith("_store_meta"))
    conn.execute("DELETE FROM migrations WHERE name = ?", (name,))
    conn.execute("DROP TABLE store_meta")
    conn.close()
    connect().close()
    taken = backups.listed(isolated_home / "lp-coach.db")
    assert [b.path.name.endswith("-before-migration.db") for b in taken] == [True]
    old = engine.open_file(taken[0].path, None)
    assert not old.execute("SELECT 1 FROM sqlite_master WHERE name = 'store_meta'").fetchall()
    old.close()


def test_backups_keep_seven_days_and_four_weeks(isolated_home: Path) -> None:
    store = isolated_home / "lp-coach.db"
    folder = backups.folder(store)
    folder.mkdir(parents=True)
    start = datetime(2026, 12, 31, 9, 0)
    for day in range(60):
        for hour in (0, 5):
            stamp = (start - timedelta(days=day, hours=hour)).strftime(backups.STAMP)
            (folder / f"{backups.PREFIX}{stamp}{backups.SUFFIX}").write_bytes(b"")
    backups.prune(store)
    kept = [b.taken for b in backups.listed(store)]
    assert kept[:7] == [start - timedelta(days=day) for day in range(7)]
    weeks = [taken.isocalendar()[:2] for taken in kept[7:]]
    assert len(weeks) == 4 and len(set(weeks)) == 4
    assert all(taken < kept[6] for taken in kept[7:])


def test_check_finds_a_broken_search_index_and_repair_rebuilds_it(
    cli: Invoke, isolated_home: Path
) -> None:
    ok(cli("journal", "add", "the lighthouse keeper"))
    conn = connect()
    conn.execute(
        "INSERT INTO journal_fts(journal_fts, rowid, title, body) "
        "VALUES ('delete', 1, 'the lighthouse keeper', '')"
    )
    conn.close()
    broken = cli("data", "check")
    assert broken.exit_code == 1 and "problem: the search index journal_fts" in broken.output
    repaired = ok(cli("data", "check", "--repair"))
    assert "rebuilt the search index journal_fts" in repaired and "No problems found." in repaired


KILLER = """
import os, signal, sys
from lp_coach.cli.main import run

stop_at, steps = int(sys.argv[1]), 0


def step():
    global steps
    steps += 1
    if steps == stop_at:
        os.kill(os.getpid(), signal.SIGKILL)


def counted(function):
    def counting(*args, **kwargs):
        step()
        return function(*args, **kwargs)

    return counting


for name in ("fsync", "replace", "link"):  # killed before the n-th fsync, rename or link
    setattr(os, name, counted(getattr(os, name)))
try:
    run(sys.argv[2:])
finally:
    print("steps", steps, file=sys.stderr)
"""


def killed_at(step: int, *args: str, env: dict[str, str]) -> int | None:
    """Run `lp-coach ARGS` killed before its `step`-th fsync, rename or link; the steps it
    took when it ran to the end, else None."""
    done = subprocess.run(
        [sys.executable, "-c", KILLER, str(step), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode == -9:
        return None
    assert done.returncode == 0, done.stderr
    return int(done.stderr.rsplit("steps ", 1)[1])


def entries_with(passphrases: list[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The journal's texts, opened with the first of `passphrases` that fits."""
    for passphrase in passphrases:
        monkeypatch.setenv("LP_COACH_PASSPHRASE", passphrase)
        try:
            conn = connect()
        except WrongPassphrase:
            continue
        try:
            return sorted(row[0] for row in conn.execute("SELECT body FROM journal_entries"))
        finally:
            conn.close()
    raise AssertionError("the store opens with none of the passphrases")


@pytest.mark.parametrize(
    "command, passphrases",
    [
        (("data", "encrypt", "--yes"), ["old"]),
        (("data", "passphrase", "--yes"), ["old", "new"]),
        (("data", "decrypt", "--yes"), ["old"]),
    ],
)
def test_a_kill_at_any_step_of_a_conversion_leaves_a_store_that_opens(
    command: tuple[str, ...],
    passphrases: list[str],
    cli: Invoke,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LP_COACH_PASSPHRASE", "old")
    monkeypatch.setenv("LP_COACH_NEW_PASSPHRASE", "new")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", KEYRING_BACKEND)
    conn = connect()
    add_many(conn, [NewEntry(date(2026, 1, 1), f"entry {n} " + "words " * 100) for n in range(30)])
    conn.close()
    if command[1] != "encrypt":
        ok(cli("data", "encrypt", "--yes"))
    written = entries_with(passphrases, monkeypatch)
    monkeypatch.setenv("LP_COACH_PASSPHRASE", "old")
    env = dict(os.environ)
    # After SQLite's copy, before its fsync; before the rename; after it, before the folder's
    # fsync; after that, before what follows (the sidecar, the keyring, a backup). The other
    # two conversions share the same steps: killed just before and just after the rename.
    for step in (1, 2, 3, 4) if command[1] == "encrypt" else (2, 3):
        assert killed_at(step, *command, env=env) is None, f"step {step} was not reached"
        assert entries_with(passphrases, monkeypatch) == written, f"killed at step {step}"
        restore_before(command, cli, monkeypatch)  # as before or after: back to before


def restore_before(command: tuple[str, ...], cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """Undo a conversion a kill let finish, so the next kill meets the same start."""
    from lp_coach.store.db import db_path

    encrypted = engine.is_encrypted(db_path())
    monkeypatch.setenv("LP_COACH_PASSPHRASE", "old")
    if command[1] == "encrypt" and encrypted:
        ok(cli("data", "decrypt", "--yes"))
    elif command[1] == "decrypt" and not encrypted:
        ok(cli("data", "encrypt", "--yes"))
    elif command[1] == "passphrase":
        try:
            connect().close()
        except WrongPassphrase:
            monkeypatch.setenv("LP_COACH_PASSPHRASE", "new")
            monkeypatch.setenv("LP_COACH_NEW_PASSPHRASE", "old")
            ok(cli("data", "passphrase", "--yes"))
            monkeypatch.setenv("LP_COACH_NEW_PASSPHRASE", "new")
    monkeypatch.setenv("LP_COACH_PASSPHRASE", "old")


@pytest.mark.parametrize(
    "when",
    [datetime(2026, 1, 5, 9, 3, 7), datetime(1999, 12, 31, 23, 59, 59), datetime(2030, 2, 28)],
)
def test_a_backups_name_gives_back_when_it_was_taken(when: datetime) -> None:
    """Backup names are read without strptime (its import is ~5 ms of every write)."""
    assert backups._taken(when.strftime(backups.STAMP)) == when


@pytest.mark.parametrize(
    "stamp", ["2026-12-31 235959", "2026-02-30T101010", "2026-12-31T23595x", "2026-12-31T2359"]
)
def test_a_name_that_is_no_backup_stamp_is_passed_over(stamp: str) -> None:
    assert backups._taken(stamp) is None
