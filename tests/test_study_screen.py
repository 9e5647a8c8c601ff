"""The full-screen face without a terminal: its keys, its line editor and what it draws."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from lp_coach.cli.faces.study_keys import Keys, LineInput, answer_label, decode, replies
from lp_coach.cli.faces.study_layout import StudyScreen
from lp_coach.cli.faces.study_said import Window
from lp_coach.cli.faces.study_screen import ScreenFace
from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.store.db import connect
from lp_coach.study import planning
from lp_coach.study.engine import Session
from lp_coach.study.records import Options
from lp_coach.study.view import Reply, View, ends


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


def start(
    library: Library, *, group: tuple[str, ...] = ("Ann", "Ben"), leader: bool = False
) -> Session:
    options = Options("customer-obsession", minutes=60, group=group, leader=leader)
    return planning.start(connect(), library, options)


def at(session: Session, key: str) -> View:
    """Move the session on to the step `key` and return its view."""
    while session.step.key != key:
        session.apply(Reply("next"))
    return session.view()


def draw(
    view: View,
    seconds_left: float = 300,
    keys: Keys | None = None,
    size: tuple[int, int] = (100, 30),
) -> str:
    console = Console(file=io.StringIO(), width=size[0], height=size[1], color_system=None)
    console.print(StudyScreen(view, seconds_left, keys or Keys(view)))
    out = console.file.getvalue()
    assert isinstance(out, str)
    return out


def shows_clock(screen: str, digits: str, scale: int) -> bool:
    """Whether `screen` shows the countdown `digits` in big digits, line under line."""
    from lp_coach.cli.faces.big_clock import big_digits

    rows = screen.splitlines()
    big = big_digits(digits, scale)
    return any(
        all(big[n] in rows[start + n] for n in range(len(big)))
        for start in range(len(rows) - len(big) + 1)
    )


# --- keys ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "keys"),
    [
        ("\r", ["enter"]),
        ("\n", ["enter"]),
        ("\r\n", ["enter"]),
        ("\x1b[C\x1b[D\x1bOA\x1b[B", ["right", "left", "up", "down"]),
        ("\x1b[5~\x1b[6~", ["pageup", "pagedown"]),
        ("\x1b", ["esc"]),
        ("\x1b[1;5C", ["unknown"]),
        ("\x7f\x08", ["backspace", "backspace"]),
        ("Zoë ☕", ["Z", "o", "ë", " ", "☕"]),
        ("ab\x1b[Bc\r", ["a", "b", "down", "c", "enter"]),
    ],
)
def test_decode_splits_what_the_terminal_sends(sent: str, keys: list[str]) -> None:
    assert decode(sent) == keys


@pytest.mark.parametrize(
    ("keys", "reply"),
    [
        (["enter"], Reply("next")),
        (["n"], Reply("next")),
        (["right"], Reply("next")),
        (["b"], Reply("back")),
        (["left"], Reply("back")),
        (["s"], Reply("skip")),
        (["+"], Reply("extend")),
        (["q"], Reply("quit")),
        (["eof"], Reply("quit")),
        (["f"], Reply("follow_up")),
        (["a", *"She listened first", "enter"], Reply("answer", "She listened first")),
        (["o", *"ask Cal next week", "enter"], Reply("note", "ask Cal next week")),
        (["a", *"Zoë’s café ☕ 😀", "enter"], Reply("answer", "Zoë’s café ☕ 😀")),
        (["a", *"tirex", "backspace", "backspace", *"ed", "enter"], Reply("answer", "tired")),
        (["a", *"one two", "ctrl-w", *"three", "enter"], Reply("answer", "one three")),
        (["a", *"oops", "esc", "n"], Reply("next")),
        (["a", " ", "enter", "b"], Reply("back")),  # an empty line just closes the input
        (["a", "left", "q", "right", "n", "enter"], Reply("answer", "qn")),  # typing, not commands
        (["up", "down", "x", "s"], Reply("skip")),
    ],
)
def test_keys_make_replies(library: Library, keys: list[str], reply: Reply) -> None:
    view = at(start(library), "discussion-1")
    assert replies(view, keys) == reply


def test_typing_without_a_reply_makes_none(library: Library) -> None:
    view = at(start(library), "discussion-1")
    assert replies(view, ["a", *"half typed"]) is None


def test_backspace_takes_a_whole_accented_letter() -> None:
    line = LineInput("answer", "Ann says: ", "Zoe\u0301")
    line.press("backspace")
    assert line.text == "Zo"


def test_follow_up_when_none_are_left_says_so(library: Library) -> None:
    session = start(library)
    at(session, "discussion-1")
    for _ in range(5):
        session.apply(Reply("follow_up"))
    keys = Keys(session.view())
    assert keys.press("f") is None
    assert "No more follow-up" in keys.message


def test_an_unbound_key_says_how_to_type(library: Library) -> None:
    view = at(start(library), "discussion-1")
    keys = Keys(view)
    assert keys.press("x") is None
    assert keys.message == f"Press a to type what {view.person} says, o for a note."
    assert keys.press("down") is None and keys.message == ""


def test_on_a_reading_step_a_types_a_note(library: Library) -> None:
    view = at(start(library), "principle")
    assert replies(view, ["a", *"read twice", "enter"]) == Reply("note", "read twice")


def test_attendance_enter_is_everyone_and_a_types_names(library: Library) -> None:
    view = at(start(library), "attendance")
    assert replies(view, ["enter"]) == Reply("next")
    assert replies(view, ["a", *"Ann, Cal", "enter"]) == Reply("answer", "Ann, Cal")
    assert answer_label(view) == "Who is here? "


def test_a_roll_call_with_what_is_no_name_stays_open_and_says_why(library: Library) -> None:
    view = at(start(library), "attendance")
    keys = Keys(view)
    assert [keys.press(k) for k in ["a", *"Ann: fine", "enter"]] == [None] * 11
    assert keys.input is not None and keys.input.text == "Ann: fine"  # to be put right
    assert keys.message == '"Ann: fine" is not a name: type names only (a name has no ":")'
    assert draw(view, keys=keys).count("is not a name") == 1  # shown under the line typed
    assert [keys.press(k) for k in ["ctrl-u", *"Ann", "enter"]][-1] == Reply("answer", "Ann")


def test_prompts_name_whose_turn_it_is(library: Library) -> None:
    session = start(library)
    discussion = at(session, "discussion-1")
    assert answer_label(discussion) == f"{discussion.person} says: "
    actions = at(session, "actions")
    assert answer_label(actions) == "Ann, your action step: "
    session.apply(Reply("answer", "call a customer"))
    assert answer_label(session.view()) == "Ben, your action step: "
    closing = at(session, "closing")
    assert answer_label(closing) == f"{closing.person}'s prayer request: "


def test_solo_prompts_have_no_name(library: Library) -> None:
    session = start(library, group=())
    assert answer_label(at(session, "discussion-1")) == "Your answer: "
    assert answer_label(at(session, "actions")) == "Your action step: "


def test_the_face_knows_when_the_engine_will_stop(library: Library) -> None:
    session = start(library)
    assert ends(session.view(), Reply("quit"))
    assert not ends(session.view(), Reply("next"))
    closing = at(session, "closing")
    assert closing.person == "Ann" and not ends(closing, Reply("next"))  # Enter passes to Ben
    session.apply(Reply("next"))
    assert session.view().person == "Ben" and ends(session.view(), Reply("next"))
    assert not ends(session.view(), Reply("answer", "pray for rain"))


# --- drawing ---------------------------------------------------------------------------


def test_screen_shows_segment_step_time_and_turn(library: Library) -> None:
    session = start(library)
    view = at(session, "discussion-1")
    screen = draw(view, seconds_left=7 * 60 + 5)
    assert "Customer Obsession" in screen
    assert "Question 1" in screen and f"step {view.index + 1} of {view.total}" in screen
    assert view.step.segment.question is not None
    assert view.step.segment.question.question[:40] in screen
    assert shows_clock(screen, "07:05", scale=1) and f"left of {view.minutes} min" in screen
    assert f"{view.person}'s turn to speak" in screen
    following = session.steps[view.index + 1].segment.title
    assert following.startswith("Question ") and f"next: {following}" in screen
    assert "f  follow-up" in screen and "q  quit" in screen


def test_screen_lists_what_was_said(library: Library) -> None:
    session = start(library)
    at(session, "discussion-1")
    first = session.person()
    session.apply(Reply("answer", "Work backwards from the patient"))
    session.apply(Reply("note", "come back to this"))
    view = session.view()
    screen = " ".join(draw(view).split())
    assert f"{first}: Work backwards from the patient" in screen
    assert "Note: come back to this" in screen
    assert f"{view.person}'s turn to speak" in screen and view.person != first


def test_leader_notes_only_for_the_leader(library: Library) -> None:
    assert "Leader notes:" not in draw(at(start(library), "discussion-1"))
    assert "Leader notes:" in draw(at(start(library, leader=True), "discussion-1"))
    assert "Leader notes:" in draw(at(start(library, leader=True), "scripture-1"))


def test_follow_ups_appear_as_revealed(library: Library) -> None:
    session = start(library)
    view = at(session, "discussion-1")
    assert view.step.segment.question is not None
    first = view.step.segment.question.follow_ups[0]
    assert "Follow-up:" not in draw(view)
    session.apply(Reply("follow_up"))
    assert first[:30] in draw(session.view())


def test_times_up_is_calm_and_offers_more(library: Library) -> None:
    screen = draw(at(start(library), "principle"), seconds_left=-3)
    assert "time's up — + to extend" in screen
    assert "left" not in screen.split("time's up")[0].splitlines()[-1]


def test_attendance_shows_the_group(library: Library) -> None:
    screen = draw(at(start(library, group=("Ann", "Ben", "Cal")), "attendance"))
    assert "In the group: Ann, Ben, Cal" in screen
    assert "Enter  all here" in screen and "Said" not in screen


def test_welcome_recalls_last_sessions_action_steps(library: Library) -> None:
    first = start(library)
    at(first, "actions")
    first.apply(Reply("answer", "phone a customer"))
    from lp_coach.study import store as session_store

    session_store.finish(first.conn, first.record.id, first.state, "notes.md")
    second = start(library)
    screen = draw(at(second, "welcome"))
    assert "Ann: phone a customer" in screen and "how did they go?" in screen


def test_open_input_replaces_the_key_help(library: Library) -> None:
    view = at(start(library), "actions")
    keys = Keys(view)
    for key in ["a", *"Zoë’s café"]:
        keys.press(key)
    screen = draw(view, keys=keys)
    assert "Ann, your action step: Zoë’s café" in screen
    assert "Esc cancel" in screen and "q  quit" not in screen


def test_a_long_story_fits_80_by_24_and_scrolls(library: Library) -> None:
    view = at(start(library), "example")
    screen = draw(view, size=(80, 24))
    lines = screen.splitlines()
    assert len(lines) == 24
    assert "Story: Telling" in lines[0] and shows_clock(screen, "05:00", scale=0)
    assert "more lines (↓ to scroll)" in screen and "↑↓  scroll" in "".join(lines[-4:])
    keys = Keys(view)
    for _ in range(50):
        keys.press("pagedown")
    scrolled = draw(view, keys=keys, size=(80, 24))
    assert "more lines above" in scrolled and "to scroll)" not in scrolled
    assert view.step.segment.example is not None
    assert view.step.segment.example.questions[-1][-20:] in scrolled.replace("\n", " ")


def test_window_keeps_the_end_when_asked() -> None:
    console = Console(file=io.StringIO(), width=30, height=3, color_system=None)
    console.print(Window("\n".join(f"line {n}" for n in range(10)), tail=True))
    out = console.file.getvalue()
    assert isinstance(out, str)
    assert out.splitlines() == ["… 8 more lines above", "line 8", "line 9"]


# --- the face, with keys from a script and a clock that only moves when told -------------


class Script:
    """A KeyReader that hands out batches of keys; a number instead waits that long."""

    def __init__(self, *batches: list[str] | float) -> None:
        self.batches = list(batches)
        self.time = 0.0
        self.closed = 0

    def start(self) -> None:
        pass

    def read(self, timeout: float) -> list[str]:
        batch = self.batches.pop(0)
        if isinstance(batch, list):
            return batch
        self.time += batch
        return []

    def close(self) -> None:
        self.closed += 1

    def now(self) -> float:
        return self.time


def face_with(script: Script) -> tuple[ScreenFace, io.StringIO]:
    out = io.StringIO()
    console = Console(file=out, width=100, height=30, color_system=None, force_terminal=True)
    return ScreenFace(console, script, now=script.now), out


def test_keys_typed_ahead_carry_over_to_the_next_step(library: Library) -> None:
    session = start(library)
    view = at(session, "discussion-1")
    script = Script(["a", *"yes", "enter", "n"])
    face, _ = face_with(script)
    assert face.show(view) == Reply("answer", "yes")
    assert face.show(view) == Reply("next")


def test_one_bell_when_time_runs_out_and_again_after_extending(library: Library) -> None:
    session = start(library)
    at(session, "principle")
    script = Script(60.0, 61.0, 30.0, ["+"], 119.0, 2.0, 30.0, ["q"])
    face, out = face_with(script)
    assert face.show(session.view()) == Reply("extend")
    session.apply(Reply("extend"))
    assert session.view().minutes == 4
    assert face.show(session.view()) == Reply("quit")
    assert out.getvalue().count("\a") == 2
    assert script.closed == 1  # quitting gives the terminal back at once


def test_going_back_to_a_step_whose_time_ran_out_does_not_ring(library: Library) -> None:
    session = start(library)
    principle = at(session, "principle")  # two minutes
    script = Script(["n"], 200.0, ["b"], 1.0, ["q"])
    face, out = face_with(script)
    assert face.show(principle) == Reply("next")
    assert face.show(at(session, "discussion-1")) == Reply("back")
    while session.step.key != "principle":
        session.apply(Reply("back"))
    assert face.show(session.view()) == Reply("quit")
    assert "time's up" in out.getvalue()
    assert "\a" not in out.getvalue()


def test_ctrl_c_restores_the_terminal_and_propagates(library: Library) -> None:
    class Interrupted(Script):
        def read(self, timeout: float) -> list[str]:
            raise KeyboardInterrupt

    script = Interrupted()
    face, _ = face_with(script)
    with pytest.raises(KeyboardInterrupt):
        face.show(start(library).view())
    assert script.closed == 1
    face.close()  # safe to call again from the command's `finally`


# --- issue 13 ----------------------------------------------------------------------------


def frugality(library: Library, group: tuple[str, ...] = ("Ann", "Ben")) -> Session:
    return planning.start(connect(), library, Options("frugality", group=group))


ANSWER_105 = (
    "We stopped printing the weekly report and nobody missed it; the money went to the "
    "team's training budget."
)


def test_a_105_character_answer_is_visible_at_120_by_35(library: Library) -> None:
    assert len(ANSWER_105) == 105
    session = frugality(library)
    at(session, "welcome")
    session.apply(Reply("answer", ANSWER_105))
    screen = draw(session.view(), size=(120, 35))
    flat = " ".join(" ".join(line.strip(" │").split()) for line in screen.splitlines())
    assert ANSWER_105 in flat, screen
    assert "more lines above" not in screen


@pytest.mark.parametrize(
    ("keys", "reply"),
    [
        (["2", *"hi", "enter"], Reply("answer", "hi", speaker="Ben")),
        (["w", "a", *"yes", "enter"], Reply("answer", "yes", speaker="Ann")),
        (["w", "2", "enter"], None),  # picked, then nothing typed: the line just closes
        (["9", "w", "z", "n"], Reply("next")),
        (["p"], Reply("pass")),
        (["O", *"speak to Ben after", "enter"], Reply("note", "speak to Ben after", private=True)),
    ],
)
def test_keys_pick_the_speaker_pass_and_keep_private_notes(
    library: Library, keys: list[str], reply: Reply | None
) -> None:
    view = at(frugality(library), "discussion-1")
    assert replies(view, keys) == reply


def test_picking_says_who_can_be_picked(library: Library) -> None:
    session = frugality(library)
    keys = Keys(at(session, "discussion-1"))
    keys.press("9")
    assert keys.message == "Pick who speaks: 1 Ann · 2 Ben"
    keys.press("w")
    assert keys.message == "Who speaks? 1 Ann · 2 Ben (number or initial; Esc cancel)"
    keys.press("2")
    assert keys.input is not None and keys.input.label == "Ben says: "
    reading = Keys(at(frugality(library), "principle"))
    reading.press("1")
    assert reading.message == "Nobody takes turns on this step." and reading.input is None


def test_the_key_help_shows_who_pass_and_private(library: Library) -> None:
    screen = draw(at(frugality(library, ("Ann", "Ben", "Cal")), "discussion-1"), size=(120, 35))
    assert "1-3  who" in screen and "p  pass" in screen and "O  private note" in screen


def test_a_private_note_is_acknowledged_and_never_shown(library: Library) -> None:
    session = frugality(library)
    view = at(session, "discussion-1")
    script = Script(["O", *"Ben is struggling", "enter"], ["q"])
    face, out = face_with(script)
    reply = face.show(view)
    assert reply == Reply("note", "Ben is struggling", private=True)
    session.apply(reply)
    assert face.show(session.view()) == Reply("quit")
    last = out.getvalue().rsplit("step ", 1)[1]
    assert "Private note kept for the leader's copy." in last
    assert "Ben is struggling" not in last


SIZES = [(60, 20, 0), (120, 35, 1), (300, 80, 2)]


@pytest.mark.parametrize(("width", "height", "scale"), SIZES)
def test_question_on_top_said_beneath_and_a_big_clock(
    library: Library, width: int, height: int, scale: int
) -> None:
    session = frugality(library, ("Ann", "Ben", "Cal"))
    view = at(session, "discussion-1")
    assert view.step.segment.question is not None
    question = view.step.segment.question.question
    for n in range(2):
        session.apply(Reply("answer", f"answer {n}: {ANSWER_105}"))
    screen = draw(session.view(), seconds_left=9 * 60 + 41, size=(width, height))
    rows = screen.splitlines()
    assert len(rows) == height
    top = next(n for n, row in enumerate(rows) if question[:20] in row)
    said = next(n for n, row in enumerate(rows) if "Said" in row)
    assert top <= 5 and top < said <= top + 8  # the question first, what was said right under
    assert "answer 1:" in screen  # the newest is always in sight
    assert shows_clock(screen, "09:41", scale)


def test_what_was_said_grows_into_the_free_space(library: Library) -> None:
    session = frugality(library, ("Ann", "Ben", "Cal"))
    at(session, "discussion-1")
    for n in range(8):
        session.apply(Reply("answer", f"answer number {n}: {ANSWER_105}"))
    screen = draw(session.view(), size=(120, 35))
    assert all(f"answer number {n}:" in screen for n in range(8)), screen
    assert "said before" not in screen


def test_wrapped_status_lines_indent_under_themselves_at_60_columns(library: Library) -> None:
    session = frugality(library, ("Annabel", "Benedict", "Caroline"))
    rows = draw(at(session, "discussion-1"), size=(60, 20)).splitlines()
    rule = max(n for n, row in enumerate(rows) if row.startswith("────"))
    footer = [row for row in rows[rule + 1 :] if row.strip()]
    wrapped = [row for row in footer if row.lstrip().startswith("next:")]
    assert wrapped and wrapped[0].index("next:") == 1  # under the turn's label, not at column 0
    assert all(row[0] == " " for row in footer)


def test_every_step_keeps_its_keys_and_clock_in_sight_at_60_by_20(library: Library) -> None:
    options = Options("frugality", group=("Ann", "Ben", "Cal"), leader=True)
    session = planning.start(connect(), library, options)
    while not session.done:
        screen = draw(session.view(), seconds_left=65, size=(60, 20))
        assert "q  quit" in screen and shows_clock(screen, "01:05", 0), screen
        session.apply(Reply("next"))
