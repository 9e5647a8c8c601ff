"""Check one parsed file against the format and return clean data plus every problem."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from lp_coach.content.fields import PACK, PLACEHOLDERS, PRINCIPLE, SLUG, SLUG_MAX, Field, Shape
from lp_coach.content.model import FAITH_MARKS, STAGE_NAMES, TRANSLATIONS, Kind
from lp_coach.content.yamlsource import LList, LMap
from lp_coach.errors import Problem
from lp_coach.safetext import one_line


@dataclass
class Checked:
    """The outcome of checking one file: clean data when it had no problems."""

    path: str
    data: dict[str, Any] | None
    problems: list[Problem] = field(default_factory=list)
    principle_refs: list[tuple[str, int, str]] = field(default_factory=list)
    """(principle id, line, what names it): resolved once the whole library is known."""
    scripture_refs: list[tuple[str, int]] = field(default_factory=list)
    """(reference, line): checked against the Bible's books, chapters and verses later."""
    order_line: int | None = None
    """The line of a principle's `order` (to name it when another pack takes the same one)."""


def check_principle(
    value: Any, display: str, file_id: str, default_translation: str | None
) -> Checked:
    """Check a principle file's parsed value; `file_id` is its file name without suffix."""
    checker = _Checker(display, default_translation)
    data = checker.shape(value, PRINCIPLE, 1, "")
    if data is not None and isinstance(value, LMap):
        checker.semantics(data, value, file_id)
    return checker.result(data)


def check_pack(value: Any, display: str) -> Checked:
    """Check a pack.yaml file's parsed value."""
    checker = _Checker(display, None)
    return checker.result(checker.shape(value, PACK, 1, ""))


