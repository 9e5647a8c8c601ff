"""JSON Schema of the principle and pack formats, for editors (yaml-language-server)."""

from __future__ import annotations

from typing import Any

from lp_coach.content.fields import PACK, PRINCIPLE, SLUG, SLUG_MAX, Field, Shape
from lp_coach.content.model import FAITH_MARKS, STAGE_NAMES, TRANSLATIONS, Kind

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def principle_schema() -> dict[str, Any]:
    """The JSON Schema of one principle file."""
    return _document(PRINCIPLE, "lp-coach principle", "One leadership principle of a pack.")


def pack_schema() -> dict[str, Any]:
    """The JSON Schema of pack.yaml."""
    return _document(PACK, "lp-coach pack", "What a principle pack is and where it comes from.")


def _document(shape: Shape, title: str, description: str) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_URL,
        "title": title,
        "description": description,
        **_object(shape),
    }


def _object(shape: Shape) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in shape.fields if f.required and f.kind is not Kind.TRANSLATION],
        "properties": {f.name: _field(f) for f in shape.fields},
    }


def _field(spec: Field) -> dict[str, Any]:
    schema = _kind(spec)
    schema["description"] = spec.doc
    return schema


def _kind(spec: Field) -> dict[str, Any]:
    slug = {"type": "string", "pattern": SLUG.pattern, "maxLength": SLUG_MAX}
    text = {"type": "string", "minLength": 1}
    match spec.kind:
        case Kind.TEXT | Kind.REF:
            return dict(text)
        case Kind.COUNT:
            return {"type": "integer", "minimum": 1}
        case Kind.FLAG:
            return {"type": "boolean"}
        case Kind.SLUG | Kind.PRINCIPLE:
            return dict(slug)
        case Kind.TRANSLATION:
            return {"enum": list(TRANSLATIONS)}
        case Kind.TEXTS:
            return {"type": "array", "items": text}
        case Kind.PRINCIPLES:
            return {"type": "array", "items": slug}
        case Kind.STAGE:
            return {"enum": list(STAGE_NAMES)}
        case Kind.FAITH:
            return {"enum": list(FAITH_MARKS)}
        case Kind.NOTE:
            return _marked(text, {"faith": {"enum": list(FAITH_MARKS)}})
        case Kind.NOTES:
            return {"type": "array", "items": _marked(text, {"faith": {"enum": list(FAITH_MARKS)}})}
        case Kind.PHRASES:
            return {"type": "array", "items": _marked(text, {"key": slug}, required="key")}
        case Kind.OBJECTS:
            assert spec.item is not None
            return {"type": "array", "items": _object(spec.item)}


def _marked(
    text: dict[str, Any], extra: dict[str, Any], required: str | None = None
) -> dict[str, Any]:
    """Plain text, or a mapping of `text` and the `extra` keys."""
    mapping = {
        "type": "object",
        "additionalProperties": False,
        "required": ["text", *([required] if required else [])],
        "properties": {"text": text, **extra},
    }
    return {"anyOf": [dict(text), mapping]}
