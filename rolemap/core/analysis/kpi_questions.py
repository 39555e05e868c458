"""same-kpi-question: KPIs of different owners that are probably one measure under two names."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from rolemap.core.analysis.context import Context, OverlapWarning
from rolemap.core.analysis.similarity import similarity
from rolemap.core.analysis.text import has_cjk, normalise_kpi

MAX_KPI_QUESTIONS = 300  # same-kpi-question compares all pairs of distinct KPIs up to this many


def kpi_questions(c: Context) -> Iterator[OverlapWarning]:
    """KPIs of different owners that are probably one measure under two names: ask.

    KPIs equal after normalisation and the glossaries are one key (``shared-kpi``); each key is
    named by its first spelling in sorted order and asked about once per other key, whatever
    the order of the goals.
    """
    uses: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for goal in c.chart.goals:
        if goal.owner is None:
            continue
        for text in goal.kpis:
            kpi = normalise_kpi(text)
            if kpi:
                uses[c.kpi_key(text)].append((kpi, goal.owner, goal.id, text))
    items = sorted(sorted(found) for found in uses.values())
    if len(items) > MAX_KPI_QUESTIONS:
        return  # all pairs of KPIs: a chart has tens of KPIs; above this the rule is skipped
    facts = [_MeasureFacts(group[0][3], c) for group in items]
    sole = [group[0][1] if all(u[1] == group[0][1] for u in group) else None for group in items]
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            if sole[x] is not None and sole[x] == sole[y]:
                continue  # one owner on both sides: a question for nobody
            pair = _different_owners(items[x], items[y])
            if pair is None:
                continue
            reason = _same_measure(facts[x], facts[y], c)
            if reason is None:
                continue
            (_, oa, ga, ta), (_, ob, gb, tb) = pair
            yield c.warn(
                "same-kpi-question",
                [ga, gb, oa, ob],
                f"{items[x][0][0]}|{items[y][0][0]}",
                kpi_a=ta,
                kpi_b=tb,
                owner_a=c.fname(oa),
                owner_b=c.fname(ob),
                reason=reason,
            )


_Use = tuple[str, str, str, str]  # (normalised KPI, owner, goal, text)


def _different_owners(a: list[_Use], b: list[_Use]) -> tuple[_Use, _Use] | None:
    """The first uses of two KPIs (in sorted order) whose owners differ, if any."""
    other = next((u for u in b if u[1] != a[0][1]), None)
    if other is not None:
        return a[0], other
    mine = next((u for u in a if u[1] != b[0][1]), None)
    return (mine, b[0]) if mine is not None else None


class _MeasureFacts:
    """What ``_same_measure`` compares, computed once per KPI (it is called for all pairs)."""

    def __init__(self, text: str, c: Context) -> None:
        self.bare = _bare(text)
        self.padded = f" {self.bare} "
        self.cjk = has_cjk(self.bare)
        letters = self.bare.replace(" ", "")
        self.letters = (
            letters if 2 <= len(letters) <= 6 and letters.isascii() and letters.isalpha() else ""
        )
        words = [w for w in self.bare.split() if w not in ("of", "the", "and", "to", "a", "per")]
        initials = "".join(w[0] for w in words if w)
        self.initials = (initials, initials + "s") if len(words) >= 2 else ()
        self.vector = c.vocab.tokens(text)
        self.total = sum(self.vector.values())


_REASONS = {
    "abbreviation": ("one is an abbreviation of the other", "一个是另一个的缩写"),
    "contained": ("one name contains the other", "一个名称包含另一个"),
    "similar": ("the names are nearly the same", "名称几乎相同"),
}


def _same_measure(a: _MeasureFacts, b: _MeasureFacts, c: Context) -> str | None:
    idx = 1 if c.lang == "zh" else 0
    if not a.bare or not b.bare:
        return None
    if (a.letters and a.letters in b.initials) or (b.letters and b.letters in a.initials):
        return _REASONS["abbreviation"][idx]
    short, long_ = (a, b) if len(a.padded) <= len(b.padded) else (b, a)
    if short.padded in long_.padded and (len(short.bare.split()) >= 2 or short.cjk):
        if len(short.bare) >= 4 or (short.cjk and len(short.bare) >= 3):
            return _REASONS["contained"][idx]
    if not a.vector or not b.vector or a.vector.keys().isdisjoint(b.vector.keys()):
        return None
    if similarity(a.vector, b.vector) >= c.settings.duplicate_threshold:
        return _REASONS["similar"][idx]
    return None


def _bare(kpi: str) -> str:
    """Normalised KPI name without bracketed parts: "Sales accepted opps (SAOs)" -> words."""
    text = re.sub(r"[(（][^)）]*[)）]", " ", normalise_kpi(kpi))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())
