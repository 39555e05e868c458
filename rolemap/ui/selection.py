"""Keeps selections in step: tasks selected in the table highlight their warnings; a warning
selected in the dock selects the tasks, goals and functions it involves."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

from PySide6.QtCore import QAbstractItemModel, QItemSelection, QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QTableView

from rolemap.ui.document import Document
from rolemap.ui.matrix_panel import MatrixPanel
from rolemap.ui.panels import SidePanel, TasksPanel
from rolemap.ui.warnings_panel import WarningsPanel

_ID = attrgetter("id")


class SelectionSync:
    def __init__(
        self,
        document: Document,
        tasks: TasksPanel,
        matrix: MatrixPanel,
        functions: SidePanel,
        goals: SidePanel,
        warnings: WarningsPanel,
    ) -> None:
        self.doc = document
        self.tasks = tasks
        self.matrix = matrix
        self.functions = functions
        self.goals = goals
        self.warnings = warnings
        tasks.view.selectionModel().selectionChanged.connect(self._task_selection_changed)
        matrix.view.selectionModel().selectionChanged.connect(self._matrix_selection_changed)
        matrix.view.warningsClicked.connect(self.show_task_warnings)
        warnings.entitiesSelected.connect(self.reveal_entities)

    def _task_selection_changed(self, *_args: object) -> None:
        self.warnings.highlight_entities(self._ids(self.tasks.selected_rows()))

    def _matrix_selection_changed(self, *_args: object) -> None:
        self.warnings.highlight_entities(self._ids(self.matrix.selected_rows()))

    def _ids(self, rows: list[int]) -> set[str]:
        """The ids of the tasks at ``rows`` (in C: after Ctrl+A, 10,000 of them)."""
        return set(map(_ID, map(self.doc.chart.tasks.__getitem__, rows)))

    def show_task_warnings(self, task_id: str) -> None:
        """The click-through from a conflict row: its worst warning, selected and explained."""
        warnings = self.matrix.model.warnings_of(task_id)
        if not warnings:
            return
        dock = self.warnings.parentWidget()
        if dock is not None:
            dock.show()
            dock.raise_()
        self.warnings._restoring = True  # keep the matrix selection as it is
        try:
            self.warnings.select_fingerprint(warnings[0].fingerprint)
        finally:
            self.warnings._restoring = False

    def reveal_entities(self, ids: list[str]) -> None:
        """Select and scroll to the tasks, goals and functions a warning involves."""
        wanted = set(ids)
        chart = self.doc.chart
        tasks = self.tasks
        _select_rows(
            tasks.view,
            tasks.model,
            [i for i, t in enumerate(chart.tasks) if t.id in wanted],
            mapper=tasks.proxy.mapFromSource,
        )
        task_rows = [i for i, t in enumerate(chart.tasks) if t.id in wanted]
        matrix = self.matrix
        _select_rows(matrix.view, matrix.model, task_rows, mapper=matrix.proxy.mapFromSource)
        _select_rows(
            self.goals.view,
            self.goals.model,
            [i for i, g in enumerate(chart.goals) if g.id in wanted],
        )
        _select_rows(
            self.functions.view,
            self.functions.model,
            [i for i, f in enumerate(chart.functions) if f.id in wanted],
        )


def _select_rows(
    view: QTableView,
    source: QAbstractItemModel,
    rows: list[int],
    mapper: Callable[[QModelIndex], QModelIndex] | None = None,
) -> None:
    """Select whole rows of ``source`` (through ``mapper`` when the view shows a proxy)."""
    selection = QItemSelection()
    columns = source.columnCount()
    first: QModelIndex | None = None
    for row in rows:
        index = source.index(row, 0)
        if mapper is not None:
            index = mapper(index)
        if not index.isValid():
            continue
        selection.select(index, index.siblingAtColumn(columns - 1))
        first = first or index
    blocker = view.selectionModel().blockSignals(True)
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.selectionModel().blockSignals(blocker)
    view.viewport().update()
    if first is not None:
        view.scrollTo(first)
