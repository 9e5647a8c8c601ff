"""The story bank: add (flags, stdin, $EDITOR, a journal entry), list, show, edit, delete,
search, the coverage matrix; and bad input: empty stories, unknown principles, failed editors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import Invoke

from lp_coach.stories.text import heading_part, read_story

FAKE_EDITOR = f"""#!{sys.executable}
import os, pathlib, sys
path = pathlib.Path(sys.argv[-1])
given = path.read_text(encoding="utf-8")
pathlib.Path(os.environ["FAKE_SEEN"]).write_text(given, encoding="utf-8")
mode, text = os.environ.get("FAKE_MODE", "replace"), os.environ.get("FAKE_TEXT", "")
if mode == "replace":
    path.write_text(text, encoding="utf-8")
elif mode == "edit":
    old, new = text.split("=>")
    path.write_text(given.replace(old, new), encoding="utf-8")
elif mode == "fail":
    path.write_text(text, encoding="utf-8")
    sys.exit(3)
"""

STORY = """Title: Cut the build time
Principles: ownership, frugality

## Situation
Our CI took 40 minutes and nobody owned it.
## Task
My goal was to halve it before the release.
## Action
I profiled every step and cached the dependencies.
## Result
Builds went from 40 to 12 minutes in two weeks.
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = tmp_path / "fake-editor"
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    script.chmod(0o755)
    seen = tmp_path / "seen.md"
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("FAKE_SEEN", str(seen))
    return seen


