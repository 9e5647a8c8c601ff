"""The principle file format, declared once: validation and the JSON Schema both read it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 64


class Kind(Enum):
    """What a field's value must be."""

    TEXT = "text"
    COUNT = "count"  # a whole number >= 1
    SLUG = "slug"
    PRINCIPLE = "principle id"
    TRANSLATION = "translation"
    REF = "scripture reference"
    TEXTS = "list of text"
    PRINCIPLES = "list of principle ids"
    OBJECTS = "list of entries"


@dataclass(frozen=True)
class Field:
    """One key of a mapping, its kind, and whether it must be there."""

    name: str
    kind: Kind
    doc: str
    required: bool = False
    item: Shape | None = None


@dataclass(frozen=True)
class Shape:
    """A mapping with a fixed set of keys."""

    name: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field | None:
        """The field called `name`, or None."""
        return next((f for f in self.fields if f.name == name), None)


SCRIPTURE = Shape(
    "scripture entry",
    (
        Field("ref", Kind.REF, "A reference such as 'Proverbs 20:14' or 'Pr 20:14'.", True),
        Field("text", Kind.TEXT, "The passage, quoted word for word from `translation`.", True),
        Field(
            "translation",
            Kind.TRANSLATION,
            "WEB, KJV or ASV (public domain); defaults to the pack's translation.",
        ),
        Field("note", Kind.TEXT, "Why this passage fits the principle."),
    ),
)

QUESTION = Shape(
    "discussion question",
    (
        Field("question", Kind.TEXT, "The question, as read to the group.", True),
        Field("follow_ups", Kind.TEXTS, "Questions to go deeper, asked on request."),
        Field("leader_notes", Kind.TEXT, "For the facilitator: what to listen for, how to steer."),
        Field("minutes", Kind.COUNT, "Minutes to give this question in a session."),
    ),
)

EXAMPLE = Shape(
    "example",
    (
        Field("title", Kind.TEXT, "A short title for the story.", True),
        Field("story", Kind.TEXT, "The true story, told in a paragraph.", True),
        Field("source", Kind.TEXT, "Where a reader can check the story.", True),
        Field("lesson", Kind.TEXT, "What the story teaches about the principle.", True),
        Field("questions", Kind.TEXTS, "Questions about the story."),
    ),
)

SCENARIO = Shape(
    "scenario",
    (
        Field("situation", Kind.TEXT, "A realistic situation that shows a principle.", True),
        Field("answer", Kind.PRINCIPLE, "The id of the principle it best shows.", True),
        Field("distractors", Kind.PRINCIPLES, "Other plausible principle ids.", True),
        Field("explanation", Kind.TEXT, "Why the answer beats the distractors.", True),
    ),
)

TENSION = Shape(
    "tension",
    (
        Field("with", Kind.PRINCIPLE, "The id of a principle that pulls the other way.", True),
        Field("question", Kind.TEXT, "A question that explores the pull.", True),
    ),
)

PRINCIPLE = Shape(
    "principle",
    (
        Field("id", Kind.SLUG, "Lower-case slug; must equal the file name.", True),
        Field("order", Kind.COUNT, "Position in the series (1 = first).", True),
        Field("title", Kind.TEXT, "The principle's name.", True),
        Field("statement", Kind.TEXT, "The official statement, verbatim.", True),
        Field("key_phrases", Kind.TEXTS, "Phrases of the statement blanked in cloze quizzes."),
        Field("scripture", Kind.OBJECTS, "Scripture passages.", item=SCRIPTURE),
        Field("discussion", Kind.OBJECTS, "Discussion questions.", item=QUESTION),
        Field("examples", Kind.OBJECTS, "True, sourced stories.", item=EXAMPLE),
        Field("scenarios", Kind.OBJECTS, "Quiz scenarios.", item=SCENARIO),
        Field("journal_prompts", Kind.TEXTS, "Prompts for the reflection journal."),
        Field("interview_questions", Kind.TEXTS, "Behavioural interview questions."),
        Field("related", Kind.PRINCIPLES, "Ids of principles that go with this one."),
        Field("tensions", Kind.OBJECTS, "Principles that pull the other way.", item=TENSION),
    ),
)

PACK = Shape(
    "pack",
    (
        Field("name", Kind.TEXT, "The pack's name.", True),
        Field("version", Kind.TEXT, "The pack's version."),
        Field("description", Kind.TEXT, "What the pack is."),
        Field("source", Kind.TEXT, "Where the principles come from."),
        Field("licence", Kind.TEXT, "The terms under which the pack may be shared."),
        Field("translation", Kind.TRANSLATION, "Default translation for scripture entries."),
    ),
)
