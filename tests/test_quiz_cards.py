"""Quiz cards from the content: every principle's cards, stable ids, questions, lenient answers."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_coach.content.library import open_library
from lp_coach.content.model import Library, Principle
from lp_coach.quiz.cards import (
    BLANK,
    KINDS,
    blank_out,
    build_cards,
    new_order,
    sibling,
    without_title,
)
from lp_coach.quiz.compare import closeness, normalize, same_text
from lp_coach.quiz.questions import Option, QuizQuestion, make_question, pick_option
from lp_coach.quiz.select import NEW_PER_DAY

LIBRARY = open_library()
TITLES = {p.id: p.title for p in LIBRARY.principles}


@pytest.mark.parametrize("principle", LIBRARY.principles, ids=lambda p: p.id)
def test_every_principle_yields_every_kind_of_card(principle: Principle) -> None:
    p = principle
    mine = [c for c in build_cards(LIBRARY) if c.source_id == p.id]
    ids = [c.id for c in mine]
    assert ids[:2] == [f"{p.id}:name:statement", f"{p.id}:recall:statement"]
    assert ids[2:] == [f"{p.id}:cloze:{k.key}" for k in p.key_phrases] + [  # type: ignore[attr-defined]
        f"{p.id}:scenario:{s.key}" for s in p.scenarios
    ]
    name, recall, *rest = mine
    assert (name.front, name.back, recall.front, recall.back) == (
        without_title(p.statement, p.title),
        p.title,
        p.title,
        p.statement,
    )
    clozes = [c for c in rest if c.kind == "cloze"]
    for card, phrase in zip(clozes, p.key_phrases, strict=True):
        assert card.back == phrase and card.principle_id == p.id
        assert BLANK in card.front
        assert card.front.replace(BLANK, phrase, 1).casefold() == p.statement.casefold()
    scenarios = [c for c in rest if c.kind == "scenario"]
    for card, scenario in zip(scenarios, p.scenarios, strict=True):
        assert card.front == scenario.situation
        assert card.principle_id == scenario.answer and card.back == TITLES[scenario.answer]
        assert card.explanation == scenario.explanation
        assert card.principle_id not in card.distractors


def test_the_built_in_deck() -> None:
    cards = build_cards(LIBRARY)
    assert len(cards) == len({c.id for c in cards}) == 208
    assert {c.kind for c in cards} == set(KINDS)


def test_ids_survive_rewording(builtin_copy: Path, tmp_path: Path) -> None:
    """Fixing a typo in a statement, a phrase or a scenario keeps every card's id."""
    path = builtin_copy / "frugality.yaml"
    text = path.read_text(encoding="utf-8")
    reworded = text.replace("Accomplish more with less.", "Accomplish much more with less.")
    reworded = reworded.replace('"more with less"', '"much more with less"')
    assert reworded != text
    pack = tmp_path / "mine"
    pack.mkdir()
    (pack / "frugality.yaml").write_text(reworded, encoding="utf-8")
    before = [c for c in build_cards(LIBRARY) if c.source_id == "frugality"]
    after = [c for c in build_cards(open_library([pack])) if c.source_id == "frugality"]
    assert [c.id for c in before] == [c.id for c in after]
    assert before[0].front != after[0].front  # the wording did change


def test_a_lone_principle_has_no_naming_card() -> None:
    only = Library(LIBRARY.principles[:1], LIBRARY.packs)
    kinds = {c.kind for c in build_cards(only)}
    assert "name" not in kinds and "recall" in kinds


@pytest.mark.parametrize(
    ("statement", "phrase", "blanked"),
    [
        ("Leaders are owners.", "owners", f"Leaders are {BLANK}."),
        ("Think BIG thoughts.", "think big", f"{BLANK} thoughts."),
        ("No such words.", "missing", None),
        ("Anything.", "  ", None),
    ],
)
def test_blank_out(statement: str, phrase: str, blanked: str | None) -> None:
    assert blank_out(statement, phrase) == blanked


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("leaders are owners", "Leaders are owners."),
        ("They never say that's not my job", "They never say “that’s not my job.”"),
        ("Earths best employer", "Earth’s Best Employer"),
        ("  long-term   value ", "long term value"),
        ("LEADERS, START with the customer!", "Leaders start with the customer"),
    ],
)
def test_lenient_comparison_accepts(typed: str, official: str) -> None:
    assert same_text(typed, official)
    assert closeness(typed, official) == 1.0


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("leaders are owner", "Leaders are owners."),
        ("", "Leaders"),
        ("owners are leaders", "Leaders are owners"),
    ],
)
def test_lenient_comparison_still_compares_words(typed: str, official: str) -> None:
    assert not same_text(typed, official)


