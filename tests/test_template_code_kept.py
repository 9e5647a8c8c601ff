"""The built-in templates' compiled code is kept between commands; the sandbox's never is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from conftest import Invoke

from lp_coach.paths import cache_dir
from lp_coach.render import templates


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the templates Jinja compiles from source while the test runs."""
    names: list[str] = []
    compile_source = jinja2.Environment.compile

    def counting(
        self: jinja2.Environment, source: object, name: str | None = None, *a: object, **k: object
    ) -> object:
        names.append(name or "")
        return compile_source(self, source, name, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    yield names


def kept_files() -> list[Path]:
    return sorted(p for p in cache_dir().glob("templates-*/*") if p.is_file())


def test_a_second_command_loads_the_code_instead_of_compiling(
    cli: Invoke, compiled: list[str]
) -> None:
    first = cli("guide", "ownership")
    assert first.exit_code == 0, first.output
    assert "guide.md.j2" in compiled and kept_files()
    compiled.clear()
    again = cli("guide", "ownership")
    assert again.stdout == first.stdout
    assert compiled == []


def test_an_edited_template_is_compiled_afresh(
    cli: Invoke, compiled: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jinja keys the code by the template's source: a new version of it is never run old."""
    assert cli("guide", "ownership").exit_code == 0
    compiled.clear()
    loader = templates.jinja2.PackageLoader

    class Edited(loader):  # type: ignore[misc, valid-type]
        def get_source(self, environment: jinja2.Environment, name: str) -> tuple[str, str, object]:
            source, filename, uptodate = super().get_source(environment, name)
            if name == "guide.md.j2":
                source = "EDITED" + source
            return source, filename, uptodate

    monkeypatch.setattr(templates.jinja2, "PackageLoader", Edited)
    result = cli("guide", "ownership")
    assert result.stdout.startswith("EDITED# Ownership")
    assert compiled == ["guide.md.j2"]


def test_damaged_kept_code_is_compiled_afresh(cli: Invoke, compiled: list[str]) -> None:
    first = cli("guide", "ownership")
    for path in kept_files():
        path.write_bytes(path.read_bytes()[:40])  # cut short, as by a full disk
    compiled.clear()
    again = cli("guide", "ownership")
    assert again.exit_code == 0, again.output
    assert again.stdout == first.stdout
    assert "guide.md.j2" in compiled


def test_a_cache_that_cannot_be_written_only_costs_speed(cli: Invoke) -> None:
    cache_dir().parent.mkdir(parents=True, exist_ok=True)
    cache_dir().write_text("a file where the cache folder would be")
    result = cli("guide", "ownership")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ")


def test_the_sandbox_compiles_its_own_code_and_keeps_none(
    cli: Invoke, compiled: list[str], tmp_path: Path
) -> None:
    """Sandboxed code checks operators that plain code does not: a user's template folder
    in play means the built-in templates are compiled for the sandbox, never loaded."""
    assert cli("guide", "ownership").exit_code == 0  # the built-in code kept
    assert templates.environment().bytecode_cache is not None  # no folder of the user's
    (tmp_path / "unused.md.j2").write_text("mine")
    assert templates.environment([tmp_path]).bytecode_cache is None
    compiled.clear()
    kept_before = kept_files()
    result = cli("guide", "ownership", "--template", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "guide.md.j2" in compiled
    assert kept_files() == kept_before
