"""The user's config file (TOML): which extra principle packs to load, who the user is, and
whether their studies are secular."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from lp_coach.errors import StoreError, UsageError, describe_os_error
from lp_coach.paths import config_file


class Config(NamedTuple):
    """Settings read from config.toml; every field has a default."""

    principles: tuple[Path, ...] = ()
    me: str | None = None
    """The user's name in group sessions (`lp-coach today --me NAME` remembers it)."""
    secular: bool = False
    """`secular = true`: study, guide, today and practice act as if given --secular."""
    retention: float | None = None
    """The quiz's retention target (`lp-coach quiz --retention 0.85` remembers it)."""


RETENTION_RANGE = (0.7, 0.99)
"""The retention targets a quiz accepts: below 0.7 too much is forgotten, above 0.99 the
reviews never end."""


def check_retention(value: float, what: str = "--retention") -> float:
    """`value` if it is a retention target in RETENTION_RANGE, else UsageError."""
    low, high = RETENTION_RANGE
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise UsageError(f"{what} must be a number from {low} to {high} (0.9: recall 90%)")
    return float(value)


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file gives the defaults, a broken one a clear error."""
    path = path or config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise StoreError(describe_os_error(exc, "read", path)) from None
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: {exc}") from None
    known = ("principles", "me", "secular", "retention")
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise UsageError(f"{path}: unknown setting {unknown[0]!r} (known: {', '.join(known)})")
    secular = data.get("secular", False)
    if not isinstance(secular, bool):
        raise UsageError(f"{path}: 'secular' must be true or false")
    me = data.get("me")
    if me is not None and (not isinstance(me, str) or not me.strip()):
        raise UsageError(f"{path}: 'me' must be a name")
    retention = data.get("retention")
    if retention is not None:
        retention = check_retention(retention, f"{path}: 'retention'")
    dirs = data.get("principles", [])
    if isinstance(dirs, str):
        dirs = [dirs]
    if not isinstance(dirs, list) or not all(isinstance(d, str) for d in dirs):
        raise UsageError(f"{path}: 'principles' must be a directory or a list of directories")
    base = path.parent
    return Config(
        principles=tuple((base / Path(d).expanduser()) for d in dirs),
        me=me.strip() if me else None,
        secular=secular,
        retention=retention,
    )


def secular_default(flag: bool) -> bool:
    """--secular as given, or the config's `secular = true`."""
    return flag or load_config().secular


def clean_name(name: str) -> str:
    """A name as given on the command line, decoded, on one line, without control characters
    (TOML refuses some, and a terminal would obey others)."""
    from lp_coach.safetext import printable, repaired

    return " ".join(printable(repaired(name)).split())


def remember_me(name: str, path: Path | None = None) -> None:
    """Set `me = "NAME"` in the config file, keeping every other line as it was."""
    import json

    name = clean_name(name)
    if not name:
        raise UsageError("--me needs a name")
    _remember("me", json.dumps(name, ensure_ascii=False), path)  # a JSON string is TOML's


def remember_retention(value: float, path: Path | None = None) -> None:
    """Set `retention = VALUE` in the config file, keeping every other line as it was."""
    _remember("retention", repr(check_retention(value)), path)


def _remember(key: str, value: str, path: Path | None) -> None:
    """Set the top-level `key = value` (TOML) in the config file, other lines unchanged."""
    import re

    from lp_coach.atomic import atomic_write
    from lp_coach.paths import ensure_private_dir

    path = path or config_file()
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except FileNotFoundError:
        lines = []
    except OSError as exc:
        raise UsageError(f"{path}: cannot read config: {exc.strerror}") from None
    setting = f"{key} = {value}"
    top = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("[")), len(lines))
    found = next((i for i in range(top) if re.match(rf"\s*{key}\s*=", lines[i])), None)
    if found is None:
        lines.insert(0, setting)
    else:
        lines[found] = setting
    text = "\n".join(lines).rstrip("\n") + "\n"
    try:
        ensure_private_dir(path.parent)
        atomic_write(path, text)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write config: {exc.strerror or exc}") from None
