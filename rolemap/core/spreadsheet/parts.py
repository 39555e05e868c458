"""Small pieces of an imported chart: ids unique across sections, archetypes guessed from
function names, goal kinds read from English or Chinese labels, and the import's result."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pydantic import TypeAdapter, ValidationError

from rolemap.core.catalogue import KINDS, Archetype, GoalKind
from rolemap.core.model import Chart, Function, Goal, Id, Review
from rolemap.core.spreadsheet.summary import Summary

_ID = TypeAdapter(Id)
_ASCII_ID = re.compile(r"[A-Za-z0-9_.\-]{1,64}")  # the common case of model.ID_PATTERN, fast
_BRAND = ("marketing", "brand", "pr", "communications", "市场", "品牌", "公关", "传播")
_OPERATIONS = ("operations", "ops", "sales", "运营", "销售")


@dataclass
class Companions:
    """Sheets a rolemap export adds next to the matrix, used when a workbook has them."""

    functions: dict[str, Function] = field(default_factory=dict)  # by name
    goals: list[Goal] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)


@dataclass
class ImportResult:
    chart: Chart
    summary: Summary


class Ids:
    """Ids unique across functions, goals and tasks, as the format requires."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def valid(self, candidate: str) -> bool:
        if candidate in self.used:
            return False
        if _ASCII_ID.fullmatch(candidate):
            return True
        try:
            _ID.validate_python(candidate)
        except ValidationError:
            return False
        return True

    def take(self, prefix: str, name: str = "", preferred: str = "") -> str:
        if preferred and self.valid(preferred):
            self.used.add(preferred)
            return preferred
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]
        if slug and name.isascii():
            candidate, n = slug, 2
            while candidate in self.used:
                candidate, n = f"{slug}-{n}", n + 1
        else:
            n = len(self.used) + 1
            while f"{prefix}{n}" in self.used:
                n += 1
            candidate = f"{prefix}{n}"
        self.used.add(candidate)
        return candidate


def guess_archetype(name: str) -> Archetype:
    words = set(re.split(r"[\s/&,()（）-]+", name.lower()))
    if words & set(_BRAND) or any(w in name for w in _BRAND if not w.isascii()):
        return Archetype.BRAND
    if words & set(_OPERATIONS) or any(w in name for w in _OPERATIONS if not w.isascii()):
        return Archetype.OPERATIONS
    return Archetype.OTHER


def parse_kind(text: str) -> GoalKind | None:
    key = unicodedata.normalize("NFKC", text).strip().lower()
    for kind, info in KINDS.items():
        if key in (kind.value, info.en.lower(), info.zh):
            return kind
    return None
