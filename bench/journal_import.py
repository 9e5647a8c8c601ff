"""`journal import` of many entries, as whole processes, and the search results it leaves.

Target (issue 24): importing 100,000 entries at least 4x faster than before, with search
results unchanged. Give the earlier program with --against: both import the same jrnl
export into fresh homes, in alternating rounds, then search the same words, export what
they stored and import the same file again (each entry is there already).
Run:  python bench/journal_import.py [--entries N] [--runs N] [--against PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from common import children_cpu, lp_coach  # bench/common.py, beside this script
from journal import WORD, generate  # the same generated entries as the search benchmark

SEARCHES = [WORD, "kamiro", "te*", "ownership lo", '"an an"', "kamiro OR lighthouse", "an -te*"]


def jrnl_export(path: Path, count: int) -> None:
    entries = [
        {
            "date": day.isoformat(),
            "time": clock,
            "title": title,
            "body": body,
            "tags": [t for t in body.split() if t.startswith("@")],
            "starred": False,
        }
        for day, clock, title, body in generate(count)
    ]
    path.write_text(json.dumps({"tags": {}, "entries": entries}), encoding="utf-8")


def imported(exe: str, export: Path, work: Path) -> tuple[float, float, Path]:
    """(wall seconds, CPU seconds, the home it filled) of one whole `journal import`."""
    home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
    env = dict(os.environ, LP_COACH_HOME=str(home))
    start, cpu = time.perf_counter(), children_cpu()
    args = [exe, "journal", "import", str(export), "--format", "jrnl"]
    subprocess.run(args, env=env, check=True, capture_output=True)
    return time.perf_counter() - start, children_cpu() - cpu, home


def found(exe: str, home: Path) -> list[str]:
    env = dict(os.environ, LP_COACH_HOME=str(home))
    out = []
    for words in SEARCHES:
        args = [exe, "journal", "search", *words.split(), "-n", "0", "--json"]
        run = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
        out.append(run.stdout)
    return out


def stored(exe: str, home: Path) -> list[dict[str, object]]:
    """Every entry of `home` as exported, without the moment of the import (created, updated)."""
    env = dict(os.environ, LP_COACH_HOME=str(home))
    out = home / "export.json"
    args = [exe, "journal", "export", "--format", "json", "--out", str(out)]
    subprocess.run(args, env=env, check=True, capture_output=True)
    entries = json.loads(out.read_text(encoding="utf-8"))
    return [{k: v for k, v in e.items() if k not in ("created", "updated")} for e in entries]


def again(exe: str, export: Path, home: Path) -> str:
    """What importing the same file a second time says (every entry is there already)."""
    env = dict(os.environ, LP_COACH_HOME=str(home))
    args = [exe, "journal", "import", str(export), "--format", "jrnl"]
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", help="the earlier lp-coach program, for the ratio")
    opts = parser.parse_args()
    programs = {"this": lp_coach(), **({"against": opts.against} if opts.against else {})}
    with tempfile.TemporaryDirectory(prefix="lp-coach-import-") as tmp:
        work = Path(tmp)
        export = work / "jrnl.json"
        jrnl_export(export, opts.entries)
        wall: dict[str, list[float]] = {name: [] for name in programs}
        cpu: dict[str, list[float]] = {name: [] for name in programs}
        homes: dict[str, Path] = {}
        for _ in range(opts.runs):
            for name, exe in programs.items():
                took, used, homes[name] = imported(exe, export, work)
                wall[name].append(took)
                cpu[name].append(used)
        print(f"journal import of {opts.entries:,} entries ({opts.runs} alternating runs)")
        print(f"  {'':8} {'wall':>8} {'CPU':>8}")
        for name in programs:
            median_wall, median_cpu = statistics.median(wall[name]), statistics.median(cpu[name])
            print(f"  {name:8} {median_wall:7.2f}s {median_cpu:7.2f}s")
        if "against" in programs:
            # CPU time is the fairer figure on a shared machine: others' load stretches wall time.
            speedup = statistics.median(cpu["against"]) / statistics.median(cpu["this"])
            verdict = "ok" if speedup >= 4 else "MISSED"
            print(f"  {speedup:.2f}x less CPU than --against (target 4x: {verdict})")
            faster = statistics.median(wall["against"]) / statistics.median(wall["this"])
            print(
                f"  {faster:.2f}x less time (the pauses that let a live session write between"
                " transactions, and the disk's flushes at checkpoints, are in it)"
            )
            names = ("this", "against")
            ours, theirs = (found(programs[n], homes[n]) for n in names)
            same = ours == theirs
            print(f"  search results for {SEARCHES}: {'the same' if same else 'DIFFERENT'}")
            ours_e, theirs_e = (stored(programs[n], homes[n]) for n in names)
            verdict = "the same" if ours_e == theirs_e else "DIFFERENT"
            print(f"  entries stored (export, import times aside): {verdict}")
            ours_a, theirs_a = (again(programs[n], export, homes[n]) for n in names)
            said = ours_a.strip() if ours_a == theirs_a else f"DIFFERENT: {ours_a!r} {theirs_a!r}"
            print(f"  the same file imported again: {said}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
