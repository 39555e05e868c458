"""File > Import… (a spreadsheet, shown as a summary first, then opened as a new unsaved
chart) and File > Export as Excel workbook / CSV matrix."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMainWindow

from rolemap.ui.actions import Menus, make_action
from rolemap.ui.document import Document
from rolemap.ui.filesession import FileSession
from rolemap.ui.i18n import QT_TR_NOOP, language, tr
from rolemap.ui.prompts import Prompts
from rolemap.ui.runner import AnalysisRunner

if TYPE_CHECKING:  # the spreadsheet code is imported when first used, not at start-up
    from rolemap.core.spreadsheet import ImportResult, Summary

IMPORT_FILTER = QT_TR_NOOP("Spreadsheets (*.xlsx *.xlsm *.csv *.tsv *.txt);;All files (*)")


class SpreadsheetIO(QObject):
    """Spreadsheet import and export for one window. Tests replace ``ask_import_path`` and
    drive the summary dialog itself."""

    def __init__(
        self,
        window: QMainWindow,
        document: Document,
        files: FileSession,
        runner: AnalysisRunner,
        prompts: Prompts,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.doc = document
        self.files = files
        self.runner = runner
        self.prompts = prompts
        self.last_summary: Summary | None = None

    def install(self, menus: Menus) -> None:
        w = self.window
        menus.add(
            "file",
            "import",
            make_action(
                w,
                "import_spreadsheet",
                tr("&Import spreadsheet…"),
                self.import_dialog,
                "Ctrl+Shift+I",
                tr("Read a RACI matrix from Excel or CSV"),
            ),
        )
        menus.add(
            "file",
            "export",
            make_action(
                w, "export_xlsx", tr("Export as &Excel workbook…"), lambda: self.export("xlsx")
            ),
        )
        menus.add(
            "file",
            "export",
            make_action(w, "export_csv", tr("Export as CS&V matrix…"), lambda: self.export("csv")),
        )

    # ------------------------------------------------------------ import

    def ask_import_path(self) -> str | None:
        start = os.path.dirname(self.doc.path) if self.doc.path else ""
        path, _ = QFileDialog.getOpenFileName(
            self.window, tr("Import spreadsheet"), start, tr(IMPORT_FILTER)
        )
        return path or None

    def import_dialog(self) -> None:
        if not self.files.maybe_save():
            return
        path = self.ask_import_path()
        if path:
            self.import_path(path)

    def import_path(self, path: str) -> bool:
        """Read ``path``, show the summary, and open the chart if the user agrees."""
        from rolemap.core.spreadsheet import SpreadsheetError, import_spreadsheet

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = import_spreadsheet(path)
        except SpreadsheetError as exc:
            QApplication.restoreOverrideCursor()
            self.prompts.show_error(path, exc.format(lang=language()))
            return False
        QApplication.restoreOverrideCursor()
        self.last_summary = result.summary
        if not self.confirm(result):
            return False
        self.doc.replace(result.chart, None)
        # A new chart that exists nowhere on disk yet: closing it asks to save.
        self.doc.undo_stack.resetClean()
        self.window.statusBar().showMessage(
            tr("Imported %s: save it to keep it") % os.path.basename(path), 6000
        )
        return True

    def confirm(self, result: ImportResult) -> bool:
        from rolemap.ui.import_dialog import ImportSummaryDialog

        dialog = ImportSummaryDialog(result.summary, self.window)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    # ------------------------------------------------------------ export

    def export(self, kind: str) -> None:
        xlsx = kind == "xlsx"
        path = self.files.ask_export_path(
            ".xlsx" if xlsx else ".csv",
            tr("Excel workbook (*.xlsx)") if xlsx else tr("CSV, UTF-8 (*.csv)"),
        )
        if path:
            self.files.exporter.export(kind, path)
