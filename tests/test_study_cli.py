"""`lp-coach study` and `lp-coach sessions` in plain mode (stdin not a terminal)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import Invoke, Outcome


def test_a_whole_plain_session(cli: Invoke) -> None:
    typed = "Ann, Ben\n" + "Ann is well\n" + "\n" * 30
    result = cli(
        "study", "customer-obsession", "--group", "Ann,Ben", "--minutes", "45", input=typed
    )
    assert result.exit_code == 0, result.output
    assert "== Welcome and check-in" in result.stdout
    assert "Read the principle aloud:" in result.stdout
    assert "Proverbs 20:14 (WEB)" in result.stdout
    assert "Leader notes" not in result.stdout  # only with --leader
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("Session 1 finished. Notes: ")
    notes = Path(last.split("Notes: ", 1)[1].split(" and ")[0])
    text = notes.read_text()
    assert "**Present:** Ann, Ben" in text and "**Ann:** Ann is well" in text


def notes_of(result: Outcome) -> str:
    """The notes a finished plain session wrote (the last line says where)."""
    last = result.stdout.strip().splitlines()[-1]
    return Path(last.split("Notes: ", 1)[1].split(" and ")[0]).read_text()


def test_a_roll_call_line_that_is_no_name_is_asked_again(cli: Invoke) -> None:
    typed = "Ann: fine\n" + "Ann, Ben\n" + "\n" * 60
    result = cli("study", "ownership", "--group", "Ann,Ben,Cal", input=typed)
    assert result.exit_code == 0, result.output
    said = '"Ann: fine" is not a name: type names only (a name has no ":")'
    assert result.stdout.count(said) == 1
    assert result.stdout.count("Who is here? ") == 2  # asked again
    assert "**Present:** Ann, Ben\n" in notes_of(result)
    wrong = cli("study", "ownership", "--group", "Ann: fine,Ben", input="\n" * 60)
    assert (wrong.exit_code, wrong.stderr) == (2, f"lp-coach: error: {said}\n")


def test_names_typed_at_the_roll_call_lose_their_escape_sequences(cli: Invoke) -> None:
    typed = "\x1b[31mAnn\x1b]0;owned\x07, B\x1b[2Jen\n" + "Ann: I'm well\n" + "\n" * 60
    result = cli("study", "ownership", "--group", "Ann,Ben", input=typed)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    notes = notes_of(result)
    assert "**Present:** Ann, Ben\n" in notes and "**Ann:** I'm well" in notes


def test_plain_mode_asks_before_finishing(cli: Invoke) -> None:
    first = cli("study", "ownership", input="\n" * 80)
    assert first.exit_code == 0, first.output
    assert first.stdout.count("Finish the session?") == 1  # asked once; Enter again finishes
    assert "Session 1 finished." in first.stdout
    lines = first.stdout.split("Finish the session?")[0].count("> ")  # read before the question
    second = cli("study", "ownership", input="\n" * lines + "one more thing\n")
    assert second.exit_code == 0, second.output
    assert second.stdout.count("Finish the session?") == 1 and "finished" not in second.stdout
    assert "Session 2 saved at step" in second.stderr  # a line typed at the question stays


def test_end_of_input_saves_and_resume_continues(cli: Invoke) -> None:
    first = cli("study", "ownership", "--group", "Ann,Ben", input="\nFirst words\n")
    assert first.exit_code == 0, first.output
    assert "Session 1 saved at step 2 of" in first.stderr
    assert "lp-coach study --resume" in first.stderr
    listed = json.loads(cli("sessions", "list", "--json").stdout)
    assert listed == [
        {
            "id": 1,
            "principle": "ownership",
            "status": "in_progress",
            "started": listed[0]["started"],
            "finished": None,
            "group": ["Ann", "Ben"],
            "in": "my-group",
            "minutes": 60,
            "notes": None,
            "step": 2,
            "steps": listed[0]["steps"],
            "step_title": "Welcome and check-in",
        }
    ]
    second = cli("study", "--resume", input="Second words\n" + "\n" * 40)
    assert second.exit_code == 0, second.output
    assert "== Welcome and check-in" in second.stdout  # the step it stopped on
    notes = Path(json.loads(cli("sessions", "list", "--json").stdout)[0]["notes"])
    text = notes.read_text()
    assert "**Ann:** First words" in text and "**Ben:** Second words" in text
    shown = cli("sessions", "show", "--last")
    assert shown.exit_code == 0 and shown.stdout == text
    assert cli("sessions", "show", "1").stdout == text


def test_leader_and_secular_flags(cli: Invoke) -> None:
    result = cli("study", "frugality", "--leader", "--no-scripture", "--no-prayer", input="\n" * 40)
    assert result.exit_code == 0, result.output
    assert "Leader notes:" in result.stdout
    assert "(WEB)" not in result.stdout and "prayer" not in result.stdout.lower()


def test_without_a_principle_the_plan_decides(cli: Invoke) -> None:
    result = cli("study", input="\n" * 40)
    assert result.exit_code == 0, result.output
    assert "Today we study 1. Customer Obsession" in result.stdout
    again = cli("study", input="")
    assert "Today we study 2. Ownership" in again.stdout


def test_usage_errors(cli: Invoke) -> None:
    cases = [
        (["study", "zzz"], "no principle 'zzz'"),
        (["study", "frugality", "--minutes", "10"], "between 40 and 180"),
        (["study", "frugality", "--group", " , "], "--group needs at least one name"),
        (["study", "--resume"], "no unfinished session to resume"),
        (["study", "frugality", "--resume"], "leave out the principle"),
        (["sessions", "show", "7"], "no session 7"),
        (["sessions", "show"], "give a session ID or --last"),
        (["sessions", "show", "--last"], "no finished session yet"),
    ]
    for args, message in cases:
        result = cli(*args, input="")
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output


def test_showing_an_unfinished_session_says_how_to_finish_it(cli: Invoke) -> None:
    cli("study", "frugality", input="")
    result = cli("sessions", "show", "1")
    assert result.exit_code == 2
    assert "lp-coach study --resume --session 1" in result.stderr


def test_sessions_list_plain(cli: Invoke) -> None:
    assert "No sessions yet" in cli("sessions", "list").stderr
    cli("study", "frugality", "--group", "Ann", input="")
    out = cli("sessions", "list").stdout.splitlines()
    assert out[0].split() == ["ID", "STARTED", "STATUS", "STEP", "GROUP", "PRINCIPLE"]
    assert out[1].split()[0] == "1" and "in progress" in out[1] and out[1].endswith("frugality")


def test_solo_answers_can_be_kept_in_the_journal(cli: Invoke) -> None:
    typed = "A quiet week\n" + "\n" * 5 + "Serve the nurse who asked twice\n" + "\n" * 40
    result = cli("study", "customer-obsession", "--minutes", "45", "--journal", input=typed)
    assert result.exit_code == 0, result.output
    assert "Your answers are in your journal" in result.stdout
    entries = json.loads(cli("journal", "list", "--json").stdout)
    texts = [e["text"] for e in entries]
    assert any(t.endswith("A quiet week") and t.startswith("Check-in") for t in texts)
    assert any("Serve the nurse who asked twice" in t for t in texts)
    assert all(e["principles"] == ["customer-obsession"] for e in entries)


def test_journal_is_for_solo_sessions(cli: Invoke) -> None:
    result = cli("study", "frugality", "--group", "Ann", "--journal", input="")
    assert result.exit_code == 2
    assert "--journal keeps a solo session's answers" in result.stderr


def test_notes_that_cannot_be_written_lose_nothing_and_are_written_later(
    cli: Invoke, isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True)
    folder = isolated_home / "notes"
    folder.write_text("")  # a file where the notes folder should be
    typed = "Ann, Ben\n" + "We all came\n" + "\n" * 40
    result = cli("study", "ownership", "--group", "Ann,Ben", input=typed)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        "lp-coach: error: session 1 is finished and saved, but its notes could not be written: "
        f"cannot write {folder}: it is a file, not a folder; once that is fixed, "
        "write them with: lp-coach sessions show 1 --write"
    ]
    db = isolated_home / "lp-coach.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        said = conn.execute("SELECT person, text FROM session_entries WHERE kind = 'answer'")
        assert said.fetchall() == [("Ann", "We all came")]
    [listed] = json.loads(cli("sessions", "list", "--json").stdout)
    assert (listed["status"], listed["notes"]) == ("finished", None)
    shown = cli("sessions", "show", "1")
    assert shown.exit_code == 2
    assert "notes were not written; write them with `lp-coach sessions show 1 --write`" in (
        shown.stderr
    )
    assert cli("study", "--resume").exit_code == 2  # nothing left to resume: it is finished

    failed = cli("sessions", "show", "1", "--write")  # not fixed yet: the same one line
    assert failed.exit_code == 1
    assert failed.stderr == f"lp-coach: error: cannot write {folder}: it is a file, not a folder\n"

    folder.unlink()
    written = cli("sessions", "show", "1", "--write")
    assert written.exit_code == 0, written.output
    markdown, html = (Path(line) for line in written.stdout.splitlines())
    assert (markdown.suffix, html.suffix, markdown.parent) == (".md", ".html", folder)
    assert "**Ann:** We all came" in markdown.read_text()
    assert "We all came" in html.read_text()
    assert cli("sessions", "show", "1").stdout == markdown.read_text()
    assert json.loads(cli("sessions", "list", "--json").stdout)[0]["notes"] == str(markdown)

    markdown.write_text("lost by accident\n")
    again = cli("sessions", "show", "--last", "--write")  # written again, in the same place
    assert again.stdout.splitlines() == [str(markdown), str(html)]
    assert "**Ann:** We all came" in markdown.read_text()
    assert sorted(p.name for p in folder.iterdir()) == [html.name, markdown.name]


def test_writing_the_notes_of_an_unfinished_session_says_how_to_finish_it(cli: Invoke) -> None:
    cli("study", "frugality", input="")
    result = cli("sessions", "show", "1", "--write")
    assert result.exit_code == 2
    assert "lp-coach study --resume --session 1" in result.stderr


# --- issue 13 ----------------------------------------------------------------------------


def test_resume_honours_leader_and_refuses_what_cannot_change(cli: Invoke) -> None:
    cli("study", "frugality", input="")
    refused = cli("study", "--resume", "--minutes", "90", input="")
    assert refused.exit_code == 2
    assert "--resume continues session 1 as it was started: leave out --minutes" in refused.stderr
    resumed = cli("study", "--resume", "--leader", input="\n" * 40)
    assert resumed.exit_code == 0, resumed.output
    assert "Leader notes:" in resumed.stdout


def test_starting_while_a_session_is_unfinished_says_so(cli: Invoke) -> None:
    cli("study", "ownership", "--group", "Ann,Ben", input="\n")
    second = cli("study", "frugality", input="")
    assert second.exit_code == 0, second.output
    assert "Session 1 (ownership; Ann, Ben) is unfinished, saved at step 2 of" in second.stderr
    assert "continue it with: lp-coach study --resume --session 1" in second.stderr
    assert "Session 2 saved at step 1" in second.stderr  # a new one was started anyway


def test_sessions_list_shows_the_saved_step(cli: Invoke) -> None:
    cli("study", "ownership", "--group", "Ann,Ben", input="\n\n\n")
    rows = cli("sessions", "list").stdout.splitlines()
    assert rows[0].split() == ["ID", "STARTED", "STATUS", "STEP", "GROUP", "PRINCIPLE"]
    listed = json.loads(cli("sessions", "list", "--json").stdout)[0]
    assert (listed["step"], listed["step_title"]) == (4, "The principle: Ownership")
    assert f"4 of {listed['steps']}" in rows[1]


def test_the_end_prints_every_notes_file(cli: Invoke) -> None:
    typed = "\n" * 8 + "/note! ask Ben how the move went\n" + "\n" * 40
    result = cli("study", "frugality", "--group", "Ann,Ben", "--minutes", "45", input=typed)
    assert result.exit_code == 0, result.output
    end = result.stdout.strip().splitlines()[-2:]
    md, html = end[0].split("Notes: ", 1)[1].split(" and ")
    assert md.endswith(".md") and html == md[:-3] + ".html" and Path(html).exists()
    leader_md, leader_html = end[1].split(": ", 1)[1].split(" and ")
    assert end[1].startswith("Leader's copy, with the private notes: ")
    assert leader_md == md[:-3] + "-leader.md" and Path(leader_html).exists()
    assert "ask Ben" not in Path(md).read_text() and "ask Ben" in Path(leader_md).read_text()
