"""Atomic file writes: a temporary file in the same directory, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_output(path: Path, *, mode: int = 0o600, binary: bool = False) -> Iterator[IO[Any]]:
    """A file written as a stream but seen whole or not at all (UTF-8 unless `binary`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        handle = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: str | bytes, *, mode: int = 0o600) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half."""
    with atomic_output(path, mode=mode, binary=isinstance(data, bytes)) as handle:
        handle.write(data)
