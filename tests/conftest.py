"""Shared fixtures: every test gets its own LP_COACH_HOME and never sees a real home."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lp_coach.cli.main import run
from lp_coach.clock import FrozenClock, use_clock


@pytest.fixture(autouse=True, scope="session")
def own_session_keyring() -> None:
    """The tests keep store keys in a kernel session keyring of their own, never the user's
    (store/session_key.py; nothing to do where there is no kernel keyring)."""
    from lp_coach.store import session_key

    session_key.new_session()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point LP_COACH_HOME (and HOME, XDG_*) at a temporary directory."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("LP_COACH_HOME", str(home / "lp-coach"))
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("LP_COACH_PRINCIPLES", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    yield home / "lp-coach"


@dataclass
class Outcome:
    """What a CLI run printed and how it exited."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


Invoke = Callable[..., Outcome]


@pytest.fixture
def cli() -> Invoke:
    """Run `lp-coach ARGS...` in-process through its real entry point (errors included)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Outcome:
        with runner.isolation(input=input) as (out, err, _):
            try:
                run(list(args))
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
            return Outcome(
                code,
                out.getvalue().decode("utf-8", "backslashreplace"),
                err.getvalue().decode("utf-8", "backslashreplace"),
            )

    return invoke


def through_typer(cli: Invoke, monkeypatch: pytest.MonkeyPatch, *args: str) -> Outcome:
    """`lp-coach ARGS` run through the Typer app even when it is a plain form (cli/shortcuts.py),
    to compare the two paths."""
    from lp_coach.cli import shortcuts

    with monkeypatch.context() as patched:
        patched.setattr(shortcuts, "try_run", lambda argv: False)
        return cli(*args)


BUILTIN = Path(str(files("lp_coach") / "data" / "principles"))


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """An empty user pack directory."""
    path = tmp_path / "pack"
    path.mkdir()
    return path


@pytest.fixture
def builtin_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in pack."""
    dest = tmp_path / "builtin-copy"
    shutil.copytree(BUILTIN, dest)
    return dest


MINIMAL = """\
id: {id}
order: {order}
title: {title}
statement: Leaders serve first.
"""


def write_principle(pack: Path, text: str, name: str = "servant-leadership.yaml") -> Path:
    """Write one principle file into `pack` and return its path."""
    path = pack / name
    path.write_text(text, encoding="utf-8")
    return path


KEYRING_BACKEND = "keyrings.alt.file.PlaintextKeyring"
"""A real keyring backend that works headless: it keeps keys in a file under the test's home."""


def make_encrypted_store(path: Path) -> bytes:
    """Create an empty encrypted store at `path`, its key kept in the keyring; the key.

    The key is random rather than derived from a passphrase: the store tests pay no key
    derivation (it is the keyring's path, the one a user with a kept key takes).
    """
    import os

    from lp_coach.store import engine, keys

    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    key = os.urandom(engine.KEY_BYTES + engine.SALT_BYTES)
    conn = engine.open_file(path, key)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
    )
    conn.close()
    keys.keep_key(path, key)
    return key


NEW_YORK = "America/New_York"


@pytest.fixture
def new_york() -> Iterator[str]:
    """Local time is New York's for the test (UTC-5, UTC-4 in summer): TZ set and time.tzset
    called, both undone after, so local days differ from UTC days in the evening."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = NEW_YORK
    time.tzset()
    try:
        yield NEW_YORK
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


@contextmanager
def frozen(moment: datetime) -> Iterator[FrozenClock]:
    """The shared clock (lp_coach.clock) stands at `moment` inside the block."""
    stopped = FrozenClock(moment)
    before = use_clock(stopped)
    try:
        yield stopped
    finally:
        use_clock(before)


@pytest.fixture(params=["plain", "encrypted"])
def any_store(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test on a plain store, then on an encrypted one (key in the keyring)."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", KEYRING_BACKEND)
    if request.param == "encrypted":
        from lp_coach.store.db import db_path

        make_encrypted_store(db_path())
    return str(request.param)


BROWSERS = ("/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium() -> str | None:
    """Debian's chromium, for Playwright's executable_path (never `playwright install`)."""
    return next((path for path in BROWSERS if Path(path).exists()), shutil.which("chromium"))


NEEDS_CHROMIUM = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        chromium() is None, reason="no chromium installed (apt-get install chromium)"
    ),
]
"""The `pytestmark` of a test module that drives a real browser."""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium, one per module."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


def drawn_on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """What `lp-coach ARGS` writes to a real pseudo-terminal (stdin not one: no key is
    waited for), run with `env`; it must exit 0."""
    main, child = os.openpty()
    command = [sys.executable, "-m", "lp_coach", *args]
    proc = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=child)
    os.close(child)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    assert proc.wait(timeout=60) == 0
    os.close(main)
    return out


def migrate_until(conn: sqlite3.Connection, migration: str) -> None:
    """Apply, on an empty database, every migration before `migration` and record each: the
    store as the release before it left it (autocommit `conn`)."""
    from lp_coach.store.migrations import MIGRATIONS

    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
    for name, apply in MIGRATIONS:
        if name == migration:
            return
        conn.execute("BEGIN")
        apply(conn)
        conn.execute("INSERT INTO migrations VALUES (?, 'then')", (name,))
        conn.execute("COMMIT")
    raise AssertionError(f"no migration {migration}")
