"""What the `data` commands ask of the core: encrypt, decrypt, change the passphrase, keep the
key in the keyring, back up, restore and check the store. One call each; the questions to the
user are callbacks the command gives."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

from lp_coach.errors import UsageError
from lp_coach.paths import db_path
from lp_coach.store import backups, engine, keys, recovery, sealing, sidecar
from lp_coach.store.convert import convert, table_rows
from lp_coach.store.db import connect

Confirm = Callable[[], bool]
"""Asks the user whether to go on (after saying what is about to happen)."""


class Converted(NamedTuple):
    """What a conversion did: the rows copied, the keyring used, old files removed or left."""

    store: Path
    rows: int
    keyring: str | None
    removed: tuple[Path, ...]
    """Plain backups removed once the store was encrypted."""
    readable: tuple[Path, ...]
    """Files beside an encrypted store that are still readable (drafts, notes)."""


class StoreChecked(NamedTuple):
    """What `data check` found."""

    store: Path
    encrypted: bool
    problems: list[str]
    rows: int
    repaired: list[str]
    backups: list[backups.Backup]
    sealed: int


def encrypt(
    confirm: Confirm, passphrase: Callable[[], str], keep_key: Callable[[], bool]
) -> Converted | None:
    """Encrypt the store under the passphrase asked for, once `confirm` agrees (None: it did
    not). Its plain backups are removed, and an encrypted one is taken."""
    store = db_path()
    engine.cipher()  # said before anything is asked, when the extra is missing
    if engine.is_encrypted(store):
        raise UsageError("the store is encrypted already (lp-coach data passphrase changes it)")
    if not confirm():
        return None
    chosen = passphrase()
    if not chosen:
        raise UsageError("the passphrase is empty; nothing changed")
    kept = keep_key()
    connect().close()  # created and migrated, so the identity has its table
    key = keys.new_key(chosen)
    secret, public = sealing.new_identity()
    counts = convert(store, None, key, meta={sealing.IDENTITY: secret})
    sidecar.update(store, public_key=public)
    removed = [b.path for b in backups.listed(store) if not engine.is_encrypted(b.path)]
    for path in removed:
        path.unlink(missing_ok=True)
    backend = keys.keep_key(store, key) if kept else None
    _fresh_backup(store, key)
    return Converted(store, _rows(counts), backend, tuple(removed), readable_beside(store))


def decrypt(confirm: Confirm) -> Converted | None:
    """Turn the encrypted store back into a plain one (sealed entries taken in first), once
    `confirm` agrees (None: it did not)."""
    store = db_path()
    if not engine.is_encrypted(store):
        raise UsageError("the store is not encrypted")
    if not confirm():
        return None
    with closing(connect()) as conn:
        key = engine.key_of(conn)
    counts = convert(store, key, None, meta={sealing.IDENTITY: None})
    keys.forget_key(store)
    sidecar.remove(store)
    _fresh_backup(store, None)
    return Converted(store, _rows(counts), None, (), ())


def change_passphrase(
    confirm: Confirm, passphrase: Callable[[], str], keep_key: bool | None = None
) -> Converted | None:
    """Encrypt the store under a new passphrase once `confirm` agrees (None: it did not).
    `keep_key` None: the keyring as it was."""
    store = db_path()
    if not engine.is_encrypted(store):
        raise UsageError("the store is not encrypted (lp-coach data encrypt encrypts it)")
    with closing(connect()) as conn:  # the current passphrase first: wrong, nothing is asked
        old = engine.key_of(conn)
    if not confirm():
        return None
    chosen = passphrase()
    if not chosen:
        raise UsageError("the passphrase is empty; nothing changed")
    was_kept = bool(sidecar.read(store).get("keyring"))
    key = keys.new_key(chosen)
    counts = convert(store, old, key)
    kept = None
    if keep_key or (keep_key is None and was_kept):
        kept = keys.keep_key(store, key)
    elif was_kept:
        keys.forget_key(store)
    _fresh_backup(store, key)
    return Converted(store, _rows(counts), kept, (), readable_beside(store))


def keyring(*, keep: bool) -> str | None:
    """Keep the store's key in the system keyring (unlocking it once), or forget it there;
    the keyring's name, or None once forgotten."""
    store = db_path()
    if not engine.is_encrypted(store):
        raise UsageError("the store is not encrypted: there is no key to keep")
    if not keep:
        keys.forget_key(store)
        return None
    with closing(connect()) as conn:
        key = engine.key_of(conn)
    assert key is not None
    return keys.keep_key(store, key)


def backup(target: Path | None = None) -> Path:
    """A backup of the store now: into `target`, or `backups/` in the data directory."""
    store = db_path()
    with closing(connect()) as conn:
        if target is None:
            return backups.take(conn, store)
        if target.is_dir():
            target = target / (backups.PREFIX + "copy" + backups.SUFFIX)
        return backups.backup(conn, target)


def restore(candidate: Path, confirm: Confirm) -> Path | None:
    """Replace the store by the checked backup `candidate` once `confirm` agrees; where the
    old store was kept (None: nothing was done)."""
    if not candidate.is_file():
        from lp_coach.errors import NotFound

        raise NotFound(f"no backup file {candidate}")
    if not confirm():
        return None
    return recovery.restore(db_path(), candidate)


def check(*, repair: bool = False) -> StoreChecked:
    """Run SQLite's integrity check and the search indexes' checks (rebuilding them: `repair`)."""
    store = db_path()
    with closing(connect()) as conn:
        repaired = recovery.rebuild_indexes(conn) if repair else []
        found = recovery.problems(conn)
        rows = _rows(table_rows(conn))
    return StoreChecked(
        store,
        engine.is_encrypted(store),
        found,
        rows,
        repaired,
        backups.listed(store),
        len(sealing.waiting(store)),
    )


def describe_error(exc: Exception) -> str:
    """A database error in plain words; a damaged store's names the backup that restores it."""
    from lp_coach.store.db import describe

    return describe(exc)


def readable_beside(store: Path) -> tuple[Path, ...]:
    """Files in the data directory that hold words and are not encrypted: drafts, notes, and
    a store kept plain by a restore."""
    found = [
        path
        for path in sorted(store.parent.glob(store.name + recovery.BEFORE + "*"))
        if path.is_file() and not engine.is_encrypted(path)
    ]
    for folder in ("drafts", "notes"):
        where = store.parent / folder
        if where.is_dir():
            found.extend(sorted(path for path in where.rglob("*") if path.is_file()))
    return tuple(found)


def _rows(by_table: dict[str, int]) -> int:
    """The rows that hold what the user keeps: not the search indexes' own tables."""
    return sum(count for name, count in by_table.items() if "_fts_" not in name)


def _fresh_backup(store: Path, key: bytes | None) -> None:
    conn = engine.open_file(store, key)
    try:
        backups.take(conn, store)
    finally:
        conn.close()
