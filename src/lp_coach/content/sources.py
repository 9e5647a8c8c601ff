"""Where packs are: the built-in one, the user's, and the directories they name."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from lp_coach.errors import UsageError

PRINCIPLES_ENV = "LP_COACH_PRINCIPLES"
PACK_FILE = "pack.yaml"
SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class PackDir:
    """A directory holding a pack (a Traversable, so the built-in one reads from a wheel)."""

    root: Traversable
    display: str
    builtin: bool = False


def builtin_pack() -> PackDir:
    """The pack shipped inside lp-coach."""
    root = files("lp_coach") / "data" / "principles"
    return PackDir(root, str(root), builtin=True)


def user_pack_dirs(
    extra: Sequence[Path] = (), configured: Sequence[Path] = (), default_dir: Path | None = None
) -> list[PackDir]:
    """User packs in the order they are laid over the built-in one (later wins).

    The user's own pack directory (when it exists), then the config file's packs, then
    LP_COACH_PRINCIPLES, then each --principles option.
    """
    named: list[Path] = []
    if default_dir is not None and default_dir.is_dir():
        named.append(default_dir)
    named.extend(configured)
    env = os.environ.get(PRINCIPLES_ENV, "")
    named.extend(Path(p).expanduser() for p in env.split(os.pathsep) if p.strip())
    named.extend(extra)
    out: list[PackDir] = []
    for path in named:
        if not path.is_dir():
            what = "is not a directory" if path.exists() else "does not exist"
            raise UsageError(f"principles directory {path} {what}")
        if all(Path(str(p.root)).resolve() != path.resolve() for p in out):
            out.append(PackDir(path, str(path)))
    return out


def pack_files(pack: PackDir) -> list[Traversable]:
    """The YAML files of a pack, pack.yaml first, then principle files by name."""
    entries = [e for e in pack.root.iterdir() if e.name.endswith(SUFFIXES) and e.is_file()]
    entries.sort(key=lambda e: (e.name != PACK_FILE, e.name))
    return entries
