"""`lp-coach principles ...` as a user runs it: list, show, schema, new, and the global options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MINIMAL, Invoke, write_principle

from lp_coach import __version__

ORDER = [
    "customer-obsession",
    "ownership",
    "invent-and-simplify",
    "are-right-a-lot",
    "learn-and-be-curious",
    "hire-and-develop-the-best",
    "insist-on-the-highest-standards",
    "think-big",
    "bias-for-action",
    "frugality",
    "earn-trust",
    "dive-deep",
    "have-backbone-disagree-and-commit",
    "deliver-results",
    "strive-to-be-earths-best-employer",
    "success-and-scale-bring-broad-responsibility",
]


def test_list_shows_all_sixteen_in_order(cli: Invoke) -> None:
    result = cli("principles", "list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["#", "ID"]
    assert [line.split()[1] for line in lines[1:]] == ORDER
    assert lines[1].split()[0] == "1" and lines[16].split()[0] == "16"
    assert "\x1b[" not in result.stdout  # plain when not a terminal


def test_list_json(cli: Invoke) -> None:
    result = cli("principles", "list", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [p["id"] for p in data] == ORDER
    assert [p["order"] for p in data] == list(range(1, 17))
    assert data[0]["title"] == "Customer Obsession"
    assert data[0]["statement"].startswith("Leaders start with the customer and work backwards.")
    assert data[14]["title"] == "Strive to be Earth’s Best Employer"
    assert data[15]["statement"].startswith("We started in a garage")
    assert all(p["questions"] >= 1 for p in data[:1])


@pytest.mark.parametrize(
    "typed",
    ["customer-obsession", "Customer Obsession", "CUSTOMER OBSESSION", "cust", "1", "customer"],
)
def test_show_finds_by_id_title_prefix_or_number(cli: Invoke, typed: str) -> None:
    result = cli("principles", "show", typed)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# 1. Customer Obsession\n")
    assert "Proverbs 20:14" in result.stdout
    assert "## Discussion" in result.stdout


def test_show_unknown_suggests(cli: Invoke) -> None:
    result = cli("principles", "show", "frugalty")
    assert result.exit_code == 2
    assert "no principle 'frugalty'; did you mean frugality?" in result.stderr
    assert "Traceback" not in result.output


def test_show_ambiguous_prefix_names_the_choices(cli: Invoke) -> None:
    result = cli("principles", "show", "d")
    assert result.exit_code == 2
    assert "could be any of: dive-deep, deliver-results" in result.stderr


def test_show_json_uses_the_contract_field_names(cli: Invoke) -> None:
    result = cli("principles", "show", "customer-obsession", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {
        "id",
        "order",
        "title",
        "statement",
        "key_phrases",
        "content_note",
        "scripture",
        "discussion",
        "examples",
        "scenarios",
        "journal_prompts",
        "interview_questions",
        "related",
        "tensions",
    } == set(data)
    refs = [s["ref"] for s in data["scripture"]]
    assert "Proverbs 20:14" in refs and "Proverbs 20:23" in refs
    assert all(set(t) == {"with", "question"} for t in data["tensions"])


def test_validate_builtin(cli: Invoke) -> None:
    result = cli("principles", "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "ok: 16 principles in 1 pack"


def test_user_pack_adds_and_overrides(cli: Invoke, pack: Path) -> None:
    write_principle(pack, MINIMAL.format(id="servant-leadership", order=17, title="Servant"))
    write_principle(
        pack, MINIMAL.format(id="frugality", order=10, title="Stewardship"), name="frugality.yaml"
    )
    result = cli("--principles", str(pack), "principles", "list", "--json")
    assert result.exit_code == 0, result.output
    data = {p["id"]: p for p in json.loads(result.stdout)}
    assert len(data) == 17
    assert data["frugality"]["title"] == "Stewardship"
    assert data["servant-leadership"]["order"] == 17


def test_packs_from_env_and_config(
    cli: Invoke,
    pack: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated_home: Path,
) -> None:
    write_principle(pack, MINIMAL.format(id="servant-leadership", order=17, title="Servant"))
    monkeypatch.setenv("LP_COACH_PRINCIPLES", str(pack))
    assert "servant-leadership" in cli("principles", "list").stdout
    monkeypatch.delenv("LP_COACH_PRINCIPLES")
    assert "servant-leadership" not in cli("principles", "list").stdout
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text(f'principles = ["{pack}"]\n', encoding="utf-8")
    assert "servant-leadership" in cli("principles", "list").stdout


def test_a_broken_config_file_is_one_clear_line(cli: Invoke, isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text("principles = [\n", encoding="utf-8")
    result = cli("principles", "list")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"lp-coach: error: {isolated_home / 'config.toml'}:")


def test_edits_to_a_user_pack_are_seen_at_once(cli: Invoke, pack: Path) -> None:
    path = write_principle(pack, MINIMAL.format(id="servant-leadership", order=17, title="One"))
    assert "One" in cli("--principles", str(pack), "principles", "list").stdout
    path.write_text(MINIMAL.format(id="servant-leadership", order=17, title="Two and more"))
    assert "Two and more" in cli("--principles", str(pack), "principles", "list").stdout
    path.write_text(MINIMAL.format(id="servant-leadership", order=17, title="[broken"))
    assert cli("--principles", str(pack), "principles", "list").exit_code == 2


def test_schema_describes_the_format(cli: Invoke) -> None:
    result = cli("principles", "schema")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"id", "order", "title", "statement"}
    assert schema["properties"]["scripture"]["items"]["properties"]["translation"]["enum"] == [
        "WEB",
        "KJV",
        "ASV",
    ]
    pack = json.loads(cli("principles", "schema", "--pack").stdout)
    assert "translation" in pack["properties"]


def test_committed_schema_file_is_current(cli: Invoke) -> None:
    committed = Path(__file__).parent.parent / "principles" / "principle.schema.json"
    assert json.loads(committed.read_text()) == json.loads(cli("principles", "schema").stdout)


def test_new_writes_a_scaffold_that_validates(cli: Invoke, isolated_home: Path) -> None:
    result = cli("principles", "new", "servant-leadership", "--title", 'Servant "Leadership"')
    assert result.exit_code == 0, result.output
    path = isolated_home / "principles" / "servant-leadership.yaml"
    assert f"wrote {path}" in result.stdout
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=principle.schema.json\n")
    assert (path.parent / "principle.schema.json").exists()
    assert "order: 17" in text
    untouched = cli("principles", "validate")
    assert untouched.exit_code == 1
    line = text.splitlines().index("statement: >-") + 1
    assert f"servant-leadership.yaml:{line}: statement still holds the scaffold's" in (
        untouched.stdout
    )
    path.write_text(text.replace("Write the statement of the principle here.", "We serve."))
    assert cli("principles", "validate").exit_code == 0, cli("principles", "validate").output
    listed = json.loads(cli("principles", "list", "--json").stdout)
    assert listed[-1]["title"] == 'Servant "Leadership"'
    again = cli("principles", "new", "servant-leadership")
    assert again.exit_code == 2 and "already exists" in again.stderr


@pytest.mark.parametrize(
    ("typed", "message"),
    [("Servant Leadership", "is not a valid id"), ("frugality", "is already a principle")],
)
def test_new_refuses_bad_ids(cli: Invoke, typed: str, message: str) -> None:
    result = cli("principles", "new", typed)
    assert result.exit_code == 2
    assert message in result.stderr


def test_version(cli: Invoke) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"lp-coach {__version__}\n"


def test_unknown_command_is_a_usage_error(cli: Invoke) -> None:
    result = cli("principles", "lsit")
    assert result.exit_code == 2
    assert "No such command" in result.stderr


def test_debug_shows_the_traceback(cli: Invoke) -> None:
    with pytest.raises(Exception, match="no principle 'zzz'"):
        cli("--debug", "principles", "show", "zzz")


@pytest.mark.parametrize("terminal", [False, True])
def test_related_titles_are_kept_apart_when_a_title_has_a_comma(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    """'Are Right, A Lot' in a list of titles must not read as two principles."""
    monkeypatch.setattr("lp_coach.cli.output.on_terminal", lambda: terminal)
    result = cli("principles", "show", "dive-deep")
    assert result.exit_code == 0, result.output
    related = next(line for line in result.stdout.splitlines() if line.startswith("Related: "))
    assert related.startswith("Related: Are Right, A Lot · Insist on the Highest Standards · ")


@pytest.mark.parametrize("width", range(40, 161, 3))
def test_the_list_on_any_terminal_cuts_nothing(width: int) -> None:
    """At 60 columns the order 10 was drawn as '…' and two count columns vanished; at 80 the
    headings and orders 10-16; at 50 the ids (what a user types) were cut short."""
    import io

    from rich.console import Console

    from lp_coach.cli.faces.principle import principles_table
    from lp_coach.content.library import open_library

    library = open_library()
    console = Console(file=io.StringIO(), width=width, no_color=True)
    console.print(principles_table(library, width))
    drawn = console.file.getvalue()  # type: ignore[attr-defined]
    rows = [line.split() for line in drawn.splitlines() if line[:4].strip().isdigit()]
    assert [int(row[0]) for row in rows] == [p.order for p in library.principles]
    for row, p in zip(rows, library.principles, strict=True):
        counts = [str(len(p.discussion)), str(len(p.scripture)), str(len(p.examples))]
        assert row[-3:] == counts
    assert "…" not in drawn


def test_show_says_which_story_is_read_aloud(cli: Invoke) -> None:
    """The first story is the one a session reads aloud and the guide prints: the page says
    so under it, once."""
    page = cli("principles", "show", "frugality").stdout
    stories = page.split("## Examples", 1)[1].split("\n### ")[1:]
    assert len(stories) > 1
    assert "Read aloud in a session" in stories[0]
    assert all("Read aloud" not in story for story in stories[1:])
