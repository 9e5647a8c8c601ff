"""The room's web app: one page, a live stream of the step, join, say, and what I sent."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lp_coach.room import codes
from lp_coach.room.inbox import Inbox
from lp_coach.room.limits import MAX_BODY, NameTaken, Refused
from lp_coach.room.phone_view import Board

KEEPALIVE_SECONDS = 15.0
BODY_SECONDS = 10.0
"""A request body must arrive within this; a phone that trickles it is turned away."""
HEADERS = [
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        b"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
]

GONE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Room not found</title>
<style>body{font:1.1rem/1.5 system-ui,sans-serif;margin:2rem auto;max-width:30rem;padding:0 1rem}
</style></head>
<body><h1>Room not found</h1>
<p>This room has ended or the code is wrong &mdash; scan the QR code on the screen again.</p>
</body></html>
"""
"""What any URL without the room's code gets: the same small page, naming no room."""
GONE_HEADERS = {
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
}


class CodeGate:
    """Every request must start with a code (the room's, or the leader page's): each opens its
    own app and nothing else; otherwise 403 and the one "room not found" page, nothing else."""

    def __init__(self, apps: dict[str, ASGIApp]) -> None:
        self.apps = apps

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await next(iter(self.apps.values()))(scope, receive, send)
            return
        first = str(scope.get("path", "")).lstrip("/").split("/", 1)[0]
        opened = [app for code, app in self.apps.items() if codes.matches(first, code)]
        if scope["type"] != "http" or not opened:
            if scope["type"] == "http":
                await HTMLResponse(GONE_PAGE, status_code=403, headers=GONE_HEADERS)(
                    scope, receive, send
                )
            else:
                await send({"type": "websocket.close", "code": 1008})
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await opened[0](scope, receive, send_with_headers)


class Streams:
    """How many live streams are open, kept under a cap."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.open = 0


def build_app(
    code: str, inbox: Inbox, board: Board, page: str, leader: tuple[str, ASGIApp] | None = None
) -> ASGIApp:
    """The ASGI app of one room, behind its code; with `leader`, the leader page's app behind
    the leader's own code."""
    streams = Streams(cap=2 * inbox.cap)

    async def show_page(request: Request) -> Response:
        return HTMLResponse(page)

    async def events(request: Request) -> Response:
        if streams.open >= streams.cap:
            return _refusal(Refused(429, "Too many screens are following the room."))
        streams.open += 1  # counted here, before any await: a burst cannot pass the cap
        return CountedStream(streams, _stream(board))

    async def join(request: Request) -> Response:
        data = await _json(request)
        address = _address(request)
        who = await run_in_threadpool(
            inbox.join,
            _text(data, "name"),
            data.get("anonymous") is True,
            _text(data, "client"),
            address,
            confirm=data.get("confirm") is True,
        )
        mine = await run_in_threadpool(inbox.mine, who.client)
        chosen = await run_in_threadpool(inbox.chosen, who.client)  # a reloaded page still
        return JSONResponse(  # knows its warm-up answers
            {"client": who.client, "name": who.name, "mine": mine, "chosen": chosen}
        )

    async def say(request: Request) -> Response:
        data = await _json(request)
        saved = await run_in_threadpool(
            inbox.say,
            _text(data, "client"),
            _text(data, "kind"),
            _text(data, "text"),
            _text(data, "visibility") or "group",
            _text(data, "step"),
            address=_address(request),
            message=_text(data, "id"),
        )
        return JSONResponse(saved)

    async def choose(request: Request) -> Response:
        data = await _json(request)
        choice, seconds = data.get("choice"), data.get("seconds", 0)
        if not isinstance(choice, int) or isinstance(choice, bool):
            raise Refused(400, "Choose one of the answers.")
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool):
            raise Refused(400, "'seconds' should be a number.")
        saved = inbox.choose(_text(data, "client"), _text(data, "step"), choice, seconds)
        return JSONResponse(saved)

    async def mine(request: Request) -> Response:
        data = await _json(request)
        return JSONResponse({"mine": await run_in_threadpool(inbox.mine, _text(data, "client"))})

    routes = [
        Route("/{code}", show_page, methods=["GET"]),
        Route("/{code}/events", events, methods=["GET"]),
        Route("/{code}/join", _guarded(join), methods=["POST"]),
        Route("/{code}/say", _guarded(say), methods=["POST"]),
        Route("/{code}/mine", _guarded(mine), methods=["POST"]),
        Route("/{code}/choose", _guarded(choose), methods=["POST"]),
    ]
    apps: dict[str, ASGIApp] = {code: Starlette(routes=routes, exception_handlers=FORBIDDEN)}
    if leader is not None:
        apps[leader[0]] = leader[1]
    return CodeGate(apps)


