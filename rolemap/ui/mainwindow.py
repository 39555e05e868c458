"""The main window: composes the views, docks, menus and the parts that do the work.

Where to hook in:
- a central view (shown as a tab next to the tasks): ``window.add_view(widget, title, name)``
- a dock panel (listed under View): ``window.add_panel(widget, title, name, area)``
- a menu item: ``window.menus.add(menu, section, action)``; sections in ``actions.MENU_SECTIONS``
  (File: new, open, save, import, export, close; Edit: undo, tasks, chart, other; ...)
- file work: ``window.files`` (open_path, save, ask_export_path, write_export, maybe_save)
- edits: ``window.doc.push(edit)`` with an edit from ``rolemap.core.edit``
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

from rolemap import __version__
from rolemap.core.analysis import Analysis
from rolemap.ui.actions import Menus
from rolemap.ui.delegates import ComboDelegate
from rolemap.ui.diff_panel import install as install_diff_panel
from rolemap.ui.diskwatch import DiskWatcher
from rolemap.ui.document import Document
from rolemap.ui.editing import EditCommands
from rolemap.ui.editors import commit_open_editors
from rolemap.ui.filesession import FileSession, load_template
from rolemap.ui.i18n import tr
from rolemap.ui.language_menu import LanguageMenu
from rolemap.ui.mapglue import MapGlue
from rolemap.ui.matrix_panel import MatrixPanel
from rolemap.ui.menu_items import build_menus
from rolemap.ui.panels import Choices, SidePanel, TasksPanel
from rolemap.ui.presentation import Presentation
from rolemap.ui.prompts import Prompts
from rolemap.ui.recent import RecentFiles
from rolemap.ui.recovery import RecoveryManager
from rolemap.ui.restore import HasRestore, Restore
from rolemap.ui.runner import AnalysisRunner
from rolemap.ui.selection import SelectionSync
from rolemap.ui.side_models import FunctionModel, GoalModel
from rolemap.ui.spreadsheet_io import SpreadsheetIO
from rolemap.ui.status import StatusCounts
from rolemap.ui.warnings_panel import WarningsPanel
from rolemap.ui.workerclient import WorkerClient
from rolemap.ui.zoom import Zoom


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: QSettings | None = None,
        recovery_dir: Path | None = None,
        worker: WorkerClient | None = None,
    ) -> None:
        """``worker``: the worker process's client when it was started before the window."""
        super().__init__()
        self.settings = settings or QSettings()
        self.setObjectName("rolemapMainWindow")
        self.doc = Document(load_template("marketing-vs-operations", "en"))
        self.doc.setParent(self)
        self.runner = AnalysisRunner(self.doc, worker)
        if worker is not None:
            worker.setParent(self.runner)
        self.recovery = RecoveryManager(self.doc, recovery_dir)
        self.recovery.before_autosave = lambda: commit_open_editors(self)
        self.recovery.worker_for = self.runner.worker_for
        if self.recovery.disabled_reason is not None:
            off = QLabel(tr("Autosave off"))
            off.setObjectName("autosaveOff")
            off.setToolTip(
                tr("Autosave and crash recovery are off: the data folder cannot be used (%s)")
                % self.recovery.disabled_reason
            )
            self.statusBar().addPermanentWidget(off)
        self.recovery.failed.connect(
            lambda error: self.statusBar().showMessage(tr("Autosave failed: %s") % error, 8000)
        )
        self.prompts = Prompts(self)
        self.recent = RecentFiles(self.settings, self, lambda p: self.files.open_recent(p))
        self.files = FileSession(
            self, self.doc, self.recovery, self.runner, self.prompts, self.recent
        )
        self.disk = DiskWatcher(self.doc, self.files)
        self.restore = Restore(self.files)
        self.last_analysis_seconds = 0.0

        # Views
        choices = Choices(self.doc)
        self.views = QTabWidget()
        self.views.setObjectName("views")
        self.views.setTabBarAutoHide(True)
        self.views.setDocumentMode(True)
        self.setCentralWidget(self.views)
        self.matrix = MatrixPanel(self.doc, choices)
        self.add_view(self.matrix, tr("&Matrix"), "matrixView")
        self.tasks = TasksPanel(self.doc, choices)
        self.add_view(self.tasks, tr("Task &list"), "tasksView")
        self.functions = SidePanel(tr("Functions"), FunctionModel(self.doc), "functions")
        self.functions.view.setItemDelegateForColumn(
            FunctionModel.ARCHETYPE, ComboDelegate(choices.archetypes, self)
        )
        self.goals = SidePanel(tr("Goals"), GoalModel(self.doc), "goals")
        self.goals.view.setItemDelegateForColumn(
            GoalModel.OWNER, ComboDelegate(choices.functions_or_none, self)
        )
        self.goals.view.setItemDelegateForColumn(GoalModel.KIND, ComboDelegate(choices.kinds, self))
        self.warnings = WarningsPanel(self.doc)

        # Parts
        self.status = StatusCounts(self.statusBar())
        self.zoomer = Zoom(self, self.settings)
        for view in (self.tasks.view, self.functions.view, self.goals.view):
            self.zoomer.add_view(view)
        self.zoomer.on_change(self.matrix.apply_widths)
        self.zoomer.on_change(self.tasks.apply_widths)
        self.presentation = Presentation(self, self.zoomer)
        self.presentation.fits = lambda: self.matrix.natural_width() <= self.screen_width()
        self.editing = EditCommands(
            self.doc,
            self.tasks,
            self.matrix,
            self.functions,
            self.goals,
            self.prompts,
            self.statusBar(),
            self.show_panel,
        )
        self.selection = SelectionSync(
            self.doc, self.tasks, self.matrix, self.functions, self.goals, self.warnings
        )
        self.warnings.task_in_focus = self._task_in_focus
        self.matrix.view.selectionModel().currentChanged.connect(
            lambda *_a: self.warnings.show_task(self.matrix.focused_task())
        )
        self.matrix.capture.toggled.connect(self.set_capture)
        self.matrix.view.hint.connect(lambda text: self.statusBar().showMessage(text, 5000))

        # Menus and docks
        self.menus = Menus(self.menuBar(), self)
        self.actions_by_id = self.menus.actions
        build_menus(self)
        self.spreadsheets = SpreadsheetIO(self, self.doc, self.files, self.runner, self.prompts)
        self.spreadsheets.install(self.menus)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.functions)
        side.addWidget(self.goals)
        side.setStretchFactor(1, 2)
        self.side_dock = self.add_panel(
            side, tr("Functions && goals"), "sideDock", Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.warnings_dock = self.add_panel(
            self.warnings, tr("Warnings"), "warningsDock", Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.changes = install_diff_panel(self)
        self.map = MapGlue(self)
        self.language = LanguageMenu(self)

        self.runner.finished.connect(self._analysis_ready)
        self.doc.undo_stack.cleanChanged.connect(self._update_title)
        self.doc.pathChanged.connect(self._update_title)
        self.doc.applied.connect(self._update_title)
        self.doc.reset.connect(self._document_reset)

        self.resize(1400, 860)
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("windowState")
        if not (isinstance(state, QByteArray) and self.restoreState(state)):
            self.resizeDocks(
                [self.side_dock, self.warnings_dock], [300, 380], Qt.Orientation.Horizontal
            )
        self._update_title()
        self.matrix.view.setFocus()
        self.runner.schedule_now()

    # ------------------------------------------------------------ hooks for views and panels

    def add_view(self, widget: QWidget, title: str, name: str) -> int:
        """A central view, shown as a tab (the tab bar hides while there is only one)."""
        widget.setObjectName(name)
        return self.views.addTab(widget, title)

    def add_panel(
        self, widget: QWidget, title: str, name: str, area: Qt.DockWidgetArea
    ) -> QDockWidget:
        """A dock panel, listed under View so that it can be shown again once closed."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.menus.add("view", "panels", dock.toggleViewAction())
        return dock

    def show_panel(self, widget: QWidget) -> None:
        """Bring the dock or view holding ``widget`` forward and focus the widget."""
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QDockWidget):
                parent.show()
                parent.raise_()
                break
            parent = parent.parentWidget()
        for i in range(self.views.count()):
            page = self.views.widget(i)
            if page is not None and page.isAncestorOf(widget):
                self.views.setCurrentIndex(i)
        widget.setFocus()

    # ------------------------------------------------------------ document state

    def _update_title(self, *_args: object) -> None:
        name = Path(self.doc.path).name if self.doc.path else tr("Untitled")
        self.setWindowTitle(f"{name}[*] — {self.doc.chart.title} — rolemap")
        self.setWindowModified(self.doc.is_modified())

    def _analysis_ready(self, analysis: Analysis, seconds: float) -> None:
        self.last_analysis_seconds = seconds
        for model in (self.tasks.model, self.functions.model, self.goals.model):
            model.set_analysis(analysis)
        self.matrix.model.set_analysis(analysis)
        self.warnings.set_analysis(analysis)
        self.status.show_analysis(analysis, self.doc.chart)
        if self.tasks.only_warnings.isChecked():
            self.tasks.proxy.refresh_membership(keep=set(self.tasks.selected_rows()))

    def _document_reset(self) -> None:
        # A different chart: no warnings to show until its first analysis arrives.
        self.warnings.set_analysis(None)
        for model in (self.tasks.model, self.functions.model, self.goals.model):
            model.set_analysis(None)
        self.matrix.model.set_analysis(None)
        self.status.show_pending()
        self._update_title()

    def screen_width(self) -> int:
        screen = self.screen()
        return screen.availableGeometry().width() - 16 if screen is not None else 1 << 16

    def _task_in_focus(self) -> str | None:
        """The task under the cursor when the matrix or the task list has the focus."""
        focus = QApplication.focusWidget()
        if focus is self.matrix.view:
            return self.matrix.focused_task()
        if focus is self.tasks.view:
            index = self.tasks.proxy.mapToSource(self.tasks.view.currentIndex())
            return self.doc.chart.tasks[index.row()].id if index.isValid() else None
        return None

    def set_capture(self, on: bool) -> None:
        """Capture mode: 'not assigned yet' warnings held back in the matrix and the dock."""
        self.matrix.model.set_capture(on)
        self.warnings.set_capture(on)

    # ------------------------------------------------------------ small commands

    def open_path(self, path: str) -> bool:
        return self.files.open_path(path)

    def load_example(self, lang: str = "en") -> None:
        self.files.load_example(lang)

    def offer_recovery(self) -> list[HasRestore]:
        """Offer crashed sessions' work; returns the extra windows opened for it."""
        return self.restore.offer(lambda: MainWindow(self.settings, self.recovery.directory))

    def focus_quick_add(self) -> None:
        """Ctrl+L: the capture field of the view in front."""
        field = self.tasks.quick_add if self.views.currentWidget() is self.tasks else None
        if field is None:
            self.matrix.update_placeholder()
            field = self.matrix.quick_add
        self.show_panel(field)
        field.selectAll()

    def focus_filter(self) -> None:
        self.show_panel(self.tasks.filter)
        self.tasks.filter.selectAll()

    def about(self) -> None:
        QMessageBox.about(
            self,
            tr("About rolemap"),
            tr(
                "<b>rolemap %s</b><p>Map who owns what between functions and see where their goals converge.</p>"
            )
            % __version__,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.files.finish_exports()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.recovery.close()
        self.runner.worker.stop()
        self.zoomer.restore_application_font()
        event.accept()
