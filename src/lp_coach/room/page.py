"""The room's phone page, rendered once per room from prompts/room-page.html.j2."""

from __future__ import annotations

from lp_coach.room.limits import MAX_NAME, MAX_TEXT


def room_page(code: str, principle: str, people: tuple[str, ...]) -> str:
    """The page for room `code`: the principle, the names to pick from, the limits."""
    from lp_coach.render.templates import render

    config = {"code": code, "base": f"/{code}", "max_text": MAX_TEXT, "max_name": MAX_NAME}
    return render(
        "room-page.html.j2",
        principle=principle,
        people=list(people),
        max_name=MAX_NAME,
        max_text=MAX_TEXT,
        config=config,
    )
