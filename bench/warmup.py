"""The warm-up on phones under load: 100 phones answer each warm-up card, then the leader
reveals it; nothing acknowledged may be lost.

A real room on loopback (each phone from its own 127.0.0.x address, as on a Wi-Fi), a group
session that has studied two principles, its three warm-up cards. For each card every phone
joins (half by name, half anonymously), answers within a couple of seconds, and the leader
reveals once they all have. Prints, per card and in all: answers acknowledged, answers the
screen counted before the reveal, answers in the reveal's spread, named reviews saved (must
all be equal, lost 0), the /choose latency (p50, p99) and how long the reveal took.
Run:  python bench/warmup.py [--phones 100] [--spread 2.0] [--check]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from typing import Any
from urllib.parse import urlsplit


def phone(
    url: str,
    number: int,
    step: str,
    options: int,
    spread: float,
    acked: list[float],
    clients: dict[int, str],
) -> None:
    """One participant: join (by name when even; again with its id after the first card),
    wait a moment, choose, keep the latency."""
    where = urlsplit(url)
    address = f"127.0.{1 + number // 250}.{1 + number % 250}"
    conn = http.client.HTTPConnection(
        where.hostname or "", where.port, timeout=10, source_address=(address, 0)
    )

    def post(path: str, body: dict[str, object]) -> tuple[int, dict[str, Any]]:
        conn.request("POST", where.path + path, json.dumps(body), {"Content-Type": "json"})
        reply = conn.getresponse()
        return reply.status, json.loads(reply.read())

    named = number % 2 == 0
    body = {"name": f"Phone {number:03d}", "anonymous": not named}
    status, joined = post("/join", {**body, "client": clients.get(number, "")})
    assert status == 200, joined
    clients[number] = joined["client"]
    time.sleep(random.uniform(0, spread))
    started = time.monotonic()
    body = {"client": joined["client"], "step": step, "choice": number % options, "seconds": 4}
    status, reply = post("/choose", body)
    if status == 200 and not reply.get("again"):
        acked.append(time.monotonic() - started)
    else:
        print(f"phone {number}: {status} {reply}", file=sys.stderr)
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=100)
    parser.add_argument("--spread", type=float, default=2.0, help="seconds the answers come over")
    parser.add_argument("--check", action="store_true", help="exit 1 if anything was lost")
    opts = parser.parse_args()
    os.environ["LP_COACH_HOME"] = tempfile.mkdtemp(prefix="lp-coach-bench-warmup-")

    from lp_coach.content.library import open_library
    from lp_coach.groups.store import current
    from lp_coach.room.live import Room
    from lp_coach.store.db import connect, db_path
    from lp_coach.study import planning, service
    from lp_coach.study import store as session_store
    from lp_coach.study.records import Options
    from lp_coach.study.view import Reply

    conn = connect()
    library = open_library(())
    for principle in ("frugality", "ownership"):
        done = session_store.create(conn, Options(principle, group=("Ann", "Ben")))
        session_store.finish(conn, done.id, done.state)
    request = service.StudyRequest(principle="bias-for-action", group="Ann,Ben")
    options, agenda = planning.plan_session(conn, library, request, current(conn))
    session = planning.start(conn, library, options, agenda)
    session.apply(Reply("next"))  # the roll call
    session.apply(Reply("next"))  # the check-in
    room = Room.open(session, db_path(), "127.0.0.1", 0)
    room.inbox.cap = max(room.inbox.cap, opts.phones)  # a room as big as the bench asks
    lost_total = 0
    latencies: list[float] = []
    clients: dict[int, str] = {}
    print(f"phones {opts.phones} (half named), answers over {opts.spread:.1f} s, per card:")
    try:
        while session.step.collects == "warm_up":
            view = session.view()
            card = view.warm_up
            assert card is not None
            room.publish(view)
            acked: list[float] = []
            phones = [
                threading.Thread(
                    target=phone,
                    args=(
                        room.url,
                        n,
                        view.step.key,
                        len(card.options),
                        opts.spread,
                        acked,
                        clients,
                    ),
                )
                for n in range(1, opts.phones + 1)
            ]
            for t in phones:
                t.start()
            for t in phones:
                t.join()
            counted = room.refresh(view).warm_up
            on_screen = counted.answered if counted else 0
            before = conn.execute("SELECT count(*) FROM quiz_reviews").fetchone()[0]
            started = time.monotonic()
            session.apply(Reply("reveal"))
            reveal_ms = (time.monotonic() - started) * 1000
            shown = session.view().warm_up
            assert shown is not None and shown.tally is not None
            match = re.match(r"(\d+) of (\d+) right", shown.tally)
            in_spread = int(match[2]) if match else 0
            reviews = conn.execute("SELECT count(*) FROM quiz_reviews").fetchone()[0] - before
            named = sum(1 for n in range(1, opts.phones + 1) if n % 2 == 0)
            lost = len(acked) - in_spread + (named - reviews)
            lost_total += max(lost, 0) + (opts.phones - len(acked))
            latencies += acked
            print(
                f"  card {card.number}: acknowledged {len(acked)}  on the screen {on_screen}  "
                f"in the spread {in_spread}  named reviews {reviews}/{named}  "
                f"reveal {reveal_ms:.0f} ms"
            )
            session.apply(Reply("next"))
    finally:
        room.stop()
    latencies.sort()
    p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000 if latencies else float("nan")
    print(f"/choose latency         p50 {p50:.0f} ms   p99 {p99:.0f} ms")
    print(f"lost                    {lost_total}")
    if lost_total:
        print("MISSED", file=sys.stderr)
    return 1 if (opts.check and lost_total) else 0


if __name__ == "__main__":
    sys.exit(main())
