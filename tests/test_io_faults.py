"""Pipes, disks, permissions and the small edges of files written: each said plainly, or fine."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from datetime import date, timedelta
from pathlib import Path
from subprocess import DEVNULL

import pexpect
import pytest
from conftest import Invoke
from test_guide_formats import weasyprint_or_skip
from test_journal_editor import FAKE_EDITOR
from test_terminal import lp_coach

from lp_coach.cli.faces.progress import heatmap_lines
from lp_coach.quiz.progress import Progress

# A reader that stops early


def test_a_closed_pipe_is_exit_0_and_quiet(isolated_home: Path) -> None:
    entries = [{"date": "2025-01-01", "text": f"Day {n} " + "budget " * 40} for n in range(800)]
    many = isolated_home.parent / "many.json"
    many.write_text(json.dumps(entries), encoding="utf-8")
    subprocess.run([lp_coach(), "journal", "import", str(many)], check=True, capture_output=True)
    subprocess.run([lp_coach(), "plan", "start", "--on", "2026-01-05"], check=True, stdout=DEVNULL)
    for args in (
        ["journal", "list"],
        ["journal", "export"],
        ["journal", "search", "-n", "0", "--", "budget"],
        ["plan"],
        ["principles", "show", "ownership"],
    ):
        reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=DEVNULL)
        done = subprocess.run(
            [lp_coach(), *args], stdout=reader.stdin, stderr=subprocess.PIPE, text=True, timeout=60
        )
        assert reader.stdin is not None
        reader.stdin.close()
        reader.wait()
        assert (done.returncode, done.stderr) == (0, ""), args


# A read-only data directory, a full disk (a tmpfs of our own, in a user namespace)

FAULTS = """
set -e
mount -t tmpfs -o size=1m tmpfs "$DATA"
"$LP" journal add "kept words" >/dev/null
"$LP" principles list >/dev/null
{fault}
for args in "journal list" "journal search kept" "journal export --format json" "today --json"; do
  echo "== $args"; "$LP" $args 2>&1 || echo "exit $?"
