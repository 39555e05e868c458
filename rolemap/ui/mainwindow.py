"""The main window: actions declared as data, the task table, side panels and the warnings dock."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QFileSystemWatcher,
    QItemSelection,
    QItemSelectionModel,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QWidget,
)

from rolemap import __version__
from rolemap.core import edit as E
from rolemap.core.analysis import SEVERITIES, Analysis, chart_language
from rolemap.core.errors import ChartLoadError
from rolemap.core.export import export_markdown, export_role_chart
from rolemap.core.fileformat import DEFAULT_HEADER, dumps, loads, read_header, write_atomic
from rolemap.core.model import Chart
from rolemap.resources import template_path
from rolemap.ui.delegates import ComboDelegate
from rolemap.ui.dialogs import DeleteFunctionDialog, KpiDialog, show_load_error
from rolemap.ui.document import Document
from rolemap.ui.models import FunctionModel, GoalModel, _severity_colour, tr
from rolemap.ui.panels import Choices, SidePanel, TasksPanel
from rolemap.ui.recovery import RecoveryEntry, RecoveryManager, file_hash, find_orphans
from rolemap.ui.runner import AnalysisRunner
from rolemap.ui.warnings_panel import WarningsPanel

CHART_FILTER = "Role charts (*.yaml *.yml);;All files (*)"
MAX_RECENT = 10


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    menu: str
    handler: Callable[[], object]
    shortcut: QKeySequence.StandardKey | str | tuple[str, ...] | None = None
    tip: str = ""


def read_chart(path: str) -> tuple[Chart, str, bytes]:
    """Load a chart file: the chart, its header comment lines, and the raw bytes."""
    with open(path, "rb") as fh:
        data = fh.read()
    chart = loads(data, file=path)
    return chart, read_header(data.decode("utf-8", "replace")), data


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, recovery_dir: Path | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.setObjectName("rolemapMainWindow")
        self.doc = Document(load_template("marketing-vs-operations", "en"))
        self.doc.setParent(self)
        self.runner = AnalysisRunner(self.doc)
        self.recovery = RecoveryManager(self.doc, recovery_dir)
        self.recovery.failed.connect(
            lambda error: self.statusBar().showMessage(tr("Autosave failed: %s") % error, 8000)
        )
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed)
        self._change_timer = QTimer(self)
        self._change_timer.setSingleShot(True)
        self._change_timer.setInterval(150)
        self._change_timer.timeout.connect(self._check_disk)
        self._disk_retry = False
        self.watcher.directoryChanged.connect(self._file_changed)
        self.last_analysis_seconds = 0.0
        choices = Choices(self.doc)

        self.tasks = TasksPanel(self.doc, choices)
        self.setCentralWidget(self.tasks)
        self.functions = SidePanel(tr("Functions"), FunctionModel(self.doc), "functions")
        self.functions.view.setItemDelegateForColumn(
            FunctionModel.ARCHETYPE, ComboDelegate(choices.archetypes, self)
        )
        self.goals = SidePanel(tr("Goals"), GoalModel(self.doc), "goals")
        self.goals.view.setItemDelegateForColumn(
            GoalModel.OWNER, ComboDelegate(choices.functions_or_none, self)
        )
        self.goals.view.setItemDelegateForColumn(GoalModel.KIND, ComboDelegate(choices.kinds, self))
        self.goals.view.doubleClicked.connect(self._goal_double_clicked)
        self.goals.view.activated.connect(self._goal_double_clicked)
        self.functions.add_button.clicked.connect(self.add_function)
        self.functions.remove_button.clicked.connect(self.delete_functions)
        self.goals.add_button.clicked.connect(self.add_goal)
        self.goals.remove_button.clicked.connect(self.delete_goals)

        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.functions)
        side.addWidget(self.goals)
        side.setStretchFactor(1, 2)
        self.side_dock = self._dock(
            tr("Functions && goals"), "sideDock", side, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.warnings = WarningsPanel(self.doc)
        self.warnings_dock = self._dock(
            tr("Warnings"), "warningsDock", self.warnings, Qt.DockWidgetArea.RightDockWidgetArea
        )

        self.status_counts = QLabel()
        self.status_scores = QLabel()
        self.statusBar().addPermanentWidget(self.status_scores)
        self.statusBar().addPermanentWidget(self.status_counts)

        self.actions_by_id: dict[str, QAction] = {}
        self.recent_menu = QMenu(tr("Open &Recent"), self)
        self._build_actions()

        self.tasks.quick_add.returnPressed.connect(self.quick_add)
        self.tasks.view.selectionModel().selectionChanged.connect(self._task_selection_changed)
        self.warnings.entitiesSelected.connect(self.reveal_entities)
        self.runner.finished.connect(self._analysis_ready)
        self.doc.undo_stack.cleanChanged.connect(self._update_title)
        self.doc.pathChanged.connect(self._path_changed)
        self.doc.applied.connect(self._after_edit)
        self.doc.reset.connect(self._document_reset)

        self._zoom = int(self.settings.value("zoom", 0))
        self._base_point_size = QApplication.font().pointSizeF()
        self._apply_zoom()
        self.resize(1400, 860)
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("windowState")
        if not (isinstance(state, QByteArray) and self.restoreState(state)):
            self.resizeDocks(
                [self.side_dock, self.warnings_dock], [400, 400], Qt.Orientation.Horizontal
            )
        self._update_title()
        self._update_recent_menu()
        self.runner.schedule_now()

    # ------------------------------------------------------------ construction

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action_specs(self) -> list[ActionSpec]:
        K = QKeySequence.StandardKey
        return [
            ActionSpec("open", tr("&Open…"), "file", self.open_dialog, K.Open),
            ActionSpec("save", tr("&Save"), "file", self.save, K.Save),
            ActionSpec("save_as", tr("Save &As…"), "file", self.save_as, K.SaveAs),
            ActionSpec(
                "export_chart",
                tr("Export &role chart (YAML)…"),
                "file",
                lambda: self.export("role-chart"),
            ),
            ActionSpec(
                "export_markdown",
                tr("Export &Markdown report…"),
                "file",
                lambda: self.export("markdown"),
            ),
            ActionSpec("close", tr("&Close"), "file", self.close_document, K.Close),
            ActionSpec("quit", tr("&Quit"), "file", self.close, K.Quit),
            ActionSpec(
                "add_task",
                tr("&Add task"),
                "edit",
                self.focus_quick_add,
                "Ctrl+L",
                tr("Type a task and press Enter"),
            ),
            ActionSpec("duplicate", tr("D&uplicate tasks"), "edit", self.duplicate_tasks, "Ctrl+D"),
            ActionSpec("delete", tr("&Delete"), "edit", self.delete_selection, K.Delete),
            ActionSpec("find", tr("&Filter tasks"), "edit", self.focus_filter, K.Find),
            ActionSpec("rename_chart", tr("Rename &chart…"), "edit", self.rename_chart),
            ActionSpec(
                "add_function", tr("Add &function"), "edit", self.add_function, "Ctrl+Shift+F"
            ),
            ActionSpec("add_goal", tr("Add &goal"), "edit", self.add_goal, "Ctrl+Shift+G"),
            ActionSpec("edit_kpis", tr("Edit &KPIs…"), "edit", self.edit_kpis, "Ctrl+K"),
            ActionSpec(
                "zoom_in", tr("&Larger text"), "view", lambda: self.zoom(1), ("Ctrl++", "Ctrl+=")
            ),
            ActionSpec("zoom_out", tr("&Smaller text"), "view", lambda: self.zoom(-1), K.ZoomOut),
            ActionSpec("zoom_reset", tr("&Normal text"), "view", lambda: self.zoom(0), "Ctrl+0"),
            ActionSpec(
                "focus_tasks",
                tr("Go to &tasks"),
                "view",
                lambda: self.tasks.view.setFocus(),
                "Ctrl+1",
            ),
            ActionSpec(
                "focus_functions",
                tr("Go to &functions"),
                "view",
                lambda: self._focus_dock(self.side_dock, self.functions.view),
                "Ctrl+2",
            ),
            ActionSpec(
                "focus_goals",
                tr("Go to &goals"),
                "view",
                lambda: self._focus_dock(self.side_dock, self.goals.view),
                "Ctrl+3",
            ),
            ActionSpec(
                "focus_warnings",
                tr("Go to &warnings"),
                "view",
                lambda: self._focus_dock(self.warnings_dock, self.warnings.tree),
                "Ctrl+4",
            ),
            ActionSpec(
                "acknowledge",
                tr("Ac&knowledge warning"),
                "review",
                self.warnings.acknowledge_current,
                "Ctrl+Shift+K",
            ),
            ActionSpec(
                "accept",
                tr("&Accept warning…"),
                "review",
                self.warnings.accept_current,
                "Ctrl+Shift+A",
            ),
            ActionSpec(
                "reopen",
                tr("&Reopen warning"),
                "review",
                self.warnings.reopen_current,
                "Ctrl+Shift+R",
            ),
            ActionSpec("about", tr("&About rolemap"), "help", self.about),
        ]

    def _build_actions(self) -> None:
        bar = self.menuBar()
        menus = {
            "file": bar.addMenu(tr("&File")),
            "edit": bar.addMenu(tr("&Edit")),
            "view": bar.addMenu(tr("&View")),
            "review": bar.addMenu(tr("&Review")),
            "help": bar.addMenu(tr("&Help")),
        }
        new_menu = menus["file"].addMenu(tr("&New"))
        templates = [
            (
                "marketing-vs-operations",
                "en",
                tr("Marketing vs Operations (English)"),
                QKeySequence.StandardKey.New,
            ),
            ("marketing-vs-operations", "zh", tr("市场 vs 运营 (中文)"), None),
            ("empty", "en", tr("Empty chart"), None),
            ("empty", "zh", tr("空白职责图 (中文)"), None),
        ]
        for name, lang, label, key in templates:
            action = new_menu.addAction(label)
            action.setObjectName(f"new_{name}_{lang}")
            action.triggered.connect(
                lambda _c=False, n=name, lg=lang: self.new_from_template(n, lg)
            )
            if key is not None:
                action.setShortcut(QKeySequence(key))
            self.actions_by_id[f"new_{name}_{lang}"] = action
        undo = self.doc.undo_stack.createUndoAction(self, tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.doc.undo_stack.createRedoAction(self, tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        menus["edit"].addAction(undo)
        menus["edit"].addAction(redo)
        menus["edit"].addSeparator()
        self.actions_by_id["undo"] = undo
        self.actions_by_id["redo"] = redo
        for spec in self._action_specs():
            action = QAction(spec.text, self)
            action.setObjectName(spec.id)
            if isinstance(spec.shortcut, tuple):
                action.setShortcuts([QKeySequence(s) for s in spec.shortcut])
            elif spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            if spec.tip:
                action.setStatusTip(spec.tip)
            action.triggered.connect(lambda _c=False, h=spec.handler: h())
            menus[spec.menu].addAction(action)
            self.actions_by_id[spec.id] = action
            if spec.id == "open":
                menus["file"].addMenu(self.recent_menu)
            if spec.id in ("save_as", "export_markdown", "delete", "edit_kpis"):
                menus[spec.menu].addSeparator()
        menus["view"].addSeparator()
        menus["view"].addAction(self.side_dock.toggleViewAction())
        menus["view"].addAction(self.warnings_dock.toggleViewAction())

    # ------------------------------------------------------------ title, zoom, status

    def _update_title(self) -> None:
        name = os.path.basename(self.doc.path) if self.doc.path else tr("Untitled")
        self.setWindowTitle(f"{name}[*] — {self.doc.chart.title} — rolemap")
        self.setWindowModified(self.doc.is_modified())

    def zoom(self, step: int) -> None:
        self._zoom = 0 if step == 0 else max(-4, min(12, self._zoom + step))
        self.settings.setValue("zoom", self._zoom)
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        font = QFont(QApplication.font())
        base = self._base_point_size if self._base_point_size > 0 else 10.0
        font.setPointSizeF(max(6.0, base * (1 + 0.15 * self._zoom)))
        self.setFont(font)
        for panel in (self.tasks, self.functions, self.goals):
            panel.view.verticalHeader().setDefaultSectionSize(int(font.pointSizeF() * 2.4))

    def _analysis_ready(self, analysis: Analysis, seconds: float) -> None:
        self.last_analysis_seconds = seconds
        for model in (self.tasks.model, self.functions.model, self.goals.model):
            model.set_analysis(analysis)
        self.warnings.set_analysis(analysis)
        counts = analysis.counts()
        self.status_counts.setText(
            " ".join(
                f"<span style='color:{_severity_colour(s).name()}'>●</span> {counts[s]} {tr(s)}"
                for s in SEVERITIES
            )
        )
        names = {f.id: f.name for f in self.doc.chart.functions}
        top = sorted(analysis.convergence, key=lambda c: -c.score)[:3]
        self.status_scores.setText(
            "  ".join(
                f"{names.get(c.functions[0])} ↔ {names.get(c.functions[1])} {c.score:.2f}"
                for c in top
            )
        )
        self.status_scores.setToolTip(
            tr("Convergence: how alike two functions' goals are (0 to 1)")
        )
        if self.tasks.only_warnings.isChecked():
            self.tasks.proxy.refresh_membership(keep=set(self.tasks.selected_rows()))

    def _document_reset(self) -> None:
        # A different chart: no warnings to show until its first analysis arrives.
        self.warnings.set_analysis(None)
        for model in (self.tasks.model, self.functions.model, self.goals.model):
            model.set_analysis(None)
        self.status_counts.setText(tr("Analysing…"))
        self.status_scores.setText("")

    def _after_edit(self, _ops: object) -> None:
        self._update_title()

    # ------------------------------------------------------------ documents

    def load_example(self, lang: str = "en") -> None:
        self.doc.replace(load_template("marketing-vs-operations", lang), None)

    def new_from_template(self, name: str, lang: str) -> None:
        if not self.maybe_save():
            return
        self.doc.replace(load_template(name, lang), None)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = os.path.dirname(self.doc.path) if self.doc.path else ""
        path, _ = QFileDialog.getOpenFileName(self, tr("Open role chart"), start, tr(CHART_FILTER))
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        """Open a file; on failure show the problems and keep the current document."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.statusBar().showMessage(tr("Opening %s…") % path)
        try:
            chart, header, data = read_chart(path)
        except ChartLoadError as exc:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()
            self.show_error(path, exc.format())
            return False
        except OSError as exc:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()
            self.show_error(path, f"{path}: {exc.strerror or exc}")
            return False
        QApplication.restoreOverrideCursor()
        self.doc.file_hash = hashlib.sha256(data).hexdigest()
        self.doc.replace(chart, os.path.abspath(path), header)
        self.statusBar().showMessage(tr("Opened %s") % path, 4000)
        self.add_recent(os.path.abspath(path))
        return True

    def show_error(self, path: str, message: str) -> None:
        """Report a file that cannot be opened (patched in tests)."""
        show_load_error(self, path, message)

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        on_disk = file_hash(self.doc.path)
        if on_disk is not None and self.doc.file_hash is not None and on_disk != self.doc.file_hash:
            answer = self.ask_overwrite_external()
            if answer == "save_as":
                return self.save_as()
            if answer != "overwrite":
                return False
        return self._write(self.doc.path)

    def ask_overwrite_external(self) -> str:
        """The file changed on disk since it was loaded: 'overwrite', 'save_as' or 'cancel'."""
        B = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("File changed on disk"),
            tr("%s was changed by another program since you opened it. Overwrite those changes?")
            % self.doc.path,
            B.Save | B.SaveAll | B.Cancel,
            self,
        )
        box.button(B.Save).setText(tr("&Overwrite"))
        box.button(B.SaveAll).setText(tr("Save &As…"))
        box.setDefaultButton(B.Cancel)
        answer = box.exec()
        return {B.Save: "overwrite", B.SaveAll: "save_as"}.get(B(answer), "cancel")

    def save_as(self) -> bool:
        start = self.doc.path or os.path.join(os.path.expanduser("~"), "role-chart.yaml")
        path, _ = QFileDialog.getSaveFileName(self, tr("Save role chart"), start, tr(CHART_FILTER))
        if not path:
            return False
        if not os.path.splitext(path)[1]:
            path += ".yaml"
        return self._write(path)

    def _write(self, path: str) -> bool:
        data = dumps(self.doc.chart, self.doc.header).encode("utf-8")
        try:
            write_atomic(path, data)
        except OSError as exc:
            if self.ask_save_failed(path, str(exc.strerror or exc)):
                return self.save_as()
            return False
        self.doc.file_hash = hashlib.sha256(data).hexdigest()
        self.doc.set_path(os.path.abspath(path))
        self.doc.undo_stack.setClean()
        self.recovery.saved()
        self.add_recent(os.path.abspath(path))
        self.statusBar().showMessage(tr("Saved %s") % path, 4000)
        return True

    def export(self, kind: str) -> None:
        analysis = self.runner.run_sync()
        suffix = ".md" if kind == "markdown" else ".role-chart.yaml"
        base = (
            os.path.splitext(self.doc.path)[0]
            if self.doc.path
            else os.path.join(os.path.expanduser("~"), "role-chart")
        )
        file_filter = tr("Markdown (*.md)") if kind == "markdown" else tr("YAML (*.yaml)")
        path, _ = QFileDialog.getSaveFileName(self, tr("Export"), base + suffix, file_filter)
        if not path:
            return
        text = (
            export_markdown(self.doc.chart, analysis)
            if kind == "markdown"
            else export_role_chart(self.doc.chart, analysis)
        )
        try:
            write_atomic(path, text.encode("utf-8"))
        except OSError as exc:
            QMessageBox.critical(self, tr("Cannot export"), f"{path}: {exc.strerror or exc}")
            return
        self.statusBar().showMessage(tr("Exported %s") % path, 4000)

    def ask_save_failed(self, path: str, reason: str) -> bool:
        """The old file is untouched; True when the user wants to Save As elsewhere."""
        B = QMessageBox.StandardButton
        answer = QMessageBox.critical(
            self,
            tr("Cannot save"),
            tr(
                "%s could not be saved: %s\nThe file on disk is unchanged and your changes are still here.\nSave them somewhere else?"
            )
            % (path, reason),
            B.Save | B.Cancel,
            B.Save,
        )
        return answer == B.Save

    def close_document(self) -> None:
        if self.maybe_save():
            self.doc.replace(load_template("empty", chart_language(self.doc.chart)), None)

    def ask_unsaved(self) -> str:
        """'save', 'discard' or 'cancel' (patched in tests)."""
        B = QMessageBox.StandardButton
        answer = QMessageBox.warning(
            self,
            tr("Unsaved changes"),
            tr("Save the changes to '%s' before closing?")
            % (os.path.basename(self.doc.path or "") or tr("Untitled")),
            B.Save | B.Discard | B.Cancel,
            B.Save,
        )
        return {B.Save: "save", B.Discard: "discard"}.get(answer, "cancel")

    def maybe_save(self) -> bool:
        if not self.doc.is_modified():
            return True
        answer = self.ask_unsaved()
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.recovery.discarded()
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.recovery.close()
        event.accept()

    # ------------------------------------------------------------ files changed on disk

    def _path_changed(self, path: str) -> None:
        self._update_title()
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        if path:
            # The folder too: a file deleted and written anew is no longer watched itself.
            self.watcher.addPaths([path, os.path.dirname(path) or "."])

    def _file_changed(self, _path: str) -> None:
        self._disk_retry = False
        # Editors and rolemap itself save by renaming a new file over the old one; the
        # watcher then drops the path. Wait a moment, re-add it, and compare hashes.
        self._change_timer.start()

    def _check_disk(self) -> None:
        path = self.doc.path
        if not path:
            return
        if os.path.exists(path) and path not in self.watcher.files():
            self.watcher.addPath(path)
        on_disk = file_hash(path)
        if on_disk is None or on_disk == self.doc.file_hash:
            return
        if not self.doc.is_modified():
            try:
                read_chart(path)
            except (ChartLoadError, OSError):
                # Another program may be writing the file in place: look again shortly,
                # and only then report what is wrong with it.
                if not self._disk_retry:
                    self._disk_retry = True
                    self._change_timer.start(600)
                    return
            self._disk_retry = False
            if self.open_path(path):
                self.statusBar().showMessage(tr("Reloaded %s: it changed on disk") % path, 6000)
            return
        answer = self.ask_external_change()
        if answer == "reload":
            if self.open_path(path):  # only then are the user's edits really given up
                self.recovery.discarded()
        elif answer == "save_as":
            self.save_as()
        else:  # keep mine: the next save will ask before overwriting
            pass

    def ask_external_change(self) -> str:
        """'reload', 'keep' or 'save_as' (patched in tests)."""
        B = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("File changed on disk"),
            tr("%s was changed by another program, and you have unsaved changes.") % self.doc.path,
            B.Reset | B.Ignore | B.SaveAll,
            self,
        )
        box.button(B.Reset).setText(tr("&Reload theirs (discard mine)"))
        box.button(B.Ignore).setText(tr("&Keep mine"))
        box.button(B.SaveAll).setText(tr("Save mine &As…"))
        box.setDefaultButton(B.Ignore)
        answer = box.exec()
        return {B.Reset: "reload", B.SaveAll: "save_as"}.get(B(answer), "keep")

    # ------------------------------------------------------------ crash recovery

    def offer_recovery(self) -> list[MainWindow]:
        """Offer the recovery files of crashed sessions; returns extra windows opened."""
        entries, problems = find_orphans(self.recovery.directory)
        if problems:
            self.show_error(tr("Recovery files"), "\n".join(problems))
        extra: list[MainWindow] = []
        target: MainWindow = self
        for entry in entries:
            choice = self.ask_recovery(entry)
            if choice == "discard":
                entry.discard()
                continue
            if choice != "recover":
                entry.release()
                continue
            try:
                chart = entry.load()
            except (ChartLoadError, OSError) as exc:
                message = exc.format() if isinstance(exc, ChartLoadError) else str(exc)
                self.show_error(str(entry.chart_path), message)
                entry.release()
                continue
            if target.doc.is_modified() or target.doc.path is not None or target is not self:
                target = MainWindow(self.settings, self.recovery.directory)
                target.show()
                extra.append(target)
            target.recover(entry, chart)
        return extra

    def recover(self, entry: RecoveryEntry, chart: Chart) -> None:
        self.doc.file_hash = entry.original_hash
        header = read_header(entry.chart_path.read_text(encoding="utf-8", errors="replace"))
        self.doc.replace(chart, entry.original, header or DEFAULT_HEADER)
        if entry.original:
            self.add_recent(entry.original)
        self.doc.undo_stack.resetClean()
        self.recovery.adopt(entry)
        self._update_title()
        self.statusBar().showMessage(tr("Recovered unsaved work from %s") % entry.saved_at, 8000)

    def ask_recovery(self, entry: RecoveryEntry) -> str:
        """'recover', 'later' or 'discard' (patched in tests)."""
        B = QMessageBox.StandardButton
        name = os.path.basename(entry.original) if entry.original else tr("an untitled chart")
        text = tr("rolemap found unsaved work on %s (“%s”), autosaved at %s.") % (
            name,
            entry.title,
            entry.saved_at,
        )
        if entry.original_changed():
            text += "\n" + tr("The file on disk has changed since then.")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Recover unsaved work"),
            text,
            B.Open | B.Ignore | B.Discard,
            self,
        )
        box.button(B.Open).setText(tr("&Recover"))
        box.button(B.Ignore).setText(tr("&Later"))
        box.setDefaultButton(B.Open)
        answer = box.exec()
        return {B.Open: "recover", B.Discard: "discard"}.get(B(answer), "later")

    # ------------------------------------------------------------ recent files

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def add_recent(self, path: str) -> None:
        files = [path] + [p for p in self.recent_files() if p != path]
        self.settings.setValue("recentFiles", files[:MAX_RECENT])
        self._update_recent_menu()

    def _update_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for i, path in enumerate(files):
            action = self.recent_menu.addAction(f"&{i + 1} {os.path.basename(path)}")
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self._open_recent(p))
        self.recent_menu.setEnabled(bool(files))

    def _open_recent(self, path: str) -> None:
        if self.maybe_save():
            self.open_path(path)

    # ------------------------------------------------------------ editing

    def focus_quick_add(self) -> None:
        self.tasks.quick_add.setFocus()
        self.tasks.quick_add.selectAll()

    def focus_filter(self) -> None:
        self.tasks.filter.setFocus()
        self.tasks.filter.selectAll()

    def _focus_dock(self, dock: QDockWidget, widget: QWidget) -> None:
        dock.show()
        dock.raise_()
        widget.setFocus()

    def quick_add(self) -> None:
        title = self.tasks.quick_add.text().strip()
        if not title:
            return
        chart = self.doc.chart
        task = E.new_task(chart, title)
        self.doc.push(
            E.insert_rows(chart, "tasks", len(chart.tasks), [task], tr("Add task '%s'") % title)
        )
        self.tasks.quick_add.clear()
        source = self.tasks.model.index(len(self.doc.chart.tasks) - 1, 0)
        index = self.tasks.proxy.mapFromSource(source)
        if index.isValid():
            self.tasks.view.scrollTo(index)
            self.tasks.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.tasks.quick_add.setFocus()

    def duplicate_tasks(self) -> None:
        rows = self.tasks.selected_rows()
        if not rows:
            return
        chart = self.doc.chart
        copies = []
        scratch = chart
        for row in rows:
            task = chart.tasks[row]
            new_id = E.new_id(scratch, "t")
            copy = task.model_copy(update={"id": new_id})
            copies.append(copy)
            scratch = E.with_section(scratch, "tasks", (*scratch.tasks, copy))
        self.doc.push(
            E.insert_rows(
                chart, "tasks", rows[-1] + 1, copies, tr("Duplicate %d tasks") % len(copies)
            )
        )

    def delete_selection(self) -> None:
        focus = QApplication.focusWidget()
        if focus is self.functions.view:
            self.delete_functions()
        elif focus is self.goals.view:
            self.delete_goals()
        elif focus is self.tasks.view:
            self.delete_tasks()

    def delete_tasks(self) -> None:
        rows = self.tasks.selected_rows()
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
            choice = self.ask_function_references(chart, row, goals, tasks)
            if choice is False:
                return
            reassign = choice if isinstance(choice, str) else None
        self.doc.push(E.delete_function(chart, row, reassign, tr("Delete function '%s'") % f.name))

    def ask_function_references(
        self, chart: Chart, row: int, goals: int, tasks: int
    ) -> str | bool | None:
        """A function id to reassign to, None to unassign, False to cancel (patched in tests)."""
        dialog = DeleteFunctionDialog(chart, row, goals, tasks, self)
        if dialog.exec() != DeleteFunctionDialog.DialogCode.Accepted:
            return False
        return dialog.reassign_to()

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
        self._focus_dock(self.side_dock, panel.view)
        index = panel.model.index(row, 0)
        panel.view.setCurrentIndex(index)
        panel.view.edit(index)

    def _goal_double_clicked(self, index: object) -> None:
        if getattr(index, "column", lambda: -1)() == GoalModel.KPIS:
            self.edit_kpis()

    def edit_kpis(self) -> None:
        rows = self.goals.selected_rows() or (
            [self.goals.view.currentIndex().row()]
            if self.goals.view.currentIndex().isValid()
            else []
        )
        if not rows:
            return
        row = rows[0]
        before = self.doc.chart
        goal = before.goals[row]
        kpis = self.ask_kpis(goal.name, list(goal.kpis))
        if kpis is None:
            return
        if self.doc.chart is not before:  # reloaded while the dialog was open
            self.statusBar().showMessage(
                tr("The chart changed meanwhile; edit the KPIs again"), 6000
            )
            return
        self.goals.model.setData(self.goals.model.index(row, GoalModel.KPIS), kpis)

    def ask_kpis(self, name: str, kpis: list[str]) -> list[str] | None:
        dialog = KpiDialog(name, kpis, self)
        if dialog.exec() != KpiDialog.DialogCode.Accepted:
            return None
        return dialog.kpis()

    def rename_chart(self) -> None:
        title, ok = QInputDialog.getText(
            self, tr("Rename chart"), tr("Title:"), text=self.doc.chart.title
        )
        if ok and title.strip() and title.strip() != self.doc.chart.title:
            self.doc.push(E.set_title(self.doc.chart, title.strip()))
            self._update_title()

    def about(self) -> None:
        QMessageBox.about(
            self,
            tr("About rolemap"),
            tr(
                "<b>rolemap %s</b><p>Map who owns what between functions and see where their goals converge.</p>"
            )
            % __version__,
        )

    # ------------------------------------------------------------ selection sync

    def _task_selection_changed(self, *_args: object) -> None:
        ids = {self.doc.chart.tasks[r].id for r in self.tasks.selected_rows()}
        self.warnings.highlight_entities(ids)

    def reveal_entities(self, ids: list[str]) -> None:
        """Select and scroll to the tasks, goals and functions a warning involves."""
        wanted = set(ids)
        self._select_rows(
            self.tasks.view,
            self.tasks.proxy,
            [i for i, t in enumerate(self.doc.chart.tasks) if t.id in wanted],
            mapper=self.tasks.proxy.mapFromSource,
        )
        self._select_rows(
            self.goals.view,
            self.goals.model,
            [i for i, g in enumerate(self.doc.chart.goals) if g.id in wanted],
        )
        self._select_rows(
            self.functions.view,
            self.functions.model,
            [i for i, f in enumerate(self.doc.chart.functions) if f.id in wanted],
        )

    def _select_rows(self, view, model, rows, mapper=None) -> None:  # type: ignore[no-untyped-def]
        selection = QItemSelection()
        source = self.tasks.model if mapper else model
        first = None
        for row in rows:
            index = source.index(row, 0)
            if mapper is not None:
                index = mapper(index)
            if not index.isValid():
                continue
            last = index.siblingAtColumn(model.columnCount() - 1)
            selection.select(index, last)
            first = first or index
        blocker = view.selectionModel().blockSignals(True)
        view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        view.selectionModel().blockSignals(blocker)
        view.viewport().update()
        if first is not None:
            view.scrollTo(first)


def load_template(name: str, lang: str) -> Chart:
    with open(template_path(name, lang), "rb") as fh:
        return loads(fh.read(), file=str(template_path(name, lang)))
