"""The panels around the task table: functions and goals, each a view with its buttons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rolemap.core.catalogue import ARCHETYPES, KINDS, SIDE_LABELS, Archetype, GoalKind
from rolemap.ui.delegates import CheckListDelegate
from rolemap.ui.document import Document
from rolemap.ui.frozen import FrozenTableView
from rolemap.ui.hintrow import HintRow
from rolemap.ui.i18n import pick, tr
from rolemap.ui.models import TaskModel
from rolemap.ui.rowproxy import RowProxy
from rolemap.ui.side_models import FunctionModel, GoalModel, kind_display


def _table(name: str, kind: type[QTableView] = QTableView) -> QTableView:
    view = kind()
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setHighlightSections(False)
    view.setAlternatingRowColors(True)
    return view


class Choices:
    """Choice lists for the delegates, read from the live document."""

    def __init__(self, document: Document) -> None:
        self.doc = document

    def functions(self) -> list[tuple[str, str, str]]:
        return [(f.id, f.name, f.description or "") for f in self.doc.chart.functions]

    def functions_or_none(self) -> list[tuple[str, str, str]]:
        return [("", tr("(none)"), ""), *self.functions()]

    def goals(self) -> list[tuple[str, str, str]]:
        names = {f.id: f.name for f in self.doc.chart.functions}
        return [
            (g.id, f"{g.name}  ·  {names.get(g.owner or '', tr('no owner'))}", kind_display(g.kind))
            for g in self.doc.chart.goals
        ]

    @staticmethod
    def archetypes() -> list[tuple[str, str, str]]:
        return [(a.value, pick(*ARCHETYPES[a]), "") for a in Archetype]

    @staticmethod
    def kinds() -> list[tuple[str, str, str]]:
        return [
            (k.value, kind_display(k), pick(KINDS[k].hint_en, KINDS[k].hint_zh)) for k in GoalKind
        ]


class TasksPanel(QWidget):
    """Quick-add above a filterable, sortable task table."""

    def __init__(self, document: Document, choices: Choices) -> None:
        super().__init__()
        self.model = TaskModel(document)
        self.proxy = RowProxy(self)
        self.proxy.setSourceModel(self.model)
        self.quick_add = QLineEdit()
        self.quick_add.setObjectName("quickAdd")
        self.quick_add.setPlaceholderText(tr("Type a task and press Enter (Ctrl+L)"))
        self.quick_add.setClearButtonEnabled(True)
        self.filter = QLineEdit()
        self.filter.setObjectName("filter")
        self.filter.setPlaceholderText(tr("Filter: title, function, goal, tag (Ctrl+F)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.only_warnings = QCheckBox(tr("Has &warnings"))
        self.only_warnings.toggled.connect(self.proxy.set_only_warnings)
        self.count = QLabel()
        self.toolbar = HintRow((self.quick_add, self.filter), (self.only_warnings, self.count))

        self.view = _table("tasks", FrozenTableView)  # the title stays while scrolling right
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        # Accountable is a check list too: a task with two A's keeps both when edited.
        for col in (
            TaskModel.ACCOUNTABLE,
            TaskModel.RESPONSIBLE,
            TaskModel.CONSULTED,
            TaskModel.INFORMED,
        ):
            self.view.setItemDelegateForColumn(col, CheckListDelegate(choices.functions, self))
        self.view.setItemDelegateForColumn(TaskModel.GOALS, CheckListDelegate(choices.goals, self))
        header = self.view.horizontalHeader()
        self.apply_widths()
        header.setSectionResizeMode(TaskModel.GOALS, QHeaderView.ResizeMode.Stretch)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.view)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.model.rowsRemoved,  # the proxy drops rows before the source does
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)
        self._update_count()

    def apply_widths(self) -> None:
        """Column widths in units of the font's size, so that they follow the zoom."""
        em = self.view.fontMetrics().horizontalAdvance("M")
        for col, width in enumerate((26, 11, 11, 9, 9, 20, 9, 7)):
            self.view.setColumnWidth(col, width * em)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.toolbar.fit(self.width())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.toolbar.fit(self.width())

    def _update_count(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            tr("%d tasks") % total if shown == total else tr("%d of %d tasks") % (shown, total)
        )

    def selected_rows(self) -> list[int]:
        return self.proxy.selected_source_rows(self.view.selectionModel())


class SidePanel(QWidget):
    """A titled table with add/remove buttons, for functions or goals."""

    def __init__(self, title: str, model: FunctionModel | GoalModel, name: str) -> None:
        super().__init__()
        self.model = model
        self.view = _table(name)
        self.view.setModel(model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if isinstance(model, GoalModel):
            # Long kind labels elide instead of squeezing the goal names away.
            for col, width in ((GoalModel.KIND, 120), (GoalModel.KPIS, 140)):
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                self.view.setColumnWidth(col, width)
            header.setMinimumSectionSize(40)
        self.add_button = QPushButton("+")
        self.add_button.setToolTip(tr("Add"))
        self.remove_button = QPushButton("−")
        self.remove_button.setToolTip(tr("Delete the selected rows"))
        self.buttons = QHBoxLayout()
        label = QLabel(f"<b>{title}</b>")
        self.buttons.addWidget(label)
        self.buttons.addStretch()
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.buttons)
        layout.addWidget(self.view)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})


def side_label(kind: GoalKind) -> str:
    return pick(*SIDE_LABELS[KINDS[kind].side])
