"""The RACI matrix as a table model: a row per task, a column per function, letters in cells.

Columns: the task title, one per function (in chart order), the goals, the open warnings.
Rows follow the document's ops one by one; only adding or removing a function resets the model.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap, QPolygonF

from rolemap.core import edit as E
from rolemap.core.analysis import Analysis, OverlapWarning, chart_language
from rolemap.core.analysissync import changed_entities
from rolemap.core.edit import Op
from rolemap.core.roles import LETTER_LABELS, parse_cell
from rolemap.core.triage import held_back
from rolemap.ui.document import Document
from rolemap.ui.i18n import language, letter_legend, tr
from rolemap.ui.models import (
    EDIT_FLAGS,
    READ_FLAGS,
    IdsRole,
    _severity_colour,
    begin_row_ops,
    rows_changed,
    task_rows,
)

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
FunctionRole = Qt.ItemDataRole.UserRole + 20  # the function id of a column
ConflictRole = Qt.ItemDataRole.UserRole + 21  # worst open severity of the row's task, or None

_ROW_TINT = {"high": QColor(214, 69, 69, 46), "medium": QColor(217, 154, 30, 40)}
_icons: dict[str, QIcon] = {}


def warning_icon(severity: str) -> QIcon:
    """A filled triangle with '!', in the severity's colour (drawn once)."""
    icon = _icons.get(severity)
    if icon is None:
        pixmap = QPixmap(32, 32)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_severity_colour(severity))
        p.drawPolygon(QPolygonF([QPointF(16, 2), QPointF(31, 29), QPointF(1, 29)]))
        p.setPen(QColor("white"))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(20)
        p.setFont(font)
        p.drawText(pixmap.rect().adjusted(0, 6, 0, 0), Qt.AlignmentFlag.AlignCenter, "!")
        p.end()
        icon = _icons[severity] = QIcon(pixmap)
    return icon


