"""The one error boundary: a broken data directory, database or disk, and Ctrl-C, each end
in one line on stderr and the right exit code, and leave what was stored before intact."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pexpect
import pytest
from conftest import Invoke, Outcome
from test_terminal import lp_coach

from lp_coach.atomic import atomic_write
from lp_coach.errors import StoreError, describe_db_error, describe_os_error

ROOT = os.geteuid() == 0


def one_line(result: Outcome, code: int, *wanted: str) -> str:
    """The run failed with `code` and said so in exactly one line holding each of `wanted`."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    for text in wanted:
        assert text in lines[0], lines[0]
    return lines[0]


def entry_texts(db: Path) -> list[str]:
    """The journal as stored, read without lp-coach and without writing."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return [
            row[0]
            for row in conn.execute(
                "SELECT trim(title || ' ' || body) FROM journal_entries ORDER BY id"
            )
        ]


def add_entries(cli: Invoke, *texts: str) -> None:
    for text in texts:
        result = cli("journal", "add", text)
        assert result.exit_code == 0, result.output


def checkpoint(db: Path) -> None:
    """Fold the write-ahead log into the database file, so the file alone holds the data."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_the_data_directory_is_a_file(
    cli: Invoke, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_home.write_text("not a folder\n")
    for args in (("journal", "list"), ("journal", "add", "words"), ("sessions", "list")):
        one_line(
            cli(*args),
            1,
            f"lp-coach: error: cannot write {isolated_home}: it is a file, not a folder",
        )
    assert isolated_home.read_text() == "not a folder\n"


def test_with_debug_the_traceback_is_shown(cli: Invoke, isolated_home: Path) -> None:
    isolated_home.write_text("")
    with pytest.raises(StoreError, match="it is a file, not a folder"):
        cli("--debug", "journal", "list")


