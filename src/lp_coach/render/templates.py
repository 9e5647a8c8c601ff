"""The one Jinja environment factory: built-in templates, overridable by the user's own."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import jinja2
import jinja2.exceptions
import jinja2.sandbox

from lp_coach.errors import CoachError, NotFound
from lp_coach.paths import user_template_dir

HTML_SUFFIXES = (".html.j2", ".htm.j2", ".xml.j2")


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
    cls = jinja2.sandbox.SandboxedEnvironment if user_dirs else jinja2.Environment
    env = cls(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=_is_html,
    )
    from lp_coach.render.markdown_text import markdown_text

    env.filters["md"] = markdown_text  # people's words in Markdown: `{{ e.text | md }}`
    return env


def _is_html(name: str | None) -> bool:
    return name is not None and name.endswith(HTML_SUFFIXES)


def render(name: str, overrides: Sequence[Path] = (), **context: Any) -> str:
    """Render the template `name` with `context`; template mistakes become CoachErrors."""
    return "".join(stream(name, overrides, **context))


def stream(name: str, overrides: Sequence[Path] = (), **context: Any) -> Iterator[str]:
    """Render `name` piece by piece, for output too large to hold in memory at once."""
    env = environment(overrides)
    try:
        yield from env.get_template(name).generate(**context)
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
