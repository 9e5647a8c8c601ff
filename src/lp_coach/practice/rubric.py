"""The practice rubric: five checks a program can make honestly, each passed or not, with why.

What it checks is on the surface of the words: that the four STAR parts are there (by
their labels, or by the words that usually open them), that the result has a number or a
date, that "I" outnumbers "we", that the length is in range, and that the answer touches
the principle's key phrases or the words of its statement. It cannot tell whether the
story is true, good, or well told; the README says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from lp_coach.content.model import Principle
from lp_coach.stories.model import PART_TITLES, PARTS
from lp_coach.stories.text import split_parts

MIN_WORDS, MAX_WORDS = 80, 400
"""A typed answer of two minutes is about 80 words; a spoken one of three, about 400."""
PHRASE_SHARE = 0.6
"""A key phrase counts as addressed when this share of its words (stemmed) is in the answer."""
STATEMENT_WORDS = 3
"""Or when this many distinct words of the statement are."""

STAR, MEASURABLE, OWN_ACTIONS, LENGTH, PRINCIPLE = (
    "star",
    "measurable",
    "i-not-we",
    "length",
    "principle",
)
CHECKS = {
    STAR: "All four STAR parts: Situation, Task, Action, Result",
    MEASURABLE: "A measurable result: a number, percentage, amount or date",
    OWN_ACTIONS: '"I" rather than "we" for what you did',
    LENGTH: f"Length between {MIN_WORDS} and {MAX_WORDS} words",
    PRINCIPLE: "The principle's key phrases or ideas addressed",
}
"""Every check, by name, as the rubric states it."""

_CUES = {
    "situation": r"\b(when|while|at (my|our|the|a) \w+|last (year|month|week|quarter)"
    r"|in (19|20)\d\d|(our|the|my) (team|company|project|customer|manager|group|client)s?"
    r"|there was|we had"
    r"|i was (working|leading|running|on)|situation|context|background|years? ago)\b",
    "task": r"\b(my (task|job|goal|role|responsibility|aim|brief)|i was (asked|responsible|tasked"
    r"|expected|supposed)|i (had|needed|wanted) to|the (goal|task|aim|objective|challenge) was"
    r"|(our|the) goal|needed to|had to|deadline|objective)\b",
    "action": r"\bi (\w+ed|built|wrote|made|led|took|set|ran|met|spoke|went|chose|sent|gave|began"
    r"|found|did|drove|brought|sought|taught|told|kept|put|cut|got|held|rewrote|wrote|dug"
    r"|decided|started|stepped|pushed|proposed)\b",
    "result": r"\b(as a result|the result|results?|resulted|outcome|in the end|eventually"
    r"|which (led|meant|saved|cut|gave)|led to|by the end|afterwards|since then|reduced|increased"
    r"|improved|saved|grew|halved|doubled|launched|shipped|delivered|finished|won|lost|learned"
    r"|learnt)\b",
}
_HINTS = {
    "situation": "set the scene: where, when, who",
    "task": "say what you had to achieve: 'My goal was ...'",
    "action": "say what you did: 'I ...'",
    "result": "say what came of it: 'As a result ...'",
}
_NUMBER = re.compile(
    r"\d[\d,.]*\s*(%|percent|per cent|x\b)?|[$€£¥]\s*\d"
    r"|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|hundred|thousand|million|billion|half|halved|double|doubled"
    r"|tripled|twice|dozen)\b"
    r"|\b(january|february|march|april|may|june|july|august|september|october|november"
    r"|december|q[1-4])\b",
    re.IGNORECASE,
)
_I = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|myself|mine)\b", re.IGNORECASE)
_WE = re.compile(r"\b(we|we're|we've|we'd|we'll|us|our|ours|ourselves)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
STOPWORDS = frozenset(
    """a an and are as at be been but by do does for from has have how if in into is it its
    of on or not no so than that the their them they this to was were what when where which
    who will with you your yours we our us they i me my more most many much also even just
    only very all any each every can could should would may might must shall than then there
    these those own always never often other others over under out up down off about after
    before again such s t""".split()
)


class Check(NamedTuple):
    """One rubric item, and whether the answer met it, with the reason why (or why not)."""

    name: str
    passed: bool
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "passed": self.passed, "reason": self.reason}


def assess(answer: str, principle: Principle) -> list[Check]:
    """Every check of the rubric on a typed `answer` to a question on `principle`."""
    before, labelled = split_parts(answer)
    parts = labelled if labelled else {}
    return [
        star_check(answer, parts),
        measurable_check(answer, parts),
        own_actions_check(answer, parts),
        length_check(answer),
        principle_check(answer, principle),
    ]


def self_rated(answers: Sequence[bool]) -> list[Check]:
    """The checks as the user rated a spoken answer, one yes or no per check in CHECKS order."""
    return [
        Check(name, bool(yes), "you said so" if yes else "you said not")
        for name, yes in zip(CHECKS, answers, strict=True)
    ]


def star_check(answer: str, labelled: dict[str, str]) -> Check:
    """Each part present: labelled ('Task:', '## Result') and not empty, or its usual words."""
    found = []
    for part in PARTS:
        if part in labelled:
            if labelled[part].strip():
                found.append(part)
        elif re.search(_CUES[part], answer, re.IGNORECASE):
            found.append(part)
    missing = [p for p in PARTS if p not in found]
    if not missing:
        how = "labelled" if len(labelled) == len(PARTS) else "found"
        return Check(STAR, True, f"all four parts {how}: Situation, Task, Action, Result")
    names = ", ".join(PART_TITLES[p] for p in found) or "none of them"
    hints = "; ".join(f"no {PART_TITLES[p]} ({_HINTS[p]})" for p in missing)
    return Check(STAR, False, f"found {names}; {hints}")


def measurable_check(answer: str, labelled: dict[str, str]) -> Check:
    """A number, percentage, amount or date in the Result (labelled), else after its first cue."""
    where, text = "the result", labelled.get("result")
    if text is None:
        cue = re.search(_CUES["result"], answer, re.IGNORECASE)
        where, text = ("the result", answer[cue.start() :]) if cue else ("the answer", answer)
    found = list(dict.fromkeys(m.group(0).strip() for m in _NUMBER.finditer(text)))
    if found:
        shown = ", ".join(repr(f) for f in found[:3])
        return Check(MEASURABLE, True, f"{where} has {shown}")
    return Check(
        MEASURABLE, False, f"no number, percentage, amount or date in {where}: how much, by when?"
    )


def own_actions_check(answer: str, labelled: dict[str, str]) -> Check:
    """ "I" at least as often as "we" (in the Action when it is labelled), and at least once."""
    text = labelled.get("action") or answer
    where = " in the Action" if labelled.get("action") else ""
    mine, ours = len(_I.findall(text)), len(_WE.findall(text))
    counted = f'"I" {_times(mine)}, "we" {_times(ours)}{where}'
    if mine and mine >= ours:
        return Check(OWN_ACTIONS, True, counted)
    return Check(OWN_ACTIONS, False, f"{counted}: say what you did yourself")


def length_check(answer: str) -> Check:
    """Between MIN_WORDS and MAX_WORDS words."""
    words = len(_WORD.findall(answer)) + len(re.findall(r"\b\d[\d,.%]*", answer))
    if words < MIN_WORDS:
        return Check(LENGTH, False, f"{words} words: under {MIN_WORDS}, say more")
    if words > MAX_WORDS:
        return Check(LENGTH, False, f"{words} words: over {MAX_WORDS}, tighten it")
    return Check(LENGTH, True, f"{words} words")


def principle_check(answer: str, principle: Principle) -> Check:
    """A key phrase addressed (most of its words in the answer), or words of the statement."""
    have = {stem(w) for w in words_of(answer)}
    touched = [p for p in principle.key_phrases if _covers(have, p)]
    statement = list(dict.fromkeys(stem(w) for w in words_of(principle.statement)))
    shared = [w for w in statement if w in have]
    if touched:
        shown = ", ".join(repr(p) for p in touched[:2])
        return Check(PRINCIPLE, True, f"addresses {shown}")
    if len(shared) >= STATEMENT_WORDS:
        return Check(
            PRINCIPLE, True, f"uses {len(shared)} words of the statement ({', '.join(shared[:5])})"
        )
    ideas = ", ".join(repr(p) for p in principle.key_phrases[:2]) or repr(principle.title)
    return Check(PRINCIPLE, False, f"does not touch {principle.title}'s ideas, e.g. {ideas}")


def words_of(text: str) -> list[str]:
    """The content words of `text`, folded to lower case (no stopwords, none under 3 letters)."""
    words = (w.casefold().replace("’", "'") for w in _WORD.findall(text))
    return [w for w in words if len(w) >= 3 and w not in STOPWORDS]


def stem(word: str) -> str:
    """A crude stem, enough to match 'owners' with 'owner' and 'thinking' with 'think'."""
    word = word.split("'")[0]
    for suffix in (
        "ations",
        "ation",
        "ings",
        "ing",
        "ies",
        "ied",
        "ers",
        "er",
        "ed",
        "es",
        "ly",
        "s",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def passed(checks: Sequence[Check]) -> int:
    """How many checks passed."""
    return sum(1 for c in checks if c.passed)


def _covers(have: set[str], phrase: str) -> bool:
    wanted = {stem(w) for w in words_of(phrase)}
    if not wanted:
        return False
    return len(wanted & have) / len(wanted) >= PHRASE_SHARE


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"
