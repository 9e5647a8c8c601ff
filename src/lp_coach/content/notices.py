"""What `principles validate` says of a pack that is valid but leaves something to guess."""

from __future__ import annotations

from lp_coach.content.model import Library


def notices(library: Library, builtin: str = "") -> list[str]:
    """One line per principle whose scenarios, key phrases or questions lack a key or stage.

    A scenario or key phrase without a `key` names its quiz card by its place, so adding or
    removing one moves the review history of those after it; a question without a `stage` is
    grouped by its place. Principles read from `builtin` (the built-in pack's path) are skipped.
    """
    lines: list[str] = []
    for p in library.principles:
        if builtin and p.source.startswith(builtin):
            continue
        places: list[str] = []
        places += [f"key phrase {n}" for n, k in enumerate(p.key_phrases, 1) if not _key(k)]
        places += [f"scenario {n}" for n, s in enumerate(p.scenarios, 1) if not s.key]
        if places:
            lines.append(
                f"{p.source}: note: {', '.join(places)} without `key:`; its quiz card is named "
                "by its place, so removing or reordering moves review history (write a key once)"
            )
        unstaged = [str(n) for n, q in enumerate(p.discussion, 1) if q.stage is None]
        if unstaged:
            lines.append(
                f"{p.source}: note: discussion question {', '.join(unstaged)} without `stage:`; "
                "grouped by its place in the file"
            )
    return lines


def _key(phrase: str) -> str | None:
    key = getattr(phrase, "key", None)
    return key if isinstance(key, str) else None
