"""Open the library a command works on: the built-in pack and every configured user pack."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lp_coach.content.cache import load_library
from lp_coach.content.model import Library
from lp_coach.content.sources import configured_packs


def open_library(extra: Sequence[Path] = ()) -> Library:
    """The merged library of every configured pack plus `extra` directories."""
    return load_library(configured_packs(extra))
