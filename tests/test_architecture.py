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
    """Function-level imports included: a lazy import both ways is still a cycle. (An import
    for annotations only, under TYPE_CHECKING, never runs: it makes no cycle.)"""
    graph = {
        name: {m for m in core_imports(parsed(name)) if m in MODULES and m != name}
        for name in MODULES
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


# Every command: parse, one core call, render.

SERVICES = {name for name in MODULES if name.endswith("service")} | {"lp_coach.today"}
"""The core's front door: what a command may call (lp_coach.today: `today`'s facts)."""
RENDERERS = {
    "lp_coach.quiz.plain": "the plain quiz face, which the study and quiz engines share",
    "lp_coach.study.plain": "the plain study face, for pipes and scripted answers",
    "lp_coach.practice.plain": "the plain practice face, for pipes and --plain",
    "lp_coach.journal.export": "write_json, which `journal list --json` streams through",
    "lp_coach.render.templates": "render, for `principles show` through a pipe",
    "lp_coach.paths": "db_path, for the boundary to name the database in an error",
    "lp_coach.safetext": "repaired and printable: argv decoded at the boundary, text drawn inert",
    "lp_coach.clock": "shown and shown_minute: a stored time as people read it, in local time",
}
"""Core modules a command may import besides the services: faces and writers, no logic."""
OUTSIDE = ("sqlite3", "contextlib", "fsrs")
"""What the services keep to themselves: the store's connection and the scheduler."""


def group_modules() -> dict[str, str]:
    """Every command group's module, by the group's name (study is a command of its own)."""
    from lp_coach.cli.app import GROUPS

    return {name: module for name, (module, _help) in GROUPS.items()}


def commands() -> list[tuple[str, str]]:
    """(module, function) of every command of every group, and of `study`."""
    import importlib

    from lp_coach.cli.journal import COMMANDS

    found = {("lp_coach.cli.study", "study"), *COMMANDS.values()}
    for module in group_modules().values():
        app = importlib.import_module(module).app
        callbacks = [c.callback for c in app.registered_commands]
        if app.registered_callback is not None and app.info.invoke_without_command:
            callbacks.append(app.registered_callback.callback)
        found.update((f.__module__, f.__name__) for f in callbacks if f is not None)
    return sorted(found)


def top_level_imports(tree: ast.Module) -> Iterator[ast.ImportFrom | ast.Import]:
    """The imports of the module itself (not those inside functions or TYPE_CHECKING)."""
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node


def service_calls(
    module: str, function: str, seen: set[tuple[str, str]] | None = None
) -> list[str]:
    """The service functions `function` calls, through the CLI's own helpers it calls."""
    seen = set() if seen is None else seen
    seen.add((module, function))
    tree = parsed(module)
    defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    if function not in defs:
        return []  # a class (a face): it draws, it calls no service
    services: set[str] = set()  # names bound to a service module
    names: dict[str, str] = {}  # names bound to a service's function
    helpers: dict[str, tuple[str, str]] = {}  # names bound to another CLI module's function
    clis: dict[str, str] = {}  # names bound to another CLI module
    for node in [*top_level_imports(tree), *ast.walk(defs[function])]:
        if not isinstance(node, ast.ImportFrom) or not node.module:
            continue
        for alias in node.names:
            bound, full = alias.asname or alias.name, f"{node.module}.{alias.name}"
            if full in SERVICES:
                services.add(bound)
            elif node.module in SERVICES and alias.name[:1].islower():
                names[bound] = alias.name
            elif full in MODULES and full.startswith("lp_coach.cli"):
                clis[bound] = full
            elif node.module in MODULES and node.module.startswith("lp_coach.cli"):
                helpers[bound] = (node.module, alias.name)
    calls: list[str] = []
    for node in ast.walk(defs[function]):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if func.value.id in services and func.attr[:1].islower():
                calls.append(f"{func.value.id}.{func.attr}")
            elif func.value.id in clis and (clis[func.value.id], func.attr) not in seen:
                calls.extend(service_calls(clis[func.value.id], func.attr, seen))
        elif isinstance(func, ast.Name):
            if func.id in names:
                calls.append(names[func.id])
            elif func.id in defs and (module, func.id) not in seen:
                calls.extend(service_calls(module, func.id, seen))
            elif func.id in helpers and helpers[func.id] not in seen:
                calls.extend(service_calls(*helpers[func.id], seen))
    return calls


def core_imports(tree: ast.Module) -> Iterator[str]:
    """What a module imports, leaving out imports for type annotations only."""
    checking = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"
    ]
    typing_only = {id(node) for block in checking for node in ast.walk(block)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_each_class_name_is_defined_once() -> None:
    """Grepping `class Entry` lands in one place."""
    defined: dict[str, list[str]] = {}
    for name in MODULES:
        for node in parsed(name).body:
            if isinstance(node, ast.ClassDef):
                defined.setdefault(node.name, []).append(name)
    assert {cls: where for cls, where in defined.items() if len(where) > 1} == {}


def test_every_group_is_counted() -> None:
    """Each group's module gives commands to the count below (none slips out of it)."""
    counted = {module for module, _function in commands()}
    missing = [
        name
        for name, module in group_modules().items()
        if module not in counted and not any(c.startswith(module + ".") for c in counted)
    ]
    assert missing == []
    assert len(commands()) >= 36  # every command there was when this test was written


def test_the_commands_leave_the_store_and_the_content_to_the_services() -> None:
    reached: dict[str, list[str]] = {}
    for name in MODULES:
        if not name.startswith("lp_coach.cli") or name.startswith("lp_coach.cli.faces"):
            continue
        for module in core_imports(parsed(name)):
            outside = module.split(".")[0] in OUTSIDE
            core = module.startswith("lp_coach.") and not module.startswith("lp_coach.cli")
            allowed = (
                module in SERVICES
                or module.rsplit(".", 1)[0] in SERVICES
                or module.startswith(("lp_coach.errors", *RENDERERS))
                or module in {"lp_coach.__version__", *(n.rsplit(".", 1)[0] for n in SERVICES)}
            )
            if outside or (core and not allowed):
                reached.setdefault(name, []).append(module)
    assert reached == {}


def test_every_command_makes_exactly_one_service_call() -> None:
    counted = {
        f"{module}:{function}": service_calls(module, function) for module, function in commands()
    }
    assert {where: calls for where, calls in counted.items() if len(calls) != 1} == {}


def test_no_command_module_imports_the_store() -> None:
    """The connection and the database's path live behind the services (and paths.py)."""
    reaching = sorted(
        name
        for name in MODULES
        if name.startswith("lp_coach.cli")
        and any(m.startswith("lp_coach.store") for m in imported(parsed(name)))
    )
    assert reaching == []


def test_only_the_cli_imports_typer_rich_or_click() -> None:
    """The core is the product: it runs without a terminal library (DESIGN.md)."""
    speaking = {
        name: sorted({m for m in imported(parsed(name)) if m.split(".")[0] in TERMINAL})
        for name in MODULES
        if not name.startswith("lp_coach.cli") and name != "lp_coach.__main__"
    }
    assert {name: found for name, found in speaking.items() if found} == {}


TERMINAL = ("typer", "rich", "click")


# Every time from the shared clock (lp_coach/clock.py), so every test can freeze it.

WALL_CLOCK = {
    "datetime.now", "datetime.utcnow", "datetime.today", "date.today", "time.time",
    "time.time_ns", "time.localtime", "time.gmtime", "time.ctime",
}  # fmt: skip
"""Calls that read the system's clock (durations use time.monotonic, which is not one)."""
SQL_CLOCK = ("'now'", "current_timestamp", "current_date", "current_time", "'localtime'")
"""SQL that reads the system's clock inside SQLite."""
SQL_CLOCK_ALLOWED = {
    ("lp_coach.store.migrations.schema_2026_12", "m006_quiz_card_keys"),
    ("lp_coach.store.migrations.schema_2026_12", "m007_groups"),
}
"""Migrations written before the one time format (what they wrote, m011 converts)."""


def clock_reads(tree: ast.Module) -> Iterator[tuple[str, str]]:
    """(function, what) for each read of the system's clock in a module, by Python or SQL
    (a docstring is words, not SQL)."""
    where: dict[int, str] = {}
    for function in ast.walk(tree):  # outer functions first: the innermost name wins
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            where.update((id(node), function.name) for node in ast.walk(function))
    words = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    for node in ast.walk(tree):
        name = where.get(id(node), "")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            called = ast.unparse(node.func)
            if called in WALL_CLOCK or called.removeprefix("datetime.") in WALL_CLOCK:
                yield name, called
        elif isinstance(node, ast.Name) and node.id == "SystemClock":
            yield name, node.id
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in words and any(sql in node.value.casefold() for sql in SQL_CLOCK):
                yield name, f"SQL {node.value.strip()[:40]!r}"


def test_no_code_reads_the_systems_clock_but_the_clock_module() -> None:
    """A stored time, today and a file's time all come from lp_coach.clock's `now`, so a test
    can freeze time (clock.use_clock); only clock.py reads the system's clock."""
    found = sorted(
        {
            (name, function, what)
            for name in MODULES
            if name != "lp_coach.clock"
            for function, what in clock_reads(parsed(name))
            if (name, function) not in SQL_CLOCK_ALLOWED or not what.startswith("SQL")
        }
    )
    assert found == []


TABLE_OWNERS = {
    "journal_entries": "lp_coach.journal",
    "journal_tags": "lp_coach.journal",
    "journal_fts": "lp_coach.journal",
    "stories": "lp_coach.stories",
    "story_tags": "lp_coach.stories",
    "stories_fts": "lp_coach.stories",
    "quiz_cards": "lp_coach.quiz",
    "quiz_reviews": "lp_coach.quiz",
    "practice_attempts": "lp_coach.practice",
    "sessions": "lp_coach.study",
    "session_entries": "lp_coach.study",
    "group_plans": "lp_coach.study.plan",
    "groups": "lp_coach.groups",
    "preferences": "lp_coach.groups",
    "store_meta": "lp_coach.store",
    "migrations": "lp_coach.store",
}
"""Each table of the store and the feature whose store reads and writes it."""
TABLE_GUESTS = {
    ("group_plans", "lp_coach.groups.store"): "a group deleted takes its plan with it, in one "
    "transaction (the plan's module imports the group store, so it cannot be asked back)",
}
"""A module that names another feature's table, and why."""


def test_each_table_is_read_and_written_by_its_owner() -> None:
    """The room, today and the groups ask the study's store for sessions and what was said
    in them; no feature runs SQL on another's tables."""
    import re

    named = re.compile(r"\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\s+([a-z_]+)", re.IGNORECASE)
    strays = []
    for name in MODULES:
        if name.startswith("lp_coach.store.migrations"):
            continue  # history: the tables as they were made
        for node in ast.walk(parsed(name)):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            for table in named.findall(node.value):
                owner = TABLE_OWNERS.get(table)
                if owner is None or name == owner or name.startswith(owner + "."):
                    continue
                if (table, name) not in TABLE_GUESTS:
                    strays.append(f"{name} names {table} (owned by {owner})")
    assert strays == []


LONG_ALLOWED = {"lp_coach.content.model": "the format's declaration, read whole"}


def test_every_module_stays_under_300_lines() -> None:
    """Small modules with one job each: split where the seams are before one grows past 300."""
    long = {
        name: count
        for name, path in MODULES.items()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 300
    }
    assert set(long) <= set(LONG_ALLOWED), long
