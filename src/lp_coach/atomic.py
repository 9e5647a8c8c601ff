"""Atomic file writes: a temporary file in the same directory, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from lp_coach.errors import StoreError, describe_os_error
from lp_coach.paths import ensure_private_dir


@contextmanager
def atomic_output(
    path: Path, *, mode: int = 0o600, binary: bool = False, durable: bool = True
) -> Iterator[IO[Any]]:
    """A file written as a stream but seen whole or not at all (UTF-8 unless `binary`).

    A file that cannot be written raises StoreError naming it; the old file, if any, stays.
    `durable=False` skips the wait for the disk (a cache: after a crash it may be found
    damaged, and its reader then makes it again).
    """
    tmp: str | None = None
    try:
        ensure_private_dir(path.parent)  # a folder made for it is the owner's alone
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        handle = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        with handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            with suppress(OSError):
                Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise StoreError(describe_os_error(exc, "write", _named(exc, path))) from None
        raise


def atomic_write(path: Path, data: str | bytes, *, mode: int = 0o600, durable: bool = True) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half."""
    binary = isinstance(data, bytes)
    with atomic_output(path, mode=mode, binary=binary, durable=durable) as handle:
        handle.write(data)


def fsync_path(path: Path) -> None:
    """Make what is written to the file or folder `path` durable (a folder: its renames)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _named(exc: OSError, path: Path) -> Path | str:
    """The path to name: the one the error names, unless it is our temporary file."""
    named = exc.filename
    if named is None or Path(os.fsdecode(named)).name.startswith(f".{path.name}."):
        return path
    return os.fsdecode(named)
