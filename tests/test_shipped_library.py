"""The built-in pack's checked library, shipped with lp-coach (content/shipped.py): it is what
the pack gives today, it stands only for the files it was checked from, and a first run
reads it without parsing YAML."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from lp_coach.content import shipped
from lp_coach.content.cache import load_library
from lp_coach.content.packs import load_checked
from lp_coach.content.sources import PackDir, builtin_pack
from lp_coach.paths import cache_dir

REWRITE = "python -m lp_coach.content.shipped"


def test_the_shipped_library_is_what_the_pack_gives_today() -> None:
    pack = builtin_pack()
    data = shipped.shipped_library(pack)
    assert data is not None, f"the shipped library is not the pack's: run `{REWRITE}`"
    relative = shipped.checked_now(pack)
    assert shipped.digest(pack) == relative["files"]


def test_a_first_run_gives_the_library_the_yaml_gives(isolated_home: Path) -> None:
    pack = builtin_pack()
    assert not cache_dir().exists()
    assert load_library([pack]) == load_checked([pack])


def copied_pack(tmp_path: Path) -> PackDir:
    """The built-in pack copied, and standing as the built-in one."""
    root = tmp_path / "principles"
    shutil.copytree(str(builtin_pack().root), root)
    return PackDir(root, str(root), builtin=True)


def test_a_pack_changed_in_any_file_is_read_afresh(tmp_path: Path) -> None:
    pack = copied_pack(tmp_path)
    assert shipped.shipped_library(pack) is not None
    frugality = pack.root / "frugality.yaml"
    text = frugality.read_text(encoding="utf-8")
    frugality.write_text(text.replace("Frugality", "Thrift", 1), encoding="utf-8")
    assert shipped.shipped_library(pack) is None
    frugality.write_text(text, encoding="utf-8")
    (pack.root / "ownership.yaml").unlink()
    assert shipped.shipped_library(pack) is None


def test_a_users_pack_is_not_taken_for_the_built_in_one(tmp_path: Path) -> None:
    pack = copied_pack(tmp_path)
    assert shipped.shipped_library(pack._replace(builtin=False)) is None


def test_a_first_run_parses_no_yaml(isolated_home: Path) -> None:
    code = (
        "import sys\nfrom lp_coach.cli.main import run\nrun(sys.argv[1:])\n"
        "print('yaml' in sys.modules, file=sys.stderr)"
    )
    command = [sys.executable, "-c", code, "principles", "show", "frugality"]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "# 10. Frugality" in done.stdout
    assert done.stderr.splitlines()[-1] == "False"
