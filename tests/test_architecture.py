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
