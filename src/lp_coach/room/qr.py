"""The QR code of the room's URL, as rows of dark (True) and light modules with a quiet zone."""

from __future__ import annotations


def qr_rows(text: str, border: int = 2) -> list[list[bool]]:
    """The modules of a QR code for `text`, row by row."""
    import segno

    code = segno.make(text, error="l", micro=False)
    return [[bool(m) for m in row] for row in code.matrix_iter(scale=1, border=border)]
