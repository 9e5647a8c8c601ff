"""The plain face of a quiz: prints each question and reads one line (pipes, scripts, tests).

An answer that is not an option is asked for again; `/quit` or the end of input ends the
quiz, with every answer already given saved.
"""

from __future__ import annotations

import textwrap
from typing import TextIO

from lp_coach.quiz.answers import back_line, read_grade, read_response, similarity_note
from lp_coach.quiz.engine import Response, Result
from lp_coach.quiz.grades import Grade
from lp_coach.quiz.questions import QuizQuestion
from lp_coach.safetext import repaired
from lp_coach.streams import is_terminal

GRADE_PROMPT = "How well did you know it? 1 Again · 2 Hard · 3 Good · 4 Easy > "
WIDTH = 78


class PlainQuizFace:
    """Line-by-line questions on any text streams."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.echoed = is_terminal(stdin)
        """A terminal echoes what is typed; a pipe does not, so we do."""
        self.spoken = False

    def ask(self, question: QuizQuestion) -> Response | None:
        self._question(question)
        return read_response(question, _prompt(question), self._read, self._say)

    def grade(self, question: QuizQuestion, typed: str, matched: bool) -> Grade | None:
        self._say(similarity_note(typed, question.card.back, matched))
        self._wrapped(question.card.back, "  ")
        return read_grade(self._read, GRADE_PROMPT, self._say, typed, question.card.back)

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

    def _question(self, question: QuizQuestion) -> None:
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


def _prompt(question: QuizQuestion) -> str:
    if question.answer is None:
        return "Your answer (Enter: show it) > "
    return f"Your answer (1-{len(question.options)}) > "
