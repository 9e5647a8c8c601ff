"""The format as tables of fields, derived from the model's declarations, for checks and docs."""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, fields
from typing import TYPE_CHECKING

from lp_coach.content.model import FORMAT, Kind, PackInfo, Principle

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 64
PLACEHOLDERS = {"statement": "Write the statement of the principle here."}
"""Text the scaffold of `principles new` leaves in a field for the author to replace."""


@dataclass(frozen=True)
class Field:
    """One key of a mapping, its kind, and whether it must be there."""

    name: str
    kind: Kind
    doc: str
    required: bool = False
    item: Shape | None = None


@dataclass(frozen=True)
class Shape:
    """A mapping with a fixed set of keys."""

    name: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field | None:
        """The field called `name`, or None."""
        return next((f for f in self.fields if f.name == name), None)

    def entry(self, name: str) -> Shape:
        """The shape of the entries of the list field `name`."""
        found = self.field(name)
        if found is None or found.item is None:
            raise KeyError(f"{self.name} has no list of entries {name!r}")
        return found.item


def shape_of(cls: type[DataclassInstance]) -> Shape:
    """The shape a model class declares; a field neither declared nor local is an error."""
    out: list[Field] = []
    for spec_field in fields(cls):
        spec = spec_field.metadata.get(FORMAT)
        if spec is None:
            if spec_field.compare:
                raise TypeError(
                    f"{cls.__name__}.{spec_field.name} is neither declared with "
                    "metadata=declare(...) nor local to the model (compare=False)"
                )
            continue
        required = spec_field.default is MISSING and spec_field.default_factory is MISSING
        item = shape_of(spec.item) if spec.item is not None else None
        out.append(Field(spec_field.name.rstrip("_"), spec.kind, spec.doc, required, item))
    name: str = getattr(cls, "noun", cls.__name__.lower())
    return Shape(name, tuple(out))


PRINCIPLE = shape_of(Principle)
PACK = shape_of(PackInfo)


def entry_shapes(shape: Shape) -> list[Shape]:
    """Every shape of entry under `shape`, depth first, each once."""
    found: list[Shape] = []
    for spec in shape.fields:
        if spec.item is not None and spec.item not in found:
            found.append(spec.item)
            found.extend(s for s in entry_shapes(spec.item) if s not in found)
    return found
