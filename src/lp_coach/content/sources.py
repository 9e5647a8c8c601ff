"""Where packs are: the built-in one, the user's, and the directories they name."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from lp_coach.config import load_config
from lp_coach.errors import UsageError
from lp_coach.paths import shipped, user_pack_dir

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

PRINCIPLES_ENV = "LP_COACH_PRINCIPLES"
PACK_FILE = "pack.yaml"
SUFFIXES = (".yaml", ".yml")


class PackDir(NamedTuple):
    """A directory holding a pack (a Traversable, so the built-in one reads from a wheel)."""

    root: Traversable
    display: str
    builtin: bool = False


def builtin_pack() -> PackDir:
    """The pack shipped inside lp-coach."""
    root = shipped("principles")
    return PackDir(root, str(root), builtin=True)


def configured_packs(extra: Sequence[Path] = ()) -> list[PackDir]:
    """The built-in pack, then the user's packs in the order they override it."""
    config = load_config()
    users = user_pack_dirs(extra, config.principles, default_dir=user_pack_dir())
    return [builtin_pack(), *users]


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


def pack_stats(packs: Sequence[PackDir]) -> list[Any]:
    """What a library made of `packs` is read from, as a key: each pack's place and each of
    its files' name, time and size (a pack inside a zip is fixed by lp-coach's version)."""
    key: list[Any] = []
    for pack in packs:
        if not isinstance(pack.root, Path):
            key.append([pack.display])
            continue
        stats = [[pack.display, os.stat(pack.root).st_mtime_ns]]
        for entry in pack_files(pack):
            st = os.stat(str(entry))
            stats.append([entry.name, st.st_mtime_ns, st.st_size])
        key.append(stats)
    return key
