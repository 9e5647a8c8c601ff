"""Keys on the full screen, in a real pseudo-terminal: finishing asks once, Ctrl-C cancels what
is typed, one Esc leaves "who speaks?", a phone's answer passes the turn."""

from __future__ import annotations

import json
import socket
import time
import urllib.request
from pathlib import Path

import pytest
from test_study_e2e import ended, spawn

from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack
from lp_coach.study.agenda import build_agenda
from lp_coach.study.steps import build_steps

pytestmark = pytest.mark.e2e


def solo_steps() -> int:
    principle = load_checked([builtin_pack()]).get("customer-obsession")
    assert principle is not None
    return len(build_steps(build_agenda(principle, 45), group=False))


def test_finishing_asks_once_and_esc_stays(isolated_home: Path) -> None:
    total = solo_steps()
    child = spawn(isolated_home, "study", "customer-obsession", "--minutes", "45")
    child.expect(f"step 1 of {total}")
    for number in range(2, total + 1):
        child.send("\r")
        child.expect(f"step {number} of {total}")
    child.send("\r")
    child.expect("Finish the session\\? Enter again to finish, Esc to stay")
    child.send("\x1b")
    time.sleep(0.2)
    child.send("o")  # still here: a note can be typed
    child.expect("Note: ")
    child.send("\x1b")
    child.send("s")  # skipping the last step finishes too: asked the same
    child.expect("Finish the session\\? Enter again to finish, Esc to stay")
    child.send("\r")
    child.expect(r"Session 1 finished\. Notes: ")
    assert ended(child)[0] == 0


def test_ctrl_c_cancels_the_line_and_a_second_one_stops_saved(isolated_home: Path) -> None:
    child = spawn(isolated_home, "study", "customer-obsession", "--group", "Ann,Ben")
    child.expect("step 1 of")
    child.send("\r")
    child.expect("step 2 of")
    child.send("a")
    child.expect("Ann says: ")
    child.send("typing an answer when")
    child.expect("typing an answer when")
    child.sendintr()
    child.expect("Cancelled: nothing was kept")
    child.sendintr()
    code, output = ended(child)
    assert code == 130, output
    assert "Session 1 saved at step 2 of" in output
    shown = spawn(isolated_home, "sessions", "show", "1")
    code, text = ended(shown)
    assert "typing an answer when" not in text


def test_one_esc_leaves_who_speaks(isolated_home: Path) -> None:
    child = spawn(isolated_home, "study", "customer-obsession", "--group", "Ann,Ben")
    child.expect("step 1 of")
    child.send("\r")
    child.expect("step 2 of")
    child.send("w")
    child.expect("Who speaks\\? 1 Ann · 2 Ben")
    child.send("\x1b")
    time.sleep(0.3)  # the screen is drawn again after the Esc
    child.send("o")
    child.expect("Note: ")
    assert "Pick who speaks" not in (child.before or "")
    child.send("\x1b")
    child.send("q")
    assert ended(child)[0] == 0


def post(url: str, body: dict[str, object]) -> dict[str, object]:
    headers = {"Content-Type": "application/json"}
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=5) as reply:
        data: dict[str, object] = json.load(reply)
        return data


def test_a_phone_answer_from_whose_turn_it_is_passes_the_turn(isolated_home: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    room = ("--room", "--room-host", "127.0.0.1", "--room-port", str(port))
    child = spawn(isolated_home, "study", "customer-obsession", "--group", "Ann,Ben", *room)
    child.expect(rf"Room open for phones on the same network: (http://127\.0\.0\.1:{port}/\S+)")
    base = str(child.match.group(1))
    child.expect("for the leader only")  # the leader page's link first, on a screen of its own
    child.send(" ")
    child.expect("step 1 of")
    child.send("\r")
    child.expect("step 2 of")
    child.expect("Ann's turn to speak")
    client = post(base + "/join", {"name": "ann"})
    assert client["name"] == "Ann"
    body = {"client": client["client"], "kind": "answer", "text": "from my phone"}
    post(base + "/say", {**body, "step": "welcome"})
    child.expect("from my phone")
    child.expect("Ben's turn to speak")
    child.send("q")
    assert ended(child)[0] == 0
