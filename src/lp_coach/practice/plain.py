"""The plain face of `lp-coach practice` (pipes, --plain): prompts and verdicts as lines, and
what the terminal face shares with it."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TextIO

from lp_coach.practice.choose import PracticeQuestion
from lp_coach.practice.rubric import CHECKS, Check
from lp_coach.practice.session import Answer
from lp_coach.safetext import repaired
from lp_coach.stories.model import Story

TYPE_HINT = "Type your answer; Enter on an empty line finishes it. Ctrl-D stops the practice."
SPEAK_HINT = "Answer aloud, as in the interview; press Enter when you have finished."


def clock(seconds: float) -> str:
    """'1:05' (and '+0:12' once the time is over)."""
    sign = "+" if seconds < 0 else ""
    whole = int(abs(seconds) + (0.999 if seconds > 0 else 0))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


class PlainPracticeFace:
    """Plain prompts and verdicts, for pipes and --plain; no clock is shown."""

    def __init__(self, stdin: TextIO, stdout: TextIO, spoken: bool = False) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.spoken = spoken

    def _print(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def _input(self, prompt: str = "") -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return repaired(line.rstrip("\n"))  # bytes that are not UTF-8 as U+FFFD

    def ask(
        self, question: PracticeQuestion, number: int, total: int, seconds: int
    ) -> Answer | None:
        self._print(f"\nQuestion {number} of {total} · {question.principle.title}")
        self._print(question.text)
        self._print(f"(Take about {clock(seconds)}.) {SPEAK_HINT if self.spoken else TYPE_HINT}")
        started = time.monotonic()
        lines = read_answer(self._input, single=self.spoken)
        return None if lines is None else Answer("\n".join(lines), time.monotonic() - started)

    def rate(self, items: Sequence[str]) -> list[bool] | None:
        self._print("Rate your answer (y or n):")
        return rate_items(items, self._input, self._print)

    def feedback(
        self, question: PracticeQuestion, checks: Sequence[Check], stories: Sequence[Story]
    ) -> None:
        score = sum(c.passed for c in checks)
        self._print(f"Rubric: {score} of {len(checks)}")
        for check in checks:
            mark = "PASS" if check.passed else "FAIL"
            self._print(f"  {mark}  {CHECKS.get(check.name, check.name)}: {check.reason}")
        for line in reminder_lines(question, stories):
            self._print(line)


def reminder_lines(question: PracticeQuestion, stories: Sequence[Story]) -> list[str]:
    """The user's own stories for the question's principle, or how to write one."""
    principle = question.principle
    if not stories:
        return [
            f"No story for {principle.title} in your bank yet: "
            f"lp-coach stories add -p {principle.id}"
        ]
    lines = [f"Your stories for {principle.title}:"]
    lines += [f"  {s.id:>3}  {s.title}" for s in stories]
    return lines


def read_answer(reader: Callable[[], str], *, single: bool) -> list[str] | None:
    """Lines up to an empty one (leading blank lines skipped); None at once on end of input."""
    lines: list[str] = []
    while True:
        try:
            line = reader()
        except EOFError:
            return lines or None
        if single:
            return [line] if line.strip() else []
        if not line.strip():
            if lines:
                return lines
            continue
        lines.append(line)


def rate_items(
    items: Sequence[str], ask: Callable[[str], str], say: Callable[[str], object]
) -> list[bool] | None:
    answers: list[bool] = []
    for item in items:
        while True:
            try:
                reply = ask(f"  {item}? ").strip().casefold()
            except EOFError:
                return None
            if reply in ("y", "yes", "n", "no"):
                answers.append(reply.startswith("y"))
                break
            say("  (y or n)")
    return answers
