"""The plain face of a quiz: prints each question and reads one line (pipes, scripts, tests).

An answer that is not an option is asked for again; `/quit` or the end of input ends the
quiz, with every answer already given saved.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TextIO

from lp_coach.quiz.compare import closeness
from lp_coach.quiz.engine import Response, Result
from lp_coach.quiz.grades import Grade
from lp_coach.quiz.questions import Question, pick_option
from lp_coach.quiz.summary import back_in
from lp_coach.safetext import repaired
from lp_coach.streams import is_terminal

QUIT = "/quit"
GRADES = {str(int(g)): g for g in Grade} | {g.name.casefold(): g for g in Grade}
"""'1'-'4' and again/hard/good/easy, each as its grade."""
GRADE_PROMPT = "How well did you know it? 1 Again · 2 Hard · 3 Good · 4 Easy > "
WIDTH = 78


def back_line(result: Result) -> str:
    """When the card comes back, with the grade that decided it."""
    name = result.grade.label
    if result.next_due is None:
        return f"({name}; practice, so the schedule is unchanged.)"
    return f"({name}: back {back_in(result.next_due)}.)"


def parse_grade(typed: str) -> Grade | None:
    """'1'-'4' or again/hard/good/easy (any case) as a grade, else None."""
    return GRADES.get(typed.strip().casefold())


def similarity_note(typed: str, official: str, matched: bool) -> str:
    """A word on how close a typed answer came (the learner still decides the grade)."""
    if matched:
        return "✓ Word for word."
    if not typed.strip():
        return "Here it is."
    return f"Yours is {round(100 * closeness(typed, official))}% like the official text."


Read = Callable[[str], "str | None"]
"""Show a prompt and return the line typed, or None at the end of input."""


def read_response(
    question: Question, prompt: str, read: Read, complain: Callable[[str], None]
) -> Response | None:
    """Ask until the answer is usable: an option (number or name) or, typed, any text.

    None when the learner stops (/quit or end of input).
    """
    while True:
        line = read(prompt)
        if line is None or line.strip() == QUIT:
            return None
        if question.answer is None:
            return Response(text=line.strip())
        choice = pick_option(question, line)
        if choice is not None:
            return Response(choice=choice)
        count = len(question.options)
        complain(f"Please answer with a number from 1 to {count} (or {QUIT} to stop).")


def read_grade(read: Read, prompt: str, complain: Callable[[str], None]) -> Grade | None:
    """Ask for a self-grade until it is 1-4 (or a grade's name); None when the learner stops."""
    while True:
        line = read(prompt)
        if line is None or line.strip() == QUIT:
            return None
        grade = parse_grade(line)
        if grade is not None:
            return grade
        complain("Please type 1, 2, 3 or 4.")


class PlainFace:
    """Line-by-line questions on any text streams."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.echoed = is_terminal(stdin)
        """A terminal echoes what is typed; a pipe does not, so we do."""
        self.spoken = False

    def ask(self, question: Question) -> Response | None:
        self._question(question)
        return read_response(question, _prompt(question), self._read, self._say)

    def grade(self, question: Question, typed: str, matched: bool) -> Grade | None:
        self._say(similarity_note(typed, question.card.back, matched))
        self._wrapped(question.card.back, "  ")
        return read_grade(self._read, GRADE_PROMPT, self._say)

    def reveal(self, result: Result) -> None:
        question = result.question
        right = question.right_option
        if right is not None and question.answer is not None:
            if result.right:
                self._say(f"✓ Right: {right.title}.")
            else:
                self._say(f"✗ It is {question.answer + 1}. {right.title}.")
            if question.card.explanation:
                self._wrapped(question.card.explanation, "  ")
        self._say(back_line(result))

    def say(self, lines: list[str], title: str | None = None) -> None:
        """Print lines of our own (the opening line, the summary), under `title` if given."""
        if self.spoken:
            self._say("")
        if title:
            self._say(f"== {title} ==")
        for line in lines:
            self._say(line)

    def _question(self, question: Question) -> None:
        self._say("")
        if question.repeat:
            head = f"Once more ({question.number} of {question.total})"
        else:
            head = f"Question {question.number} of {question.total}"
        self._say(f"== {head} · {question.label} ==")
        self._wrapped(question.card.front, "  ")
        self._say(question.instruction)
        for number, option in enumerate(question.options, start=1):
            self._say(f"  {number}. {option.title}")

    def _read(self, prompt: str) -> str | None:
        self._say(prompt, end="")
        line = self.stdin.readline()
        if not line:
            self._say("")
            return None
        text = repaired(line.rstrip("\r\n"))  # bytes that are not UTF-8 as U+FFFD
        if not self.echoed:
            self._say(text)  # a transcript reads like the screen did
        return text

    def _wrapped(self, text: str, indent: str) -> None:
        words = " ".join(text.split())
        for line in textwrap.wrap(
            words, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
        ):
            self._say(line)

    def _say(self, text: str, end: str = "\n") -> None:
        self.spoken = True
        self.stdout.write(text + end)
        self.stdout.flush()


def _prompt(question: Question) -> str:
    if question.answer is None:
        return "Your answer (Enter: show it) > "
    return f"Your answer (1-{len(question.options)}) > "
