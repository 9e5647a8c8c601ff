"""The field tables of docs/principle-format.md, rendered from the format's declaration.

Regenerate:  python -m lp_coach.content.formatdoc docs/principle-format.md
Check only:  python -m lp_coach.content.formatdoc --check docs/principle-format.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lp_coach.content.fields import PACK, PRINCIPLE, Field, Shape, entry_shapes
from lp_coach.content.model import Kind

BEGIN = "<!-- BEGIN fields: generated from src/lp_coach/content/model.py; do not edit -->"
END = "<!-- END fields -->"
REGENERATE = "python -m lp_coach.content.formatdoc docs/principle-format.md"


def tables() -> str:
    """Every table of the format, under its heading, as Markdown."""
    parts = [_section("## pack.yaml", PACK), _section("## A principle file", PRINCIPLE)]
    parts += [_section(f"### {_title(shape)}", shape) for shape in entry_shapes(PRINCIPLE)]
    return "\n".join(parts)


def update(text: str) -> str:
    """`text` with the part between the markers replaced by the current tables."""
    head, found, rest = text.partition(BEGIN)
    _, ended, tail = rest.partition(END)
    if not found or not ended:
        raise ValueError(f"the markers {BEGIN!r} and {END!r} are missing")
    return f"{head}{BEGIN}\n\n{tables()}\n{END}{tail}"


def _section(heading: str, shape: Shape) -> str:
    rows = [
        heading,
        "",
        "| field | required | type | meaning |",
        "| --- | --- | --- | --- |",
        *(_row(spec, shape) for spec in shape.fields),
        "",
    ]
    return "\n".join(rows)


def _row(spec: Field, shape: Shape) -> str:
    required = "yes" if spec.required else "no"
    if spec.kind is Kind.TRANSLATION and spec.required and shape is not PACK:
        required = "yes, unless pack.yaml sets `translation`"
    return f"| `{spec.name}` | {required} | {_type(spec)} | {spec.doc} |"


def _type(spec: Field) -> str:
    if spec.item is not None:
        return f"list of [{_plural(spec.item.name)}](#{_title(spec.item).replace(' ', '-')})"
    if spec.kind is Kind.TRANSLATION:
        return "`WEB`, `KJV` or `ASV`"
    if spec.kind is Kind.STAGE:
        return "`grounding`, `interpretive` or `application`"
    if spec.kind is Kind.FAITH:
        return "`scripture` or `belief`"
    kind: str = spec.kind.value
    return kind


def _title(shape: Shape) -> str:
    return _plural(shape.name)


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def main(argv: list[str] | None = None) -> int:
    """Rewrite the docs file's tables, or with --check exit 1 when they are out of date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="docs/principle-format.md")
    parser.add_argument("--check", action="store_true", help="only report whether it is current")
    opts = parser.parse_args(argv)
    text = opts.path.read_text(encoding="utf-8")
    new = update(text)
    if opts.check:
        if new != text:
            print(f"{opts.path}: the field tables are out of date; run {REGENERATE}")
            return 1
        return 0
    if new != text:
        from lp_coach.atomic import atomic_write

        atomic_write(opts.path, new, mode=0o644)
        print(f"{opts.path}: tables regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
