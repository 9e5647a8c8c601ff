"""What the room accepts: field lengths, clean text, a rate limit, and the refusal it sends."""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections.abc import Callable

from lp_coach.errors import CoachError
from lp_coach.study import speakers

MAX_NAME = speakers.MAX_NAME
MAX_TEXT = 1000
MAX_BODY = 8 * 1024
MAX_PARTICIPANTS = 100
MESSAGE_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
"""The id a phone gives each message it sends (sent again, it is stored once)."""
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class Refused(CoachError):
    """A request the room turns down, with the HTTP status and a message for the phone."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class NameTaken(Refused):
    """A name another phone in the room already holds: the phone asks whether to go on."""

    def __init__(self, name: str) -> None:
        super().__init__(
            409,
            f"Someone in the room has already joined as {name}. "
            "If that is you on another phone, or you share the name, join again to confirm.",
        )


def clean(text: str) -> str:
    """One line of plain text: runs of whitespace become one space, control characters go."""
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or (unicodedata.category(ch) != "Cc" and ch not in BIDI_CONTROLS)
    )
    return " ".join(kept.split())


def checked(label: str, text: str, limit: int) -> str:
    """`text` cleaned, or Refused with a message that names the field and the limit."""
    cleaned = clean(text)
    if any("\ud800" <= ch <= "\udfff" for ch in cleaned):
        raise Refused(400, f"{label} has characters that cannot be saved; please type it again.")
    if not cleaned:
        raise Refused(400, f"{label} is empty.")
    if len(cleaned) > limit:
        raise Refused(
            400, f"{label} is too long ({len(cleaned)} characters); please keep it to {limit}."
        )
    return cleaned


class RateLimit:
    """A token bucket per key: `burst` at once, then `per_second` (thread-safe)."""

    def __init__(
        self, burst: float, per_second: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.burst = burst
        self.per_second = per_second
        self.clock = clock
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Take one token for `key`; False when its bucket is empty."""
        with self.lock:
            now = self.clock()
            tokens, last = self.buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.per_second)
            if tokens < 1:
                self.buckets[key] = (tokens, now)
                return False
            self.buckets[key] = (tokens - 1, now)
            return True
