"""Filter and sort the task table in Python, on precomputed keys.

QSortFilterProxyModel calls ``data()`` across the Python/C++ boundary for every comparison:
sorting 10,000 rows took seconds. Here the order is a Python list computed with ``sorted`` on
keys the source model precomputes (milliseconds), and the proxy only maps rows. Sorting keeps
selections (a layout change with persistent indexes moved); edits never reset the view.
"""

from __future__ import annotations

from functools import partial
from operator import is_not
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractProxyModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_SHOWN = partial(is_not, None)


def shown_positions(pos: dict[int, int], first: int, last: int) -> list[int]:
    """The proxy rows of source rows ``first``..``last`` that are shown, found in C (a change of
    every row, as at the first analysis of 10,000 tasks, was a Python loop of 10,000 steps)."""
    found: Any = filter(_SHOWN, map(pos.get, range(first, last + 1)))
    return list(found)


class RowSource(Protocol):
    cell_roles: frozenset[int]  # the roles ``cell`` may answer with something other than None

    def cell(self, row: int, column: int, role: int) -> Any: ...
    def column_flags(self, column: int) -> Qt.ItemFlag: ...
    def filter_text(self, row: int) -> str: ...
    def warning_count(self, row: int) -> int: ...
    def sort_keys(self, column: int) -> list[Any]: ...


class FlatProxy(QAbstractProxyModel):
    """A proxy that shows its source's rows as one flat list, in its own order.

    Subclasses keep ``_pos`` (source row -> proxy row) and say how many rows they show.
    """

    _pos: dict[int, int]

    def _row_total(self) -> int:
        raise NotImplementedError

    def source_rows(self, first: int, last: int) -> list[int]:
        """The source rows shown from proxy row ``first`` to ``last`` (rows of the proxy's
        own, such as group headers, left out)."""
        raise NotImplementedError

    def source_row(self, row: int) -> int | None:
        found = self.source_rows(row, row) if row >= 0 else []
        return found[0] if found else None

    def selected_source_rows(self, selection: QItemSelectionModel) -> list[int]:
        """Source rows with a selected cell, in source order, read from the selection's ranges.

        ``selectedRows()`` and ``selectedIndexes()`` ask for ``flags()`` of every selected
        cell, through ``mapToSource``: after Ctrl+A on 10,000 tasks, 270,000 Python calls and
        a 2-3 s stall. A range is a rectangle: its rows are known without asking.
        """
        rows: set[int] = set()
        ranges = selection.selection()
        for part in (ranges.at(i) for i in range(ranges.size())):
            rows.update(self.source_rows(part.top(), part.bottom()))
        return sorted(rows)

    def mapFromSource(self, source: Index) -> QModelIndex:
        if not source.isValid():
            return QModelIndex()
        row = self._pos.get(source.row())
        return QModelIndex() if row is None else self.index(row, source.column())

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if (
            parent.isValid()
            or not 0 <= row < self._row_total()
            or not 0 <= column < self.columnCount()
        ):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        return QModelIndex()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._row_total()


