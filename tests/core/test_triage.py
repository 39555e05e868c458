"""Capture mode holds back only the 'not assigned yet' warnings."""

from __future__ import annotations

from rolemap.core import triage
from rolemap.core.analysis import analyse
from rolemap.core.model import Chart, Function, Task


def test_capture_holds_back_unassigned_tasks_and_keeps_conflicts() -> None:
    chart = Chart(
        title="t",
        functions=(Function(id="a", name="A"), Function(id="b", name="B")),
        tasks=(
            Task(id="t1", title="New one"),
            Task(id="t2", title="Fight", raci={"a": "A", "b": "A"}),
        ),
    )
    warnings = analyse(chart).warnings
    shown, held = triage.split(warnings, capture=True)
    assert held and all(w.rule in triage.NOT_ASSIGNED_YET for w in held)
    assert any(w.rule == "multiple-accountable" for w in shown)
    assert triage.split(warnings, capture=False) == (list(warnings), [])
