"""The session records: options, state, entries and sessions, and their JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any, NamedTuple

GROUP, ANONYMOUS, LEADER = "group", "anonymous", "leader"
"""Who may see an entry: everyone (attributed), everyone (no name), the leader only."""


class SessionStatus(Enum):
    """Where a session stands, stored as its value; `lp-coach sessions list` words it."""

    IN_PROGRESS = "in_progress"
    FINISHED = "finished"


@dataclass(frozen=True)
class Options:
    """How a session was asked for; enough to rebuild its agenda on --resume."""

    principle_id: str
    minutes: int = 60
    group: tuple[str, ...] = ()
    leader: bool = False
    scripture: bool = True
    prayer: bool = True
    secular: bool = False
    """No scripture, prayer or item that assumes faith (content/audience.py)."""
    journal: bool = False
    """Solo: keep each answer as a journal entry when the session ends."""
    room: str = ""
    """The live room's code ('' without a room); kept so --resume brings the same room back."""
    room_host: str = ""
    """The address the room was asked to serve on ('' for the LAN address found at the time)."""
    room_port: int = 0
    """The port the room served on (0 before it opened): the QR codes scanned point there."""
    leader_code: str = ""
    """The leader page's own code (unrelated to the room's); '' until the room first opens."""
    room_base: str = ""
    """Where the room was last served ('http://host:port'), for `sessions links`."""
    warm_up: int = 0
    """How many warm-up cards open the session (0: no warm-up; study/warm_up.py)."""

    def to_json(self) -> str:
        return json.dumps({**self.__dict__, "group": list(self.group)})

    @classmethod
    def from_json(cls, text: str) -> Options:
        """The options in `text`; keys this version does not know are left out."""
        data = _known(cls, json.loads(text))
        return cls(**{**data, "group": tuple(data.get("group", ()))})


@dataclass
class State:
    """Where a session stands: the step, whose turn, revealed follow-ups, timer extensions,
    silent rounds."""

    position: int = 0
    turn: int = 0
    attendees: list[str] = field(default_factory=list)
    follow_ups: dict[str, int] = field(default_factory=dict)
    extensions: dict[str, int] = field(default_factory=dict)
    silent: list[str] = field(default_factory=list)
    """Steps run as a silent round whose answers are not revealed yet."""
    revealed: list[str] = field(default_factory=list)
    """Steps whose silent round was revealed."""
    warm_up: list[str] = field(default_factory=list)
    """The warm-up's card ids, picked for the people present when it is first shown."""

    def to_json(self) -> str:
        return json.dumps(self.__dict__)

    @classmethod
    def from_json(cls, text: str) -> State:
        """The state in `text`; keys this version does not know are left out."""
        return cls(**_known(cls, json.loads(text or "{}")))


class SessionEntry(NamedTuple):
    """One thing said or noted in a session."""

    id: int
    step: str
    kind: str
    person: str | None
    text: str
    created: str
    visibility: str = GROUP
    """GROUP, ANONYMOUS (the person is kept but never shown) or LEADER (leader's copy only)."""
    source: str | None = None
    """None when typed at the shared keyboard; otherwise where it came from ('room:...')."""


@dataclass
class SessionRecord:
    """A session as stored."""

    id: int
    options: Options
    state: State
    status: SessionStatus
    started: str
    finished: str | None
    notes_path: str | None
    group_id: int | None = None
    """The group it was held in (see groups/store.py)."""
    unknown: tuple[str, ...] = ()
    """Keys in its options or state this version does not know (a newer lp-coach wrote them)."""

    @property
    def principle_id(self) -> str:
        return self.options.principle_id


def unknown_keys(kind: type[Any], text: str | None) -> list[str]:
    """The keys of the JSON object `text` that `kind` has no field for (a newer lp-coach's)."""
    return sorted(set(json.loads(text or "{}")) - _names(kind))


def _names(kind: type[Any]) -> set[str]:
    return {f.name for f in fields(kind)}


def _known(kind: type[Any], data: Any) -> dict[str, Any]:
    """The items of the JSON object `data` that `kind` has fields for."""
    if not isinstance(data, dict):
        raise TypeError(f"not an object: {type(data).__name__}")
    names = _names(kind)
    return {key: value for key, value in data.items() if key in names}
