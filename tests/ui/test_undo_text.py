"""Edit > Undo names the core's edits in the app's language."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from rolemap.core import edit as E
from rolemap.core.model import Chart
from rolemap.resources import template_path
from rolemap.ui import i18n
from rolemap.ui.filesession import read_chart
from rolemap.ui.undo_text import undo_text

ENGLISH_WORD = re.compile(r"\b(Set|Add|Rename|Duplicate|Clear|of|to|tasks?|cells?)\b")


def _edits(chart: Chart) -> list[E.Edit]:
    fid, tid = chart.functions[0].id, 0
    edits = [
        E.set_title(chart, "新标题"),
        E.set_cell(chart, tid, fid, "C"),
        E.add_task(chart, "新任务 to review"),
        E.duplicate_tasks(chart, [0, 1]),
        E.duplicate_tasks(chart, [0]),
        E.set_tags(chart, tid, "活动, 新标签"),
        E.set_goals(chart, tid, [chart.goals[1].id]),
        E.set_kpis(chart, 0, ["曝光量"]),
        E.rename(chart, "goals", 0, "改名的目标"),
        E.rename(chart, "functions", 0, "改名的职能"),
        E.clear_cells(chart, [(0, fid)]),
        E.clear_cells(chart, [(0, fid), (1, chart.functions[1].id)]),
    ]
    return [e for e in edits if e is not None]


@pytest.fixture
def chart() -> Chart:
    return read_chart(str(template_path("marketing-vs-operations", "zh")))[0]


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    assert i18n.install("zh")
    yield
    i18n.install("en")


def test_english_undo_texts_stay_as_the_core_writes_them(qapp, chart):
    i18n.install("en")
    edits = _edits(chart)
    assert len(edits) == 12
    for e in edits:
        assert undo_text(e.text) == e.text


def test_every_core_edit_is_named_in_chinese(chinese, chart):
    for e in _edits(chart):
        text = undo_text(e.text)
        assert text != e.text, e.text
        assert not ENGLISH_WORD.search(text.replace("to review", "")), (e.text, text)


def test_the_undo_action_reads_chinese(chinese, window):
    window.load_example("zh")
    window.doc.push(E.set_title(window.doc.chart, "新标题"))
    window.doc.push(E.add_task(window.doc.chart, "校园推广"))
    undo = window.menus.actions["undo"]
    assert undo.text() == "撤销(&U) 添加任务“校园推广”"
    window.doc.undo_stack.undo()
    assert undo.text() == "撤销(&U) 重命名职责图"
    window.doc.undo_stack.setClean()


def test_text_the_ui_already_translated_is_left_alone(chinese):
    assert undo_text("删除任务“x”") == "删除任务“x”"
