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
from functools import lru_cache
from itertools import zip_longest
from os.path import commonprefix
from typing import Literal, NamedTuple

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


class QuizCard(NamedTuple):
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


def build_cards(library: Library, *, sides: bool = True) -> list[QuizCard]:
    """Every card the library yields, principle by principle, in a stable order.

    `sides=False` leaves a name card's question side empty (blanking the title's words out
    of the statement): enough to count and weigh cards, as `today` does.
    """
    titles = library.titles()
    many = len(library.principles) > 1
    cards: list[QuizCard] = []
    for principle in library.principles:
        cards.extend(principle_cards(principle, titles, naming=many, sides=sides))
    return cards


def principle_cards(
    principle: Principle, titles: dict[str, str], naming: bool = True, *, sides: bool = True
) -> list[QuizCard]:
    """The cards of one principle; `titles` (id -> title) are the principles answers may name.

    Naming a principle needs others to choose from, so `naming=False` leaves it out.
    """
    p = principle
    cards: list[QuizCard] = []
    if naming:
        front = without_title(p.statement, p.title) if sides else ""
        name = card_id(p.id, "name", "statement")
        cards.append(QuizCard(name, "name", p.id, p.id, 0, front, p.title))
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


SMALL_WORDS = frozenset("a an and are be by for in is of on or the to with".split())
"""Words of a title too common to give it away."""
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def without_title(statement: str, title: str) -> str:
    """`statement` with the words that give its title away blanked: the title's own words
    and words that share their stem ('obsess' for 'Obsession', 'hiring' for 'Hire'), small
    words aside."""
    words = [w.casefold() for w in _WORD.findall(title) if w.casefold() not in SMALL_WORDS]

    def gives_away(word: str) -> bool:
        for t in words:
            shared = len(commonprefix([word, t]))
            if shared >= min(5, len(t)) or (len(t) >= 4 and shared >= max(3, len(t) - 1)):
                return True
        return False

    def blank(match: re.Match[str]) -> str:
        word = match[0].casefold()
        return BLANK if word not in SMALL_WORDS and gives_away(word) else match[0]

    return _WORD.sub(blank, statement)


def blank_out(statement: str, phrase: str) -> str | None:
    """`statement` with the first occurrence of `phrase` (any case) blanked, or None."""
    wanted = phrase.strip()
    if not wanted:
        return None
    if _simple_case(statement) and _simple_case(wanted):
        # what the pattern below finds, without compiling one pattern per phrase
        start = statement.lower().find(wanted.lower())
        return None if start < 0 else statement[:start] + BLANK + statement[start + len(wanted) :]
    match = re.search(re.escape(wanted), statement, flags=re.IGNORECASE)
    if match is None:
        return None
    return statement[: match.start()] + BLANK + statement[match.end() :]


@lru_cache(maxsize=256)
def _simple_case(text: str) -> bool:
    """Whether every letter of `text` with a case is ASCII (curly quotes and dashes may
    be there): then comparing lower-cased text is what a pattern ignoring case does."""
    return text.isascii() or all(c.isascii() or c.lower() == c == c.upper() for c in text)


def sibling(card: QuizCard) -> str:
    """What a card shares with its siblings: the name, recall and cloze cards of a principle
    all show its statement (one gives the others away); a scenario stands alone."""
    return card.id if card.kind == "scenario" else f"{card.source_id}:statement"


def new_order(cards: Iterable[QuizCard], order: Mapping[str, int]) -> list[QuizCard]:
    """The order new cards are introduced in: kinds and principles in turn.

    The kinds take turns as KINDS lists them (a name card, a blank, a scenario, ...); within
    a kind the principles take turns (each one's first card, then each one's second), each
    kind starting its round at another point of the series, so that the cards of one turn
    are about different principles. Recall follows the name cards RECALL_DELAY turns late,
    so a statement is recalled only some days after its name card first showed it.
    """
    by_kind: dict[Kind, list[QuizCard]] = {kind: [] for kind in KINDS}
    for card in cards:
        by_kind[card.kind].append(card)
    count = max(len(order), 1)
    queues: list[list[QuizCard | None]] = []
    for step, kind in enumerate(KINDS):
        # where this kind's round of principles begins; recall follows the name cards
        start = 0 if kind == "recall" else step * count // len(KINDS)

        def place(card: QuizCard, start: int = start) -> tuple[int, int, int]:
            series = order.get(card.principle_id, count)
            return ((series - start) % count, card.position, series)

        rank: dict[str, int] = {}
        ranked = []
        for card in sorted(by_kind[kind], key=place):
            rank[card.principle_id] = rank.get(card.principle_id, -1) + 1
            ranked.append((rank[card.principle_id], place(card), card))
        delay: list[QuizCard | None] = [None] * (RECALL_DELAY if kind == "recall" else 0)
        queues.append(delay + [card for *_, card in sorted(ranked, key=lambda r: r[:2])])
    return [card for turn in zip_longest(*queues) for card in turn if card is not None]
