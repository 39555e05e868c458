"""The Changes panel: the open chart compared with its saved file or with git HEAD.

It shows the same rows as ``rolemap diff`` (rolemap.core.diff_report.diff_rows), marked added,
removed or changed, and colours the titles of added and changed tasks in the matrix. It
refreshes itself after edits while it is shown, for charts small enough to analyse twice
without a noticeable pause; larger ones refresh on Compare.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rolemap.core.model import Chart
from rolemap.ui.document import Document
from rolemap.ui.i18n import language, tr

if TYPE_CHECKING:
    from rolemap.core.diff_report import DiffRow
    from rolemap.ui.mainwindow import MainWindow

Index = QModelIndex | QPersistentModelIndex
SAVED, HEAD = "saved", "head"
AUTO_REFRESH_MAX_TASKS = 3000  # two analyses of this many tasks take well under a second
MARK_SYMBOL = {
    "added": "+",
    "removed": "\u2212",
    "changed": "~",
    "opened": "!",
    "closed": "\u2713",
    "reviewed": "\u270e",
}
MARK_TINT = {
    "added": QColor(46, 160, 67, 60),
    "removed": QColor(214, 69, 69, 60),
    "changed": QColor(217, 154, 30, 60),
    "opened": QColor(214, 69, 69, 35),
    "closed": QColor(46, 160, 67, 35),
}
TITLE_COLOUR = {"added": QColor("#1f7a33"), "changed": QColor("#9a6700")}


class CompareError(Exception):
    """Nothing to compare with (never saved, not in git, ...); the message is for the user."""


def baseline(path: str | None, source: str) -> Chart:
    """The chart to compare with: the file on disk (``saved``) or its git HEAD version."""
    # Imported here: the panel is hidden until asked for, and start-up should not pay for it.
    from rolemap.core.errors import ChartLoadError
    from rolemap.core.fileformat import loads
    from rolemap.core.gitrev import GitError, show_at
    from rolemap.core.localise import localise
    from rolemap.core.safeio import read_bounded

    if not path:
        raise CompareError(tr("The chart has not been saved yet: there is nothing to compare."))
    try:
        if source == HEAD:
            return loads(show_at(path, "HEAD"), file=f"HEAD:{path}")
        return loads(read_bounded(path), file=path)
    except GitError as exc:
        raise CompareError(localise(str(exc), language())) from None
    except ChartLoadError as exc:
        raise CompareError(exc.format(lang=language())) from None


class DiffModel(QAbstractTableModel):
    MARK, SECTION, TEXT = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DiffRow] = []

    def set_rows(self, rows: list[DiffRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("", tr("What"), tr("Change"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.MARK:
                return MARK_SYMBOL.get(row.mark, "")
            if col == self.SECTION:
                return tr(row.section)
            return row.text
        if role == Qt.ItemDataRole.BackgroundRole:
            return MARK_TINT.get(row.mark)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("%s: %s") % (tr(row.mark), row.text) if row.mark else row.text
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.MARK:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.UserRole:
            return row.entity
        return None


class DiffPanel(QWidget):
    entitiesSelected = Signal(list)  # ids of the function, goal or task double-clicked
    marksChanged = Signal(dict)  # task id -> 'added' | 'changed'

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.doc = document
        self.source = QComboBox()
        self.source.setObjectName("diffSource")
        self.source.addItem(tr("Saved file"), SAVED)
        self.source.addItem(tr("Git HEAD"), HEAD)
        self.compare_button = QPushButton(tr("&Compare"))
        self.compare_button.setObjectName("diffCompare")
        self.summary = QLabel()
        self.summary.setObjectName("diffSummary")
        self.summary.setWordWrap(True)
        self.model = DiffModel(self)
        self.view = QTableView()
        self.view.setObjectName("diffView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(DiffModel.MARK, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DiffModel.SECTION, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Compare with:")))
        top.addWidget(self.source)
        top.addWidget(self.compare_button)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.refresh)
        self.compare_button.clicked.connect(self.refresh)
        self.source.currentIndexChanged.connect(lambda _i: self.refresh())
        self.view.doubleClicked.connect(self._activated)
        document.applied.connect(self._changed)
        document.reset.connect(self._changed)
        document.pathChanged.connect(self._changed)

    def compare_with(self, source: str) -> None:
        blocker = self.source.blockSignals(True)
        self.source.setCurrentIndex(self.source.findData(source))
        self.source.blockSignals(blocker)
        self.refresh()

    def _changed(self, *_args: object) -> None:
        if not self.isVisible():
            return
        if len(self.doc.chart.tasks) <= AUTO_REFRESH_MAX_TASKS:
            self._timer.start()
        else:
            self.summary.setText(tr("The chart changed: press Compare to update."))

    def refresh(self) -> None:
        self._timer.stop()
        source = str(self.source.currentData())
        try:
            old = baseline(self.doc.path, source)
        except CompareError as exc:
            self.model.set_rows([])
            self.summary.setText(str(exc))
            self.marksChanged.emit({})
            return
        from rolemap.core.diff import diff_charts
        from rolemap.core.diff_report import diff_rows

        d = diff_charts(old, self.doc.chart)
        rows = diff_rows(d, language())
        self.model.set_rows(rows)
        what = tr("the saved file") if source == SAVED else tr("git HEAD")
        if d.empty:
            self.summary.setText(tr("No changes since %s.") % what)
        else:
            counts = {
                m: sum(1 for r in rows if r.mark == m) for m in ("added", "removed", "changed")
            }
            self.summary.setText(
                tr("Since %s: %d added, %d removed, %d changed; %d warnings opened, %d closed.")
                % (
                    what,
                    counts["added"],
                    counts["removed"],
                    counts["changed"],
                    len(d.opened),
                    len(d.closed),
                )
            )
        task_ids = {t.id for t in self.doc.chart.tasks}
        marks = {k: v for k, v in d.changed_ids().items() if k in task_ids and v != "removed"}
        self.marksChanged.emit(marks)

    def clear_marks(self) -> None:
        self.marksChanged.emit({})

    def _activated(self, index: QModelIndex) -> None:
        entity = self.model.data(index, Qt.ItemDataRole.UserRole)
        if entity:
            self.entitiesSelected.emit([entity])


def install(window: MainWindow) -> DiffPanel:
    """The hook: a Changes dock (hidden until asked for), View menu items, matrix marks."""
    from rolemap.ui.actions import make_action

    panel = DiffPanel(window.doc)
    dock = window.add_panel(
        panel, tr("Changes"), "changesDock", Qt.DockWidgetArea.BottomDockWidgetArea
    )
    dock.hide()

    def show(source: str) -> None:
        dock.show()
        dock.raise_()
        panel.compare_with(source)

    def marks(found: dict[str, str]) -> None:
        window.matrix.model.set_title_marks({k: TITLE_COLOUR[v] for k, v in found.items()})

    def visibility(visible: bool) -> None:
        if not visible:
            panel.clear_marks()

    panel.marksChanged.connect(marks)
    dock.visibilityChanged.connect(visibility)
    panel.entitiesSelected.connect(window.selection.reveal_entities)
    window.menus.add(
        "view",
        "panels",
        make_action(window, "compareSaved", tr("Compare with &saved file"), lambda: show(SAVED)),
    )
    window.menus.add(
        "view",
        "panels",
        make_action(window, "compareHead", tr("Compare with git &HEAD"), lambda: show(HEAD)),
    )
    return panel
