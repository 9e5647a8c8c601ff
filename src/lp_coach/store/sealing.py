"""Journal entries written while an encrypted store is locked: sealed with age, taken in at unlock.

The store's age identity (its private key) lives inside the encrypted store; its public key
is in the plain sidecar. A sealed entry is one file in `sealed/` that only the identity opens;
it joins the journal, as written and dated, the next time the store is opened with its key.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lp_coach import clock
from lp_coach.errors import StoreError
from lp_coach.store import engine, sidecar

if TYPE_CHECKING:
    from lp_coach.journal.entries import NewEntry

FOLDER = "sealed"
SUFFIX = ".age"
IDENTITY = "age_identity"
"""The store_meta row holding the age private key."""


def folder(store: Path) -> Path:
    """Where `store`'s sealed entries wait."""
    return store.parent / FOLDER


def waiting(store: Path) -> list[Path]:
    """The sealed entries not yet taken in, oldest first."""
    try:
        names = sorted(name for name in os.listdir(folder(store)) if name.endswith(SUFFIX))
    except OSError:
        return []
    return [folder(store) / name for name in names]


def new_identity() -> tuple[str, str]:
    """A fresh age identity: its secret key and its public key, as text."""
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def keep_identity(conn: sqlite3.Connection, secret: str) -> None:
    """Store the age secret key inside the (encrypted) store."""
    conn.execute(
        "INSERT INTO store_meta (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (IDENTITY, secret),
    )


def seal_if_locked(entry: NewEntry) -> Path | None:
    """Seal `entry` when the store is encrypted and no key can be had without asking; the
    sealed file, or None when the store can be opened (and the entry is to be stored there)."""
    from lp_coach.paths import db_path
    from lp_coach.store.keys import key_without_asking
    from lp_coach.store.writes import now

    store = db_path()
    if not engine.is_encrypted(store) or key_without_asking(store) is not None:
        return None
    return seal(store, entry, entry.created or now())


def seal_words(text: str) -> Path | None:
    """Seal `text` as an entry of today when the store is encrypted (words that could not be
    saved, rather than a readable draft); the sealed file, or None when they cannot be."""
    from lp_coach.journal.entries import NewEntry, normalize
    from lp_coach.paths import db_path
    from lp_coach.store.writes import now

    store = db_path()
    if not normalize(text) or not engine.is_encrypted(store):
        return None
    try:
        return seal(store, NewEntry(day=clock.today(), text=text), now())
    except (OSError, StoreError):
        return None


def seal(store: Path, entry: NewEntry, created: str) -> Path:
    """Seal `entry` to the store's public key into `sealed/`; the file written."""
    from lp_coach.paths import ensure_private_dir

    public = sidecar.read(store).get("public_key")
    if not public:
        raise StoreError(
            f"the store {store} is encrypted and locked, and has no key to seal entries to "
            "yet: unlock it once (any command, with its passphrase) and try again"
        )
    import pyrage

    payload = {
        "day": entry.day.isoformat(),
        "time": entry.time,
        "text": entry.text,
        "principles": list(entry.principles),
        "starred": entry.starred,
        "source": entry.source,
        "created": created,
    }
    sealed = pyrage.encrypt(
        json.dumps(payload).encode("utf-8"), [pyrage.x25519.Recipient.from_str(public)]
    )
    where = ensure_private_dir(folder(store))
    name = created.replace(":", "") + "-" + secrets.token_hex(4) + SUFFIX
    partial = where / (name + ".partial")
    descriptor = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(sealed)
        file.flush()
        os.fsync(file.fileno())
    os.replace(partial, where / name)
    return where / name


def take_in(conn: sqlite3.Connection) -> int:
    """Open every sealed entry into the journal (once each), then remove it; how many."""
    store = engine.path_of(conn)
    if store is None or engine.key_of(conn) is None:
        return 0
    _publish(conn, store)
    files = waiting(store)
    if not files:
        return 0
    import pyrage

    from lp_coach.journal.entries import NewEntry
    from lp_coach.journal.store import add_many

    identity = pyrage.x25519.Identity.from_str(_identity(conn))
    entries, opened = [], []
    for path in files:
        try:
            data = json.loads(pyrage.decrypt(path.read_bytes(), [identity]))
            entries.append(
                NewEntry(
                    day=date.fromisoformat(data["day"]),
                    text=str(data["text"]),
                    time=data.get("time"),
                    principles=tuple(data.get("principles", ())),
                    starred=bool(data.get("starred")),
                    source=data.get("source"),
                    fingerprint=f"sealed:{path.name}",
                    created=_restamped(data.get("created")),
                )
            )
            opened.append(path)
        except (OSError, ValueError, KeyError, TypeError, pyrage.DecryptError):
            continue  # sealed to another key, or damaged: left where it is, never lost
    add_many(conn, entries)  # a file taken in before (killed before its removal) is skipped
    for path in opened:
        path.unlink(missing_ok=True)
    return len(opened)


def _identity(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM store_meta WHERE name = ?", (IDENTITY,)).fetchone()
    if row is None:
        secret, _ = new_identity()
        keep_identity(conn, secret)
        return secret
    return str(row[0])


def _publish(conn: sqlite3.Connection, store: Path) -> None:
    """Make sure the sidecar holds the public key of the identity in the store."""
    import pyrage

    public = str(pyrage.x25519.Identity.from_str(_identity(conn)).to_public())
    if sidecar.read(store).get("public_key") != public:
        sidecar.update(store, public_key=public)


def _restamped(created: object) -> str | None:
    """A sealed entry's time in the stored format (one sealed by an older lp-coach holds local
    time with its offset); None, so the entry is stamped when taken in, if it is not a time."""
    try:
        return clock.restamp(created) if isinstance(created, str) else None
    except ValueError:
        return None
