"""The import summary shown before an imported chart is used: what was read, every cell that
was reinterpreted or could not be read, with sheet, row, column and what to do."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rolemap.core.spreadsheet import Note, Summary
from rolemap.core.spreadsheet.summary import GROUPS, column_letter, group_heading
from rolemap.ui.i18n import QT_TR_NOOP, language, tr
from rolemap.ui.models import _NO_INDEX, Index

_UNREADABLE = QBrush(QColor("#ffd6d6"))


class NotesModel(QAbstractTableModel):
    """One row per note, cells that could not be read first."""

    HEADERS = (
        QT_TR_NOOP("What"),
        QT_TR_NOOP("Sheet"),
        QT_TR_NOOP("Row"),
        QT_TR_NOOP("Column"),
        QT_TR_NOOP("Value"),
        QT_TR_NOOP("Details"),
    )

    def __init__(self, summary: Summary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        order = list(GROUPS)
        self._notes: list[Note] = sorted(
            summary.notes,
            key=lambda n: order.index(n.group) if n.group in order else len(order),
        )

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._notes)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def note(self, row: int) -> Note:
        return self._notes[row]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        note = self._notes[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and note.group == "unreadable":
            return _UNREADABLE
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == 0:
            return group_heading(note.group, language()).split(" (")[0].split("（")[0]
        if column == 1:
            return note.sheet
        if column == 2:
            return note.row
        if column == 3:
            if note.column is None:
                return None
            letter = column_letter(note.column)
            return f"{letter} ({note.header})" if note.header else letter
        if column == 4:
            return note.value
        lang = language()
        message, action = note.message_in(lang), note.action_in(lang)
        if action:
            return f"{message}{'；' if lang == 'zh' else '; '}{action}"
        return message


class ImportSummaryDialog(QDialog):
    """Shows a summary; accepted means "open the chart"."""

    def __init__(self, summary: Summary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importSummaryDialog")
        self.setWindowTitle(tr("Import spreadsheet"))
        layout = QVBoxLayout(self)
        headline = QLabel(summary.headline(language()))
        headline.setWordWrap(True)
        headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(headline)
        unreadable = len(summary.unreadable)
        if unreadable == 1:
            text = tr("1 cell could not be read: it is listed first, in red, and left empty.")
        elif unreadable:
            text = tr("%d cells could not be read: they are listed first, in red, and left empty.")
            text %= unreadable
        else:
            text = tr("Every cell was read. Below: everything that was reinterpreted or skipped.")
        counts = QLabel(text)
        counts.setObjectName("importCounts")
        layout.addWidget(counts)
        self.model = NotesModel(summary, self)
        self.view = QTableView()
        self.view.setObjectName("importNotes")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.open_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.open_button.setText(tr("&Open as new chart"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # As large as the text needs (zoom, Chinese), within the screen.
        em = self.fontMetrics().horizontalAdvance("M")
        screen = self.screen().availableGeometry()
        self.resize(
            min(max(1000, 90 * em), int(screen.width() * 0.95)),
            min(max(560, 36 * self.fontMetrics().height()), int(screen.height() * 0.9)),
        )
