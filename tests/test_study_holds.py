"""Nothing acknowledged and then lost: a held write lock, a private note, a kill in the write-up."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest
from conftest import Invoke

from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.store.db import connect
from lp_coach.study import engine, planning, runner, writeup
from lp_coach.study import store as session_store
from lp_coach.study.notes import notes_dir
from lp_coach.study.plain import PRIVATE, PlainStudyFace
from lp_coach.study.records import LEADER, Options
from lp_coach.study.view import Reply, View


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


def start(library: Library, **options: object) -> engine.Session:
    chosen: dict[str, object] = {"principle_id": "customer-obsession", "minutes": 45, **options}
    return planning.start(connect(), library, Options(**chosen))  # type: ignore[arg-type]


def to(session: engine.Session, key: str) -> None:
    session.state.position = [s.key for s in session.steps].index(key)
    session_store.save_state(session.conn, session.record.id, session.state)


def hold_the_lock(seconds: float) -> threading.Thread:
    """Another command holding the write lock for `seconds` (as a long import does)."""
    holding = threading.Event()

    def hold() -> None:
        other = connect()
        other.execute("BEGIN IMMEDIATE")
        holding.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    thread = threading.Thread(target=hold)
    thread.start()
    holding.wait()
    return thread


def test_a_live_session_waits_for_a_lock_held_past_the_timeout(library: Library) -> None:
    session = start(library, group=("Ann", "Ben"))
    to(session, "discussion-1")
    session.conn.execute("PRAGMA busy_timeout = 100")  # SQLite alone gives up after 0.1 s
    holder = hold_the_lock(0.6)
    try:
        assert session.apply(Reply("answer", "Typed while another command wrote"))
    finally:
        holder.join()
    said = [e.text for e in session_store.entries(session.conn, session.record.id)]
    assert said == ["Typed while another command wrote"]


class Watching(io.StringIO):
    """stdout that notes, when the private-note notice is printed, whether the note is stored."""

    def __init__(self, session: engine.Session) -> None:
        super().__init__()
        self.session = session
        self.stored_when_said: list[bool] = []

    def write(self, text: str) -> int:
        if PRIVATE in text:
            notes = session_store.entries(self.session.conn, self.session.record.id)
            self.stored_when_said.append(any(e.visibility == LEADER for e in notes))
        return super().write(text)


def test_plain_mode_says_a_private_note_is_kept_only_once_it_is(library: Library) -> None:
    session = start(library, group=("Ann", "Ben"))
    to(session, "discussion-1")
    out = Watching(session)
    runner.run(session, PlainStudyFace(io.StringIO("/note! speak to Ben after\n/quit\n"), out), str)
    assert out.stored_when_said == [True]


class KilledInWriteUp(Exception):
    """A kill during the write-up, after the first file was written."""


def finished_without_notes(library: Library) -> engine.Session:
    """A session whose write-up was killed once the Markdown notes were written."""
    session = start(library)

    def killed(s: engine.Session) -> str:
        path = writeup.write_up(s)
        Path(path).with_suffix(".html").unlink()  # the HTML was never written
        raise KilledInWriteUp

    class Through:
        def show(self, view: View) -> Reply:
            return Reply("next")

        def close(self) -> None:
            pass

    with pytest.raises(KilledInWriteUp):
        runner.run(session, Through(), killed)
    return session


def test_resume_after_a_kill_in_the_write_up_says_how_to_write_the_notes(
    library: Library, cli: Invoke
) -> None:
    session = finished_without_notes(library)
    result = cli("study", "--resume", "--plain")
    assert result.exit_code != 0
    number = session.record.id
    assert f"session {number} finished but its notes were not written" in result.stderr
    assert f"lp-coach sessions show {number} --write" in result.stderr


def test_writing_the_notes_again_makes_no_second_set(library: Library, cli: Invoke) -> None:
    session = finished_without_notes(library)
    result = cli("sessions", "show", str(session.record.id), "--write")
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in notes_dir().iterdir())
    assert len(written) == 2, written
    assert not any(name.endswith(f"-{session.record.id}.md") for name in written)
    assert "no unfinished session to resume (start one" in cli("study", "--resume").stderr
