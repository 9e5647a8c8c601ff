"""What the `principles` commands ask of the core: the library, a principle, a check, a file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    `markdown`, written out too (principle.md.j2, the user's own when they have one)."""
    from lp_coach.content.library import open_library
    from lp_coach.content.lookup import find_principle

    opened = open_library(packs)
    found = find_principle(opened, typed)
    if not markdown:
        return FoundPrinciple(found, opened)
    from lp_coach.render.templates import render

    page = render(PAGE_TEMPLATE, p=found, titles=opened.titles())
    return FoundPrinciple(found, opened, page)


PAGE_TEMPLATE = "principle.md.j2"
"""The template of a principle's Markdown page (`principles show` through a pipe)."""


class PageView(NamedTuple):
    """How a reading command writes what it shows, and what that writing depends on."""

    form: str
    """"json", "markdown" (a principle through a pipe), "plain" or "terminal"."""
    screen: Sequence[Any] = ()
    """The terminal's size and colour settings, when drawn on one."""
    drawn_by: Sequence[str] = ()
    """The files of the code that draws it: an edit there draws afresh."""


def principle_view(
    typed: str, packs: Packs, view: PageView, draw: Callable[[FoundPrinciple], str]
) -> str:
    """Principle `typed` as `draw` writes it in `view`, kept between runs: read again with
    nothing changed (the packs' files, the template, the code, the screen), it opens no
    library and runs no Jinja or Rich (render/kept.py)."""
    from lp_coach.render.kept import kept, page_name, template_stamp

    markdown = view.form == "markdown"
    made_from = _made_from(packs, view, typed)
    if markdown:
        made_from.append(template_stamp(PAGE_TEMPLATE))

    def make() -> str:
        return draw(principle(typed, packs, markdown=markdown))

    return kept(page_name("principle", view.form, typed), made_from, make)


def principles_view(packs: Packs, view: PageView, draw: Callable[[Library], str]) -> str:
    """Every principle as `draw` writes them in `view`, kept between runs like a principle."""
    from lp_coach.render.kept import kept, page_name

    def make() -> str:
        return draw(library(packs))

    return kept(page_name("principles", view.form), _made_from(packs, view), make)


def _made_from(packs: Packs, view: PageView, *typed: str) -> list[Any]:
    """What a reading command's page is made from: the packs' files, the view, the words."""
    from lp_coach.content.sources import configured_packs, pack_stats
    from lp_coach.render.kept import file_stamps

    stats = pack_stats(configured_packs(packs))
    return [stats, view.form, list(view.screen), file_stamps(view.drawn_by), list(typed)]


def validate(dirs: Sequence[Path] = (), packs: Packs = ()) -> PackCheck:
    """Check every configured pack and `dirs`, and list every problem found."""
    from lp_coach.content.notices import notices
    from lp_coach.content.packs import check_library
    from lp_coach.content.sources import configured_packs

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
