"""The session engine over a scripted interaction: saving, rotation, resume, notes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.store.db import connect
from lp_coach.study import engine, planning, runner, service, writeup
from lp_coach.study import store as session_store
from lp_coach.study.plain import PlainStudyFace
from lp_coach.study.records import Options, SessionStatus
from lp_coach.study.view import Reply, StudyFace, View


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
    return planning.start(
        connect(), library, Options(**{"principle_id": "customer-obsession", **options})
    )  # type: ignore[arg-type]


def run(session: engine.Session, face: StudyFace) -> runner.Outcome:
    return runner.run(session, face, writeup.write_up)


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
    actions = [
        e for e in session_store.entries(session.conn, session.record.id) if e.kind == "action"
    ]
    assert [(e.person, e.text) for e in actions] == [
        ("Ann", "Call my sister"),
        ("Dee", "Write the memo"),
    ]
    assert session.step.key == "actions"  # never left by itself: prayer requests come next
    assert session.person() is None
    run(session, Script(Reply("next")))
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
    outcome = run(session, PlainStudyFace(io.StringIO(typed + "\n"), out))
    assert not outcome.finished
    said = session_store.entries(session.conn, session.record.id)
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
    face = PlainStudyFace(io.StringIO("\n\nSomething I typed"), io.StringIO())
    outcome = run(session, face)
    assert not outcome.finished and face.ended
    assert session_store.load(session.conn, session.record.id).status is SessionStatus.IN_PROGRESS
    assert [e.text for e in session_store.entries(session.conn, session.record.id)] == [
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


# --- issue 13: who spoke, the check-in, private notes, follow-ups in the notes -----------


def answers(session: engine.Session) -> list[tuple[str | None, str]]:
    entries = session_store.entries(session.conn, session.record.id)
    return [(e.person, e.text) for e in entries if e.kind == "answer"]


def to(session: engine.Session, key: str) -> None:
    while session.step.key != key:
        session.apply(Reply("next"))


def test_a_leading_name_of_someone_present_is_the_speaker(library: Library) -> None:
    session = start(library, group=("Ann", "Ben", "Cal"))
    to(session, "discussion-1")
    first = session.person()
    other = next(p for p in ("Ann", "Ben", "Cal") if p != first)
    session.apply(Reply("answer", f"{other.lower()}:  agreed."))
    session.apply(Reply("answer", "Dee: not here, so this is what was said"))
    assert answers(session) == [
        (other, "agreed."),
        (
            session.people()[(session.people().index(other) + 1) % 3],
            "Dee: not here, so this is what was said",
        ),
    ]


def test_the_turn_moves_on_from_whoever_spoke(library: Library) -> None:
    session = start(library, group=("Ann", "Ben", "Cal"))
    to(session, "discussion-1")
    session.apply(Reply("answer", "first", speaker="Cal"))
    assert session.person() == "Ann"
    session.apply(Reply("pass"))  # Ann passes
    assert session.person() == "Ben"
    session.apply(Reply("answer", "Ben's say"))
    assert answers(session) == [("Cal", "first"), ("Ben", "Ben's say")]
    assert session.step.key == "discussion-1"  # passing never leaves the question


def test_on_action_steps_a_named_speaker_keeps_the_current_turn(library: Library) -> None:
    session = start(library, group=("Ann", "Ben"))
    to(session, "actions")
    session.apply(Reply("answer", "Ben: read the reviews"))
    assert session.person() == "Ann"  # Ann has not given hers yet
    session.apply(Reply("answer", "call a customer"))
    actions = [
        (e.person, e.text)
        for e in session_store.entries(session.conn, session.record.id)
        if e.kind == "action"
    ]
    assert actions == [("Ben", "read the reviews"), ("Ann", "call a customer")]


def finish_with_action(library: Library, group: tuple[str, ...], action: str) -> None:
    session = start(library, group=group)
    to(session, "actions")
    session.apply(Reply("answer", action))
    session_store.finish(session.conn, session.record.id, session.state, "notes.md")


def test_the_check_in_recalls_the_same_groups_last_session(library: Library) -> None:
    finish_with_action(library, ("Ann", "Ben"), "group action")
    finish_with_action(library, (), "my solo action")
    finish_with_action(library, ("Dee", "Eve"), "another group's action")
    session = start(library, group=("ben", "Ann"))
    to(session, "welcome")
    assert [e.text for e in session.view().previous_actions] == ["group action"]
    solo = start(library)
    to(solo, "welcome")
    assert [e.text for e in solo.view().previous_actions] == ["my solo action"]
    newcomers = start(library, group=("Zed",))
    to(newcomers, "welcome")
    assert newcomers.view().previous_actions == ()


def test_private_notes_stay_out_of_the_group_notes(library: Library) -> None:
    session = start(library, minutes=45, group=("Ann", "Ben"))
    to(session, "discussion-1")
    session.apply(Reply("answer", "public answer"))
    session.apply(Reply("note", "Ben seems worried", private=True))
    assert [e.text for e in session.view().said] == ["public answer"]  # not on the TV
    outcome = run(session, Script(*nxt(len(session.steps))))
    notes = Path(outcome.notes_path or "")
    group_copy = notes.read_text() + notes.with_suffix(".html").read_text()
    assert "public answer" in group_copy and "Ben seems worried" not in group_copy
    leader_md = notes.with_name(notes.stem + "-leader.md")
    leader_copy = leader_md.read_text()
    apart = leader_copy.split("## For the leader only")[1]
    assert re.search(
        r"\*\*\[for the leader only\]\*\* \*Private note, [^*]+:\* Ben seems worried", apart
    )
    assert leader_copy.count("Ben seems worried") == 1  # apart, not among what was said
    assert "Ben seems worried" in leader_md.with_suffix(".html").read_text()
    from lp_coach.study.notes import written_files

    assert written_files(notes) == [
        notes,
        notes.with_suffix(".html"),
        leader_md,
        leader_md.with_suffix(".html"),
    ]


def test_writing_the_notes_again_names_the_leaders_copy_too(library: Library) -> None:
    """`sessions show --write` says where every file went, as the end of a session does."""
    from lp_coach.study.sessions_service import session_notes

    session = start(library, minutes=45, group=("Ann", "Ben"))
    to(session, "discussion-1")
    session.apply(Reply("note", "Ben seems worried", private=True))
    outcome = run(session, Script(*nxt(len(session.steps))))
    notes = Path(outcome.notes_path or "")
    leader_md = notes.with_name(notes.stem + "-leader.md")
    again = session_notes(outcome.session.id, False, write=True)
    assert again.files == (
        notes,
        notes.with_suffix(".html"),
        leader_md,
        leader_md.with_suffix(".html"),
    )


def test_without_private_notes_there_is_no_leader_copy(library: Library) -> None:
    session = start(library, minutes=45)
    outcome = run(session, Script(*nxt(len(session.steps))))
    from lp_coach.study.notes import written_files

    notes = Path(outcome.notes_path or "")
    assert written_files(notes) == [notes, notes.with_suffix(".html")]


def test_notes_keep_typed_order_follow_ups_and_the_storys_questions(library: Library) -> None:
    session = start(library, minutes=45, group=("Ann", "Ben"))
    to(session, "example")
    story = session.step.segment.example
    assert story is not None and len(story.questions) > 1
    session.apply(Reply("answer", "what the story says to me"))
    to(session, "discussion-1")
    question = session.step.segment.question
    assert question is not None and question.follow_ups
    session.apply(Reply("answer", "first answer"))
    session.apply(Reply("note", "a note between"))
    session.apply(Reply("follow_up"))
    session.apply(Reply("answer", "second answer"))
    outcome = run(session, Script(*nxt(len(session.steps))))
    text = Path(outcome.notes_path or "").read_text()
    said = text.split(question.question, 1)[1]
    order = ["first answer", "*Note:* a note between", question.follow_ups[0], "second answer"]
    places = [said.index(piece) for piece in order]
    assert places == sorted(places), said[:600]
    assert question.follow_ups[1] not in text  # never shown
    for asked in story.questions:
        assert asked in text


def test_plain_face_picks_speakers_passes_and_keeps_private_notes(library: Library) -> None:
    session = start(library, minutes=45, group=("Ann", "Ben", "Cal"))
    to(session, "discussion-1")
    typed = "\n".join(
        [
            "/who 3",
            "Cal picked by number",
            "/who b",
            "Ben picked by initial",
            "/who Zed",  # nobody of that name: said so, asked again
            "/pass",
            "Ben: agreed.",
            "/note! speak to Cal after",
            "/quit",
        ]
    )
    out = io.StringIO()
    run(session, PlainStudyFace(io.StringIO(typed + "\n"), out))
    assert answers(session) == [
        ("Cal", "Cal picked by number"),
        ("Ben", "Ben picked by initial"),
        ("Ben", "agreed."),
    ]
    notes = [e for e in session_store.entries(session.conn, session.record.id) if e.kind == "note"]
    assert [(e.text, e.visibility) for e in notes] == [("speak to Cal after", "leader")]
    text = out.getvalue()
    assert "Cal > " in text and "Nobody called 'Zed' is here: 1 Ann · 2 Ben · 3 Cal" in text
    assert "Private note kept for the leader's copy." in text


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
    monkeypatch.setattr(Library, "get", get)
    session = start(library, minutes=45)
    assert built == looked_up == ["customer-obsession"]
    assert session.agenda.minutes == 45 and session.principle is session.agenda.principle
    built.clear()
    looked_up.clear()
    resumed = service.resume(session.conn, library, session.record.id)
    assert built == looked_up == ["customer-obsession"]
    assert [s.key for s in resumed.steps] == [s.key for s in session.steps]
