"""Small dialogs: the KPI list editor, deleting a referenced function, the load-error report."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rolemap.core.model import Chart
from rolemap.ui.i18n import tr


class KpiDialog(QDialog):
    """Edit a goal's KPIs as a list: one KPI a row, commas and all."""

    def __init__(self, goal_name: str, kpis: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("KPIs of '%s'") % goal_name)
        self.model = QStringListModel(kpis, self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(
            QListView.EditTrigger.DoubleClicked
            | QListView.EditTrigger.EditKeyPressed
            | QListView.EditTrigger.AnyKeyPressed
        )
        add = QPushButton(tr("&Add"))
        remove = QPushButton(tr("&Remove"))
        up = QPushButton(tr("Move &up"))
        down = QPushButton(tr("Move &down"))
        add.clicked.connect(self.add)
        remove.clicked.connect(self.remove)
        up.clicked.connect(lambda: self.move_current(-1))
        down.clicked.connect(lambda: self.move_current(1))
        side = QVBoxLayout()
        for b in (add, remove, up, down):
            side.addWidget(b)
        side.addStretch()
        row = QHBoxLayout()
        row.addWidget(self.view)
        row.addLayout(side)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(tr("How is this goal measured? One KPI per row, e.g. '30-day repurchase rate'."))
        )
        layout.addLayout(row)
        layout.addWidget(box)

    def add(self) -> None:
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        index = self.model.index(row)
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def remove(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.removeRows(index.row(), 1)

    def move_current(self, delta: int) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        items = self.model.stringList()
        row, to = index.row(), index.row() + delta
        if 0 <= to < len(items):
            items[row], items[to] = items[to], items[row]
            self.model.setStringList(items)
            self.view.setCurrentIndex(self.model.index(to))

    def kpis(self) -> list[str]:
        return [k.strip() for k in self.model.stringList() if k.strip()]


class DeleteFunctionDialog(QDialog):
    """Deleting a referenced function: reassign its goals and RACI letters, or unassign them."""

    def __init__(
        self, chart: Chart, row: int, goals: int, tasks: int, parent: QWidget | None = None
    ):
        super().__init__(parent)
        f = chart.functions[row]
        self.setWindowTitle(tr("Delete function"))
        text = tr(
            "'%s' owns %d goals and appears in the RACI of %d tasks. What should happen to them?"
        ) % (
            f.name,
            goals,
            tasks,
        )
        label = QLabel(text)
        label.setWordWrap(True)
        self.unassign = QRadioButton(tr("&Leave them without this function (goals become unowned)"))
        self.reassign = QRadioButton(tr("&Give them to:"))
        self.target = QComboBox()
        for other in chart.functions:
            if other.id != f.id:
                self.target.addItem(other.name, other.id)
        self.unassign.setChecked(True)
        self.reassign.setEnabled(self.target.count() > 0)
        self.target.setEnabled(False)
        self.reassign.toggled.connect(self.target.setEnabled)
        row_layout = QHBoxLayout()
        row_layout.addWidget(self.reassign)
        row_layout.addWidget(self.target, 1)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.unassign)
        layout.addLayout(row_layout)
        layout.addWidget(box)

    def reassign_to(self) -> str | None:
        return self.target.currentData() if self.reassign.isChecked() else None


def show_load_error(parent: QWidget | None, path: str, message: str) -> None:
    """The same text as `rolemap check`, in a dialog the user can copy from."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Cannot open file"))
    box.setText(tr("%s could not be opened. Nothing was changed.") % path)
    lines = message.splitlines()
    shown = "\n".join(lines[:12]) + (
        tr("\n… and %d more") % (len(lines) - 12) if len(lines) > 12 else ""
    )
    box.setInformativeText(
        shown + "\n\n" + tr("Fix these in a text editor, then open the file again.")
    )
    box.setDetailedText(message)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
