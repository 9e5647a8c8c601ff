"""Grading yourself Good or Easy on a typed answer far from the official text asks once."""

from __future__ import annotations

import io
import random

import pytest
from rich.console import Console

from lp_coach.cli.faces.quiz import RichFace
from lp_coach.content.library import open_library
from lp_coach.quiz.cards import build_cards
from lp_coach.quiz.compare import FAR_BELOW, closeness, needs_confirming
from lp_coach.quiz.grades import Grade
from lp_coach.quiz.questions import make_question

STATEMENT = "Leaders are right a lot. They have strong judgment and good instincts."


@pytest.mark.parametrize(
    ("typed", "grade", "asks"),
    [
        ("", Grade.GOOD, True),
        ("judgment", Grade.EASY, True),
        ("leaders are right a lot; they have strong judgement, good instinct", Grade.EASY, False),
        ("judgment", Grade.HARD, False),
        ("judgment", Grade.AGAIN, False),
    ],
)
def test_needs_confirming(typed: str, grade: Grade, asks: bool) -> None:
    assert needs_confirming(typed, STATEMENT, grade) is asks
    assert (closeness(typed, STATEMENT) < FAR_BELOW) is asks or grade < Grade.GOOD


class ScriptedRichFace(RichFace):
    """The terminal face reading scripted lines instead of the keyboard."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(Console(file=io.StringIO(), width=100))
        self.lines = lines
        self.prompts: list[str] = []

    def _read(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        return self.lines.pop(0) if self.lines else None


def test_the_terminal_face_asks_too() -> None:
    library = open_library()
    card = next(c for c in build_cards(library) if c.id == "frugality:recall:statement")
    question = make_question(card, library.titles(), random.Random(1), 1, 1)
    face = ScriptedRichFace(["4", "n", "2"])
    assert face.grade(question, "less", False) == Grade.HARD
    assert sum("Easy all the same?" in p for p in face.prompts) == 1
    kept = ScriptedRichFace(["4", "y"])
    assert kept.grade(question, "less", False) == Grade.EASY
