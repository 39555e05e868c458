"""Chinese typed through an input method: text arrives as pre-edit, then in committed pieces."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit


def type_with_input_method(field: QLineEdit, pieces: list[tuple[str, str]]) -> None:
    """Each piece: the pinyin shown while composing, then the characters the user picks."""
    for preedit, commit in pieces:
        QApplication.sendEvent(field, QInputMethodEvent(preedit, []))
        composing = QInputMethodEvent("", [])
        composing.setCommitString(commit)
        QApplication.sendEvent(field, composing)


def test_quick_add_in_the_task_list_takes_committed_pieces(window, qtbot):
    window.views.setCurrentWidget(window.tasks)
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    field = window.tasks.quick_add
    assert field.hasFocus()
    before = len(window.doc.chart.tasks)
    type_with_input_method(field, [("xiaoyuan", "校园"), ("dashi", "大使"), ("zhaomu", "招募")])
    assert field.text() == "校园大使招募"
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert len(window.doc.chart.tasks) == before + 1
    assert window.doc.chart.tasks[-1].title == "校园大使招募"


def test_matrix_capture_field_takes_committed_pieces(window, qtbot):
    window.views.setCurrentWidget(window.matrix)
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    field = window.matrix.quick_add
    assert field.hasFocus()
    before = len(window.doc.chart.tasks)
    type_with_input_method(field, [("yonghu", "用户"), ("zhaohui", "召回")])
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert [t.title for t in window.doc.chart.tasks[before:]] == ["用户召回"]


def test_pre_edit_text_alone_adds_nothing(window, qtbot):
    window.views.setCurrentWidget(window.tasks)
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    field = window.tasks.quick_add
    before = len(window.doc.chart.tasks)
    QApplication.sendEvent(field, QInputMethodEvent("zhongwen", []))
    assert field.text() == ""  # still composing: nothing committed yet
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert len(window.doc.chart.tasks) == before


def test_a_title_editor_in_the_matrix_takes_committed_pieces(window, qtbot):
    window.show_panel(window.matrix.view)
    matrix = window.matrix
    assert matrix.reveal_task(2, 0)
    matrix.view.setFocus()
    QTest.keyClick(matrix.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_with_input_method(editor, [("yeqi", "夜骑"), ("huodong", "活动")])
    assert editor.text() == "夜骑活动"
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop turn
    qtbot.waitUntil(lambda: window.doc.chart.tasks[2].title == "夜骑活动")


def test_a_name_editor_in_the_goals_panel_takes_committed_pieces(window, qtbot):
    view = window.goals.view
    window.show_panel(view)
    view.setCurrentIndex(view.model().index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_with_input_method(editor, [("pinpai", "品牌"), ("zhiming", "知名"), ("du", "度")])
    assert editor.text() == "品牌知名度"
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.doc.chart.goals[0].name == "品牌知名度")
