"""The content model, which is also the file format's one declaration: each field says its kind.

A field of the format is declared with `field(metadata=declare(kind, doc))`; its key in a
file is its name less a trailing underscore (`with_` is `with`), it is required in the model
when it has no default, and the validator, JSON Schema, docs tables and the conversion to and
from plain data (files, JSON, the cache) are all derived from these declarations. A field that
is not part of the file (where it was read from) has no declaration and `compare=False`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

TRANSLATIONS = ("WEB", "KJV", "ASV")
STAGE_NAMES = ("grounding", "interpretive", "application")
"""A discussion question's stage: what it says, what it means, what it asks of us."""
FAITH_MARKS = ("scripture", "belief")
"""`scripture`: refers to a reading (left out without scripture); `belief`: assumes faith,
naming God, prayer or church (left out of a secular session or guide)."""
TITLE_SEPARATOR = " · "
"""Between titles in a line: a title may hold a comma or a semicolon (Are Right, A Lot)."""
FORMAT = "lp_coach.format"
"""The key of a field's Spec in its dataclass metadata."""


class Kind(Enum):
    """What a field's value must be."""

    TEXT = "text"
    COUNT = "whole number ≥ 1"
    SLUG = "slug"
    PRINCIPLE = "principle id"
    TRANSLATION = "translation"
    REF = "scripture reference"
    TEXTS = "list of text"
    PRINCIPLES = "list of principle ids"
    OBJECTS = "list of entries"
    FLAG = "true or false"
    STAGE = "stage"
    FAITH = "faith mark"
    NOTE = "text, or `{text, faith}`"
    NOTES = "list of text, each may be `{text, faith}`"
    PHRASES = "list of `{key, text}`"


class Text(str):
    """Text of the format that may carry a faith mark or a stable key (it is still a str).

    Written in a file as plain text, or as a mapping `{text: ..., faith: belief}` (notes,
    follow-ups, prompts) or `{key: ..., text: ...}` (key phrases).
    """

    key: str | None = None
    faith: str | None = None

    @classmethod
    def of(cls, value: Any) -> Any:
        """A Text from a file's plain value: a str stays a str unless a mapping marks it."""
        if isinstance(value, Mapping):
            text = cls(value["text"])
            text.key = value.get("key")
            text.faith = value.get("faith")
            return text
        return value

    def data(self) -> Any:
        """Back to the file's plain value."""
        if self.key is None and self.faith is None:
            return str(self)
        out: dict[str, str] = {}
        if self.key is not None:
            out["key"] = self.key
        out["text"] = str(self)
        if self.faith is not None:
            out["faith"] = self.faith
        return out


def faith_of(value: object) -> str | None:
    """The faith mark of a text or an entry, or None."""
    mark = getattr(value, "faith", None)
    return mark if isinstance(mark, str) else None


@dataclass(frozen=True)
class Spec:
    """What the format says of one field: its kind, what it means, and a list's entry type."""

    kind: Kind
    doc: str
    item: type[Any] | None = None


def declare(kind: Kind, doc: str, item: type[Any] | None = None) -> dict[str, Spec]:
    """The metadata that makes a dataclass field part of the file format."""
    if (kind is Kind.OBJECTS) != (item is not None):
        raise TypeError("a list of entries, and only that, names its entry type")
    return {FORMAT: Spec(kind, doc, item)}


def title_list(titles: Iterable[str]) -> str:
    """'Are Right, A Lot · Dive Deep': titles in one line that still read as separate."""
    return TITLE_SEPARATOR.join(titles)


@dataclass(frozen=True)
class Scripture:
    """A passage quoted word for word from a public-domain translation."""

    noun: ClassVar[str] = "scripture entry"
    ref: str = field(
        metadata=declare(
            Kind.REF, "A real reference such as `Proverbs 20:14`, `Pr 20:14` or `1 Cor 13:4-7`."
        )
    )
    text: str = field(
        metadata=declare(Kind.TEXT, "The passage, quoted word for word from `translation`.")
    )
    translation: str = field(
        metadata=declare(Kind.TRANSLATION, "The Bible quoted; all three are in the public domain.")
    )
    note: str | None = field(
        default=None, metadata=declare(Kind.TEXT, "Why this passage speaks to the principle.")
    )


@dataclass(frozen=True)
class Question:
    """A discussion question, with what a facilitator needs to lead it."""

    noun: ClassVar[str] = "discussion question"
    question: str = field(metadata=declare(Kind.TEXT, "The question, as read to the group."))
    stage: str | None = field(
        default=None,
        metadata=declare(
            Kind.STAGE,
            "`grounding` (what it says), `interpretive` (what it means, its limits) or "
            "`application` (what we will do). Left out: guessed from the question's place.",
        ),
    )
    faith: str | None = field(
        default=None,
        metadata=declare(
            Kind.FAITH,
            "`scripture` if the question refers to a reading, `belief` if it assumes faith "
            "(names God, prayer or church); see Faith marks.",
        ),
    )
    follow_ups: tuple[str, ...] = field(
        default=(), metadata=declare(Kind.NOTES, "Questions to go deeper, asked on request.")
    )
    leader_notes: str | None = field(
        default=None,
        metadata=declare(
            Kind.NOTE, "For the facilitator only: what to listen for, and how to steer."
        ),
    )
    minutes: int | None = field(
        default=None, metadata=declare(Kind.COUNT, "Minutes to give this question in a session.")
    )


