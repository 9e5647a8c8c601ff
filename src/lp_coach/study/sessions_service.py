"""What the `sessions` commands ask of the core: the sessions held, and their notes."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

from lp_coach.errors import NotFound, UsageError
from lp_coach.study import store as session_store
from lp_coach.study.records import SessionRecord
from lp_coach.study.records import SessionStatus as SessionStatus  # the commands word it
from lp_coach.study.service import Place, progress
from lp_coach.study.writeup import notes_text, write_again


class Held(NamedTuple):
    """A session as listed: its record, and where it stands (None: its principle is gone)."""

    record: SessionRecord
    place: Place | None


class Listing(NamedTuple):
    """A group's sessions, and whether there are other groups (then its name is worth saying)."""

    group: str
    several: bool
    held: list[Held]


class Notes(NamedTuple):
    """A finished session's notes: their Markdown to print, or the files written again."""

    markdown: str | None
    files: tuple[Path, ...] = ()


def list_sessions(
    packs: Sequence[Path] = (), in_group: str | None = None, unreadable: list[str] | None = None
) -> Listing:
    """The sessions of the group `in_group` (None: the current one), oldest first, with
    where each stands; one that cannot be read is left out, and said in `unreadable`."""
    from lp_coach.groups import store
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        group = store.current(conn, in_group)
        several = store.several(conn)
        records = session_store.all_sessions(
            conn, group.id, [] if unreadable is None else unreadable
        )
        if not records:
            return Listing(group.name, several, [])
        from lp_coach.groups.context import group_library

        library = group_library(group, packs)
        return Listing(group.name, several, [Held(r, progress(conn, library, r)) for r in records])


def session_notes(
    session_id: int | None,
    last: bool,
    *,
    write: bool = False,
    packs: Sequence[Path] = (),
    in_group: str | None = None,
) -> Notes:
    """The notes of session `session_id` (or, `last`, of the group's latest finished one);
    with `write`, written again first and their files returned instead."""
    from lp_coach.groups import store
    from lp_coach.store.db import connect
    from lp_coach.store.engine import key_of

    if (session_id is None) == (not last):
        raise UsageError("give a session ID or --last (see `lp-coach sessions list`)")
    with closing(connect()) as conn:
        record = (
            session_store.latest(conn, SessionStatus.FINISHED, store.current(conn, in_group).id)
            if last
            else session_store.load(conn, session_id or 0)
        )
        if record is None:
            raise NotFound("no finished session yet")
        if write:
            from lp_coach.groups.context import group_library
            from lp_coach.study.notes import written_files

            library = group_library(store.by_id(conn, record.group_id), packs)
            markdown = write_again(conn, library, record)
            return Notes(None, tuple(written_files(Path(markdown))))
        if (
            record.notes_path is None
            and key_of(conn) is not None
            and record.status == SessionStatus.FINISHED
        ):
            from lp_coach.groups.context import group_library

            # an encrypted store keeps the notes inside it: shown, not written
            library = group_library(store.by_id(conn, record.group_id), packs)
            return Notes(notes_text(conn, library, record))
    if record.status != SessionStatus.FINISHED:
        raise UsageError(
            f"session {record.id} is not finished; continue it with "
            f"`lp-coach study --resume --session {record.id}`"
        )
    again = f"write them with `lp-coach sessions show {record.id} --write`"
    if record.notes_path is None:
        raise NotFound(f"session {record.id} is finished but its notes were not written; {again}")
    try:
        return Notes(Path(record.notes_path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise NotFound(f"{record.notes_path}: {exc.strerror}; {again}") from None


class Links(NamedTuple):
    """A session's room link, for everyone, and its leader page's link, for the leader alone."""

    session_id: int
    room: str
    leader: str
    finished: bool


def session_links(session_id: int | None) -> Links:
    """The links of session `session_id` (or of the latest one that opened a room), where its
    room was last served; NotFound when it never opened one."""
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        if session_id is not None:
            record = session_store.load(conn, session_id)
        else:
            found = [r for r in session_store.all_sessions(conn) if r.options.room_base]
            if not found:
                raise NotFound(
                    "no session has opened a room yet (start one with `lp-coach study --room`)"
                )
            record = found[-1]
    options = record.options
    if not (options.room and options.leader_code and options.room_base):
        raise NotFound(
            f"session {record.id} has no room links yet; they are made when its room opens "
            f"(`lp-coach study --resume --session {record.id} --room`)"
        )
    return Links(
        record.id,
        f"{options.room_base}/{options.room}",
        f"{options.room_base}/{options.leader_code}",
        record.status == SessionStatus.FINISHED,
    )
