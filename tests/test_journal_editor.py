"""Writing in $EDITOR: the scaffold, empty and unchanged drafts, edits, and words never lost."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import pexpect
import pytest
from conftest import Invoke
from test_terminal import lp_coach

from lp_coach.content.library import open_library
from lp_coach.journal.prompts import prompt_for, scaffold, unchanged, written

FAKE_EDITOR = f"""#!{sys.executable}
# A stand-in for $EDITOR: keeps a copy of what it was given, then writes as told.
import os, pathlib, sys
path = pathlib.Path(sys.argv[-1])
given = path.read_text(encoding="utf-8")
if os.environ.get("FAKE_SEEN"):
    pathlib.Path(os.environ["FAKE_SEEN"]).write_text(given, encoding="utf-8")
mode, text = os.environ.get("FAKE_MODE", "prepend"), os.environ.get("FAKE_TEXT", "")
if mode == "prepend":
    path.write_text(text + "\\n" + given, encoding="utf-8")
elif mode == "replace":
    path.write_text(text, encoding="utf-8")
elif mode == "fail":
    sys.exit(3)
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake $EDITOR; returns the file where it leaves a copy of what it opened."""
    script = tmp_path / "fake-editor"
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    script.chmod(0o755)
    seen = tmp_path / "seen.md"
    monkeypatch.setenv("EDITOR", f"{script} --wait")  # an editor given with its options
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("FAKE_SEEN", str(seen))
    return seen


def fake(monkeypatch: pytest.MonkeyPatch, mode: str, text: str = "") -> None:
    monkeypatch.setenv("FAKE_MODE", mode)
    monkeypatch.setenv("FAKE_TEXT", text)


def shown(cli: Invoke, entry_id: int) -> dict[str, object]:
    data: dict[str, object] = json.loads(cli("journal", "show", str(entry_id), "--json").stdout)
    return data


# The scaffold


def test_scaffold_shows_the_prompt_and_the_principle_and_saves_neither() -> None:
    library = open_library()
    question = prompt_for(library, date(2026, 1, 6), library.get("earn-trust"))
    text = scaffold(question, answer=False)
    assert question.text.split()[0] in text
    assert "Earn Trust: Leaders listen attentively" in text
    assert "Tuesday 6 January 2026 · Earn Trust" in text
    assert written(text) == "#earn-trust"  # a line of its own: kept, it tags the entry
    assert unchanged(text + "\n", text) and not unchanged(f"Words\n{text}", text)
    tagged = scaffold(question, answer=False, tagged=True)  # --principle tags it already
    assert written(tagged) == "" and "The entry is tagged with\nEarn Trust" in tagged
    answered = scaffold(question, answer=True)
    assert written(answered) == question.text
    assert unchanged(answered + "\n\n", answered)
    assert not unchanged(f"My answer\n{answered}", answered)


# edit ID


def test_edit_changes_the_words_and_the_tags_follow(
    cli: Invoke, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("journal", "add", "-d", "2026-01-06", "Held my tongue #earn-trust", "-p", "frugality")
    fake(monkeypatch, "replace", "Spoke up after all #ownership")
    result = cli("journal", "edit", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Saved entry 1 · Tue 6 Jan 2026 · frugality, ownership\n"
    given = editor.read_text()
    assert given.startswith("Held my tongue #earn-trust\n")
    assert "Entry 1 · Tuesday 6 January 2026 · earn-trust, frugality" in given
    entry = shown(cli, 1)
    assert entry["text"] == "Spoke up after all #ownership"
    assert entry["principles"] == ["frugality", "ownership"]  # --principle tags stay
    hits = json.loads(cli("journal", "search", "spoke", "--json").stdout)
    assert [h["id"] for h in hits] == [1]
    assert list((editor.parent / "home" / "lp-coach" / "drafts").iterdir()) == []


def test_edit_left_alone_changes_nothing(
    cli: Invoke, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("journal", "add", "Stay as you are")
    before = shown(cli, 1)
    fake(monkeypatch, "keep")
    result = cli("journal", "edit", "1")
    assert result.exit_code == 0
    assert result.stderr == "Entry 1 unchanged.\n"
    assert shown(cli, 1) == before


def test_edit_date_moves_without_an_editor(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "false")
    cli("journal", "add", "-d", "2026-01-06 07:00", "Wrong day")
    result = cli("journal", "edit", "1", "--date", "2026-01-05")
    assert result.stdout == "Moved entry 1 · Mon 5 Jan 2026, 07:00\n"


def test_a_typo_in_an_edit_keeps_the_words_in_a_draft(
    cli: Invoke, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("journal", "add", "Original")
    fake(monkeypatch, "replace", "Long careful words #owenrship")
    result = cli("journal", "edit", "1")
    assert result.exit_code == 2
    assert "#owenrship is not a principle; did you mean #ownership?" in result.stderr
    assert "nothing is lost: your words are in " in result.stderr
    draft = Path(result.stderr.split("your words are in ", 1)[1].split(";", 1)[0])
    assert draft.read_text() == "Long careful words #owenrship\n"
    assert draft.stat().st_mode & 0o777 == 0o600
    assert shown(cli, 1)["text"] == "Original"


def test_emptying_an_entry_is_refused(
    cli: Invoke, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("journal", "add", "Original")
    fake(monkeypatch, "replace", "")
    result = cli("journal", "edit", "1")
    assert result.exit_code == 2
    assert "entry 1 cannot be empty; to remove it: lp-coach journal delete 1" in result.stderr


@pytest.mark.parametrize(
    ("editor_value", "message"),
    [
        ("", "no editor: set $EDITOR"),
        ("/no/such/editor", "cannot run the editor '/no/such/editor'"),
        ("false", "the editor 'false' exited with status 1"),
        ("'unclosed", "$EDITOR cannot be read"),
    ],
)
def test_editor_problems(
    cli: Invoke,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    editor_value: str,
    message: str,
) -> None:
    cli("journal", "add", "Original")
    monkeypatch.delenv("VISUAL", raising=False)
    if not editor_value:  # and neither `editor` nor `vi` to fall back on
        (tmp_path / "no-editors").mkdir()
        monkeypatch.setenv("PATH", str(tmp_path / "no-editors"))
    monkeypatch.setenv("EDITOR", editor_value)
    result = cli("journal", "edit", "1")
    assert result.exit_code in (1, 2)
    assert message in result.stderr
    assert "Traceback" not in result.output


# add, in a real terminal


def run_add(home: Path, editor: Path, mode: str, text: str, *args: str) -> tuple[int, str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home.parent),
        "LP_COACH_HOME": str(home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "EDITOR": str(editor),
        "FAKE_MODE": mode,
        "FAKE_TEXT": text,
        "FAKE_SEEN": str(home.parent / "seen.md"),
    }
    child = pexpect.spawn(
        lp_coach(), ["journal", "add", *args], env=env, encoding="utf-8", timeout=30
    )
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus or 0, child.before or ""


@pytest.mark.e2e
def test_add_on_a_terminal_opens_the_editor(tmp_path: Path, isolated_home: Path) -> None:
    script = tmp_path / "fake-editor"
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    script.chmod(0o755)
    home = isolated_home

    status, out = run_add(home, script, "keep", "")
    assert status == 1 and "Nothing saved: the entry was left unchanged." in out
    status, out = run_add(home, script, "replace", "\n\n")
    assert status == 1 and "Nothing saved: the entry was left empty." in out
    status, out = run_add(home, script, "keep", "", "--prompt", "-p", "ownership")
    assert status == 1 and "Nothing saved: the entry was left unchanged." in out

    status, out = run_add(home, script, "prepend", "Fixed the build myself", "-p", "ownership")
    assert status == 0, out
    assert "Saved entry 1 · " in out and out.rstrip().endswith("· ownership")
    seen = (home.parent / "seen.md").read_text()
    assert "Ownership: Leaders are owners." in seen

    status, out = run_add(home, script, "prepend", "Typo #owenrship")
    assert status == 2 and "did you mean #ownership?" in out
    assert "save with: lp-coach journal add < " in out
    assert list((home / "drafts").iterdir())  # kept for the user


@pytest.mark.e2e
def test_an_entry_written_on_todays_prompt_is_tagged_with_its_principle(
    cli: Invoke, tmp_path: Path, isolated_home: Path
) -> None:
    """`journal prompt`, then `journal add` on a terminal: the entry carries that principle."""
    script = tmp_path / "fake-editor"
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    script.chmod(0o755)
    today = json.loads(cli("journal", "prompt", "--json").stdout)

    status, out = run_add(isolated_home, script, "prepend", "Held my tongue in the meeting")
    assert status == 0, out
    assert out.rstrip().endswith(f"· {today['principle']}")
    seen = (isolated_home.parent / "seen.md").read_text()
    assert today["prompt"].split()[0] in seen
    entry = shown(cli, 1)
    assert entry["principles"] == [today["principle"]]

    # the tag is a line of the scaffold: deleting it leaves the entry untagged
    status, out = run_add(isolated_home, script, "replace", "Wrote about something else")
    assert status == 0, out
    assert shown(cli, 2)["principles"] == []

    # with --prompt the prompt heads the entry and the principle is tagged once
    status, out = run_add(isolated_home, script, "prepend", "My answer", "--prompt")
    assert status == 0, out
    answered = shown(cli, 3)
    assert answered["principles"] == [today["principle"]]
    assert answered["text"] == f"My answer\n{today['prompt']}"  # the editor wrote above it


def test_with_an_encrypted_store_words_not_saved_are_sealed_not_left_readable(
    cli: Invoke, editor: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import KEYRING_BACKEND, make_encrypted_store

    from lp_coach.store.db import db_path

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", KEYRING_BACKEND)
    make_encrypted_store(db_path())
    monkeypatch.delenv("FAKE_SEEN")
    cli("journal", "add", "Original")
    fake(monkeypatch, "replace", "Quarrelsome lighthouse words #owenrship")
    result = cli("journal", "edit", "1")
    assert result.exit_code == 2
    assert "your words are sealed (encrypted) and join your journal" in result.stderr
    assert not list((isolated_home / "drafts").iterdir())
    assert b"lighthouse" not in b"".join(
        path.read_bytes() for path in isolated_home.rglob("*") if path.is_file()
    )
    listed = json.loads(cli("journal", "list", "--json").stdout)  # the key is in the keyring
    assert sorted(entry["text"] for entry in listed) == [
        "Original",
        "Quarrelsome lighthouse words #owenrship",
    ]
