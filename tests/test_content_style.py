"""The built-in pack keeps the house style (docs/house-style.md) where a machine can check it:
stages and faith marks, no story or passage told twice, statement quotations, typography."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest

from lp_coach.content.audience import SECULAR, for_audience
from lp_coach.content.model import Library, Principle, faith_of
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.study.agenda import build_agenda

BUILTIN = Path(__file__).parent.parent / "principles"
LINE_MAX = 80

BOOKS = (
    "Genesis Exodus Leviticus Numbers Deuteronomy Joshua Judges Ruth Samuel Kings Chronicles "
    "Ezra Nehemiah Esther Job Psalm Psalms Proverbs Ecclesiastes Song Isaiah Jeremiah "
    "Lamentations Ezekiel Daniel Hosea Joel Amos Obadiah Jonah Micah Nahum Habakkuk Zephaniah "
    "Haggai Zechariah Malachi Matthew Mark Luke John Acts Romans Corinthians Galatians "
    "Ephesians Philippians Colossians Thessalonians Timothy Titus Philemon Hebrews James Peter "
    "Jude Revelation"
).split()
NAMES = (
    "Caleb Moses Jethro Nehemiah Babel Zerubbabel Paul Barnabas Solomon Gideon Elisha Boaz "
    "Zacchaeus Samaritan Levite Jesus Christ Gethsemane Martha Habakkuk Zechariah Micah Malachi "
    "Jeremiah Jerusalem Pharisees? Ecclesiastes Proverbs Psalms? Galatians Philippians "
    "Colossians Ephesians Corinthians Deuteronomy Leviticus Genesis Exodus"
).split()
REFERENCE = re.compile(r"\b(?:[123] )?(?:" + "|".join(BOOKS) + r")\s+\d+(?::\d+)?")
SCRIPTURE_WORDS = re.compile(
    r"\b(?:"
    + "|".join(NAMES)
    + r")\b|grasshoppers?|honest scales|differing weights|faithful wounds?|hired hand|"
    r"one thing is needed|[Ss]criptures?|\bverses?\b|the proverb|the parable|Sabbath|"
    r"the disciples|as for the Lord"
)
BELIEF_WORDS = re.compile(
    r"\b(?:God|God’s|Lord|Yahweh|Christians?|[Cc]hurch(?:es)?|[Cc]ongregations?|"
    r"[Pp]ray(?:s|ed|ing|er|ers|erful|erfully)?|[Mm]inistr(?:y|ies)|[Ff]aith|[Bb]iblical|"
    r"Bible|[Gg]ospel|[Ss]piritual|[Ww]orship|[Gg]race|Holy Spirit|sermons?|[Pp]astors?|"
    r"[Dd]iscipleship|idols?|godliness|soul)\b"
)


def faith_in(text: str) -> str | None:
    """What in `text` assumes faith or a reading, or None."""
    for pattern in (REFERENCE, SCRIPTURE_WORDS, BELIEF_WORDS):
        found = pattern.search(text)
        if found:
            return found.group(0)
    return None


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


def markable(p: Principle) -> Iterator[tuple[str, object, str]]:
    """(where, item, text) for every item that may carry a faith mark, marked or not."""
    for n, q in enumerate(p.discussion, 1):
        yield f"question {n}", q, q.question
        for m, f in enumerate(q.follow_ups, 1):
            yield f"question {n} follow-up {m}", f, f
        if q.leader_notes:
            yield f"question {n} leader notes", q.leader_notes, q.leader_notes
    for n, e in enumerate(p.examples, 1):
        for m, f in enumerate(e.questions, 1):
            yield f"example {n} question {m}", f, f
    for n, f in enumerate(p.journal_prompts, 1):
        yield f"journal prompt {n}", f, f
    for n, f in enumerate(p.interview_questions, 1):
        yield f"interview question {n}", f, f
    for n, t in enumerate(p.tensions, 1):
        yield f"tension {n}", t, t.question


def test_every_question_names_its_stage_in_stage_order(library: Library) -> None:
    order = ["grounding", "interpretive", "application"]
    unstaged = [
        f"{p.id} question {n}"
        for p in library.principles
        for n, q in enumerate(p.discussion, 1)
        if q.stage is None
    ]
    assert not unstaged
    for p in library.principles:
        stages = [order.index(q.stage or "") for q in p.discussion]
        assert stages == sorted(stages), p.id


def test_every_item_that_assumes_faith_is_marked(library: Library) -> None:
    unmarked = [
        f"{p.id} {where}: {faith_in(text)!r}"
        for p in library.principles
        for where, item, text in markable(p)
        if faith_of(item) is None and faith_in(text)
    ]
    assert not unmarked, "\n".join(unmarked)


def test_an_item_marked_scripture_refers_to_a_reading(library: Library) -> None:
    """`belief` is for faith without a reading; a reference or a biblical name is `scripture`."""
    wrong = [
        f"{p.id} {where}"
        for p in library.principles
        for where, item, text in markable(p)
        if faith_of(item) == "belief" and (REFERENCE.search(text) or SCRIPTURE_WORDS.search(text))
    ]
    assert not wrong, "\n".join(wrong)


def test_a_secular_session_has_no_scripture_prayer_or_faith(library: Library) -> None:
    for p in library.principles:
        agenda = build_agenda(p, 90, secular=True)
        assert not agenda.scripture and not agenda.prayer
        assert agenda.segment("scripture") is None
        assert all("prayer" not in s.title.lower() for s in agenda.segments), p.id
        seen = agenda.principle
        leftovers = [
            f"{where}: {faith_in(text)}" for where, _, text in markable(seen) if faith_in(text)
        ]
        assert not leftovers, f"{p.id}: {leftovers}"
        assert seen == for_audience(p, SECULAR)


def test_no_story_is_told_in_two_principles(library: Library) -> None:
    titles: dict[str, list[str]] = defaultdict(list)
    sources: dict[str, list[str]] = defaultdict(list)
    for p in library.principles:
        for e in p.examples:
            titles[re.sub(r"\W+", " ", e.title.casefold()).strip()].append(p.id)
            sources[re.sub(r"\W+", " ", e.source.casefold()).strip()].append(p.id)
    assert not {t: ids for t, ids in titles.items() if len(ids) > 1}
    assert not {s: ids for s, ids in sources.items() if len(ids) > 1}


MONTHS = set(
    "January February March April May June July August September October November December".split()
)


def test_no_event_is_told_in_two_principles(library: Library) -> None:
    """Two stories in different principles that share a year and a name no third story uses
    tell the same event (the Bay of Pigs in 1961, Challenger in 1986), even from two angles."""
    stories = []
    for p in library.principles:
        for e in p.examples:
            text = f"{e.title} {e.story}"
            names = {re.sub(r"’s$", "", n) for n in re.findall(r"\b[A-Z][a-z][\w’-]*", text)}
            years = set(re.findall(r"\b(?:1[5-9]|20)\d\d\b", e.story))
            stories.append((p.id, e.title, names - MONTHS, years))
    used = Counter(n for _, _, names, _ in stories for n in names)
    same = [
        f"{a[0]} {a[1]!r} and {b[0]} {b[1]!r}: {sorted(shared)} in {sorted(a[3] & b[3])}"
        for a, b in combinations(stories, 2)
        if a[0] != b[0] and a[3] & b[3] and (shared := {n for n in a[2] & b[2] if used[n] == 2})
    ]
    assert not same, "\n".join(same)


AMAZON_VOICE = re.compile(r"(?:Jeff Bezos|Amazon|AWS|Marc Onetto)\b")

READ_ALOUD_FROM_AMAZON = {
    # Every story here is Amazon's own or sensitive: its independent one, the e-book
    # (CNN, BBC), carries a content note and is better chosen by a leader than read to all.
    "customer-obsession",
}


def only_amazon(source: str) -> bool:
    """Whether every work a source line cites is Amazon's or Bezos's own."""
    works = [s.strip() for s in re.sub(r"\([^)]*\)", "", source).split(";")]
    return all(AMAZON_VOICE.match(w) for w in works if w[:1].isupper())


def test_the_story_read_aloud_is_sourced_beyond_amazon(library: Library) -> None:
    """The story a session reads (and a guide prints) is the first; it is Amazon's own
    account only where READ_ALOUD_FROM_AMAZON says why."""
    own = set()
    for p in library.principles:
        segment = build_agenda(p, 60).segment("example")
        assert segment is not None and segment.example == p.examples[0], p.id
        if only_amazon(segment.example.source):
            own.add(p.id)
    assert own == READ_ALOUD_FROM_AMAZON


def test_an_amazon_account_has_an_independent_one_beside_it(library: Library) -> None:
    """A principle that tells Amazon's own story also tells one about Amazon from outside."""
    lacking = [
        p.id
        for p in library.principles
        if any(only_amazon(e.source) for e in p.examples)
        and not any("Amazon" in e.story and not only_amazon(e.source) for e in p.examples)
    ]
    assert not lacking


