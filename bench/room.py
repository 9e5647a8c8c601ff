"""The live room under load: simulated phones answering over loopback while a session runs.

30 phones x 20 answers each (by default) join a real room on 127.0.0.1 and send answers at
a person's pace, all at once, while the shared screen (the real ScreenFace, drawing into a
buffer) follows the session. Prints the answers sent, the answers found in the store (must be
equal) and the latency from submit to drawn on the screen, p50 and p99 (target p99 < 500 ms).
Run:  python bench/room.py [--phones 30] [--answers 20] [--pace 0.55] [--check]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import select
import statistics
import sys
import tempfile
import threading
import time
from typing import Any
from urllib.parse import urlsplit

TARGET_P99_MS = 500.0


class Screen:
    """The console's file: notes when each answer first reaches the drawn screen."""

    def __init__(self) -> None:
        self.pending: set[str] = set()
        self.seen: set[str] = set()
        self.drawn: dict[str, float] = {}
        self.lock = threading.Lock()

    def saw(self, texts: set[str]) -> None:
        with self.lock:
            self.pending |= texts - self.seen
            self.seen |= texts

    def write(self, data: str) -> int:
        return len(data)

    def flush(self) -> None:
        now = time.monotonic()
        with self.lock:
            for text in self.pending:
                self.drawn[text] = now
            self.pending.clear()

    def isatty(self) -> bool:
        return True


class Keys:
    """The facilitator's keys: 'room' when a phone wakes the screen, 'q' when all is seen."""

    def __init__(self, room: Any, screen: Screen, expected: int, deadline: float) -> None:
        self.room, self.screen, self.expected, self.deadline = room, screen, expected, deadline

    def start(self) -> None:
        pass

    def read(self, timeout: float) -> list[str]:
        if len(self.screen.drawn) >= self.expected or time.monotonic() > self.deadline:
            return ["q"]
        woken = select.select([self.room.fileno()], [], [], timeout)[0]
        return ["room"] if woken else []

    def close(self) -> None:
        pass


def phone(url: str, number: int, answers: int, pace: float, sent: dict[str, float]) -> None:
    """One participant: join, then answer at a person's pace on one kept-alive connection."""
    where = urlsplit(url)
    conn = http.client.HTTPConnection(where.hostname or "", where.port, timeout=10)

    def post(path: str, body: dict[str, object]) -> tuple[int, dict[str, Any]]:
        conn.request("POST", where.path + path, json.dumps(body), {"Content-Type": "json"})
        reply = conn.getresponse()
        return reply.status, json.loads(reply.read())

    status, joined = post("/join", {"name": f"Phone {number:02d}"})
    assert status == 200, joined
    time.sleep(random.uniform(0, pace))  # people do not all press Send at once
    for n in range(answers):
        text = f"phone {number:02d} answer {n:02d}"
        started = time.monotonic()
        body = {"client": joined["client"], "kind": "answer", "text": text, "step": "welcome"}
        status, reply = post("/say", body)
        if status == 200:
            sent[text] = started
        else:
            print(f"phone {number}: {status} {reply.get('error')}", file=sys.stderr)
        time.sleep(max(0.0, pace - (time.monotonic() - started)))
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--answers", type=int, default=20)
    parser.add_argument("--pace", type=float, default=0.55, help="seconds between one's answers")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    opts = parser.parse_args()
    os.environ["LP_COACH_HOME"] = tempfile.mkdtemp(prefix="lp-coach-bench-room-")

    from rich.console import Console

    from lp_coach.cli.faces.study_screen import ScreenFace
    from lp_coach.content.library import open_library
    from lp_coach.room.face import RoomFace
    from lp_coach.room.live import Room
    from lp_coach.store.db import connect, db_path
    from lp_coach.study import engine, service, sessions, writeup
    from lp_coach.study.sessions import Options
    from lp_coach.study.view import View

    conn = connect()
    options = Options("customer-obsession", minutes=60, group=("Ann", "Ben"))
    session = service.start(conn, open_library(()), options)
    session.state.position = [s.key for s in session.steps].index("welcome")
    room = Room.open(session, db_path(), "127.0.0.1", 0)
    screen = Screen()
    refresh = room.refresh

    def seen(view: View) -> View:
        fresh = refresh(view)
        screen.saw({e.text for e in fresh.said})
        return fresh

    room.refresh = seen  # type: ignore[method-assign]
    expected = opts.phones * opts.answers
    deadline = time.monotonic() + 60 + opts.answers * opts.pace * 3
    console = Console(file=screen, width=120, height=40, color_system=None, force_terminal=True)
    keys = Keys(room, screen, expected, deadline)
    face = RoomFace(ScreenFace(console, keys, room=room), room)

    sent: dict[str, float] = {}
    phones = [
        threading.Thread(target=phone, args=(room.url, n, opts.answers, opts.pace, sent))
        for n in range(1, opts.phones + 1)
    ]
    started = time.monotonic()
    for t in phones:
        t.start()
    try:
        engine.run(session, face, writeup.write_up)  # until every answer is drawn, then q
    finally:
        face.close()
        for t in phones:
            t.join()
        room.stop()
    elapsed = time.monotonic() - started

    stored = [
        e
        for e in sessions.entries(conn, session.record.id)
        if (e.source or "").startswith("room:") and e.kind == "answer"
    ]
    latencies = sorted((screen.drawn[t] - sent[t]) * 1000 for t in sent if t in screen.drawn)
    p50 = statistics.median(latencies) if latencies else float("nan")
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)] if latencies else float("nan")
    print(f"phones x answers        {opts.phones} x {opts.answers} over {elapsed:.1f} s")
    print(f"answers sent            {len(sent)}")
    print(f"answers in the store    {len(stored)}")
    print(f"answers drawn           {len(latencies)}")
    print(f"submit -> on screen     p50 {p50:.0f} ms   p99 {p99:.0f} ms   (target p99 < 500 ms)")
    missed = len(sent) != expected or len(stored) != len(sent) or len(latencies) != len(sent)
    missed = missed or not p99 < TARGET_P99_MS
    if missed:
        print("MISSED", file=sys.stderr)
    return 1 if (opts.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
