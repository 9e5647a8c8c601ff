"""Reading a quiz answer or a self-grade, and the words shown after it: what the plain and
the terminal faces of a quiz share."""

from __future__ import annotations

from collections.abc import Callable

from lp_coach.quiz.compare import closeness, needs_confirming
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


def read_grade(
    read: Read,
    prompt: str,
    complain: Callable[[str], None],
    typed: str = "",
    official: str = "",
) -> Grade | None:
    """Ask for a self-grade until it is 1-4 (or a grade's name); None when the learner stops.

    Good or Easy on a typed answer far from `official` (`compare.needs_confirming`) is asked
    about once: yes keeps it, anything else asks for the grade again.
    """
    confirmed = False
    while True:
        line = read(prompt)
        if line is None or line.strip() == QUIT:
            return None
        grade = parse_grade(line)
        if grade is None:
            complain("Please type 1, 2, 3 or 4.")
            continue
        if confirmed or not needs_confirming(typed, official, grade):
            return grade
        confirmed = True
        share = round(100 * closeness(typed, official))
        answer = read(confirm_prompt(grade, share, prompt.rstrip()[-1:] or ">"))
        if answer is None or answer.strip() == QUIT:
            return None
        if answer.strip().casefold() in YES:
            return grade


YES = frozenset({"y", "yes"})


def confirm_prompt(grade: Grade, share: int, mark: str = ">") -> str:
    """The question asked once before a far answer is graded Good or Easy, ending in the
    face's prompt `mark`."""
    return f"Yours is {share}% like the official text. {grade.label} all the same? (y/N) {mark} "