def refers(text: str, ref: str) -> bool:
    """Whether `text` names the passage `ref`: its book with its chapter, or with none."""
    book, place = ref.rsplit(" ", 1)
    book = book.replace("Psalm", "Psalms?")
    chapter = place.split(":")[0]
    return re.search(rf"\b{book}(?!\s+\d)|\b{book}\s+{chapter}\b", text) is not None


def test_a_reading_the_principle_asks_about_is_asked_about_when_read(library: Library) -> None:
    """In a session of the default hour, a passage read aloud that one of the principle's
    questions discusses is discussed by a question the agenda has time for."""
    unasked = []
    for p in library.principles:
        agenda = build_agenda(p, 60)
        timed = [s.question for s in agenda.segments if s.question is not None]
        readings = agenda.segment("scripture")
        assert readings is not None
        for passage in readings.passages:
            said = [" ".join([q.question, *q.follow_ups]) for q in p.discussion]
            if any(refers(text, passage.ref) for text in said) and not any(
                refers(" ".join([q.question, *q.follow_ups]), passage.ref) for q in timed
            ):
                unasked.append(f"{p.id}: {passage.ref}")
    assert not unasked, "\n".join(unasked)


def verses(ref: str) -> set[int]:
    import pythonbible as bible

    from lp_coach.content.refs import canonical

    return set(bible.convert_references_to_verse_ids(bible.get_references(canonical(ref))))


