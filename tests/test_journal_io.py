"""Journal export and import: JSON, Markdown and HTML out; jrnl, JSON and Markdown in."""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
import tracemalloc
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import Invoke
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lp_coach.journal import store
from lp_coach.journal.entries import Entry, NewEntry, normalize
from lp_coach.journal.export import export, write_json
from lp_coach.journal.importers import read_entries
from lp_coach.journal.listing import entries
from lp_coach.store.db import connect

IDS = ("earn-trust", "ownership", "dive-deep", "frugality")

JRNL = {  # as `jrnl --format json` (jrnl 4.6) writes it
    "tags": {"@earn-trust": 2, "#misc": 1, "@ownership": 1},
    "entries": [
        {
            "title": "Held my tongue in the budget meeting.",
            "body": "Ann was right, and I said so. @earn-trust",
            "date": "2024-03-01",
            "time": "09:00",
            "tags": ["@earn-trust"],
            "starred": False,
        },
        {
            "title": "Second entry",
            "body": "Body with @Ownership and #misc tags.",
            "date": "2024-03-02",
            "time": "07:30",
            "tags": ["#misc", "@ownership"],
            "starred": True,
        },
        {
            "title": "Same words, same minute.",
            "body": "",
            "date": "2024-03-03",
            "time": "21:00",
            "tags": [],
            "starred": False,
        },
        {
            "title": "Same words, same minute.",
            "body": "",
            "date": "2024-03-03",
            "time": "21:00",
            "tags": [],
            "starred": False,
        },
        {
            "title": "Typo tag @earn_trust and @nobody",
            "body": "",
            "date": "2024-03-04",
            "time": "06:05",
            "tags": ["@earn_trust", "@nobody"],
            "starred": False,
        },
    ],
}


def listed(cli: Invoke) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(cli("journal", "list", "--json").stdout)
    return data


def content(entry: Entry) -> tuple[Any, ...]:
    """What must survive a round trip (ids are the new store's own)."""
    return (
        entry.day,
        entry.time,
        entry.text,
        entry.principles,
        entry.starred,
        entry.created,
        entry.updated,
        entry.source,
        entry.fingerprint,
    )


# jrnl


def test_jrnl_import_tags_principles_and_skips_what_it_has(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps(JRNL, indent=2), encoding="utf-8")
    first = cli("journal", "import", str(path), "--format", "jrnl")
    assert first.exit_code == 0, first.output
    assert first.stdout == "Imported 5 entries.\n"
    again = cli("journal", "import", str(path))  # the format told from the file
    assert again.exit_code == 0, again.output
    assert again.stdout == "Imported 0 entries (5 already there).\n"
    got = listed(cli)
    assert [(e["date"], e["time"], e["principles"], e["starred"]) for e in got] == [
        ("2024-03-01", "09:00", ["earn-trust"], False),
        ("2024-03-02", "07:30", ["ownership"], True),
        ("2024-03-03", "21:00", [], False),
        ("2024-03-03", "21:00", [], False),  # the same words twice in the file: kept twice
        ("2024-03-04", "06:05", ["earn-trust"], False),
    ]
    assert got[0]["text"] == (
        "Held my tongue in the budget meeting.\nAnn was right, and I said so. @earn-trust"
    )
    shown = json.loads(cli("journal", "show", "1", "--json").stdout)
    assert shown["source"] == "jrnl"


