"""uvicorn's HTTP/1.1 protocol with a deadline for a request's headers (no slowloris)."""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_SECONDS = 10.0
"""A request's headers (and body) must arrive within this; a phone sends them at once."""


class HeaderDeadline(H11Protocol):
    """Closes a connection whose request has not fully arrived HEADER_SECONDS after it opened
    or after its last response (a live stream, whose request is in, is never cut)."""

    header_seconds = HEADER_SECONDS
    deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
        self.deadline = self.loop.call_later(self.header_seconds, self._too_slow)

    def _too_slow(self) -> None:
        self.deadline = None
        waiting = self.conn.their_state in (h11.IDLE, h11.SEND_BODY)
        if waiting and not self.transport.is_closing():
            self.transport.close()
