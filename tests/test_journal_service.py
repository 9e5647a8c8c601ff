"""The journal's services without the CLI: every call over a real store, $EDITOR a real process."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_journal_editor import FAKE_EDITOR

from lp_coach.editor import drafts_dir
from lp_coach.errors import CoachError, NotFound, UsageError
from lp_coach.journal import service, write_service
from lp_coach.journal.entries import Entry
from lp_coach.journal.write_service import SaveStatus


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake $EDITOR (see test_journal_editor); returns where it copies what it opened."""
    script = tmp_path / "fake-editor"
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("FAKE_SEEN", str(tmp_path / "seen.md"))
    return tmp_path / "seen.md"


def writes(monkeypatch: pytest.MonkeyPatch, mode: str, text: str = "") -> None:
    monkeypatch.setenv("FAKE_MODE", mode)
    monkeypatch.setenv("FAKE_TEXT", text)


def drafts() -> list[Path]:
    return sorted(drafts_dir().glob("*.md")) if drafts_dir().exists() else []


def entries() -> list[Entry]:
    return list(service.list_entries().entries)


# Writing


def test_add_text_dates_and_tags_it() -> None:
    done = write_service.add(
        "Owned the outage #ownership", principles=["Frugality"], when="yesterday"
    )
    assert done.status is SaveStatus.SAVED and done.entry is not None
    assert done.entry.day == (date.today() - timedelta(days=1)).isoformat()
    assert done.entry.principles == ("frugality", "ownership")
    assert [e.id for e in entries()] == [done.entry.id]


def test_add_answering_the_prompt_heads_the_entry_with_it() -> None:
    prompt = service.todays_prompt(["ownership"])
    done = write_service.add("I fixed it myself.", principles=["ownership"], prompt=True)
    assert done.entry is not None
    assert done.entry.text == f"{prompt.text}\n\nI fixed it myself."
    assert done.entry.principles == ("ownership",)


