"""What may be known of an encrypted store without its key: a small plain JSON file beside it.

It holds the public key entries are sealed to while the store is locked, and the keyring
backend the store's key was kept in (so lp-coach asks that backend alone). Nothing secret.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def sidecar_path(store: Path) -> Path:
    """The JSON file beside `store`."""
    return store.with_name(store.name + ".public.json")


def read(store: Path) -> dict[str, Any]:
    """The sidecar's fields; empty when there is none (or it cannot be read)."""
    try:
        data = json.loads(sidecar_path(store).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def update(store: Path, **fields: Any) -> None:
    """Set `fields` (None removes one), writing the file whole (a new file renamed over)."""
    data = {**read(store), **fields}
    data = {name: value for name, value in data.items() if value is not None}
    target = sidecar_path(store)
    temporary = target.with_name(target.name + ".new")
    descriptor = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(data, file, indent=1, sort_keys=True)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, target)


def remove(store: Path) -> None:
    """Remove the sidecar (the store is plain again)."""
    sidecar_path(store).unlink(missing_ok=True)
