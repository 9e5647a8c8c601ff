"""Read and check packs, and lay user packs over the built-in one."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lp_coach.content.fields import SLUG
from lp_coach.content.model import Library, PackInfo, Principle, from_data
from lp_coach.content.refs import ref_problem
from lp_coach.content.sources import PACK_FILE, PackDir, pack_files
from lp_coach.content.validate import Checked, check_pack, check_principle
from lp_coach.content.yamlsource import read_yaml
from lp_coach.errors import ContentError, Problem

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable  # ~1 ms at run time, for annotations


def check_library(
    packs: Sequence[PackDir], *, shipped: bool = True
) -> tuple[Library | None, list[Problem]]:
    """Read and check every pack; the merged library, or None and every problem found
    (`shipped`: the built-in pack as the tests checked it, when it stands).

    Each pack is laid over the ones before it; a standalone pack (`standalone: true` in
    its pack.yaml) drops them all and is the whole library, as far as it goes.
    """
    problems: list[Problem] = []
    infos: list[PackInfo] = []
    merged: dict[str, tuple[Principle, Checked]] = {}
    checked_all: list[Checked] = []
    for pack in packs:
        info, checked = _read_pack(pack, problems, shipped=shipped)
        if info.standalone:
            infos, merged, checked_all = [], {}, []
        infos.append(info)
        for item in checked:
            problems.extend(item.problems)
            checked_all.append(item)
            if item.data is not None:
                principle = Principle.from_dict(item.data, source=item.path)
                merged[principle.id] = (principle, item)
    # A file that failed its own checks still names a principle: don't cascade its errors.
    known = sorted(set(merged) | {Path(item.path).stem for item in checked_all})
    for item in checked_all:
        problems.extend(_unknown_ids(item, known))
    problems.extend(_bad_scripture_refs(checked_all))
    problems.extend(_shared_orders(merged.values()))
    if problems:
        return None, problems
    principles = sorted((p for p, _ in merged.values()), key=lambda p: (p.order, p.id))
    return Library(tuple(principles), tuple(infos)), []


def _shared_orders(merged: Iterable[tuple[Principle, Checked]]) -> Iterable[Problem]:
    """Two principles of different packs at one order: each named, with the other's place."""
    by_order: dict[int, list[tuple[Principle, Checked]]] = {}
    for principle, item in merged:
        by_order.setdefault(principle.order, []).append((principle, item))
    for order, found in sorted(by_order.items()):
        for principle, item in found:
            others = [f"{o.path}:{o.order_line}" for p, o in found if p.id != principle.id]
            if others:
                yield Problem(
                    item.path,
                    item.order_line,
                    f"order {order} is also used by {', '.join(others)} (give each its own "
                    "order, or make your pack stand alone with `standalone: true` in pack.yaml)",
                )


def load_checked(packs: Sequence[PackDir], *, shipped: bool = True) -> Library:
    """The merged library, or a ContentError listing every problem."""
    library, problems = check_library(packs, shipped=shipped)
    if library is None:
        raise ContentError(problems)
    return library


def _read_pack(
    pack: PackDir, problems: list[Problem], *, shipped: bool = True
) -> tuple[PackInfo, list[Checked]]:
    if shipped:
        found = _shipped_pack(pack)
        if found is not None:
            return found
    try:
        entries = pack_files(pack)
    except OSError as exc:
        problems.append(Problem(pack.display, None, f"cannot read directory: {exc.strerror}"))
        return PackInfo(name=Path(pack.display).name, path=pack.display), []
    info = PackInfo(name=Path(pack.display).name, path=pack.display)
    if entries and entries[0].name == PACK_FILE:
        info = _read_pack_info(pack, entries.pop(0), problems) or info
    if not entries:
        problems.append(Problem(pack.display, None, "no principle files (*.yaml) in this pack"))
    checked: list[Checked] = []
    seen: dict[str, str] = {}
    orders: dict[int, str] = {}
    for entry in entries:
        display = _join(pack, entry.name)
        stem = entry.name.rsplit(".", 1)[0]
        if stem in seen:
            problems.append(Problem(display, None, f"duplicate id {stem!r}: also {seen[stem]}"))
            continue
        seen[stem] = display
        outside = _outside(pack, entry, display)
        if outside is not None:
            checked.append(Checked(display, None, [outside]))
            continue
        value, read_problems = read_yaml(entry, display)
        if read_problems:
            checked.append(Checked(display, None, read_problems))
            continue
        item = check_principle(value, display, stem, info.translation)
        item.principle_refs.sort(key=lambda ref: ref[1])
        if item.data is not None:
            order = item.data["order"]
            line = value.key_lines.get("order")
            item.order_line = line
            if order in orders:
                item.problems.append(
                    Problem(display, line, f"order {order} is also used by {orders[order]}")
                )
                item.data = None
            else:
                orders[order] = entry.name
        checked.append(item)
    return info, checked


