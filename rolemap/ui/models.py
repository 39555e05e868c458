"""Table models over the document: one per view, updated row by row from the document's ops."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress, count
from operator import attrgetter
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from rolemap.core import edit as E
from rolemap.core.analysis import Analysis
from rolemap.core.analysissync import changed_entities
from rolemap.core.edit import Op
from rolemap.ui.document import Document
from rolemap.ui.i18n import QT_TR_NOOP, tr

Index = QModelIndex | QPersistentModelIndex
IdsRole = Qt.ItemDataRole.UserRole + 1  # list of ids behind a cell (functions or goals)

_NO_INDEX = QModelIndex()
# A repaint asks each visible cell for its flags: made once (or-ing two PySide enums is a
# Python call of its own, 11,000 of them in a repaint after Ctrl+A at 10,000 tasks).
READ_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDIT_FLAGS = READ_FLAGS | Qt.ItemFlag.ItemIsEditable


def begin_row_ops(model: QAbstractItemModel, ops: tuple[Op, ...], section: str) -> None:
    """Tell a flat model about the row inserts, removals and resets of ``section`` before an edit
    applies them (the matching end* calls come after it)."""
    for op in ops:
        if op.section != section:
            continue
        if op.kind == "insert":
            model.beginInsertRows(_NO_INDEX, op.first, op.first + op.count - 1)
        elif op.kind == "remove":
            model.beginRemoveRows(_NO_INDEX, op.first, op.first + op.count - 1)
        elif op.kind == "reset":
            model.beginResetModel()


MAX_ROW_RUNS = 200  # more separate runs of changed rows than this: one change of every row


def rows_changed(model: QAbstractItemModel, rows: list[int], column: int | None = None) -> None:
    """Announce a change of ``rows`` (ascending), one ``dataChanged`` per run of adjacent rows:
    a single range from the first to the last would repaint every row between them. With
    ``column``, only that column's cells changed."""
    first_column = 0 if column is None else column
    last = model.columnCount() - 1 if column is None else column
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    if len(runs) > MAX_ROW_RUNS:
        runs = [(0, model.rowCount() - 1)]
    for first, end in runs:
        model.dataChanged.emit(model.index(first, first_column), model.index(end, last))


def task_rows(items: Sequence[Any], ids: set[str]) -> list[int]:
    """The rows of ``items`` whose id is in ``ids``, ascending (looked up in C: after an edit
    the task list asks this of its 10,000 tasks)."""
    if not ids:
        return []
    return list(compress(count(), map(ids.__contains__, map(_ID, items))))


_ID = attrgetter("id")
_RANK = {"high": 0, "medium": 1, "low": 2}
_SEVERITY_AT = {rank: severity for severity, rank in _RANK.items()}


def _severity_colour(severity: str) -> QColor:
    return {"high": QColor("#d64545"), "medium": QColor("#d99a1e"), "low": QColor("#3b8ec2")}[
        severity
    ]