@given(st.text())
def test_normalize_is_idempotent_and_never_fails(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert once == once.strip() and "  " not in once


def test_multiple_choice_options_are_seeded() -> None:
    card = next(c for c in build_cards(LIBRARY) if c.id == "frugality:name:statement")
    first = make_question(card, TITLES, random.Random(7), 1, 1)
    again = make_question(card, TITLES, random.Random(7), 1, 1)
    assert first == again
    assert len(first.options) == 4 and len({o.id for o in first.options}) == 4
    assert first.right_option is not None and first.right_option.id == "frugality"
    orders = {
        tuple(o.id for o in make_question(card, TITLES, random.Random(s), 1, 1).options)
        for s in range(20)
    }
    assert len(orders) > 5


def test_scenario_options_start_from_the_content_distractors() -> None:
    card = next(c for c in build_cards(LIBRARY) if c.kind == "scenario")
    question = make_question(card, TITLES, random.Random(1), 1, 1)
    ids = {o.id for o in question.options}
    assert card.principle_id in ids and set(card.distractors) <= ids and len(ids) == 4


@pytest.mark.parametrize(
    ("typed", "picked"),
    [
        ("1", 0),
        (" 4 ", 3),
        ("0", None),
        ("99", None),
        ("zzz", None),
        ("", None),
        ("Frugality", "frugality"),
        ("frugality", "frugality"),
        ("FRUGAL", "frugality"),
        ("dive-deep", "dive-deep"),
        ("Dive deep", "dive-deep"),
        ("fr", None),  # too short to be sure
    ],
)
def test_pick_option(typed: str, picked: int | str | None) -> None:
    card = next(c for c in build_cards(LIBRARY) if c.id == "frugality:name:statement")
    offered = ("frugality", "dive-deep", "ownership", "think-big")
    question = QuizQuestion(card, 1, 1, tuple(Option(i, TITLES[i]) for i in offered), 0)
    index = pick_option(question, typed)
    if isinstance(picked, str):
        assert index is not None and question.options[index].id == picked
    else:
        assert index == picked


def test_new_cards_take_turns_and_recall_waits_for_the_name_card() -> None:
    order = {p.id: i for i, p in enumerate(LIBRARY.principles)}
    cards = new_order(reversed(build_cards(LIBRARY)), order)
    assert sorted(c.id for c in cards) == sorted(c.id for c in build_cards(LIBRARY))
    assert [c.kind for c in cards[:6]] == ["name", "cloze", "scenario"] * 2
    assert cards[0].id == "customer-obsession:name:statement"
    place = {c.id: n for n, c in enumerate(cards)}
    for principle in order:
        gap = place[f"{principle}:recall:statement"] - place[f"{principle}:name:statement"]
        assert gap > NEW_PER_DAY, principle  # recalled on a later day than first seen


@pytest.mark.parametrize(
    ("title", "statement", "front"),
    [
        ("Are Right, A Lot", "Leaders are right a lot.", "Leaders are _____ a _____."),
        ("Customer Obsession", "They obsess over customers.", "They _____ over _____."),
        ("Hire and Develop the Best", "A hire; hiring the best.", "A _____; _____ the _____."),
        ("Frugality", "Accomplish more with less.", "Accomplish more with less."),
    ],
)
def test_a_name_card_does_not_give_its_title_away(title: str, statement: str, front: str) -> None:
    assert without_title(statement, title) == front


def test_the_first_new_cards_spread_over_the_principles_one_per_statement() -> None:
    order = {p.id: i for i, p in enumerate(LIBRARY.principles)}
    first = new_order(build_cards(LIBRARY), order)[:10]
    assert len({c.principle_id for c in first}) >= 6
    assert len({sibling(c) for c in first}) == 10


def blanked_by_pattern(statement: str, phrase: str) -> str | None:
    """What blank_out gave when it compiled a pattern for every phrase."""
    match = re.search(re.escape(phrase.strip()), statement, flags=re.IGNORECASE)
    if match is None or not phrase.strip():
        return None
    return statement[: match.start()] + BLANK + statement[match.end() :]


TEXT = st.text(alphabet="abcKSsk ’“”—-.ſİıßΣσς\u212aÉé", max_size=30)


@given(statement=TEXT, phrase=TEXT)
def test_blank_out_finds_what_a_pattern_ignoring_case_finds(statement: str, phrase: str) -> None:
    assert blank_out(statement, phrase) == blanked_by_pattern(statement, phrase)


def test_every_built_in_phrase_is_blanked_as_a_pattern_would() -> None:
    for p in LIBRARY.principles:
        for phrase in p.key_phrases:
            assert blank_out(p.statement, phrase) == blanked_by_pattern(p.statement, phrase)


def test_cards_without_sides_are_the_same_cards() -> None:
    """`today` counts cards built without their question sides: the same cards."""
    full, counted = build_cards(LIBRARY), build_cards(LIBRARY, sides=False)
    assert [(c.id, c.principle_id, c.kind) for c in counted] == [
        (c.id, c.principle_id, c.kind) for c in full
    ]
