"""End to end: a group session full-screen in a real pseudo-terminal, cut off and resumed."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pexpect
import pytest
from test_terminal import lp_coach

from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.study.agenda import build_agenda
from lp_coach.study.steps import build_steps

pytestmark = pytest.mark.e2e


def environ(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home.parent),
        "LP_COACH_HOME": str(home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"},  # code under test
    }


def spawn(home: Path, *args: str) -> pexpect.spawn:
    return pexpect.spawn(
        lp_coach(),
        list(args),
        env=environ(home),
        dimensions=(40, 120),
        encoding="utf-8",
        timeout=10,
    )


def step_number(key: str, minutes: int = 45) -> tuple[int, int]:
    """Where `key` comes in a group session on customer-obsession (1-based), and of how many."""
    principle = load_checked([builtin_pack()]).get("customer-obsession")
    assert principle is not None
    steps = build_steps(build_agenda(principle, minutes), group=True)
    return [s.key for s in steps].index(key) + 1, len(steps)


def forward(child: pexpect.spawn, here: str, there: str) -> None:
    """Press Enter from the step `here` until the step `there` is on screen."""
    for number in range(step_number(here)[0] + 1, step_number(there)[0] + 1):
        child.send("\r")
        child.expect(f"step {number} of")


def say(child: pexpect.spawn, text: str) -> tuple[str, str]:
    """Press a, see whose turn the prompt names, type `text` for them; (who, text)."""
    child.send("a")
    child.expect(r"(Ann|Ben) says: ")
    who = str(child.match.group(1))
    child.send(f"{text}\r")
    child.expect(f"{'Ben' if who == 'Ann' else 'Ann'}'s turn to speak")
    return who, text


def ended(child: pexpect.spawn) -> tuple[int | None, str]:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before or ""


def test_a_group_session_cut_off_and_resumed_keeps_every_answer(isolated_home: Path) -> None:
    typed: list[tuple[str, str]] = []
    group = ("--group", "Ann,Ben", "--minutes", "45")
    child = spawn(isolated_home, "study", "customer-obsession", *group)
    child.expect("In the group: Ann, Ben")
    child.send("\r")  # everyone is here
    child.expect("step 2 of")
    typed.append(say(child, "check-in: a quiet week"))
    forward(child, "welcome", "discussion-1")
    typed += [say(child, "q1 answer alpha"), say(child, "q1 answer bravo")]
    forward(child, "discussion-1", "discussion-2")
    typed += [say(child, "q2 answer Zoë’s café ☕"), say(child, "q2 answer delta")]
    child.sendintr()
    code, output = ended(child)
    assert code == 130, output
    number, total = step_number("discussion-2")
    assert f"saved at step {number} of {total}" in output
    assert "Continue with: lp-coach study --resume" in output

    child = spawn(isolated_home, "study", "--resume")
    child.expect(f"step {number} of {total}")
    child.expect("q2 answer delta")  # what was said before the cut is still on screen
    forward(child, "discussion-2", "tension")
    typed.append(say(child, "tension answer echo"))
    forward(child, "tension", "actions")
    child.send("a")
    child.expect("Ann, your action step: ")
    child.send("call one customer\r")
    child.expect("Ben's action step")
    child.send("a")
    child.expect("Ben, your action step: ")
    child.send("read the reviews\r")
    child.expect("read the reviews")  # the step stays after the last person's
    child.expect(f"step {total - 1} of {total}")
    child.send("\r")
    child.expect(f"step {total} of {total}")
    typed += [("Ann", "call one customer"), ("Ben", "read the reviews")]
    child.send("a")
    child.expect("Ann's prayer request: ")
    child.send("a sick friend\r")
    child.expect("Ben's prayer request")
    typed.append(("Ann", "a sick friend"))
    child.send("\r")
    child.expect("Finish the session\\? Enter again to finish, Esc to stay")
    child.send("\r")
    child.expect(r"finished\. Notes: (\S+\.md)")
    notes = Path(child.match.group(1))
    code, output = ended(child)
    assert code == 0, output

    written = notes.read_text(encoding="utf-8")
    shown = subprocess.run(
        [lp_coach(), "sessions", "show", "--last"],
        env=environ(isolated_home),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert shown == written
    assert "**Present:** Ann, Ben" in written
    for who, text in typed:
        assert f"**{who}:** {text}" in written, (who, text, written)


def test_q_quits_and_resume_comes_back_to_the_same_step(isolated_home: Path) -> None:
    child = spawn(isolated_home, "study", "customer-obsession")
    child.expect("step 1 of")
    child.send("\r")
    child.expect("step 2 of")
    child.send("n")
    child.expect(r"step 3 of (\d+)")
    total = child.match.group(1)
    child.send("q")
    code, output = ended(child)
    assert code == 0, output
    assert f"saved at step 3 of {total}" in output

    child = spawn(isolated_home, "study", "--resume")
    child.expect(f"step 3 of {total}")
    child.send("q")
    code, output = ended(child)
    assert code == 0, output
    assert f"saved at step 3 of {total}" in output


def test_starting_while_a_session_is_unfinished_asks_to_resume_it(isolated_home: Path) -> None:
    child = spawn(isolated_home, "study", "customer-obsession", "--group", "Ann,Ben")
    child.expect("step 1 of")
    child.send("q")
    assert ended(child)[0] == 0

    child = spawn(isolated_home, "study", "frugality")
    child.expect(r"Session 1 \(customer-obsession; Ann, Ben\) is unfinished, saved at step 1 of")
    child.expect(r"Resume customer-obsession instead of starting frugality\? \[y/N\] ")
    child.send("\r")  # the default, when another principle was named: what was asked for
    child.expect("Frugality")
    child.send("q")
    code, output = ended(child)
    assert code == 0 and "Session 2 saved" in output, output

    child = spawn(isolated_home, "study")  # no principle named: the default is to carry on
    child.expect(r"Session 2 \(frugality\) is unfinished")
    child.expect(r"Resume it instead\? \[Y/n\] ")
    child.send("\r")
    child.expect("Frugality")
    child.send("q")
    code, output = ended(child)
    assert code == 0 and "Session 2 saved" in output, output

    child = spawn(isolated_home, "study", "ownership")
    child.expect(r"Resume frugality instead of starting ownership\? \[y/N\] ")
    child.send("y\r")
    child.expect("Frugality")
    child.send("q")
    code, output = ended(child)
    assert code == 0 and "Session 2 saved" in output, output


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_hang_up_gives_the_terminal_back_and_says_what_is_saved(
    isolated_home: Path, signum: int
) -> None:
    child = spawn(isolated_home, "study", "customer-obsession", "--group", "Ann,Ben")
    child.expect("step 1 of")
    child.send("\r")
    child.expect("step 2 of")
    child.send("a")  # a line half typed: a hang-up still stops the session
    child.expect(r"(Ann|Ben) says: ")
    child.send("half typ")
    child.expect("half typ")
    child.kill(signum)
    code, output = ended(child)
    assert "\x1b[?1049l" in output, "still in the alternate screen"
    assert "\x1b[?25h" in output, "the cursor is still hidden"
    assert "saved at step 2 of" in output
    assert code == 130