def _shipped_pack(pack: PackDir) -> tuple[PackInfo, list[Checked]] | None:
    """The built-in pack as the tests checked it (content/shipped.py), when every file is the
    one checked: not read or checked again. What its principles name (each other, scripture)
    was checked then; a user's pack laid over it can add principles but remove none."""
    from lp_coach.content.shipped import shipped_library

    data = shipped_library(pack)
    if data is None:
        return None
    try:
        lines = data["order_lines"]
        first = data["packs"][0]
        info = from_data(PackInfo, first, path=first.pop("path"))
        checked = [
            Checked(p.pop("source"), p, order_line=lines.get(p["id"])) for p in data["principles"]
        ]
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
    return info, checked


def order_lines(pack: PackDir) -> dict[str, int | None]:
    """Each principle of `pack` read afresh, and the line of its `order` (for the shipped
    library, whose messages name it when another pack takes the same order)."""
    _, checked = _read_pack(pack, [], shipped=False)
    return {item.data["id"]: item.order_line for item in checked if item.data is not None}


def _outside(pack: PackDir, entry: Traversable, display: str) -> Problem | None:
    """A problem when `entry` is a link to a file outside its pack (say ~/.ssh/id_rsa): such
    a file is never read, so no message can quote it."""
    if not (isinstance(entry, Path) and isinstance(pack.root, Path) and entry.is_symlink()):
        return None
    try:
        target, root = entry.resolve(strict=True), pack.root.resolve(strict=True)
    except (OSError, RuntimeError):
        return Problem(display, None, "a link that leads nowhere: not read")
    if target.parent == root or root in target.parents:
        return None
    return Problem(display, None, "a link to a file outside the pack: not read")


def _read_pack_info(pack: PackDir, entry: Traversable, problems: list[Problem]) -> PackInfo | None:
    display = _join(pack, entry.name)
    outside = _outside(pack, entry, display)
    if outside is not None:
        problems.append(outside)
        return None
    value, read_problems = read_yaml(entry, display)
    if read_problems:
        problems.extend(read_problems)
        return None
    checked = check_pack(value, display)
    problems.extend(checked.problems)
    if checked.data is None:
        if isinstance(value, dict) and value.get("standalone") is True:
            # it still stands alone: its mistake is said once, not followed by a clash with
            # every built-in principle that shares an order with one of its own
            return PackInfo(name=Path(pack.display).name, path=pack.display, standalone=True)
        return None
    return from_data(PackInfo, checked.data, path=pack.display)


def _join(pack: PackDir, name: str) -> str:
    return os.path.join(pack.display, name)


def _unknown_ids(item: Checked, known: list[str]) -> Iterable[Problem]:
    for ref_id, line, label in item.principle_refs:
        if ref_id not in known:
            ids = [k for k in known if SLUG.fullmatch(k)]  # an id, never a file name
            import difflib  # only when something is misspelled

            close = difflib.get_close_matches(ref_id, ids, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            yield Problem(item.path, line, f"{label}: unknown principle {ref_id!r}{hint}")


def _bad_scripture_refs(items: Iterable[Checked]) -> Iterable[Problem]:

    for item in items:
        for ref, line in item.scripture_refs:
            message = ref_problem(ref)
            if message is not None:
                yield Problem(item.path, line, message)
