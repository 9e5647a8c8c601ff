"""The built-in pack's checked library, shipped with lp-coach (content/shipped.py): it is what
the pack gives today, it stands only for the files it was checked from, and a first run
reads it without parsing YAML."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import MINIMAL, write_principle

from lp_coach import paths
from lp_coach.content import shipped, write_shipped
from lp_coach.content.cache import load_library
from lp_coach.content.packs import check_library, load_checked
from lp_coach.content.sources import PackDir, builtin_pack
from lp_coach.paths import cache_dir


def shipped_path() -> Path:
    return Path(str(paths.shipped(shipped.SHIPPED)))


REWRITE = "python -m lp_coach.content.write_shipped"


def test_the_shipped_library_is_what_the_pack_gives_today() -> None:
    pack = builtin_pack()
    data = shipped.shipped_library(pack)
    assert data is not None, f"the shipped library is not the pack's: run `{REWRITE}`"
    written = json.loads(shipped_path().read_text(encoding="utf-8"))
    assert written == write_shipped.checked_now(pack), f"run `{REWRITE}`"


def test_a_first_run_gives_the_library_the_yaml_gives(isolated_home: Path) -> None:
    pack = builtin_pack()
    assert not cache_dir().exists()
    assert load_library([pack]) == load_checked([pack], shipped=False)


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


def test_a_users_pack_is_checked_against_the_shipped_one_as_against_the_yaml(
    pack: Path,
) -> None:
    """With a user's pack the built-in one is taken as shipped: the same library, and the
    same problems, worded alike, when the user's pack clashes with it."""
    builtin = builtin_pack()
    mine = PackDir(pack, str(pack))
    write_principle(pack, MINIMAL.format(id="servant-leadership", order=17, title="Servant"))
    assert check_library([builtin, mine]) == check_library([builtin, mine], shipped=False)
    clash = MINIMAL.format(id="steward", order=10, title="Steward") + "related: [frugalty]\n"
    write_principle(pack, clash, "steward.yaml")
    found, problems = check_library([builtin, mine])
    assert found is None and problems
    assert (found, problems) == check_library([builtin, mine], shipped=False)
    said = [str(p) for p in problems]
    assert any("order 10 is also used by" in p and "frugality.yaml:" in p for p in said)
    assert any("unknown principle 'frugalty' (did you mean 'frugality'?)" in p for p in said)
