"""Start-up time of lp-coach, as whole-process medians against `python -c pass` in the same run.

Targets (issue 2): `lp-coach --help` <= 6x and `lp-coach principles list` <= 9x;
(issue 12): `lp-coach today`, drawn on a terminal, <= 12x; (issue 24): `principles show`,
`principles list`, `today` and `journal list` on a terminal <= 7x, and any command on a cold
content cache (first run, an upgrade, an edited pack) <= 10x: the first run of all, and a run
just after a user's own pack (a copy of one built-in principle) was edited.
`--against OTHER` times another lp-coach program (an older install, say) in the same rounds,
so "before" and "after" share one run and one noise.
Run:  python bench/startup.py [--runs N] [--check] [--against PATH]
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
from typing import Any

from common import children_cpu, lp_coach  # bench/common.py, beside this script

TARGETS = {
    "--help": 6.0,
    "principles list": 9.0,
    "principles list (terminal)": 7.0,
    "principles show": 7.0,
    "principles show (terminal)": 7.0,
    "today (terminal)": 7.0,
    "journal list (terminal)": 7.0,
    "principles show, cold cache": 10.0,
    "principles show, edited pack": 10.0,
}


Timing = tuple[float, float]
"""A run's wall-clock seconds, and the CPU seconds (user + system) its process used."""


def run_piped(args: list[str], env: dict[str, str]) -> Timing:
    cpu, start = children_cpu(), time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start, children_cpu() - cpu


def run_in_pty(args: list[str], env: dict[str, str], *, keys: bool = True) -> Timing:
    """Time a run whose stdout is a terminal (so Rich draws), draining the pty as it goes.

    With `keys` False stdin is not the terminal, so nothing waits for a key: the time to
    draw the screen.
    """
    master, slave = os.openpty()
    cpu, start = children_cpu(), time.perf_counter()
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
    elapsed = time.perf_counter() - start, children_cpu() - cpu
    os.close(master)
    if proc.returncode != 0:
        raise SystemExit(f"{args} exited {proc.returncode}")
    return elapsed


def run_drawn(args: list[str], env: dict[str, str]) -> Timing:
    """Time a run drawn on a terminal that reads no key."""
    return run_in_pty(args, env, keys=False)


def run_cold(args: list[str], env: dict[str, str]) -> Timing:
    """Time a run with no content cache (first run, an upgrade, an edited pack)."""
    shutil.rmtree(os.path.join(env["LP_COACH_HOME"], "cache"), ignore_errors=True)
    return run_piped(args, env)


EDITED = "frugality.yaml"
"""The built-in principle a user's pack overrides with a copy of its own, edited each run."""


