"""A pack that stands alone: the example pack in docs/examples is the whole library everywhere."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL, Invoke, write_principle

from lp_coach.content.packs import load_checked
from lp_coach.content.sources import builtin_pack

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "brightwell-values"
EXAMPLE_IDS = ["customers-first", "own-it", "speak-plainly", "learn-every-day", "win-together"]


@pytest.fixture(scope="module")
def builtin_words() -> list[str]:
    library = load_checked([builtin_pack()])
    return [*library.ids(), *(p.title for p in library.principles)]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "brightwell-values"))


def no_builtin(text: str, words: list[str]) -> None:
    for word in words:
        assert not re.search(rf"(?i)\b{re.escape(word)}\b", text), word


def test_the_example_pack_alone_through_every_command(
    cli: Invoke, example: Path, builtin_words: list[str]
) -> None:
    d = str(example)

    def ok(*args: str, input: str | None = None) -> str:
        result = cli(*args, "--principles", d, input=input)  # after the command, as users write
        assert result.exit_code == 0, result.output
        return result.output

    listed = json.loads(ok("principles", "list", "--json"))
    assert [p["id"] for p in listed] == EXAMPLE_IDS
    assert [p["order"] for p in listed] == [1, 2, 3, 4, 5]
    assert "ok: 5 principles in 1 pack" in ok("principles", "validate")
    plan = json.loads(ok("plan", "--json"))
    assert [row["id"] for row in plan] == EXAMPLE_IDS
    quiz = ok(
        "quiz",
        "--plain",
        "--seed",
        "3",
        "-n",
        "10",
        "--kind",
        "name",
        "--kind",
        "scenario",
        input="1\n" * 30,
    )
    assert quiz.count("Which principle") >= 5
    outputs = [
        quiz,
        ok("guide", "customers-first"),
        ok("guide", "--plan"),
        ok("today", "--json"),
        ok("practice", "--plain", "--seed", "1", input="I listened to a customer.\n\n"),
        ok("stories", "matrix"),
        ok("study", "own-it", "--plain", "--minutes", "40", input="\n" * 60),
    ]
    for text in outputs:
        no_builtin(text, builtin_words)
    assert "Customers First" in outputs[1] and "Own It" in outputs[6]


def test_a_standalone_scaffold_starts_at_one_and_the_untouched_one_fails(
    cli: Invoke, tmp_path: Path
) -> None:
    acme = tmp_path / "acme"
    first = cli("principles", "new", "customers-first", "--dir", str(acme), "--standalone")
    assert first.exit_code == 0, first.output
    assert "order: 1\n" in (acme / "customers-first.yaml").read_text()
    assert "standalone: true" in (acme / "pack.yaml").read_text()
    second = cli("principles", "new", "own-it", "--dir", str(acme))  # the first is unfinished
    assert second.exit_code == 0, second.output
    assert "order: 2\n" in (acme / "own-it.yaml").read_text()
    checked = cli("principles", "validate", str(acme))
    assert checked.exit_code == 1
    for name in ("customers-first", "own-it"):
        assert f"{name}.yaml:15: statement still holds the scaffold's placeholder" in (
            checked.stdout
        )


def test_two_packs_with_one_order_are_an_error_naming_both(
    cli: Invoke, pack: Path, tmp_path: Path
) -> None:
    write_principle(pack, MINIMAL.format(id="own-it", order=2, title="Own It"), "own-it.yaml")
    result = cli("principles", "validate", str(pack))
    assert result.exit_code == 1
    mine = f"{pack / 'own-it.yaml'}:2"
    assert f"{mine}: order 2 is also used by " in result.stdout
    assert re.search(
        r"ownership\.yaml:\d+: order 2 is also used by .*own-it\.yaml:2", result.stdout
    )


def test_principles_after_the_command_is_the_same_as_before_it(cli: Invoke, example: Path) -> None:
    before = cli("--principles", str(example), "plan", "--json")
    after = cli("plan", "--json", f"--principles={example}")
    assert before.exit_code == after.exit_code == 0, after.output
    assert before.stdout == after.stdout


def test_one_principle_is_one_principle(cli: Invoke, pack: Path) -> None:
    (pack / "pack.yaml").write_text("name: Mine\nstandalone: true\n", encoding="utf-8")
    write_principle(
        pack, MINIMAL.format(id="serve-first", order=1, title="Serve"), "serve-first.yaml"
    )
    said = cli("--principles", str(pack), "principles", "validate")
    assert said.exit_code == 0, said.output
    assert "ok: 1 principle in 1 pack" in said.output


def test_a_pack_yaml_with_a_mistake_still_stands_alone(cli: Invoke, pack: Path) -> None:
    """`standalone: true` without a name: the missing name is said, and no order clash with
    the built-in pack follows it advising the `standalone: true` already written."""
    (pack / "pack.yaml").write_text("standalone: true\n", encoding="utf-8")
    write_principle(
        pack, MINIMAL.format(id="serve-first", order=1, title="Serve"), "serve-first.yaml"
    )
    said = cli("--principles", str(pack), "principles", "validate")
    assert said.exit_code == 1
    assert "pack.yaml" in said.stdout and "name" in said.stdout
    assert "also used by" not in said.stdout
    assert "standalone: true" not in said.stdout
