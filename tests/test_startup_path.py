"""The start-up path, fenced: the modules of ours that `--help`, `journal search`, `today` and
`principles list` (each timed by bench/startup.py) load before they answer. Every other module
may import what it needs at the top of its file; a module on these lists defers what the
command does not need.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BASE = {
    "lp_coach",
    "lp_coach.cli",
    "lp_coach.cli.argv",
    "lp_coach.cli.main",
    "lp_coach.cli.settings",
    "lp_coach.cli.shortcuts",
    "lp_coach.cli.search_cmd",
    "lp_coach.cli.today_cmd",
    "lp_coach.errors",
}
"""What every run loads: the boundary, and the plain forms it tries first."""
HELP = BASE | {"lp_coach.cli.app", "lp_coach.cli.lazy", "lp_coach.cli.study"}
HELP |= {"lp_coach.cli.options"}  # the options study shares with guide, quiz and practice
STORE = {"lp_coach.clock", "lp_coach.paths", "lp_coach.store", "lp_coach.store.db"}
STORE |= {"lp_coach.store.migrations", "lp_coach.store.schema", "lp_coach.cli.output"}
STORE |= {f"lp_coach.store.migrations.{m}" for m in ("kit", "schema_2026_11", "schema_2026_12")}
# the store opens a plain file with sqlite3 and knows its schema version (an encrypted one:
# SQLCipher, imported only then)
STORE |= {"lp_coach.store.engine", "lp_coach.store.versions", "lp_coach.store.writes"}
SEARCH = (
    BASE
    | STORE
    | {
        "lp_coach.cli.faces",
        "lp_coach.cli.faces.journal",
        "lp_coach.fts",
        "lp_coach.journal",
        "lp_coach.journal.entries",
        "lp_coach.journal.listing",
        "lp_coach.journal.search",
        "lp_coach.journal.service",
    }
)
TODAY = (
    BASE
    | STORE
    | {
        "lp_coach.cli.faces",
        "lp_coach.cli.faces.today",
        "lp_coach.cli.faces.ansi",
        "lp_coach.config",
        "lp_coach.content",
        "lp_coach.content.cache",
        "lp_coach.content.library",
        "lp_coach.content.model",
        "lp_coach.content.plain",
        "lp_coach.content.sources",
        "lp_coach.dates",
        "lp_coach.journal",
        "lp_coach.journal.entries",
        "lp_coach.journal.prompts",
        "lp_coach.journal.stats",
        "lp_coach.quiz",
        "lp_coach.quiz.cards",
        "lp_coach.quiz.mastery",
        "lp_coach.quiz.select",
        "lp_coach.quiz.store",
        "lp_coach.stories",
        "lp_coach.stories.matrix",
        "lp_coach.stories.model",
        "lp_coach.stories.store",
        "lp_coach.study",
        "lp_coach.study.plan",
        "lp_coach.study.records",
        "lp_coach.study.store",
        "lp_coach.study.visibility",
        "lp_coach.today",
    }
)
SEARCH |= {"lp_coach.safetext"}  # what prints text a user wrote strips terminal controls
TODAY |= {"lp_coach.safetext", "lp_coach.groups", "lp_coach.groups.store", "lp_coach.study.cadence"}
PRINCIPLES = BASE | {
    "lp_coach.cli.output",
    "lp_coach.cli.principles_cmd",
    "lp_coach.config",
    "lp_coach.content",
    "lp_coach.content.service",
    "lp_coach.content.sources",
    "lp_coach.paths",
    "lp_coach.render",
    "lp_coach.render.kept",
}
"""A page read again is kept: no library, no model, no faces (render/kept.py)."""

ALLOWED = {
    "--help": HELP,
    "journal search": SEARCH,
    "today": TODAY,
    "principles list": PRINCIPLES,
    "principles show": PRINCIPLES,
}
"""The start-up path of each command, on a terminal and through a pipe, once the store exists
and the content cache and the pages read before are warm."""

LOADED = """
import os, sys
from lp_coach.cli.main import run
try:
    run(sys.argv[1:])
except SystemExit:
    pass
with open(os.environ["LOADED_TO"], "w") as out:
    out.write(" ".join(m for m in sys.modules if m.startswith("lp_coach")))
"""


def loaded(args: list[str], env: dict[str, str], *, terminal: bool) -> set[str]:
    """Our modules that `lp-coach ARGS` had loaded when it was done."""
    command = [sys.executable, "-c", LOADED, *args]
    if not terminal:
        subprocess.run(command, env=env, capture_output=True, timeout=30, check=False)
    else:
        main, child = os.openpty()
        proc = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=child)
        os.close(child)
        while True:
            try:
                if not os.read(main, 65536):
                    break
            except OSError:
                break
        proc.wait(timeout=30)
        os.close(main)
    return set(Path(env["LOADED_TO"]).read_text(encoding="utf-8").split())


RUNS = [
    ("--help", ["--help"], False),
    ("journal search", ["journal", "search", "budget"], False),
    ("journal search", ["journal", "search", "budget"], True),
    ("today", ["today", "--json"], False),
    ("today", ["today"], True),
    ("principles list", ["principles", "list"], False),
    ("principles list", ["principles", "list"], True),
    ("principles show", ["principles", "show", "ownership"], False),
    ("principles show", ["principles", "show", "ownership"], True),
]


def test_each_command_loads_only_what_its_start_up_path_allows(tmp_path: Path) -> None:
    env = dict(os.environ, LOADED_TO=str(tmp_path / "loaded"), TERM="xterm")
    subprocess.run(
        [sys.executable, "-m", "lp_coach", "journal", "add", "A budget cut"],
        env=env,
        capture_output=True,
        check=True,
    )
    for _, args, terminal in RUNS:  # warms the content cache, and keeps the pages read
        loaded(args, env, terminal=terminal)
    beyond = {
        f"{' '.join(args)}{' (terminal)' if terminal else ''}": sorted(
            loaded(args, env, terminal=terminal) - ALLOWED[name]
        )
        for name, args, terminal in RUNS
    }
    assert {run: extra for run, extra in beyond.items() if extra} == {}
