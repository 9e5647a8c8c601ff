"""Interview practice: the rubric on good and bad answers, the choice of questions, the
command with its history, and the countdown in a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pexpect
import pytest
from conftest import Invoke
from test_terminal import lp_coach

from lp_coach.content.library import open_library
from lp_coach.practice.choose import choose
from lp_coach.practice.rubric import CHECKS, assess

GOOD = """At my previous company our nightly build broke every week and nobody owned it.
My goal was to make it reliable before the Q3 release, even though it was not my team's job.
I took it on myself. I wrote a script that bisected failures, I set up alerts, and I met
each team lead to agree on who fixes what. I thought long term: I documented everything
so the fix would outlast me. As a result, failures dropped from 5 a week to 1 a month by
March 2023, and the release shipped on time. I learned that an owner never says that is
not my job, and two other teams copied the script within a month."""

LABELLED = """Situation: our support queue had grown to 900 tickets at my last job.
Task: I was asked to bring the wait under a day.
Action: I sorted the queue by customer impact, I wrote answers for the ten commonest
questions, and I paired with each agent for an hour on the hardest cases. I also
stopped taking new features for two weeks so that I could watch the queue daily and
call the customers who had waited longest, one by one, to fix it and keep their trust.
Result: the queue fell to 120 in three weeks and the average wait from 4 days to 6 hours.
Customers wrote to thank the team and renewals went up 8 percent that quarter."""

WE = GOOD.replace("I ", "we ").replace("My goal", "Our goal").replace(" me.", " us.")


def verdicts(answer: str, principle: str = "ownership") -> dict[str, bool]:
    found = open_library().get(principle)
    assert found is not None
    return {c.name: c.passed for c in assess(answer, found)}


@pytest.mark.parametrize(
    ("answer", "principle", "expected"),
    [
        (GOOD, "ownership", dict.fromkeys(CHECKS, True)),
        (LABELLED, "customer-obsession", dict.fromkeys(CHECKS, True)),
        (WE, "ownership", {**dict.fromkeys(CHECKS, True), "i-not-we": False, "star": False}),
        (
            "We did a great job. We worked hard and we delivered.",
            "ownership",
            dict.fromkeys(CHECKS, False),
        ),
        (
            GOOD.replace("5 a week to 1 a month by\nMarch 2023", "often to rarely")
            .replace("two other teams", "other teams")
            .replace("within a month", "later"),
            "ownership",
            {**dict.fromkeys(CHECKS, True), "measurable": False},
        ),
        (GOOD, "frugality", {**dict.fromkeys(CHECKS, True), "principle": False}),
        ((GOOD + " ") * 5, "ownership", {**dict.fromkeys(CHECKS, True), "length": False}),
        (
            "Situation: we had an outage.\nTask:\nAction: I restarted it.\n"
            "Result: up in 5 minutes.",
            "ownership",
            {"star": False, "measurable": True, "i-not-we": True, "length": False},
        ),
    ],
    ids=[
        "good",
        "labelled",
        "we",
        "vague",
        "no-number",
        "wrong-principle",
        "too-long",
        "empty-task",
    ],
)
def test_rubric(answer: str, principle: str, expected: dict[str, bool]) -> None:
    got = verdicts(answer, principle)
    assert {k: got[k] for k in expected} == expected


def test_every_check_gives_a_reason() -> None:
    principle = open_library().get("ownership")
    assert principle is not None
    for check in assess("We did it.", principle):
        assert check.reason and not check.passed
    star = assess("We did it.", principle)[0]
    assert "no Situation" in star.reason and "no Action" in star.reason


def test_questions_lean_to_principles_without_stories() -> None:
    library = open_library()
    covered = dict.fromkeys(library.ids(), 5)
    covered["frugality"] = 0
    picks = [choose(library, covered, 1, random.Random(n))[0].principle.id for n in range(400)]
    share = picks.count("frugality") / len(picks)
    assert 0.12 < share < 0.35  # four times the weight of each of the 15 others: about 21%
    only = choose(library, {}, 3, random.Random(1), only=("dive-deep",))
    assert {q.principle.id for q in only} == {"dive-deep"} and len({q.text for q in only}) == 3


def test_practice_plain_records_and_history(cli: Invoke) -> None:
    cli("stories", "add", "-t", "Fixed the build", "-p", "ownership", "-A", "I did")
    result = cli("practice", "-p", "ownership", "--seed", "3", input=GOOD + "\n\n")
    assert result.exit_code == 0, result.output
    assert "Rubric: 5 of 5" in result.stdout
    assert "PASS  All four STAR parts" in result.stdout
    assert "Your stories for Ownership:" in result.stdout and "Fixed the build" in result.stdout
    assert "⏱" not in result.stdout  # no clock in plain mode
    again = cli("practice", "-p", "frugality", input="We did it.\n\n")
    assert "Rubric: 0 of 5" in again.stdout
    assert "No story for Frugality in your bank yet" in again.stdout
    history = json.loads(cli("practice", "history", "--json").stdout)
    assert [(h["principle"], h["passed"], h["total"]) for h in history] == [
        ("ownership", 5, 5),
        ("frugality", 0, 5),
    ]
    assert history[0]["answer"].startswith("At my previous company")
    table = cli("practice", "history", "-p", "ownership")
    assert "STAR✓" in table.stdout and "Ownership" in table.stdout
    assert "Frugality" not in table.stdout


def test_practice_aloud_is_self_rated(cli: Invoke) -> None:
    result = cli("practice", "-p", "dive deep", "--aloud", input="\ny\ny\nn\ny\nmaybe\nn\n")
    assert result.exit_code == 0, result.output
    history = json.loads(cli("practice", "history", "--json").stdout)
    assert history[0]["mode"] == "spoken" and history[0]["answer"] == ""
    assert [c["passed"] for c in history[0]["checks"]] == [True, True, False, True, False]


def test_practice_bad_input(cli: Invoke) -> None:
    unknown = cli("practice", "-p", "ownershp")
    assert unknown.exit_code == 2 and "did you mean ownership?" in unknown.stderr
    assert cli("practice", "--minutes", "0").exit_code == 2
    nothing = cli("practice", input="")
    assert "Nothing recorded" in nothing.stderr
    assert cli("practice", "history").stderr.startswith("No practice yet")


@pytest.mark.e2e
def test_practice_countdown_ticks_in_a_terminal(isolated_home: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(isolated_home.parent),
        "LP_COACH_HOME": str(isolated_home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    child = pexpect.spawn(
        lp_coach(),
        ["practice", "-p", "ownership", "--minutes", "0.05"],
        env=env,
        dimensions=(24, 100),
        encoding="utf-8",
        timeout=10,
    )
    child.expect("Question 1 of 1 · Ownership")
    child.expect(r"(\d+):(\d\d) left")
    first = int(child.match.group(1)) * 60 + int(child.match.group(2))
    child.expect(r"(\d+):(\d\d) left")
    second = int(child.match.group(1)) * 60 + int(child.match.group(2))
    assert second < first <= 3
    child.send("I fixed the build.\r")
    child.expect(r"time is up \(\+0:0\d\)")  # the time is up, and typing goes on
    child.send("As a result it was 40% faster.\r")
    child.send("\r")
    child.expect(r"Rubric: (\d) of 5")
    child.expect("Recorded 1 attempt")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_ctrl_c_in_a_practice_ends_at_the_boundary_keeping_what_was_judged(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C after one answer: the boundary says what is kept and exits 130."""
    from lp_coach.practice import store

    recorded = store.record

    def then_interrupted(*args: object, **kwargs: object) -> int:
        attempt = recorded(*args, **kwargs)  # type: ignore[arg-type]
        if attempt > 1:
            raise KeyboardInterrupt
        return attempt

    monkeypatch.setattr(store, "record", then_interrupted)
    result = cli("practice", "-n", "3", "--seed", "1", input=GOOD + "\n\n" + GOOD + "\n\n")
    assert result.exit_code == 130, result.output
    assert result.stderr.strip() == "Stopped; the answers judged so far are kept."
    history = json.loads(cli("practice", "history", "--json").stdout)
    assert len(history) == 2
