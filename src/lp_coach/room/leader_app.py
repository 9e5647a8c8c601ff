"""The leader page's web app, behind the leader's own code: the page, its stream, its commands."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from lp_coach.room.app import (
    FORBIDDEN,
    CountedStream,
    Streams,
    _guarded,
    _json,
    _refusal,
    _stream,
    _text,
)
from lp_coach.room.desk import LeaderDesk
from lp_coach.room.inbox import Inbox
from lp_coach.room.limits import Refused

LEADER_STREAMS = 4
"""The leader's phone, a reload, a second device: a few streams, never the room's thirty."""


def leader_app(desk: LeaderDesk, inbox: Inbox, page: str) -> ASGIApp:
    """The leader page's routes (the gate in front has already checked the leader's code)."""
    streams = Streams(cap=LEADER_STREAMS)

    async def show_page(request: Request) -> Response:
        return HTMLResponse(page)

    async def events(request: Request) -> Response:
        if streams.open >= streams.cap:
            return _refusal(Refused(429, "The leader page is open in too many places."))
        desk.connected = True  # from now on the shared screen leaves the leader notes out
        inbox.wake()  # so the screen redraws without them at once
        streams.open += 1  # counted before any await (given back however the stream ends)
        return CountedStream(streams, _stream(desk.board))

    async def do(request: Request) -> Response:
        data = await _json(request)
        desk.push(_text(data, "command"), data.get("at"), data.get("turn"))
        inbox.wake()
        return JSONResponse({"queued": True})

    async def note(request: Request) -> Response:
        data = await _json(request)
        return JSONResponse(inbox.note(_text(data, "step"), _text(data, "text")))

    routes = [
        Route("/{code}", show_page, methods=["GET"]),
        Route("/{code}/events", events, methods=["GET"]),
        Route("/{code}/do", _guarded(do), methods=["POST"]),
        Route("/{code}/note", _guarded(note), methods=["POST"]),
    ]
    return Starlette(routes=routes, exception_handlers=FORBIDDEN)


def leader_page(code: str, principle: str) -> str:
    """The leader page of this room, rendered once from prompts/leader-page.html.j2."""
    from lp_coach.render.templates import render

    return render("leader-page.html.j2", principle=principle, config={"base": f"/{code}"})
