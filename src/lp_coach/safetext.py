"""Text from outside made safe to store and to print: bytes decoded, control sequences gone."""

from __future__ import annotations

import re
from typing import BinaryIO, NamedTuple, TextIO

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The explicit direction overrides and isolates: they can make text read backwards."""
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clear screen
    r"|\x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c|$)"  # OSC, DCS, SOS, PM, APC: up to their end
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the one-byte CSI
    r"|[\x90\x98\x9d\x9e\x9f].*?(?:\x07|\x1b\\|\x9c|$)"  # one-byte DCS, SOS, OSC, PM, APC
    r"|\x1b[ -/]*[0-~]?",  # any other escape, and a lone ESC
    re.DOTALL,
)
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
"""Every C0 control but tab and newline, DEL, every C1 control, the bidi overrides."""
_ASCII_CONTROLS = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])
"""The characters of _CONTROLS that are ASCII: all the patterns can remove from ASCII text."""


def printable(text: str) -> str:
    """`text` without escape sequences and control characters (tabs and line ends stay).

    A carriage return becomes a line end, so "a\\rb" cannot hide "a" on a terminal.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Every character the patterns remove is one isprintable() refuses (Cc, Cf): most text,
    # lines and tabs aside, is printable, and needs no pattern run over it (an import of
    # 100,000 entries spent a third of its time here). In ASCII text the patterns can only
    # remove C0 controls and DEL, which bytes.translate finds faster than isprintable().
    if text.isascii():
        if len(text.encode("ascii").translate(None, _ASCII_CONTROLS)) == len(text):
            return text
    elif text.replace("\n", "").replace("\t", "").isprintable():
        return text
    return _CONTROLS.sub("", _ESCAPE_SEQUENCE.sub("", text))


def one_line(text: str, limit: int = 80) -> str:
    """`text` printable, on one line, cut at `limit` characters: safe to quote in a message."""
    flat = " ".join(printable(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def repaired(text: str) -> str:
    """`text` with the undecodable bytes Python kept as surrogates (argv, a non-UTF-8
    stdin) decoded as UTF-8 where they can be, and shown as U+FFFD where not."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    raw = text.encode("utf-8", "surrogateescape" if _escaped_only(text) else "replace")
    return raw.decode("utf-8", "replace")


def _escaped_only(text: str) -> bool:
    """Whether every surrogate in `text` stands for a byte (U+DC80..U+DCFF)."""
    return all("\udc80" <= ch <= "\udcff" for ch in text if "\ud800" <= ch <= "\udfff")


class Decoded(NamedTuple):
    """Text read from a stream, and where its first byte that is not UTF-8 was (or None)."""

    text: str
    bad_byte: tuple[int, int] | None = None
    """(offset, value) of the first byte that could not be decoded."""


def decode(data: bytes) -> Decoded:
    """`data` as UTF-8 text (a BOM dropped), what cannot be decoded shown as U+FFFD."""
    try:
        return Decoded(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return Decoded(data.decode("utf-8-sig", "replace"), (exc.start, data[exc.start]))


def read_stream(stream: TextIO | BinaryIO) -> Decoded:
    """All of `stream`, decoded as far as it goes."""
    raw = getattr(stream, "buffer", stream)
    data = raw.read()
    if isinstance(data, str):  # a text stream without a buffer (StringIO)
        return Decoded(repaired(data))
    return decode(data)
