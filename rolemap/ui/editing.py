"""The Edit menu's commands: each builds a core edit and pushes it as one undo step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QApplication, QStatusBar, QWidget

from rolemap.core import edit as E
from rolemap.ui.document import Document
from rolemap.ui.i18n import tr
from rolemap.ui.matrix_panel import MatrixPanel
from rolemap.ui.panels import SidePanel, TasksPanel
from rolemap.ui.prompts import Prompts
from rolemap.ui.side_models import GoalModel


class EditCommands:
    def __init__(
        self,
        document: Document,
        tasks: TasksPanel,
        matrix: MatrixPanel,
        functions: SidePanel,
        goals: SidePanel,
        prompts: Prompts,
        status: QStatusBar,
        show_panel: Callable[[QWidget], None],
    ) -> None:
        self.doc = document
        self.tasks = tasks
        self.matrix = matrix
        self.functions = functions
        self.goals = goals
        self.prompts = prompts
        self.status = status
        self.show_panel = show_panel
        tasks.quick_add.returnPressed.connect(self.quick_add)
        functions.add_button.clicked.connect(self.add_function)
        functions.remove_button.clicked.connect(self.delete_functions)
        goals.add_button.clicked.connect(self.add_goal)
        goals.remove_button.clicked.connect(self.delete_goals)
        goals.view.doubleClicked.connect(self._goal_activated)
        goals.view.activated.connect(self._goal_activated)

    def quick_add(self) -> None:
        """Add the task typed in the task list's quick-add field, and stay there."""
        tasks = self.tasks
        if not self.doc.push(E.add_task(self.doc.chart, tasks.quick_add.text())):
            return
        tasks.quick_add.clear()
        source = tasks.model.index(len(self.doc.chart.tasks) - 1, 0)
        index = tasks.proxy.mapFromSource(source)
        if index.isValid():
            tasks.view.scrollTo(index)
            tasks.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        tasks.quick_add.setFocus()

    def selected_task_rows(self) -> list[int]:
        """Tasks selected in the view in front: the matrix or the task list."""
        if self.matrix.isVisible() or not self.tasks.isVisible():
            return self.matrix.selected_rows()
        return self.tasks.selected_rows()

    def duplicate_tasks(self) -> None:
        self.doc.push(E.duplicate_tasks(self.doc.chart, self.selected_task_rows()))

    def delete_selection(self) -> None:
        focus = QApplication.focusWidget()
        if focus is self.functions.view:
            self.delete_functions()
        elif focus is self.goals.view:
            self.delete_goals()
        elif focus is self.tasks.view:
            self.delete_tasks(self.tasks.selected_rows())
        elif focus is self.matrix.view:
            self.delete_tasks(self.matrix.selected_rows())

    def delete_tasks(self, rows: list[int]) -> None:
        if rows:
            text = (
                tr("Delete task '%s'") % self.doc.chart.tasks[rows[0]].title
                if len(rows) == 1
                else tr("Delete %d tasks") % len(rows)
            )
            self.doc.push(E.remove_rows(self.doc.chart, "tasks", rows, text))

    def delete_goals(self) -> None:
        rows = self.goals.selected_rows()
        if rows:
            text = (
                tr("Delete goal '%s'") % self.doc.chart.goals[rows[0]].name
                if len(rows) == 1
                else tr("Delete %d goals") % len(rows)
            )
            self.doc.push(E.remove_rows(self.doc.chart, "goals", rows, text))

    def delete_functions(self) -> None:
        rows = self.functions.selected_rows()
        if not rows:
            return
        row = rows[0]
        chart = self.doc.chart
        f = chart.functions[row]
        goals, tasks = E.references_to_function(chart, f.id)
        reassign: str | None = None
        if goals or tasks:
            choice = self.prompts.ask_function_references(chart, row, goals, tasks)
            if choice is False:
                return
            reassign = choice if isinstance(choice, str) else None
        self.doc.push(E.delete_function(chart, row, reassign, tr("Delete function '%s'") % f.name))

    def add_function(self) -> None:
        chart = self.doc.chart
        f = E.new_function(chart, tr("New function"))
        self.doc.push(
            E.insert_rows(chart, "functions", len(chart.functions), [f], tr("Add function"))
        )
        self._edit_new_row(self.functions, len(self.doc.chart.functions) - 1)

    def add_goal(self) -> None:
        chart = self.doc.chart
        g = E.new_goal(chart, tr("New goal"))
        self.doc.push(E.insert_rows(chart, "goals", len(chart.goals), [g], tr("Add goal")))
        self._edit_new_row(self.goals, len(self.doc.chart.goals) - 1)

    def _edit_new_row(self, panel: SidePanel, row: int) -> None:
        self.show_panel(panel.view)
        index = panel.model.index(row, 0)
        panel.view.setCurrentIndex(index)
        panel.view.edit(index)

    def _goal_activated(self, index: QModelIndex) -> None:
        if index.column() == GoalModel.KPIS:
            self.edit_kpis()

    def edit_kpis(self) -> None:
        current = self.goals.view.currentIndex()
        rows = self.goals.selected_rows() or ([current.row()] if current.isValid() else [])
        if not rows:
            return
        row = rows[0]
        before = self.doc.chart
        goal = before.goals[row]
        kpis = self.prompts.ask_kpis(goal.name, list(goal.kpis))
        if kpis is None:
            return
        if self.doc.chart is not before:  # reloaded while the dialog was open
            self.status.showMessage(tr("The chart changed meanwhile; edit the KPIs again"), 6000)
            return
        self.doc.push(E.set_kpis(self.doc.chart, row, kpis))

    def rename_chart(self) -> None:
        title = self.prompts.ask_text(tr("Rename chart"), tr("Title:"), self.doc.chart.title)
        if title and title.strip() and title.strip() != self.doc.chart.title:
            self.doc.push(E.set_title(self.doc.chart, title.strip()))
