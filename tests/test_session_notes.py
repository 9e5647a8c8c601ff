"""The notes read well: anonymous words labelled, empty steps left out, the check-in asked as on
the screen, people's words escaped in Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.store.db import connect
from lp_coach.study import engine, planning, records, runner, writeup
from lp_coach.study import store as session_store
from lp_coach.study.readout import readout
from lp_coach.study.records import ANONYMOUS, Options
from lp_coach.study.view import Reply


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


class Nexts:
    def show(self, view: engine.View) -> Reply:
        return Reply("next")

    def close(self) -> None:
        pass


def finished_notes(library: Library, said: list[tuple[str, str, str | None, str]]) -> str:
    """A group session where only `said` was said (step, kind, person, text; a person of
    'anon:NAME' sent it anonymously from a phone), run to its end; its Markdown notes."""
    options = Options("customer-obsession", minutes=45, group=("Ann", "Ben"))
    session = planning.start(connect(), library, options)
    for step, kind, person, text in said:
        anonymous = person is not None and person.startswith("anon:")
        session_store.add_entry(
            session.conn,
            session.record.id,
            step,
            kind,
            person.removeprefix("anon:") if person else None,
            text,
            None,
            visibility=ANONYMOUS if anonymous else records.GROUP,
            source="room:abcdefghijklmnop",
        )
    outcome = runner.run(session, Nexts(), writeup.write_up)
    return Path(outcome.notes_path or "").read_text()


def test_anonymous_words_are_labelled_as_such(library: Library) -> None:
    notes = finished_notes(
        library,
        [
            ("welcome", "answer", "anon:Ben", "a hard week"),
            ("actions", "action", "anon:Ann", "pray daily"),
            ("closing", "prayer", "anon:Ben", "for my brother"),
        ],
    )
    for text in ("a hard week", "pray daily", "for my brother"):
        assert f"- **Anonymous:** {text}" in notes
    assert "Ben" not in notes.split("**Present:**")[1].split("\n", 1)[1]


def test_a_step_where_nothing_was_said_prints_nothing(library: Library) -> None:
    notes = finished_notes(library, [("discussion-1", "answer", "Ann", "we listen")])
    assert "nothing recorded" not in notes
    assert notes.count("\n### ") == 1 and "we listen" in notes


def test_the_check_in_reads_the_same_on_screen_and_in_the_notes(library: Library) -> None:
    options = Options("customer-obsession", minutes=45, group=("Ann", "Ben"))
    session = planning.start(connect(), library, options)
    session.apply(Reply("next"))
    asked = [line.text for line in readout(session.view()) if line.role == "key"]
    notes = finished_notes(library, [("welcome", "answer", "Ann", "a quiet week")])
    assert asked and f"*{asked[-1]}*" in notes


def test_peoples_words_are_escaped_in_the_markdown_notes(library: Library) -> None:
    notes = finished_notes(
        library,
        [
            ("welcome", "answer", "Ann", "<script>alert(1)</script>Mallory"),
            ("discussion-1", "answer", "Ben", "# shouting *bold* [link](http://x)"),
        ],
    )
    assert "<script>" not in notes
    assert r"\<script\>alert(1)\</script\>Mallory" in notes
    assert r"\# shouting \*bold\* \[link\](http://x)" in notes


def test_a_session_where_nothing_was_said_has_no_empty_heading(library: Library) -> None:
    notes = finished_notes(library, [])
    assert "## What was said" not in notes and "nothing recorded" not in notes
    assert "## Action steps" in notes  # still listed: "(none recorded)" says none were chosen
