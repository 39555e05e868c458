"""Capture mode: while the room is still listing tasks, the warnings that only say "not
assigned yet" are held back, so that the real conflicts stay visible."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from rolemap.core.analysis.rules import OverlapWarning

# A task nobody owns yet, a task without its goal: normal for a task captured a minute ago.
NOT_ASSIGNED_YET = frozenset({"no-accountable", "task-without-goal"})

W = TypeVar("W", bound=OverlapWarning)


def held_back(warning: OverlapWarning, capture: bool) -> bool:
    return capture and warning.rule in NOT_ASSIGNED_YET and warning.severity != "high"


def split(warnings: Iterable[W], capture: bool) -> tuple[list[W], list[W]]:
    """(shown, held back) in their original order."""
    shown: list[W] = []
    held: list[W] = []
    for w in warnings:
        (held if held_back(w, capture) else shown).append(w)
    return shown, held