class MatrixModel(QAbstractTableModel):
    TITLE = 0

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.doc = document
        self.analysis: Analysis | None = None
        self.capture = False  # hold back "not assigned yet" warnings
        self._fids: list[str] = [f.id for f in document.chart.functions]
        self._warn_cache: dict[str, list[OverlapWarning]] = {}
        self._gnames: tuple[Any, dict[str, str]] | None = None
        # Filter text per task object: a chart snapshot's tasks are immutable.
        self._filter_cache: dict[int, tuple[Any, dict[str, str], str]] = {}
        self._texts: tuple[Any, dict[str, str], list[str]] | None = None
        self._resetting = False
        self.title_marks: dict[str, QColor] = {}  # task id -> title colour (the Changes panel)
        document.aboutToApply.connect(self._before)
        document.applied.connect(self._after)
        document.aboutToReset.connect(self.beginResetModel)
        document.reset.connect(self._reset)

    # ------------------------------------------------------------ columns

    @property
    def goals_column(self) -> int:
        return 1 + len(self._fids)

    @property
    def warnings_column(self) -> int:
        return 2 + len(self._fids)

    def function_at(self, column: int) -> str | None:
        return self._fids[column - 1] if 1 <= column <= len(self._fids) else None

    def column_of(self, fid: str) -> int:
        return self._fids.index(fid) + 1

    def is_function_column(self, column: int) -> bool:
        return 1 <= column <= len(self._fids)

    # ------------------------------------------------------------ shape

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.doc.chart.tasks)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 3 + len(self._fids)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        fid = self.function_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if fid is not None:
                f = self.doc.chart.function_ids().get(fid)
                return f.name if f else fid
            if section == self.TITLE:
                return tr("Task")
            if section == self.goals_column:
                return tr("Goals")
            if section == self.warnings_column:
                return tr("Warnings")
        if role == Qt.ItemDataRole.ToolTipRole and fid is not None:
            f = self.doc.chart.function_ids().get(fid)
            if f is not None:
                letters = letter_legend(self.doc.chart.notation, E.letters_for(self.doc.chart))
                return (
                    f"{f.name}: {f.description or ''}\n"
                    + tr("Type %s in a cell; Delete clears it.") % letters
                )
        if role == FunctionRole:
            return fid
        if role == Qt.ItemDataRole.DecorationRole and fid is not None:
            f = self.doc.chart.function_ids().get(fid)
            if f is not None and f.color:
                return QColor(f.color)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self.column_flags(index.column())

    def column_flags(self, col: int) -> Qt.ItemFlag:
        """The flags of every cell in column ``col`` (they do not depend on the row)."""
        if col == self.TITLE or col == self.goals_column or self.is_function_column(col):
            return EDIT_FLAGS
        return READ_FLAGS

    # ------------------------------------------------------------ warnings

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Only the rows of tasks whose warnings changed are repainted (after an edit, a few)."""
        if analysis is None and self.analysis is None:
            return  # still none (the window clears the analysis right after a reset)
        changed = changed_entities(self.analysis, analysis)
        self.analysis = analysis
        if changed is None:
            self._warn_cache.clear()
            self._all_changed()
            return
        for task_id in changed:
            self._warn_cache.pop(task_id, None)
        rows_changed(self, task_rows(self.doc.chart.tasks, changed))

    def set_capture(self, capture: bool) -> None:
        self.capture = capture
        self._warn_cache.clear()
        self._all_changed()

    def set_title_marks(self, marks: dict[str, QColor]) -> None:
        """Colour these tasks' titles (added or changed since the version compared with)."""
        self.title_marks = marks
        self._all_changed()

    def _all_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def warnings_of(self, task_id: str) -> list[OverlapWarning]:
        """Open warnings about a task, worst first, without those capture mode holds back."""
        cached = self._warn_cache.get(task_id)
        if cached is None:
            found = self.analysis.for_entity(task_id) if self.analysis else []
            cached = sorted(
                (w for w in found if w.is_open and not held_back(w, self.capture)),
                key=lambda w: "hml".index(w.severity[0]),
            )
            self._warn_cache[task_id] = cached
        return cached

    def conflict(self, row: int) -> str | None:
        """'high' or 'medium' when the task's row is in conflict, else None."""
        warnings = self.warnings_of(self.doc.chart.tasks[row].id)
        if warnings and warnings[0].severity in ("high", "medium"):
            return warnings[0].severity
        return None

    # ------------------------------------------------------------ cells

    def _goal_names(self) -> dict[str, str]:
        goals = self.doc.chart.goals
        if self._gnames is None or self._gnames[0] is not goals:
            self._gnames = (goals, {g.id: g.name for g in goals})
        return self._gnames[1]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    # what ``cell`` answers (the group proxy answers None for other roles without asking: a
    # repaint asks each visible cell for seven roles, two of them never answered)
    cell_roles = frozenset(
        {
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.TextAlignmentRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.ToolTipRole,
            FunctionRole,
            ConflictRole,
            IdsRole,
        }
    )

    def cell(self, row: int, col: int, role: int) -> Any:
        """``data()`` of a cell, for the proxy to call without making an index (see
        TaskModel.cell)."""
        task = self.doc.chart.tasks[row]
        display = role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole)
        if 1 <= col <= len(self._fids):
            if display:
                return task.raci.get(self._fids[col - 1], "")
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
            if role == Qt.ItemDataRole.BackgroundRole:
                severity = self.conflict(row)
                return _ROW_TINT[severity] if severity else None
            if role == Qt.ItemDataRole.ToolTipRole:
                letters = task.raci.get(self._fids[col - 1], "")
                if not letters:
                    return None
                chart = self.doc.chart
                f = chart.function_ids().get(self._fids[col - 1])
                name = f.name if f else self._fids[col - 1]
                labels = LETTER_LABELS.get(chart.notation, LETTER_LABELS["raci"])
                zh = 1 if language() == "zh" or chart_language(chart) == "zh" else 0
                return "\n".join(
                    f"{name}: {x}{'?' if cond else ''} "
                    f"{labels[x][zh] if x in labels else x}"
                    + (tr(" (only sometimes)") if cond else "")
                    for x, cond in parse_cell(letters)
                )
            if role == FunctionRole:
                return self._fids[col - 1]
            return None
        if col == self.TITLE:
            if display:
                return task.title
            if role == Qt.ItemDataRole.DecorationRole:
                severity = self.conflict(row)
                return warning_icon(severity) if severity else None
            if role == Qt.ItemDataRole.BackgroundRole:
                severity = self.conflict(row)
                return _ROW_TINT[severity] if severity else None
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._warnings_tooltip(task.id) or task.description
            if role == ConflictRole:
                return self.conflict(row)
            if role == Qt.ItemDataRole.ForegroundRole:
                return self.title_marks.get(task.id)
            return None
        if col == self.goals_column:
            if display:
                names = self._goal_names()
                return ", ".join(names.get(g, g) for g in task.goals)
            if role == IdsRole:
                return list(task.goals)
            return None
        if col == self.warnings_column:
            warnings = self.warnings_of(task.id)
            if role == Qt.ItemDataRole.DisplayRole:
                return str(len(warnings)) if warnings else ""
            if role == Qt.ItemDataRole.DecorationRole and warnings:
                return warning_icon(warnings[0].severity)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._warnings_tooltip(task.id)
        return None

    def _warnings_tooltip(self, task_id: str) -> str | None:
        warnings = self.warnings_of(task_id)
        if not warnings:
            return None
        # Rich text, so that Qt wraps long messages instead of one screen-wide line.
        lines = [
            f"<b style='color:{_severity_colour(w.severity).name()}'>{tr(w.severity)}</b> "
            f"{html.escape(w.message)}"
            for w in warnings[:5]
        ]
        if len(warnings) > 5:
            lines.append(tr("…and %d more") % (len(warnings) - 5))
        lines.append("<i>" + tr("Click the Warnings cell to review.") + "</i>")
        return "".join(f"<p>{line}</p>" for line in lines)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, col = index.row(), index.column()
        chart = self.doc.chart
        edit: E.Edit | None = None
        if col == self.TITLE:
            title = str(value).strip()
            task = chart.tasks[row]
            if title and title != task.title:
                edit = E.set_task(
                    chart,
                    row,
                    task.model_copy(update={"title": title}),
                    tr("Rename task '%s'") % task.title,
                )
        elif self.is_function_column(col):
            edit = E.set_cell(chart, row, self._fids[col - 1], str(value or ""))
        elif col == self.goals_column:
            edit = E.set_goals(chart, row, list(value or []))
        return self.doc.push(edit)

    # ------------------------------------------------------------ following the document

    def _structural(self, ops: tuple[Op, ...]) -> bool:
        return any(op.section == "functions" and op.kind != "update" for op in ops)

    def _before(self, ops: tuple[Op, ...]) -> None:
        if self._structural(ops):
            self._resetting = True
            self.beginResetModel()
            return
        begin_row_ops(self, ops, "tasks")

    def _after(self, ops: tuple[Op, ...]) -> None:
        if self._resetting:
            self._resetting = False
            self._fids = [f.id for f in self.doc.chart.functions]
            self._warn_cache.clear()
            self.endResetModel()
            return
        last = self.columnCount() - 1
        for op in ops:
            if op.section == "tasks":
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
            elif op.section == "functions":  # renamed or recoloured
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 1, len(self._fids))
            elif op.section == "goals" and self.rowCount():
                col = self.goals_column
                self.dataChanged.emit(self.index(0, col), self.index(self.rowCount() - 1, col))

    def _reset(self) -> None:
        self.analysis = None
        self._fids = [f.id for f in self.doc.chart.functions]
        self._warn_cache.clear()
        self._gnames = None
        self._filter_cache.clear()
        self._texts = None
        self.endResetModel()

    # ------------------------------------------------------------ for the group proxy

    def filter_text(self, row: int) -> str:
        task = self.doc.chart.tasks[row]
        names = self._goal_names()
        cached = self._filter_cache.get(id(task))
        if cached is not None and cached[0] is task and cached[1] is names:
            return cached[2]
        text = " ".join([task.title, *task.tags, *(names.get(g, g) for g in task.goals)])
        if len(self._filter_cache) > 2 * len(self.doc.chart.tasks) + 1000:
            self._filter_cache.clear()  # old versions of edited tasks
        self._filter_cache[id(task)] = (task, names, text.casefold())
        return self._filter_cache[id(task)][2]

    def filter_texts(self) -> list[str]:
        """filter_text of every row; kept while the tasks and goal names stay the same."""
        tasks, names = self.doc.chart.tasks, self._goal_names()
        cached = self._texts
        if cached is None or cached[0] is not tasks or cached[1] is not names:
            cached = self._texts = (tasks, names, [self.filter_text(r) for r in range(len(tasks))])
        return cached[2]

    def warning_count(self, row: int) -> int:
        return len(self.warnings_of(self.doc.chart.tasks[row].id))
