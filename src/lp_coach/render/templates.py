"""The one Jinja environment factory: built-in templates, overridable by the user's own."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import jinja2
import jinja2.exceptions
import jinja2.sandbox

from lp_coach.errors import CoachError, NotFound
from lp_coach.paths import cache_dir, user_template_dir

HTML_SUFFIXES = (".html.j2", ".htm.j2", ".xml.j2")
MAX_OUTPUT = 5 * 1024 * 1024
"""The most a user's template may write in one render, or in one value: 5 MB of text."""
MAX_STREAM = 100 * MAX_OUTPUT
"""The most a user's template may write in one streamed export (a whole journal)."""
_NUMBER = re.compile(r"\d{7,}")
"""A number in a format string that could be a width over MAX_OUTPUT ('%300000000s')."""
_WIDE = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
"""The str methods that pad a string to a width (which could ask for gigabytes)."""


class TooLarge(CoachError):
    """A user's template wrote (or was about to make) more text than it may."""

    def __init__(self, limit: int = MAX_OUTPUT, name: str = "template") -> None:
        super().__init__(
            f"{name}: the template writes more than {limit // (1024 * 1024)} MB, the most a "
            "template may write; check its loops and repeats"
        )
        self.limit = limit


class _Bounded(jinja2.sandbox.SandboxedEnvironment):
    """The sandbox, with `*`, `**` and padding refused before they make a value too large."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*" and (_too_long(left, right) or _too_long(right, left)):
            raise TooLarge()
        if operator == "**" and _too_big(left, right):
            raise TooLarge()
        if operator == "%" and _wide_format(left):
            raise TooLarge()
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        padding = isinstance(getattr(__obj, "__self__", None), str) and __obj.__name__ in _WIDE
        numbers = [a for a in (*args, *kwargs.values()) if isinstance(a, int)]
        if padding and any(n > MAX_OUTPUT for n in numbers):
            raise TooLarge()
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and _wide_format(value.__self__):
            raise TooLarge()  # '{:300000000}'.format(...)
        return wrapped


def _too_long(sequence: Any, times: Any) -> bool:
    """Whether `sequence * times` would be longer than MAX_OUTPUT."""
    sized = isinstance(sequence, str | bytes | list | tuple)
    return sized and isinstance(times, int) and len(sequence) * times > MAX_OUTPUT


def _wide_format(text: Any) -> bool:
    """Whether the format string `text` asks for a width or precision over MAX_OUTPUT."""
    return isinstance(text, str) and any(int(n) > MAX_OUTPUT for n in _NUMBER.findall(text))


def _too_big(base: Any, exponent: Any) -> bool:
    """Whether `base ** exponent` would be an integer of more than MAX_OUTPUT digits."""
    if not (isinstance(base, int) and isinstance(exponent, int)) or abs(base) < 2:
        return False
    return exponent > 0 and exponent * abs(base).bit_length() > MAX_OUTPUT * 3


class _KeptCode(jinja2.FileSystemBytecodeCache):
    """The built-in templates compiled, kept in the cache folder: a command's first render
    loads a template's code instead of compiling it (~15 ms for principle.md.j2).

    Jinja keys each file by the template's name and source and its own and Python's
    versions; the folder's name adds what else shapes the code, this module (the
    environment's options). A folder that cannot be read or written only costs speed.
    """

    def __init__(self) -> None:
        import zlib

        from lp_coach import __version__
        from lp_coach.render.kept import file_stamps

        made_from = repr([__version__, file_stamps([__file__])]).encode("utf-8", "replace")
        super().__init__(str(cache_dir() / f"templates-{zlib.crc32(made_from):08x}"), "%s")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        import pickle

        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()  # cut short or damaged: compiled afresh (Jinja reads no further)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from lp_coach.errors import StoreError
        from lp_coach.paths import ensure_private_dir

        try:
            ensure_private_dir(Path(self.directory))
            super().dump_bytecode(bucket)
        except (OSError, StoreError):
            pass


def environment(overrides: Sequence[Path] = ()) -> jinja2.Environment:
    """A strict environment over the built-in templates, with `overrides` searched first.

    As soon as a user's template directory is in play the environment is sandboxed, so a
    template from a shared pack cannot reach into Python.
    """
    user_dirs = [d for d in (*overrides, user_template_dir()) if d.is_dir()]
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(d) for d in user_dirs]),
            jinja2.PackageLoader("lp_coach", "data/prompts"),
        ]
    )
    cls = _Bounded if user_dirs else jinja2.Environment
    env = cls(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=_is_html,
        # the sandbox compiles operators to checks: its code is never kept beside the other's
        bytecode_cache=None if user_dirs else _KeptCode(),
    )
    from lp_coach.render.markdown_text import markdown_text

    env.filters["md"] = markdown_text  # people's words in Markdown: `{{ e.text | md }}`
    if user_dirs:
        for name in ("center", "indent", "format"):  # the filters that pad to a width
            env.filters[name] = _narrow(env.filters[name])
    return env


def _narrow(pad: Any) -> Any:
    """The padding filter `pad`, refusing a width over MAX_OUTPUT."""

    def narrow(value: Any, *args: Any, **kwargs: Any) -> Any:
        numbers = [a for a in (*args, *kwargs.values()) if isinstance(a, int)]
        if any(n > MAX_OUTPUT for n in numbers) or _wide_format(value):
            raise TooLarge()
        return pad(value, *args, **kwargs)

    return narrow


def _is_html(name: str | None) -> bool:
    return name is not None and name.endswith(HTML_SUFFIXES)


def render(name: str, overrides: Sequence[Path] = (), **context: Any) -> str:
    """Render the template `name` with `context`; template mistakes become CoachErrors."""
    return "".join(stream(name, overrides, limit=MAX_OUTPUT, **context))


def stream(
    name: str, overrides: Sequence[Path] = (), limit: int = MAX_STREAM, **context: Any
) -> Iterator[str]:
    """Render `name` piece by piece, for output too large to hold in memory at once. A
    user's template may write `limit` characters at the most (TooLarge, said in one line)."""
    env = environment(overrides)
    bounded = isinstance(env, _Bounded)
    written = 0
    try:
        for piece in env.get_template(name).generate(**context):
            written += len(piece)
            if bounded and written > limit:
                raise TooLarge(limit)
            yield piece
    except TooLarge as exc:
        raise TooLarge(exc.limit, name) from None
    except CoachError:
        raise
    except jinja2.TemplateNotFound as exc:
        raise NotFound(f"no template named {exc.name or name!r}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise CoachError(f"{name}: template not allowed: {exc}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise CoachError(f"{exc.filename or name}:{exc.lineno}: template error: {exc}") from None
    except jinja2.TemplateError as exc:
        raise CoachError(f"{name}: template error: {exc}") from None
    except Exception as exc:
        if not isinstance(env, jinja2.sandbox.SandboxedEnvironment):
            raise  # the built-in templates alone: a bug of ours, not the user's to fix
        # a user's template that fails as it runs ({{ 1/0 }}, a macro calling itself)
        raise CoachError(
            f"{name}: template error: {type(exc).__name__}: {str(exc)[:200]}"
        ) from None