class _Checker:
    def __init__(self, display: str, default_translation: str | None) -> None:
        self.display = display
        self.default_translation = default_translation
        self.problems: list[Problem] = []
        self.principle_refs: list[tuple[str, int, str]] = []
        self.scripture_refs: list[tuple[str, int]] = []

    def result(self, data: dict[str, Any] | None) -> Checked:
        ok = data if not self.problems else None
        return Checked(self.display, ok, self.problems, self.principle_refs, self.scripture_refs)

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.display, line, message))

    def shape(self, value: Any, shape: Shape, line: int, where: str) -> dict[str, Any] | None:
        if not isinstance(value, LMap):
            what = where or f"a {shape.name} file"
            self.problem(line, f"{what} must be a mapping of keys to values, not {_kind(value)}")
            return None
        prefix = f"{where}: " if where else ""
        known = [f.name for f in shape.fields]
        for key in value:
            if shape.field(key) is None:
                import difflib  # only when something is misspelled

                hint = difflib.get_close_matches(key, known, n=1)
                also = f" (did you mean {hint[0]!r}?)" if hint else f" (known: {', '.join(known)})"
                self.problem(
                    value.key_lines[key], f"{prefix}unknown key {one_line(str(key), 40)!r}{also}"
                )
        out: dict[str, Any] = {}
        for spec in shape.fields:
            if spec.name not in value or value[spec.name] is None:
                at = value.key_lines.get(spec.name, value.line)
                if spec.kind is Kind.TRANSLATION and shape is not PACK:
                    if self.default_translation:
                        out[spec.name] = self.default_translation
                    else:
                        self.problem(
                            at,
                            f"{prefix}missing required field {spec.name!r} "
                            f"({', '.join(TRANSLATIONS)}; or set a default in pack.yaml)",
                        )
                elif spec.required:
                    self.problem(at, f"{prefix}missing required field {spec.name!r}")
                continue
            checked = self.value(value[spec.name], spec, value.key_lines[spec.name], where)
            if checked is not None:
                out[spec.name] = checked
        return out

    def value(self, value: Any, spec: Field, line: int, where: str) -> Any:
        label = f"{where}: {spec.name}" if where else spec.name
        kind = spec.kind
        if kind is Kind.NOTE:
            return self.marked(value, line, label, ("faith",))
        if kind in (Kind.TEXTS, Kind.PRINCIPLES, Kind.OBJECTS, Kind.NOTES, Kind.PHRASES):
            if not isinstance(value, LList):
                self.problem(line, f"{label} must be a list, not {_kind(value)}")
                return None
            items = []
            for index, (item, item_line) in enumerate(zip(value, value.item_lines, strict=True), 1):
                if kind is Kind.OBJECTS:
                    assert spec.item is not None
                    items.append(
                        self.shape(item, spec.item, item_line, f"{spec.item.name} {index}")
                    )
                elif kind in (Kind.NOTES, Kind.PHRASES):
                    extra = ("faith",) if kind is Kind.NOTES else ("key",)
                    items.append(self.marked(item, item_line, f"{label} item {index}", extra))
                else:
                    scalar = Kind.TEXT if kind is Kind.TEXTS else Kind.PRINCIPLE
                    items.append(self.scalar(item, scalar, item_line, f"{label} item {index}"))
            return items
        return self.scalar(value, kind, line, label)

    def marked(self, value: Any, line: int, label: str, extra: tuple[str, ...]) -> Any:
        """Plain text, or a mapping of `text` and the `extra` keys (faith, or key)."""
        if not isinstance(value, LMap) or "text" not in value:
            return self.scalar(value, Kind.TEXT, line, label)
        allowed = ("text", *extra)
        out: dict[str, Any] = {}
        for key in value:
            if key not in allowed:
                self.problem(
                    value.key_lines[key],
                    f"{label}: unknown key {key!r} (known: {', '.join(allowed)})",
                )
        for key, kind in (("key", Kind.SLUG), ("text", Kind.TEXT), ("faith", Kind.FAITH)):
            if key in allowed and key in value:
                checked = self.scalar(value[key], kind, value.key_lines[key], f"{label}: {key}")
                if checked is not None:
                    out[key] = checked
        return out

    def scalar(self, value: Any, kind: Kind, line: int, label: str) -> Any:
        if kind is Kind.FLAG:
            if not isinstance(value, bool):
                self.problem(line, f"{label} must be true or false, not {_kind(value)}")
                return None
            return value
        if kind is Kind.COUNT:
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                self.problem(
                    line, f"{label} must be a whole number of at least 1, not {_show(value)}"
                )
                return None
            return value
        if not isinstance(value, str):
            hint = " (put it in quotes)" if _looks_scalar(value) else ""
            if isinstance(value, LMap) and len(value) == 1:
                hint = " (text containing ': ' must be put in quotes)"
            self.problem(line, f"{label} must be text, not {_kind(value)}{hint}")
            return None
        if not value.strip():
            self.problem(line, f"{label} must not be empty")
            return None
        if kind in (Kind.SLUG, Kind.PRINCIPLE) and (
            not SLUG.fullmatch(value) or len(value) > SLUG_MAX
        ):
            self.problem(
                line,
                f"{label} {value!r} is not a valid id: use lower-case letters, digits and "
                f"single hyphens, at most {SLUG_MAX} characters (e.g. 'customer-obsession')",
            )
            return None
        if kind is Kind.PRINCIPLE:
            self.principle_refs.append((value, line, label))
        elif kind is Kind.REF:
            self.scripture_refs.append((value, line))
        elif kind in (Kind.STAGE, Kind.FAITH):
            names = STAGE_NAMES if kind is Kind.STAGE else FAITH_MARKS
            if value not in names:
                self.problem(line, f"{label} {value!r} is not one of {', '.join(names)}")
                return None
        elif kind is Kind.TRANSLATION:
            if value.upper() not in TRANSLATIONS:
                self.problem(
                    line,
                    f"{label} {value!r} is not one of {', '.join(TRANSLATIONS)} "
                    "(public-domain translations)",
                )
                return None
            return value.upper()
        return value

    def semantics(self, data: dict[str, Any], raw: LMap, file_id: str) -> None:
        """Checks that span fields: id vs file name, key phrases, scenario answers."""
        if "id" in data and data["id"] != file_id:
            self.problem(
                raw.key_lines["id"],
                f"id {data['id']!r} does not match the file name {file_id!r} "
                f"(rename the file to {data['id']}.yaml or change the id)",
            )
        for name, placeholder in PLACEHOLDERS.items():
            if " ".join(str(data.get(name, "")).split()) == placeholder:
                self.problem(
                    raw.key_lines[name],
                    f"{name} still holds the scaffold's placeholder text ({placeholder!r}): "
                    "write your own",
                )
        statement = " ".join(str(data.get("statement", "")).split()).casefold()
        keys: dict[str, int] = {}
        for phrase, line in _items(data, raw, "key_phrases"):
            if isinstance(phrase, dict):
                self._unique_key(phrase.get("key"), line, "key phrase", keys)
                phrase = phrase.get("text")
            if phrase and statement and " ".join(phrase.split()).casefold() not in statement:
                self.problem(line, f"key phrase {phrase!r} does not occur in the statement")
        for rel, line in _items(data, raw, "related"):
            if rel == data.get("id"):
                self.problem(line, "related: a principle cannot be related to itself")
        keys = {}
        for index, (scenario, line) in enumerate(_items(data, raw, "scenarios"), 1):
            if not scenario:
                continue
            self._unique_key(scenario.get("key"), line, f"scenario {index}", keys)
            if scenario.get("answer") in (scenario.get("distractors") or []):
                self.problem(line, f"scenario {index}: the answer is also listed as a distractor")
            if "distractors" in scenario and not scenario["distractors"]:
                self.problem(
                    line, f"scenario {index}: distractors must name at least one principle"
                )

    def _unique_key(self, key: str | None, line: int, what: str, seen: dict[str, int]) -> None:
        if key is None:
            return
        if key in seen:
            self.problem(line, f"{what}: key {key!r} is already used at line {seen[key]}")
        seen[key] = line


def _items(data: dict[str, Any], raw: LMap, name: str) -> list[tuple[Any, int]]:
    values = data.get(name) or []
    lines = getattr(raw.get(name), "item_lines", [raw.line] * len(values))
    return list(zip(values, lines, strict=False))


def _kind(value: Any) -> str:
    if isinstance(value, LMap | dict):
        return "a mapping"
    if isinstance(value, LList | list):
        return "a list"
    if isinstance(value, bool):
        return f"true/false ({_show(value)})"
    if isinstance(value, int | float):
        return f"a number ({_show(value)})"
    if isinstance(value, datetime.date):
        return f"a date ({value})"
    if isinstance(value, str):
        return f"text ({_show(value)})"
    return "empty" if value is None else type(value).__name__


def _looks_scalar(value: Any) -> bool:
    return isinstance(value, bool | int | float | datetime.date)


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."
