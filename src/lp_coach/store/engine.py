"""Which SQLite opens a store file: Python's own for a plain store, SQLCipher for an encrypted one.

SQLCipher (the `sqlcipher3` package, the `secure` extra) is imported only for an encrypted
file. Its exceptions are not sqlite3's, so code that catches database errors catches
`engine.Error` (read as an attribute when the error happens: it grows once SQLCipher is loaded).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any, cast

from lp_coach.errors import StoreError

HEADER = b"SQLite format 3\x00"
"""The first 16 bytes of a plain SQLite file; an encrypted one starts with its random salt."""
KEY_BYTES = 32
SALT_BYTES = 16
MISSING = (
    "SQLCipher is not installed, and an encrypted store needs it: "
    'pip install "lp-coach[secure]" (then try again)'
)

Error: tuple[type[Exception], ...] = (sqlite3.Error,)
"""Every database error, from either SQLite."""
OperationalError: tuple[type[Exception], ...] = (sqlite3.OperationalError,)
IntegrityError: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)


class StoreConnection(sqlite3.Connection):
    """A plain store's connection, knowing its file (and, encrypted, its key: see `key_of`)."""

    store_path: Path | None = None
    store_key: bytes | None = None


_CIPHER_CONNECTION: type[Any] | None = None


def is_encrypted(path: Path) -> bool:
    """True when `path` is not empty and does not start as a plain SQLite file does."""
    try:
        with open(path, "rb") as file:
            head = file.read(len(HEADER))
    except OSError:
        return False  # not there, or not readable: opening it says why
    return len(head) == len(HEADER) and head != HEADER


def salt_of(path: Path) -> bytes:
    """The salt SQLCipher keeps in the first bytes of an encrypted file."""
    with open(path, "rb") as file:
        return file.read(SALT_BYTES)


def cipher() -> ModuleType:
    """SQLCipher's DB-API module, or StoreError saying how to install it."""
    global Error, OperationalError, IntegrityError, _CIPHER_CONNECTION
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise StoreError(MISSING) from None
    if _CIPHER_CONNECTION is None:
        Error = (sqlite3.Error, dbapi2.Error)
        OperationalError = (sqlite3.OperationalError, dbapi2.OperationalError)
        IntegrityError = (sqlite3.IntegrityError, dbapi2.IntegrityError)
        _CIPHER_CONNECTION = type(
            "CipherConnection",
            (dbapi2.Connection,),
            {"store_path": None, "store_key": None},
        )
    module: ModuleType = dbapi2
    return module


def open_file(
    path: Path, key: bytes | None, *, shared: bool = False, timeout: float = 10
) -> sqlite3.Connection:
    """Open `path` as a plain store (`key` None) or an encrypted one (`key`: key and salt).

    Nothing is read yet: a wrong key shows at the first statement (`check_key`).
    """
    if key is None:
        conn: Any = sqlite3.connect(
            path,
            timeout=timeout,
            isolation_level=None,
            check_same_thread=not shared,
            factory=StoreConnection,
        )
        conn.row_factory = sqlite3.Row
    else:
        module = cipher()
        conn = module.connect(
            str(path),
            timeout=timeout,
            isolation_level=None,
            check_same_thread=not shared,
            factory=_CIPHER_CONNECTION,
        )
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.row_factory = module.Row
    conn.store_path = path
    conn.store_key = key
    return cast(sqlite3.Connection, conn)


def check_key(conn: sqlite3.Connection) -> bool:
    """True when the connection's key opens its file (always, for a plain store)."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Error as exc:
        if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_NOTADB"):
            return False
        raise
    return True


def key_of(conn: sqlite3.Connection) -> bytes | None:
    """The key (and salt) an encrypted store was opened with; None for a plain store."""
    key: bytes | None = getattr(conn, "store_key", None)
    return key


def path_of(conn: sqlite3.Connection) -> Path | None:
    """The file a store connection opened, when it was opened by `open_file`."""
    path: Path | None = getattr(conn, "store_path", None)
    return path
