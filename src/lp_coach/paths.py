"""Where lp-coach keeps its files: the one place that decides."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

APP_NAME = "lp-coach"
HOME_ENV = "LP_COACH_HOME"
DB_NAME = "lp-coach.db"


def home_override() -> Path | None:
    """The directory named by LP_COACH_HOME, which then holds everything, or None."""
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """The directory for the database, notes, exports and caches (not created here)."""
    home = home_override()
    if home is not None:
        return home
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def db_path() -> Path:
    """Where the database lives."""
    return data_dir() / DB_NAME


def config_dir() -> Path:
    """The directory for config.toml and the user's own principle pack."""
    home = home_override()
    if home is not None:
        return home
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    """The user's config file (it need not exist)."""
    return config_dir() / "config.toml"


def user_pack_dir() -> Path:
    """The user's own principle pack, loaded after the built-in one when it exists."""
    return config_dir() / "principles"


def user_template_dir() -> Path:
    """The user's own templates: one here overrides the built-in one of the same name."""
    return config_dir() / "templates"


def cache_dir() -> Path:
    """Files lp-coach can always rebuild, such as the checked content of packs."""
    return data_dir() / "cache"


def ensure_private_dir(path: Path) -> Path:
    """Create `path`, and any missing parents, readable by their owner alone; return it.

    Directories that already exist are left as they are. A file in the way, or a folder
    that cannot be made, raises StoreError naming it.
    """
    from lp_coach.errors import StoreError, describe_os_error

    missing = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    if not missing and not path.is_dir():
        raise StoreError(f"cannot write {path}: it is a file, not a folder")
    try:
        for directory in reversed(missing):
            directory.mkdir(mode=0o700, exist_ok=True)
            directory.chmod(0o700)  # mkdir's mode is narrowed by the umask, never widened
    except OSError as exc:
        raise StoreError(describe_os_error(exc, "write")) from None
    return missing[0] if missing else path


def shipped(*parts: str) -> Traversable:
    """A file or folder shipped in lp-coach's `data/`: a plain path when lp-coach is
    installed as files (importlib.resources costs ~8 ms of start-up), else the resource
    view that reads it from inside a zip."""
    here = Path(__file__).parent.joinpath("data", *parts)
    if here.exists():
        return here
    from importlib.resources import files

    return files("lp_coach").joinpath("data", *parts)
