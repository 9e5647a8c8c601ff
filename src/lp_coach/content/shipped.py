"""The built-in pack as the tests checked it, shipped with lp-coach: a first run (or the first
after an upgrade) reads it instead of parsing and checking the pack's YAML again.

It stands only while each file of the pack is the one checked: the shipped file holds every
YAML file's name, size and CRC-32, and a pack that differs in any is read and checked
afresh (so an edited or half-installed pack is never taken on trust). It is used when the
built-in pack is the whole library; a user's pack is read and checked with it, as before.
tests/test_shipped_library.py fails when the file is not what the pack gives today; write it
anew with `python -m lp_coach.content.shipped`.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from lp_coach.content.sources import PackDir, builtin_pack, pack_files
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


def shipped_library(pack: PackDir) -> dict[str, Any] | None:
    """The checked library of `pack` (as plain data, placed in `pack`), when `pack` is the
    built-in one with every file as checked; else None."""
    if not pack.builtin:
        return None
    try:
        data = json.loads(shipped(SHIPPED).read_bytes())
        if data["files"] != digest(pack):
            return None
        library: dict[str, Any] = data["library"]
        for principle in library["principles"]:
            principle["source"] = os.path.join(pack.display, principle["source"])
        for info in library["packs"]:
            info["path"] = pack.display
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return library


def checked_now(pack: PackDir) -> dict[str, Any]:
    """What the shipped file should hold for `pack`: its digest and its checked library, with
    places relative to the pack."""
    from lp_coach.content.packs import load_checked
    from lp_coach.content.plain import as_dicts

    library = as_dicts(load_checked([pack]))
    for principle in library["principles"]:
        principle["source"] = os.path.basename(principle["source"])
    for info in library["packs"]:
        info["path"] = ""
    return {"files": digest(pack), "library": library}


def main() -> int:
    """Write the shipped file anew from the built-in pack."""
    pack = builtin_pack()
    target = Path(__file__).parent.parent / "data" / SHIPPED
    text = json.dumps(checked_now(pack), ensure_ascii=False, sort_keys=True, indent=0)
    target.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
