"""`lp-coach quiz export --anki`: the whole deck as an Anki package with stable note ids."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from conftest import Invoke

from lp_coach.content.library import open_library
from lp_coach.quiz.anki import note_fields
from lp_coach.quiz.cards import QuizCard, build_cards


def notes(apkg: Path, tmp_path: Path) -> list[sqlite3.Row]:
    with zipfile.ZipFile(apkg) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        archive.extract("collection.anki2", tmp_path / "unpacked")
    conn = sqlite3.connect(tmp_path / "unpacked" / "collection.anki2")
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute("SELECT guid, tags, flds FROM notes ORDER BY guid").fetchall()
    finally:
        conn.close()


def test_export_writes_every_card_with_stable_ids(cli: Invoke, tmp_path: Path) -> None:
    first = tmp_path / "out" / "deck.apkg"
    result = cli("quiz", "export", "--anki", str(first))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {first} (208 notes)\n"
    written = notes(first, tmp_path / "a")
    assert len(written) == len(build_cards(open_library())) == 208
    fields = {row["flds"].split("\x1f")[-1]: row for row in written}
    frugal = fields["frugality:name:statement"]
    assert frugal["tags"].split() == ["frugality", "lp-coach::name"]
    assert frugal["flds"].split("\x1f")[:2] == [
        open_library().get("frugality").statement,  # type: ignore[union-attr]
        "Frugality",
    ]
    scenario = fields["customer-obsession:scenario:fund-lower-prices"]
    assert scenario["tags"].split()[0] == "have-backbone-disagree-and-commit"
    second = tmp_path / "again.apkg"
    assert cli("quiz", "export", "--anki", str(second)).exit_code == 0
    assert [r["guid"] for r in notes(second, tmp_path / "b")] == [r["guid"] for r in written]
    leftovers = [p.name for p in first.parent.iterdir()]
    assert leftovers == ["deck.apkg"]


def test_fields_are_escaped_for_anki() -> None:
    card = QuizCard("x:recall:statement", "recall", "x", "x", 0, "<b>X</b>", "Fish & chips\nto go")
    fields = note_fields(card, {"x": "X & Y"})
    assert fields[:2] == ["&lt;b&gt;X&lt;/b&gt;", "Fish &amp; chips<br>to go"]
    assert fields[4:] == ["X &amp; Y", "x:recall:statement"]


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--anki", "deck.zip"], "an Anki package file name ends in .apkg", 2),
        ([], "Missing option '--anki'", 2),
    ],
)
def test_export_mistakes(cli: Invoke, args: list[str], message: str, code: int) -> None:
    result = cli("quiz", "export", *args)
    assert result.exit_code == code, result.output
    assert message in result.stderr


def test_export_to_an_unwritable_place(cli: Invoke, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = cli("quiz", "export", "--anki", str(blocker / "deck.apkg"))
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.output


def test_anki_itself_imports_the_package(cli: Invoke, tmp_path: Path) -> None:
    """Runs only where the `anki` package is installed (an optional test extra)."""
    collection_module = pytest.importorskip("anki.collection")
    apkg = tmp_path / "deck.apkg"
    assert cli("quiz", "export", "--anki", str(apkg)).exit_code == 0
    col = collection_module.Collection(str(tmp_path / "collection.anki2"))
    try:
        request = collection_module.ImportAnkiPackageRequest(
            package_path=str(apkg), options=collection_module.ImportAnkiPackageOptions()
        )
        log = col.import_anki_package(request).log
        assert len(log.new) == 208
        assert col.note_count() == col.card_count() == 208
        assert "Amazon Leadership Principles" in [d.name for d in col.decks.all_names_and_ids()]
        assert len(col.find_notes("tag:frugality")) == len(
            [c for c in build_cards(open_library()) if c.principle_id == "frugality"]
        )
        again = col.import_anki_package(request).log  # the same notes: nothing added
        assert len(again.new) == 0 and col.note_count() == 208
    finally:
        col.close()
