"""What the `principles` commands ask of the core: the library, a principle, a check, a file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from lp_coach.content.model import Library, Principle
    from lp_coach.errors import Problem

Packs = Sequence[Path]
"""Principle directories laid over the built-in pack (the --principles option)."""


class FoundPrinciple(NamedTuple):
    """A principle, in the library it was found in (for its related principles' titles)."""

    principle: Principle
    library: Library
    markdown: str = ""
    """The principle as Markdown (principle.md.j2), when asked for."""


class PackCheck(NamedTuple):
    """What a check of the packs found: the library (None when any problem stops it)."""

    library: Library | None
    problems: list[Problem]
    packs: int
    """How many packs were checked, the built-in one included."""
    notices: tuple[str, ...] = ()
    """What a valid pack leaves to guess (content/notices.py): keys or stages not written."""


class Created(NamedTuple):
    """A new principle's file, and the pack it went into."""

    path: Path
    pack: Path
    alone: bool = False
    """The pack stands alone (`standalone: true`): the built-in principles are left out."""


def library(packs: Packs = ()) -> Library:
    """Every principle of the built-in pack and the user's, in series order."""
    from lp_coach.content.library import open_library

    return open_library(packs)


def principle(typed: str, packs: Packs = (), *, markdown: bool = False) -> FoundPrinciple:
    """The principle `typed` names (id, title, prefix or number), or NotFound; with
    `markdown`, written out too (kept between runs: a page read again needs no Jinja)."""
    from lp_coach.content.library import open_library
    from lp_coach.content.lookup import find_principle

    opened = open_library(packs)
    found = find_principle(opened, typed)
    if not markdown:
        return FoundPrinciple(found, opened)
    from lp_coach.render.kept import kept

    titles = opened.titles()

    def render() -> str:
        from lp_coach.render.templates import render

        return render("principle.md.j2", p=found, titles=titles)

    values = [found.to_dict(), found.source, titles]
    page = kept(f"principle-{found.id}.md", "principle.md.j2", values, render)
    return FoundPrinciple(found, opened, page)


def validate(dirs: Sequence[Path] = (), packs: Packs = ()) -> PackCheck:
    """Check every configured pack and `dirs`, and list every problem found."""
    from lp_coach.content.library import configured_packs
    from lp_coach.content.notices import notices
    from lp_coach.content.packs import check_library

    found = configured_packs([*packs, *dirs])
    checked, problems = check_library(found)
    if checked is None:
        return PackCheck(checked, problems, len(found))
    builtin = next((p.display for p in found if p.builtin), "")
    return PackCheck(checked, problems, len(found), tuple(notices(checked, builtin)))


def schema(pack: bool = False) -> dict[str, Any]:
    """The JSON Schema of a principle file (or, `pack`, of pack.yaml)."""
    from lp_coach.content.schema import pack_schema, principle_schema

    return pack_schema() if pack else principle_schema()


def new(
    principle_id: str,
    title: str | None,
    directory: Path | None,
    packs: Packs = (),
    standalone: bool = False,
) -> Created:
    """Write a commented scaffold for a new principle into `directory` (else the user's pack);
    `standalone` starts a pack of its own there."""
    from lp_coach.content.library import open_library
    from lp_coach.content.model import Library
    from lp_coach.content.scaffold import new_principle, pack_is_standalone
    from lp_coach.paths import user_pack_dir

    target = directory or user_pack_dir()
    alone = standalone or pack_is_standalone(target)
    # A pack of its own needs no other: its half-written files must not stop the next one.
    library = Library((), ()) if alone else open_library(packs)
    path = new_principle(library, principle_id, target, title, standalone=standalone)
    return Created(path, target, alone)
