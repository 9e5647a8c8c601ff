"""The session engine over a scripted interaction: saving, rotation, resume, notes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.store.db import connect
from lp_coach.study import engine, service, sessions
from lp_coach.study.engine import Reply, View
from lp_coach.study.plain import PlainFace
from lp_coach.study.sessions import Options


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


class Script:
    """A face that plays back replies and records every view it was shown."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.views: list[View] = []

    def show(self, view: View) -> Reply:
        self.views.append(view)
        return self.replies.pop(0) if self.replies else Reply("quit")

    def close(self) -> None:
        pass


def nxt(n: int = 1) -> list[Reply]:
    return [Reply("next")] * n


def start(library: Library, **options: object) -> engine.Session:
    return service.start(
        connect(), library, Options(**{"principle_id": "customer-obsession", **options})
    )  # type: ignore[arg-type]


def run(session: engine.Session, face: engine.Face) -> engine.Outcome:
    return engine.run(session, face, service.write_up)


def test_solo_session_to_the_end_writes_notes(library: Library) -> None:
    session = start(library, minutes=45)
    total = len(session.steps)
    face = Script(*nxt(7), Reply("answer", "Serve the person in front of me"), *nxt(total))
    outcome = run(session, face)
    assert outcome.finished and outcome.notes_path
    notes = Path(outcome.notes_path).read_text()
    assert "Serve the person in front of me" in notes
    assert "**Studied alone.**" in notes
    assert Path(outcome.notes_path).with_suffix(".html").exists()
    assert all(v.person is None for v in face.views)


def test_group_rotation_attendance_and_per_person_actions(library: Library) -> None:
    session = start(library, minutes=45, group=("Ann", "Ben", "Cal"))
    steps = [s.key for s in session.steps]
    face = Script(Reply("answer", "Ann, Cal, Dee"))
    run(session, face)
    assert session.state.attendees == ["Ann", "Cal", "Dee"]
    assert session.state.position == steps.index("welcome")
    # rotate who answers first from one question to the next
    firsts = []
    for key in ("discussion-1", "discussion-2"):
        session.state.position = steps.index(key)
        firsts.append(session.view().person)
    assert firsts[0] != firsts[1]
    # action steps ask each person in turn, then move on
    session.state.position = steps.index("actions")
    session.state.turn = 0
    face = Script(
        Reply("answer", "Call my sister"), Reply("next"), Reply("answer", "Write the memo")
    )
    run(session, face)
    assert [v.person for v in face.views[:3]] == ["Ann", "Cal", "Dee"]
    actions = [e for e in sessions.entries(session.conn, session.record.id) if e.kind == "action"]
    assert [(e.person, e.text) for e in actions] == [
        ("Ann", "Call my sister"),
        ("Dee", "Write the memo"),
    ]
    assert session.step.key == "closing"


def test_every_reply_is_saved_before_the_next_and_resume_continues(library: Library) -> None:
    session = start(library, minutes=60, group=("Ann", "Ben"))
    steps = [s.key for s in session.steps]
    to_q1 = steps.index("discussion-1")
    face = Script(
        *nxt(to_q1),
        Reply("answer", "Ann's first answer"),
        Reply("note", "quiet agreement"),
        Reply("follow_up"),
        Reply("extend"),
        Reply("answer", "Ben's reply"),
    )
    outcome = run(session, face)  # the script runs out: the face quits mid-question
    assert not outcome.finished
    # a brand-new connection and engine see exactly the same place and everything said
    resumed = service.resume(connect(), library, None)
    assert resumed.record.id == session.record.id
    view = resumed.view()
    assert view.step.key == "discussion-1"
    assert [(e.person, e.text) for e in view.said] == [
        ("Ann", "Ann's first answer"),
        (None, "quiet agreement"),
        ("Ben", "Ben's reply"),
    ]
    assert len(view.follow_ups) == 1
    assert view.minutes == resumed.step.minutes + engine.EXTEND_MINUTES
    assert view.person == "Ann"  # Ben answered last; the turn rotated on


