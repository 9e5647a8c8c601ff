"""Start a new principle file in a user's pack, from the commented template in prompts/."""

from __future__ import annotations

import json
from pathlib import Path

from lp_coach.atomic import atomic_write
from lp_coach.content.fields import PRINCIPLE, SLUG, SLUG_MAX
from lp_coach.content.model import Library
from lp_coach.content.schema import principle_schema
from lp_coach.errors import UsageError

SCHEMA_FILE = "principle.schema.json"


def new_principle(library: Library, principle_id: str, pack_dir: Path, title: str | None) -> Path:
    """Write `<pack_dir>/<id>.yaml` (and the schema beside it); refuse to overwrite."""
    if not SLUG.fullmatch(principle_id) or len(principle_id) > SLUG_MAX:
        raise UsageError(
            f"{principle_id!r} is not a valid id: use lower-case letters, digits and single "
            "hyphens (e.g. 'servant-leadership')"
        )
    path = pack_dir / f"{principle_id}.yaml"
    if path.exists():
        raise UsageError(f"{path} already exists; edit it, or choose another id")
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
    )
    atomic_write(path, text, mode=0o644)
    schema = pack_dir / SCHEMA_FILE
    if not schema.exists():
        atomic_write(schema, json.dumps(principle_schema(), indent=2) + "\n", mode=0o644)
    return path
