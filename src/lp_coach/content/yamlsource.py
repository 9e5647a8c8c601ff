"""Read a YAML file into plain values that remember their line numbers, safely."""

from __future__ import annotations

from typing import Any, Protocol, cast

import yaml

from lp_coach.errors import Problem
from lp_coach.safetext import printable

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
        message = f"not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8"
        return None, [Problem(display, line, message)]
    try:
        value = _Builder().build(yaml.parse(text, Loader=_Loader))
    except _Refused as exc:
        return None, [Problem(display, exc.line, exc.message)]
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_problem(display, exc)]
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        return None, [Problem(display, line, f"invalid YAML: {exc.reason}")]
    except yaml.YAMLError as exc:
        return None, [Problem(display, None, f"invalid YAML: {exc}")]
    if value is None or value is _EMPTY:
        return None, [Problem(display, 1, "file is empty")]
    return value, []


def _yaml_problem(display: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    what = exc.problem or "syntax error"
    if exc.context:
        what = f"{what} ({exc.context})"
    return Problem(display, line, f"invalid YAML: {what}")


_EMPTY = object()
_SEQ_TAGS = (None, "!", "tag:yaml.org,2002:seq")
_MAP_TAGS = (None, "!", "tag:yaml.org,2002:map")
_MERGE = "tag:yaml.org,2002:merge"


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Frame:
    """A mapping or sequence being filled in, with what it needs until its end event."""

    __slots__ = ("value", "anchor", "size", "key", "key_line")

    def __init__(self, value: LMap | LList, anchor: str | None) -> None:
        self.value = value
        self.anchor = anchor
        self.size = 1
        self.key: str | None = None
        self.key_line = 0


class _Builder:
    """Builds LMap/LList/scalars straight from parser events, without recursion.

    Working from events (not a composed node tree) keeps deep nesting from overflowing the
    C stack, and lets aliases be counted by the size of what they stand for, so an alias
    bomb is refused before it is expanded.
    """

    def __init__(self) -> None:
        self.count = 0
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        self.root: Any = _EMPTY
        self.documents = 0

    def build(self, events: Any) -> Any:
        for event in events:
            line = event.start_mark.line + 1
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise _Refused(line, "more than one YAML document (remove the second '---')")
            elif isinstance(event, yaml.ScalarEvent):
                self.scalar(event, line)
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                self.start(event, line)
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                frame = self.stack.pop()
                self.done(frame.value, frame.size, frame.value.line, frame.anchor)
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in self.anchors:
                    raise _Refused(line, f"alias *{event.anchor} refers to itself or to no anchor")
                value, size = self.anchors[event.anchor]
                self.done(value, size, line, None)
        return self.root

    def scalar(self, event: yaml.ScalarEvent, line: int) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit
            )
        if tag == _MERGE:
            raise _Refused(line, "'<<' merge keys are not supported; write the keys out")
        start, end = cast(Any, event.start_mark), cast(Any, event.end_mark)  # C marks work too
        node = yaml.ScalarNode(tag, event.value, start, end, event.style)
        value = self.constructor.construct_object(node, deep=True)
        if isinstance(value, str):
            value = printable(value)  # a pack's "\e[2J" must not clear the group's screen
        self.done(value, 1, line, event.anchor)

    def start(self, event: yaml.CollectionStartEvent, line: int) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
            raise _Refused(line, f"unsupported YAML tag {event.tag!r}")
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(line, f"nested more than {MAX_DEPTH} levels deep")
        value: LMap | LList
        if is_map:
            value = LMap()
            value.key_lines = {}
        else:
            value = LList()
            value.item_lines = []
        value.line = line
        self.stack.append(_Frame(value, event.anchor))

    def done(self, value: Any, size: int, line: int, anchor: str | None) -> None:
        self.count += size
        if self.count > MAX_VALUES:
            raise _Refused(
                line,
                f"too many values (over {MAX_VALUES:,} once aliases are expanded); "
                "is this an alias bomb?",
            )
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        container = frame.value
        if isinstance(container, LList):
            container.append(value)
            container.item_lines.append(line)
        elif frame.key is None:
            if isinstance(value, LMap | LList):
                raise _Refused(line, "keys must be plain names, not lists or mappings")
            key = str(value)
            if key in container:
                first = container.key_lines[key]
                raise _Refused(line, f"duplicate key {key!r} (also on line {first})")
            frame.key, frame.key_line = key, line
        else:
            container[frame.key] = value
            container.key_lines[frame.key] = frame.key_line
            frame.key = None
