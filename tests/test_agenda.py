"""The agenda builder: the same minute-for-minute plan for sessions and guides."""

from __future__ import annotations

import pytest

from lp_coach.content.model import Library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.errors import UsageError
from lp_coach.study.agenda import build_agenda


@pytest.fixture(scope="module")
def library() -> Library:
    return load_checked([builtin_pack()])


@pytest.mark.parametrize("minutes", [40, 45, 60, 75, 90, 120, 180])
def test_every_principle_fits_the_time_exactly(library: Library, minutes: int) -> None:
    for principle in library.principles:
        agenda = build_agenda(principle, minutes)
        assert sum(s.minutes for s in agenda.segments) == minutes, principle.id
        assert all(s.minutes >= 1 for s in agenda.segments)
        starts = [s.start for s in agenda.segments]
        assert starts == sorted(starts) and starts[0] == 0
        assert agenda.segments[-1].start + agenda.segments[-1].minutes == minutes


def test_the_shape_of_a_small_group_session(library: Library) -> None:
    agenda = build_agenda(library.principles[0], 60)
    kinds = [s.kind for s in agenda.segments]
    assert kinds[:5] == ["welcome", "opening", "principle", "scripture", "example"]
    assert kinds[-3:] == ["tension", "actions", "closing"]
    assert kinds.count("discussion") >= 2
    assert agenda.segment("opening").title == "Opening prayer"  # type: ignore[union-attr]


def test_longer_sessions_hold_more_questions(library: Library) -> None:
    counts = [
        sum(1 for s in build_agenda(library.principles[0], m).segments if s.kind == "discussion")
        for m in (45, 60, 90)
    ]
    assert counts[0] < counts[1] < counts[2]


def test_secular_groups_drop_scripture_and_prayer(library: Library) -> None:
    agenda = build_agenda(library.principles[0], 60, scripture=False, prayer=False)
    assert "scripture" not in [s.kind for s in agenda.segments]
    titles = [s.title for s in agenda.segments]
    assert not any("prayer" in t.lower() for t in titles)
    assert sum(s.minutes for s in agenda.segments) == 60


@pytest.mark.parametrize("minutes", [0, 39, 181, -5])
def test_minutes_out_of_range(library: Library, minutes: int) -> None:
    with pytest.raises(UsageError, match="between 40 and 180"):
        build_agenda(library.principles[0], minutes)


@pytest.mark.parametrize("minutes", [60, 90])
def test_sessions_reach_every_stage_of_questions(library: Library, minutes: int) -> None:
    from lp_coach.content.stages import stage_of

    for principle in library.principles:
        questions = principle.discussion
        chosen = [s.question for s in build_agenda(principle, minutes).segments if s.question]
        stages = {stage_of(questions.index(q), questions).key for q in chosen}
        assert stages == {"grounding", "interpretive", "application"}, principle.id
        positions = [questions.index(q) for q in chosen]
        assert positions == sorted(positions)  # asked in the order of the file


def test_questions_are_numbered_as_in_the_file(library: Library) -> None:
    principle = library.principles[0]
    for segment in build_agenda(principle, 90).segments:
        if segment.question is not None:
            number = principle.discussion.index(segment.question) + 1
            assert segment.title == f"Question {number}"


def test_a_question_keeps_its_own_minutes_and_spare_time_goes_to_the_untimed() -> None:
    from lp_coach.content.model import Principle, Question

    timed, untimed = Question("Who is our customer?", minutes=5), Question("What now?")
    principle = Principle("customers-first", 1, "Customers First", "We start with them.")
    agenda = build_agenda(principle.__class__(**{**principle.__dict__, "discussion": (timed,)}))
    assert [s.minutes for s in agenda.segments if s.kind == "discussion"] == [5]
    both = principle.__class__(**{**principle.__dict__, "discussion": (timed, untimed)})
    agenda = build_agenda(both, 60)
    minutes = [s.minutes for s in agenda.segments if s.kind == "discussion"]
    assert minutes[0] == 5 and minutes[1] > 7  # the review's 5-minute question got 17
    assert sum(s.minutes for s in agenda.segments) == 60
