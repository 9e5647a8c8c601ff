"""Read a YAML file into plain values that remember their line numbers, safely."""

from __future__ import annotations

from typing import Any, Protocol

import yaml

from lp_coach.errors import Problem

try:  # the C parser is ~10x faster; fall back to pure Python where libyaml is missing
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_VALUES = 100_000
"""More values than this (after expanding aliases) is refused: no real pack comes close."""

MAX_DEPTH = 64


class Readable(Protocol):
    """A file-like resource: a pathlib.Path or an importlib.resources Traversable."""

    def read_bytes(self) -> bytes: ...


class LMap(dict[str, Any]):
    """A YAML mapping that knows its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]


class LList(list[Any]):
    """A YAML sequence that knows its own line and the line of each item."""

    line: int
    item_lines: list[int]


class _TooBig(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_yaml(source: Readable, display: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; return its value, or None and the problems that stopped it."""
    try:
        raw = source.read_bytes()
    except OSError as exc:
        return None, [Problem(display, None, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start]
        return None, [
            Problem(display, line, f"not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8")
        ]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_problem(display, exc)]
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        return None, [Problem(display, line, f"invalid YAML: {exc.reason}")]
    except yaml.YAMLError as exc:
        return None, [Problem(display, None, f"invalid YAML: {exc}")]
    if node is None:
        return None, [Problem(display, 1, "file is empty")]
    try:
        return _Builder().build(node, 0), []
    except _TooBig as exc:
        return None, [Problem(display, exc.line, exc.message)]


def _yaml_problem(display: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    what = exc.problem or "syntax error"
    if exc.context:
        what = f"{what} ({exc.context})"
    return Problem(display, line, f"invalid YAML: {what}")


class _Builder:
    """Turns a composed node graph into LMap/LList/scalars, with a budget against alias bombs."""

    def __init__(self) -> None:
        self.count = 0
        self.active: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, depth: int) -> Any:
        line = node.start_mark.line + 1
        self.count += 1
        if self.count > MAX_VALUES:
            raise _TooBig(
                line,
                f"too many values (over {MAX_VALUES:,} once aliases are expanded); "
                "is this an alias bomb?",
            )
        if depth > MAX_DEPTH:
            raise _TooBig(line, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.ScalarNode):
            return self.constructor.construct_object(node, deep=True)
        if id(node) in self.active:
            raise _TooBig(line, "an alias refers to itself")
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return self._sequence(node, line, depth)
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, line, depth)
        finally:
            self.active.discard(id(node))
        raise _TooBig(line, f"unsupported YAML node {node.tag}")  # pragma: no cover

    def _sequence(self, node: yaml.SequenceNode, line: int, depth: int) -> LList:
        out = LList(self.build(item, depth + 1) for item in node.value)
        out.line = line
        out.item_lines = [item.start_mark.line + 1 for item in node.value]
        return out

    def _mapping(self, node: yaml.MappingNode, line: int, depth: int) -> LMap:
        out = LMap()
        out.line = line
        out.key_lines = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag == "tag:yaml.org,2002:merge"
            ):
                raise _TooBig(key_line, "keys must be plain names (no '<<' merges or complex keys)")
            key = str(self.constructor.construct_object(key_node, deep=True))
            if key in out:
                raise _TooBig(
                    key_line, f"duplicate key {key!r} (also on line {out.key_lines[key]})"
                )
            out[key] = self.build(value_node, depth + 1)
            out.key_lines[key] = key_line
        return out
