"""A key from the system keyring, kept for the login session in the kernel's keyring
(store/session_key.py): the next command opens the store without importing `keyring`; a
stale one is passed over; forgetting the key, decrypting or a new passphrase drops it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import KEYRING_BACKEND, Invoke

from lp_coach.paths import db_path
from lp_coach.store import session_key

if not session_key.new_session():  # a keyring of this module's own, empty
    pytest.skip("this system has no kernel keyring to keep keys in", allow_module_level=True)

SEARCH = """
import sys
from lp_coach.cli.main import run
code = None
try:
    run(["journal", "search", "lighthouse"])
except SystemExit as done:
    code = done.code or None
print(code, "keyring" in sys.modules, file=sys.stderr)
"""


def search(env: dict[str, str]) -> tuple[str, list[str]]:
    """A search in a process of its own: what it printed, and [exit code, keyring imported]."""
    done = subprocess.run(
        [sys.executable, "-c", SEARCH], env=env, capture_output=True, text=True, timeout=60
    )
    return done.stdout, done.stderr.split()[-2:]


@pytest.fixture
def kept(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """An encrypted store whose key is kept in the system keyring; the environment."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", KEYRING_BACKEND)
    monkeypatch.setenv("LP_COACH_PASSPHRASE", "correct horse")
    assert cli("journal", "add", "Kept a lighthouse lit").exit_code == 0
    assert cli("data", "encrypt", "--yes", "--keyring").exit_code == 0
    monkeypatch.delenv("LP_COACH_PASSPHRASE")
    env = dict(os.environ)
    env.pop("LP_COACH_PASSPHRASE", None)
    return env


def test_the_next_command_needs_no_system_keyring(kept: dict[str, str]) -> None:
    first, (code, imported) = search(kept)
    assert "lighthouse" in first and (code, imported) == ("None", "True")
    again, (code, imported) = search(kept)
    assert again == first and (code, imported) == ("None", "False")
    assert session_key.remembered(db_path()) is not None


def test_a_stale_session_key_is_passed_over(kept: dict[str, str]) -> None:
    session_key.remember(db_path(), b"\x00" * 48)  # as if the passphrase changed elsewhere
    found, (code, imported) = search(kept)
    assert "lighthouse" in found and (code, imported) == ("None", "True")
    assert session_key.remembered(db_path()) != b"\x00" * 48  # the right key kept instead


def test_forgetting_the_key_locks_the_store_at_once(cli: Invoke, kept: dict[str, str]) -> None:
    search(kept)
    assert session_key.remembered(db_path()) is not None
    assert cli("data", "keyring", "--forget").exit_code == 0
    assert session_key.remembered(db_path()) is None
    assert cli("journal", "list").exit_code == 1  # locked: no terminal to ask on


def test_a_key_kept_only_in_the_session_opens_nothing_once_the_keyring_is_off(
    kept: dict[str, str], isolated_home: Path
) -> None:
    """Another session's `data keyring --forget` leaves this one's kept key behind: it is
    used only while the store says its key is in the system keyring."""
    search(kept)
    sidecar = Path(f"{db_path()}.public.json")
    text = sidecar.read_text(encoding="utf-8")
    backend = f'"{KEYRING_BACKEND}"'
    assert backend in text
    sidecar.write_text(text.replace(backend, "null"), encoding="utf-8")
    _, (code, _) = search(kept)
    assert code != "None"  # locked


def test_using_a_kept_key_does_not_make_it_last_longer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A key removed from the system keyring outside lp-coach opens the store for at most
    LIFETIME after it was read there, however often it is used meanwhile."""
    import time

    # The kernel counts a key's time in whole seconds of the clock: kept for 3 s, it lives
    # more than 2 s and at most 3 (with 2 it could be gone 1.1 s after, as CI once saw).
    monkeypatch.setattr(session_key, "LIFETIME", 3)
    store = tmp_path / "lp-coach.db"
    kept = time.monotonic()
    assert session_key.remember(store, b"k" * 48)
    time.sleep(1.0)
    assert session_key.remembered(store) == b"k" * 48  # used: still there
    time.sleep(max(0.0, kept + 3.1 - time.monotonic()))
    assert session_key.remembered(store) is None  # gone 3 s after it was kept
