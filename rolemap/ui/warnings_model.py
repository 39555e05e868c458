"""The warnings tree's model: warnings grouped by severity, capture mode's held-back ones apart."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from rolemap.core import triage
from rolemap.core.analysis import SEVERITIES, Analysis, OverlapWarning
from rolemap.core.analysis.messages import RULES
from rolemap.ui.i18n import QT_TR_NOOP, tr
from rolemap.ui.models import _severity_colour

FingerprintRole = Qt.ItemDataRole.UserRole + 10
_ROOT = QModelIndex()
_SEVERITY_TITLES = {
    "high": QT_TR_NOOP("High"),
    "medium": QT_TR_NOOP("Medium"),
    "low": QT_TR_NOOP("Low"),
}


def count_text(verb: str, count: int) -> str:
    return f"{verb} " + (tr("warning") if count == 1 else tr("%d warnings") % count)


class WarningTreeModel(QAbstractItemModel):
    """Warnings grouped by severity: three group rows, each with its warnings as children."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.analysis: Analysis | None = None
        self.groups: list[list[OverlapWarning]] = [[] for _ in SEVERITIES]
        self.highlight: set[str] = set()
        self.capture = False
        self.held_back: list[OverlapWarning] = []

    def set_analysis(self, analysis: Analysis | None, capture: bool | None = None) -> None:
        self.beginResetModel()
        self.analysis = analysis
        if capture is not None:
            self.capture = capture
        shown, self.held_back = triage.split(analysis.warnings if analysis else (), self.capture)
        self.groups = [[w for w in shown if w.severity == s] for s in SEVERITIES]
        self.endResetModel()

    def set_highlight(self, entities: set[str]) -> None:
        """Bold the warnings that involve ``entities``; the view showing them repaints itself.

        No dataChanged: over thousands of warnings it made QTreeView ask every row for its
        size hint again (0.1-0.2 s after Ctrl+A on 10,000 tasks), for a font change that
        leaves the rows' heights as they are (the tree has uniform row heights)."""
        self.highlight = entities

    def warning_at(self, index: QModelIndex | QPersistentModelIndex) -> OverlapWarning | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.groups[index.internalId() - 1][index.row()]

    def index(self, row: int, column: int, parent: Any = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < self.rowCount() else QModelIndex()
        if parent.internalId() == 0 and row < len(self.groups[parent.row()]):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Any = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Any = _ROOT) -> int:
        if not parent.isValid():
            return len(SEVERITIES) if self.analysis is not None else 0
        if parent.internalId() == 0:
            return len(self.groups[parent.row()])
        return 0

    def columnCount(self, parent: Any = _ROOT) -> int:
        return 1

    def flags(self, index: Any) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            severity = SEVERITIES[index.row()]
            group = self.groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                open_count = sum(1 for w in group if w.is_open)
                text = tr("%s — %d open") % (tr(_SEVERITY_TITLES[severity]), open_count)
                if len(group) > open_count:
                    text += tr(", %d accepted") % (len(group) - open_count)
                return text
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_severity_colour(severity))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == FingerprintRole:
                return f"severity:{severity}"
            return None
        w = self.groups[index.internalId() - 1][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            lang = self.analysis.lang if self.analysis else "en"
            label = f"{RULES[w.rule][lang].title}: {w.message}"
            if w.review is not None:
                label = ("✓ " if w.review.status == "accepted" else "• ") + label
            return label
        if role == FingerprintRole:
            return w.fingerprint
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{w.message}\n\n→ {w.suggestion}"
        if role == Qt.ItemDataRole.ForegroundRole and not w.is_open:
            return QBrush(QColor("#888888"))
        if role == Qt.ItemDataRole.FontRole and self.highlight & set(w.entities):
            font = QFont()
            font.setBold(True)
            return font
        return None