def test_a_database_cut_to_half_its_size(cli: Invoke, isolated_home: Path) -> None:
    add_entries(cli, *(f"entry {n} " + "words " * 200 for n in range(10)))
    db = isolated_home / "lp-coach.db"
    checkpoint(db)
    with db.open("r+b") as handle:
        handle.truncate(db.stat().st_size // 2)
    damaged = db.read_bytes()
    for args in (("journal", "list"), ("journal", "add", "one more"), ("sessions", "list")):
        one_line(cli(*args), 1, f"the database {db} is damaged", "lp-coach data restore ")
    assert db.read_bytes() == damaged  # lp-coach wrote nothing over what is left


def test_a_damaged_database_without_a_backup_says_to_move_it_aside(
    cli: Invoke, isolated_home: Path
) -> None:
    add_entries(cli, *(f"entry {n} " + "words " * 200 for n in range(10)))
    db = isolated_home / "lp-coach.db"
    checkpoint(db)
    shutil.rmtree(isolated_home / "backups")
    with db.open("r+b") as handle:
        handle.truncate(db.stat().st_size // 2)
    one_line(cli("journal", "list"), 1, f"the database {db} is damaged", "no backup of it")


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make `path` read-only for this process: by its mode, or, as root (whom modes do not
    stop), with the immutable attribute of ext4 and its kin."""
    if not ROOT:
        path.chmod(0o400)
        try:
            yield
        finally:
            path.chmod(0o600)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"cannot make a file read-only for root here: {made.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_database_is_read_but_not_written(cli: Invoke, isolated_home: Path) -> None:
    add_entries(cli, "written before")
    db = isolated_home / "lp-coach.db"
    checkpoint(db)
    with read_only(db):
        with pytest.raises(OSError):
            db.open("r+b").close()  # really read-only, even for root
        one_line(
            cli("journal", "add", "written after"),
            1,
            f"lp-coach: error: the database {db} is read-only",
            "make it and its folder writable",
        )
        listed = cli("journal", "list")
        assert listed.exit_code == 0, listed.output
        assert "written before" in listed.stdout
    assert entry_texts(db) == ["written before"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs (root only)."""
    if not ROOT:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def fill(disk: Path) -> Path:
    """Fill `disk` to the last byte; the file that fills it."""
    filler = disk / "filler"
    with filler.open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def test_a_full_disk(cli: Invoke, small_disk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = small_disk / "lp-coach"
    monkeypatch.setenv("LP_COACH_HOME", str(home))
    add_entries(cli, "written before")
    notes = home / "kept.md"
    atomic_write(notes, "the old text\n")
    filler = fill(small_disk)

    one_line(cli("journal", "add", "written after"), 1, "lp-coach: error: disk full writing")
    with pytest.raises(StoreError, match=f"disk full writing {notes}"):
        atomic_write(notes, "a new text " * 10_000)
    assert notes.read_text() == "the old text\n"
    assert sorted(p.name for p in home.iterdir() if p.name.endswith(".tmp")) == []

    filler.unlink()
    assert entry_texts(home / "lp-coach.db") == ["written before"]
    listed = cli("journal", "list")
    assert listed.exit_code == 0 and "written before" in listed.stdout


def test_ctrl_c_in_any_command_is_one_line_and_130(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    add_entries(cli, "written before")

    def pressed(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("lp_coach.journal.store.add", pressed)
    result = cli("journal", "add", "never saved")
    assert result.exit_code == 130, result.output
    assert result.stderr == "lp-coach: interrupted\n"
    assert entry_texts(isolated_home / "lp-coach.db") == ["written before"]


@pytest.mark.e2e
def test_ctrl_c_in_a_real_terminal(cli: Invoke, isolated_home: Path) -> None:
    add_entries(cli, "written before")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(isolated_home.parent),
        "LP_COACH_HOME": str(isolated_home),
        "LANG": "C.UTF-8",
        "EDITOR": "sh -c 'exec sleep 30'",
    }
    child = pexpect.spawn(lp_coach(), ["journal", "add"], env=env, encoding="utf-8", timeout=10)
    wait_for_the_editor(isolated_home)
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    output = child.before or ""
    assert child.exitstatus == 130, output
    assert output.strip().splitlines()[-1] == "lp-coach: interrupted"
    assert "Traceback" not in output
    assert entry_texts(isolated_home / "lp-coach.db") == ["written before"]


def wait_for_the_editor(home: Path) -> None:
    """Wait until the editor has its draft open (the draft file exists)."""
    import time

    deadline = time.monotonic() + 10
    while not any((home / "drafts").glob("*.md")):
        assert time.monotonic() < deadline, "the editor never started"
        time.sleep(0.05)
    time.sleep(0.2)  # let the editor's process take its place


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (errno.ENOSPC, "disk full writing /x/notes/a.md"),
        (errno.EACCES, "permission denied: cannot write /x/notes/a.md"),
        (errno.EROFS, "cannot write /x/notes/a.md: the file system is read-only"),
        (errno.EISDIR, "cannot write /x/notes/a.md: it is a folder, not a file"),
        (errno.ENOENT, "cannot write /x/notes/a.md: no such file or folder"),
        (errno.EIO, "cannot write /x/notes/a.md: input/output error"),
    ],
)
def test_system_errors_in_plain_words(code: int, said: str) -> None:
    assert describe_os_error(OSError(code, os.strerror(code), "/x/notes/a.md")) == said


def test_a_file_in_the_way_is_named(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("")
    with pytest.raises(StoreError) as caught:
        atomic_write(tmp_path / "notes" / "deep" / "a.md", "text")
    assert str(caught.value) == f"cannot write {tmp_path / 'notes'}: it is a file, not a folder"


def test_a_locked_database_says_so(tmp_path: Path) -> None:
    db = tmp_path / "lp-coach.db"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(db, timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError) as caught:
        other.execute("INSERT INTO t VALUES (1)")
    said = describe_db_error(caught.value, db)
    assert said.startswith(f"the database {db} is locked: database is locked")
    holder.execute("ROLLBACK")
    holder.close()
    other.close()


def test_the_boundary_costs_no_start_up_import() -> None:
    code = "import sys; from lp_coach.cli.main import run; print('sqlite3' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert shown.stdout.strip() == "False", shown.stderr