done
echo "== journal add"; "$LP" journal add "more words" 2>&1 || echo "exit $?"
"""
READ_ONLY = 'mount -o remount,ro "$DATA"'
FULL = 'dd if=/dev/zero of="$DATA/filler" bs=4k 2>/dev/null || true'


def in_namespace(script: str, data: Path) -> str:
    if shutil.which("unshare") is None:
        pytest.skip("no unshare(1) to mount a small file system")
    if subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode != 0:
        pytest.skip("user namespaces are not allowed here")
    data.mkdir()
    env = {**os.environ, "DATA": str(data), "LP": lp_coach(), "LP_COACH_HOME": str(data / "h")}
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.parametrize(
    ("fault", "refusal"),
    [
        (READ_ONLY, "is read-only: attempt to write a readonly database"),
        (FULL, "disk full writing the database"),
    ],
)
def test_reading_commands_work_on_a_read_only_or_full_data_directory(
    tmp_path: Path, fault: str, refusal: str
) -> None:
    said = in_namespace(FAULTS.format(fault=fault), tmp_path / "data").split("== ")[1:]
    reads, write = said[:-1], said[-1]
    for output in reads:
        assert "exit" not in output and "error" not in output, output
        assert "kept" in output or '"quiz"' in output, output
    assert "lp-coach: error: " in write and refusal in write and "exit 1" in write, write
    assert "Traceback" not in "".join(said)


# Folders made for exports


@pytest.mark.parametrize(
    "args",
    [
        ("journal", "export", "--format", "md", "--out", "{out}/a/b/c"),
        ("journal", "export", "--format", "json", "--out", "{out}/a/b/entries.json"),
        ("quiz", "export", "--anki", "{out}/a/b/cards.apkg"),
    ],
)
def test_export_folders_are_the_owners_alone_whatever_the_umask(
    cli: Invoke, tmp_path: Path, args: tuple[str, ...]
) -> None:
    cli("journal", "add", "Something to export")
    out = tmp_path / "out"
    old = os.umask(0)
    try:
        result = cli(*(a.format(out=out) for a in args))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    for folder in (out, out / "a", out / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


# $EDITOR unset


@pytest.mark.parametrize("name", ["editor", "vi"])
def test_without_editor_set_editor_then_vi_as_git_does(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    cli("journal", "add", "Original")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / name
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("FAKE_MODE", "replace")
    monkeypatch.setenv("FAKE_TEXT", f"Written in {name}")
    result = cli("journal", "edit", "1")
    assert result.exit_code == 0, result.output
    shown = json.loads(cli("journal", "show", "1", "--json").stdout)
    assert shown["text"] == f"Written in {name}"


# A day still to come


def test_a_future_entry_through_a_pipe_is_saved_with_a_note(cli: Invoke) -> None:
    result = cli("journal", "add", "-d", "tomorrow", "Plans")
    assert result.exit_code == 0, result.output
    tomorrow = date.today() + timedelta(days=1)
    assert f"note: {tomorrow:%a %Y-%m-%d} is in the future; saved for that day." in result.stderr


@pytest.mark.e2e
@pytest.mark.parametrize(("answer", "saved"), [("n", False), ("y", True)])
def test_a_future_entry_on_a_terminal_is_questioned(
    isolated_home: Path, answer: str, saved: bool
) -> None:
    env = {**os.environ, "LP_COACH_HOME": str(isolated_home), "TERM": "xterm"}
    child = pexpect.spawn(
        lp_coach(), ["journal", "add", "-d", "next tuesday", "Plans"], env=env, timeout=30
    )
    child.expect("is in the future. Save the entry for that day")
    child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    listed = subprocess.run([lp_coach(), "journal", "list", "--json"], capture_output=True)
    assert (len(json.loads(listed.stdout)) == 1) is saved
    assert child.exitstatus == (0 if saved else 1)


def test_a_past_or_present_entry_is_not_questioned(cli: Invoke) -> None:
    for when in ("yesterday", "today"):
        result = cli("journal", "add", "-d", when, "Done")
        assert result.exit_code == 0 and "future" not in result.output


# Guides


def test_a_pdf_goes_to_a_pipe_only_when_asked_and_keeps_readings_together(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weasyprint_or_skip()
    pypdf = pytest.importorskip("pypdf")
    monkeypatch.chdir(tmp_path)
    result = cli("guide", "customer-obsession", "--audience", "participant", "--format", "pdf")
    assert result.exit_code == 0, result.output
    written = tmp_path / "customer-obsession-participant-guide.pdf"
    assert result.stdout == f"wrote {written.name}\n"  # not the PDF: stdout is not a terminal
    for page in pypdf.PdfReader(written).pages:
        lines = [line for line in page.extract_text().splitlines() if line.strip()]
        assert not lines[0].startswith("For further reading"), lines[:3]  # kept with them
    asked = cli("guide", "frugality", "--format", "pdf", "--out", "-")
    assert asked.exit_code == 0 and asked.stdout.startswith("%PDF")
    assert cli("guide", "frugality", "--format", "md").stdout.startswith("#")  # text: as before


# Odds and ends of the trial as a new user


def test_shell_completion_is_offered_at_the_top_level(cli: Invoke) -> None:
    assert "--install-completion" in cli("--help").stdout
    assert "--install-completion" not in cli("principles", "--help").stdout


@pytest.mark.parametrize(
    ("today", "last"),
    [(date(2026, 12, 4), "Dec"), (date(2026, 3, 1), "Mar"), (date(2026, 6, 30), "Jun")],
)
def test_the_calendar_names_the_month_of_its_last_column(today: date, last: str) -> None:
    progress = Progress(principles=[], total_reviews=0, days={}, today=today, forecast=[])
    header = heatmap_lines(progress)[0]
    assert header.split()[-1] == last, header


def test_progress_names_this_month(cli: Invoke) -> None:
    result = cli("progress")
    assert result.exit_code == 0, result.output
    assert f"{date.today():%b}" in result.stdout.split("Reviews per day")[1].splitlines()[1]
