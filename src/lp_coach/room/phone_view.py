"""What phones see: the current step as plain data, and a board that wakes every phone's stream."""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

from lp_coach.study import visibility
from lp_coach.study.readout import readout
from lp_coach.study.records import SessionEntry
from lp_coach.study.view import View

KINDS = {"answer": "Your answer", "action": "Your action step", "prayer": "A prayer request"}


def step_for_phones(
    view: View, prayer: bool, entries: list[SessionEntry] | None = None, joined: int = 0
) -> dict[str, Any]:
    """The step in `view` as phones show it (never the leader notes).

    In a silent round the phones get only how many have answered; once it is revealed, the
    answers all together, as `visibility` lets the phones see them.
    """
    step = view.step
    kinds = ["answer"] if step.collects == "answer" else []  # a warm-up card: its choices
    kinds.append("action")
    if prayer:
        kinds.append("prayer")
    if step.collects in ("action", "prayer"):
        kinds.remove(step.collects)
        kinds.insert(0, step.collects)  # what the step asks for comes first
    return {
        "step": step.key,
        "index": view.index,
        "total": view.total,
        "principle": view.principle.title,
        "title": step.segment.title,
        "lines": [
            {"role": line.role, "text": line.text}
            for line in readout(view)
            if line.role not in ("leader", "option")  # a warm-up's options are its buttons
        ],
        "follow_ups": list(view.follow_ups),
        "people": list(view.people),
        "kinds": kinds,
        "warm_up": _warm_up(view),
        "ended": False,
        "silent": {
            "on": view.silent,
            "answered": view.silent_answered,
            "of": max(len(view.people), joined),
        },
        "answers": [
            {"person": e.person, "text": e.text}
            for e in visibility.on_step(entries or [], step.key, visibility.PHONES)
            if e.kind == "answer"
        ]
        if view.revealed
        else [],
    }


def _warm_up(view: View) -> dict[str, Any] | None:
    """A warm-up card's choices, how many answered and, once revealed, the right one."""
    card = view.warm_up
    if card is None:
        return None
    revealed = card.tally is not None
    return {
        "options": list(card.options),
        "answered": card.answered,
        "revealed": revealed,
        "answer": card.answer if revealed else None,
    }


ENDED: dict[str, Any] = {"ended": True}
PAUSED: dict[str, Any] = {"ended": True, "paused": True}
"""Stopped to be resumed: this stream ends, and the phones keep trying until the room is back."""


class Board:
    """The stage as last published, and the asyncio waiters (in any loop) to wake on a change."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version = 0
        self.payload: dict[str, Any] = {
            "ended": False,
            "lines": [],
            "follow_ups": [],
            "kinds": [],
        }  # every field a phone reads, before the first step is published
        self.waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()

    def publish(self, payload: dict[str, Any]) -> None:
        """Show `payload` on every phone (from any thread)."""
        with self.lock:
            if payload == self.payload:
                return
            self.payload = payload
            self.version += 1
            waiters = list(self.waiters)
        for loop, event in waiters:
            try:
                loop.call_soon_threadsafe(event.set)
            except RuntimeError:  # that loop has closed
                pass

    def current(self) -> tuple[int, str]:
        """The version and the payload as one line of JSON."""
        with self.lock:
            return self.version, json.dumps(self.payload, ensure_ascii=False)

    async def changed(self, version: int, timeout: float) -> bool:
        """Wait until the board is past `version`; False when `timeout` ran out first."""
        event = asyncio.Event()
        waiter = (asyncio.get_running_loop(), event)
        with self.lock:
            if self.version != version:
                return True
            self.waiters.add(waiter)
        try:
            await asyncio.wait_for(event.wait(), timeout)
            return True
        except TimeoutError:
            return False
        finally:
            with self.lock:
                self.waiters.discard(waiter)
