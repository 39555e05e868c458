"""The warnings tree's model: warnings grouped by severity, capture mode's held-back ones apart."""

from __future__ import annotations

from bisect import bisect_left
from itertools import compress, count, pairwise
from operator import attrgetter, is_not
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
_WARNING_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
MAX_SPLICES = 64  # more separate runs of changed warnings than this: a reset is cheaper
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
        self._open_counts = [0] * len(SEVERITIES)  # open warnings per group, for its title

    def set_analysis(self, analysis: Analysis | None, capture: bool | None = None) -> None:
        """Show ``analysis``: after an edit by removing and inserting only the warnings that
        changed (the rest are the same objects, see rolemap.core.analysissync), so that the
        view keeps its scroll position and selection and asks for nothing else; otherwise
        (another chart, language or capture mode) by a reset."""
        if (capture is None or capture == self.capture) and self._update(analysis):
            return
        self.beginResetModel()
        self.analysis = analysis
        if capture is not None:
            self.capture = capture
        self.groups, self.held_back = _grouped(analysis, self.capture)
        self._open_counts = [sum(1 for w in group if w.is_open) for group in self.groups]
        self.endResetModel()

    def _update(self, analysis: Analysis | None) -> bool:
        old = self.analysis
        if old is None or analysis is None or old.lang != analysis.lang:
            return False
        groups, held_back = _grouped(analysis, self.capture)
        plans = [_splices(before, after) for before, after in zip(self.groups, groups, strict=True)]
        if any(p is None for p in plans) or sum(len(p[0]) + len(p[1]) for p in plans if p) > (
            MAX_SPLICES
        ):
            return False
        self.analysis, self.held_back = analysis, held_back
        counts = self._open_counts
        for g, plan in enumerate(plans):
            assert plan is not None
            removals, inserts = plan
            parent = self.index(g, 0)
            rows = self.groups[g]
            if removals == [(first, first + len(items) - 1) for first, items in inserts]:
                # Warnings replaced row for row (an edit rewords them): the same rows with
                # new data, which the tree repaints without laying its rows out again.
                for first, items in inserts:
                    last = first + len(items) - 1
                    counts[g] += sum(1 for w in items if w.is_open)
                    counts[g] -= sum(1 for w in rows[first : last + 1] if w.is_open)
                    rows[first : last + 1] = items
                    self.dataChanged.emit(self.index(first, 0, parent), self.index(last, 0, parent))
                continue
            for first, last in reversed(removals):
                self.beginRemoveRows(parent, first, last)
                counts[g] -= sum(1 for w in rows[first : last + 1] if w.is_open)
                del rows[first : last + 1]
                self.endRemoveRows()
            for first, items in inserts:
                self.beginInsertRows(parent, first, first + len(items) - 1)
                counts[g] += sum(1 for w in items if w.is_open)
                rows[first:first] = items
                self.endInsertRows()
        self.dataChanged.emit(self.index(0, 0), self.index(len(SEVERITIES) - 1, 0))  # counts
        return True

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
        # NeverHasChildren: laying out the tree then skips asking each warning for children.
        return _WARNING_FLAGS

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            severity = SEVERITIES[index.row()]
            group = self.groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                open_count = self._open_counts[index.row()]
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


def _grouped(
    analysis: Analysis | None, capture: bool
) -> tuple[list[list[OverlapWarning]], list[OverlapWarning]]:
    """The warnings shown, by severity (in their order), and those capture mode holds back."""
    warnings = analysis.warnings if analysis else ()
    if capture:
        shown, held = triage.split(warnings, capture)
    else:
        shown, held = list(warnings), []  # nothing is held back outside capture mode
    # An analysis lists its warnings most severe first: each group is one run of them.
    rank = _GROUP_OF.__getitem__
    cuts = [
        0,
        *(bisect_left(shown, g, key=lambda w: rank(w.severity)) for g in range(1, len(SEVERITIES))),
        len(shown),
    ]
    groups = [shown[a:b] for a, b in pairwise(cuts)]
    if any(
        set(map(_SEVERITY, group)) - {severity}
        for group, severity in zip(groups, SEVERITIES, strict=True)
    ):  # not in that order after all
        groups = [[w for w in shown if w.severity == s] for s in SEVERITIES]
    return groups, held


_GROUP_OF = {s: i for i, s in enumerate(SEVERITIES)}
_SEVERITY = attrgetter("severity")


def _splices(
    old: list[OverlapWarning], new: list[OverlapWarning]
) -> tuple[list[tuple[int, int]], list[tuple[int, list[OverlapWarning]]]] | None:
    """The runs of rows to remove from ``old`` (first, last) and then to insert (first, items)
    to make it ``new``, warnings compared by identity; None when the warnings both lists hold
    are not in the same order (or one appears twice).

    After an edit both lists are mostly the very same objects: the rows they share at the
    start and at the end are skipped in C, and only the rows between are compared (a
    warning twice among those: None)."""
    short = min(len(old), len(new))
    head = next(compress(count(), map(is_not, old, new)), short)
    tail = next(compress(count(), map(is_not, reversed(old), reversed(new))), short)
    tail = min(tail, short - head)
    if head + tail == len(old) == len(new):
        return [], []
    middle = _middle_splices(old[head : len(old) - tail], new[head : len(new) - tail])
    if middle is None:
        return None
    removals, inserts = middle
    return (
        [(first + head, last + head) for first, last in removals],
        [(first + head, items) for first, items in inserts],
    )


def _middle_splices(
    old: list[OverlapWarning], new: list[OverlapWarning]
) -> tuple[list[tuple[int, int]], list[tuple[int, list[OverlapWarning]]]] | None:
    old_ids = {id(w) for w in old}
    new_ids = {id(w) for w in new}
    if len(old_ids) != len(old) or len(new_ids) != len(new):
        return None  # a warning twice: which row is which would be a guess
    kept_old = [id(w) for w in old if id(w) in new_ids]
    if kept_old != [id(w) for w in new if id(w) in old_ids]:
        return None
    removals: list[tuple[int, int]] = []
    for row, w in enumerate(old):
        if id(w) not in new_ids:
            if removals and removals[-1][1] == row - 1:
                removals[-1] = (removals[-1][0], row)
            else:
                removals.append((row, row))
    inserts: list[tuple[int, list[OverlapWarning]]] = []
    for row, w in enumerate(new):
        if id(w) not in old_ids:
            if inserts and inserts[-1][0] + len(inserts[-1][1]) == row:
                inserts[-1][1].append(w)
            else:
                inserts.append((row, [w]))
    return removals, inserts