def test_no_passage_is_in_two_principles_without_a_note_saying_why(library: Library) -> None:
    titles = {p.id: p.title for p in library.principles}
    held: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for p in library.principles:
        for s in p.scripture:
            for verse in verses(s.ref):
                held[verse].append((p.id, s.ref, s.note or ""))
    unexplained = set()
    for entries in held.values():
        for pid, ref, note in entries:
            others = {other for other, _, _ in entries if other != pid}
            if others and not any(titles[o] in note for o in others):
                unexplained.add(f"{pid} {ref} (also in {', '.join(sorted(others))})")
    assert not unexplained, "\n".join(sorted(unexplained))


def quotations(text: str) -> list[str]:
    return re.findall(r"“([^”]+)”", text)


def words(text: str) -> list[str]:
    return re.sub(r"[^\w\s’-]", " ", text.casefold().replace("'", "’")).split()


def texts(p: Principle) -> Iterator[str]:
    for _, _, text in markable(p):
        yield text
    for s in p.scripture:
        yield s.note or ""
    for e in p.examples:
        yield from (e.story, e.lesson)
    for s in p.scenarios:
        yield from (s.situation, s.explanation)


def test_a_statement_quoted_in_quotation_marks_is_quoted_exactly(library: Library) -> None:
    """A quotation made mostly of a statement's words (half its word pairs or more) is that
    statement's words exactly; an ellipsis may stand for words left out."""
    statements = [f" {' '.join(words(p.statement))} " for p in library.principles]
    pairs = []
    for statement in statements:
        w = statement.split()
        pairs.append(set(zip(w, w[1:], strict=False)))
    wrong = []
    for p in library.principles:
        for text in texts(p):
            for quoted in quotations(text):
                for part in quoted.split("…"):
                    w = words(part)
                    grams = set(zip(w, w[1:], strict=False))
                    if not grams or any(f" {' '.join(w)} " in s for s in statements):
                        continue
                    if any(len(grams & found) * 2 >= len(grams) for found in pairs):
                        wrong.append(f"{p.id}: “{quoted}”")
    assert not sorted(set(wrong)), "\n".join(sorted(set(wrong)))


def test_scripture_text_uses_curly_quotes(library: Library) -> None:
    straight = [
        f"{p.id} {s.ref}"
        for p in library.principles
        for s in p.scripture
        if re.search("[\"']", s.text)
    ]
    assert not straight


