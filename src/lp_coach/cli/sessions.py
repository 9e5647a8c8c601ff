"""`lp-coach sessions`: the study sessions held, and their notes."""

# No `from __future__ import annotations`: Typer evaluates these annotations at start-up.
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from lp_coach.cli import output
from lp_coach.cli.options import JsonOption
from lp_coach.clock import shown, shown_minute

if TYPE_CHECKING:
    from lp_coach.study.service import Place
    from lp_coach.study.sessions_service import SessionStatus

app = typer.Typer(
    help="Study sessions held so far, and their notes.\n\nExample:  lp-coach sessions list",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("list")
def list_(as_json: JsonOption = False) -> None:
    """List the group's sessions, oldest first (--in GROUP: that group's).

    Example:  lp-coach sessions list --json
    Example:  lp-coach sessions list --in "Tuesday group"
    """
    from lp_coach.cli.settings import SETTINGS
    from lp_coach.study.sessions_service import list_sessions

    unreadable: list[str] = []
    listing = list_sessions(SETTINGS.principles, SETTINGS.group, unreadable)
    records = [h.record for h in listing.held]
    for problem in unreadable:
        print(f"lp-coach: warning: {problem}", file=sys.stderr)
    for record in records:
        if record.unknown:
            print(
                f"lp-coach: warning: session {record.id} holds settings a newer lp-coach "
                f"wrote ({', '.join(record.unknown)}); shown without them",
                file=sys.stderr,
            )
    where = {h.record.id: h.place for h in listing.held}
    if as_json:
        output.print_json(
            [
                {
                    "id": r.id,
                    "principle": r.principle_id,
                    "status": r.status.value,
                    "started": shown(r.started),
                    "finished": shown(r.finished) if r.finished else None,
                    "group": list(r.options.group),
                    "in": listing.group,
                    "minutes": r.options.minutes,
                    "notes": r.notes_path,
                    "step": step.number if (step := where[r.id]) else r.state.position + 1,
                    "steps": step.total if step else None,
                    "step_title": step.title if step else None,
                }
                for r in records
            ]
        )
        return
    if not records:
        among = f" in {listing.group}" if listing.several else ""
        print(f"No sessions{among} yet. Start one with: lp-coach study", file=sys.stderr)
        return
    rows = [
        [
            str(r.id),
            shown_minute(r.started),
            _said(r.status),
            _step(where[r.id], r.status),
            ", ".join(r.options.group) or "solo",
            r.principle_id,
        ]
        for r in records
    ]
    output.print_table(rows, ["ID", "STARTED", "STATUS", "STEP", "GROUP", "PRINCIPLE"])


def _said(status: "SessionStatus") -> str:
    """A session's status as the list words it."""
    from lp_coach.study.sessions_service import SessionStatus

    words = {SessionStatus.IN_PROGRESS: "in progress", SessionStatus.FINISHED: "finished"}
    return words[status]


def _step(step: "Place | None", status: "SessionStatus") -> str:
    """'4 of 15 · Opening prayer' for an unfinished session; '-' once finished."""
    from lp_coach.study.sessions_service import SessionStatus

    if status is SessionStatus.FINISHED:
        return "-"
    return f"{step.number} of {step.total} · {step.title}" if step else "?"


@app.command()
def show(
    session_id: Annotated[int | None, typer.Argument(metavar="[ID]", help="Session id.")] = None,
    last: Annotated[bool, typer.Option("--last", help="The latest finished session.")] = False,
    write: Annotated[
        bool,
        typer.Option(
            "--write", help="Write the notes again (.md and .html) and print where they are."
        ),
    ] = False,
) -> None:
    """Print a finished session's notes (Markdown), or write them again with --write.

    Example:  lp-coach sessions show --last
    Example:  lp-coach sessions show 3 --write
    """
    from lp_coach.cli.settings import SETTINGS
    from lp_coach.study.sessions_service import session_notes

    notes = session_notes(
        session_id, last, write=write, packs=SETTINGS.principles, in_group=SETTINGS.group
    )
    if notes.markdown is None:
        for path in notes.files:
            print(path)
        return
    sys.stdout.write(notes.markdown)


@app.command()
def links(
    session_id: Annotated[int | None, typer.Argument(metavar="[ID]", help="Session id.")] = None,
    last: Annotated[
        bool, typer.Option("--last", help="The latest session with a room (the default).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Print a session's room link and its leader page's link (keep the second to yourself).

    Example:  lp-coach sessions links --last
    Example:  lp-coach sessions links 3 --json
    """
    from lp_coach.errors import UsageError
    from lp_coach.study.sessions_service import session_links

    if session_id is not None and last:
        raise UsageError("give a session ID or --last, not both")
    found = session_links(session_id)
    if as_json:
        output.print_json({"room": found.room, "leader": found.leader})
    else:
        print(f"room:   {found.room}")
        print(f"leader: {found.leader}")
    if found.finished:
        print(f"Session {found.session_id} has finished: its room is closed.", file=sys.stderr)
