"""Serve the room's app with uvicorn in a background thread, on the LAN address by default."""

from __future__ import annotations

import logging
import socket
import threading
import time
from typing import Any

from lp_coach.errors import UsageError

DEFAULT_PORT = 8765


def lan_address() -> str:
    """This machine's address on the local network, or 127.0.0.1 when it has none.

    Connecting a UDP socket sends nothing; it only asks the system which address would be used.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.254.254.254", 1))
            address = str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"
    return address if address != "0.0.0.0" else "127.0.0.1"


class RoomServer:
    """A uvicorn server for `app` on `host:port` (port 0: any free one), run in a thread."""

    def __init__(self, app: Any, host: str, port: int) -> None:
        self.app = app
        self.host = host
        self.socket = _bind(host, port)
        self.port = int(self.socket.getsockname()[1])
        self.server: Any = None
        self.thread: threading.Thread | None = None

    def start(self, wait: float = 5.0) -> None:
        """Start serving; return once the server is listening."""
        import uvicorn

        from lp_coach.room.slow import HeaderDeadline

        for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi"):
            logger = logging.getLogger(name)  # nothing may print over the shared screen
            logger.handlers = [logging.NullHandler()]
            logger.propagate = False
        config = uvicorn.Config(
            self.app,
            log_config=None,
            log_level="critical",
            access_log=False,
            lifespan="off",
            http=HeaderDeadline,
            ws="none",
            server_header=False,
            timeout_graceful_shutdown=1,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, name="room", daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + wait
        while not self.server.started and self.thread.is_alive():
            if time.monotonic() > deadline:
                break
            time.sleep(0.01)
        if not self.server.started:
            self.stop()
            raise UsageError(f"the room could not start on {self.host}:{self.port}")

    def stop(self) -> None:
        """Stop serving and close the socket (safe to call twice)."""
        if self.server is not None:
            self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=3)
            self.thread = None
        self.socket.close()


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except (OSError, OverflowError) as exc:  # OverflowError: a port outside 0-65535
        sock.close()
        reason = getattr(exc, "strerror", None) or str(exc)
        raise UsageError(
            f"cannot open the room on {host}:{port}: {reason} (choose another with --room-port "
            "or --room-host)"
        ) from None
    sock.set_inheritable(False)
    return sock
