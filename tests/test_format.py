"""The format is declared once: checks, model, cache, schema, docs and scaffold all follow it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BUILTIN, Invoke

from lp_coach.content import cache, formatdoc, packs, schema, validate
from lp_coach.content.cache import load_library
from lp_coach.content.fields import PACK, PRINCIPLE, Field, Shape, entry_shapes, shape_of
from lp_coach.content.model import Kind, PackInfo, Principle, declare, from_data, to_data
from lp_coach.content.sources import PackDir, builtin_pack
from lp_coach.content.validate import check_principle
from lp_coach.content.yamlsource import read_yaml

DOCS = Path(__file__).parent.parent / "docs" / "principle-format.md"


def sample(shape: Shape, principle_id: str = "servant-leadership") -> dict[str, Any]:
    """A value for every field of `shape`, each one valid."""
    values: dict[Kind, Any] = {
        Kind.TEXT: "Leaders serve first.",
        Kind.COUNT: 17,
        Kind.SLUG: principle_id,
        Kind.PRINCIPLE: "ownership",
        Kind.TRANSLATION: "KJV",
        Kind.REF: "Proverbs 20:14",
        Kind.TEXTS: ["serve first"],
        Kind.PRINCIPLES: ["frugality", "earn-trust"],
        Kind.FLAG: False,
        Kind.STAGE: "interpretive",
        Kind.FAITH: "belief",
        Kind.NOTE: {"text": "Pray for each other.", "faith": "belief"},
        Kind.NOTES: ["Who do you serve?", {"text": "Read Mark 10:45.", "faith": "scripture"}],
        Kind.PHRASES: [{"key": "first", "text": "serve first"}],
    }
    out: dict[str, Any] = {}
    for spec in shape.fields:
        if spec.item is not None:
            out[spec.name] = [sample(spec.item, principle_id)]
        else:
            out[spec.name] = values[spec.kind]
    return out


def keys(shape: Shape) -> list[str]:
    return [spec.name for spec in shape.fields]


def test_every_model_field_is_declared_or_local() -> None:
    @dataclass(frozen=True)
    class Careless:
        title: str = field(metadata=declare(Kind.TEXT, "Declared."))
        mood: str = ""  # forgotten: neither declared nor local

    with pytest.raises(TypeError, match="Careless.mood is neither declared"):
        shape_of(Careless)


def test_the_shapes_follow_the_model() -> None:
    assert keys(PRINCIPLE)[:4] == ["id", "order", "title", "statement"]
    assert [f.name for f in PRINCIPLE.fields if f.required] == ["id", "order", "title", "statement"]
    assert PRINCIPLE.entry("tensions").fields[0] == Field(
        "with", Kind.PRINCIPLE, "A principle that pulls the other way.", True
    )
    assert keys(PACK) == [
        "name",
        "version",
        "description",
        "source",
        "licence",
        "translation",
        "scripture_credit",
        "standalone",
    ]
    assert [s.name for s in entry_shapes(PRINCIPLE)] == [
        "scripture entry",
        "discussion question",
        "example",
        "scenario",
        "tension",
    ]


def test_a_key_the_model_lacks_is_refused_not_dropped() -> None:
    data = dict(sample(PRINCIPLE), mood="calm")
    with pytest.raises(ValueError, match="Principle has no field mood"):
        Principle.from_dict(data)


def test_a_principle_with_every_field_round_trips_through_its_dict() -> None:
    data = sample(PRINCIPLE)
    principle = Principle.from_dict(data, source="x.yaml")
    assert principle.to_dict() == data
    assert Principle.from_dict(principle.to_dict()) == principle
    info = from_data(PackInfo, sample(PACK), path="p")
    assert to_data(info) == sample(PACK) and info.path == "p"


BUILTIN_FILES = sorted(p for p in BUILTIN.glob("*.yaml") if p.name != "pack.yaml")


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda p: p.stem)
def test_every_builtin_field_survives_validate_model_and_dict(path: Path) -> None:
    value, problems = read_yaml(path, str(path))
    assert not problems
    checked = check_principle(value, str(path), path.stem, "WEB")
    assert checked.data is not None, checked.problems
    assert_kept(checked.data, Principle.from_dict(checked.data).to_dict(), PRINCIPLE)


def assert_kept(given: dict[str, Any], out: dict[str, Any], shape: Shape) -> None:
    """Every value checked is in the output; every field left out is empty there."""
    assert list(out) == keys(shape)
    for spec in shape.fields:
        if spec.name not in given:
            assert out[spec.name] in (None, []), spec.name
        elif spec.item is not None:
            assert len(out[spec.name]) == len(given[spec.name])
            for entry, entry_out in zip(given[spec.name], out[spec.name], strict=True):
                assert_kept(entry, entry_out, spec.item)
        else:
            assert out[spec.name] == given[spec.name], spec.name


def full_pack(tmp_path: Path, data: dict[str, Any]) -> PackDir:
    root = tmp_path / "mine"
    root.mkdir(exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (root / f"{data['id']}.yaml").write_text(text, encoding="utf-8")
    return PackDir(root, str(root))


def test_every_field_survives_a_file_the_checks_and_the_cache(tmp_path: Path) -> None:
    data = sample(PRINCIPLE)
    packs_ = [builtin_pack(), full_pack(tmp_path, data)]
    fresh = load_library(packs_)  # read from YAML, cache written
    cached = load_library(packs_)  # read from the cache
    for library in (fresh, cached):
        principle = library.get("servant-leadership")
        assert principle is not None and principle.to_dict() == data
        assert principle.source.endswith("servant-leadership.yaml")
    assert cached == fresh
    assert [p.path for p in cached.packs] == [p.path for p in fresh.packs]


@dataclass(frozen=True)
class WithMood(Principle):
    """The model with one field more, as a developer would add it."""

    mood: str | None = field(default=None, metadata=declare(Kind.TEXT, "How it feels."))


def test_a_field_added_to_the_declaration_reaches_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack_dirs = [builtin_pack(), full_pack(tmp_path, dict(sample(PRINCIPLE), mood="calm"))]
    before = cache.fingerprint(pack_dirs)
    shape = shape_of(WithMood)
    monkeypatch.setattr(validate, "PRINCIPLE", shape)
    monkeypatch.setattr(schema, "PRINCIPLE", shape)
    monkeypatch.setattr(formatdoc, "PRINCIPLE", shape)
    monkeypatch.setattr(packs, "Principle", WithMood)
    monkeypatch.setattr(cache, "Principle", WithMood)
    assert cache.fingerprint(pack_dirs) != before  # a cache of another format is never read
    for _ in range(2):  # from the file, then from the cache
        principle = load_library(pack_dirs).get("servant-leadership")
        assert isinstance(principle, WithMood) and principle.mood == "calm"
        assert principle.to_dict()["mood"] == "calm"
    assert schema.principle_schema()["properties"]["mood"]["description"] == "How it feels."
    assert "| `mood` | no | text | How it feels. |" in formatdoc.tables()


def test_the_schema_names_every_declared_field() -> None:
    def check(node: dict[str, Any], shape: Shape) -> None:
        assert list(node["properties"]) == keys(shape)
        for spec in shape.fields:
            if spec.item is not None:
                check(node["properties"][spec.name]["items"], spec.item)

    check(schema.principle_schema(), PRINCIPLE)
    check(schema.pack_schema(), PACK)


def test_the_committed_docs_tables_are_current() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert formatdoc.update(text) == text, f"run {formatdoc.REGENERATE}"
    for spec in PRINCIPLE.fields:
        assert f"| `{spec.name}` |" in text


def test_the_docs_regenerate_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = tmp_path / "format.md"
    stale.write_text(DOCS.read_text().replace("| `order` | yes |", "| `order` | no |"))
    assert formatdoc.main(["--check", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().out
    assert formatdoc.main([str(stale)]) == 0
    assert stale.read_text() == DOCS.read_text()
    assert formatdoc.main(["--check", str(stale)]) == 0
    stale.write_text("no markers here\n")
    with pytest.raises(ValueError, match="markers"):
        formatdoc.main([str(stale)])


def uncomment_samples(text: str) -> str:
    """The scaffold with its commented sample entries (under `field: []`) made live."""
    lines = text.splitlines()
    out: list[str] = []
    in_sample = False
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if line.endswith(": []") and following.startswith("#  - "):
            out.append(line[: -len(" []")])
            in_sample = True
        elif in_sample and line.startswith("#  "):
            out.append(line[1:])
        else:
            out.append(line)
            in_sample = False
    return "\n".join(out) + "\n"


def test_the_scaffold_names_every_declared_field_and_nothing_else(
    cli: Invoke, isolated_home: Path
) -> None:
    assert cli("principles", "new", "servant-leadership").exit_code == 0
    path = isolated_home / "principles" / "servant-leadership.yaml"
    text = path.read_text()
    for spec in PRINCIPLE.fields:
        assert f"# {spec.doc}\n" in text, spec.name  # each field's comment is its declared doc
    live = yaml.safe_load(uncomment_samples(text))
    assert list(live) == keys(PRINCIPLE)
    for spec in PRINCIPLE.fields:
        if spec.item is not None:
            assert live[spec.name], f"the scaffold shows no sample {spec.item.name}"
            assert sorted(live[spec.name][0]) == sorted(keys(spec.item)), spec.name
    filled = text.replace("Write the statement of the principle here.", "We live the principle.")
    path.write_text(uncomment_samples(filled))
    result = cli("principles", "validate")
    assert result.exit_code == 0, result.output
    shown = json.loads(cli("principles", "show", "servant-leadership", "--json").stdout)
    assert shown["tensions"][0]["with"] == "customer-obsession"
    assert shown["discussion"][0]["minutes"] == 8
