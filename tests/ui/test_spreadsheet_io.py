"""File > Import spreadsheet… and File > Export as Excel/CSV, driven through the menu with keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from rolemap.core.fileformat import load
from rolemap.core.spreadsheet import import_spreadsheet
from rolemap.resources import template_path
from rolemap.ui.import_dialog import ImportSummaryDialog, NotesModel
from tests.core import spreadsheets as fx


def _file_menu(qtbot, window, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Alt+F, then the item's mnemonic, as a user types them."""
    file_menu = window.menus.menus["file"]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for _ in range(3):  # offscreen, the menu bar sometimes needs the Alt key twice
        QTest.keyClick(window.menuBar(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
        QTest.qWait(100)
        if file_menu.isVisible():
            break
    assert file_menu.isVisible()
    QTest.keyClick(file_menu, key)


def _on_dialog(qtbot, seen: list[object], answer: str) -> Callable[[], None]:  # type: ignore[no-untyped-def]
    """Run once the summary dialog is up: record what it shows, then Open or Cancel."""

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ImportSummaryDialog):
            QTimer.singleShot(20, handle)
            return
        model = dialog.model
        seen.append(
            [model.data(model.index(r, c)) for r in range(model.rowCount()) for c in (0, 2, 3, 4)]
        )
        seen.append(dialog.findChild(QLabel, "importCounts").text())
        if answer == "open":
            qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    return handle


def test_import_through_the_menu_shows_the_summary_then_opens_a_new_unsaved_chart(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    source = fx.workbook(tmp_path / "campaign.xlsx", fx.CAMPAIGN, bold=fx.CAMPAIGN_BOLD)
    monkeypatch.setattr(window.spreadsheets, "ask_import_path", lambda: str(source))
    seen: list[object] = []
    QTimer.singleShot(0, _on_dialog(qtbot, seen, "open"))
    _file_menu(qtbot, window, Qt.Key.Key_I)
    assert seen, "the summary dialog was not shown"
    cells = seen[0]
    assert isinstance(cells, list)
    # Unreadable cells come first: the 'x' in row 17, column E (Product).
    assert cells[:4] == ["Could not read", 17, "E (Product)", "x"]
    assert "Look-alike letters" in cells
    assert seen[1].startswith("1 cell could not be read")
    chart = window.doc.chart
    assert chart == import_spreadsheet(source).chart
    assert window.doc.path is None and window.doc.is_modified()
    assert window.tasks.model.rowCount() == 6
    assert "Imported campaign.xlsx" in window.statusBar().currentMessage()


def test_cancelling_the_summary_keeps_the_current_chart(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    before = window.doc.chart
    source = fx.workbook(tmp_path / "crowd.xlsx", fx.CROWD)
    monkeypatch.setattr(window.spreadsheets, "ask_import_path", lambda: str(source))
    seen: list[object] = []
    QTimer.singleShot(0, _on_dialog(qtbot, seen, "cancel"))
    _file_menu(qtbot, window, Qt.Key.Key_I)
    assert seen
    assert window.doc.chart is before and not window.doc.is_modified()


def test_an_unreadable_file_is_reported_and_changes_nothing(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    before = window.doc.chart
    bad = tmp_path / "latin.csv"
    bad.write_bytes("Task,Marketing\nCafé,R\n".encode("latin-1"))
    monkeypatch.setattr(window.spreadsheets, "ask_import_path", lambda: str(bad))
    _file_menu(qtbot, window, Qt.Key.Key_I)
    [(path, message)] = window.errors
    assert path == str(bad) and "cannot tell the text encoding" in message
    assert window.doc.chart is before


def test_export_excel_and_csv_through_the_menu(window, qtbot, tmp_path, monkeypatch) -> None:
    assert window.open_path(str(template_path("marketing-vs-operations", "zh")))
    target = {"path": ""}
    monkeypatch.setattr(window.files, "ask_export_path", lambda suffix, _f: target["path"])
    target["path"] = str(tmp_path / "out.xlsx")
    _file_menu(qtbot, window, Qt.Key.Key_E)
    back = import_spreadsheet(target["path"]).chart
    assert back.tasks == window.doc.chart.tasks and back.goals == window.doc.chart.goals
    target["path"] = str(tmp_path / "out.csv")
    _file_menu(qtbot, window, Qt.Key.Key_V)
    data = Path(target["path"]).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "市场".encode() in data
    assert load(template_path("marketing-vs-operations", "zh")) == window.doc.chart


def test_notes_model(qtmodeltester, tmp_path) -> None:
    source = fx.workbook(tmp_path / "campaign.xlsx", fx.CAMPAIGN, bold=fx.CAMPAIGN_BOLD)
    summary = import_spreadsheet(source).summary
    model = NotesModel(summary)
    qtmodeltester.check(model)
    assert model.rowCount() == len(summary.notes)
    assert model.note(0).group == "unreadable"
