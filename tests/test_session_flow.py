"""A session the group can trust, through pipes: prayer requests person by person, a solo
session spoken to one person, reopening, commands that fail quietly, a room that comes back."""

from __future__ import annotations

import json
import socket
import subprocess
from pathlib import Path

from test_study_e2e import environ, step_number
from test_terminal import lp_coach


def piped(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [lp_coach(), *args],
        input=stdin,
        env=environ(home),
        capture_output=True,
        text=True,
        timeout=60,
    )


def listed(home: Path) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads(piped(home, "sessions", "list", "--json").stdout)
    return data


def to_closing(prayers: str) -> str:
    """Enter through a 45-minute group session of Ann and Ben to its closing, then `prayers`."""
    actions, _ = step_number("actions")
    return "\n" * (actions - 1) + "\n\n" + prayers


GROUP = ("customer-obsession", "--group", "Ann,Ben", "--minutes", "45")


def test_an_empty_prayer_request_passes_to_the_next_person(isolated_home: Path) -> None:
    done = piped(
        isolated_home, "study", *GROUP, stdin=to_closing("\nfor my mum\n\n\n")
    )  # the last: finish
    assert done.returncode == 0, done.stderr
    assert "Ann, a prayer request? (Enter: pass)" in done.stdout
    assert "Ben, a prayer request? (Enter: pass)" in done.stdout  # Ann's Enter did not close
    notes = Path(str(listed(isolated_home)[0]["notes"])).read_text()
    assert "**Ben:** for my mum" in notes


def test_the_action_steps_are_not_left_by_themselves(isolated_home: Path) -> None:
    typed = to_closing("")
    actions, _ = step_number("actions")
    typed = "\n" * (actions - 1) + "call a customer\nread the reviews\n"
    stopped = piped(isolated_home, "study", *GROUP, stdin=typed)
    assert f"saved at step {actions} of" in stopped.stderr  # still on the action steps


def test_a_solo_plain_session_says_nothing_of_a_group(isolated_home: Path) -> None:
    done = piped(isolated_home, "study", "customer-obsession", stdin="\n" * 40)
    assert done.returncode == 0, done.stderr
    group_only_words = ("Ben: TEXT says who", "/who", "/pass", "Each person", "\nprayer request?")
    for group_only in group_only_words:
        assert group_only not in done.stdout, group_only
    assert "Name one thing you will do this week." in done.stdout
    assert "A prayer request? (Enter: finish)" in done.stdout


def test_a_finished_session_is_reopened_and_its_notes_written_again(isolated_home: Path) -> None:
    assert piped(isolated_home, "study", *GROUP, stdin=to_closing("\n\n\n\n")).returncode == 0
    notes = Path(str(listed(isolated_home)[0]["notes"]))
    assert "forgot this one" not in notes.read_text()
    again = piped(isolated_home, "study", "--reopen", stdin="\nBen: forgot this one\n\n\n")
    assert again.returncode == 0, again.stderr
    assert "== Closing" in again.stdout
    assert f"Session 1 finished. Notes: {notes}" in again.stdout
    assert "**Ben:** forgot this one" in notes.read_text()  # the same file, written again
    [session] = listed(isolated_home)
    assert session["status"] == "finished"
    by_number = piped(isolated_home, "study", "--reopen", "1", stdin="")
    assert "saved at step" in by_number.stderr and "--resume" in by_number.stderr
    assert listed(isolated_home)[0]["status"] == "in_progress"
    refused = piped(isolated_home, "study", "--reopen", "1")
    assert refused.returncode == 2 and "not finished" in refused.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_failing_command_says_nothing_of_starting_and_leaves_nothing(isolated_home: Path) -> None:
    assert piped(isolated_home, "study", "earn-trust", "--group", "Ann,Ben", stdin="\n").stderr
    for args in (("nosuch",), ("frugality", "--minutes", "20"), ("frugality", "--bogus")):
        failed = piped(isolated_home, "study", *args)
        assert failed.returncode == 2, failed.stderr
        assert "Starting a new session" not in failed.stderr + failed.stdout, args
        assert "unfinished" not in failed.stderr + failed.stdout, args
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        room = ("--room", "--room-host", "127.0.0.1", "--room-port", port)
        failed = piped(isolated_home, "study", "frugality", *room)
    assert failed.returncode != 0 and "cannot open the room" in failed.stderr
    assert "Starting a new session" not in failed.stderr
    assert [s["principle"] for s in listed(isolated_home)] == ["earn-trust"]  # none left behind


def test_a_resumed_room_comes_back_on_its_host_and_port(isolated_home: Path) -> None:
    port = free_port()
    room = ("--room", "--room-host", "127.0.0.1", "--room-port", str(port))
    first = piped(isolated_home, "study", "earn-trust", "--group", "Ann,Ben", *room, stdin="\n")
    assert f"http://127.0.0.1:{port}/" in first.stderr
    assert f"Continue with: lp-coach study --resume (the room comes back on port {port}" in (
        first.stderr
    )
    again = piped(isolated_home, "study", "--resume", stdin="")
    code = first.stderr.split(f"127.0.0.1:{port}/", 1)[1][:12]
    assert f"Room open for phones on the same network: http://127.0.0.1:{port}/{code}" in (
        again.stderr
    )
