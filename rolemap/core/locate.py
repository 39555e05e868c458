"""Where things are in a chart file: entity ids and review fingerprints to line and column.

A file in the layout rolemap writes is read by the quick reader, which notes where each list
item's ``id`` and ``warning`` keys are (``quick_locations``: no YAML nodes at all; a 10,000-task
chart loads with its places in 0.5 s of CPU instead of 1.06). Any other file is read by the
full YAML reader and the map is built from its nodes (``locations_of``, through ``load``'s
``on_yaml`` hook): one pass over the top-level lists, no second parse. Both give the same
places (tests/core/test_locate.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from yaml.nodes import MappingNode, Node

from rolemap.core.fileformat import load, loads
from rolemap.core.model import Chart
from rolemap.core.quickread import Marks
from rolemap.core.values import nfc
from rolemap.core.yamlsafe import Located

SECTIONS = ("functions", "goals", "tasks")


@dataclass(frozen=True)
class Place:
    """A 1-based line and column in ``file``; ``entity`` says what is there."""

    file: str
    line: int
    column: int
    entity: str = ""

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Locator(Protocol):
    """Anything that can say where a warning's entities are (a chart, or a folder of charts)."""

    def for_warning(
        self, entities: Iterable[str], fingerprint: str, rule: str = ""
    ) -> tuple[Place | None, tuple[Place, ...]]: ...


@dataclass(frozen=True)
class Locations:
    """Positions of a chart's functions, goals and tasks (by id) and reviews (by fingerprint)."""

    file: str
    entities: dict[str, tuple[int, int]] = field(default_factory=dict)
    reviews: dict[str, tuple[int, int]] = field(default_factory=dict)

    def place(self, entity: str) -> Place | None:
        where = self.entities.get(entity)
        return Place(self.file, where[0], where[1], entity) if where else None

    def review_place(self, fingerprint: str) -> Place | None:
        where = self.reviews.get(fingerprint)
        return Place(self.file, where[0], where[1], f"review:{fingerprint}") if where else None

    def for_warning(
        self, entities: Iterable[str], fingerprint: str, rule: str = ""
    ) -> tuple[Place | None, tuple[Place, ...]]:
        """The warning's main place (its first located entity) and the places of the others.

        A stale review has no entity: its main place is the review itself. A reviewed warning
        lists its review among the others.
        """
        places = [p for p in (self.place(e) for e in entities) if p is not None]
        review = self.review_place(fingerprint)
        if rule == "stale-review":
            stale = self.review_place(fingerprint.partition(":")[2])
            if stale is not None:
                places.insert(0, stale)
        elif review is not None:
            places.append(review)
        if not places:
            return None, ()
        return places[0], tuple(places[1:])


def _key_mark(node: Node, key: str) -> tuple[int, int]:
    """Position of ``key:`` in a mapping node (where an editor should put the cursor)."""
    if isinstance(node, MappingNode):
        for key_node, _ in node.value:
            if key_node.value == key:
                mark = key_node.start_mark
                return mark.line + 1, mark.column + 1
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def locations_of(root: Any, located: Located, file: str) -> Locations:
    """The positions of every entity in parsed chart data (tolerates any shape of data), by
    id in NFC as the chart's ids are (the data is the file's, before normalise_ids)."""
    entities: dict[str, tuple[int, int]] = {}
    reviews: dict[str, tuple[int, int]] = {}
    if not isinstance(root, dict):
        return Locations(file)
    nodes = located.nodes
    for section in SECTIONS:
        items = root.get(section)
        if not isinstance(items, list):
            continue
        for item in items:
            node = nodes.get(id(item))
            if node is not None and isinstance(item, dict) and isinstance(item.get("id"), str):
                entities.setdefault(nfc(item["id"]), _key_mark(node, "id"))
    items = root.get("reviews")
    if isinstance(items, list):
        for item in items:
            node = nodes.get(id(item))
            if node is not None and isinstance(item, dict) and isinstance(item.get("warning"), str):
                reviews.setdefault(nfc(item["warning"]), _key_mark(node, "warning"))
    return Locations(file, entities, reviews)


def quick_locations(root: dict[str, Any], marks: Marks, file: str) -> Locations:
    """``locations_of`` for data the quick reader read, from the keys' places it noted."""
    entities: dict[str, tuple[int, int]] = {}
    reviews: dict[str, tuple[int, int]] = {}
    for section in SECTIONS:
        items = root.get(section)
        if not isinstance(items, list):
            continue
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                where = marks.get(id(item), {}).get("id")
                if where is not None:
                    entities.setdefault(nfc(item["id"]), where)
    items = root.get("reviews")
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("warning"), str):
                where = marks.get(id(item), {}).get("warning")
                if where is not None:
                    reviews.setdefault(nfc(item["warning"]), where)
    return Locations(file, entities, reviews)


class _Collector:
    def __init__(self, file: str) -> None:
        self.file = file
        self.result = Locations(file)

    def __call__(self, root: Any, located: Located) -> None:
        self.result = locations_of(root, located, self.file)

    def quick(self, root: dict[str, Any], marks: Marks) -> None:
        self.result = quick_locations(root, marks, self.file)


def load_located(path: str | os.PathLike[str]) -> tuple[Chart, Locations]:
    """``load`` that also returns where each entity is; raises ChartLoadError like ``load``."""
    collect = _Collector(os.fspath(path))
    chart = load(path, on_yaml=collect, on_quick=collect.quick)
    return chart, collect.result


def loads_located(data: bytes | str, file: str = "<string>") -> tuple[Chart, Locations]:
    """``loads`` that also returns where each entity is."""
    collect = _Collector(file)
    chart = loads(data, file=file, on_yaml=collect, on_quick=collect.quick)
    return chart, collect.result
