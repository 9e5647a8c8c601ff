"""Starting a quiz with a long review history: 100,000 review logs against 100.

Target (issue 5): starting a quiz and choosing the next card with 100,000 review logs in
the store takes at most 1.5x the time it takes with 100. Measured two ways, as medians:
in-process (open the store and library, choose the cards, put the first question) and as
a whole `lp-coach quiz` process that shows the first question and meets end of input.
`lp-coach progress --json`, which does read every review, is timed too, for information.
Run:  python bench/quiz.py [--runs N] [--check]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import lp_coach  # bench/common.py, beside this script
from fsrs import Rating

from lp_coach.clock import FrozenClock, stamp
from lp_coach.content.library import open_library
from lp_coach.quiz.cards import build_cards
from lp_coach.quiz.questions import make_question
from lp_coach.quiz.schedule import new_card, scheduler
from lp_coach.quiz.service import QuizRequest, start_quiz
from lp_coach.store.db import connect, transaction

TARGET = 1.5
SIZES = (100, 100_000)
NOW = datetime.now(UTC).replace(microsecond=0)


def populate(home: Path, reviews: int) -> None:
    """Every card in the schedule (half of them due now), and exactly `reviews` review logs."""
    os.environ["LP_COACH_HOME"] = str(home)
    rng = random.Random(reviews)
    cards = build_cards(open_library())
    sched = scheduler(fuzz=False)
    states = []
    for index, card in enumerate(cards):
        when = NOW - timedelta(days=30 if index % 2 else 1)
        state, _ = sched.review_card(new_card(card.id, when), Rating.Good, when)
        states.append(
            (card.id, card.principle_id, card.kind, state.to_json(), stamp(state.due), stamp(when))
        )
    logs = []
    for _ in range(reviews):
        card = rng.choice(cards)
        when = NOW - timedelta(seconds=rng.randrange(2 * 365 * 86400))
        logs.append((card.id, card.principle_id, rng.randint(1, 4), stamp(when), 5000, 0))
    with closing(connect()) as conn, transaction(conn):
        conn.executemany("INSERT INTO quiz_cards VALUES (?, ?, ?, ?, ?, ?)", states)
        conn.executemany(
            "INSERT INTO quiz_reviews (card_id, principle_id, rating, reviewed, duration_ms, "
            "cram) VALUES (?, ?, ?, ?, ?, ?)",
            logs,
        )


def in_process(home: Path) -> float:
    """Open everything, choose the cards, put the first question."""
    os.environ["LP_COACH_HOME"] = str(home)
    start = time.perf_counter()
    library = open_library()
    with closing(connect()) as conn:
        quiz = start_quiz(conn, library, QuizRequest(seed=1), FrozenClock(NOW))
        first = quiz.selection.cards[0]
        make_question(first, quiz.titles, quiz.rng, 1, len(quiz.selection.cards))
    return time.perf_counter() - start


def whole_process(exe: str, home: Path, args: tuple[str, ...] = ("quiz", "--seed", "1")) -> float:
    """`lp-coach quiz` through a pipe: the first question, then end of input."""
    env = dict(os.environ, LP_COACH_HOME=str(home), COLUMNS="100")
    start = time.perf_counter()
    subprocess.run(
        [exe, *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--check", action="store_true", help="exit 1 if the target is missed")
    opts = parser.parse_args()

    exe = lp_coach()
    root = Path(tempfile.mkdtemp(prefix="lp-coach-bench-quiz-"))
    homes = {size: root / str(size) for size in SIZES}
    try:
        for size, home in homes.items():
            populate(home, size)
        times: dict[tuple[str, int], list[float]] = {}
        for _ in range(3):  # warm caches: .pyc files, the content cache, the OS
            for home in homes.values():
                in_process(home)
                whole_process(exe, home)
        for _ in range(opts.runs):  # interleaved, so a noisy moment hits every case alike
            for size, home in homes.items():
                times.setdefault(("in-process", size), []).append(in_process(home))
                times.setdefault(("lp-coach quiz", size), []).append(whole_process(exe, home))
                progress = whole_process(exe, home, ("progress", "--json"))
                times.setdefault(("progress --json", size), []).append(progress)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    print(f"{'case':16} {'reviews':>8} {'median':>9} {'ratio':>7} {'target':>7}")
    missed = False
    for how in ("in-process", "lp-coach quiz", "progress --json"):
        base = statistics.median(times[(how, SIZES[0])])
        for size in SIZES:
            median = statistics.median(times[(how, size)])
            ratio = median / base
            verdict = ""
            if size != SIZES[0] and how != "progress --json":  # progress: for information
                ok = ratio <= TARGET
                missed |= not ok
                verdict = f"{TARGET:>6.1f}x {'ok' if ok else 'MISSED'}"
            print(f"{how:16} {size:>8,} {median * 1000:>7.1f}ms {ratio:>6.2f}x {verdict}")
    print(f"({opts.runs} interleaved runs each; ratios against {SIZES[0]} review logs)")
    return 1 if (missed and opts.check) else 0


if __name__ == "__main__":
    raise SystemExit(main())
