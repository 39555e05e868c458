"""Rows of the matrix grouped by goal or tag, with a header row per group, filtered in Python.

Like ``rowproxy``: the order is a Python list (no per-comparison ``data()`` calls), edits never
reset the view, and new tasks appear at the end of their group. A task with several goals or
tags is listed once, under its first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import compress
from typing import Any, cast

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from rolemap.core.analysis import chart_language
from rolemap.core.catalogue import KINDS, SIDE_LABELS
from rolemap.core.model import Chart
from rolemap.ui.i18n import language, tr
from rolemap.ui.matrix_model import MatrixModel
from rolemap.ui.rowproxy import FlatProxy, shown_positions
from rolemap.ui.side_models import kind_display

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
GROUPINGS = ("none", "goal", "tag")
GroupKeyRole = Qt.ItemDataRole.UserRole + 30  # the group key of a header or task row
# White on dark slate: readable in the normal palette and in presentation mode (7:1 contrast).
_HEADER_BACKGROUND = QColor("#3e4c59")
_HEADER_TEXT = QColor("#ffffff")
_IS_ROW = int.__instancecheck__  # a source row among the entries, not a Group


@dataclass(frozen=True)
class Group:
    key: str  # a goal id, a tag, or "" for tasks without one


_IS_GROUP = Group.__instancecheck__


def group_key(chart: Chart, row: int, mode: str) -> str:
    task = chart.tasks[row]
    if mode == "goal":
        return task.goals[0] if task.goals else ""
    if mode == "tag":
        return task.tags[0] if task.tags else ""
    return ""


class GroupProxy(FlatProxy):
    def __init__(self, source: MatrixModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mode = "none"
        self._needle: list[str] = []
        self._only_warnings = False
        self._entries: list[int | Group] = []
        self._keys: list[str] = []  # group key per entry
        self._pos: dict[int, int] = {}
        self._counts: dict[str, int] = {}  # tasks per group, as the headers say
        self._source = source
        super().setSourceModel(source)
        source.dataChanged.connect(self._data_changed)
        source.rowsInserted.connect(self._rows_inserted)
        source.rowsAboutToBeRemoved.connect(self._rows_about_to_be_removed)
        source.rowsRemoved.connect(self._rows_removed)
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self._source_reset)
        source.headerDataChanged.connect(self.headerDataChanged)
        self._rebuild()

    # ------------------------------------------------------------ the mapping

    def _compute(self) -> tuple[list[int | Group], list[str]]:
        source = self._source
        chart = source.doc.chart
        rows = list(range(len(chart.tasks)))
        if self._only_warnings:
            rows = [r for r in rows if source.warning_count(r)]
        if self._needle:
            texts = source.filter_texts()
            for word in self._needle:
                rows = [r for r in rows if word in texts[r]]
        if self.mode == "none":
            return list(rows), [""] * len(rows)
        buckets: dict[str, list[int]] = {}
        for r in rows:
            buckets.setdefault(group_key(chart, r, self.mode), []).append(r)
        if self.mode == "goal":
            order = [g.id for g in chart.goals if g.id in buckets]
        else:
            order = sorted((k for k in buckets if k), key=str.casefold)
        if "" in buckets:
            order.append("")
        entries: list[int | Group] = []
        keys: list[str] = []
        for key in order:
            entries.append(Group(key))
            entries.extend(buckets[key])
            keys.extend([key] * (len(buckets[key]) + 1))
        return entries, keys

    def _reindex(self) -> None:
        # In C (10,000 rows at each opening): positions of the rows, then the headers dropped.
        entries = self._entries
        pos: dict[Any, int] = dict(zip(entries, range(len(entries)), strict=True))
        if self.mode != "none":
            for entry in filter(_IS_GROUP, entries):
                del pos[entry]
        self._pos = pos

    def _rebuild(self) -> None:
        self._entries, self._keys = self._compute()
        self._reindex()
        self._counts = self._count()

    def _count(self) -> dict[str, int]:
        if self.mode == "none":  # no headers: every entry is a row
            return {"": len(self._entries)} if self._entries else {}
        return dict(Counter(compress(self._keys, map(_IS_ROW, self._entries))))

    def _recount(self) -> None:
        """After rows came or went: headers whose count changed say so."""
        if self.mode == "none":
            return
        counts = self._count()
        for row in self.header_rows():
            key = self._keys[row]
            if counts.get(key, 0) != self._counts.get(key, 0):
                index = self.index(row, 0)
                self._counts[key] = counts.get(key, 0)
                self.dataChanged.emit(index, index)
        self._counts = counts

    def header_rows(self) -> list[int]:
        return [i for i, e in enumerate(self._entries) if isinstance(e, Group)]

    def group_of(self, proxy_row: int) -> str | None:
        """The group key of a row (None when not grouped or out of range)."""
        if self.mode == "none" or not 0 <= proxy_row < len(self._keys):
            return None
        return self._keys[proxy_row]

    def _row_total(self) -> int:
        return len(self._entries)

    def source_rows(self, first: int, last: int) -> list[int]:
        # in C: after Ctrl+A the selection spans every row (10,000 entries)
        rows = filter(_IS_ROW, self._entries[max(first, 0) : last + 1])
        return cast(list[int], list(rows))

    def mapToSource(self, proxy: Index) -> QModelIndex:
        if not proxy.isValid() or proxy.row() >= len(self._entries):
            return QModelIndex()
        entry = self._entries[proxy.row()]
        if isinstance(entry, Group):
            return QModelIndex()
        return self._source.index(entry, proxy.column())

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._source.columnCount()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return self._source.headerData(section, orientation, role)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._entries[index.row()], Group):
            return Qt.ItemFlag.NoItemFlags  # arrows and Tab skip group headers
        return self._source.column_flags(index.column())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if not isinstance(entry, Group):
            if role == GroupKeyRole:
                return self._keys[index.row()]
            if role not in self._source.cell_roles:
                return None
            # Straight to the cell: no source index made, no mapToSource call.
            return self._source.cell(entry, index.column(), role)
        if role == GroupKeyRole:
            return entry.key
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return self.group_label(entry.key, index.row())
        if role == Qt.ItemDataRole.DisplayRole and index.column() == self._source.goals_column:
            return self.group_detail(entry.key)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return f"{self.group_label(entry.key, index.row())}  {self.group_detail(entry.key)}"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return _HEADER_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            return _HEADER_TEXT
        return None

    def group_label(self, key: str, row: int) -> str:
        count = self._counts.get(key, 0)
        chart = self._source.doc.chart
        zh = language() == "zh" or chart_language(chart) == "zh"
        if self.mode == "goal":
            goal = chart.goal_ids().get(key)
            if goal is None:
                return ("尚无目标" if zh else tr("No goal yet")) + f"  ({count})"
            return f"{goal.name}  ({count})"
        return (key or ("无标签" if zh else tr("No tag"))) + f"  ({count})"

    def group_detail(self, key: str) -> str:
        """Whose goal it is and its kind, shown in the header row's goals cell."""
        if self.mode != "goal":
            return ""
        chart = self._source.doc.chart
        goal = chart.goal_ids().get(key)
        if goal is None:
            return ""
        owner = chart.function_ids().get(goal.owner or "")
        info = KINDS[goal.kind]
        if language() == "zh" or chart_language(chart) == "zh":  # the chart's language too
            side = SIDE_LABELS[info.side][1]
            return f"{owner.name if owner else '无负责部门'} · {info.zh}（{side}）"
        return f"{owner.name if owner else tr('no owner')} · {kind_display(goal.kind)}"

    # ------------------------------------------------------------ grouping and filters

    def set_mode(self, mode: str) -> None:
        self.mode = mode if mode in GROUPINGS else "none"
        self.refresh()

    def set_text(self, text: str) -> None:
        self._needle = text.casefold().split()
        self.refresh()

    def set_only_warnings(self, value: bool) -> None:
        self._only_warnings = value
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    # ------------------------------------------------------------ source changes

    def _data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Any = ()) -> None:
        rows = shown_positions(self._pos, top.row(), bottom.row())
        if rows:
            self.dataChanged.emit(
                self.index(min(rows), top.column()), self.index(max(rows), bottom.column()), roles
            )

    def _rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        self._entries = [
            e + count if isinstance(e, int) and e >= first else e for e in self._entries
        ]
        self._reindex()
        chart = self._source.doc.chart
        for row in range(first, last + 1):
            key = group_key(chart, row, self.mode)
            positions = [i for i, k in enumerate(self._keys) if k == key]
            if self.mode == "none" or not positions:
                at = len(self._entries)
                new: list[int | Group] = [row] if self.mode == "none" else [Group(key), row]
            else:
                at, new = positions[-1] + 1, [row]
            self.beginInsertRows(_ROOT, at, at + len(new) - 1)
            self._entries[at:at] = new
            self._keys[at:at] = [key] * len(new)
            self._reindex()
            self.endInsertRows()
        self._recount()

    def _rows_about_to_be_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        doomed = sorted(
            (self._pos[r] for r in range(first, last + 1) if r in self._pos), reverse=True
        )
        while doomed:
            high = low = doomed.pop(0)
            while doomed and doomed[0] == low - 1:
                low = doomed.pop(0)
            self.beginRemoveRows(_ROOT, low, high)
            del self._entries[low : high + 1]
            del self._keys[low : high + 1]
            self._reindex()
            self.endRemoveRows()

    def _rows_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        self._entries = [e - count if isinstance(e, int) and e > last else e for e in self._entries]
        self._reindex()
        self._recount()

    def _source_reset(self) -> None:
        self._rebuild()
        self.endResetModel()
