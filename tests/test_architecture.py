"""The shape of the package, read from its source: no import cycles, the CLI kept thin."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import lp_coach

PACKAGE = Path(lp_coach.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(tree: ast.AST) -> Iterator[str]:
    """Every module an AST imports, anywhere in it (inside functions too)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def parsed(name: str) -> ast.Module:
    return ast.parse(MODULES[name].read_text(encoding="utf-8"))


def test_no_module_of_ours_imports_itself_round_a_cycle() -> None:
    """Function-level imports included: a lazy import both ways is still a cycle."""
    graph = {
        name: {m for m in imported(parsed(name)) if m in MODULES and m != name} for name in MODULES
    }
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            cycles.append(trail[trail.index(name) :] + [name])
            return
        if name in done:
            return
        for dep in sorted(graph[name]):
            visit(dep, [*trail, name])
        done.add(name)

    for name in MODULES:
        visit(name, [])
    assert cycles == []


def test_the_cli_grades_answers_with_the_quizs_own_grades() -> None:
    """fsrs is the scheduler's business: no face or command speaks its Rating."""
    speaking = [
        n for n in MODULES if n.startswith("lp_coach.cli") and "fsrs" in imported(parsed(n))
    ]
    assert speaking == []
    users = sorted(
        n
        for n in MODULES
        if any(m.startswith("fsrs") and "Rating" in m for m in imported(parsed(n)))
    )
    assert users == ["lp_coach.quiz.schedule"]


# The commands over quiz, journal and guide: parse, one core call, render.

SERVICED = ("lp_coach.cli.quiz", "lp_coach.cli.guide", "lp_coach.cli.journal")
RENDERERS = {
    "lp_coach.quiz.plain": "the plain quiz face, which the study and quiz engines share",
    "lp_coach.journal.export": "write_json, which `journal list --json` streams through",
    "lp_coach.journal.entries": "the Entry type, in annotations only",
}
"""Core modules a command may import besides the services: faces and writers, no logic."""


def serviced_modules() -> list[str]:
    return [n for n in MODULES if n.startswith(SERVICED)]


def commands() -> list[tuple[str, str]]:
    """(module, function) of every command of the quiz, guide and journal groups."""
    from lp_coach.cli.journal import COMMANDS

    return [
        ("lp_coach.cli.quiz", "quiz"),
        ("lp_coach.cli.quiz", "export"),
        ("lp_coach.cli.guide", "guide"),
        *sorted(set(COMMANDS.values())),
    ]


def service_calls(module: str, function: str) -> list[str]:
    """The service functions `function` calls, with the module's own helpers it calls."""
    tree = parsed(module)
    defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    calls: list[str] = []
    seen: set[str] = set()

    def walk(name: str) -> None:
        seen.add(name)
        services, names = set(), set()
        for node in ast.walk(defs[name]):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    if alias.name == "service":
                        services.add(alias.asname or alias.name)
                    elif node.module.endswith(".service") and alias.name.islower():
                        names.add(alias.asname or alias.name)
        for node in ast.walk(defs[name]):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                if func.value.id in services:
                    calls.append(f"service.{func.attr}")
                elif func.value.id == "fast":  # `journal search`'s body, shared with cli/fast.py
                    calls.extend(service_calls("lp_coach.cli.fast", func.attr))
            elif isinstance(func, ast.Name):
                if func.id in names:
                    calls.append(func.id)
                elif func.id in defs and func.id not in seen:
                    walk(func.id)

    walk(function)
    return calls


def test_the_commands_leave_the_store_and_the_content_to_the_services() -> None:
    reached: dict[str, list[str]] = {}
    for name in serviced_modules():
        for module in imported(parsed(name)):
            outside = module.split(".")[0] in ("sqlite3", "contextlib", "fsrs")
            core = module.startswith("lp_coach.") and not module.startswith("lp_coach.cli")
            allowed = (
                module.endswith(".service")
                or ".service." in module
                or module.startswith(("lp_coach.errors", *RENDERERS))
                or module in {"lp_coach.quiz", "lp_coach.journal", "lp_coach.guide"}
            )
            if outside or (core and not allowed):
                reached.setdefault(name, []).append(module)
    assert reached == {}


def test_every_command_makes_exactly_one_service_call() -> None:
    counted = {
        f"{module}:{function}": service_calls(module, function) for module, function in commands()
    }
    assert len(counted) >= 14
    assert {where: calls for where, calls in counted.items() if len(calls) != 1} == {}
