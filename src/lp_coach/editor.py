"""Write in the user's $EDITOR: a draft file kept until what was written is safely stored."""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, TypeVar

from lp_coach import clock
from lp_coach.atomic import atomic_write
from lp_coach.errors import CoachError, ContentError, StoreError, UsageError
from lp_coach.paths import data_dir, ensure_private_dir

T = TypeVar("T")


FALLBACK_EDITORS = ("editor", "vi")
"""What to run when neither $VISUAL nor $EDITOR is set, in order (git's choice too)."""


def drafts_dir() -> Path:
    """Where drafts wait while the editor is open (and stay if they could not be saved)."""
    return data_dir() / "drafts"


def editor_command() -> list[str]:
    """$VISUAL or $EDITOR as an argument list, else `editor` or `vi` as git falls back,
    or UsageError saying how to set one."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                command = shlex.split(value)
            except ValueError as exc:
                raise UsageError(f"${name} cannot be read ({exc}): {value!r}") from None
            if command:
                return command
    import shutil

    for fallback in FALLBACK_EDITORS:
        found = shutil.which(fallback)
        if found:
            return [found]
    raise UsageError(
        "no editor: set $EDITOR (e.g. export EDITOR=nano) or give the text: "
        'lp-coach journal add "..."'
    )


@dataclass(frozen=True)
class Draft:
    """A file the user wrote in, and what it holds now."""

    path: Path
    text: str

    def discard(self) -> None:
        """Remove the draft once its words are stored (or there was nothing to store)."""
        self.path.unlink(missing_ok=True)

    def stored(self, save: Callable[[], T], then: str, words: str | None = None) -> T:
        """What `save` returns once it has stored what was written; the draft then goes.

        When `save` raises CoachError, the draft stays (holding `words`, when given) and the
        error says where, and `then` what to do next.
        """
        try:
            result = save()
        except CoachError as exc:
            raise self.kept(exc, words, then) from None
        self.discard()
        return result

    def kept(self, error: CoachError, words: str | None = None, then: str = "") -> CoachError:
        """`error`, telling the user where their `words` (left in the draft) are kept.

        With an encrypted store nothing readable is left: the words are sealed to the store's
        key instead (they join the journal the next time the store is opened).
        """
        from lp_coach.store.sealing import seal_words

        if seal_words(self.text if words is None else words) is not None:
            self.discard()
            error.args = (
                f"{error}\nnothing is lost: your words are sealed (encrypted) and join your "
                "journal the next time the store is opened",
            )
            return error
        if words is not None:
            try:
                atomic_write(self.path, words + "\n")
            except StoreError:
                pass  # the draft as the editor left it is still there
        if not isinstance(error, ContentError):
            hint = f"; {then}" if then else ""
            error.args = (f"{error}\nnothing is lost: your words are in {self.path}{hint}",)
        return error


def read_piped(stream: TextIO, stem: str, then: str) -> str:
    """All of `stream` (piped stdin) as text; when it is not UTF-8, UsageError, with what
    could be decoded kept in a draft and `then` (a command taking the draft) in the message.
    """
    from shlex import quote

    from lp_coach.safetext import read_stream

    read = read_stream(stream)
    if read.bad_byte is None:
        return read.text
    offset, value = read.bad_byte
    folder = ensure_private_dir(drafts_dir())
    path = folder / f"{stem}-{clock.local_now():%Y%m%d-%H%M%S}-{os.getpid()}.md"
    atomic_write(path, read.text)
    raise UsageError(
        f"nothing saved: stdin is not UTF-8 text (byte 0x{value:02x} at offset {offset}); "
        f"what could be read is in {path}, with \ufffd for what could not: "
        f"fix it there and save with: {then} < {quote(str(path))}"
    )


def write_in_editor(initial: str, stem: str) -> Draft:
    """Open $EDITOR on a private draft holding `initial`; the draft as the editor left it."""
    command = editor_command()
    folder = ensure_private_dir(drafts_dir())
    path = folder / f"{stem}-{clock.local_now():%Y%m%d-%H%M%S}-{os.getpid()}.md"
    atomic_write(path, initial)
    try:
        status = subprocess.run([*command, str(path)], check=False).returncode
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise UsageError(f"cannot run the editor {command[0]!r}: {exc.strerror or exc}") from None
    text = path.read_text(encoding="utf-8", errors="replace")
    draft = Draft(path, text)
    if status != 0:
        if text == initial:
            draft.discard()
            raise CoachError(f"the editor {command[0]!r} exited with status {status}")
        raise draft.kept(CoachError(f"the editor {command[0]!r} exited with status {status}"))
    return draft
