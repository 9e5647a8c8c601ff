"""The user's config file (TOML): which extra principle packs to load."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lp_coach.errors import StoreError, UsageError, describe_os_error
from lp_coach.paths import config_file


@dataclass(frozen=True)
class Config:
    """Settings read from config.toml; every field has a default."""

    principles: tuple[Path, ...] = field(default_factory=tuple)


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
    unknown = sorted(set(data) - {"principles"})
    if unknown:
        raise UsageError(f"{path}: unknown setting {unknown[0]!r} (known: principles)")
    dirs = data.get("principles", [])
    if isinstance(dirs, str):
        dirs = [dirs]
    if not isinstance(dirs, list) or not all(isinstance(d, str) for d in dirs):
        raise UsageError(f"{path}: 'principles' must be a directory or a list of directories")
    base = path.parent
    return Config(principles=tuple((base / Path(d).expanduser()) for d in dirs))
