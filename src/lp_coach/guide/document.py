"""A whole guide, one principle or a booklet, and its rendering as Markdown, HTML or PDF."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lp_coach.content.model import Library, PackInfo, Principle
from lp_coach.content.stages import STAGES
from lp_coach.errors import UsageError
from lp_coach.guide.chapters import Chapter, build_chapter
from lp_coach.guide.mdtext import md, tidy
from lp_coach.guide.selection import Selection

FORMATS = ("md", "html", "pdf")
AUDIENCES = ("leader", "participant")
PAPERS = {"a4": "A4", "letter": "letter"}
"""--paper values and the CSS page size each stands for."""


@dataclass(frozen=True)
class Guide:
    """What the templates render: the chapters and how the guide was asked for."""

    chapters: tuple[Chapter, ...]
    leader: bool
    minutes: int
    scripture: bool
    """Readings are printed."""
    booklet: bool
    title: str
    subtitle: str | None
    packs: tuple[PackInfo, ...]
    """The packs the chapters come from, for the credits."""
    secular: bool = False
    """No scripture, prayer or item that assumes faith (content/audience.py)."""

    @property
    def prayer(self) -> bool:
        """Opening prayer, prayer requests and the closing prayer are printed (a guide
        without scripture has no prayer either, as before --secular)."""
        return self.scripture

    @property
    def audience(self) -> str:
        """'leader' or 'participant'."""
        return "leader" if self.leader else "participant"

    @property
    def edition(self) -> str:
        """Which copy this is, as printed on it."""
        return "Leader’s guide" if self.leader else "Participant’s guide"


def parse_choice(value: str, choices: Sequence[str], option: str) -> str:
    """`value` lower-cased when it is one of `choices`, else UsageError naming the option."""
    chosen = value.strip().casefold()
    if chosen not in choices:
        names = ", ".join(choices[:-1]) + " or " + choices[-1] if len(choices) > 1 else choices[0]
        raise UsageError(f"{option} must be {names}, not {value!r}")
    return chosen


def build_guide(
    library: Library,
    selection: Selection,
    *,
    audience: str = "leader",
    minutes: int = 60,
    scripture: bool = True,
    secular: bool = False,
) -> Guide:
    """Lay out every principle of `selection` for a meeting of `minutes`."""
    leader = parse_choice(audience, AUDIENCES, "--audience") == "leader"
    chapters = tuple(
        build_chapter(
            library,
            pick.principle,
            number=pick.number or n,
            minutes=minutes,
            scripture=scripture,
            secular=secular,
            when=pick.date,
        )
        for n, pick in enumerate(selection.picks, 1)
    )
    packs = _packs_of(library, [c.principle for c in chapters])
    if selection.booklet:
        title = packs[0].name if len(packs) == 1 else "Discussion guide"
    else:
        title = chapters[0].principle.title
    readings = scripture and not secular
    return Guide(
        chapters,
        leader,
        minutes,
        readings,
        selection.booklet,
        title,
        selection.subtitle,
        packs,
        secular,
    )


def render_text(
    guide: Guide, fmt: str, overrides: Sequence[Path] = (), paper: str | None = None
) -> str:
    """The guide as Markdown or HTML through prompts/guide.{md,html}.j2 (or the user's own).

    `paper` ('a4' or 'letter') fixes the printed page size; without it the printer's own is used.
    """
    from lp_coach.render.templates import render

    if fmt not in ("md", "html"):
        raise UsageError(f"render_text writes md or html, not {fmt!r}")
    size = PAPERS[parse_choice(paper, tuple(PAPERS), "--paper")] if paper else None
    context = {
        "guide": guide,
        "chapters": guide.chapters,
        "leader": guide.leader,
        "stages": STAGES,
        "level": 2 if guide.booklet else 1,
        "paper": size,
        "md": md,
    }
    text = render(f"guide.{fmt}.j2", overrides, **context)
    return tidy(text) if fmt == "md" else text


def render_guide(
    guide: Guide, fmt: str, overrides: Sequence[Path] = (), paper: str | None = None
) -> bytes:
    """The guide's file contents in `fmt`: md, html, or pdf (A4 unless `paper` says letter)."""
    fmt = parse_choice(fmt, FORMATS, "--format")
    if fmt != "pdf":
        return render_text(guide, fmt, overrides, paper).encode("utf-8")
    from lp_coach.guide.pdf import html_to_pdf

    return html_to_pdf(render_text(guide, "html", overrides, paper or "a4"))


def _packs_of(library: Library, principles: list[Principle]) -> tuple[PackInfo, ...]:
    """The packs holding `principles`, in library order (a principle's file is in its pack)."""
    used = []
    for pack in library.packs:
        folder = os.path.normpath(pack.path)
        if any(os.path.dirname(os.path.normpath(p.source)) == folder for p in principles):
            used.append(pack)
    return tuple(used) or library.packs[:1]