def test_no_line_of_a_principle_file_is_too_long() -> None:
    long = [
        f"{path.name}:{n}"
        for path in sorted(BUILTIN.glob("*.yaml"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > LINE_MAX
    ]
    assert not long


def test_one_spelling_and_one_date_style(library: Library) -> None:
    us_date = re.compile(
        r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December) \d{1,2}, \d{4}"
    )
    found = []
    for p in library.principles:
        for text in [*texts(p), *(e.source for e in p.examples)]:
            if "judgement" in text.casefold():
                found.append(f"{p.id}: judgement (house style: judgment, as the statements)")
            if us_date.search(text):
                found.append(f"{p.id}: {us_date.search(text).group(0)} (write 25 May 1961)")  # type: ignore[union-attr]
            for ref in re.findall(r"\b\d+:\d+-\d+\b", text):
                found.append(f"{p.id}: {ref} (a verse range in prose takes an en dash)")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("audience", ["leader", "participant"])
def test_the_secular_booklet_has_no_scripture_prayer_or_faith(cli, audience: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("guide", "--all", "--secular", "--audience", audience, "--format", "md", "-o", "-")
    assert result.exit_code == 0, result.output
    text = result.stdout
    found = sorted({m for line in text.splitlines() if (m := faith_in(line))})
    assert not found, found
    for gone in ("Key verse", "Scripture", "prayer", "Prayer", "Pray ", "World English"):
        assert gone not in text, gone
    assert "lp-coach study customer-obsession --minutes 60 --leader --secular" in text or (
        audience == "participant"
    )


def test_without_scripture_study_and_guide_pick_the_same_questions(library: Library) -> None:
    """One rule: the guide's agenda is the session's agenda, so the questions match."""
    from lp_coach.guide.chapters import build_chapter

    for p in library.principles:
        session = build_agenda(p, 60, scripture=False)
        chapter = build_chapter(library, p, minutes=60, scripture=False)
        asked = [s.question for s in session.segments if s.question is not None]
        printed = [s.question for s in chapter.agenda.segments if s.question is not None]
        assert asked == printed, p.id
        assert all(faith_of(q) != "scripture" for q in session.principle.discussion), p.id
        assert session.principle.scripture == ()


def test_the_full_booklet_credits_the_bible_edition(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("guide", "--all", "--format", "md", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "World English Bible" in result.stdout and "pythonbible" in result.stdout
    assert "Content note (leader only)" in result.stdout


def test_secular_true_in_the_config_makes_the_guide_secular(cli) -> None:  # type: ignore[no-untyped-def]
    from lp_coach.paths import config_file

    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("secular = true\n", encoding="utf-8")
    result = cli("guide", "think-big", "--format", "md", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "## Scripture" not in result.stdout and "Opening prayer" not in result.stdout
    assert "--leader --secular" in result.stdout


def test_secular_true_in_the_config_keeps_faith_out_of_journal_prompts(library: Library) -> None:
    from datetime import date, timedelta

    from lp_coach.journal import service
    from lp_coach.paths import config_file

    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("secular = true\n", encoding="utf-8")
    start = date(2026, 1, 1)
    for p in library.principles:
        for n in range(len(p.journal_prompts)):
            day = start + timedelta(days=n * len(library.principles))
            text = service.prompt_for_day(library, [p.id], day).text
            assert not faith_in(text), (p.id, text)


def test_stories_read_aloud_in_sentences_of_at_most_forty_words(library: Library) -> None:
    long = [
        f"{p.id} {e.title!r}: {len(sentence.split())} words"
        for p in library.principles
        for e in p.examples
        for sentence in re.split(r"(?<=[.!?])\s+|(?<=[.!?]”)\s+", e.story)
        if len(sentence.split()) > 40
    ]
    assert not long, "\n".join(long)


SHORT_TITLES = {
    "have-backbone-disagree-and-commit": "Have Backbone",
    "insist-on-the-highest-standards": "Highest Standards",
    "strive-to-be-earths-best-employer": "Earth’s Best Employer",
    "success-and-scale-bring-broad-responsibility": "Success and Scale",
    "hire-and-develop-the-best": "Hire and Develop",
}


def test_every_scenario_explanation_names_a_distractor(library: Library) -> None:
    """It says why the nearest wrong answer is not the answer, and names it."""
    titles = library.titles()
    silent = [
        f"{p.id} {s.key}"
        for p in library.principles
        for s in p.scenarios
        if not any(
            titles[d] in s.explanation or SHORT_TITLES.get(d, titles[d]) in s.explanation
            for d in s.distractors
        )
    ]
    assert not silent, "\n".join(silent)


def test_a_secular_group_gets_secular_guides_and_sessions(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("group", "create", "Ops team").exit_code == 0
    done = cli("group", "set", "Ops team", "--secular")
    assert done.exit_code == 0, done.output
    assert "(secular)" in done.stdout
    text = cli("--in", "Ops team", "guide", "think-big", "--format", "md", "-o", "-").stdout
    assert "## Scripture" not in text and "Opening prayer" not in text
    assert "--leader --secular" in text
    from lp_coach.content.library import open_library
    from lp_coach.groups.store import find
    from lp_coach.store.db import connect
    from lp_coach.study.planning import plan_session
    from lp_coach.study.service import StudyRequest

    conn = connect()
    options, agenda = plan_session(
        conn, open_library(), StudyRequest("think-big"), find(conn, "Ops team")
    )
    assert options.secular and agenda.segment("scripture") is None
    assert cli("group", "set", "Ops team", "--not-secular").exit_code == 0
    again = cli("--in", "Ops team", "guide", "think-big", "--format", "md", "-o", "-").stdout
    assert "## Scripture" in again
