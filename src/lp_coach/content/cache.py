"""A cache of checked packs, so that commands start fast and re-check only what changed."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lp_coach import __version__
from lp_coach.content.model import Library, PackInfo, Principle, signature
from lp_coach.content.plain import as_dicts, from_dicts
from lp_coach.content.sources import PackDir, pack_stats
from lp_coach.paths import cache_dir, ensure_private_dir

CACHE_FORMAT = 3


def load_library(packs: Sequence[PackDir]) -> Library:
    """The merged, checked library: from the cache when no file changed, else read afresh."""
    key = fingerprint(packs)
    # Names the file only (its key says whether it is current): crc32, not sha256, because
    # loading OpenSSL for hashlib costs ~5 ms of every command that reads the principles.
    where = "\n".join(p.display for p in packs)
    name = f"{zlib.crc32(where.encode()):08x}"
    path = cache_dir() / f"library-{name}.json"
    cached = _read(path, key)
    if cached is not None:
        return cached
    from lp_coach.atomic import atomic_write
    from lp_coach.errors import StoreError

    library = _shipped(packs)
    if library is None:
        from lp_coach.content.packs import load_checked  # YAML and checks: only on a miss

        library = load_checked(packs)
    try:
        ensure_private_dir(path.parent)
        data = json.dumps({"key": key, "library": as_dicts(library)})
        atomic_write(path, data, durable=False)  # damaged by a crash, it is read as a miss
    except StoreError:
        pass  # a read-only data directory only costs speed
    return library


def fingerprint(packs: Sequence[PackDir]) -> list[Any]:
    """What must be unchanged for the cache to stand: versions, the format, each file's stat."""
    signatures = [signature(Principle), signature(PackInfo)]
    return [CACHE_FORMAT, __version__, *signatures, *pack_stats(packs)]


def _read(path: Path, key: list[Any]) -> Library | None:
    try:
        raw = path.read_bytes()
        # the file begins with its key, as load_library writes it: another key (an edited
        # pack) is known without parsing the whole library (~2 ms)
        if not raw.startswith(json.dumps({"key": key})[:-1].encode() + b", "):
            return None
        data = json.loads(raw)
        if data.get("key") != key:
            return None
        return from_dicts(data["library"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, damaged or not ours ([], null, a string): read the packs again


def _shipped(packs: Sequence[PackDir]) -> Library | None:
    """The built-in pack as the tests checked it, when it is the whole library, unchanged."""
    if len(packs) != 1:
        return None
    from lp_coach.content.shipped import shipped_library

    try:
        data = shipped_library(packs[0])
        return None if data is None else from_dicts(data)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
