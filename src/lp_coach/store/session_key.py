"""An encrypted store's key kept for the login session in the kernel's keyring (Linux).

Reaching the system keyring costs the `keyring` package's import (~90 ms: importlib
metadata, email, http, ssl), more than the command it opens the store for. So once a key
from the system keyring has opened the store, it is kept in the kernel's keyring (keyctl):
the login session's keyring where there is one (pam_keyinit makes one at each login), else
the user's (every process of this user, as the system keyring is once unlocked); never other
users', and dropped LIFETIME seconds after it was read from the system keyring, or when the
session ends: a key removed from the system keyring outside lp-coach opens the store for at
most that long. The next commands read it with two system calls. Only a key the user chose
to keep in the system keyring is kept here (never a typed passphrase's); `data keyring
--forget`, `decrypt` and `passphrase` drop it. Where there is no kernel keyring (another
system, or one that refuses keys, as some containers do) nothing is kept and every command
asks the system keyring.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

LIFETIME = 15 * 60
"""Seconds a key is kept after it was read from the system keyring (using it does not make it
last longer; the first command after that reads the system keyring again)."""
SYSCALLS = {"x86_64": (248, 249, 250), "aarch64": (217, 218, 219)}
"""add_key, request_key, keyctl, by machine."""
SESSION_KEYRING = -3
USER_KEYRING = -4
USER_SESSION_KEYRING = -5
"""What a process without a login session of its own has as its session keyring."""
KEYCTL_GET_KEYRING_ID = 0
KEYCTL_JOIN = 1
KEYCTL_SETPERM = 5
KEYCTL_READ = 11
KEYCTL_SET_TIMEOUT = 15
KEYCTL_INVALIDATE = 21
POSSESSOR_ALL = 0x3F000000
"""Only a process possessing the key (this session) may see, read, change or drop it."""


@lru_cache(maxsize=1)
def _calls() -> tuple[Any, tuple[int, int, int]] | None:
    """libc and the key system calls' numbers, or None where there are none."""
    if sys.platform != "linux":
        return None
    numbers = SYSCALLS.get(os.uname().machine)
    if numbers is None:
        return None
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    return libc, numbers


def _name(path: Path) -> bytes:
    return f"lp-coach:{path}".encode("utf-8", "surrogateescape")


def _find(path: Path) -> int | None:
    """The id of the key kept for `path` in this session, or None."""
    calls = _calls()
    if calls is None:
        return None
    import ctypes

    libc, (_, request_key, _) = calls
    found = int(libc.syscall(request_key, b"user", _name(path), None, ctypes.c_long(0)))
    return found if found > 0 else None


def remembered(path: Path) -> bytes | None:
    """The key kept for `path` in this login session, or None."""
    found = _find(path)
    if found is None:
        return None
    import ctypes

    libc, (_, _, keyctl) = _calls()  # type: ignore[misc]  # _find found one
    buffer = ctypes.create_string_buffer(256)
    size = int(libc.syscall(keyctl, KEYCTL_READ, found, buffer, ctypes.c_long(len(buffer))))
    if size <= 0 or size > len(buffer):
        return None
    return buffer.raw[:size]


def remember(path: Path, key: bytes) -> bool:
    """Keep `key` for `path` in this login session's kernel keyring; False where none."""
    calls = _calls()
    if calls is None:
        return False
    import ctypes

    libc, (add_key, _, keyctl) = calls
    payload = ctypes.create_string_buffer(key, len(key))
    session = int(libc.syscall(keyctl, KEYCTL_GET_KEYRING_ID, SESSION_KEYRING, 0))
    fallback = int(libc.syscall(keyctl, KEYCTL_GET_KEYRING_ID, USER_SESSION_KEYRING, 0))
    into = SESSION_KEYRING if session not in (fallback, -1) else USER_KEYRING
    made = int(libc.syscall(add_key, b"user", _name(path), payload, ctypes.c_long(len(key)), into))
    if made <= 0:
        return False
    libc.syscall(keyctl, KEYCTL_SETPERM, made, POSSESSOR_ALL)
    libc.syscall(keyctl, KEYCTL_SET_TIMEOUT, made, LIFETIME)
    return True


def forget(path: Path) -> None:
    """Drop the key kept for `path` in this session, if one is."""
    found = _find(path)
    if found is not None:
        libc, (_, _, keyctl) = _calls()  # type: ignore[misc]  # _find found one
        libc.syscall(keyctl, KEYCTL_INVALIDATE, found)


def new_session() -> bool:
    """Give this process (and its children) a session keyring of its own, empty (the tests':
    they never touch the user's); False where there is no kernel keyring."""
    calls = _calls()
    if calls is None:
        return False
    libc, (_, _, keyctl) = calls
    return int(libc.syscall(keyctl, KEYCTL_JOIN, None)) > 0
