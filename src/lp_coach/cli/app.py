"""The Typer app of lp-coach: the global options and the command groups."""

# No `from __future__ import annotations` in Typer modules: Typer would have to eval
# every annotation string on each start-up (measured: ~4 ms of a ~60 ms --help).
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from lp_coach import __version__
from lp_coach.cli.lazy import lazy_group
from lp_coach.cli.settings import SETTINGS
from lp_coach.cli.study import study
from lp_coach.errors import Interrupted

HELP = """A terminal coach for leadership principles.

Study a principle with your group, quiz yourself, keep a journal, export guides.

Example:  lp-coach study customer-obsession --group "Ann,Ben,Cal"
"""

# Command groups built only when used; their one-line help is shown by `lp-coach --help`.
GROUPS = {
    "sessions": ("lp_coach.cli.sessions", "Study sessions held so far, and their notes."),
    "plan": (
        "lp_coach.cli.plan",
        "The group's study plan: one principle a meeting, dated, with done and next.",
    ),
    "guide": ("lp_coach.cli.guide", "Discussion guides for facilitators: Markdown, HTML or PDF."),
    "quiz": ("lp_coach.cli.quiz", "Quiz yourself on the principles, with spaced repetition."),
    "progress": ("lp_coach.cli.progress", "How well you know each principle, at a glance."),
    "journal": ("lp_coach.cli.journal", "A reflection journal tagged by principle."),
    "principles": ("lp_coach.cli.principles", "Browse, check and write principle packs."),
    "today": ("lp_coach.cli.today", "Your day: cards due, the next meeting, a prompt, your steps."),
    "group": ("lp_coach.cli.group", "Your groups: each with its people, pack, plan and sessions."),
    "stories": (
        "lp_coach.cli.stories",
        "A bank of STAR stories for interviews, tagged by principle.",
    ),
    "practice": (
        "lp_coach.cli.practice",
        "Practise behavioural interview questions against a rubric.",
    ),
    "data": ("lp_coach.cli.data", "Your store: encrypt it, back it up, restore and check it."),
}


IN_GROUP = ("study", "plan", "guide", "sessions")
"""The commands that work in one group (`--in GROUP`)."""


class _Group(lazy_group(GROUPS)):  # type: ignore[misc]
    """The top group: Ctrl-C in any command reaches `run` as Interrupted (Typer would
    turn it into a silent exit 130)."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            raise Interrupted() from exc  # --debug shows where it landed, as the cause


app = typer.Typer(
    name="lp-coach",
    cls=_Group,
    help=HELP,
    # Plain help: Rich-formatted help doubles the start-up time of every --help.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,  # no command: today on a terminal, help otherwise
    add_completion=True,  # --install-completion and --show-completion, here alone
    pretty_exceptions_enable=False,
)
app.command()(study)


def _show_version(value: bool) -> None:
    if value:
        print(f"lp-coach {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    principles_dirs: Annotated[
        list[Path] | None,
        typer.Option(
            "--principles",
            metavar="DIR",
            help="A directory of your own principles, laid over the built-in ones, or "
            "alone when its pack.yaml says standalone: true (repeatable; also "
            "LP_COACH_PRINCIPLES and config.toml). May also follow the command.",
        ),
    ] = None,
    in_group: Annotated[
        str | None,
        typer.Option(
            "--in",
            metavar="GROUP",
            help="The group to work in, for study, plan, guide and sessions (default: the "
            "current one; see `lp-coach group`). May also follow the command.",
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a full traceback when something fails.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """A terminal coach for leadership principles."""
    SETTINGS.principles = list(principles_dirs or [])
    SETTINGS.debug = debug
    SETTINGS.group = in_group
    if in_group is not None and ctx.invoked_subcommand not in IN_GROUP:
        from lp_coach.errors import UsageError

        raise UsageError(f"--in GROUP goes with {', '.join(IN_GROUP)}")
    if ctx.invoked_subcommand is None:
        from lp_coach.cli.output import on_terminal

        if on_terminal() and sys.stdin.isatty():
            from lp_coach.cli.today import show

            show()
            return
        print(ctx.get_help())  # through a pipe: the usage, as before (`today --json` for data)
        raise typer.Exit(2)
