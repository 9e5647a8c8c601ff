"""How much a fresh virtual environment grows when lp-coach is installed into it.

Target (issue 24): `pip install .` grows a fresh venv by at most 40 MiB. Prints the growth
and the ten largest packages it brought. Needs the package registry (it runs pip).
Run:  python bench/install.py [PROJECT_DIR ...]   (default: this checkout)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

TARGET_MIB = 40.0
ROOT = Path(__file__).resolve().parent.parent


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def site_packages(venv: Path) -> Path:
    return next(venv.glob("lib/python*/site-packages"))


def measure(project: Path) -> tuple[float, list[tuple[float, str]]]:
    with tempfile.TemporaryDirectory(prefix="lp-coach-install-") as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        site = site_packages(venv)
        before = {p.name for p in site.iterdir()}
        empty = size(venv)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, str(project)], check=True, stderr=subprocess.DEVNULL)
        grown = (size(venv) - empty) / 2**20
        new = [(size(p) / 2**20, p.name) for p in site.iterdir() if p.name not in before]
        return grown, sorted(new, reverse=True)[:10]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", nargs="*", type=Path, default=[ROOT])
    opts = parser.parse_args()
    for project in opts.projects:
        grown, largest = measure(project)
        verdict = "ok" if grown <= TARGET_MIB else "MISSED"
        print(f"{project}: the venv grew by {grown:.1f} MiB (target {TARGET_MIB:.0f}: {verdict})")
        for mib, name in largest:
            print(f"  {mib:7.1f} MiB  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
