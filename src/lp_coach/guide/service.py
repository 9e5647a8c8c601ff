"""Make a discussion guide: what the `guide` command asks of the core."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lp_coach.content.model import Library
from lp_coach.errors import UsageError
from lp_coach.groups.store import Group
from lp_coach.guide.selection import Selection, choose


@dataclass(frozen=True)
class GuideRequest:
    """How a guide was asked for."""

    principles: tuple[str, ...] = ()
    """By id, title or number; several make a booklet (none: the plan's next meeting)."""
    every: bool = False
    plan: bool = False
    fmt: str | None = None
    """md, html or pdf (None: from the suffix of `out`, else md)."""
    out: Path | None = None
    """A file, a directory to put the usual name in, '-' for stdout, or None (see destination)."""
    audience: str = "leader"
    minutes: int = 60
    scripture: bool = True
    secular: bool = False
    """--secular: no scripture, prayer or item that assumes faith (also when the config
    says `secular = true`)."""
    template: Path | None = None
    """A directory of the user's own guide*.j2 templates."""
    paper: str | None = None
    group: str | None = None
    """The group (--in) whose plan and pack the guide follows; None: the current one."""


@dataclass(frozen=True)
class Made:
    """A guide made: where it was written, or its bytes for standard output."""

    data: bytes
    path: Path | None
    """The file written; None when the guide is for standard output."""
    undated: bool = False
    """A plan's guide from a plan nobody has started: meetings in order, without dates."""

    @property
    def warning(self) -> str | None:
        """What to tell the user about the guide (the same words as `lp-coach plan`)."""
        if not self.undated:
            return None
        from lp_coach.study.plan import NO_DATES

        return NO_DATES


def make_guide(request: GuideRequest, packs: Sequence[Path] = (), *, to_terminal: bool) -> Made:
    """Choose the principles, build and render the guide, and write it where it goes
    (`to_terminal`: standard output is a terminal, so no --out means a file)."""
    from contextlib import closing

    from lp_coach.config import secular_default
    from lp_coach.groups.context import open_group
    from lp_coach.guide.document import build_guide, render_guide
    from lp_coach.guide.files import choose_format, default_name, destination, write_file
    from lp_coach.paths import db_path
    from lp_coach.store.db import connect

    fmt = choose_format(request.fmt, request.out)
    overrides: tuple[Path, ...] = ()
    if request.template is not None:
        if not request.template.is_dir():
            raise UsageError(f"--template {request.template}: no such directory")
        overrides = (request.template,)
    named = bool(request.principles or request.every) and request.group is None
    secular = secular_default(request.secular)
    if named and not db_path().exists():  # no store yet, so no group with a pack of its own
        from lp_coach.content.library import open_library

        library = open_library(packs)
        selection = choose(
            library, list(request.principles), every=request.every, plan=request.plan
        )
    else:
        with closing(connect()) as conn:
            group, library = open_group(conn, request.group, packs)
            selection = _selection(conn, group, library, request)
            secular = secular or bool((group.settings or {}).get("secular"))
    built = build_guide(
        library,
        selection,
        audience=request.audience,
        minutes=request.minutes,
        scripture=request.scripture,
        secular=secular,
    )
    data = render_guide(built, fmt, overrides, request.paper)
    name = default_name(selection, built.audience, fmt)
    path = destination(request.out, name, to_terminal=to_terminal)
    if path is not None:
        write_file(path, data)
    return Made(data, path, undated=selection.undated and request.plan)


def _selection(
    conn: sqlite3.Connection, group: Group, library: Library, request: GuideRequest
) -> Selection:
    """The principles asked for; the plan's come from the store (the group's plan)."""
    typed = list(request.principles)
    if typed or request.every:
        return choose(library, typed, every=request.every, plan=request.plan)
    return choose(library, typed, every=request.every, plan=request.plan, conn=conn, group=group)
