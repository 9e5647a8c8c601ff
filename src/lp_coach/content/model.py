"""The content model: a principle and the parts a session, quiz or guide reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

TRANSLATIONS = ("WEB", "KJV", "ASV")
TITLE_SEPARATOR = " · "
"""Between titles in a line: a title may hold a comma or a semicolon (Are Right, A Lot)."""


def title_list(titles: Iterable[str]) -> str:
    """'Are Right, A Lot · Dive Deep': titles in one line that still read as separate."""
    return TITLE_SEPARATOR.join(titles)


@dataclass(frozen=True)
class Scripture:
    """A passage quoted word for word from a public-domain translation."""

    ref: str
    text: str
    translation: str
    note: str | None = None


@dataclass(frozen=True)
class Question:
    """A discussion question, with what a facilitator needs to lead it."""

    question: str
    follow_ups: tuple[str, ...] = ()
    leader_notes: str | None = None
    minutes: int | None = None


@dataclass(frozen=True)
class Example:
    """A true, sourced story that shows the principle at work."""

    title: str
    story: str
    source: str
    lesson: str
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """A quiz situation, the principle it best shows, and plausible wrong answers."""

    situation: str
    answer: str
    distractors: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class Tension:
    """Another principle that pulls the other way, and a question about the pull."""

    with_: str
    question: str


@dataclass(frozen=True)
class Principle:
    """One leadership principle with everything the coach can do with it."""

    id: str
    order: int
    title: str
    statement: str
    key_phrases: tuple[str, ...] = ()
    scripture: tuple[Scripture, ...] = ()
    discussion: tuple[Question, ...] = ()
    examples: tuple[Example, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    journal_prompts: tuple[str, ...] = ()
    interview_questions: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    tensions: tuple[Tension, ...] = ()
    source: str = field(default="", compare=False)
    """The file this principle was read from (for messages; not part of the content)."""

    def to_dict(self) -> dict[str, Any]:
        """The principle in the file format's field names (for JSON and caches)."""
        data = asdict(self)
        data["tensions"] = [
            {"with": t["with_"], "question": t["question"]} for t in data["tensions"]
        ]
        del data["source"]
        out: dict[str, Any] = _lists(data)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "") -> Principle:
        """Build a principle from already-validated data in the file format."""
        return cls(
            id=data["id"],
            order=data["order"],
            title=data["title"],
            statement=data["statement"],
            key_phrases=tuple(data.get("key_phrases", ())),
            scripture=tuple(Scripture(**s) for s in data.get("scripture", ())),
            discussion=tuple(
                Question(**{**q, "follow_ups": tuple(q.get("follow_ups", ()))})
                for q in data.get("discussion", ())
            ),
            examples=tuple(
                Example(**{**e, "questions": tuple(e.get("questions", ()))})
                for e in data.get("examples", ())
            ),
            scenarios=tuple(
                Scenario(**{**s, "distractors": tuple(s["distractors"])})
                for s in data.get("scenarios", ())
            ),
            journal_prompts=tuple(data.get("journal_prompts", ())),
            interview_questions=tuple(data.get("interview_questions", ())),
            related=tuple(data.get("related", ())),
            tensions=tuple(
                Tension(with_=t["with"], question=t["question"]) for t in data.get("tensions", ())
            ),
            source=source,
        )


@dataclass(frozen=True)
class PackInfo:
    """What pack.yaml says about a pack."""

    name: str
    version: str | None = None
    description: str | None = None
    source: str | None = None
    licence: str | None = None
    translation: str | None = None
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


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    return value