@dataclass(frozen=True)
class Example:
    """A true, sourced story that shows the principle at work."""

    noun: ClassVar[str] = "example"
    title: str = field(metadata=declare(Kind.TEXT, "A short title for the story."))
    story: str = field(metadata=declare(Kind.TEXT, "What happened, told in a paragraph."))
    source: str = field(
        metadata=declare(Kind.TEXT, "Where a reader can check it (a book, article or letter).")
    )
    lesson: str = field(metadata=declare(Kind.TEXT, "What the story teaches about the principle."))
    questions: tuple[str, ...] = field(
        default=(), metadata=declare(Kind.NOTES, "Questions about the story.")
    )


@dataclass(frozen=True)
class Scenario:
    """A quiz situation, the principle it best shows, and plausible wrong answers."""

    noun: ClassVar[str] = "scenario"
    key: str | None = field(
        default=None,
        kw_only=True,
        metadata=declare(
            Kind.SLUG,
            "Names its quiz card, so review history stays with it when scenarios are added, "
            "removed or reworded. Written once; never change it.",
        ),
    )
    situation: str = field(
        metadata=declare(Kind.TEXT, "A realistic situation that shows a principle unnamed.")
    )
    answer: str = field(metadata=declare(Kind.PRINCIPLE, "The principle it best shows."))
    distractors: tuple[str, ...] = field(
        metadata=declare(Kind.PRINCIPLES, "Other plausible principles (at least one).")
    )
    explanation: str = field(
        metadata=declare(Kind.TEXT, "Why the answer fits better than the distractors.")
    )


@dataclass(frozen=True)
class Tension:
    """Another principle that pulls the other way, and a question about the pull."""

    noun: ClassVar[str] = "tension"
    with_: str = field(metadata=declare(Kind.PRINCIPLE, "A principle that pulls the other way."))
    question: str = field(metadata=declare(Kind.TEXT, "A question that explores the pull."))


@dataclass(frozen=True)
class Principle:
    """One leadership principle with everything the coach can do with it."""

    noun: ClassVar[str] = "principle"
    id: str = field(
        metadata=declare(
            Kind.SLUG, "Lower-case letters, digits and single hyphens; equals the file name."
        )
    )
    order: int = field(metadata=declare(Kind.COUNT, "Position in the series; 1 comes first."))
    title: str = field(metadata=declare(Kind.TEXT, "The principle's name."))
    statement: str = field(
        metadata=declare(Kind.TEXT, "The principle itself: the official wording, verbatim.")
    )
    key_phrases: tuple[str, ...] = field(
        default=(),
        metadata=declare(
            Kind.PHRASES,
            "Phrases blanked out in cloze quizzes, each `{key, text}`: the text must occur in "
            "the statement; the key names its quiz card (written once; never change it).",
        ),
    )
    content_note: str | None = field(
        default=None,
        metadata=declare(
            Kind.TEXT,
            "For the leader: sensitive material in this principle and how to handle it.",
        ),
    )
    scripture: tuple[Scripture, ...] = field(
        default=(),
        metadata=declare(
            Kind.OBJECTS, "Passages quoted word for word from a public-domain Bible.", Scripture
        ),
    )
    discussion: tuple[Question, ...] = field(
        default=(),
        metadata=declare(
            Kind.OBJECTS,
            "Questions for a group, from what the principle says to what it asks of us.",
            Question,
        ),
    )
    examples: tuple[Example, ...] = field(
        default=(),
        metadata=declare(
            Kind.OBJECTS,
            "True stories, each with a source to check. The first is the one read aloud in a "
            "session and printed in the guide: put first the story you want every group to hear.",
            Example,
        ),
    )
    scenarios: tuple[Scenario, ...] = field(
        default=(),
        metadata=declare(
            Kind.OBJECTS, "Quiz items: the principle a situation best shows.", Scenario
        ),
    )
    journal_prompts: tuple[str, ...] = field(
        default=(), metadata=declare(Kind.NOTES, "Prompts for the reflection journal.")
    )
    interview_questions: tuple[str, ...] = field(
        default=(),
        metadata=declare(Kind.NOTES, "Behavioural interview questions (“Tell me about a time…”)."),
    )
    related: tuple[str, ...] = field(
        default=(), metadata=declare(Kind.PRINCIPLES, "Principles that go with this one.")
    )
    tensions: tuple[Tension, ...] = field(
        default=(),
        metadata=declare(Kind.OBJECTS, "Principles that pull the other way.", Tension),
    )
    source: str = field(default="", compare=False)
    """The file this principle was read from (for messages; not part of the content)."""

    def to_dict(self) -> dict[str, Any]:
        """The principle in the file format's field names (for JSON and caches)."""
        return to_data(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "") -> Principle:
        """Build a principle from already-validated data in the file format."""
        return from_data(cls, data, source=source)