class SectionModel(QAbstractTableModel):
    """Base: follows the document's ops for one section of the chart."""

    section = ""
    headers: tuple[str, ...] = ()
    # Sections whose changes alter how this model displays (names shown in cells).
    depends_on: tuple[str, ...] = ()
    read_only: tuple[int, ...] = ()  # columns edited elsewhere (or not at all)

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.doc = document
        self.analysis: Analysis | None = None
        self._marks: dict[str, tuple[int, str | None]] = {}  # entity -> ``warning_mark``
        document.aboutToApply.connect(self._before)
        document.applied.connect(self._after)
        document.aboutToReset.connect(self.beginResetModel)
        document.reset.connect(self._reset)

    @property
    def items(self) -> tuple[Any, ...]:
        return tuple(getattr(self.doc.chart, self.section))

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(getattr(self.doc.chart, self.section))

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.headers[section])
        return None

    def _before(self, ops: tuple[Op, ...]) -> None:
        begin_row_ops(self, ops, self.section)

    def _after(self, ops: tuple[Op, ...]) -> None:
        last = self.columnCount() - 1
        for op in ops:
            if op.section == self.section:
                if op.kind == "insert":
                    self.endInsertRows()
                elif op.kind == "remove":
                    self.endRemoveRows()
                elif op.kind == "reset":
                    self.endResetModel()
                elif op.kind == "update" and op.rows:
                    self.dataChanged.emit(
                        self.index(min(op.rows), 0), self.index(max(op.rows), last)
                    )
            elif op.section in self.depends_on and self.rowCount():
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, last))

    def _reset(self) -> None:
        self.analysis = None
        self._marks.clear()
        self._forget()
        self.endResetModel()

    def _forget(self) -> None:
        """Drop caches that belong to the previous chart."""

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Only the rows whose warnings changed are repainted (after an edit, a few): a goal
        or a function can have thousands of warnings, and a repaint counts them again."""
        if analysis is None and self.analysis is None:
            return  # still none (the window clears the analysis right after a reset)
        changed = changed_entities(self.analysis, analysis)
        self.analysis = analysis
        # Only the Warnings column (the last) shows the analysis: announcing whole rows made
        # the side panels' headers measure every cell of every column again (they fit their
        # contents; the goals' at the first analysis after opening 10,000 tasks: 15 ms).
        warnings_column = self.columnCount() - 1
        if changed is None:
            self._marks.clear()
            if self.rowCount():
                self.dataChanged.emit(
                    self.index(0, warnings_column),
                    self.index(self.rowCount() - 1, warnings_column),
                )
            return
        marks = self._marks
        for entity in changed:
            marks.pop(entity, None)
        rows_changed(self, self.rows_of(changed), warnings_column)

    def rows_of(self, ids: set[str]) -> list[int]:
        """The rows of the items with these ids, ascending."""
        return task_rows(self.items, ids)

    def warnings_for(self, entity_id: str) -> list[Any]:
        if self.analysis is None:
            return []
        return [w for w in self.analysis.for_entity(entity_id) if w.is_open]

    def warning_mark(self, entity_id: str) -> tuple[int, str | None]:
        """(how many open warnings, the worst one's severity), kept until they change."""
        found = self._marks.get(entity_id)
        if found is None:
            open_warnings = self.warnings_for(entity_id)
            worst = min((_RANK[w.severity] for w in open_warnings), default=len(_RANK))
            found = self._marks[entity_id] = (len(open_warnings), _SEVERITY_AT.get(worst))
        return found

    def _warning_count_text(self, entity_id: str) -> str:
        n = self.warning_mark(entity_id)[0]
        return str(n) if n else ""

    def _warning_decoration(self, entity_id: str) -> QColor | None:
        severity = self.warning_mark(entity_id)[1]
        return None if severity is None else _severity_colour(severity)

    def _warning_tooltip(self, entity_id: str) -> str | None:
        open_warnings = self.warnings_for(entity_id)
        if not open_warnings:
            return None
        return "\n\n".join(f"[{w.severity}] {w.message}" for w in open_warnings)

    def function_name(self, fid: str) -> str:
        for f in self.doc.chart.functions:
            if f.id == fid:
                return f.name
        return fid

    def goal_name(self, gid: str) -> str:
        for g in self.doc.chart.goals:
            if g.id == gid:
                return g.name
        return gid

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self.column_flags(index.column())

    def column_flags(self, column: int) -> Qt.ItemFlag:
        """The flags of every cell in ``column`` (they do not depend on the row)."""
        return READ_FLAGS if column in self.read_only else EDIT_FLAGS


class TaskModel(SectionModel):
    section = "tasks"
    headers = (
        QT_TR_NOOP("Task"),
        QT_TR_NOOP("Accountable"),
        QT_TR_NOOP("Responsible"),
        QT_TR_NOOP("Consulted"),
        QT_TR_NOOP("Informed"),
        QT_TR_NOOP("Goals"),
        QT_TR_NOOP("Tags"),
        QT_TR_NOOP("Warnings"),
    )
    depends_on = ("functions", "goals")
    TITLE, ACCOUNTABLE, RESPONSIBLE, CONSULTED, INFORMED, GOALS, TAGS, WARNINGS = range(8)
    LETTERS: ClassVar[dict[int, str]] = {RESPONSIBLE: "R", CONSULTED: "C", INFORMED: "I"}
    read_only = (WARNINGS,)

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self._name_cache: tuple[Any, Any, dict[str, str], dict[str, str]] | None = None
        self._filter_cache: dict[int, tuple[Any, dict[str, str], str]] = {}
        self._sort_cache: dict[int, tuple[tuple[Any, ...], list[Any]]] = {}

    def _names(self) -> tuple[dict[str, str], dict[str, str]]:
        chart = self.doc.chart
        cache = self._name_cache
        if cache is None or cache[0] is not chart.functions or cache[1] is not chart.goals:
            fnames = {f.id: f.name for f in chart.functions}
            gnames = {g.id: g.name for g in chart.goals}
            self._name_cache = (chart.functions, chart.goals, fnames, gnames)
            return fnames, gnames
        return cache[2], cache[3]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    # what ``cell`` answers (the row proxy answers None for other roles without asking)
    cell_roles = frozenset(
        {
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.FontRole,
            IdsRole,
        }
    )

    def cell(self, row: int, col: int, role: int) -> Any:
        """``data()`` of a cell, for the proxy to call without making an index (a repaint
        asks for each visible cell's roles: half the Python calls of going through
        ``mapToSource`` and ``data``)."""
        task = self.doc.chart.tasks[row]
        fnames, gnames = self._names()
        if role == Qt.ItemDataRole.EditRole and col == self.ACCOUNTABLE:
            ids = task.accountable()
            return ids[0] if ids else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(task, col, fnames, gnames)
        if role == IdsRole:
            if col == self.ACCOUNTABLE:
                return list(task.accountable())
            if col in self.LETTERS:
                return list(task.with_letter(self.LETTERS[col]))
            if col == self.GOALS:
                return list(task.goals)
        if role == Qt.ItemDataRole.DecorationRole:
            if col == self.ACCOUNTABLE:
                ids = task.accountable()
                if ids:
                    f = self.doc.chart.function_ids().get(ids[0])
                    if f is not None and f.color:
                        return QColor(f.color)
            if col == self.WARNINGS:
                return self._warning_decoration(task.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.WARNINGS:
                return self._warning_tooltip(task.id)
            if col == self.TITLE and task.description:
                return task.description
        if (
            role == Qt.ItemDataRole.FontRole
            and col == self.ACCOUNTABLE
            and len(task.accountable()) > 1
        ):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, task: Any, col: int, fnames: dict[str, str], gnames: dict[str, str]) -> str:
        """What a cell shows (also the sort key, casefolded)."""
        if col == self.TITLE:
            return str(task.title)
        if col == self.ACCOUNTABLE:
            return ", ".join(fnames.get(f, f) for f in task.accountable())
        if col in self.LETTERS:
            return ", ".join(fnames.get(f, f) for f in task.with_letter(self.LETTERS[col]))
        if col == self.GOALS:
            return ", ".join(gnames.get(g, g) for g in task.goals)
        if col == self.TAGS:
            return ", ".join(task.tags)
        if col == self.WARNINGS:
            return self._warning_count_text(task.id)
        return ""

    def _forget(self) -> None:
        self._filter_cache.clear()
        self._name_cache = None
        self._sort_cache.clear()

    # Fast paths for the row proxy (plain Python, no QModelIndex).

    def filter_text(self, row: int) -> str:
        task = self.doc.chart.tasks[row]
        fnames, gnames = self._names()
        cached = self._filter_cache.get(id(task))
        if cached is not None and cached[0] is task and cached[1] is fnames:
            return cached[2]
        parts = [task.title, *task.tags]
        parts += [fnames.get(f, f) for f in task.raci]
        parts += [gnames.get(g, g) for g in task.goals]
        text = " ".join(parts).casefold()
        if len(self._filter_cache) > 2 * len(self.doc.chart.tasks) + 1000:
            self._filter_cache.clear()  # old versions of edited tasks
        self._filter_cache[id(task)] = (task, fnames, text)
        return text

    def warning_count(self, row: int) -> int:
        return self.warning_mark(self.doc.chart.tasks[row].id)[0]

    def sort_keys(self, column: int) -> list[Any]:
        """A key per row for sorting by ``column``: plain Python over the tasks (no index or
        data() call per row), kept while the tasks, names and analysis stay the same (a sort
        by the header sorts twice: QTableView.sortByColumn asks again after its header did)."""
        tasks = self.doc.chart.tasks
        fnames, gnames = self._names()
        state = (tasks, fnames, gnames, self.analysis)
        cached = self._sort_cache.get(column)
        if cached is not None and all(a is b for a, b in zip(cached[0], state, strict=True)):
            return cached[1]
        keys: list[Any]
        if column == self.WARNINGS:
            keys = [self.warning_mark(t.id)[0] for t in tasks]
        elif column == self.TITLE:
            keys = [t.title.casefold() for t in tasks]
        elif column == self.ACCOUNTABLE or column in self.LETTERS:
            # What _text shows, inlined: a third of the time over 10,000 tasks.
            letter = "A" if column == self.ACCOUNTABLE else self.LETTERS[column]
            get = fnames.get
            keys = [
                (
                    ", ".join([get(f, f) for f, x in t.raci.items() if letter in x]) or "\uffff"
                ).casefold()
                for t in tasks
            ]
        else:
            # Empty cells last: "\uffff" sorts after any name.
            keys = [(self._text(t, column, fnames, gnames) or "\uffff").casefold() for t in tasks]
        self._sort_cache[column] = (state, keys)
        return keys

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, col = index.row(), index.column()
        chart = self.doc.chart
        task = chart.tasks[row]
        name = _short(task.title)
        if col == self.TITLE:
            title = str(value).strip()
            if not title or title == task.title:
                return False
            new, text = task.model_copy(update={"title": title}), tr("Rename task '%s'") % name
        elif col == self.ACCOUNTABLE and isinstance(value, list):
            new = E.with_letter(task, "A", value)
            text = tr("Set accountable of '%s'") % name
        elif col == self.ACCOUNTABLE:
            new = E.with_accountable(task, value or None)
            text = tr("Set accountable of '%s'") % name
        elif col in self.LETTERS:
            letter = self.LETTERS[col]
            new = E.with_letter(task, letter, list(value))
            text = {
                "R": tr("Set responsible of '%s'"),
                "C": tr("Set consulted of '%s'"),
                "I": tr("Set informed of '%s'"),
            }[letter] % name
        elif col == self.GOALS:
            return self.doc.push(E.set_goals(chart, row, list(value)))
        elif col == self.TAGS:
            return self.doc.push(E.set_tags(chart, row, str(value)))
        else:
            return False
        if new == task:
            return False
        self.doc.push(E.set_task(chart, row, new, text))
        return True


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
