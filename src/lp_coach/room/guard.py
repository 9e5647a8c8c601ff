"""What the room lets reach its app: its own Host names, and JSON posted from its own page."""

from __future__ import annotations

import ipaddress

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

LOCAL_NAMES = frozenset({"localhost"})


class Guard:
    """Turns away requests for another Host (DNS rebinding), and posts that are not JSON or
    that come from another site's page (a form posting the code across sites)."""

    def __init__(self, app: ASGIApp, names: tuple[str, ...] = ()) -> None:
        self.app = app
        self.names = LOCAL_NAMES | {n.lower().strip("[]") for n in names if n}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if not self.served(host):
            await Response("Unknown host.", status_code=421)(scope, receive, send)
            return
        if scope["method"] == "POST" and not same_origin(headers, host):
            body = "Send it from the room's page."
            await Response(body, status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def served(self, host: str) -> bool:
        """Whether `host` (a Host header) names this room: an address, or a name it serves.

        An address cannot be rebound: only a name can be made to point at the room.
        """
        name = _hostname(host)
        if not name:
            return False
        if name in self.names:
            return True
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True


def same_origin(headers: Headers, host: str) -> bool:
    """A post the room's page made: JSON, and (when the browser says) from the room's origin."""
    kind = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != "application/json":
        return False
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = headers.get("origin")
    return origin is None or origin.lower() == f"http://{host.lower()}"


def _hostname(host: str) -> str:
    """'192.168.1.5:8765' -> '192.168.1.5'; '[::1]:8765' -> '::1'; lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else ""
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
