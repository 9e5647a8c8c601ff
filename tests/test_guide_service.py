"""guide.service without the CLI: choose, build, render and write a guide over a real store."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from lp_coach.errors import NotFound, UsageError
from lp_coach.guide.service import GuideRequest, make_guide
from lp_coach.store.db import db_path


def test_a_guide_goes_under_its_usual_name_in_a_directory(tmp_path: Path) -> None:
    made = make_guide(GuideRequest(("Ownership",), out=tmp_path), to_terminal=False)
    assert made.path == tmp_path / "ownership-leader-guide.md" and not made.undated
    assert made.path.read_bytes() == made.data
    assert made.data.startswith(b"# Ownership\n\n*Leader\xe2\x80\x99s guide")
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o644  # for handing out
    assert not db_path().exists()  # principles named: the store is never opened


def test_without_out_it_is_for_a_pipe_or_a_file_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    piped = make_guide(GuideRequest(("frugality",), audience="participant"), to_terminal=False)
    assert piped.path is None and list(here.iterdir()) == []
    shown = make_guide(GuideRequest(("frugality",), audience="participant"), to_terminal=True)
    assert shown.path == Path("frugality-participant-guide.md")
    assert (here / shown.path).read_bytes() == shown.data == piped.data


def test_a_plan_nobody_started_is_undated_and_read_from_the_store(tmp_path: Path) -> None:
    out = tmp_path / "plan.html"
    made = make_guide(GuideRequest(plan=True, out=out), to_terminal=False)
    assert made.undated and made.path == out and db_path().exists()
    assert made.data.startswith(b"<!doctype html>") and out.read_bytes() == made.data
    assert made.data.count(b'<section class="big-idea">') == 16  # a chapter a principle
    next_one = make_guide(GuideRequest(), to_terminal=False)
    assert next_one.undated is False  # only a --plan booklet warns
    assert next_one.data.startswith(b"# Customer Obsession\n")


@pytest.mark.parametrize(
    ("request_", "error", "message"),
    [
        (GuideRequest(template=Path("/no/such/dir")), UsageError, "--template /no/such/dir"),
        (GuideRequest(("nope",)), NotFound, "no principle 'nope'"),
        (GuideRequest(("ownership",), every=True), UsageError, "not more than one of them"),
        (GuideRequest(("ownership",), minutes=20), UsageError, "between 40 and 180"),
    ],
)
def test_mistakes_write_nothing(
    tmp_path: Path, request_: GuideRequest, error: type[Exception], message: str
) -> None:
    out = tmp_path / "guide.md"
    with pytest.raises(error, match=message):
        make_guide(GuideRequest(**{**request_.__dict__, "out": out}), to_terminal=False)
    assert not out.exists()