class RowProxy(FlatProxy):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[int] = []  # proxy row -> source row
        self._pos: dict[int, int] = {}  # source row -> proxy row
        self._needle: list[str] = []
        self._only_warnings = False
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._cell_roles: frozenset[int] = frozenset()

    # ------------------------------------------------------------ wiring

    def setSourceModel(self, source: Any) -> None:
        old = self.sourceModel()
        if old is not None:
            for signal, slot in self._connections(old):
                signal.disconnect(slot)
        self.beginResetModel()
        super().setSourceModel(source)
        self._cell_roles = source.cell_roles if source is not None else frozenset()
        for signal, slot in self._connections(source):
            signal.connect(slot)
        self._rows = self._compute()
        self._reindex()
        self.endResetModel()

    def _connections(self, source: Any) -> list[tuple[Any, Any]]:
        return [
            (source.dataChanged, self._data_changed),
            (source.rowsInserted, self._rows_inserted),
            (source.rowsAboutToBeRemoved, self._rows_about_to_be_removed),
            (source.rowsRemoved, self._rows_removed),
            (source.modelAboutToBeReset, self.beginResetModel),
            (source.modelReset, self._source_reset),
            (source.headerDataChanged, self.headerDataChanged),
        ]

    # ------------------------------------------------------------ the mapping

    def _compute(self) -> list[int]:
        # The source is a TaskModel: it offers warning_count, filter_text and sort_keys.
        source: Any = self.sourceModel()
        if source is None:
            return []
        rows: list[int] = list(range(source.rowCount()))
        if self._only_warnings:
            rows = [r for r in rows if source.warning_count(r)]
        if self._needle:
            words = self._needle
            rows = [r for r in rows if all(w in source.filter_text(r) for w in words)]
        if self._sort_column >= 0:
            keys = source.sort_keys(self._sort_column)
            rows.sort(
                key=keys.__getitem__, reverse=self._sort_order == Qt.SortOrder.DescendingOrder
            )
        return rows

    def _reindex(self) -> None:
        self._pos = dict(zip(self._rows, range(len(self._rows)), strict=True))  # in C

    def _row_total(self) -> int:
        return len(self._rows)

    def source_rows(self, first: int, last: int) -> list[int]:
        return self._rows[max(first, 0) : last + 1]

    def mapToSource(self, proxy: Index) -> QModelIndex:
        source = self.sourceModel()
        if source is None or not proxy.isValid() or proxy.row() >= len(self._rows):
            return QModelIndex()
        return source.index(self._rows[proxy.row()], proxy.column())

    # A repaint asks for each visible cell's roles and flags: straight to the source's cell,
    # without a source index and a mapToSource call each (half the Python calls).
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A repaint asks each cell for seven roles; the source answers a few (``cell_roles``):
        # the rest are None without looking (after Ctrl+A, 1,400 calls a repaint at 10,000).
        if role not in self._cell_roles:
            return None
        source: Any = self.sourceModel()
        if source is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return source.cell(self._rows[index.row()], index.column(), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        source: Any = self.sourceModel()
        if source is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        return source.column_flags(index.column())  # type: ignore[no-any-return]

    def columnCount(self, parent: Index = _ROOT) -> int:
        source = self.sourceModel()
        return 0 if parent.isValid() or source is None else source.columnCount()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        source = self.sourceModel()
        if source is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return source.headerData(section, orientation, role)
        return None

    # ------------------------------------------------------------ filter and sort

    def set_text(self, text: str) -> None:
        self._needle = text.casefold().split()
        self._refilter()

    def set_only_warnings(self, value: bool) -> None:
        self._only_warnings = value
        self._refilter()

    def refresh(self) -> None:
        self._refilter()

    def _refilter(self) -> None:
        # Rows appear and disappear: a reset (the view scrolls to the top, as filters do).
        self.beginResetModel()
        self._rows = self._compute()
        self._reindex()
        self.endResetModel()

    def refresh_membership(self, keep: set[int] | frozenset[int] = frozenset()) -> None:
        """Re-apply the filter without a reset: rows that no longer match are removed (except
        those in ``keep``, e.g. selected ones), newly matching rows are added at the end."""
        wanted = set(self._compute()) | (keep & set(self._rows))
        self._remove_positions([p for p, r in enumerate(self._rows) if r not in wanted])
        new = sorted(wanted - set(self._rows))
        if new:
            start = len(self._rows)
            self.beginInsertRows(_ROOT, start, start + len(new) - 1)
            self._rows.extend(new)
            self._reindex()
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        sources = [self._rows[i.row()] if i.row() < len(self._rows) else -1 for i in old]
        self._rows = self._compute()
        self._reindex()
        new = [
            self.index(self._pos[s], i.column()) if s in self._pos else QModelIndex()
            for s, i in zip(sources, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def sortColumn(self) -> int:
        return self._sort_column

    # ------------------------------------------------------------ source changes

    def _data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Any = ()) -> None:
        rows = shown_positions(self._pos, top.row(), bottom.row())
        if rows:
            self.dataChanged.emit(
                self.index(min(rows), top.column()), self.index(max(rows), bottom.column()), roles
            )

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        self._rows = [r + count if r >= first else r for r in self._rows]
        self._reindex()
        # New rows show at the end, even under a filter: the user just added them.
        start = len(self._rows)
        self.beginInsertRows(_ROOT, start, start + count - 1)
        self._rows.extend(range(first, last + 1))
        self._reindex()
        self.endInsertRows()

    def _rows_about_to_be_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        # While the source rows still exist, so the view can still read them.
        self._remove_positions([self._pos[r] for r in range(first, last + 1) if r in self._pos])

    def _remove_positions(self, positions: list[int]) -> None:
        """Remove proxy rows, as contiguous ranges, last first."""
        doomed = sorted(positions, reverse=True)
        while doomed:
            high = low = doomed.pop(0)
            while doomed and doomed[0] == low - 1:
                low = doomed.pop(0)
            self.beginRemoveRows(_ROOT, low, high)
            del self._rows[low : high + 1]
            self._reindex()
            self.endRemoveRows()

    def _rows_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        self._rows = [r - count if r > last else r for r in self._rows]
        self._reindex()

    def _source_reset(self) -> None:
        self._rows = self._compute()
        self._reindex()
        self.endResetModel()
