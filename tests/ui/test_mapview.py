"""The role map on screen: clicks select, zoom follows keys and the window's text size, and
inside the window the map, the task table and the warnings stay in step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from rolemap.core.analysis import analyse
from rolemap.core.layout.geometry import Box
from rolemap.ui.mapview import MapView
from tests.core.picture_charts import small_chart


def centre(view: MapView, box: Box) -> QPoint:
    return view.canvas.box_rect(box).center().toPoint()


def card(view: MapView, task_id: str) -> Box:
    return next(
        b for b in view.canvas.picture.boxes if b.ref == ("task", task_id) and b.role == "card"
    )


@pytest.fixture
def view(qtbot):
    v = MapView()
    qtbot.addWidget(v)
    v.resize(1280, 720)
    v.show()
    chart = small_chart()
    v.set_chart(chart, analyse(chart))
    return v


def test_clicking_a_card_reports_its_task_and_outlines_it(view, qtbot) -> None:
    box = card(view, "both")
    view.area.ensureVisible(centre(view, box).x(), centre(view, box).y())
    with qtbot.waitSignal(view.itemClicked) as blocker:
        QTest.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=centre(view, box))
    assert blocker.args == ["task", "both"]
    assert view.canvas.selected == {("task", "both")}


def test_clicking_empty_paper_reports_nothing(view, qtbot) -> None:
    with qtbot.assertNotEmitted(view.itemClicked):
        QTest.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))


def test_zoom_keys_fit_and_the_windows_text_size(view) -> None:
    width = view.canvas.width()
    QTest.keyClick(view.canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.canvas.width() > width
    QTest.keyClick(view.canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view.canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.canvas.width() < width
    QTest.mouseClick(
        view.findChild(type(view.buttons["map"]), "fitButton"), Qt.MouseButton.LeftButton
    )
    port = view.area.viewport().size()
    canvas = view.canvas.size()
    assert canvas.width() <= port.width() and canvas.height() <= port.height()  # all of it
    assert min(port.width() - canvas.width(), port.height() - canvas.height()) <= 8
    QTest.mouseClick(
        view.findChild(type(view.buttons["map"]), "actualButton"), Qt.MouseButton.LeftButton
    )
    assert view.canvas.width() == round(view.canvas.picture.width)
    font = view.font()
    font.setPointSizeF(QApplication.font().pointSizeF() * 1.5)
    view.setFont(font)  # what View > Zoom in does to the window
    assert view.canvas.width() == pytest.approx(view.canvas.picture.width * 1.5, abs=2)


def test_the_map_fits_the_window_until_the_user_zooms(view) -> None:
    port = view.area.viewport().size()
    assert view.canvas.width() <= port.width() and view.canvas.height() <= port.height()
    view.resize(900, 600)
    port = view.area.viewport().size()
    assert view.canvas.width() <= port.width() or view.canvas.scale == pytest.approx(0.5)
    QTest.keyClick(view.canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    zoomed = view.canvas.width()
    view.resize(1280, 720)
    assert view.canvas.width() == zoomed  # the user's zoom stays


def test_heat_maps_stack_in_a_narrow_window(view) -> None:
    QTest.mouseClick(view.buttons["heatmap"], Qt.MouseButton.LeftButton)
    assert view.canvas.picture.width > view.canvas.picture.height  # side by side
    view.resize(700, 900)
    assert view.canvas.picture.width < view.canvas.picture.height  # one under the other


def test_heat_maps_button_switches_the_picture(view) -> None:
    QTest.mouseClick(view.buttons["heatmap"], Qt.MouseButton.LeftButton)
    assert view.view == "heatmap"
    assert any(b.role == "cell" for b in view.canvas.picture.boxes)
    QTest.mouseClick(view.buttons["map"], Qt.MouseButton.LeftButton)
    assert any(b.role == "card" for b in view.canvas.picture.boxes)


def test_dragging_pans_instead_of_clicking(view, qtbot) -> None:
    view.set_zoom(2.0)
    h = view.area.horizontalScrollBar()
    h.setValue(400)
    start = QPoint(600, 300)
    with qtbot.assertNotEmitted(view.itemClicked):
        QTest.mousePress(view.canvas, Qt.MouseButton.LeftButton, pos=start)
        for dx in (20, 60, 120):
            QTest.mouseMove(view.canvas, start + QPoint(dx, 0))
        QTest.mouseRelease(view.canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(120, 0))
    assert h.value() < 400


# ------------------------------------------------------------------ inside the window


def open_map(window) -> MapView:
    window.actions_by_id["show_map"].trigger()
    view = window.map.view
    assert window.views.currentWidget() is view
    return view


def test_clicking_a_card_selects_the_task_in_the_table_and_its_warnings(window) -> None:
    view = open_map(window)
    chart = window.doc.chart
    task = next(t for t in chart.tasks if len(t.accountable()) > 1)
    box = card(view, task.id)
    view.area.ensureVisible(centre(view, box).x(), centre(view, box).y(), 50, 50)
    QTest.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=centre(view, box))
    rows = window.tasks.selected_rows()
    assert [chart.tasks[r].id for r in rows] == [task.id]
    assert [chart.tasks[r].id for r in window.matrix.selected_rows()] == [task.id]
    expected = {w.fingerprint for w in analyse(chart).for_entity(task.id)}
    assert expected and set(window.warnings.highlighted()) == expected


def test_selecting_a_task_in_the_table_outlines_its_card(window) -> None:
    view = open_map(window)
    chart = window.doc.chart
    table = window.tasks.view
    index = table.model().index(3, 0)
    table.selectionModel().select(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    row = window.tasks.proxy.mapToSource(index).row()
    assert view.canvas.selected == {("task", chart.tasks[row].id)}


def test_selecting_a_row_in_the_matrix_outlines_its_card(window) -> None:
    view = open_map(window)
    chart = window.doc.chart
    matrix = window.matrix.view
    proxy = window.matrix.proxy
    index = proxy.mapFromSource(window.matrix.model.index(5, 0))
    matrix.selectionModel().select(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert view.canvas.selected == {("task", chart.tasks[5].id)}


def test_clicking_a_link_label_selects_its_warning(window) -> None:
    view = open_map(window)
    link = next(lk for lk in view.canvas.picture.links if lk.role == "shared-kpi")
    x, y = (round(c * view.canvas.scale) for c in link.label_at)
    view.area.ensureVisible(x, y, 50, 50)
    QTest.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    assert link.ref is not None
    assert window.warnings.current_fingerprint() == link.ref[1]


def test_map_follows_edits(window, qtbot) -> None:
    view = open_map(window)
    before = len([b for b in view.canvas.picture.boxes if b.role == "card"])
    window.tasks.quick_add.setText("Brand-new campus task")
    QTest.keyClick(window.tasks.quick_add, Qt.Key.Key_Return)
    window.runner.run_sync()
    qtbot.waitUntil(
        lambda: len([b for b in view.canvas.picture.boxes if b.role == "card"]) == before + 1
    )


def test_file_export_writes_the_picture(window, monkeypatch, tmp_path: Path) -> None:
    out = tmp_path / "matrix.pdf"
    monkeypatch.setattr(window.files, "ask_export_path", lambda suffix, flt: str(out))
    window.actions_by_id["export_matrix_picture"].trigger()
    assert out.read_bytes().startswith(b"%PDF")
    png = tmp_path / "map"
    monkeypatch.setattr(window.files, "ask_export_path", lambda suffix, flt: str(png))
    window.actions_by_id["export_map_picture"].trigger()
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")


def test_presentation_mode_enlarges_the_map(window, qtbot) -> None:
    view = open_map(window)
    QTest.mouseClick(
        view.buttons["map"].parentWidget().findChild(type(view.buttons["map"]), "actualButton"),
        Qt.MouseButton.LeftButton,
    )
    before = view.canvas.scale
    window.actions_by_id["present"].trigger()
    try:
        assert window.zoomer.extra > 0
        grown = 1 + 0.15 * window.zoomer.extra  # the text grows by as much (Zoom.font)
        qtbot.waitUntil(lambda: view.canvas.scale == pytest.approx(before * grown, rel=0.03))
    finally:
        window.actions_by_id["leave_presentation"].trigger()
    qtbot.waitUntil(lambda: view.canvas.scale == pytest.approx(before, rel=0.02))


def test_a_warning_chosen_in_the_dock_is_outlined_on_the_map(window) -> None:
    view = open_map(window)
    link = next(lk for lk in view.canvas.picture.links if lk.role == "shared-kpi")
    assert link.ref is not None
    assert window.warnings.select_fingerprint(link.ref[1])
    warning = next(w for w in window.runner.run_sync().warnings if w.fingerprint == link.ref[1])
    goals = {("goal", g.id) for g in window.doc.chart.goals if g.id in warning.entities}
    assert goals and goals | {link.ref} <= view.canvas.selected
