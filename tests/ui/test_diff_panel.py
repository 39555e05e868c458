"""The Changes panel: the open chart against its saved file or git HEAD, rows marked in the matrix."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest

from rolemap.resources import template_path
from rolemap.ui.diff_panel import HEAD, SAVED, DiffModel
from tests.ui.keys import type_text


def _open_copy(window, tmp_path, name="chart.yaml"):
    path = tmp_path / name
    shutil.copy(template_path("marketing-vs-operations", "en"), path)
    assert window.open_path(str(path))
    window.runner.run_sync()
    return path


def _type_cell(window, row, fid, letter):
    matrix = window.matrix
    window.show_panel(matrix.view)
    assert matrix.reveal_task(row, matrix.model.column_of(fid))
    matrix.view.setFocus()
    QTest.keyClicks(matrix.view, letter)


def _rows(panel):
    return [(r.mark, r.text) for r in panel.model.rows]


def _title_colour(window, row):
    index = window.matrix.model.index(row, 0)
    return window.matrix.model.data(index, Qt.ItemDataRole.ForegroundRole)


def test_compare_with_the_saved_file_marks_rows(window, qtbot, tmp_path):
    _open_copy(window, tmp_path)
    window.actions_by_id["compareSaved"].trigger()
    panel = window.changes
    dock = window.findChild(type(window.warnings_dock), "changesDock")
    assert dock.isVisible()
    assert panel.model.rows == [] and "No changes" in panel.summary.text()

    chart = window.doc.chart
    ops = next(f.id for f in chart.functions if f.name == "Operations")
    row = next(i for i, t in enumerate(chart.tasks) if t.raci.get(ops, "") == "")
    title = chart.tasks[row].title
    _type_cell(window, row, ops, "a")  # give Operations an A where it had no role
    assert window.doc.chart.tasks[row].raci[ops] == "A"
    qtbot.waitUntil(lambda: bool(panel.model.rows), timeout=3000)

    rows = _rows(panel)
    assert ("changed", f"{title} ({chart.tasks[row].id}): Operations \u2014 \u2192 A") in [
        (m, t.split(";")[0]) for m, t in rows
    ]
    assert "1 changed" in panel.summary.text()
    assert _title_colour(window, row) is not None  # the matrix marks the changed task
    assert _title_colour(window, (row + 1) % len(chart.tasks)) is None

    # A new task typed into the quick-add field is an added row.
    matrix = window.matrix
    matrix.quick_add.setFocus()
    type_text(matrix.quick_add, "扫码骑行海报")
    QTest.keyClick(matrix.quick_add, Qt.Key.Key_Return)
    QTest.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    marks = [r.mark for r in panel.model.rows if r.section == "tasks" and "扫码骑行海报" in r.text]
    assert marks == ["added"]
    new_row = len(window.doc.chart.tasks) - 1
    assert _title_colour(window, new_row) is not None

    # Undo both edits: nothing to show, marks cleared.
    window.actions_by_id["undo"].trigger()
    window.actions_by_id["undo"].trigger()
    QTest.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    assert panel.model.rows == []
    assert _title_colour(window, row) is None


def test_double_click_reveals_the_task(window, qtbot, tmp_path):
    _open_copy(window, tmp_path)
    chart = window.doc.chart
    ops = next(f.id for f in chart.functions if f.name == "Operations")
    row = next(i for i, t in enumerate(chart.tasks) if t.raci.get(ops, "") == "")
    window.actions_by_id["compareSaved"].trigger()
    _type_cell(window, row, ops, "c")
    panel = window.changes
    QTest.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    line = next(i for i, r in enumerate(panel.model.rows) if r.entity == chart.tasks[row].id)
    view = panel.view
    rect = view.visualRect(panel.model.index(line, DiffModel.TEXT))
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert row in window.matrix.selected_rows()


def test_unsaved_chart_says_there_is_nothing_to_compare(window):
    window.files.new_from_template("marketing-vs-operations", "en")
    window.actions_by_id["compareSaved"].trigger()
    assert "not been saved" in window.changes.summary.text()
    assert window.changes.model.rows == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_compare_with_git_head(window, qtbot, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_COMMITTER_EMAIL": "t@e", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    path = _open_copy(window, repo)
    window.actions_by_id["compareHead"].trigger()
    assert "not in a git repository" in window.changes.summary.text()

    for args in (["init", "-q"], ["add", "chart.yaml"], ["commit", "-qm", "first"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    text = path.read_text(encoding="utf-8").replace(
        "title: Recruit campus ambassadors", "title: Recruit student ambassadors"
    )
    path.write_text(text, encoding="utf-8")  # saved, but not committed
    assert window.open_path(str(path))
    window.changes.compare_with(SAVED)
    assert window.changes.model.rows == []
    window.changes.compare_with(HEAD)
    texts = [t for _, t in _rows(window.changes)]
    assert any("renamed \u201cRecruit campus ambassadors\u201d" in t for t in texts)
    assert window.changes.source.currentData() == HEAD


def test_diff_model_passes_the_model_tester(window, tmp_path):
    _open_copy(window, tmp_path)
    panel = window.changes
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    window.doc.push(None)
    panel.compare_with(SAVED)
    assert panel.model.rowCount(QModelIndex()) == 0