def test_add_in_the_editor_saves_what_was_written(
    editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes(monkeypatch, "prepend", "Kept the budget small.")
    done = write_service.add(None, principles=["frugality"], prompt=True, star=True)
    assert done.status is SaveStatus.SAVED and done.entry is not None and done.entry.starred
    prompt = service.todays_prompt(["frugality"]).text
    assert prompt in editor.read_text()  # the scaffold it opened
    assert done.entry.title == "Kept the budget small."  # written above the prompt it heads
    assert done.entry.body.strip() == prompt and done.entry.principles == ("frugality",)
    assert drafts() == []


@pytest.mark.parametrize(
    ("mode", "text", "status"),
    [
        ("prepend", "", SaveStatus.LEFT_UNCHANGED),
        ("replace", "<!-- only a note -->", SaveStatus.LEFT_EMPTY),
    ],
)  # the prompt heads the scaffold, so saving it as it came is 'unchanged', not 'empty'
def test_a_scaffold_left_alone_saves_nothing(
    editor: Path, monkeypatch: pytest.MonkeyPatch, mode: str, text: str, status: SaveStatus
) -> None:
    writes(monkeypatch, mode, text)
    assert write_service.add(None, prompt=True) == write_service.Saved(None, status)
    assert entries() == [] and drafts() == []


def test_words_that_cannot_be_saved_stay_in_their_draft(
    editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes(monkeypatch, "replace", "Trusted the team #earn-trst")
    with pytest.raises(NotFound) as caught:
        write_service.add(None)
    [draft] = drafts()
    assert f"nothing is lost: your words are in {draft}" in str(caught.value)
    assert draft.read_text() == "Trusted the team #earn-trst\n"
    assert entries() == []


def test_edit_in_the_editor_retags_and_leaves_no_draft(
    editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = write_service.add("Was frugal #frugality").entry
    assert entry is not None
    writes(monkeypatch, "replace", "Was frugal, then owned it #ownership")
    done = write_service.edit(entry.id)
    assert done.status is SaveStatus.SAVED and done.entry is not None
    assert done.entry.principles == ("ownership",) and done.entry.id == entry.id
    writes(monkeypatch, "prepend", "")
    assert write_service.edit(entry.id) == write_service.Saved(
        service.show(entry.id), SaveStatus.UNCHANGED
    )
    assert drafts() == []


def test_edit_with_a_date_moves_without_an_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "false")  # would fail if it ran
    entry = write_service.add("Moved", when="2026-01-05 07:30").entry
    assert entry is not None
    done = write_service.edit(entry.id, when="2026-01-06")
    assert done.status is SaveStatus.MOVED and done.entry is not None
    assert (done.entry.day, done.entry.time) == ("2026-01-06", "07:30")


def test_delete_asks_and_keeps_the_entry_when_told_no() -> None:
    entry = write_service.add("Keep me").entry
    assert entry is not None
    shown: list[Entry] = []
    assert write_service.delete(entry.id, lambda e: shown.append(e) or False) is None
    assert shown == [entry] and entries() == [entry]
    assert write_service.delete(entry.id, lambda e: True) == entry
    assert entries() == []
    with pytest.raises(NotFound, match=f"no journal entry {entry.id}"):
        write_service.delete(entry.id)


def test_star_and_show() -> None:
    entry = write_service.add("Shine").entry
    assert entry is not None
    assert write_service.star(entry.id).starred and service.show(entry.id).starred
    assert not write_service.star(entry.id, False).starred
    with pytest.raises(NotFound):
        write_service.star(999)


# Reading


def test_list_says_whether_a_filter_narrowed_it() -> None:
    write_service.add("One #ownership", when="2026-01-05")
    write_service.add("Two", when="2026-02-05")
    assert not service.list_entries().narrowed
    by_tag = service.list_entries(service.Wanted(principles=["Ownership"]))
    assert by_tag.narrowed and [e.title for e in by_tag.entries] == ["One #ownership"]
    since = service.list_entries(service.Wanted(since="2026-02-01"))
    assert [e.title for e in since.entries] == ["Two"]
    with pytest.raises(NotFound):
        service.list_entries(service.Wanted(principles=["nothing-like-it"]))


def test_search_finds_or_suggests() -> None:
    write_service.add("The lighthouse keeper #ownership")
    write_service.add("A lighthouse again")
    found = service.search("lighthouse", limit=1)
    assert len(found.results.hits) == 1 and found.results.total == 2
    assert found.suggestions == []
    only = service.search("lighthouse", principles=["ownership"])
    assert [h.entry.title for h in only.results.hits] == ["The lighthouse keeper #ownership"]
    missed = service.search("lighthose")
    assert missed.results.hits == [] and missed.suggestions == ["lighthouse"]


def test_stats_with_and_without_the_calendar() -> None:
    write_service.add("Counted #frugality")
    plain = service.stats(detail=False)
    assert plain.stats.entries == 1 and plain.heat is None and plain.titles == {}
    full = service.stats()
    assert full.heat is not None and full.titles["frugality"] == "Frugality"
    assert full.stats.per_principle == {"frugality": 1}


def test_export_then_import_adds_each_entry_once(tmp_path: Path) -> None:
    write_service.add("Exported #ownership", when="2026-01-05 08:00")
    out = tmp_path / "journal.json"
    done = service.export("json", out, io.StringIO())
    assert (done.count, done.path) == (1, out)
    assert write_service.import_file(out) == write_service.Imported(0, 1, ())
    jrnl = tmp_path / "jrnl.json"
    item = {"date": "2026-01-07", "time": "09:00", "title": "From jrnl", "body": ""}
    jrnl.write_text(json.dumps({"tags": {}, "entries": [{**item, "tags": ["@ownership"]}]}))
    assert write_service.import_file(jrnl) == write_service.Imported(1, 0, ())
    ours = [{"date": "2026-01-08", "text": "Theirs", "principles": ["our-own-value"]}]
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps(ours))
    assert write_service.import_file(mine, "json") == write_service.Imported(
        1, 0, ("our-own-value",)
    )
    assert [e.principles for e in entries()][1:] == [("ownership",), ("our-own-value",)]
    with pytest.raises(NotFound, match="no such file"):
        write_service.import_file(tmp_path / "missing.json")


def test_a_bad_date_is_a_usage_error_before_anything_is_written() -> None:
    with pytest.raises(UsageError):
        write_service.add("Never", when="the day after never")
    assert entries() == []
    assert issubclass(UsageError, CoachError)
