"""Rendered text kept between runs, so a page read again costs no Jinja (import or compile).

A kept page is found by its name and stands only while its key holds: the lp-coach version,
the template (built-in, or the user's own of that name: path, size, time) and the values it
was rendered from, as JSON. Anything else renders afresh and is kept for next time.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from importlib.resources import files
from typing import Any

from lp_coach import __version__
from lp_coach.paths import cache_dir, user_template_dir


def kept(page: str, template: str, values: Any, render: Callable[[], str]) -> str:
    """The text of `page` (a file name) rendered by `render` from `template` and `values`."""
    source = json.dumps([__version__, _template_stat(template), values], sort_keys=True)
    key = f"{zlib.crc32(source.encode('utf-8', 'surrogatepass')):08x}:{len(source)}\n"
    path = cache_dir() / "pages" / page
    try:
        with open(path, encoding="utf-8") as handle:
            if handle.readline() == key:
                return handle.read()
    except (OSError, ValueError):
        pass
    text = render()
    from lp_coach.atomic import atomic_write
    from lp_coach.errors import StoreError
    from lp_coach.paths import ensure_private_dir

    try:
        ensure_private_dir(path.parent)
        atomic_write(path, key + text)
    except (StoreError, OSError):
        pass  # a read-only cache only costs speed
    return text


def _template_stat(name: str) -> list[Any]:
    """What identifies the template `name` in use: the user's own, else the built-in one."""
    for where in (user_template_dir() / name, files("lp_coach") / "data" / "prompts" / name):
        try:
            st = os.stat(str(where))
        except OSError:
            continue
        return [str(where), st.st_size, st.st_mtime_ns]
    return [name]
