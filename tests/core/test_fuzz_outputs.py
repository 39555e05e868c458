"""Fuzzed inputs past the loader: whatever chart a mutated file loads as, the analysis, every
export, the terminal report and the comment-keeping save handle it.

The inputs are the saved-and-mutated files of ``test_fuzz.py`` and mutations of the
hand-edited chart (comments, odd indentation, block text). A save that keeps the file's text
must load back as the chart it was given, edited or not.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.core.analysis import analyse
from rolemap.core.errors import ChartLoadError
from rolemap.core.export import export_markdown, export_role_chart
from rolemap.core.fileformat import loads
from rolemap.core.model import Chart, Task
from rolemap.core.report import check_json, check_text
from rolemap.core.roundtrip import layout_of, render
from rolemap.core.spreadsheet.writer import export_csv
from rolemap.core.terminal import json_safe
from tests.core.test_fuzz import _edit_lines, mutated_files

HAND = (Path(__file__).parent.parent / "data" / "hand-edited.yaml").read_text(encoding="utf-8")
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONTROLS = [chr(c) for c in range(0x20) if c != 0x0A] + ["\x7f", "\x9b", "\u202e"]


@st.composite
def mutated_hand_files(draw: st.DrawFn) -> bytes:
    lines = HAND.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        _edit_lines(draw, lines)
    return "".join(lines).encode("utf-8", "surrogatepass")


def _loaded(data: bytes) -> Chart | None:
    try:
        return loads(data)
    except ChartLoadError:
        return None


def _edited(chart: Chart, draw: st.DataObject) -> Chart:
    tasks = list(chart.tasks)
    action = draw.draw(st.sampled_from(["none", "retitle", "delete", "add", "move"]))
    if action == "retitle" and tasks:
        i = draw.draw(st.integers(0, len(tasks) - 1))
        tasks[i] = tasks[i].model_copy(update={"title": tasks[i].title + " (edited)"})
    elif action == "delete" and tasks:
        del tasks[draw.draw(st.integers(0, len(tasks) - 1))]
    elif action == "add":
        taken = (
            {t.id for t in tasks} | {f.id for f in chart.functions} | {g.id for g in chart.goals}
        )
        new_id = next(f"fz{i}" for i in range(len(taken) + 1) if f"fz{i}" not in taken)
        tasks.insert(draw.draw(st.integers(0, len(tasks))), Task(id=new_id, title="Fuzz task"))
    elif action == "move" and len(tasks) > 1:
        tasks.append(tasks.pop(0))
    return chart.model_copy(update={"tasks": tuple(tasks)})


def _outputs_hold(chart: Chart) -> None:
    result = analyse(chart)
    text = check_text("f.yaml", chart, result)
    assert not any(c in text for c in CONTROLS)
    out = json_safe(json.dumps(check_json("f.yaml", result), ensure_ascii=False))
    assert json.loads(out)["file"] == "f.yaml"
    assert (
        chart.title.splitlines()[0][:20] in export_markdown(chart, result)
        or not chart.title.strip()
    )
    assert export_role_chart(chart, result)
    assert export_csv(chart)


def _keeping_save_holds(data: bytes, chart: Chart, draw: st.DataObject) -> None:
    layout = layout_of(data, chart)
    same = render(layout, chart)
    assert loads(same.encode("utf-8")) == chart
    new = _edited(chart, draw)
    assert loads(render(layout, new).encode("utf-8")) == new


@FUZZ
@given(data=mutated_files(), draw=st.data())
def test_analysis_exports_and_keeping_save_of_mutated_saved_files(
    data: bytes, draw: st.DataObject
) -> None:
    chart = _loaded(data)
    if chart is None:
        return
    _outputs_hold(chart)
    _keeping_save_holds(data, chart, draw)


@FUZZ
@given(data=mutated_hand_files(), draw=st.data())
def test_keeping_save_of_mutated_hand_edited_files(data: bytes, draw: st.DataObject) -> None:
    chart = _loaded(data)
    if chart is None:
        return
    _outputs_hold(chart)
    _keeping_save_holds(data, chart, draw)
