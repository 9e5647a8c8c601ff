"""Start a new principle file in a user's pack, from the commented template in prompts/."""

from __future__ import annotations

import json
from pathlib import Path

from lp_coach.atomic import atomic_write
from lp_coach.content.fields import PLACEHOLDERS, PRINCIPLE, SLUG, SLUG_MAX
from lp_coach.content.model import Library, Principle
from lp_coach.content.schema import principle_schema
from lp_coach.errors import UsageError

SCHEMA_FILE = "principle.schema.json"


def new_principle(
    library: Library,
    principle_id: str,
    pack_dir: Path,
    title: str | None,
    *,
    standalone: bool = False,
) -> Path:
    """Write `<pack_dir>/<id>.yaml` (and the schema beside it); refuse to overwrite.

    `standalone`: start a pack of its own (pack.yaml with `standalone: true`, unless there
    is one). In a standalone pack the new principle follows that pack's own, from order 1.
    """
    if not SLUG.fullmatch(principle_id) or len(principle_id) > SLUG_MAX:
        raise UsageError(
            f"{principle_id!r} is not a valid id: use lower-case letters, digits and single "
            "hyphens (e.g. 'servant-leadership')"
        )
    path = pack_dir / f"{principle_id}.yaml"
    if path.exists():
        raise UsageError(f"{path} already exists; edit it, or choose another id")
    if standalone:
        _start_standalone_pack(pack_dir)
    if pack_is_standalone(pack_dir):
        library = _own_principles(library, pack_dir)
    existing = library.get(principle_id)
    if existing is not None:
        raise UsageError(
            f"{principle_id!r} is already a principle ({existing.source}); a file with that id "
            "in your pack replaces it, so start from a copy of that file"
        )
    from lp_coach.render.templates import render

    others = [p.id for p in library.principles if p.id != principle_id]
    text = render(
        "principle-new.yaml.j2",
        id=principle_id,
        title=title or principle_id.replace("-", " ").title(),
        order=max((p.order for p in library.principles), default=0) + 1,
        pack_dir=str(pack_dir),
        schema_path=SCHEMA_FILE,
        other_ids=", ".join(others[:2]),
        first_other=others[0] if others else principle_id,
        doc={spec.name: spec.doc for spec in PRINCIPLE.fields},
        placeholders=PLACEHOLDERS,
    )
    atomic_write(path, text, mode=0o644)
    schema = pack_dir / SCHEMA_FILE
    if not schema.exists():
        atomic_write(schema, json.dumps(principle_schema(), indent=2) + "\n", mode=0o644)
    return path


def _start_standalone_pack(pack_dir: Path) -> None:
    """Write a pack.yaml that makes `pack_dir` stand alone, unless it has one already."""
    from lp_coach.content.sources import PACK_FILE

    path = pack_dir / PACK_FILE
    if path.exists():
        if not pack_is_standalone(pack_dir):
            raise UsageError(f"{path} exists: add `standalone: true` to it yourself")
        return
    name = json.dumps(pack_dir.resolve().name.replace("-", " ").title())
    text = (
        f"# The pack's name, and `standalone: true`: its principles are the whole library.\n"
        f"name: {name}\nstandalone: true\n"
    )
    atomic_write(path, text, mode=0o644)


def pack_is_standalone(pack_dir: Path) -> bool:
    """Whether the pack.yaml in `pack_dir` says `standalone: true` (read leniently)."""
    import yaml

    from lp_coach.content.sources import PACK_FILE

    try:
        data = yaml.safe_load((pack_dir / PACK_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and data.get("standalone") is True


def _own_principles(library: Library, pack_dir: Path) -> Library:
    """The principles of `pack_dir` alone, read leniently (a half-written file is skipped)."""
    import yaml

    from lp_coach.content.sources import SUFFIXES

    own: list[Principle] = []
    for path in sorted(pack_dir.iterdir()):
        if not path.name.endswith(SUFFIXES) or path.stem == "pack":
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and isinstance(data.get("order"), int):
            title = str(data.get("title") or path.stem)
            own.append(Principle(path.stem, data["order"], title, "", source=str(path)))
    return Library(tuple(sorted(own, key=lambda p: p.order)), ())