def run_edited(args: list[str], env: dict[str, str]) -> Timing:
    """Time a run just after the user's pack was edited (its file's time moved on)."""
    path = os.path.join(env["LP_COACH_HOME"], "principles", EDITED)
    stat = os.stat(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    return run_piped(args, env)


def edited_home(exe: str, env: dict[str, str]) -> dict[str, str]:
    """`env` with a home of its own whose pack holds a copy of one of `exe`'s own built-in
    principles (an older lp-coach reads an older format)."""
    home = tempfile.mkdtemp(prefix="lp-coach-bench-edited-")
    os.mkdir(os.path.join(home, "principles"))
    python = os.path.join(os.path.dirname(exe), "python")
    where = "import lp_coach, os; print(os.path.dirname(lp_coach.__file__))"
    package = subprocess.run([python, "-c", where], capture_output=True, text=True, check=True)
    shipped = os.path.join(package.stdout.strip(), "data", "principles", EDITED)
    shutil.copy(shipped, os.path.join(home, "principles", EDITED))
    return dict(env, LP_COACH_HOME=home)


Case = tuple[list[str], Any, dict[str, str]]
"""A command line, how to run it, and its environment."""


def home_for(exe: str) -> dict[str, str]:
    """An environment with a home of its own for `exe` (a store a newer lp-coach migrated
    is not an older one's to read), holding a journal of ten entries to list."""
    home = tempfile.mkdtemp(prefix="lp-coach-bench-")
    env = dict(os.environ, LP_COACH_HOME=home, COLUMNS="100", TERM="xterm-256color")
    env.pop("LP_COACH_PRINCIPLES", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed lp-coach has its bytecode written
    for day in range(1, 11):
        entry = f"Entry {day}: owned the follow-up #ownership"
        add = [exe, "journal", "add", "-d", f"2026-11-{day:02d}", entry]
        subprocess.run(add, env=env, check=True, capture_output=True)
    return env


def python_env() -> dict[str, str]:
    """The environment of the floor, `python -c pass`, as the programs' (bytecode written)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cases_for(exe: str, label: str = "") -> dict[str, Case]:
    """The timed command lines of one lp-coach program, named (with `label` after)."""
    env = home_for(exe)
    cases: dict[str, tuple[list[str], Any]] = {
        "--help": ([exe, "--help"], run_piped),
        "principles list": ([exe, "principles", "list"], run_piped),
        "principles list (terminal)": ([exe, "principles", "list"], run_in_pty),
        "principles list --json": ([exe, "principles", "list", "--json"], run_piped),
        "principles show": ([exe, "principles", "show", "ownership"], run_piped),
        "principles show (terminal)": ([exe, "principles", "show", "ownership"], run_drawn),
        "principles show, cold cache": ([exe, "principles", "show", "frugality"], run_cold),
        "principles show, edited pack": ([exe, "principles", "show", "frugality"], run_edited),
        # The screen drawn, without waiting at the key that starts the quiz.
        "today (terminal)": ([exe, "today"], run_drawn),
        "today --json": ([exe, "today", "--json"], run_piped),
        "journal list (terminal)": ([exe, "journal", "list"], run_drawn),
    }
    # A cold cache, and an edited pack, in homes of their own: neither may make the others'
    # caches cold.
    cold = dict(env, LP_COACH_HOME=tempfile.mkdtemp(prefix="lp-coach-bench-cold-"))
    homes = {run_cold: cold, run_edited: edited_home(exe, env)}
    return {
        f"{name}{label}": (args, run, homes.get(run, env)) for name, (args, run) in cases.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--against", help="another lp-coach program, timed in the same rounds")
    opts = parser.parse_args()

    cases: dict[str, Case] = {
        "python -c pass": ([sys.executable, "-c", "pass"], run_piped, python_env()),
        **cases_for(lp_coach()),
    }
    if opts.against:
        cases.update(cases_for(opts.against, " [against]"))
    for args, runner, env in cases.values():  # warm the OS cache, .pyc files, content cache
        runner(args, env)
    times: dict[str, list[Timing]] = {name: [] for name in cases}
    for _ in range(opts.runs):  # interleaved, so a noisy moment hits every case alike
        for name, (args, runner, env) in cases.items():
            times[name].append(runner(args, env))
    for home in {env.get("LP_COACH_HOME") for _, _, env in cases.values()} - {None}:
        shutil.rmtree(str(home), ignore_errors=True)

    base_wall = statistics.median(wall for wall, _ in times["python -c pass"])
    base_cpu = statistics.median(cpu for _, cpu in times["python -c pass"])
    print(f"{'case':32} {'median':>9} {'ratio':>7} {'cpu':>8} {'ratio':>7} {'target':>7}")
    missed = False
    for name, samples in times.items():
        wall = statistics.median(w for w, _ in samples)
        cpu = statistics.median(c for _, c in samples)
        ratio = wall / base_wall
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            ok = ratio <= target
            missed |= not ok
            verdict = f"{target:>6.1f}x {'ok' if ok else 'MISSED'}"
        print(
            f"{name:32} {wall * 1000:>7.1f}ms {ratio:>6.2f}x {cpu * 1000:>6.1f}ms"
            f" {cpu / base_cpu:>6.2f}x {verdict}"
        )
    print(
        f"({opts.runs} interleaved runs each; ratios against `python -c pass`, wall-clock and"
        " CPU (user + system) medians; targets are on the wall-clock ratio)"
    )
    return 1 if (missed and opts.check) else 0


if __name__ == "__main__":
    raise SystemExit(main())
