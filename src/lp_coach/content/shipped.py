"""The built-in pack as the tests checked it, shipped with lp-coach: a first run (or the first
after an upgrade) reads it instead of parsing and checking the pack's YAML again.

It stands only while each file of the pack is the one checked and the format is the one it
was written in: the shipped file holds every YAML file's name, size and CRC-32 and the
format's signature, and a pack that differs in any is read and checked afresh (so an edited
or half-installed pack is never taken on trust). It is used when the
built-in pack is the whole library; a user's pack is read and checked with it, as before.
tests/test_shipped_library.py fails when the file is not what the pack gives today; write it
anew with `python -m lp_coach.content.write_shipped`.
"""

from __future__ import annotations

import json
import os
import zlib
from typing import Any

from lp_coach.content.sources import PackDir, pack_files
from lp_coach.paths import shipped

SHIPPED = "checked-library.json"
"""The file, in lp-coach's data/ beside the pack."""


def digest(pack: PackDir) -> list[list[Any]]:
    """Each YAML file of `pack`: its name, size and CRC-32."""
    return [
        [entry.name, len(data), zlib.crc32(data)]
        for entry in pack_files(pack)
        for data in [entry.read_bytes()]
    ]


def format_signature() -> list[Any]:
    """The shape of the format the shipped library was written in (an lp-coach whose model
    differs reads the YAML)."""
    from lp_coach.content.model import PackInfo, Principle, signature

    return [signature(Principle), signature(PackInfo)]


def shipped_library(pack: PackDir) -> dict[str, Any] | None:
    """The checked library of `pack` (as plain data, placed in `pack`), when `pack` is the
    built-in one with every file as checked; else None."""
    if not pack.builtin:
        return None
    try:
        data = json.loads(shipped(SHIPPED).read_bytes())
        if data["files"] != digest(pack) or data["format"] != format_signature():
            return None
        library: dict[str, Any] = data["library"]
        for principle in library["principles"]:
            principle["source"] = os.path.join(pack.display, principle["source"])
        for info in library["packs"]:
            info["path"] = pack.display
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return library
