"""Role notations (RACI, RASCI, DACI) and what each letter means to the analysis.

A chart's cells hold letters of its notation; every rule reads *roles* instead:

| role       | meaning                                  | RACI / RASCI | DACI |
|------------|------------------------------------------|--------------|------|
| owns       | owns the outcome (the task's owner)      | A            | D    |
| does       | does the work                            | R            | D    |
| supports   | does part of the work, under the doer    | S (RASCI)    |      |
| signs      | signs off / approves                     | A            | A    |
| consulted  | is asked before                          | C            | C    |
| informed   | is told after                            | I            | I    |

A letter followed by ``?`` is conditional ("only when applicable", "one of these by
revenue band"): it is shown and kept, but a conditional role never counts as a
simultaneous doer or owner and never adds to a function's portfolio.
Sources and the reasons for each mapping are in docs/analysis.md ("Notations").
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from functools import lru_cache

# Canonical letter order across every notation: each notation's own order is a sub-sequence.
CANONICAL_ORDER = "DRASCI"

NOTATIONS: dict[str, str] = {"raci": "RACI", "rasci": "RASCI", "daci": "DACI"}
DEFAULT_NOTATION = "raci"


class Role(str, Enum):
    OWNS = "owns"
    DOES = "does"
    SUPPORTS = "supports"
    SIGNS = "signs"
    CONSULTED = "consulted"
    INFORMED = "informed"


_COMMON: dict[str, tuple[Role, ...]] = {
    "R": (Role.DOES,),
    "A": (Role.OWNS, Role.SIGNS),
    "S": (Role.SUPPORTS,),
    "C": (Role.CONSULTED,),
    "I": (Role.INFORMED,),
}
LETTER_ROLES: dict[str, dict[str, tuple[Role, ...]]] = {
    "raci": {k: _COMMON[k] for k in "RACI"},
    "rasci": {k: _COMMON[k] for k in "RASCI"},
    "daci": {
        "D": (Role.OWNS, Role.DOES),
        "A": (Role.SIGNS,),
        "C": (Role.CONSULTED,),
        "I": (Role.INFORMED,),
    },
}

# Labels shown with the letter (the letter is always shown too: sources disagree on words).
LETTER_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "raci": {
        "R": ("Responsible", "执行"),
        "A": ("Accountable", "负责（问责）"),
        "C": ("Consulted", "咨询"),
        "I": ("Informed", "知会"),
    },
    "rasci": {
        "R": ("Responsible", "执行"),
        "A": ("Accountable", "负责（问责）"),
        "S": ("Supports", "协助"),
        "C": ("Consulted", "咨询"),
        "I": ("Informed", "知会"),
    },
    "daci": {
        "D": ("Driver", "推动者"),
        "A": ("Approver", "批准者"),
        "C": ("Contributor", "贡献者"),
        "I": ("Informed", "知会"),
    },
}
NOTATION_LABELS: dict[str, tuple[str, str]] = {
    "raci": ("RACI", "RACI"),
    "rasci": ("RASCI (with Supports)", "RASCI（含协助）"),
    "daci": ("DACI (Driver, Approver, Contributor, Informed)", "DACI（推动、批准、贡献、知会）"),
}
# The letter a notation uses for the task's owner (what rules call "accountable").
OWNER_LETTER = {"raci": "A", "rasci": "A", "daci": "D"}


def parse_cell(cell: str) -> list[tuple[str, bool]]:
    """'R?A' -> [('R', True), ('A', False)]; raises ValueError on anything else."""
    out: list[tuple[str, bool]] = []
    seen: set[str] = set()
    i = 0
    while i < len(cell):
        letter = cell[i]
        if letter not in CANONICAL_ORDER:
            raise ValueError(f"'{letter}' is not a role letter")
        if letter in seen:
            raise ValueError(f"the letter {letter} appears twice")
        seen.add(letter)
        conditional = i + 1 < len(cell) and cell[i + 1] == "?"
        out.append((letter, conditional))
        i += 2 if conditional else 1
    if not out:
        raise ValueError("empty role cell")
    return out


@lru_cache(maxsize=4096)  # a chart repeats a few dozen cells; 31,000 parses made 0.25 s of a load
def canonical_cell(cell: str) -> str:
    """Letters in canonical order, each once, '?' kept after its letter."""
    parts = parse_cell(cell)
    parts.sort(key=lambda p: CANONICAL_ORDER.index(p[0]))
    return "".join(letter + ("?" if cond else "") for letter, cond in parts)


def merge_cells(text: str) -> str:
    """Canonical cell from letters that may repeat ('RA' + 'A?' -> 'RA'): a firm letter wins."""
    firm: dict[str, bool] = {}
    i = 0
    while i < len(text):
        letter = text[i]
        conditional = i + 1 < len(text) and text[i + 1] == "?"
        i += 2 if conditional else 1
        if letter not in CANONICAL_ORDER:
            raise ValueError(f"'{letter}' is not a role letter")
        firm[letter] = firm.get(letter, True) and conditional
    return "".join(
        letter + ("?" if firm[letter] else "") for letter in sorted(firm, key=CANONICAL_ORDER.index)
    )


def letters_outside(cell: str, notation: str) -> list[str]:
    """The letters of ``cell`` that ``notation`` does not have; ValueError if it is malformed."""
    return list(_letters_outside(cell, notation))


@lru_cache(maxsize=4096)  # every RACI cell of a loaded chart is checked: a few dozen distinct
def _letters_outside(cell: str, notation: str) -> tuple[str, ...]:
    allowed = NOTATIONS.get(notation, NOTATIONS[DEFAULT_NOTATION])
    return tuple(letter for letter, _ in parse_cell(cell) if letter not in allowed)


def cell_roles(cell: str, notation: str) -> dict[Role, bool]:
    """Role -> conditional, for one cell (a role given firmly by any letter is firm)."""
    return dict(_cell_roles(cell, notation))


@lru_cache(maxsize=4096)
def _cell_roles(cell: str, notation: str) -> tuple[tuple[Role, bool], ...]:
    table = LETTER_ROLES.get(notation, LETTER_ROLES[DEFAULT_NOTATION])
    out: dict[Role, bool] = {}
    for letter, conditional in parse_cell(cell):
        for role in table.get(letter, ()):
            out[role] = out.get(role, True) and conditional
    return tuple(out.items())


@lru_cache(maxsize=4096)
def _firm_roles(cell: str, notation: str) -> frozenset[Role]:
    return frozenset(role for role, conditional in _cell_roles(cell, notation) if not conditional)


def with_role(raci: Mapping[str, str], role: Role, notation: str) -> tuple[str, ...]:
    """Functions that hold ``role`` firmly (not conditionally) in a task's cells."""
    # Called for every task by the rules, the tables and the exports: one cached set per cell.
    return tuple(fid for fid, cell in raci.items() if role in _firm_roles(cell, notation))


def with_role_any(raci: Mapping[str, str], role: Role, notation: str) -> tuple[str, ...]:
    """Functions that hold ``role`` at all, conditionally or not."""
    return tuple(
        fid for fid, cell in raci.items() if any(r is role for r, _ in _cell_roles(cell, notation))
    )
