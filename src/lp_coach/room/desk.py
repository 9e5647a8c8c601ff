"""The leader page's side of the room: its code, what it shows live, and the commands it sends."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import replace
from typing import Any

from lp_coach.room.limits import Refused
from lp_coach.room.phone_view import Board
from lp_coach.study import visibility
from lp_coach.study.carried import CHECK_IN, carried
from lp_coach.study.engine import Session
from lp_coach.study.readout import readout
from lp_coach.study.records import SessionEntry
from lp_coach.study.view import Reply, View, finishes

COMMANDS = ("next", "back", "skip", "extend", "follow_up", "silent", "reveal")
"""What the leader page may ask of the session (the same engine commands as the keys)."""
SPOKEN = ("answer", "action", "prayer")


class LeaderDesk:
    """The leader page's code, its board, and its commands waiting for the screen to carry out.

    The server's threads `push`; the screen's thread `take`s, in the order they came, between
    its own keys: both sides drive the one engine, one command at a time.
    """

    def __init__(self, code: str) -> None:
        self.code = code
        self.board = Board()
        self.lock = threading.Lock()
        self.waiting: deque[Reply] = deque()
        self.connected = False
        """Once the leader page has opened, the shared screen never shows leader notes."""
        self.started: dict[str, float] = {}
        self.steerable = False
        """Whether the laptop's face takes the leader page's commands (the full screen does;
        plain prompts, which wait on a line of input, do not)."""

    def push(self, command: str, at: object, turn: object = None) -> None:
        """Queue one command from the leader page, pressed on step `at` (and `turn`, on a step
        taken in turns); Refused if unknown."""
        if command not in COMMANDS:
            raise Refused(400, "That is not something the leader page can do.")
        if not self.steerable:
            raise Refused(409, "The laptop runs this session as plain prompts: steer it there.")
        if not isinstance(at, int) or isinstance(at, bool):
            raise Refused(400, "Which step was that pressed on? Reload the page.")
        if turn is not None and (not isinstance(turn, int) or isinstance(turn, bool)):
            raise Refused(400, "Which turn was that pressed on? Reload the page.")
        with self.lock:
            self.waiting.append(Reply(command, at=at, turn=turn))  # type: ignore[arg-type]

    def take(self) -> list[Reply]:
        """The commands that came since the last look, oldest first."""
        with self.lock:
            taken = list(self.waiting)
            self.waiting.clear()
        return taken

    def seconds_left(self, view: View) -> float:
        """The step's clock as the leader page shows it (from the first time it was shown)."""
        start = self.started.setdefault(f"{view.session_id}:{view.index}", time.monotonic())
        return view.minutes * 60 - (time.monotonic() - start)


def step_for_leader(
    session: Session,
    view: View,
    entries: list[SessionEntry],
    phones: list[str],
    joined: int,
    left: float,
) -> dict[str, Any]:
    """The step as the leader page shows it: all of `visibility`'s LEADER_PAGE audience."""
    step = view.step
    seen = visibility.visible(entries, visibility.LEADER_PAGE)
    question = step.segment.question
    available = question.follow_ups if question else ()
    state = session.state
    full = replace(view, leader=True)
    return {
        "ended": False,
        "step": step.key,
        "index": view.index,
        "turn": view.turn,
        "total": view.total,
        "principle": view.principle.title,
        "title": step.segment.title,
        "lines": [{"role": line.role, "text": line.text} for line in readout(full)],
        "said": [
            _said(e)
            for e in visibility.on_step(entries, step.key, visibility.LEADER_PAGE)
            if e.kind != "follow_up" and not visibility.leader_only(e)
        ],
        "follow_ups": [
            {"text": text, "shown": i < len(view.follow_ups)} for i, text in enumerate(available)
        ],
        "minutes": view.minutes,
        "left": round(left),
        "person": view.person,
        "finishes": finishes(view),
        "next_title": view.next_title,
        "inbox": [
            _said(e)
            for e in seen
            if visibility.leader_only(e) and visibility.from_phone(e) and e.kind == "prayer"
        ],
        "private": [
            _said(e) for e in seen if visibility.leader_only(e) and not visibility.from_phone(e)
        ],
        "carried": [_said(e) for e in _carried_for_you(session, step.key)],
        "quiet": quietest(seen, [*view.people, *phones]),
        "silent": {
            **_silent(view, entries, step.key in state.revealed),
            "of": max(len(view.people), joined),
        },
    }


def _carried_for_you(session: Session, step: str) -> tuple[SessionEntry, ...]:
    """At the check-in: last time's prayer requests for the leader alone (the group's are on
    the screen; these were only in the leader's copy of last time's notes)."""
    if step != CHECK_IN:
        return ()
    return carried(session.conn, session.record.id).for_leader


def _silent(view: View, entries: list[SessionEntry], revealed: bool) -> dict[str, Any]:
    """The silent round as the leader page runs it; a warm-up card is one (the phones'
    choices counted until the leader reveals them)."""
    card = view.warm_up
    if card is not None:
        done = card.tally is not None
        return {
            "can": False,
            "on": not done,
            "revealed": done,
            "answered": card.answered,
            "warm_up": True,
        }
    return {
        "can": view.step.collects == "answer",
        "on": view.silent,
        "revealed": revealed,
        "answered": visibility.answered(entries, view.step.key),
        "warm_up": False,
    }


def quietest(seen: list[SessionEntry], people: list[str]) -> list[dict[str, Any]]:
    """Everyone present with how often they have spoken this session, quietest first.

    Counts what was said to the group under a name: an anonymous answer counts for nobody,
    so the counts never tell the leader who sent it; a request for the leader is not speaking.
    """
    names: list[str] = []
    for name in people:
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    counts = {name.casefold(): 0 for name in names}
    for entry in seen:
        key = (entry.person or "").casefold()
        if entry.kind in SPOKEN and key in counts and not visibility.leader_only(entry):
            counts[key] += 1
    ordered = sorted(names, key=lambda name: counts[name.casefold()])
    return [{"name": name, "count": counts[name.casefold()]} for name in ordered]


def _said(entry: SessionEntry) -> dict[str, Any]:
    return {"id": entry.id, "kind": entry.kind, "person": entry.person, "text": entry.text}
