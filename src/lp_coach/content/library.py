"""Open the library a command works on: the built-in pack and every configured user pack."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lp_coach.config import load_config
from lp_coach.content.cache import load_library
from lp_coach.content.model import Library
from lp_coach.content.sources import PackDir, builtin_pack, user_pack_dirs
from lp_coach.paths import user_pack_dir


def configured_packs(extra: Sequence[Path] = ()) -> list[PackDir]:
    """The built-in pack, then the user's packs in the order they override it."""
    config = load_config()
    users = user_pack_dirs(extra, config.principles, default_dir=user_pack_dir())
    return [builtin_pack(), *users]


def open_library(extra: Sequence[Path] = ()) -> Library:
    """The merged library of every configured pack plus `extra` directories."""
    return load_library(configured_packs(extra))
