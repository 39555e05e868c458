"""Select-all and large selections, driven with real keys: what gets selected and what follows.

The selected rows are read from the selection's ranges rather than cell by cell (which stalled
for seconds at 10,000 tasks); these tests check that nothing changed for the user.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest

from rolemap.ui.models import TaskModel


def _ctrl_a(window, view) -> None:
    window.show_panel(view)
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)


def _ids(window, rows) -> list[str]:
    return [window.doc.chart.tasks[r].id for r in rows]


def test_ctrl_a_in_the_task_list_selects_every_task_and_highlights_their_warnings(window):
    panel = window.tasks
    n = len(window.doc.chart.tasks)
    panel.view.sortByColumn(TaskModel.TITLE, Qt.SortOrder.DescendingOrder)
    _ctrl_a(window, panel.view)
    assert panel.selected_rows() == list(range(n))
    # The warnings of every task are in bold, and the map, once shown, outlines every task.
    involving = {
        w.fingerprint
        for w in window.runner.latest.warnings
        if set(w.entities) & set(_ids(window, range(n)))
    }
    assert involving and set(window.warnings.highlighted()) == involving
    window.map.show()
    outlined = {ident for kind, ident in window.map.view.canvas.selected if kind == "task"}
    assert outlined == set(_ids(window, range(n)))


def test_ctrl_a_under_a_filter_selects_the_rows_shown_and_ctrl_click_takes_one_away(window):
    panel = window.tasks
    panel.filter.setText("campus")
    shown = panel.proxy.rowCount()
    assert 2 < shown < panel.model.rowCount()
    _ctrl_a(window, panel.view)
    expected = sorted(panel.proxy.mapToSource(panel.proxy.index(r, 0)).row() for r in range(shown))
    assert panel.selected_rows() == expected
    # Ctrl+click on the second shown row deselects it (a range split by a deselection).
    view = panel.view
    second = panel.proxy.index(1, TaskModel.ACCOUNTABLE)
    QTest.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        view.visualRect(second).center(),
    )
    gone = panel.proxy.mapToSource(second).row()
    assert panel.selected_rows() == [r for r in expected if r != gone]


def test_delete_after_ctrl_a_in_the_task_list_removes_every_task_in_one_undo_step(window):
    _ctrl_a(window, window.tasks.view)
    before = window.doc.undo_stack.count()
    window.actions_by_id["delete"].trigger()
    assert window.doc.chart.tasks == ()
    assert window.doc.undo_stack.count() == before + 1


def test_ctrl_a_in_the_grouped_matrix_selects_every_task_and_delete_clears_all_letters(window):
    matrix = window.matrix
    matrix.group.setCurrentIndex(matrix.group.findData("goal"))
    assert matrix.proxy.header_rows()  # rows of the proxy's own, never "selected tasks"
    n = len(window.doc.chart.tasks)
    _ctrl_a(window, matrix.view)
    assert matrix.selected_rows() == list(range(n))
    before = window.doc.undo_stack.count()
    QTest.keyClick(matrix.view, Qt.Key.Key_Delete)
    assert all(not t.raci for t in window.doc.chart.tasks)
    assert window.doc.undo_stack.count() == before + 1
    window.doc.undo_stack.undo()
    assert any(t.raci for t in window.doc.chart.tasks)


def test_delete_clears_only_the_selected_function_cells_of_the_selected_rows(window):
    matrix = window.matrix
    window.show_panel(matrix.view)
    proxy, model = matrix.proxy, matrix.model
    chart = window.doc.chart
    rows = [r for r, t in enumerate(chart.tasks) if len(t.raci) >= 2][:3]
    fid = chart.functions[1].id
    column = model.column_of(fid)
    selection = matrix.view.selectionModel()
    selection.clearSelection()
    for row in rows:  # the title column too: it has no letters to clear
        for col in (0, column):
            index = proxy.mapFromSource(model.index(row, col))
            selection.select(index, QItemSelectionModel.SelectionFlag.Select)
    selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
    matrix.view.setFocus()
    QTest.keyClick(matrix.view, Qt.Key.Key_Delete)
    after = window.doc.chart
    for r, (old, new) in enumerate(zip(chart.tasks, after.tasks, strict=True)):
        expected = {f: v for f, v in old.raci.items() if not (r in rows and f == fid)}
        assert new.raci == expected


def test_table_headers_never_see_the_selection(window):
    """Painting a header section asks whether its neighbours are selected, row by row: the
    headers get a selection of their own that stays empty."""
    for view in (window.tasks.view, window.matrix.view):
        _ctrl_a(window, view)
        assert view.selectionModel().hasSelection()
        for v in (view, view.frozen):
            for header in (v.horizontalHeader(), v.verticalHeader()):
                assert header.selectionModel() is not view.selectionModel()
                assert not header.selectionModel().hasSelection()
