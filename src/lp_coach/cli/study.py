"""`lp-coach study`: run a guided session on one screen, full-screen or plain."""

# No `from __future__ import annotations`: Typer evaluates these annotations at start-up.
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from lp_coach.cli.settings import SETTINGS

if TYPE_CHECKING:
    from sqlite3 import Connection

    from lp_coach.content.model import Library
    from lp_coach.room.live import Room
    from lp_coach.study.engine import Face
    from lp_coach.study.sessions import SessionRecord


def study(
    principle: Annotated[
        str | None,
        typer.Argument(help="The principle to study (default: the next one in the plan)."),
    ] = None,
    group: Annotated[
        str | None,
        typer.Option(help='The group, comma-separated: --group "Ann,Ben,Cal" (default: solo).'),
    ] = None,
    minutes: Annotated[
        int | None, typer.Option(help="Length of the session, 40 to 180 (default 60).")
    ] = None,
    leader: Annotated[bool, typer.Option("--leader", help="Show the leader notes.")] = False,
    no_scripture: Annotated[
        bool, typer.Option("--no-scripture", help="Leave out scripture readings.")
    ] = False,
    no_prayer: Annotated[
        bool, typer.Option("--no-prayer", help="Leave out opening prayer and prayer requests.")
    ] = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the last unfinished session.")
    ] = False,
    session_id: Annotated[
        int | None,
        typer.Option("--session", metavar="ID", help="With --resume: which session."),
    ] = None,
    plain: Annotated[
        bool, typer.Option("--plain", help="Plain prompts even on a terminal.")
    ] = False,
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
        int | None, typer.Option(metavar="PORT", help="With --room: the port (default 8765).")
    ] = None,
) -> None:
    """Run a guided study session; notes are written when it ends.

    Welcome and check-in, opening, the principle, scripture, a story, questions with
    timers, a tension, action steps and closing.

    Example:  lp-coach study customer-obsession --group "Ann,Ben,Cal" --minutes 60

    With --room, phones on the same network join by a QR code on the screen (a resumed
    session's room comes back with the same code).
    """
    from lp_coach.content.library import open_library
    from lp_coach.content.lookup import find_principle
    from lp_coach.errors import UsageError
    from lp_coach.store.db import connect
    from lp_coach.study import engine, service
    from lp_coach.study.sessions import Options

    if (room_host is not None or room_port is not None) and not (room or resume):
        raise UsageError("--room-host and --room-port go with --room")
    library = open_library(SETTINGS.principles)
    conn = connect()
    if not resume and session_id is None:
        waiting = service.unfinished(conn)
        if waiting is not None and _resume_instead(conn, library, waiting):
            resume, session_id, principle = True, waiting.id, None
    if resume:
        if principle is not None:
            raise UsageError("--resume continues a session; leave out the principle")
        given = {
            "--group": group is not None,
            "--minutes": minutes is not None,
            "--no-scripture": no_scripture,
            "--no-prayer": no_prayer,
            "--journal": journal,
        }  # what shapes the agenda: a resumed session keeps what it started with
        fixed = [name for name, there in given.items() if there]
        if fixed:
            which = service.resume(conn, library, session_id).record.id
            raise UsageError(
                f"--resume continues session {which} as it was started: leave out "
                f"{' and '.join(fixed)} (only --leader and --plain apply)"
            )
        session = service.resume(conn, library, session_id, leader=leader)
    else:
        if session_id is not None:
            raise UsageError("--session is only for --resume")
        if journal and group is not None:
            raise UsageError("--journal keeps a solo session's answers; leave out --group")
        if principle is None:
            from lp_coach.study.plan import next_principle

            chosen = next_principle(conn, library)
        else:
            chosen = find_principle(library, principle)
        options = Options(
            principle_id=chosen.id,
            minutes=60 if minutes is None else minutes,
            group=service.parse_group(group),
            leader=leader,
            scripture=not no_scripture,
            prayer=not no_prayer,
            journal=journal,
        )
        session = service.start(conn, library, options)

    room = room or bool(session.record.options.room)  # a resumed room comes back
    if (room_host is not None or room_port is not None) and not room:
        raise UsageError("--room-host and --room-port go with --room")
    live = None
    if room:
        from lp_coach.cli.study_room import open_room

        live = open_room(session, room_host, room_port)
    face = _face(plain, live)
    write_up = service.write_up if live is None else live.closing(service.write_up)
    try:
        outcome = engine.run(session, face, write_up)
    finally:
        face.close()  # before anything is printed, so it lands on the normal screen
        if live is not None:
            live.stop()
    if outcome.finished:
        _finished(outcome.session.id, outcome.notes_path or "")
        if outcome.session.options.journal:
            print("Your answers are in your journal: lp-coach journal list")
    else:
        print(engine.saved_line(session), file=sys.stderr)


def _resume_instead(conn: "Connection", library: "Library", waiting: "SessionRecord") -> bool:
    """Say that `waiting` is unfinished; on a terminal, ask whether to resume it instead."""
    from lp_coach.study import service

    group = "; " + ", ".join(waiting.options.group) if waiting.options.group else ""
    where = service.progress(conn, library, waiting)
    about = (
        f"Session {waiting.id} ({waiting.principle_id}{group}) is unfinished"
        + (f", saved at {where}" if where else "")
        + "."
    )
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(
            f"{about} Starting a new session; continue it with: "
            f"lp-coach study --resume --session {waiting.id}",
            file=sys.stderr,
        )
        return False
    try:
        answer = input(f"{about} Resume it instead? [Y/n] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("", "y", "yes")


def _finished(session_id: int, notes: str) -> None:
    """Where every file of the notes went."""
    from pathlib import Path

    from lp_coach.study.notes import LEADER_COPY, notes_files

    files = [str(f) for f in notes_files(Path(notes))] or [notes]
    group = [f for f in files if LEADER_COPY + "." not in f]
    leader = [f for f in files if LEADER_COPY + "." in f]
    print(f"Session {session_id} finished. Notes: {' and '.join(group)}")
    if leader:
        print(f"Leader's copy, with the private notes: {' and '.join(leader)}")


def _face(plain: bool, room: "Room | None" = None) -> "Face":
    face: Face
    if not plain and sys.stdin.isatty() and sys.stdout.isatty():
        from lp_coach.cli.faces.study_screen import ScreenFace

        face = ScreenFace(room=room)
    else:
        from lp_coach.study.plain import PlainFace

        face = PlainFace(sys.stdin, sys.stdout)
    if room is None:
        return face
    from lp_coach.cli.study_room import room_face

    return room_face(face, room)
