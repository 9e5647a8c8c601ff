"""Every bad input to a pack is reported as FILE:LINE: message, all at once, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL, Invoke, write_principle

GOOD = MINIMAL.format(id="servant-leadership", order=17, title="Servant Leadership")


def validate(cli: Invoke, pack: Path) -> tuple[int, str]:
    result = cli("principles", "validate", str(pack))
    return result.exit_code, result.output


def test_a_good_user_pack_validates(cli: Invoke, pack: Path) -> None:
    write_principle(pack, GOOD)
    code, out = validate(cli, pack)
    assert code == 0, out
    assert "ok: 17 principles in 2 packs" in out


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (GOOD + "colour: blue\n", 5, "unknown key 'colour'"),
        (GOOD + "discusion: []\n", 5, "unknown key 'discusion' (did you mean 'discussion'?)"),
        ("id: servant-leadership\norder: 17\ntitle: S\n", 1, "missing required field 'statement'"),
        (GOOD.replace("order: 17", "order: first"), 2, "order must be a whole number"),
        (GOOD.replace("order: 17", "order: 0"), 2, "order must be a whole number of at least 1"),
        (
            GOOD.replace("title: Servant Leadership", "title: [a, b]"),
            3,
            "title must be text, not a list",
        ),
        (GOOD.replace("title: Servant Leadership", "title: 2024"), 3, "(put it in quotes)"),
        (GOOD + "key_phrases: oops\n", 5, "key_phrases must be a list"),
        (GOOD + "key_phrases: [servants]\n", 5, "key phrase 'servants' does not occur"),
        (GOOD + "related: [servant-leadership]\n", 5, "cannot be related to itself"),
        (
            GOOD + "related: [customer-obsesion]\n",
            5,
            "unknown principle 'customer-obsesion' (did you mean 'customer-obsession'?)",
        ),
        (
            GOOD + "tensions:\n  - with: nope\n    question: Why?\n",
            6,
            "tension 1: with: unknown principle 'nope'",
        ),
        (
            GOOD + "scenarios:\n  - situation: S\n    answer: ownership\n"
            "    distractors: [ownership]\n    explanation: E\n",
            6,
            "scenario 1: the answer is also listed as a distractor",
        ),
        (
            GOOD + "scenarios:\n  - situation: S\n    answer: frugal\n"
            "    distractors: [ownership]\n    explanation: E\n",
            7,
            "scenario 1: answer: unknown principle 'frugal'",
        ),
        (
            GOOD + "scripture:\n  - ref: Hezekiah 3:1\n    text: T\n    translation: WEB\n",
            6,
            "unknown book 'Hezekiah'",
        ),
        (
            GOOD + "scripture:\n  - ref: Proverbs 20:99\n    text: T\n    translation: WEB\n",
            6,
            "Proverbs has no such chapter or verse",
        ),
        (
            GOOD + "scripture:\n  - ref: Pr 20:14\n    text: T\n    translation: NIV\n",
            8,
            "translation 'NIV' is not one of WEB, KJV, ASV",
        ),
        (
            GOOD + "scripture:\n  - ref: Pr 20:14\n    text: T\n",
            6,
            "scripture entry 1: missing required field 'translation'",
        ),
        (
            GOOD + "discussion:\n  - question: Q\n    minutes: 5\n    leader_note: N\n",
            8,
            "discussion question 1: unknown key 'leader_note' (did you mean 'leader_notes'?)",
        ),
        (
            GOOD + "discussion:\n  - question: Q\n    follow_ups:\n      - Why: because\n",
            8,
            "text containing ': ' must be put in quotes",
        ),
        (
            GOOD + "examples:\n  - title: T\n    story: S\n    source: X\n",
            6,
            "example 1: missing required field 'lesson'",
        ),
        (GOOD.replace("id: servant-leadership", "id: Servant Leadership"), 1, "is not a valid id"),
        (
            GOOD.replace("id: servant-leadership", "id: servant"),
            1,
            "id 'servant' does not match the file name 'servant-leadership'",
        ),
        ("", 1, "file is empty"),
        ("# nothing but a comment\n", 1, "file is empty"),
        ("- a list\n- not a mapping\n", 1, "a principle file must be a mapping"),
        ("id: x\n  order: [1\n", 2, "invalid YAML"),
        (GOOD + "title: Again\n", 5, "duplicate key 'title' (also on line 3)"),
        (GOOD + "a: \x07\n", 5, "control characters are not allowed"),
        (GOOD + "a: !!python/object:os.system x\n", 5, "could not determine a constructor"),
        (GOOD + "a: =\n", 5, "could not determine a constructor"),
    ],
)
def test_bad_principle_files(cli: Invoke, pack: Path, text: str, line: int, message: str) -> None:
    path = write_principle(pack, text)
    code, out = validate(cli, pack)
    assert code == 1, out
    assert f"{path}:{line}: " in out, out
    assert message in out, out
    assert "Traceback" not in out


def test_file_that_is_not_utf8(cli: Invoke, pack: Path) -> None:
    path = pack / "servant-leadership.yaml"
    path.write_bytes(GOOD.encode() + "note: caf\xe9\n".encode("latin-1"))
    code, out = validate(cli, pack)
    assert code == 1
    assert f"{path}:5: not UTF-8 text (byte 0xe9)" in out


def test_alias_bomb_is_refused(cli: Invoke, pack: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    path = write_principle(pack, "\n".join(lines) + "\n")
    code, out = validate(cli, pack)
    assert code == 1
    assert f"{path}:" in out and "alias bomb" in out


def test_recursive_alias_is_refused(cli: Invoke, pack: Path) -> None:
    write_principle(pack, GOOD + "key_phrases: &x [*x]\n")
    code, out = validate(cli, pack)
    assert code == 1 and "alias *x refers to itself" in out


def test_every_problem_of_a_pack_is_listed(cli: Invoke, pack: Path) -> None:
    one = write_principle(pack, GOOD + "colour: blue\nrelated: [nope]\n")
    two = write_principle(pack, "id: other\norder: 0\n", name="other.yaml")
    (pack / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    code, out = validate(cli, pack)
    assert code == 1
    assert f"{one}:5: unknown key 'colour'" in out
    assert f"{one}:6: related item 1: unknown principle 'nope'" in out
    assert f"{two}:2: order must be a whole number of at least 1" in out
    assert f"{two}:1: missing required field 'title'" in out
    assert f"{pack / 'broken.yaml'}:2: invalid YAML" in out
    assert "problems in 3 files" in out


def test_duplicate_ids_and_orders_in_one_pack(cli: Invoke, pack: Path) -> None:
    write_principle(pack, GOOD)
    write_principle(pack, GOOD, name="servant-leadership.yml")
    write_principle(pack, MINIMAL.format(id="other", order=17, title="O"), name="other.yaml")
    code, out = validate(cli, pack)
    assert code == 1
    assert "duplicate id 'servant-leadership'" in out
    assert "order 17 is also used by" in out


def test_bad_pack_yaml(cli: Invoke, pack: Path) -> None:
    write_principle(pack, GOOD)
    (pack / "pack.yaml").write_text("name: Mine\ntranslation: NIV\nwebsite: x\n", encoding="utf-8")
    code, out = validate(cli, pack)
    assert code == 1
    assert f"{pack / 'pack.yaml'}:2: translation 'NIV'" in out
    assert f"{pack / 'pack.yaml'}:3: unknown key 'website'" in out


def test_pack_translation_is_the_default_for_scripture(cli: Invoke, pack: Path) -> None:
    (pack / "pack.yaml").write_text("name: Mine\ntranslation: kjv\n", encoding="utf-8")
    write_principle(pack, GOOD + "scripture:\n  - ref: Mk 10:45\n    text: For even...\n")
    assert cli("--principles", str(pack), "principles", "validate").exit_code == 0
    shown = cli("--principles", str(pack), "principles", "show", "servant-leadership", "--json")
    assert '"translation": "KJV"' in shown.stdout


def test_empty_pack_directory(cli: Invoke, pack: Path) -> None:
    code, out = validate(cli, pack)
    assert code == 1
    assert "no principle files" in out


def test_a_missing_directory_is_a_usage_error(cli: Invoke, tmp_path: Path) -> None:
    result = cli("principles", "validate", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_other_commands_refuse_a_broken_pack_with_exit_2(cli: Invoke, pack: Path) -> None:
    path = write_principle(pack, GOOD + "colour: blue\n")
    result = cli("--principles", str(pack), "principles", "list")
    assert result.exit_code == 2
    assert f"{path}:5: unknown key 'colour'" in result.stderr
    assert "1 problem in the principle packs" in result.stderr
