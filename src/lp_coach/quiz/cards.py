"""Quiz cards generated from the content, each with an id that survives rewording.

A card's id is '<principle>:<kind>:<key>': the principle whose file holds the source, the
kind of card, and the source's own `key` as the file writes it (`statement` for the name and
recall cards). It is never derived from the wording or the position, so fixing a typo, or
adding, removing or reordering scenarios and key phrases, keeps every card's review history.
A scenario or key phrase without a key (an older user pack) is named by its 1-based place,
as every card was before keys: `principles validate` says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import zip_longest
from typing import Literal

from lp_coach.content.model import Library, Principle

Kind = Literal["name", "recall", "cloze", "scenario"]
KINDS: tuple[Kind, ...] = ("name", "cloze", "scenario", "recall")
"""Every kind, in the order new cards take turns: recognition first, full recall last."""
RECALL_DELAY = 4
"""Turns (of three or four cards) a principle's recall card waits after its name card."""

KIND_LABELS: dict[Kind, str] = {
    "name": "name the principle",
    "recall": "recall the statement",
    "cloze": "fill the blank",
    "scenario": "which principle?",
}
MULTIPLE_CHOICE: frozenset[Kind] = frozenset({"name", "scenario"})
BLANK = "_____"


@dataclass(frozen=True)
class QuizCard:
    """One thing to know, with its question side and its answer side."""

    id: str
    kind: Kind
    principle_id: str
    """The principle the card tests (for a scenario: its answer)."""
    source_id: str
    """The principle whose file the card comes from."""
    position: int
    """The source's place among its kind in that file (0 for the statement)."""
    front: str
    back: str
    explanation: str | None = None
    distractors: tuple[str, ...] = ()
    """Principle ids the content suggests as wrong answers (scenarios)."""

    @property
    def multiple_choice(self) -> bool:
        return self.kind in MULTIPLE_CHOICE


def card_id(source_id: str, kind: Kind, key: str | int) -> str:
    """The stable id of a card."""
    return f"{source_id}:{kind}:{key}"


def build_cards(library: Library) -> list[QuizCard]:
    """Every card the library yields, principle by principle, in a stable order."""
    titles = library.titles()
    many = len(library.principles) > 1
    cards: list[QuizCard] = []
    for principle in library.principles:
        cards.extend(principle_cards(principle, titles, naming=many))
    return cards


def principle_cards(
    principle: Principle, titles: dict[str, str], naming: bool = True
) -> list[QuizCard]:
    """The cards of one principle; `titles` (id -> title) are the principles answers may name.

    Naming a principle needs others to choose from, so `naming=False` leaves it out.
    """
    p = principle
    cards: list[QuizCard] = []
    if naming:
        cards.append(
            QuizCard(
                card_id(p.id, "name", "statement"), "name", p.id, p.id, 0, p.statement, p.title
            )
        )
    cards.append(
        QuizCard(
            card_id(p.id, "recall", "statement"), "recall", p.id, p.id, 0, p.title, p.statement
        )
    )
    for number, phrase in enumerate(p.key_phrases, start=1):
        blanked = blank_out(p.statement, phrase)
        if blanked is not None:
            key = card_id(p.id, "cloze", getattr(phrase, "key", None) or number)
            cards.append(QuizCard(key, "cloze", p.id, p.id, number, blanked, str(phrase)))
    for number, scenario in enumerate(p.scenarios, start=1):
        if scenario.answer not in titles:
            continue
        others = tuple(d for d in scenario.distractors if d in titles and d != scenario.answer)
        cards.append(
            QuizCard(
                card_id(p.id, "scenario", scenario.key or number),
                "scenario",
                scenario.answer,
                p.id,
                number,
                scenario.situation,
                titles[scenario.answer],
                explanation=scenario.explanation,
                distractors=others,
            )
        )
    return cards


def blank_out(statement: str, phrase: str) -> str | None:
    """`statement` with the first occurrence of `phrase` (any case) blanked, or None."""
    match = re.search(re.escape(phrase.strip()), statement, flags=re.IGNORECASE)
    if match is None or not phrase.strip():
        return None
    return statement[: match.start()] + BLANK + statement[match.end() :]


def new_order(cards: Iterable[QuizCard], order: Mapping[str, int]) -> list[QuizCard]:
    """The order new cards are introduced in: the kinds in turn, so that a day mixes them.

    Within a kind, principles go in series order (`order`), then the card's position. The
    kinds take turns as KINDS lists them (a name card, a blank, a scenario, ...); recall
    joins RECALL_DELAY turns late, so a statement is recalled only some days after its
    name card first showed it.
    """
    by_kind: dict[Kind, list[QuizCard]] = {kind: [] for kind in KINDS}
    for card in cards:
        by_kind[card.kind].append(card)
    queues: list[list[QuizCard | None]] = [
        [None] * (RECALL_DELAY if kind == "recall" else 0)
        + sorted(by_kind[kind], key=lambda c: (order.get(c.principle_id, len(order)), c.position))
        for kind in KINDS
    ]
    return [card for turn in zip_longest(*queues) for card in turn if card is not None]
