"""The content cache: used when nothing changed, rebuilt when anything changed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import MINIMAL, write_principle

from lp_coach.content import cache
from lp_coach.content.library import open_library
from lp_coach.content.sources import configured_packs


def cache_files(home: Path) -> list[Path]:
    return sorted((home / "cache").glob("library-*.json"))


def test_first_run_writes_a_private_cache_then_reuses_it(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_library()
    [path] = cache_files(isolated_home)
    assert path.stat().st_mode & 0o077 == 0
    assert (isolated_home / "cache").stat().st_mode & 0o077 == 0

    def boom(*_: object) -> None:
        raise AssertionError("the packs were re-read although nothing changed")

    monkeypatch.setattr("lp_coach.content.packs.load_checked", boom)
    assert open_library() == first


def test_a_changed_file_is_read_again(isolated_home: Path, pack: Path) -> None:
    path = write_principle(pack, MINIMAL.format(id="servant-leadership", order=17, title="One"))
    assert open_library([pack]).principles[-1].title == "One"
    path.write_text(MINIMAL.format(id="servant-leadership", order=17, title="Two"))
    os.utime(path, ns=(1, 1))  # even with an mtime moved backwards
    assert open_library([pack]).principles[-1].title == "Two"
    (pack / "another.yaml").write_text(MINIMAL.format(id="another", order=18, title="Three"))
    assert open_library([pack]).principles[-1].title == "Three"


def test_a_corrupt_cache_is_ignored(isolated_home: Path) -> None:
    expected = open_library()
    [path] = cache_files(isolated_home)
    path.write_text("{not json")
    assert open_library() == expected
    path.write_text(json.dumps({"key": cache.fingerprint(configured_packs()), "library": {}}))
    assert open_library() == expected


def test_an_unwritable_data_directory_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setattr(cache, "cache_dir", lambda: blocker / "cache")
    assert len(open_library().principles) == 16


def test_the_data_directory_is_created_for_its_owner_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "deep" / "data"
    monkeypatch.setenv("LP_COACH_HOME", str(home))
    open_library()
    for directory in (tmp_path / "deep", home, home / "cache"):
        assert directory.stat().st_mode & 0o077 == 0, directory