@dataclass(frozen=True)
class PackInfo:
    """What pack.yaml says about a pack."""

    noun: ClassVar[str] = "pack"
    name: str = field(metadata=declare(Kind.TEXT, "The pack's name, shown in listings."))
    version: str | None = field(
        default=None, metadata=declare(Kind.TEXT, "Your version of the pack.")
    )
    description: str | None = field(
        default=None, metadata=declare(Kind.TEXT, "What the pack is, in a paragraph.")
    )
    source: str | None = field(
        default=None,
        metadata=declare(Kind.TEXT, "Where the principles come from (a URL or a citation)."),
    )
    licence: str | None = field(
        default=None, metadata=declare(Kind.TEXT, "The terms under which the pack may be shared.")
    )
    translation: str | None = field(
        default=None,
        metadata=declare(Kind.TRANSLATION, "The translation of scripture entries that name none."),
    )
    scripture_credit: str | None = field(
        default=None,
        metadata=declare(
            Kind.TEXT,
            "Which Bible text and edition the scripture is quoted from; printed with the "
            "credits only when readings are (never in a secular guide).",
        ),
    )
    standalone: bool = field(
        default=False,
        metadata=declare(
            Kind.FLAG,
            "`true`: this pack is the whole library, without the built-in principles "
            "(default `false`: it extends them).",
        ),
    )
    path: str = field(default="", compare=False)


@dataclass(frozen=True)
class Library:
    """Every principle the user can see: the built-in pack with user packs laid over it."""

    principles: tuple[Principle, ...]
    packs: tuple[PackInfo, ...]

    def ids(self) -> list[str]:
        """The principle ids in series order."""
        return [p.id for p in self.principles]

    def get(self, principle_id: str) -> Principle | None:
        """The principle with exactly this id, or None."""
        return next((p for p in self.principles if p.id == principle_id), None)

    def resolve(self, typed: Iterable[str]) -> tuple[str, ...]:
        """The ids of the principles `typed` names (id, title, prefix or number), each once
        and in order; NotFound, with suggestions, for a name that is no principle."""
        from lp_coach.content.lookup import find_principle

        return tuple(dict.fromkeys(find_principle(self, name).id for name in typed))

    def titles(self) -> dict[str, str]:
        """Each principle's title by its id, in series order."""
        return {p.id: p.title for p in self.principles}


T = TypeVar("T", bound="DataclassInstance")
_LISTS = (Kind.TEXTS, Kind.PRINCIPLES, Kind.OBJECTS, Kind.NOTES, Kind.PHRASES)
MARKED = (Kind.NOTE, Kind.NOTES, Kind.PHRASES)
"""Kinds whose text may carry a faith mark or a key (`Text`)."""
_Step = tuple[str, str, Spec, type[Any] | None, bool]  # attribute, key, spec, entry, list?
_Declared = tuple[frozenset[str], tuple[_Step, ...]]
_declared: dict[type[Any], _Declared] = {}


def declared(cls: type[DataclassInstance]) -> _Declared:
    """The keys of `cls` in a file, and how to convert each field of the format."""
    found = _declared.get(cls)
    if found is None:  # once per class: a warm start converts ~500 entries
        steps = tuple(
            (f.name, f.name.rstrip("_"), spec, spec.item, spec.kind in _LISTS)
            for f in fields(cls)
            if (spec := f.metadata.get(FORMAT)) is not None
        )
        found = _declared[cls] = (frozenset(step[1] for step in steps), steps)
    return found


def from_data(cls: type[T], data: Mapping[str, Any], **local: Any) -> T:
    """Build `cls` from plain data in the file format; `local` fills fields outside it."""
    known, steps = declared(cls)
    if not known.issuperset(data):
        unknown = ", ".join(sorted(set(data) - known))
        raise ValueError(f"{cls.__name__} has no field {unknown}")
    for attr, key, spec, item, listed in steps:
        if key in data:
            value = data[key]
            if item is not None:
                value = tuple([from_data(item, entry) for entry in value])
            elif spec.kind in MARKED:
                value = tuple(map(Text.of, value)) if listed else Text.of(value)
            elif listed:
                value = tuple(value)
            local[attr] = value
    return cls(**local)


def to_data(obj: DataclassInstance) -> dict[str, Any]:
    """`obj`'s declared fields as plain data in the file format (lists, not tuples)."""
    out: dict[str, Any] = {}
    for attr, key, spec, item, listed in declared(type(obj))[1]:
        value = getattr(obj, attr)
        if item is not None:
            value = [to_data(entry) for entry in value]
        elif spec.kind in MARKED:
            value = [_plain(v) for v in value] if listed else _plain(value)
        elif listed:
            value = list(value)
        out[key] = value
    return out


def _plain(value: Any) -> Any:
    return value.data() if isinstance(value, Text) else value


def signature(cls: type[DataclassInstance]) -> list[Any]:
    """The shape of the format under `cls` (keys, kinds, entries): part of the cache's key."""
    return [
        [key, spec.kind.name, signature(spec.item) if spec.item else None]
        for _, key, spec, _, _ in declared(cls)[1]
    ]
