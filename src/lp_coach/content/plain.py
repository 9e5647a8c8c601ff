"""The library as plain data and back: what the caches and the shipped library hold."""

from __future__ import annotations

from typing import Any

from lp_coach.content.model import Library, PackInfo, Principle, from_data, to_data


def as_dicts(library: Library) -> dict[str, Any]:
    """The library as plain data (JSON's kinds)."""
    return {
        "principles": [dict(p.to_dict(), source=p.source) for p in library.principles],
        "packs": [dict(to_data(info), path=info.path) for info in library.packs],
    }


def from_dicts(lib: dict[str, Any]) -> Library:
    """The library `as_dicts` wrote (its dicts are used up)."""
    principles = tuple(Principle.from_dict(p, source=p.pop("source")) for p in lib["principles"])
    packs = tuple(from_data(PackInfo, info, path=info.pop("path")) for info in lib["packs"])
    return Library(principles, packs)
