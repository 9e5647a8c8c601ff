"""Where a study screen's keys come from: a terminal in cbreak mode; signals that stop it."""

from __future__ import annotations

import os
import select
import signal
from collections.abc import Callable
from types import FrameType
from typing import Any, Protocol

from lp_coach.cli.faces.study_keys import decode

SignalHandler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None
HANG_UPS = (signal.SIGTERM, signal.SIGHUP)
"""Signals that end a session as Ctrl-C does: terminal given back, "saved at step…" said."""


class KeyReader(Protocol):
    """Where keys come from: a terminal, or a list in tests."""

    def start(self) -> None: ...

    def read(self, timeout: float) -> list[str]:
        """The keys pressed within `timeout` seconds (none if nothing was pressed)."""
        ...

    def close(self) -> None: ...


class TerminalKeys:
    """Keys from a terminal in cbreak mode: no echo, no line editing; Ctrl-C still interrupts.

    With `wake` (a live room's pipe), its turning readable comes as the key 'room'.
    """

    def __init__(self, fd: int, wake: int | None = None) -> None:
        import codecs

        self.fd = fd
        self.wake = [] if wake is None else [wake]
        self.saved: list[Any] | None = None
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def start(self) -> None:
        import termios
        import tty

        self.saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd)

    def read(self, timeout: float) -> list[str]:
        ready = select.select([self.fd, *self.wake], [], [], timeout)[0]
        woken = ["room"] if self.wake and self.wake[0] in ready else []
        if self.fd not in ready:
            return woken
        data = os.read(self.fd, 1024)
        if not data:
            return ["eof"]
        while data.endswith(b"\x1b") and select.select([self.fd], [], [], 0.03)[0]:
            data += os.read(self.fd, 1024)  # the rest of an arrow key's escape sequence
        return woken + decode(self.decoder.decode(data))

    def close(self) -> None:
        import termios

        if self.saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
            self.saved = None


class HangUp(KeyboardInterrupt):
    """SIGTERM or SIGHUP: the session stops as on Ctrl-C, even with a line being typed."""


def as_ctrl_c(signum: int, frame: FrameType | None) -> None:
    """SIGTERM or SIGHUP (a closed terminal, a shutdown): stop as Ctrl-C does."""
    raise HangUp
