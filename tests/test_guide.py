"""`lp-coach guide`: what a guide holds, leader and participant copies, booklets, where it goes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Invoke

from lp_coach.cli import output
from lp_coach.content.library import open_library
from lp_coach.content.stages import stage_bounds
from lp_coach.guide.questions import group_questions
from lp_coach.study.agenda import build_agenda

LEADER_NOTE = "Amazon lists this principle first"  # customer-obsession, question 1
FOLLOW_UP = "Who counts as your customer if you never meet anyone"
SCRIPTURE_NOTE = "The buyer runs the goods down to get a better price"


def guide(cli: Invoke, *args: str) -> str:
    result = cli("guide", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


# What a guide holds


def test_a_leader_guide_holds_every_part_in_order(cli: Invoke) -> None:
    text = guide(cli, "customer-obsession")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Customer Obsession",
        "## The big idea",
        "## Agenda (60 minutes)",
        "## Before you meet",
        "## Icebreaker",
        "## Scripture",
        "## Story: Telling customers how to spend less",
        "## Discussion",
        "### Grounding: What does it say, and where have we seen it?",
        "### Interpretive: What does it mean, and where are its limits?",
        "### Application: What will we do with it this week?",
        "## Tension: Customer Obsession and Frugality",
        "## Action step",
        "## Closing and prayer",
        "## Notes",
    ]
    assert "**Key verse:** Proverbs 20:14 (WEB)" in text
    assert "> Leaders start with the customer and work backwards." in text
    assert "where have you seen “Customer Obsession” lived out lately" in text  # icebreaker
    assert "> Yahweh detests differing weights" in text  # a reading, with its text
    assert "- Why might a refund nobody asked for build more trust than a discount?" in text
    assert "**Through the week:** Who is the one person you find hardest to serve" in text
    assert "close in prayer" in text
    assert "`lp-coach study customer-obsession --minutes 60 --leader`" in text


def test_the_key_verse_is_the_first_reading_short_enough_to_stand_alone(cli: Invoke) -> None:
    assert "**Key verse:** Proverbs 20:14 (WEB)" in guide(cli, "customer-obsession")
    text = guide(cli, "think-big")  # its first reading, Numbers 13:30-33, runs to 648 characters
    assert "**Key verse:** Habakkuk 2:2-3 (WEB)\n\n> Yahweh answered me, Write the vision" in text


@pytest.mark.parametrize("minutes", [45, 60, 90])
def test_the_agenda_is_the_study_sessions_minute_for_minute(cli: Invoke, minutes: int) -> None:
    library = open_library()
    for principle in library.principles[:4]:
        text = guide(cli, principle.id, "--minutes", str(minutes))
        printed = re.findall(r"^- \*\*(\d+):(\d\d)\*\* · (\d+) min · ", text, re.MULTILINE)
        agenda = build_agenda(principle, minutes)
        assert [(int(h) * 60 + int(m), int(n)) for h, m, n in printed] == [
            (s.start, s.minutes) for s in agenda.segments
        ], principle.id


def test_questions_on_the_agenda_show_their_slot_the_rest_wait(cli: Invoke) -> None:
    text = guide(cli, "customer-obsession")
    assert "- **0:20** · 8 min · Question 1 (grounding)" in text  # its `minutes: 8`
    assert "   *8 min · at 0:20*" in text
    assert text.count("If time allows") == 7  # ten questions, three on a 60-minute agenda
    longer = guide(cli, "customer-obsession", "--minutes", "90")
    assert longer.count("If time allows") < 7


@pytest.mark.parametrize(
    ("count", "bounds"),
    [(1, (0, 1)), (2, (1, 1)), (3, (1, 2)), (6, (2, 4)), (8, (3, 5)), (9, (3, 6)), (10, (3, 7))],
)
def test_questions_split_in_thirds_by_their_place(count: int, bounds: tuple[int, int]) -> None:
    assert stage_bounds(count) == bounds


def test_every_builtin_principle_has_all_three_kinds_of_question() -> None:
    for principle in open_library().principles:
        groups = group_questions(principle.discussion)
        assert [g.stage.key for g in groups] == ["grounding", "interpretive", "application"]
        numbers = [q.number for g in groups for q in g.questions]
        assert numbers == list(range(1, len(principle.discussion) + 1))


# Leader and participant copies


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_leader_notes_are_in_the_leader_copy_only(cli: Invoke, fmt: str) -> None:
    leader = guide(cli, "customer-obsession", "--format", fmt)
    participant = guide(cli, "customer-obsession", "--format", fmt, "--audience", "participant")
    for leader_only in (LEADER_NOTE, FOLLOW_UP, SCRIPTURE_NOTE, "Before you meet", "at 0:20"):
        assert leader_only in leader, leader_only
        assert leader_only not in participant, leader_only
    for shared in ("The big idea", "Icebreaker", "Amazon describes its mission", "Notes"):
        assert shared in leader and shared in participant, shared
    assert "Leader’s guide" in leader and "Participant’s guide" in participant


def test_the_participant_copy_lists_the_running_order_without_times(cli: Invoke) -> None:
    text = guide(cli, "ownership", "--audience", "participant")
    order = text.split("## Our time together", 1)[1].split("##", 1)[0]
    assert (
        order.split()
        == (
            "1. Welcome and check-in 2. Opening prayer 3. The principle: Ownership "
            "4. Scripture: John 10:11-13, Luke 16:10-12, Psalm 90:12 "
            "5. Story: Paying people to think like owners, and the limits of it "
            "6. Discussion 7. Tension with Deliver Results 8. Action steps "
            "9. Closing and prayer requests"
        ).split()
    )
    assert not re.search(r"\d min\b", text)


def test_no_scripture_leaves_out_readings_key_verse_and_prayer(cli: Invoke) -> None:
    text = guide(cli, "frugality", "--no-scripture")
    for gone in ("Key verse", "## Scripture", "Opening prayer", "prayer requests", "Pray for"):
        assert gone not in text, gone
    assert "## Closing\n" in text
    assert "`lp-coach study frugality --minutes 60 --leader --no-scripture --no-prayer`" in text


# Booklets


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_whole_booklet_renders_for_all_sixteen(cli: Invoke, fmt: str) -> None:
    text = guide(cli, "--all", "--format", fmt)
    library = open_library()
    assert len(library.principles) == 16
    if fmt == "md":
        chapters = re.findall(r"^## (\d+)\. (.+)$", text, re.MULTILINE)
        assert chapters == [(str(p.order), p.title) for p in library.principles]
        assert text.startswith("# Amazon Leadership Principles\n")
        assert "## Contents" in text
    else:
        assert text.count('<article class="chapter"') == 16
        assert '<nav class="toc"' in text
        for principle in library.principles:
            assert f'<a href="#{principle.id}">' in text


def test_the_plan_booklet_dates_each_meeting(cli: Invoke) -> None:
    assert cli("plan", "start", "--on", "2026-01-06", "--every", "2weeks").exit_code == 0
    text = guide(cli, "--plan", "--audience", "participant")
    assert "16 meetings, every 2 weeks, Tue 6 Jan 2026 to Tue 4 Aug 2026" in text
    assert "1. Customer Obsession — Tuesday 6 January 2026" in text
    assert "*Participant’s guide · 60 minutes · Tuesday 20 January 2026*" in text


def test_a_plan_nobody_has_started_prints_no_dates(cli: Invoke) -> None:
    result = cli("guide", "--plan")
    assert result.exit_code == 0, result.output
    assert "**Leader’s guide** · 16 meetings, every week · 60 minutes a meeting" in result.stdout
    assert "day " not in result.stdout.split("## 1. Customer Obsession", 1)[0]
    assert result.stderr == (
        "lp-coach: the plan has no dates yet; `lp-coach plan start --on DATE` sets them\n"
    )
    assert guide(cli).startswith("# Customer Obsession\n\n*Leader’s guide · 60 minutes*\n")


def test_without_a_principle_the_guide_is_for_the_plans_next_meeting(cli: Invoke) -> None:
    assert cli("plan", "start", "--on", "2026-01-06").exit_code == 0
    text = guide(cli)
    assert text.startswith("# Customer Obsession\n\n*Leader’s guide · 60 minutes · Tuesday 6")


def test_several_principles_make_a_booklet_in_the_order_typed(cli: Invoke) -> None:
    text = guide(cli, "frugality", "1", "frugality")
    assert re.findall(r"^## \d+\. (.+)$", text, re.MULTILINE) == [
        "Frugality",
        "Customer Obsession",
    ]


# Where it goes


def test_without_out_a_pipe_gets_the_guide(cli: Invoke) -> None:
    result = cli("guide", "ownership")
    assert result.exit_code == 0 and result.stdout.startswith("# Ownership\n")
    assert result.stderr == ""


def test_on_a_terminal_it_is_written_to_the_current_directory(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "on_terminal", lambda: True)
    monkeypatch.chdir(tmp_path)
    result = cli("guide", "ownership", "--audience", "participant", "--format", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote ownership-participant-guide.html\n"
    assert (tmp_path / "ownership-participant-guide.html").read_text().startswith("<!doctype")
    again = cli("guide", "--all")
    assert again.stdout == "wrote all-principles-leader-guide.md\n"


@pytest.mark.parametrize(
    ("out", "written", "starts"),
    [
        ("guide.html", "guide.html", "<!doctype html>"),
        ("guide.md", "guide.md", "# Think Big"),
        ("notes.txt", "notes.txt", "# Think Big"),
        (".", "think-big-leader-guide.md", "# Think Big"),
        ("sub/dir/g.htm", "sub/dir/g.htm", "<!doctype html>"),
    ],
)
def test_out_names_the_file_or_directory_and_the_format(
    cli: Invoke,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    out: str,
    written: str,
    starts: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("guide", "think-big", "--out", out)
    assert result.exit_code == 0, result.output
    path = Path(written) if out != "." else Path(".") / written
    assert result.stdout == f"wrote {path}\n"
    assert (tmp_path / written).read_text(encoding="utf-8").startswith(starts)


def test_out_dash_is_stdout(cli: Invoke) -> None:
    result = cli("guide", "think-big", "-o", "-", "-f", "html")
    assert result.exit_code == 0 and result.stdout.startswith("<!doctype html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "no principle 'nope'"),
        (["ownership", "--all"], "give principles, --all or --plan, not more than one of them"),
        (["--all", "--plan"], "give principles, --all or --plan, not more than one of them"),
        (["ownership", "-f", "docx"], "--format must be md, html or pdf, not 'docx'"),
        (["ownership", "--audience", "boss"], "--audience must be leader or participant"),
        (["ownership", "--minutes", "20"], "--minutes must be between 40 and 180, not 20"),
        (["ownership", "--paper", "a5"], "--paper must be a4 or letter, not 'a5'"),
        (["ownership", "--template", "/no/such/dir"], "--template /no/such/dir: no such directory"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(cli: Invoke, args: list[str], message: str) -> None:
    result = cli("guide", *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("lp-coach: error: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1
