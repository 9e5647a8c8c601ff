"""Output kept between runs, so a page read again costs no library, Jinja or Rich.

A kept page is found by its name and stands only while its key holds: the lp-coach version
and whatever the caller says the page is made from (the packs' files, the template, the
code that draws it, the terminal's size and colours), as JSON. Anything else is made
afresh and kept for next time.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable, Iterable
from typing import Any

from lp_coach import __version__
from lp_coach.paths import cache_dir, shipped, user_template_dir


def kept(page: str, made_from: Any, make: Callable[[], str]) -> str:
    """The text of `page` (a file name): kept while `made_from` is unchanged, else `make`."""
    source = json.dumps([__version__, made_from], sort_keys=True)
    key = f"{zlib.crc32(source.encode('utf-8', 'surrogatepass')):08x}:{len(source)}:"
    path = cache_dir() / "pages" / page
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            first = handle.readline()
            if first.startswith(key):  # then the page's length: a page cut short is remade
                text = handle.read()
                if first == f"{key}{len(text)}\n":
                    return text
    except (OSError, ValueError):
        pass
    text = make()
    from lp_coach.atomic import atomic_write
    from lp_coach.errors import StoreError
    from lp_coach.paths import ensure_private_dir

    try:
        ensure_private_dir(path.parent)
        atomic_write(path, f"{key}{len(text)}\n{text}", durable=False)
    except (StoreError, OSError, UnicodeError):
        pass  # a read-only cache only costs speed
    return text


def page_name(*parts: str) -> str:
    """A file name for a page named by `parts` (typed words among them), safe on any disk."""
    words = "\0".join(parts).encode("utf-8", "surrogatepass")
    return f"{parts[0]}-{zlib.crc32(words):08x}-{len(words)}"


def template_stamp(name: str) -> list[Any]:
    """What identifies the template `name` in use and every template it may include or
    import: each file of the user's template folder and of the built-in one (a handful of
    files: an edit to a partial the page includes redraws it too)."""
    stamps: list[Any] = [name]
    for folder in (str(user_template_dir()), str(shipped("prompts"))):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            stamps.append([folder])  # no folder (no templates of the user's own)
            continue
        stamps.extend(file_stamps(os.path.join(folder, entry) for entry in names))
    return stamps


def file_stamps(paths: Iterable[str]) -> list[Any]:
    """Each file's path, size and time (the code that draws a page: an edit redraws it)."""
    stamps: list[Any] = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            stamps.append([path])
            continue
        stamps.append([path, st.st_size, st.st_mtime_ns])
    return stamps