async def _forbidden(request: Request, exc: Exception) -> Response:
    """Any path a code does not open answers as if there were no code: 403 and the same page
    as any wrong URL, nothing else."""
    return HTMLResponse(GONE_PAGE, status_code=403, headers=GONE_HEADERS)


FORBIDDEN: dict[Any, Any] = {404: _forbidden, 405: _forbidden}


class CountedStream(StreamingResponse):
    """A live stream holding one place under the cap (taken when the request came in), given
    back however the stream ends, even before its first line."""

    def __init__(self, streams: Streams, lines: AsyncIterator[str]) -> None:
        super().__init__(lines, media_type="text/event-stream", headers={"x-accel-buffering": "no"})
        self.streams = streams

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.streams.open -= 1


async def _stream(board: Board) -> AsyncIterator[str]:
    """The step now, then again whenever it changes; a comment now and then keeps it open."""
    version, payload = board.current()
    yield f"data: {payload}\n\n"
    # Ends on what was *sent*: the board may say "ended" before this stream has said it.
    while json.loads(payload).get("ended") is not True:
        if await board.changed(version, KEEPALIVE_SECONDS):
            version, payload = board.current()
            yield f"data: {payload}\n\n"
        else:
            yield ": still here\n\n"


Handler = Callable[[Request], Awaitable[Response]]


def _guarded(handler: Handler) -> Handler:
    """Refusals become a JSON message for the phone; nothing a phone sends crashes the room."""

    async def guarded(request: Request) -> Response:
        try:
            return await handler(request)
        except Refused as refused:
            return _refusal(refused)
        except Exception:  # a fault of ours, not the phone's: it may send again; never a 500
            return _refusal(Refused(503, "Something went wrong in the room; send it again."))

    return guarded


def _refusal(refused: Refused) -> Response:
    body: dict[str, object] = {"error": refused.message}
    if isinstance(refused, NameTaken):
        body["confirm"] = True  # the phone asks its user, then joins again with confirm
    return JSONResponse(body, status_code=refused.status)


async def _json(request: Request) -> dict[str, Any]:
    """The request's JSON object, read no further than MAX_BODY bytes nor BODY_SECONDS."""
    length = request.headers.get("content-length", "0")
    if not length.isdigit() or int(length) > MAX_BODY:
        raise Refused(413, "That is too long to send.")
    try:
        body = await asyncio.wait_for(_body(request), BODY_SECONDS)
    except TimeoutError:
        raise Refused(408, "That took too long to arrive; please send it again.") from None
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise Refused(400, "That did not come from the room's page; please reload it.") from None
    if not isinstance(data, dict):
        raise Refused(400, "That did not come from the room's page; please reload it.")
    return data


async def _body(request: Request) -> bytes:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Refused(413, "That is too long to send.")
    return body


def _address(request: Request) -> str:
    """The device's address (what limits are counted by: ids are free to make up)."""
    return request.client.host if request.client else "?"


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise Refused(400, f"{key!r} should be text.")
    return value
