"""Start-up time of lp-coach, as whole-process medians against `python -c pass` in the same run.

Targets (issue 2): `lp-coach --help` <= 6x and `lp-coach principles list` <= 9x;
(issue 12): `lp-coach today`, drawn on a terminal, <= 12x.
Run:  python bench/startup.py [--runs N] [--check] [--before OTHER_LP_COACH]

--before times another lp-coach program in the same interleaved run (an older tree installed
with `pip install .` in a second venv, say) and prints its medians beside these.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

from common import lp_coach  # bench/common.py, beside this script

Runner = Callable[[list[str], dict[str, str]], float]

TARGETS = {"--help": 6.0, "principles list": 9.0, "today (terminal)": 12.0}


def run_piped(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def run_in_pty(args: list[str], env: dict[str, str], *, keys: bool = True) -> float:
    """Time a run whose stdout is a terminal (so Rich draws), draining the pty as it goes.

    With `keys` False stdin is not the terminal, so nothing waits for a key: the time to
    draw the screen.
    """
    master, slave = os.openpty()
    start = time.perf_counter()
    stdin = slave if keys else subprocess.DEVNULL
    proc = subprocess.Popen(args, env=env, stdin=stdin, stdout=slave, stderr=slave)
    os.close(slave)
    while True:
        try:
            if not os.read(master, 65536):
                break
        except OSError:
            break
    proc.wait()
    elapsed = time.perf_counter() - start
    os.close(master)
    if proc.returncode != 0:
        raise SystemExit(f"{args} exited {proc.returncode}")
    return elapsed


def run_drawn(args: list[str], env: dict[str, str]) -> float:
    """Time a run drawn on a terminal that reads no key."""
    return run_in_pty(args, env, keys=False)


def cases(exe: str) -> dict[str, tuple[list[str], Runner]]:
    """What is timed, for the lp-coach program `exe`."""
    return {
        "--help": ([exe, "--help"], run_piped),
        "principles list": ([exe, "principles", "list"], run_piped),
        "principles list (terminal)": ([exe, "principles", "list"], run_in_pty),
        "principles list --json": ([exe, "principles", "list", "--json"], run_piped),
        "journal search": ([exe, "journal", "search", "budget"], run_piped),
        # The screen drawn, without waiting at the key that starts the quiz.
        "today (terminal)": ([exe, "today"], run_drawn),
        "today --json": ([exe, "today", "--json"], run_piped),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--before", metavar="LP_COACH", help="another lp-coach to time alongside")
    opts = parser.parse_args()

    programs = {"": lp_coach(), " (before)": opts.before} if opts.before else {"": lp_coach()}
    homes: list[str] = []
    timed: dict[str, tuple[list[str], Runner, dict[str, str]]] = {}
    for suffix, exe in programs.items():
        home = tempfile.mkdtemp(prefix="lp-coach-bench-")  # each program its own store
        homes.append(home)
        env = dict(os.environ, LP_COACH_HOME=home, COLUMNS="100", TERM="xterm-256color")
        env.pop("LP_COACH_PRINCIPLES", None)
        if not suffix:
            timed["python -c pass"] = ([sys.executable, "-c", "pass"], run_piped, env)
        add = [exe, "journal", "add", "A budget cut"]  # something for the search to find
        subprocess.run(add, env=env, capture_output=True, check=True)
        for name, (args, runner) in cases(exe).items():
            timed[name + suffix] = (args, runner, env)
    for args, runner, env in timed.values():  # warm the OS cache, .pyc files and content cache
        runner(args, env)
    times: dict[str, list[float]] = {name: [] for name in timed}
    for _ in range(opts.runs):  # interleaved, so a noisy moment hits every case alike
        for name, (args, runner, env) in timed.items():
            times[name].append(runner(args, env))
    for home in homes:
        shutil.rmtree(home, ignore_errors=True)

    base = statistics.median(times["python -c pass"])
    before = " before   ratio" if opts.before else ""
    print(f"{'case':32} {'median':>9} {'ratio':>7} {'target':>7}      {before}")
    missed = False
    for name, samples in times.items():
        if name.endswith(" (before)"):
            continue
        median = statistics.median(samples)
        ratio = median / base
        target = TARGETS.get(name)
        verdict = " " * 12
        if target is not None:
            ok = ratio <= target
            missed |= not ok
            verdict = f"{target:>6.1f}x {'ok    ' if ok else 'MISSED'}"
        then = ""
        if f"{name} (before)" in times:
            old = statistics.median(times[f"{name} (before)"])
            then = f"{old * 1000:>7.1f}ms {old / base:>6.2f}x"
        print(f"{name:32} {median * 1000:>7.1f}ms {ratio:>6.2f}x {verdict} {then}")
    print(f"({opts.runs} interleaved runs each; ratios against `python -c pass`)")
    return 1 if (missed and opts.check) else 0


if __name__ == "__main__":
    raise SystemExit(main())
