"""The capture and filter hints are shown whole in Chinese at 1280x720 with larger text (the options
move below the fields), and the toolbar stays one row when there is room."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from rolemap.ui import i18n


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    assert i18n.install("zh")
    yield
    i18n.install("en")


def _cut(edit: QLineEdit) -> bool:
    """The placeholder does not fit beside the clear button."""
    metrics = edit.fontMetrics()
    return edit.width() < metrics.horizontalAdvance(edit.placeholderText()) + metrics.height()


def _zoom_in(window, steps: int) -> None:
    window.matrix.view.setFocus()
    for _ in range(steps):
        QTest.keyClick(window.matrix.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    QTest.qWait(50)


@pytest.mark.parametrize(("size", "steps"), [((1280, 720), 2), ((1600, 900), 0), ((1600, 900), 2)])
def test_hints_are_whole_in_chinese(chinese, window, qtbot, size, steps):
    window.load_example("zh")
    window.resize(*size)
    _zoom_in(window, steps)
    assert window.zoomer.step == steps
    for panel in (window.matrix, window.tasks):
        window.views.setCurrentWidget(panel)
        qtbot.waitUntil(lambda p=panel: p.isVisible())
        QTest.qWait(50)
        for edit in (panel.quick_add, panel.filter):
            assert not _cut(edit), (type(panel).__name__, edit.placeholderText(), edit.width())


def test_the_toolbar_is_one_row_when_there_is_room(chinese, window):
    window.load_example("zh")
    window.resize(1600, 900)
    QTest.qWait(50)
    matrix = window.matrix
    assert not matrix.toolbar.stacked
    assert matrix.group.geometry().center().y() == pytest.approx(
        matrix.quick_add.geometry().center().y(), abs=4
    )
    _zoom_in(window, 2)
    window.resize(1280, 720)
    QTest.qWait(50)
    assert matrix.toolbar.stacked  # the options went below the fields
    assert matrix.group.geometry().top() >= matrix.quick_add.geometry().bottom()


def test_stacked_fields_take_no_extra_height(chinese, window):
    window.load_example("zh")
    window.resize(1280, 720)
    _zoom_in(window, 2)
    tasks = window.tasks
    window.views.setCurrentWidget(tasks)
    QTest.qWait(50)
    assert tasks.toolbar.stacked
    gap = tasks.view.geometry().top() - tasks.only_warnings.geometry().bottom()
    assert 0 <= gap < tasks.fontMetrics().height(), gap
