"""The RACI matrix, driven with real key and mouse events."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest
from PySide6.QtWidgets import QApplication

from rolemap.core import edit as E
from rolemap.ui.grouping import GroupKeyRole, GroupProxy
from rolemap.ui.matrix_model import ConflictRole
from tests.ui.keys import type_text


def _matrix(window):
    window.show_panel(window.matrix.view)
    return window.matrix


def _put_cursor(matrix, task_row, column):
    assert matrix.reveal_task(task_row, column)
    matrix.view.setFocus()


def _cell(window, task_row, fid):
    return window.doc.chart.tasks[task_row].raci.get(fid, "")


class Keys:
    """Counts the keystrokes a test types (a title counts as zero: it is the title)."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.count = 0

    def press(self, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
        self.count += 1
        QTest.keyClick(widget, key, modifier)

    def letter(self, widget, text):
        self.count += 1
        QTest.keyClicks(widget, text)

    def title(self, widget, text):
        QTest.keyClicks(widget, text)


def test_capture_and_fully_assign_a_task_in_five_keystrokes(window, qtbot):
    window.files.new_from_template("marketing-vs-operations", "en")
    matrix = _matrix(window)
    chart = window.doc.chart
    marketing, operations = chart.functions[0].id, chart.functions[1].id
    # Group by goal, put the cursor in the "Rider retention" group.
    matrix.group.setCurrentIndex(matrix.group.findData("goal"))
    goal = next(g for g in chart.goals if g.name == "Rider retention")
    row = next(i for i, t in enumerate(chart.tasks) if t.goals[:1] == (goal.id,))
    _put_cursor(matrix, row, 0)

    keys = Keys(qtbot)
    keys.press(matrix.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert matrix.quick_add.hasFocus()
    keys.title(matrix.quick_add, "Birthday ride voucher")
    keys.press(matrix.quick_add, Qt.Key.Key_Return)
    assert matrix.view.hasFocus()
    keys.letter(matrix.view, "a")
    keys.press(matrix.view, Qt.Key.Key_Tab)
    keys.letter(matrix.view, "r")

    task = window.doc.chart.tasks[-1]
    assert task.title == "Birthday ride voucher"
    assert task.goals == (goal.id,)
    assert task.raci == {marketing: "A", operations: "R"}
    assert keys.count == 5
    # One undo step per edit: the R, the A, the new task.
    for _ in range(3):
        window.actions_by_id["undo"].trigger()
    assert window.doc.chart == chart


def test_letters_toggle_several_roles_delete_clears_and_other_keys_only_hint(window, qtbot):
    matrix = _matrix(window)
    fid = window.doc.chart.functions[2].id
    _put_cursor(matrix, 3, 3)
    assert _cell(window, 3, fid) == ""
    QTest.keyClicks(matrix.view, "ra")
    assert _cell(window, 3, fid) == "RA"
    QTest.keyClicks(matrix.view, "r")
    assert _cell(window, 3, fid) == "A"
    QTest.keyClicks(matrix.view, "x")  # not a role letter: nothing changes
    assert _cell(window, 3, fid) == "A"
    assert "R, A, C, I" in window.statusBar().currentMessage()
    QTest.keyClick(matrix.view, Qt.Key.Key_Delete)
    assert _cell(window, 3, fid) == ""
    assert len(window.doc.chart.tasks) == 17  # Delete cleared the cell, not the task


def test_delete_clears_every_selected_cell_in_one_step(window, qtbot):
    matrix = _matrix(window)
    view = matrix.view
    _put_cursor(matrix, 0, 1)
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    before = window.doc.undo_stack.count()
    QTest.keyClick(view, Qt.Key.Key_Delete)
    chart = window.doc.chart
    for row in (0, 1):
        assert not {f.id for f in chart.functions[:2]} & set(chart.tasks[row].raci)
    assert window.doc.undo_stack.count() == before + 1


def test_arrows_tab_and_enter_move(window, qtbot):
    matrix = _matrix(window)
    view = matrix.view
    _put_cursor(matrix, 0, 1)
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == 2
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 2)
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (2, 1)


def test_title_column_stays_in_view_when_moving_right(window, qtbot):
    window.resize(700, 500)
    matrix = _matrix(window)
    view = matrix.view
    _put_cursor(matrix, 0, 0)
    for _ in range(matrix.model.warnings_column):
        QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex().column() == matrix.model.warnings_column
    assert view.horizontalScrollBar().value() > 0  # the table did scroll
    frozen = view.frozen
    assert frozen.isVisible() and frozen.x() <= view.frameWidth() + 1
    rect = frozen.visualRect(frozen.model().index(0, 0))
    assert rect.left() >= 0 and rect.width() > 100  # the title is still drawn at the left
    # Back to the left: the cell next to the titles is not hidden under them.
    for _ in range(matrix.model.warnings_column - 1):
        QTest.keyClick(view, Qt.Key.Key_Left)
    assert view.visualRect(view.currentIndex()).left() >= frozen.width() - 1


def test_typing_on_a_title_edits_it_in_the_frozen_column(window, qtbot):
    matrix = _matrix(window)
    _put_cursor(matrix, 2, 0)
    QTest.keyClick(matrix.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and matrix.view.frozen.isAncestorOf(editor)
    editor.selectAll()
    type_text(editor, "夜骑活动")
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop turn
    qtbot.waitUntil(lambda: window.doc.chart.tasks[2].title == "夜骑活动")


def test_conflict_rows_are_marked_and_click_through_to_their_warning(window, qtbot):
    matrix = _matrix(window)
    model = matrix.model
    row = next(i for i, t in enumerate(window.doc.chart.tasks) if t.id == "campus-ambassadors")
    index = model.index(row, 0)
    assert index.data(ConflictRole) == "high"
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "owned (a) by" in index.data(Qt.ItemDataRole.ToolTipRole).lower()
    assert model.index(row, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    calm = next(i for i in range(model.rowCount()) if model.conflict(i) is None)
    assert model.index(calm, 0).data(Qt.ItemDataRole.DecorationRole) is None

    proxy_index = matrix.proxy.mapFromSource(model.index(row, model.warnings_column))
    view = matrix.view
    view.scrollTo(proxy_index)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(proxy_index).center()
    )
    current = window.warnings.current_fingerprint()
    assert current is not None and "campus-ambassadors" in current
    assert current.startswith("multiple-accountable")


def test_grouping_by_goal_shows_headers_that_arrows_skip(window, qtbot):
    matrix = _matrix(window)
    tester = QAbstractItemModelTester(
        matrix.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    matrix.group.setCurrentIndex(matrix.group.findData("goal"))
    proxy: GroupProxy = matrix.proxy
    headers = proxy.header_rows()
    assert headers[0] == 0 and len(headers) >= 5
    assert "Brand awareness" in proxy.index(0, 0).data()
    assert not proxy.flags(proxy.index(0, 1)) & Qt.ItemFlag.ItemIsEnabled
    view = matrix.view
    view.setFocus()
    view.setCurrentIndex(proxy.index(headers[1] - 1, 1))
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == headers[1] + 1
    # Edits and new tasks keep the grouping without a reset.
    resets = []
    proxy.modelAboutToBeReset.connect(lambda: resets.append(1))
    chart = window.doc.chart
    window.doc.push(E.add_task(chart, "Poster refresh", goals=(chart.goals[0].id,)))
    window.doc.push(E.remove_rows(window.doc.chart, "tasks", [0], "remove"))
    assert resets == []
    new = proxy.mapFromSource(matrix.model.index(len(window.doc.chart.tasks) - 1, 0))
    assert new.data() == "Poster refresh"
    assert proxy.group_of(new.row()) == chart.goals[0].id
    assert proxy.index(new.row() + 1, 0).data(GroupKeyRole) != chart.goals[0].id  # last in group
    matrix.group.setCurrentIndex(matrix.group.findData("tag"))
    matrix.group.setCurrentIndex(matrix.group.findData("none"))
    assert proxy.rowCount() == len(window.doc.chart.tasks)
    assert tester is not None


def test_matrix_model_passes_the_model_tester_through_function_changes(window):
    matrix = window.matrix
    testers = [
        QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Fatal)
        for m in (matrix.model, matrix.proxy)
    ]
    doc = window.doc
    chart = doc.chart
    doc.push(E.insert_rows(chart, "functions", 1, [E.new_function(chart, "Sales")], "add f"))
    assert matrix.model.columnCount() == 3 + 4
    doc.push(E.delete_function(doc.chart, 0, None, "delete function"))
    doc.push(E.remove_rows(doc.chart, "tasks", [1, 2], "remove"))
    window.runner.run_sync()
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert matrix.model.columnCount() == 3 + 3
    assert len(testers) == 2


def test_an_empty_chart_says_to_add_functions_first(window, qtbot):
    window.files.new_from_template("empty", "en")
    hint = window.matrix.hint
    assert hint.isVisible()
    assert "Add function" in hint.text()
    QTest.keyClick(
        window.matrix.view,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    editor = QApplication.focusWidget()
    editor.selectAll()
    QTest.keyClicks(editor, "Marketing")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.doc.chart.functions[0].name == "Marketing")
    assert window.doc.chart.functions[0].id == "marketing"  # the placeholder id followed
    assert not hint.isVisible()
    assert window.matrix.model.columnCount() == 4


def test_capture_mode_holds_back_not_assigned_yet_and_says_how_many(window, qtbot):
    matrix = _matrix(window)
    QTest.mouseClick(matrix.capture, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert matrix.capture.isChecked()
    matrix.quick_add.setFocus()
    for title in ("Flyer A", "Flyer B", "Flyer C"):
        QTest.keyClicks(matrix.quick_add, title)
        QTest.keyClick(matrix.quick_add, Qt.Key.Key_Return)
        matrix.quick_add.setFocus()
    window.runner.run_sync()
    qtbot.waitUntil(lambda: len(window.warnings.analysis.warnings) > 0)
    analysis = window.runner.run_sync()
    window._analysis_ready(analysis, 0.0)
    held = window.warnings.model.held_back
    assert len(held) >= 6  # no owner and no goal, for each of the three
    assert f"{len(held)} 'not assigned yet' warnings held back" in window.warnings.held_label.text()
    assert window.warnings.held_label.isVisible()
    shown = [w for group in window.warnings.model.groups for w in group]
    assert not any(w.rule == "no-accountable" for w in shown)
    new_row = len(window.doc.chart.tasks) - 1
    assert matrix.model.index(new_row, matrix.model.warnings_column).data() == ""
    QTest.mouseClick(matrix.capture, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not window.warnings.held_label.isVisible()
    assert matrix.model.index(new_row, matrix.model.warnings_column).data() != ""


def test_review_keys_act_on_the_task_in_focus(window, qtbot):
    matrix = _matrix(window)
    row = next(i for i, t in enumerate(window.doc.chart.tasks) if t.id == "campus-ambassadors")
    # Another warning is selected in the dock: the task in focus wins.
    other = next(
        w for w in window.warnings.analysis.warnings if "campus-ambassadors" not in w.entities
    )
    window.warnings.select_fingerprint(other.fingerprint)
    _put_cursor(matrix, row, 1)
    QTest.keyClick(
        matrix.view,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    reviewed = {r.warning for r in window.doc.chart.reviews}
    assert reviewed and all("campus-ambassadors" in fp for fp in reviewed)
    assert other.fingerprint not in reviewed
    window.runner.run_sync()
    window._analysis_ready(window.runner.run_sync(), 0.0)

    # Accept: the note is typed inline, Enter accepts, the cursor returns to the matrix.
    _put_cursor(matrix, row, 1)
    QTest.keyClick(
        matrix.view,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    note = window.warnings.note
    assert note.hasFocus()
    type_text(note, "两个部门共同负责校园大使")
    QTest.keyClick(note, Qt.Key.Key_Return)
    accepted = [r for r in window.doc.chart.reviews if r.status == "accepted"]
    assert accepted and all(r.note == "两个部门共同负责校园大使" for r in accepted)
    assert matrix.view.hasFocus()
    assert window.doc.undo_stack.undoText().startswith("Accept")


def test_accept_note_escape_cancels_and_the_panel_fits_the_screen(window, qtbot):
    window.resize(1280, 720)
    w = next(w for w in window.warnings.analysis.warnings if w.is_open)
    window.warnings.select_fingerprint(w.fingerprint)
    window.warnings.tree.setFocus()
    window.actions_by_id["accept"].trigger()
    QTest.keyClick(window.warnings.note, Qt.Key.Key_Escape)
    assert window.doc.chart.reviews == ()
    assert window.warnings.note.text() == ""
    assert window.warnings.width() < 1280


def test_presentation_mode_full_screen_large_type_and_back(window, qtbot):
    size = window.font().pointSizeF()
    width = window.matrix.view.columnWidth(0)
    QTest.keyClick(window.matrix.view, Qt.Key.Key_F5)
    assert window.presentation.active
    assert window.isFullScreen()
    # As large as fits: every column still fits across the screen (or the smallest step).
    assert window.font().pointSizeF() > size
    fits = window.matrix.natural_width() <= window.screen_width()
    assert fits or window.zoomer.extra == 1
    QTest.keyClick(window.matrix.view, Qt.Key.Key_Escape)
    window.presentation.fits = lambda: True  # a large screen
    QTest.keyClick(window.matrix.view, Qt.Key.Key_F5)
    assert window.font().pointSizeF() >= size * 1.5
    assert QApplication.font().pointSizeF() >= size * 1.5  # menus and dialogs too
    assert window.matrix.view.columnWidth(0) > width
    assert not window.warnings_dock.isVisible()
    assert window.palette().color(window.palette().ColorRole.Base).name() == "#ffffff"
    QTest.keyClick(window.matrix.view, Qt.Key.Key_Escape)
    assert not window.presentation.active
    assert not window.isFullScreen()
    assert window.font().pointSizeF() == size
    assert window.warnings_dock.isVisible()


def test_zoom_reaches_menus_dialogs_and_column_widths(window, qtbot):
    width = window.matrix.view.columnWidth(0)
    list_width = window.tasks.view.columnWidth(0)
    size = QApplication.font().pointSizeF()
    QTest.keyClick(window.matrix.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window.matrix.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() > size
    assert window.menus.menus["file"].font().pointSizeF() > size
    assert window.matrix.view.columnWidth(0) > width
    assert window.tasks.view.columnWidth(0) > list_width
    QTest.keyClick(window.matrix.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == size


def test_a_daci_chart_takes_its_own_letters_and_question_marks(window, qtbot):
    chart = window.doc.chart.model_copy(update={"notation": "daci", "rolemap": 2})
    window.doc.replace(chart, None)
    matrix = _matrix(window)
    fid = chart.functions[2].id
    _put_cursor(matrix, 3, 3)
    QTest.keyClicks(matrix.view, "r")  # not a DACI letter
    assert _cell(window, 3, fid) == ""
    assert "D, A, C, I" in window.statusBar().currentMessage()
    QTest.keyClicks(matrix.view, "d?")
    assert _cell(window, 3, fid) == "D?"
    assert "only sometimes" in matrix.model.index(3, 3).data(Qt.ItemDataRole.ToolTipRole)


def test_goals_column_keeps_its_check_list_editor(window, qtbot):
    from rolemap.ui.delegates import CheckListCombo

    matrix = _matrix(window)
    row = next(i for i, t in enumerate(window.doc.chart.tasks) if not t.goals)
    _put_cursor(matrix, row, matrix.model.goals_column)
    QTest.keyClick(matrix.view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: bool(matrix.view.findChildren(CheckListCombo)))
    combo = matrix.view.findChildren(CheckListCombo)[0]
    qtbot.waitUntil(combo.view().isVisible)
    QTest.keyClick(combo.view(), Qt.Key.Key_Space)
    QTest.keyClick(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.doc.chart.tasks[row].goals == (window.doc.chart.goals[0].id,))
    assert window.doc.undo_stack.undoText().startswith("Set goals of")


def test_filter_follows_edits_and_goal_renames(window, qtbot):
    matrix = _matrix(window)
    matrix.group.setCurrentIndex(matrix.group.findData("goal"))
    QTest.keyClicks(matrix.filter, "poster")
    titles = [matrix.proxy.index(r, 0).data() for r in range(matrix.proxy.rowCount())]
    assert "Posters in dorms and canteens" in titles
    row = next(i for i, t in enumerate(window.doc.chart.tasks) if t.title.startswith("Posters"))
    window.doc.push(
        E.set_task(
            window.doc.chart,
            row,
            window.doc.chart.tasks[row].model_copy(update={"title": "Dorm flyers"}),
            "rename",
        )
    )
    matrix.filter.clear()
    QTest.keyClicks(matrix.filter, "poster")
    titles = [matrix.proxy.index(r, 0).data() for r in range(matrix.proxy.rowCount())]
    assert "Dorm flyers" not in titles
    matrix.filter.clear()
    QTest.keyClicks(matrix.filter, "flyers")
    assert "Dorm flyers" in [
        matrix.proxy.index(r, 0).data() for r in range(matrix.proxy.rowCount())
    ]
    # Goal names are searched too, and follow a rename.
    goal_row = next(i for i, t in enumerate(window.doc.chart.goals) if t.name == "Rider retention")
    window.doc.push(E.rename(window.doc.chart, "goals", goal_row, "Keep riders"))
    matrix.filter.clear()
    QTest.keyClicks(matrix.filter, "keep riders")
    shown = [
        matrix.proxy.mapToSource(matrix.proxy.index(r, 1)) for r in range(matrix.proxy.rowCount())
    ]
    goal_id = window.doc.chart.goals[goal_row].id
    expected = sum(1 for t in window.doc.chart.tasks if goal_id in t.goals)
    assert len([i for i in shown if i.isValid()]) == expected == 4
