"""The bugs issue 9 lists, each driven with real key and mouse events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from rolemap.ui.delegates import CheckListCombo
from rolemap.ui.models import TaskModel


def _list(window):
    window.show_panel(window.tasks.view)
    return window.tasks


def _proxy_index(panel, row, column):
    return panel.proxy.mapFromSource(panel.model.index(row, column))


def _open_editor(qtbot, view, index):
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(
        lambda: (
            isinstance(QApplication.focusWidget(), CheckListCombo)
            or bool(view.findChildren(CheckListCombo))
        )
    )
    combo = view.findChildren(CheckListCombo)[0]
    qtbot.waitUntil(combo.view().isVisible)
    return combo


def test_double_clicking_a_responsible_cell_ticks_nothing(window, qtbot):
    tasks = _list(window)
    row = 2  # "Posters in dorms and canteens": R and A with Marketing only
    before = window.doc.chart.tasks[row].raci
    index = _proxy_index(tasks, row, TaskModel.CONSULTED)
    combo = _open_editor(qtbot, tasks.view, index)
    # The release of the double-click lands in the popup, over the first function.
    popup = combo.view()
    first = popup.visualRect(popup.model().index(0, 0)).center()
    QTest.mouseRelease(popup.viewport(), Qt.MouseButton.LeftButton, pos=first)
    assert combo.checked() == [f for f, v in before.items() if "C" in v]
    QTest.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not tasks.view.findChildren(CheckListCombo))
    assert window.doc.chart.tasks[row].raci == before
    # A real click on an item still ticks it.
    combo = _open_editor(qtbot, tasks.view, index)
    popup = combo.view()
    third = popup.visualRect(popup.model().index(2, 0)).center()
    QTest.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=third)
    assert window.doc.chart.functions[2].id in combo.checked()


def test_first_space_in_a_check_list_toggles_the_first_item(window, qtbot):
    tasks = _list(window)
    combo = _open_editor(qtbot, tasks.view, _proxy_index(tasks, 2, TaskModel.INFORMED))
    first = window.doc.chart.functions[0].id
    assert first not in combo.checked()
    QTest.keyClick(combo.view(), Qt.Key.Key_Space)
    assert first in combo.checked()


def test_accountable_editor_keeps_both_accountable_functions(window, qtbot):
    tasks = _list(window)
    row = next(i for i, t in enumerate(window.doc.chart.tasks) if t.id == "campus-ambassadors")
    before = window.doc.chart.tasks[row]
    assert len(before.accountable()) == 2
    combo = _open_editor(qtbot, tasks.view, _proxy_index(tasks, row, TaskModel.ACCOUNTABLE))
    QTest.keyClick(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not tasks.view.findChildren(CheckListCombo))
    assert window.doc.chart.tasks[row].accountable() == before.accountable()


def test_moving_right_to_goals_keeps_the_task_title_in_view(window, qtbot):
    window.resize(900, 600)
    tasks = _list(window)
    view = tasks.view
    view.setCurrentIndex(_proxy_index(tasks, 0, TaskModel.TITLE))
    for _ in range(TaskModel.TAGS):
        QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex().column() == TaskModel.TAGS
    frozen = view.frozen
    assert frozen.isVisible()
    title = frozen.visualRect(frozen.model().index(0, 0))
    assert title.left() >= 0 and title.width() >= view.columnWidth(0) - 1


def test_task_counter_is_right_after_a_delete(window, qtbot):
    tasks = _list(window)
    tasks.view.setCurrentIndex(_proxy_index(tasks, 3, TaskModel.TITLE))
    tasks.view.selectRow(tasks.view.currentIndex().row())
    QTest.keyClick(tasks.view, Qt.Key.Key_Delete)
    assert len(window.doc.chart.tasks) == 16
    assert tasks.count.text() == "16 tasks"


def test_alt_f_r_exports_the_role_chart(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(window.files, "ask_export_path", lambda *a: asked.append(a) or None)
    file_menu = window.menus.menus["file"]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for _ in range(3):  # offscreen, the menu bar sometimes needs the Alt key twice
        QTest.keyClick(window.menuBar(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
        QTest.qWait(100)
        if file_menu.isVisible():
            break
    assert file_menu.isVisible()
    QTest.keyClick(file_menu, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: bool(asked))
    assert asked[0][0] == ".role-chart.yaml"
    letters = [a.text().split("&")[1][0].lower() for a in file_menu.actions() if "&" in a.text()]
    assert len(letters) == len(set(letters))  # every File menu mnemonic is unique


def test_a_new_goal_takes_an_id_from_its_name(window, qtbot):
    QTest.keyClick(
        window.tasks.view,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    editor = QApplication.focusWidget()
    editor.selectAll()
    QTest.keyClicks(editor, "Word of mouth")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.doc.chart.goals[-1].name == "Word of mouth")
    assert window.doc.chart.goals[-1].id == "word-of-mouth"
