"""The exceptions lp-coach raises; the CLI turns each into one line and an exit code."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

EXIT_FAILURE = 1
EXIT_USAGE = 2


class CoachError(Exception):
    """Root of every error that is the user's to fix, not a bug in lp-coach."""

    exit_code = EXIT_FAILURE


class UsageError(CoachError):
    """A command was given an argument or option it cannot use."""

    exit_code = EXIT_USAGE


class NotFound(UsageError):
    """A principle, session or entry named by the user does not exist."""


class StoreError(CoachError):
    """The data directory or a file in it cannot be read or written."""


class Problem(NamedTuple):
    """One thing wrong with a content file, at a line when the line is known."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class ContentError(CoachError):
    """A principle pack has problems; every problem found is listed, not just the first."""

    exit_code = EXIT_USAGE

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=_problem_order)
        super().__init__("\n".join(str(p) for p in self.problems))


def _problem_order(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.message)
