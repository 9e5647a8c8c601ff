"""Reading a quiz answer or a self-grade, and the words shown after it: what the plain and
the terminal faces of a quiz share."""

from __future__ import annotations

from collections.abc import Callable

from lp_coach.quiz.compare import closeness
from lp_coach.quiz.engine import Response, Result
from lp_coach.quiz.grades import Grade
from lp_coach.quiz.questions import QuizQuestion, pick_option
from lp_coach.quiz.summary import back_in

QUIT = "/quit"
GRADES = {str(int(g)): g for g in Grade} | {g.name.casefold(): g for g in Grade}
"""'1'-'4' and again/hard/good/easy, each as its grade."""


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
    question: QuizQuestion, prompt: str, read: Read, complain: Callable[[str], None]
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
