"""Scripture references read without pythonbible at run time, held to pythonbible here."""

from __future__ import annotations

import pytest
import pythonbible as bible
import yaml
from conftest import BUILTIN
from hypothesis import given, settings
from hypothesis import strategies as st

from lp_coach.content.bible import VERSES
from lp_coach.content.refs import book_title, canonical, ref_problem

BOOKS = list(bible.Book)[:66]


def test_the_table_is_pythonbibles_versification() -> None:
    assert [title for title, _ in VERSES] == [b.title for b in BOOKS]
    for (_, counts), book in zip(VERSES, BOOKS, strict=True):
        chapters = bible.get_number_of_chapters(book)
        assert [int(n) for n in counts.split()] == [
            bible.get_number_of_verses(book, c) for c in range(1, chapters + 1)
        ], book.title


# How people write books, each of which pythonbible also reads as the same book.
WRITTEN = [
    "Gen", "Exod", "Lev", "Num", "Deut", "Josh", "Judg", "Ruth", "1 Sam",
    "2 Sam", "I Samuel", "II Kings", "1 Kgs", "1 Chr", "2 Chron", "Neh", "Esth", "Job", "Ps",
    "Psalm", "Psa", "Prov", "Eccl", "Eccles", "Song of Solomon", "Song of Songs", "Isa",
    "Jer", "Lam", "Ezek", "Dan", "Hos", "Obad", "Jon", "Mic", "Nah", "Hab", "Zeph", "Hag",
    "Zech", "Mal", "Matt", "Jn", "Acts", "Rom", "1 Cor", "2 Cor", "Gal",
    "Eph", "Phil", "Col", "1 Thess", "2 Thess", "1 Tim", "2 Tim", "Tit", "Philem", "Heb",
    "Jas", "1 Pet", "2 Pet", "1 John", "1 Jn", "2 John", "3 John", "Jude", "Rev",
]  # fmt: skip


@pytest.mark.parametrize("written", WRITTEN)
def test_a_book_is_read_as_pythonbible_reads_it(written: str) -> None:
    found = bible.get_references(f"{written} 1:1")
    assert found, f"pythonbible does not read {written!r}"
    assert book_title(written) == found[0].book.title


@pytest.mark.parametrize("short", ["Gn", "Ex", "Dt", "Pr", "Mt", "Mk", "Lk"])
def test_short_forms_pythonbible_does_not_know_are_read_too(short: str) -> None:
    assert bible.get_references(f"{short} 1:1") == []
    assert ref_problem(f"{short} 1:1") is None


@pytest.mark.parametrize("book", BOOKS, ids=lambda b: b.title)
def test_every_title_names_its_book(book: bible.Book) -> None:
    assert book_title(book.title) == book.title
    assert book_title(book.title.upper()) == book.title


def pack_refs() -> list[str]:
    refs = []
    for path in sorted(BUILTIN.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        refs += [s["ref"] for s in data.get("scripture", []) if isinstance(data, dict)]
    return refs


@pytest.mark.parametrize("ref", pack_refs())
def test_the_built_in_packs_references_agree_with_pythonbible(ref: str) -> None:
    assert ref_problem(ref) is None
    found = bible.get_references(canonical(ref).replace("–", "-"))
    assert found and found[0].book.title == canonical(ref).rsplit(" ", 1)[0]


@pytest.mark.parametrize(
    ("ref", "problem"),
    [
        ("Hezekiah 3:1", "unknown book 'Hezekiah'"),
        ("Jo 3:16", "unknown book 'Jo'"),  # John, Joel, Job, Jonah, Joshua: which?
        ("Proverbs 20:99", "Proverbs has no such chapter or verse"),
        ("Proverbs 32:1", "Proverbs has no such chapter or verse"),
        ("Proverbs 3:6-5", "Proverbs has no such chapter or verse"),
        ("Psalm 151", "Psalms has no such chapter or verse"),
        ("Jude 26", "Jude has no such chapter or verse"),
        ("Proverbs 0:1", "chapters and verses start at 1"),
        ("Proverbs", "is not a reference"),
    ],
)
def test_a_reference_that_is_not_there_is_named(ref: str, problem: str) -> None:
    assert problem in (ref_problem(ref) or "")


@pytest.mark.parametrize(
    "ref", ["Jude 3", "Jude 3-5", "Ps 1, 3", "Ps 23", "Prov 3:5-6, 9", "Jn 3:16–4:2", "Ruth 1-2"]
)
def test_the_forms_people_write_are_read(ref: str) -> None:
    assert ref_problem(ref) is None


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_verse_is_there_exactly_when_pythonbible_counts_it(data: st.DataObject) -> None:
    book = data.draw(st.sampled_from(BOOKS))
    chapters = bible.get_number_of_chapters(book)
    chapter = data.draw(st.integers(1, chapters + 2))
    verse = data.draw(st.integers(1, 180))
    there = chapter <= chapters and verse <= bible.get_number_of_verses(book, chapter)
    assert (ref_problem(f"{book.title} {chapter}:{verse}") is None) == there