@pytest.fixture
def tty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `stories add` believe it runs on a terminal (so it opens $EDITOR)."""
    monkeypatch.setattr("lp_coach.cli.stories._editor_wanted", lambda: True)


def story(cli: Invoke, number: int) -> dict[str, object]:
    result = cli("stories", "show", str(number), "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("## Situation", ("situation", "")),
        ("Task: make it fast", ("task", "make it fast")),
        ("A: I profiled it", ("action", "I profiled it")),
        ("**Result:** 40% faster", ("result", "40% faster")),
        ("Result", ("result", "")),
        ("A lot happened", None),
        ("Action was needed", None),
        ("Tasks were hard", None),
    ],
)
def test_star_labels(line: str, part: tuple[str, str] | None) -> None:
    assert heading_part(line) == part


def test_read_story_takes_title_principles_and_parts() -> None:
    written = read_story(STORY)
    assert written.title == "Cut the build time"
    assert written.principles == ["ownership", "frugality"]
    assert written.parts["result"] == "Builds went from 40 to 12 minutes in two weeks."


def test_add_from_stdin_then_list_show_search(cli: Invoke) -> None:
    result = cli("stories", "add", input=STORY)
    assert result.exit_code == 0, result.output
    assert "Saved story 1 · Cut the build time · frugality, ownership" in result.stdout
    listed = cli("stories", "list")
    assert listed.exit_code == 0 and "Cut the build time" in listed.stdout
    shown = story(cli, 1)
    assert shown["action"] == "I profiled every step and cached the dependencies."
    assert shown["principles"] == ["frugality", "ownership"]
    found = cli("stories", "search", "cached")
    assert found.exit_code == 0, found.output
    assert "*cached*" in found.stdout
    missing = cli("stories", "search", "zebra")
    assert missing.exit_code == 1 and "No stories match" in missing.stderr


def test_add_with_flags_and_list_by_principle(cli: Invoke) -> None:
    result = cli("stories", "add", "-t", "Angry customer", "-p", "earn trust", "-R", "Renewed")
    assert result.exit_code == 0, result.output
    cli("stories", "add", input=STORY)
    only = cli("stories", "list", "-p", "earn-trust", "--json")
    assert [s["title"] for s in json.loads(only.stdout)] == ["Angry customer"]
    assert "(no situation, task, action)" in cli("stories", "list").stdout


def test_unknown_principle_gets_did_you_mean_and_saves_nothing(cli: Invoke) -> None:
    result = cli("stories", "add", "-t", "X", "-A", "I did it", "-p", "frugalty")
    assert result.exit_code == 2
    assert "did you mean frugality?" in result.stderr
    assert json.loads(cli("stories", "list", "--json").stdout) == []


@pytest.mark.parametrize("text", ["", "   \n\n", "Principles: ownership\n\n## Situation\n\n"])
def test_empty_story_saves_nothing(cli: Invoke, text: str) -> None:
    result = cli("stories", "add", input=text)
    assert result.exit_code != 0
    assert "empty" in result.stderr
    assert json.loads(cli("stories", "list", "--json").stdout) == []


def test_editor_scaffold_lists_principles_and_saves(
    cli: Invoke, editor: Path, tty_stdin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_MODE", "replace")
    monkeypatch.setenv("FAKE_TEXT", STORY)
    result = cli("stories", "add", "-p", "dive deep")
    assert result.exit_code == 0, result.output
    scaffold = editor.read_text(encoding="utf-8")
    for heading in ("## Situation", "## Task", "## Action", "## Result", "Title:"):
        assert heading in scaffold
    assert "Principles: dive-deep" in scaffold
    assert "customer-obsession (Customer Obsession)" in scaffold
    assert story(cli, 1)["principles"] == ["frugality", "ownership"]


def test_editor_left_empty_saves_nothing(
    cli: Invoke, editor: Path, tty_stdin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_MODE", "keep")
    result = cli("stories", "add")
    assert result.exit_code == 1
    assert "Nothing saved" in result.stderr
    assert json.loads(cli("stories", "list", "--json").stdout) == []


def test_failed_editor_session_leaves_a_draft(
    cli: Invoke, editor: Path, tty_stdin: None, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    monkeypatch.setenv("FAKE_MODE", "fail")
    monkeypatch.setenv("FAKE_TEXT", STORY)
    result = cli("stories", "add")
    assert result.exit_code == 1
    assert "nothing is lost" in result.stderr
    drafts = list((isolated_home / "drafts").glob("story-*.md"))
    assert len(drafts) == 1 and "Cut the build time" in drafts[0].read_text(encoding="utf-8")
    monkeypatch.setattr("lp_coach.cli.stories._editor_wanted", lambda: False)
    again = cli("stories", "add", input=drafts[0].read_text(encoding="utf-8"))
    assert again.exit_code == 0, again.output


def test_a_bad_tag_in_the_editor_keeps_the_draft(
    cli: Invoke, editor: Path, tty_stdin: None, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    monkeypatch.setenv("FAKE_MODE", "replace")
    monkeypatch.setenv("FAKE_TEXT", STORY.replace("frugality", "frugalty"))
    result = cli("stories", "add")
    assert result.exit_code == 2
    assert "did you mean frugality?" in result.stderr and "nothing is lost" in result.stderr
    assert len(list((isolated_home / "drafts").glob("story-*.md"))) == 1


def test_edit_changes_words_and_tags(
    cli: Invoke, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("stories", "add", input=STORY)
    monkeypatch.setenv("FAKE_MODE", "edit")
    monkeypatch.setenv("FAKE_TEXT", "frugality, ownership=>dive-deep")
    result = cli("stories", "edit", "1")
    assert result.exit_code == 0, result.output
    assert story(cli, 1)["principles"] == ["dive-deep"]
    monkeypatch.setenv("FAKE_TEXT", "nothing here=>nothing")
    assert "unchanged" in cli("stories", "edit", "1").stderr


def test_delete_asks_and_removes(cli: Invoke) -> None:
    cli("stories", "add", input=STORY)
    kept = cli("stories", "delete", "1", input="n\n")
    assert kept.exit_code == 1 and "Nothing deleted" in kept.stderr
    gone = cli("stories", "delete", "1", "--yes")
    assert gone.exit_code == 0, gone.output
    missing = cli("stories", "show", "1")
    assert missing.exit_code == 2 and "no story 1" in missing.stderr
    assert cli("stories", "search", "cached").exit_code == 1  # out of the index too


def test_from_journal_takes_the_entry_and_its_tags(cli: Invoke) -> None:
    entry = cli(
        "journal",
        "add",
        "Fixed the flaky deploy #dive-deep\nSituation: deploys failed.\n"
        "A: I read every log.\nR: zero failures in May.",
    )
    assert entry.exit_code == 0, entry.output
    result = cli("stories", "add", "--from-journal", "1")
    assert result.exit_code == 0, result.output
    made = story(cli, 1)
    assert made["title"] == "Fixed the flaky deploy #dive-deep"
    assert made["situation"] == "deploys failed."
    assert made["action"] == "I read every log."
    assert made["principles"] == ["dive-deep"]
    assert made["source"] == "journal:1"
    assert cli("stories", "add", "--from-journal", "9").exit_code == 2


def test_matrix_shows_gaps_and_thin_principles(cli: Invoke) -> None:
    cli("stories", "add", input=STORY)
    cli("stories", "add", "-t", "Second", "-p", "ownership", "-A", "I did")
    data = json.loads(cli("stories", "matrix", "--json").stdout)
    rows = {r["id"]: r for r in data["principles"]}
    assert rows["ownership"]["level"] == "covered" and rows["ownership"]["stories"] == [1, 2]
    assert rows["frugality"]["level"] == "thin"
    assert "dive-deep" in data["gaps"] and len(data["gaps"]) == 14
    text = cli("stories", "matrix").stdout
    assert "no story" in text and "only one" in text
    assert "Only one story (1): frugality" in text


def test_matrix_html_escapes_what_the_user_wrote(cli: Invoke, tmp_path: Path) -> None:
    cli("stories", "add", "-t", "<script>alert(1)</script> & co", "-p", "ownership", "-A", "I")
    out = tmp_path / "m.html"
    result = cli("stories", "matrix", "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert 'class="gap"' in page and 'class="thin"' in page
    assert cli("stories", "matrix", "--format", "pdf").exit_code == 2
