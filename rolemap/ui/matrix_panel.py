"""The RACI matrix panel: capture a task, then type its letters, one keystroke per role.

Keys in the matrix: a role letter toggles it in the cell (several letters, several roles;
'?' after a letter makes it conditional),
Delete or Backspace clears the selected cells, arrows and Tab move, Enter goes down, F2 edits.
Clicking a row's Warnings cell shows its warnings in the Warnings panel.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rolemap.core import edit as E
from rolemap.ui.delegates import CheckListDelegate
from rolemap.ui.document import Document
from rolemap.ui.frozen import FrozenTableView
from rolemap.ui.grouping import GroupProxy
from rolemap.ui.hintrow import HintRow
from rolemap.ui.i18n import language, letter_legend, tr
from rolemap.ui.matrix_model import MatrixModel
from rolemap.ui.panels import Choices

_CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class MatrixView(FrozenTableView):
    """The matrix table: role letters typed straight into cells."""

    warningsClicked = Signal(str)  # a task id
    hint = Signal(str)

    def __init__(self, document: Document, model: MatrixModel, proxy: GroupProxy) -> None:
        super().__init__()
        self.doc = document
        self.source = model
        self.proxy = proxy
        self.setObjectName("matrix")
        self.setModel(proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.frozen.setAlternatingRowColors(True)
        self.frozen.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.frozen.viewport().installEventFilter(self)
        self._last_cell: tuple[int, str] | None = None  # where a letter was typed last
        self._last_letter = ""

    # ------------------------------------------------------------ cells under the cursor

    def _source_row(self, index: QModelIndex) -> int | None:
        src = self.proxy.mapToSource(index)
        return src.row() if src.isValid() else None

    def _function_cells(self) -> list[tuple[int, str]]:
        """The selected task × function cells (the current one when nothing is selected).

        Read from the selection's ranges: selectedIndexes() calls flags() per cell (seconds
        after Ctrl+A on a large chart)."""
        ranges = self.selectionModel().selection()
        if not ranges:
            current = self.currentIndex()
            row, fid = self._source_row(current), self.source.function_at(current.column())
            return [(row, fid)] if row is not None and fid is not None else []
        cells: set[tuple[int, str]] = set()
        for part in (ranges.at(i) for i in range(ranges.size())):
            columns = range(part.left(), part.right() + 1)
            fids = [f for f in map(self.source.function_at, columns) if f is not None]
            for row in self.proxy.source_rows(part.top(), part.bottom()) if fids else ():
                cells.update((row, fid) for fid in fids)
        return sorted(cells)

    # ------------------------------------------------------------ keys

    def event(self, event: QEvent) -> bool:
        # Delete and role letters belong to the cell, not to the window's shortcuts.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if self._handles(event):
                event.accept()
                return True
        return super().event(event)

    def _handles(self, event: QKeyEvent) -> bool:
        if self.state() == QAbstractItemView.State.EditingState:
            return False
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return False
        column = self.currentIndex().column()
        if event.key() in _CLEAR_KEYS:
            return self.source.is_function_column(column)
        if event.key() in _ENTER_KEYS:
            return True
        return self.source.is_function_column(column) and bool(event.text().strip())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._handles(event):
            super().keyPressEvent(event)
            return
        if event.key() in _ENTER_KEYS:
            up = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self._step_row(-1 if up else 1)
            return
        if event.key() in _CLEAR_KEYS:
            self.clear_cells()
            return
        current = self.currentIndex()
        letter = event.text().strip().upper()
        allowed = E.letters_for(self.doc.chart)
        row = self._source_row(current)
        fid = self.source.function_at(current.column())
        if row is not None and fid is not None and letter == "?":
            last = self._last_letter if self._last_cell == (row, fid) else None
            self.doc.push(E.toggle_conditional(self.doc.chart, row, fid, last))
        elif letter in allowed and row is not None and fid is not None:
            self.doc.push(E.toggle_letter(self.doc.chart, row, fid, letter))
            self._last_cell, self._last_letter = (row, fid), letter
        else:
            self.hint.emit(
                tr("Type %s in a cell (again to take it away; ? after a letter: only sometimes).")
                % (
                    ", ".join(allowed)
                    if language() != "zh"
                    else letter_legend(self.doc.chart.notation, allowed)
                )
            )

    def _step_row(self, delta: int) -> None:
        current = self.currentIndex()
        row = current.row() + delta
        while 0 <= row < self.proxy.rowCount() and not (
            self.proxy.flags(self.proxy.index(row, 0)) & Qt.ItemFlag.ItemIsEnabled
        ):
            row += delta
        if 0 <= row < self.proxy.rowCount():
            target = self.proxy.index(row, max(current.column(), 0))
            self.selectionModel().setCurrentIndex(
                target, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.scrollTo(target)

    def clear_cells(self) -> None:
        cells = self._function_cells()
        if not cells:
            return
        self.doc.push(E.clear_cells(self.doc.chart, cells))

    # ------------------------------------------------------------ clicks

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and index.column() == self.source.warnings_column:
            row = self._source_row(index)
            if row is not None:
                self.warningsClicked.emit(self.doc.chart.tasks[row].id)

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        # A click on the frozen titles puts the cursor in the table (it keeps the focus).
        if watched is self.frozen.viewport() and event.type() == QEvent.Type.MouseButtonPress:
            self.setFocus()
        return super().eventFilter(watched, event)


class NoFunctionsHint(QLabel):
    """Shown while the chart has no functions: the matrix has a column per function."""

    def __init__(self, document: Document) -> None:
        super().__init__(
            tr(
                "<b>This chart has no functions yet.</b> Add the teams first "
                "(Edit ▸ Add function, Ctrl+Shift+F): the matrix gets a column for each."
            )
        )
        self.setObjectName("noFunctionsHint")
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel#noFunctionsHint { background: #fff4d6; color: #4a3b00; padding: 8px;"
            " border: 1px solid #d99a1e; border-radius: 4px; }"
        )
        self.doc = document
        document.applied.connect(self._update)
        document.reset.connect(self._update)
        self._update()

    def _update(self, *_args: object) -> None:
        self.setVisible(not self.doc.chart.functions)


class MatrixPanel(QWidget):
    """Quick capture, filter and grouping above the matrix."""

    def __init__(self, document: Document, choices: Choices) -> None:
        super().__init__()
        self.doc = document
        self.model = MatrixModel(document)
        self.proxy = GroupProxy(self.model, self)
        self.view = MatrixView(document, self.model, self.proxy)
        self.goals_delegate = CheckListDelegate(choices.goals, self)
        self.quick_add = QLineEdit()
        self.quick_add.setObjectName("matrixQuickAdd")
        self.quick_add.setClearButtonEnabled(True)
        self.filter = QLineEdit()
        self.filter.setObjectName("matrixFilter")
        self.filter.setPlaceholderText(tr("Filter: title, goal, tag"))
        self.filter.setToolTip(self.filter.placeholderText())
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.group = QComboBox()
        self.group.setObjectName("matrixGroup")
        for value, label in (
            ("none", tr("No grouping")),
            ("goal", tr("Group by goal")),
            ("tag", tr("Group by tag")),
        ):
            self.group.addItem(label, value)
        self.group.currentIndexChanged.connect(self._group_changed)
        self.only_warnings = QCheckBox(tr("&Conflicts only"))
        self.only_warnings.toggled.connect(self.proxy.set_only_warnings)
        self.capture = QCheckBox(tr("Ca&pture mode"))
        self.capture.setObjectName("captureMode")
        self.capture.setToolTip(
            tr("While the room lists tasks: hold back the 'not assigned yet' warnings")
        )
        self.hint = NoFunctionsHint(document)
        self.toolbar = HintRow(
            (self.quick_add, self.filter),
            (self.group, self.only_warnings, self.capture),
            capped=(self.filter,),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.hint)
        layout.addWidget(self.view)
        self.quick_add.returnPressed.connect(self.capture_task)
        self.model.modelReset.connect(self._columns_changed)
        self.view.selectionModel().currentChanged.connect(self.update_placeholder)
        self._columns_changed()
        self.update_placeholder()

    # ------------------------------------------------------------ layout

    def _columns_changed(self) -> None:
        self.view.setItemDelegateForColumn(self.model.goals_column, self.goals_delegate)
        header = self.view.horizontalHeader()
        for col in range(self.model.columnCount()):
            mode = QHeaderView.ResizeMode.Interactive
            if col == self.model.goals_column:
                mode = QHeaderView.ResizeMode.Stretch  # the goals take the room that is left
            header.setSectionResizeMode(col, mode)
        self.apply_widths()

    def apply_widths(self) -> None:
        """Column widths follow the font (zoom, presentation mode)."""
        metrics = self.view.fontMetrics()
        em = metrics.horizontalAdvance("M")
        self.view.setColumnWidth(0, max(24 * em, 220))
        names = [
            self.model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(self.model.columnCount())
        ]
        for col in range(1, self.model.goals_column):
            name = str(names[col] or "")
            self.view.setColumnWidth(col, max(4 * em, metrics.horizontalAdvance(name) + 2 * em))
        self.view.setColumnWidth(self.model.goals_column, max(16 * em, 160))
        self.view.setColumnWidth(self.model.warnings_column, max(6 * em, 70))
        icon = QSize(int(metrics.height() * 0.9), int(metrics.height() * 0.9))
        self.view.setIconSize(icon)
        self.view.frozen.setIconSize(icon)
        self.view.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.8))
        self.view.frozen.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.8))

    def natural_width(self) -> int:
        """Width of every column at its set size, the goals column at its minimum."""
        em = self.view.fontMetrics().horizontalAdvance("M")
        fixed = sum(
            self.view.columnWidth(c)
            for c in range(self.model.columnCount())
            if c != self.model.goals_column
        )
        return fixed + 12 * em + self.view.verticalScrollBar().sizeHint().width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.toolbar.fit(self.width())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.toolbar.fit(self.width())

    def _group_changed(self) -> None:
        self.proxy.set_mode(str(self.group.currentData()))
        self.update_placeholder()

    # ------------------------------------------------------------ capture

    def current_group(self) -> str | None:
        """The goal id or tag new tasks are captured into (the group of the cursor's row)."""
        key = self.proxy.group_of(self.view.currentIndex().row())
        if key is None and self.proxy.mode != "none":
            headers = self.proxy.header_rows()
            key = self.proxy.group_of(headers[0]) if headers else None
        return key or None

    def update_placeholder(self, *_args: object) -> None:
        key = self.current_group()
        text = tr("New task: type its title, Enter, then its letters (Ctrl+L)")
        if key and self.proxy.mode == "goal":
            goal = self.doc.chart.goal_ids().get(key)
            if goal is not None:
                text = tr("New task for goal '%s' (Ctrl+L)") % goal.name
        elif key and self.proxy.mode == "tag":
            text = tr("New task tagged '%s' (Ctrl+L)") % key
        self.quick_add.setPlaceholderText(text)
        self.quick_add.setToolTip(text)  # the whole text when a narrow window cuts it off
        self.toolbar.fit(self.width())

    def capture_task(self) -> None:
        """Add the typed task to the group in focus, and put the cursor on its first role cell."""
        title = self.quick_add.text().strip()
        if not title:
            return
        key = self.current_group()
        goals = (key,) if key and self.proxy.mode == "goal" else ()
        tags = (key,) if key and self.proxy.mode == "tag" else ()
        if not self.doc.push(E.add_task(self.doc.chart, title, goals, tags)):
            return
        self.quick_add.clear()
        self.reveal_task(
            len(self.doc.chart.tasks) - 1, column=1 if self.model.goals_column > 1 else 0
        )
        self.view.setFocus()

    def reveal_task(self, row: int, column: int = 0) -> bool:
        index = self.proxy.mapFromSource(self.model.index(row, column))
        if not index.isValid():
            return False
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)
        return True

    def selected_rows(self) -> list[int]:
        return self.proxy.selected_source_rows(self.view.selectionModel())

    def focused_task(self) -> str | None:
        """The id of the task under the cursor, when the matrix has the focus."""
        src = self.proxy.mapToSource(self.view.currentIndex())
        if not src.isValid():
            return None
        return self.doc.chart.tasks[src.row()].id
