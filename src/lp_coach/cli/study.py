"""`lp-coach study`: run a guided session on one screen, full-screen or plain."""

# No `from __future__ import annotations`: Typer evaluates these annotations at start-up.
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from lp_coach.cli.options import NoScriptureOption, PlainOption, SecularOption
from lp_coach.cli.settings import SETTINGS

if TYPE_CHECKING:
    from collections.abc import Callable

    from lp_coach.room.live import Room
    from lp_coach.study.records import SessionRecord
    from lp_coach.study.service import ConfirmResume, Place
    from lp_coach.study.view import StudyFace


def study(
    principle: Annotated[
        str | None,
        typer.Argument(help="The principle to study (default: the next one in the plan)."),
    ] = None,
    group: Annotated[
        str | None,
        typer.Option(
            help='Who is here, comma-separated: --group "Ann,Ben,Cal" (default: the people of '
            "the group, see `lp-coach group`; none: solo)."
        ),
    ] = None,
    minutes: Annotated[
        int | None, typer.Option(help="Length of the session, 40 to 180 (default 60).")
    ] = None,
    leader: Annotated[bool, typer.Option("--leader", help="Show the leader notes.")] = False,
    no_scripture: NoScriptureOption = False,
    no_prayer: Annotated[
        bool, typer.Option("--no-prayer", help="Leave out opening prayer and prayer requests.")
    ] = False,
    no_warm_up: Annotated[
        bool,
        typer.Option(
            "--no-warm-up",
            help="A group: leave out the warm-up quiz on the principles studied before.",
        ),
    ] = False,
    secular: SecularOption = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the last unfinished session.")
    ] = False,
    session_id: Annotated[
        int | None,
        typer.Option("--session", metavar="ID", help="With --resume or --reopen: which session."),
    ] = None,
    reopen: Annotated[
        bool,
        typer.Option(
            "--reopen",
            help="Open a finished session again (the last, or: --reopen ID) to add what was "
            "forgotten; its notes are written again.",
        ),
    ] = False,
    plain: PlainOption = False,
    journal: Annotated[
        bool,
        typer.Option("--journal", help="Solo: keep your answers as journal entries at the end."),
    ] = False,
    room: Annotated[
        bool, typer.Option("--room", help="Let people join from their phones (same Wi-Fi).")
    ] = False,
    room_host: Annotated[
        str | None, typer.Option(metavar="ADDRESS", help="With --room: the address to serve on.")
    ] = None,
    room_port: Annotated[
        int | None,
        typer.Option(
            metavar="PORT", min=0, max=65535, help="With --room: the port (default 8765)."
        ),
    ] = None,
) -> None:
    """Run a guided study session; notes are written when it ends.

    Welcome and check-in, a group's warm-up quiz (3-5 cards from the principles it
    studied before, those the people present are closest to forgetting), opening, the
    principle, scripture, a story, questions with timers, a tension, action steps and
    closing.

    Example:  lp-coach study customer-obsession --group "Ann,Ben,Cal" --minutes 60

    With --room, phones on the same network join by a QR code on the screen (a resumed
    session's room comes back with the same code).
    """
    from lp_coach.errors import UsageError
    from lp_coach.study.service import StudyRequest, run_study

    if reopen and principle is not None:
        if not principle.isdigit():
            raise UsageError("--reopen takes a session's number: lp-coach study --reopen 3")
        session_id = int(principle)
        principle = None
    request = StudyRequest(
        principle=principle,
        group=group,
        minutes=minutes,
        leader=leader,
        scripture=not no_scripture,
        prayer=not no_prayer,
        secular=secular,
        resume=resume,
        reopen=reopen,
        session_id=session_id,
        journal=journal,
        room=room,
        room_host=room_host,
        room_port=room_port,
        in_group=SETTINGS.group,
        warm_up=not no_warm_up,
    )
    from lp_coach.room.service import open_room

    said: list[str] = []  # through a pipe, the word about an unfinished session waits until
    # the new one has really started (a command that fails says nothing of starting)
    face_for, resume_instead = _face_for(plain, said), _resume_instead(said)
    studied = run_study(request, face_for, resume_instead, SETTINGS.principles, open_room)
    if studied.notes_inside:
        print(
            f"Session {studied.session_id} finished. The store is encrypted, so its notes stay "
            f"inside it; write them as files with: lp-coach sessions show {studied.session_id} "
            "--write"
        )
    elif studied.finished:
        print(f"Session {studied.session_id} finished. Notes: {' and '.join(studied.notes)}")
        if studied.leader_notes:
            print(f"Leader's copy, with the private notes: {' and '.join(studied.leader_notes)}")
        if studied.journal:
            print("Your answers are in your journal: lp-coach journal list")
    else:
        print(studied.saved, file=sys.stderr)


def _resume_instead(said: list[str]) -> "ConfirmResume":
    """Say that a session is unfinished; on a terminal, ask whether to resume it instead.

    When another principle was named, the question names both and the default is No (start
    what was asked for). Through a pipe nothing is asked: the words go into `said`.
    """

    def confirm(waiting: "SessionRecord", where: "Place | None", named: str | None) -> bool:
        group = "; " + ", ".join(waiting.options.group) if waiting.options.group else ""
        about = (
            f"Session {waiting.id} ({waiting.principle_id}{group}) is unfinished"
            + (f", saved at {where}" if where else "")
            + "."
        )
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            said.append(
                f"{about} Starting a new session; continue it with: "
                f"lp-coach study --resume --session {waiting.id}"
            )
            return False
        question = (
            f"Resume {waiting.principle_id} instead of starting {named}? [y/N] "
            if named is not None
            else "Resume it instead? [Y/n] "
        )
        try:
            answer = input(f"{about} {question}").strip().lower()
        except EOFError:
            return False
        return answer in ("y", "yes") or (answer == "" and named is None)

    return confirm


def _face_for(plain: bool, said: list[str]) -> "Callable[[Room | None], StudyFace]":
    """What makes the face: full-screen on a terminal (unless --plain), else plain; what
    waited in `said` is said first."""

    def face_for(room: "Room | None") -> "StudyFace":
        for line in said:
            print(line, file=sys.stderr)
        if room is not None:
            print(f"Room open for phones on the same network: {room.url}", file=sys.stderr)
        if not plain and sys.stdin.isatty() and sys.stdout.isatty():
            from lp_coach.cli.faces.study_screen import ScreenFace

            return ScreenFace(room=room)
        from lp_coach.study.plain import PlainStudyFace

        return PlainStudyFace(sys.stdin, sys.stdout)

    return face_for
