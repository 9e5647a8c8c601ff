"""The built-in pack meets the content minimums, and every scripture quote is word for word."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from lp_coach.content.model import Library, Principle
from lp_coach.content.packs import load_checked
from lp_coach.content.refs import canonical
from lp_coach.content.sources import builtin_pack


@pytest.fixture(scope="module")
def library() -> Library:
    """The built-in pack, read and checked afresh (no cache, no data directory)."""
    return load_checked([builtin_pack()])


def principles() -> list[str]:
    from conftest import BUILTIN

    return sorted(p.stem for p in BUILTIN.glob("*.yaml") if p.name != "pack.yaml")


def shortfalls(p: Principle) -> list[str]:
    """Every minimum of the content issue that `p` misses, named by field."""
    out = []
    minimums = {
        "discussion": 8,
        "scripture": 3,
        "examples": 3,
        "scenarios": 6,
        "journal_prompts": 5,
        "interview_questions": 4,
        "related": 1,
        "tensions": 1,
        "key_phrases": 2,
    }
    for name, least in minimums.items():
        have = len(getattr(p, name))
        if have < least:
            out.append(f"{name}: {have} < {least}")
    with_follow_ups = sum(1 for q in p.discussion if q.follow_ups)
    with_notes = sum(1 for q in p.discussion if q.leader_notes)
    if with_follow_ups < 3:
        out.append(f"discussion: {with_follow_ups} questions with follow_ups < 3")
    if with_notes < 3:
        out.append(f"discussion: {with_notes} questions with leader_notes < 3")
    for s in p.scripture:
        if not s.note:
            out.append(f"scripture {s.ref}: no note")
    for e in p.examples:
        words = len(e.story.split())
        if words < 60:
            out.append(f"example {e.title!r}: story of {words} words < 60")
        if len(e.source) < 10:
            out.append(f"example {e.title!r}: source {e.source!r} is too thin to look up")
    for n, s in enumerate(p.scenarios, 1):
        if len(s.distractors) < 2:
            out.append(f"scenario {n}: {len(s.distractors)} distractors < 2")
    for q in p.interview_questions:
        if not q.lower().startswith(("tell me about", "describe", "give me an example", "walk me")):
            out.append(f"interview question is not behavioural: {q!r}")
    return out


@pytest.mark.parametrize("principle_id", principles())
def test_content_minimums(library: Library, principle_id: str) -> None:
    p = library.get(principle_id)
    assert p is not None
    problems = shortfalls(p)
    assert not problems, f"{principle_id}: " + "; ".join(problems)


def test_sixteen_in_order(library: Library) -> None:
    assert [p.order for p in library.principles] == list(range(1, 17))


def test_customer_obsession_carries_its_seed(library: Library) -> None:
    p = library.get("customer-obsession")
    assert p is not None
    refs = [s.ref for s in p.scripture]
    assert "Proverbs 20:14" in refs and "Proverbs 20:23" in refs
    text = " ".join(
        [q.question for q in p.discussion] + [e.story + e.title for e in p.examples]
    ).lower()
    for needle in ("wrong", "profit", "vendors", "aws", "self-published", "anniversary"):
        assert needle in text, needle
    onetto = next(e for e in p.examples if "Onetto" in e.story)
    for saying in ("do good for our customers", "perfection is not of this world"):
        assert saying in onetto.story.lower()


def _questions(p: Principle) -> list[str]:
    out = [q.question for q in p.discussion]
    out += [f for q in p.discussion for f in q.follow_ups]
    out += [q for e in p.examples for q in e.questions]
    out += list(p.interview_questions) + [t.question for t in p.tensions]
    return out


def test_no_question_is_duplicated_in_the_pack(library: Library) -> None:
    def key(text: str) -> str:
        return re.sub(r"[^a-z0-9 ]", "", text.lower())

    counts = Counter(key(q) for p in library.principles for q in _questions(p))
    dupes = [q for q, n in counts.items() if n > 1]
    assert not dupes


_VERSIONS = {"WEB": "WORLD_ENGLISH", "KJV": "KING_JAMES", "ASV": "AMERICAN_STANDARD"}


def normalise(text: str) -> str:
    """Words only: no punctuation, no KJV brackets, one kind of apostrophe, lower case."""
    text = text.replace("[", "").replace("]", "")
    text = re.sub(r"[`’‘']", "", text)
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(text.split())


def bible_text(ref: str, translation: str) -> str:
    import pythonbible as bible

    version = getattr(bible.Version, _VERSIONS[translation])
    refs = bible.get_references(canonical(ref))
    ids = bible.convert_references_to_verse_ids(refs)
    return " ".join(bible.get_verse_text(i, version=version) for i in ids)


def scripture_cases() -> list[tuple[str, int]]:
    import yaml
    from conftest import BUILTIN

    cases = []
    for stem in principles():
        data = yaml.safe_load((BUILTIN / f"{stem}.yaml").read_text(encoding="utf-8"))
        cases += [(stem, n) for n in range(len(data.get("scripture") or []))]
    return cases


@pytest.mark.parametrize(("principle_id", "index"), scripture_cases())
def test_scripture_is_quoted_word_for_word(library: Library, principle_id: str, index: int) -> None:
    p = library.get(principle_id)
    assert p is not None
    s = p.scripture[index]
    assert s.translation in _VERSIONS
    expected = bible_text(s.ref, s.translation)
    assert expected, f"{principle_id}: {s.ref} has no text in {s.translation}"
    assert normalise(s.text) == normalise(expected), f"{principle_id}: {s.ref} ({s.translation})"