def test_back_and_skip(library: Library) -> None:
    session = start(library, minutes=90)
    first_scripture = [s.key for s in session.steps].index("scripture-1")
    face = Script(*nxt(first_scripture), Reply("skip"))
    run(session, face)
    assert session.step.kind == "example"  # skipped every passage of the scripture segment
    face = Script(Reply("back"), Reply("back"))
    run(session, face)
    assert session.step.kind == "scripture"


def test_resume_with_nothing_unfinished(library: Library) -> None:
    from lp_coach.errors import NotFound

    with pytest.raises(NotFound, match="no unfinished session"):
        service.resume(connect(), library, None)


def test_plain_face_reads_lines_and_commands(library: Library) -> None:
    session = start(library, minutes=45, group=("Ann", "Ben"))
    typed = "\n".join(
        [
            "",  # everyone present
            "Glad to be here",  # Ann's check-in
            "/bogus",  # unknown: help, asked again
            "/note Ben arrived late",
            "/quit",
        ]
    )
    out = io.StringIO()
    outcome = run(session, PlainFace(io.StringIO(typed + "\n"), out))
    assert not outcome.finished
    said = sessions.entries(session.conn, session.record.id)
    assert [(e.kind, e.person, e.text) for e in said] == [
        ("attendance", "Ann", "present"),
        ("attendance", "Ben", "present"),
        ("answer", "Ann", "Glad to be here"),
        ("note", None, "Ben arrived late"),
    ]
    text = out.getvalue()
    assert "Who is here?" in text and "Ben > " in text
    assert "/note TEXT" in text  # help shown after the unknown command


def test_plain_face_end_of_input_stops_cleanly(library: Library) -> None:
    session = start(library, minutes=45)
    face = PlainFace(io.StringIO("\n\nSomething I typed"), io.StringIO())
    outcome = run(session, face)
    assert not outcome.finished and face.ended
    assert sessions.load(session.conn, session.record.id).status == "in_progress"
    assert [e.text for e in sessions.entries(session.conn, session.record.id)] == [
        "Something I typed"
    ]


def test_a_users_template_overrides_the_notes(library: Library, isolated_home: Path) -> None:
    templates = isolated_home / "templates"
    templates.mkdir(parents=True)
    (templates / "session-notes.md.j2").write_text("Custom notes for {{ principle.title }}\n")
    session = start(library, minutes=45)
    outcome = run(session, Script(*nxt(len(session.steps))))
    assert Path(outcome.notes_path or "").read_text() == "Custom notes for Customer Obsession\n"


def test_html_notes_escape_what_was_typed(library: Library) -> None:
    session = start(library, minutes=45)
    steps = [s.key for s in session.steps]
    face = Script(
        *nxt(steps.index("discussion-1")),
        Reply("answer", "<script>alert(1)</script> & more"),
        *nxt(len(steps)),
    )
    outcome = run(session, face)
    html = Path(outcome.notes_path or "").with_suffix(".html").read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


def test_start_looks_the_principle_up_once_and_builds_the_agenda_once(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lp_coach.study import agenda

    built: list[str] = []
    looked_up: list[str] = []
    real_build, real_get = agenda.build_agenda, Library.get

    def build(principle, *args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(principle.id)
        return real_build(principle, *args, **kwargs)

    def get(self: Library, principle_id: str):  # type: ignore[no-untyped-def]
        looked_up.append(principle_id)
        return real_get(self, principle_id)

    monkeypatch.setattr(agenda, "build_agenda", build)
    monkeypatch.setattr(engine, "build_agenda", build)
    monkeypatch.setattr(Library, "get", get)
    session = start(library, minutes=45)
    assert built == looked_up == ["customer-obsession"]
    assert session.agenda.minutes == 45 and session.principle is session.agenda.principle
    built.clear()
    looked_up.clear()
    resumed = service.resume(session.conn, library, session.record.id)
    assert built == looked_up == ["customer-obsession"]
    assert [s.key for s in resumed.steps] == [s.key for s in session.steps]
