"""The role notation of an imported sheet (RACI, RASCI or DACI) and each cell's letters in it.

The chart format gains ``notation`` and conditional letters (``R?``) with format 2
(docs/format.md); until this rolemap has them, S, D and ``?`` are translated into RACI and
every translation is reported.
"""

from __future__ import annotations

import importlib
from collections import Counter
from functools import cache, lru_cache

from rolemap.core.model import Chart

RACI = "RACI"
NAMES = {"raci": "RACI", "rasci": "RASCI", "daci": "DACI"}
LETTER_NAMES = {
    "R": "Responsible",
    "A": "Accountable",
    "S": "Supports",
    "C": "Consulted",
    "I": "Informed",
    "D": "Driver",
    "O": "主办 (lead unit)",
}
DACI_NAMES = {"D": "Driver", "A": "Approver", "C": "Contributor", "I": "Informed"}


@cache
def supported() -> dict[str, str]:
    """Notation -> its letters in canonical order, as this rolemap's chart model knows them."""
    try:
        roles = importlib.import_module("rolemap.core.roles")
    except ImportError:
        return {"raci": RACI}
    return {str(k): str(v) for k, v in dict(roles.NOTATIONS).items()}


@cache
def has_conditional() -> bool:
    """Whether the chart format can say "only when applicable" (``R?``)."""
    return "notation" in Chart.model_fields


def choose(counts: Counter[str]) -> str:
    """The notation a sheet's letters say it uses (counts of abstract letters)."""
    available = supported()
    d, r, s = counts["D"], counts["R"], counts["S"]
    if d and "daci" in available and d >= r + s:
        return "daci"
    if s and "rasci" in available:
        return "rasci"
    return "raci"


@lru_cache(maxsize=4096)
def convert(
    letters: tuple[tuple[str, bool], ...], notation: str
) -> tuple[str, tuple[str, ...], str]:
    """(letters for the chart, what was translated, why a letter could not be used or "")."""
    order = supported().get(notation, RACI)
    conditional_ok = has_conditional()
    out: dict[str, bool] = {}
    notes: list[str] = []
    for letter, conditional in letters:
        targets: tuple[str, ...] = (letter,)
        if letter == "O":
            targets = ("D",) if notation == "daci" else ("R", "A")
        elif letter == "S" and "S" not in order and notation != "daci":
            targets = ("R",)
            notes.append("S (Supports) read as R: this rolemap has no RASCI notation yet")
        elif letter == "D" and notation != "daci":
            targets = ("R", "A")
            notes.append("D (Driver: owns the outcome and does the work) read as R and A")
        for target in targets:
            if target not in order:
                return "", tuple(notes), _not_in(target, notation, order)
            out[target] = out.get(target, True) and conditional
    if not conditional_ok and any(out.values()):
        notes.append(
            "'?' (only when applicable) dropped: this rolemap has no conditional roles yet"
        )
        out = dict.fromkeys(out, False)
    text = "".join(f"{letter}{'?' if out[letter] else ''}" for letter in order if letter in out)
    return text, tuple(notes), ""


def _not_in(letter: str, notation: str, order: str) -> str:
    name = NAMES.get(notation, notation.upper())
    if notation == "daci":
        choices = ", ".join(f"{k} ({v})" for k, v in DACI_NAMES.items())
        return (
            f"{letter} ({LETTER_NAMES.get(letter, letter)}) is not a {name} letter; use {choices}"
        )
    return f"{letter} ({LETTER_NAMES.get(letter, letter)}) is not a {name} letter; use {', '.join(order)}"


def chart_fields(notation: str) -> dict[str, str]:
    """Extra Chart(...) arguments for ``notation`` (none for RACI, or before format 2)."""
    if notation != "raci" and "notation" in Chart.model_fields:
        return {"notation": notation}
    return {}


def notation_of(chart: Chart) -> str:
    return str(getattr(chart, "notation", "raci") or "raci")
