"""An encrypted store against a plain one: `journal search` and `today --json`, whole processes.

Target (issue 22): with the key kept in the keyring, each command within 1.5x of the same
command on a plain store holding the same entries, measured in one run. The first command of
a login session reads the system keyring (the `keyring` import); the next ones read the key
the session keeps (store/session_key.py): both are printed, the target is on the second.
Also printed: what a typed passphrase costs (the key derivation, once per command). The
bench runs in a kernel session keyring of its own, as a login would.
Run:  python bench/secure.py [--entries N] [--runs N] [--check]
Needs the secure extra (pip install ".[secure]") and keyrings.alt (the keyring used here:
its file backend, in a temporary home).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import lp_coach  # bench/common.py, beside this script

TARGET = 1.5
COMMANDS = {
    "journal search": ["journal", "search", "patience"],
    "today --json": ["today", "--json"],
}
WORDS = "patience courage humility service listening trust ownership frugality".split()


def make_home(root: Path, entries: int) -> dict[str, str]:
    """A home with a store of `entries` journal entries; its environment."""
    home = root / "home"
    env = {
        **os.environ,
        "LP_COACH_HOME": str(home / "lp-coach"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "NO_COLOR": "1",
    }
    env.pop("LP_COACH_PASSPHRASE", None)
    lines = [
        f'{{"date": "2025-{1 + n % 12:02d}-{1 + n % 28:02d}", "time": "09:00", '
        f'"title": "Entry {n}", "tags": [], '
        f'"body": "On {WORDS[n % len(WORDS)]} and {WORDS[(n * 7) % len(WORDS)]}"}}'
        for n in range(entries)
    ]
    exported = root / "entries.json"
    exported.write_text('{"entries": [' + ",".join(lines) + "]}", encoding="utf-8")
    subprocess.run(
        [lp_coach(), "journal", "import", str(exported), "--format", "jrnl"],
        env=env,
        check=True,
        capture_output=True,
    )
    return env


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--check", action="store_true", help="exit 1 when a ratio misses")
    options = parser.parse_args()
    from lp_coach.store import session_key

    session_key.new_session()  # the bench's own login session: the user's keyring untouched
    with tempfile.TemporaryDirectory() as plain_root, tempfile.TemporaryDirectory() as root:
        plain = make_home(Path(plain_root), options.entries)
        secure = make_home(Path(root), options.entries)
        store = Path(secure["LP_COACH_HOME"]) / "lp-coach.db"
        encrypt = [lp_coach(), "data", "encrypt", "--yes", "--keyring"]
        subprocess.run(
            encrypt,
            env={**secure, "LP_COACH_PASSPHRASE": "a long passphrase"},
            check=True,
            capture_output=True,
        )
        print(f"{options.entries} entries, median of {options.runs} runs (seconds)")
        missed = False
        searches: list[float] = []
        for name, args in COMMANDS.items():
            plain_times, secure_times, first_times = [], [], []
            for _ in range(options.runs):  # interleaved, so load on the machine hits both
                plain_times.append(timed([lp_coach(), *args], plain))
                secure_times.append(timed([lp_coach(), *args], secure))
                session_key.forget(store)  # as at the first command of a login session
                first_times.append(timed([lp_coach(), *args], secure))
            ratio = statistics.median(secure_times) / statistics.median(plain_times)
            first = statistics.median(first_times) / statistics.median(plain_times)
            if name == "journal search":
                searches = plain_times
            missed |= ratio > TARGET
            print(
                f"  {name:15} plain {statistics.median(plain_times):.3f}  "
                f"encrypted (keyring) {statistics.median(secure_times):.3f}  "
                f"ratio {ratio:.2f}x (target <= {TARGET}x); the session's first command "
                f"{statistics.median(first_times):.3f} ({first:.2f}x)"
            )
        typed = {**secure, "LP_COACH_PASSPHRASE": "a long passphrase"}
        with_typed = statistics.median(
            timed([lp_coach(), *COMMANDS["journal search"]], typed) for _ in range(options.runs)
        )
        searched = statistics.median(searches)
        print(f"  journal search with a typed passphrase: {with_typed:.3f}")
    from lp_coach.store.keys import derive

    kdfs = []
    for _ in range(5):
        start = time.perf_counter()
        derive("a long passphrase", os.urandom(16))  # a new salt each time: no cache
        kdfs.append(time.perf_counter() - start)
    kdf = statistics.median(kdfs)
    print(f"  the key derivation of a typed passphrase: {kdf:.3f}")
    print(f"  so SQLCipher itself adds to a search: {with_typed - kdf - searched:.3f}")
    python = [sys.executable, "-c"]
    bare = statistics.median(timed([*python, "pass"], plain) for _ in range(options.runs))
    keyring = statistics.median(
        timed([*python, "import keyrings.alt.file"], plain) for _ in range(options.runs)
    )
    print(f"  importing the keyring backend alone: {keyring - bare:.3f}")
    return 1 if options.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