def test_an_entry_edited_after_import_is_not_imported_again(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps(JRNL), encoding="utf-8")
    cli("journal", "import", str(path))
    with connect() as conn:
        store.update_text(conn, 1, "Rewritten since", ["earn-trust"])
    assert cli("journal", "import", str(path)).stdout == "Imported 0 entries (5 already there).\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"entries": "no"}, 'not a jrnl export (no "entries" list)'),
        ([1], 'not a jrnl export (no "entries" list)'),
        ({"entries": [{"title": "x", "date": "03/01/2024"}]}, "entry 1: 'date' must be"),
        ({"entries": [{"title": "x", "date": "2024-03-01", "time": "9am"}]}, "'time' must be"),
        ({"entries": [{"title": "", "body": " ", "date": "2024-03-01"}]}, "has no text"),
        ({"entries": [{"title": "x", "date": "2024-03-01", "tags": "@a"}]}, "'tags' must be"),
    ],
)
def test_a_broken_jrnl_file_is_named_and_nothing_is_imported(
    cli: Invoke, tmp_path: Path, data: Any, message: str
) -> None:
    good = {"title": "Fine", "date": "2024-01-01", "time": "08:00", "body": ""}
    if isinstance(data, dict) and isinstance(data["entries"], list):
        data = {"entries": [good, *data["entries"]]}
        message = message.replace("entry 1", "entry 2")
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = cli("journal", "import", str(path), "--format", "jrnl")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"lp-coach: error: {path}")
    assert message in result.stderr
    assert listed(cli) == []  # one transaction: the good entry is not half-imported


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "not JSON"), ("{oops", "not JSON"), ("\xff\xfe", "cannot tell its format")],
)
def test_unreadable_files(cli: Invoke, tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "file.json"
    path.write_text(text, encoding="latin-1")
    result = cli(
        "journal", "import", str(path), *(["--format", "json"] if text != "\xff\xfe" else [])
    )
    assert result.exit_code == 2 and message in result.stderr, result.output


def test_missing_file(cli: Invoke, tmp_path: Path) -> None:
    result = cli("journal", "import", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert result.stderr == f"lp-coach: error: {tmp_path / 'nope.json'}: no such file\n"


# Our own formats


def test_export_formats_through_the_command(cli: Invoke, tmp_path: Path) -> None:
    cli("journal", "add", "-d", "2026-01-06 07:12", "Held my tongue\n<b>bold</b> #earn-trust")
    cli("journal", "add", "-d", "2026-01-07", "--star", "Second")
    as_json = cli("journal", "export")
    assert as_json.exit_code == 0, as_json.output
    assert [e["text"] for e in json.loads(as_json.stdout)] == [
        "Held my tongue\n<b>bold</b> #earn-trust",
        "Second",
    ]
    md = cli("journal", "export", "--format", "md").stdout
    assert md.startswith("# Reflection journal\n")
    assert "## Tue 6 Jan 2026, 07:12 · earn-trust\n<!-- lp-coach entry {" in md
    assert "\n\nHeld my tongue\n<b>bold</b> #earn-trust\n\n## Wed 7 Jan 2026 ★\n" in md

    page = tmp_path / "journal.html"
    done = cli("journal", "export", "-f", "html", "-o", str(page))
    assert done.stdout == f"Exported 2 entries to {page}\n"
    html = page.read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold" not in html
    assert "Tuesday 6 January 2026, 07:12" in html
    assert '<li title="earn-trust">Earn Trust</li>' in html
    assert "@media print" in html
    assert page.stat().st_mode & 0o777 == 0o600

    folder = tmp_path / "entries"
    assert cli("journal", "export", "-f", "md", "-o", str(folder)).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "2026-01-06-1-held-my-tongue.md",
        "2026-01-07-2-second.md",
    ]
    assert not (folder / "2026-01-07-2-second.md").read_text().startswith("# Reflection")
    bad = cli("journal", "export", "--format", "pdf")
    assert bad.exit_code == 2 and "--format must be one of json, md, html" in bad.stderr


@pytest.mark.parametrize("fmt", ["html", "json"])
@pytest.mark.parametrize("where", ["new/", "new", "existing"])
def test_export_to_a_folder_writes_a_named_file(
    cli: Invoke, tmp_path: Path, fmt: str, where: str
) -> None:
    """`--out DIR/` (new or existing, or a name without an extension) gets DIR/journal.FMT."""
    cli("journal", "add", "-d", "2026-01-06", "Held my tongue #earn-trust")
    (tmp_path / "existing").mkdir()
    typed = f"{tmp_path}/{where}"
    done = cli("journal", "export", "--format", fmt, "--out", typed)
    assert done.exit_code == 0, done.output
    written = tmp_path / where.rstrip("/") / f"journal.{fmt}"
    assert done.stdout == f"Exported 1 entry to {written}\n"
    assert [p.name for p in written.parent.iterdir()] == [f"journal.{fmt}"]
    assert "Held my tongue" in written.read_text(encoding="utf-8")


def test_export_to_a_file_without_an_extension_that_exists_replaces_it(
    cli: Invoke, tmp_path: Path
) -> None:
    cli("journal", "add", "-d", "2026-01-06", "Held my tongue")
    target = tmp_path / "backup"
    target.write_text("old")
    assert cli("journal", "export", "--out", str(target)).exit_code == 0
    assert json.loads(target.read_text())[0]["text"] == "Held my tongue"


def test_export_filters(cli: Invoke) -> None:
    cli("journal", "add", "-d", "2026-01-06", "One #ownership")
    cli("journal", "add", "-d", "2026-01-07", "Two")
    mine = json.loads(cli("journal", "export", "-p", "ownership").stdout)
    assert [e["text"] for e in mine] == ["One #ownership"]
    late = json.loads(cli("journal", "export", "--since", "2026-01-07").stdout)
    assert [e["text"] for e in late] == ["Two"]


@pytest.mark.parametrize("fmt", ["json", "md", "md-dir"])
def test_export_then_import_into_an_empty_store(cli: Invoke, tmp_path: Path, fmt: str) -> None:
    cli("journal", "add", "-d", "2026-01-05", "First #earn-trust", "--star")
    cli("journal", "add", "-d", "2026-01-06 21:00", "Second\n\n  indented\nlast", "-p", "frugality")
    before = listed(cli)
    target = tmp_path / {"json": "out.json", "md": "out.md", "md-dir": "out"}[fmt]
    flag = "md" if fmt.startswith("md") else "json"
    assert cli("journal", "export", "-f", flag, "-o", str(target)).exit_code == 0
    assert cli("journal", "import", str(target)).stdout == "Imported 0 entries (2 already there).\n"
    with connect() as conn:
        conn.execute("DELETE FROM journal_entries")
    assert cli("journal", "import", str(target)).stdout == "Imported 2 entries.\n"
    after = listed(cli)
    assert [{**e, "id": 0} for e in after] == [{**e, "id": 0} for e in before]


entry_texts = st.text(min_size=1, max_size=200).filter(lambda t: normalize(t) != "")
new_entries = st.lists(
    st.builds(
        NewEntry,
        day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
        text=entry_texts,
        time=st.none() | st.times().map(lambda t: t.strftime("%H:%M")),
        principles=st.lists(st.sampled_from(IDS), unique=True).map(tuple),
        starred=st.booleans(),
        source=st.none(),
        fingerprint=st.none(),
        created=st.none(),
        updated=st.none(),
    ),
    max_size=8,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(new_entries)
@example([NewEntry(day=date(2026, 1, 1), text="a\n<!-- lp-coach entry {} -->\n\\<!-- x")])
@example([NewEntry(day=date(2026, 1, 1), text="same"), NewEntry(day=date(2026, 1, 1), text="same")])
def test_round_trips_keep_every_entry(written: list[NewEntry]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        source = connect(home / "source.db")
        for entry in written:
            store.add(source, entry)
        original = [content(e) for e in entries(source)]
        assert sorted(e[2] for e in original) == sorted(normalize(e.text) for e in written)
        for fmt in ("json", "md"):
            out = home / f"journal.{fmt}"
            export(source, fmt, out, io.StringIO(), titles={})
            target = connect(home / f"target-{fmt}.db")
            added = store.add_many(target, read_entries(out, fmt, IDS))
            assert (added.added, added.skipped) == (len(written), 0)
            assert [content(e) for e in entries(target)] == original
            again = store.add_many(target, read_entries(out, fmt, IDS))
            assert (again.added, again.skipped) == (0, len(written))
            target.close()
        source.close()


def test_exports_stream(tmp_path: Path) -> None:
    conn = connect()
    body = "word " * 200  # about 1 kB an entry
    store.add_many(
        conn, (NewEntry(day=date(2026, 1, 1), text=f"Entry {n}\n{body}") for n in range(4000))
    )
    for fmt in ("json", "md", "html"):
        out = tmp_path / f"big.{fmt}"
        tracemalloc.start()
        done = export(conn, fmt, out, io.StringIO(), titles={})
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert done.count == 4000
        size = out.stat().st_size
        assert size > 4_000_000
        assert peak < size / 10, (fmt, peak, size)  # a few entries' worth, not all of them
    conn.close()


def test_write_json_of_nothing() -> None:
    handle = io.StringIO()
    assert write_json([], handle) == 0
    assert json.loads(handle.getvalue()) == []


def test_database_is_private_and_in_wal_mode(cli: Invoke, isolated_home: Path) -> None:
    cli("journal", "add", "Private")
    db = isolated_home / "lp-coach.db"
    assert db.stat().st_mode & 0o777 == 0o600
    assert (isolated_home.stat().st_mode & 0o777) == 0o700
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


MESSY = st.text(
    alphabet=st.sampled_from(list("ab \t\r\n\x1b[31m\x07é’\u202e\x9b")), min_size=1, max_size=30
)


@given(title=MESSY, body=MESSY)
def test_every_importer_yields_text_as_it_is_stored(title: str, body: str) -> None:
    """The import stores the text its reader gives without normalizing it again
    (store.add_many(normalized=True)): each reader must give it normalized."""
    if not normalize(f"{title}\n{body}"):
        return  # an empty entry is refused, not stored
    with tempfile.TemporaryDirectory() as folder:
        jrnl = Path(folder) / "j.json"
        item = {"date": "2026-01-05", "time": "08:00", "title": title, "body": body}
        jrnl.write_text(json.dumps({"entries": [item]}), encoding="utf-8")
        ours = Path(folder) / "o.json"
        ours.write_text(json.dumps([{"date": "2026-01-05", "text": f"{title}\n{body}"}]))
        for path, fmt in ((jrnl, "jrnl"), (ours, "json")):
            for entry in read_entries(path, fmt, ()):
                assert entry.text == normalize(entry.text)


def test_an_imported_day_that_is_not_in_the_calendar_is_named_so(
    cli: Invoke, tmp_path: Path
) -> None:
    """'2026-02-30' has the shape asked for: the message says it is no day, not 'must be
    YYYY-MM-DD'."""
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"entries": [{"title": "x", "body": "", "date": "2026-02-30"}]}))
    said = cli("journal", "import", str(path), "--format", "jrnl")
    assert said.exit_code == 2
    assert "entry 1: 'date' is no day of the calendar '2026-02-30'" in said.output
