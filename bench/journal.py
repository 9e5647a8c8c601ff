"""Journal search against jrnl: whole-process times, as ratios within one run.

Targets (issue 6), for `lp-coach journal search WORD` as a whole process:
  <= 10x `python -c pass` at 10,000 entries;
  >= 10x faster than `jrnl -contains WORD` at 10,000 entries, >= 50x at 100,000;
  <= 1.5x growth from 1,000 to 100,000 entries.

The same generated entries go into an lp-coach store and a jrnl journal file. jrnl comes
with the bench extra (`pip install -e ".[bench]"`) and is found beside this Python, or
given with --jrnl PATH, or on PATH; without it the jrnl comparison is skipped (and said so).
Run:  python bench/journal.py [--sizes 1000,10000,100000] [--runs N] [--jrnl PATH] [--check]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from common import installed, lp_coach  # bench/common.py, beside this script

WORD = "lighthouse"
"""The word searched for: in one entry of every WORD_EVERY, like a word a person remembers."""
WORD_EVERY = 200
JRNL_CONFIG = """\
journals:
  default:
    journal: {journal}
editor: ""
encrypt: false
template: false
default_hour: 9
default_minute: 0
timeformat: "%F %r"
tagsymbols: "#@"
highlight: true
linewrap: 79
indent_character: "|"
colors: {{body: none, date: none, tags: none, title: none}}
version: v4.6
"""
"""jrnl's own defaults (`jrnl/config.py:get_default_config`), as a new user has them."""


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    syllables = ["ka", "ro", "mi", "te", "an", "lo", "ve", "si", "du", "pe", "or", "ul", "ne"]
    words = {"".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(size * 2)}
    return sorted(words - {WORD})[:size]


def generate(count: int, seed: int = 6) -> list[tuple[date, str, str, str]]:
    """(day, HH:MM, title, body) entries, about 80 words each, Zipf-like word frequencies."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
    tags = ["@earn-trust", "@ownership", "@dive-deep", "@frugality", ""]
    start = date(2000, 1, 1)
    entries = []
    for number in range(count):
        day = start + timedelta(days=number // 3)
        clock = f"{7 + number % 3 * 5:02d}:{number % 60:02d}"
        body = rng.choices(words, cum_weights=cumulative, k=rng.randint(40, 100))
        if number % WORD_EVERY == WORD_EVERY // 2:
            body[rng.randrange(len(body))] = WORD
        title = (
            " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(4, 9))).capitalize()
            + "."
        )
        text = " ".join(body) + "."
        tag = tags[number % len(tags)]
        entries.append((day, clock, title, f"{text} {tag}".strip()))
    return entries


def build_store(home: Path, entries: list[tuple[date, str, str, str]]) -> None:
    """Fill an lp-coach store through its own import path (one transaction)."""
    env_home = os.environ.get("LP_COACH_HOME")
    os.environ["LP_COACH_HOME"] = str(home)
    try:
        from lp_coach.journal import store
        from lp_coach.journal.entries import NewEntry
        from lp_coach.store.db import connect

        conn = connect()
        store.add_many(
            conn,
            (
                NewEntry(day=day, time=clock, text=f"{title}\n{body}", source="bench")
                for day, clock, title, body in entries
            ),
        )
        conn.close()
    finally:
        if env_home is None:
            os.environ.pop("LP_COACH_HOME", None)
        else:
            os.environ["LP_COACH_HOME"] = env_home


def build_jrnl(folder: Path, entries: list[tuple[date, str, str, str]]) -> Path:
    """jrnl's plain-text journal of the same entries, and a config pointing at it."""
    folder.mkdir(parents=True, exist_ok=True)
    journal = folder / "journal.txt"
    with journal.open("w", encoding="utf-8") as handle:
        for day, clock, title, body in entries:
            hours, minutes = (int(part) for part in clock.split(":"))
            stamp = f"{hours % 12 or 12:02d}:{minutes:02d}:00 {'AM' if hours < 12 else 'PM'}"
            handle.write(f"[{day} {stamp}] {title}\n{body}\n\n")  # timeformat %F %r
    config = folder / "jrnl.yaml"
    config.write_text(JRNL_CONFIG.format(journal=journal), encoding="utf-8")
    return config


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited {done.returncode}: {done.stderr.decode()}")
    return elapsed


Case = tuple[list[str], dict[str, str]]


