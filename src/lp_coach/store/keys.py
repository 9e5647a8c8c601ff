"""An encrypted store's key: from LP_COACH_PASSPHRASE, the system keyring, or a typed passphrase.

The key is derived from the passphrase as SQLCipher 4 would (PBKDF2-HMAC-SHA512, 256,000
rounds, the file's own salt) and handed to SQLCipher raw, so a key kept in the keyring opens
the store without paying the derivation again.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from lp_coach.errors import StoreError, UsageError
from lp_coach.store import engine, session_key, sidecar

PASSPHRASE_ENV = "LP_COACH_PASSPHRASE"
NEW_PASSPHRASE_ENV = "LP_COACH_NEW_PASSPHRASE"
ROUNDS = 256_000
"""SQLCipher 4's default key derivation rounds."""
SERVICE = "lp-coach"
"""The keyring service name; the user name is the store's path."""


class WrongPassphrase(UsageError):
    """The passphrase given does not open the store."""


class Locked(StoreError):
    """The store is encrypted and no passphrase can be had without asking (and none may be)."""


@lru_cache(maxsize=4)
def derive(passphrase: str, salt: bytes) -> bytes:
    """The raw key for `passphrase` with `salt`, followed by the salt (SQLCipher's x'' form).

    Kept for the life of the process: a command that opens the store more than once pays
    the derivation once.
    """
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, ROUNDS, engine.KEY_BYTES)
    return key + salt


def new_key(passphrase: str) -> bytes:
    """A raw key for a new encrypted file: `passphrase` with a fresh random salt."""
    return derive(passphrase, os.urandom(engine.SALT_BYTES))


def key_without_asking(path: Path) -> bytes | None:
    """The key from LP_COACH_PASSPHRASE or the keyring, without asking anyone; None if neither."""
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase:
        return derive(passphrase, engine.salt_of(path))
    return _session_key(path) or kept_key(path)


def unlock(path: Path, *, shared: bool = False) -> Any:
    """Open the encrypted store at `path` with the first key that can be had, or raise.

    LP_COACH_PASSPHRASE first (wrong: WrongPassphrase), then the keyring (a stale key there
    is passed over), then a passphrase typed on the terminal (wrong: WrongPassphrase).
    """
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase:
        return _open_or_refuse(
            path, derive(passphrase, engine.salt_of(path)), shared, PASSPHRASE_ENV
        )
    remembered = _session_key(path)
    if remembered is not None:
        conn = _try(path, remembered, shared)
        if conn is not None:
            return conn
        session_key.forget(path)  # a key of the store before its passphrase changed
    kept = kept_key(path)
    if kept is not None:
        conn = _try(path, kept, shared)
        if conn is not None:
            session_key.remember(path, kept)  # the next commands need not ask the keyring
            return conn
    typed = ask(f"Passphrase for {path}: ", path)
    return _open_or_refuse(
        path, derive(typed, engine.salt_of(path)), shared, "the passphrase typed"
    )


def ask(prompt: str, path: Path) -> str:
    """A passphrase typed on the terminal (not echoed), or Locked when there is no terminal."""
    if not sys.stdin.isatty():
        raise Locked(
            f"the store {path} is encrypted: run on a terminal to type its passphrase, "
            f"set {PASSPHRASE_ENV}, or keep its key in the keyring (lp-coach data keyring)"
        )
    from getpass import getpass

    return getpass(prompt)


def _open_or_refuse(path: Path, key: bytes, shared: bool, source: str) -> Any:
    conn = _try(path, key, shared)
    if conn is None:
        raise WrongPassphrase(f"wrong passphrase for the encrypted store {path} ({source})")
    return conn


def _try(path: Path, key: bytes, shared: bool) -> Any:
    conn = engine.open_file(path, key, shared=shared)
    try:
        if engine.check_key(conn):
            return conn
    except BaseException:
        conn.close()
        raise
    conn.close()
    return None


def _session_key(path: Path) -> bytes | None:
    """The system keyring's key for `path` as this login session keeps it (store/
    session_key.py), while the store's key is kept in the system keyring at all."""
    if not sidecar.read(path).get("keyring"):
        return None
    return session_key.remembered(path)


def kept_key(path: Path) -> bytes | None:
    """The key kept for `path` in the keyring it was kept in, or None."""
    backend_name = sidecar.read(path).get("keyring")
    if not backend_name:
        return None
    try:
        value = _backend(backend_name).get_password(SERVICE, str(path))
        return bytes.fromhex(value) if value else None
    except Exception:  # a keyring that cannot answer is a keyring without the key
        return None


def keep_key(path: Path, key: bytes) -> str:
    """Keep `key` in the system keyring for `path`; the keyring's name."""
    backend = _backend(None)
    session_key.forget(path)  # a key of the store before, kept for this session
    try:
        backend.set_password(SERVICE, str(path), key.hex())
    except Exception as exc:
        raise StoreError(f"the system keyring would not keep the key: {exc}") from None
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    sidecar.update(path, keyring=name)
    return name


def forget_key(path: Path) -> bool:
    """Remove `path`'s key from the keyring; True when one was there."""
    session_key.forget(path)
    backend_name = sidecar.read(path).get("keyring")
    if not backend_name:
        return False
    try:
        _backend(backend_name).delete_password(SERVICE, str(path))
    except Exception:
        pass  # already gone
    sidecar.update(path, keyring=None)
    return True


def _backend(name: str | None) -> Any:
    """The keyring backend `name` (module.Class), imported alone; or the system's choice."""
    try:
        if name and name.rpartition(".")[0] != "keyring.backends.chainer":
            module, _, cls = name.rpartition(".")
            return getattr(importlib.import_module(module), cls)()
        import keyring
    except ImportError:
        raise StoreError(
            'the system keyring needs the secure extra: pip install "lp-coach[secure]"'
        ) from None
    return keyring.get_keyring()