def median_of(cases: dict[str, tuple[Case, int]]) -> dict[str, float]:
    """Each case run its own number of times, all in the same rounds: round k runs every case
    that still has runs left, so jrnl's runs sit beside lp-coach's rather than in a block of
    their own, and a noisy moment hits both alike. Medians."""
    for (args, env), _ in cases.values():
        timed(args, env)  # warm: OS cache, .pyc files, jrnl's config upgrade
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for round_ in range(max(runs for _, runs in cases.values())):
        for name, ((args, env), runs) in cases.items():
            if round_ < runs:
                samples[name].append(timed(args, env))
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="entry counts to try")
    parser.add_argument("--runs", type=int, default=15, help="runs of each lp-coach case")
    parser.add_argument("--jrnl-runs", type=int, default=3, help="runs of each jrnl case")
    parser.add_argument("--jrnl", metavar="PATH", help="jrnl (default: the bench extra's)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    opts = parser.parse_args()
    sizes = [int(s) for s in opts.sizes.split(",")]
    exe = lp_coach()
    jrnl = opts.jrnl or installed("jrnl")
    if jrnl is None:
        print('jrnl not found (pip install -e ".[bench]", or --jrnl PATH): not compared with jrnl')

    work = Path(tempfile.mkdtemp(prefix="lp-coach-journal-bench-"))
    # Installed programs run from compiled bytecode: let the warm-up runs write it.
    skip = ("LP_COACH", "PYTHONDONTWRITEBYTECODE")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    base_env.update(HOME=str(work), NO_COLOR="1", COLUMNS="100")
    ours: dict[str, Case] = {"python -c pass": ([sys.executable, "-c", "pass"], base_env)}
    theirs: dict[str, Case] = {}
    try:
        for size in sizes:
            began = time.perf_counter()
            entries = generate(size)
            home = work / f"lp-{size}"
            build_store(home, entries)
            env = dict(base_env, LP_COACH_HOME=str(home))
            ours[f"search {size}"] = ([exe, "journal", "search", WORD], env)
            ours[f"search -n 0 {size}"] = ([exe, "journal", "search", "-n", "0", WORD], env)
            # `--` sends the same search through the Typer app (cli/shortcuts.py reads plain forms).
            ours[f"search -- {size} (Typer)"] = ([exe, "journal", "search", "--", WORD], env)
            if jrnl:
                config = build_jrnl(work / f"jrnl-{size}", entries)
                args = [jrnl, "--config-file", str(config), "-contains", WORD]
                theirs[f"jrnl {size}"] = (args, base_env)
            print(f"built {size:,} entries in {time.perf_counter() - began:.1f}s", flush=True)
        times = median_of(
            {name: (case, opts.runs) for name, case in ours.items()}
            | {name: (case, opts.jrnl_runs) for name, case in theirs.items()}
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report(times, sizes, opts)


def report(times: dict[str, float], sizes: list[int], opts: argparse.Namespace) -> int:
    base = times["python -c pass"]
    print(f"\n{'case':26} {'median':>10} {'x python':>9}")
    for name, seconds in times.items():
        print(f"{name:26} {seconds * 1000:>8.1f}ms {seconds / base:>8.2f}x")
    print(f"\n(lp-coach: {opts.runs} runs each; jrnl: {opts.jrnl_runs}; in the same rounds)")
    checks: list[tuple[str, float, float, bool]] = []
    if 10000 in sizes:
        ratio = times["search 10000"] / base
        checks.append(("search at 10,000 vs python -c pass", ratio, 10.0, ratio <= 10.0))
    for size, target in ((10000, 10.0), (100000, 50.0)):
        if f"jrnl {size}" in times and f"search {size}" in times:
            ratio = times[f"jrnl {size}"] / times[f"search {size}"]
            checks.append((f"faster than jrnl at {size:,}", ratio, target, ratio >= target))
    if 1000 in sizes and 100000 in sizes:
        ratio = times["search 100000"] / times["search 1000"]
        checks.append(("growth 1,000 -> 100,000", ratio, 1.5, ratio <= 1.5))
    print()
    missed = False
    for label, ratio, target, ok in checks:
        missed |= not ok
        sign = "<=" if "python" in label or "growth" in label else ">="
        print(f"{label:38} {ratio:>7.2f}x  (target {sign} {target:g}x)  {'ok' if ok else 'MISSED'}")
    return 1 if missed and opts.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
