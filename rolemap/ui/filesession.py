"""The file session: new, open, save, save as, export and close, with their prompts."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox

from rolemap.core.analysis import chart_language
from rolemap.core.errors import ChartLoadError
from rolemap.core.fileformat import loads, read_header, write_atomic
from rolemap.core.model import Chart, Task
from rolemap.core.roundtrip import layout_of, render
from rolemap.core.safeio import ReadOnlyTarget, read_bounded, write_file
from rolemap.resources import template_path
from rolemap.ui.document import Document
from rolemap.ui.editors import commit_open_editors
from rolemap.ui.i18n import QT_TR_NOOP, language, os_reason, tr
from rolemap.ui.prompts import Prompts
from rolemap.ui.recent import RecentFiles
from rolemap.ui.recovery import RecoveryManager, file_hash, remove_stale_temp_files
from rolemap.ui.runner import AnalysisRunner
from rolemap.ui.textwarm import first_texts, warm_text
from rolemap.ui.workerclient import on_disk_thread

if TYPE_CHECKING:
    from rolemap.ui.exports import Exporter

CHART_FILTER = QT_TR_NOOP("Role charts (*.yaml *.yml);;All files (*)")


def read_chart(path: str) -> tuple[Chart, str, bytes]:
    """Load a chart file with the CLI's bounded loader: the chart, its header comment lines,
    and the raw bytes (for the hash that notices changes on disk)."""
    data = read_bounded(path)
    chart = loads(data, file=path)
    return chart, read_header(data.decode("utf-8", "replace")), data


def load_template(name: str, lang: str) -> Chart:
    return read_chart(str(template_path(name, lang)))[0]


# Files above this size are read by the worker process (about 170 tasks).
WORKER_MIN_BYTES = 64 * 1024


def large_file(path: str) -> bool:
    try:
        return os.stat(path).st_size >= WORKER_MIN_BYTES
    except OSError:
        return False  # reading it here reports the problem


class _LoadFailed(Exception):
    """The worker could not load the file; the message says why and where."""


class FileSession(QObject):
    """Moves the document to and from disk. Every path that can lose work asks first."""

    def __init__(
        self,
        window: QMainWindow,
        document: Document,
        recovery: RecoveryManager,
        runner: AnalysisRunner,
        prompts: Prompts,
        recent: RecentFiles,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.doc = document
        self.recovery = recovery
        self.runner = runner
        self.prompts = prompts
        self.recent = recent
        self._exporter: Exporter | None = None
        self.writing = False  # a save is writing the file
        recent.menu.aboutToShow.connect(self._recent_menu_shown)

    @property
    def exporter(self) -> Exporter:
        """Writes File > Export's files (large charts in a child process); made on first use."""
        if self._exporter is None:
            from rolemap.ui.exports import Exporter

            self._exporter = Exporter(self.window, self.doc, self.runner)
        return self._exporter

    def finish_exports(self) -> None:
        """Let exports still being written finish (the window is closing)."""
        if self._exporter is not None:
            self._exporter.wait()

    def _status(self, text: str, ms: int = 0) -> None:
        self.window.statusBar().showMessage(text, ms)

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
        # Start the worker while the user picks a file: a large one then opens without
        # waiting for a Python to start (0.3-0.5 s). Harmless if the file is small.
        QTimer.singleShot(0, self.runner.worker.ensure)
        path, _ = QFileDialog.getOpenFileName(
            self.window, tr("Open role chart"), start, tr(CHART_FILTER)
        )
        if path:
            self.open_path(path)

    def _recent_menu_shown(self) -> None:
        """Start the worker while the user looks at File > Open Recent when a large file is
        listed there: it then opens without waiting for a Python to start (0.3-0.5 s)."""
        if any(large_file(p) for p in self.recent.files()):
            QTimer.singleShot(0, self.runner.worker.ensure)

    def open_recent(self, path: str) -> None:
        if self.maybe_save():
            self.open_path(path)

    def open_path(self, path: str, report: bool = True) -> bool:
        """Open a file; on failure show the problems (unless ``report`` is False) and keep
        the current document.

        A large file is read by the worker process while the window keeps painting (input
        waits); a small one, or when there is no worker, here."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._status(tr("Opening %s…") % path)
        worker = self.runner.worker
        worker.on_first_rows = self._warm_glyphs
        try:
            reply = worker.load(path, language()) if large_file(path) else None
        finally:
            worker.on_first_rows = None
        try:
            if reply is not None and reply[0] == "failed":
                raise _LoadFailed(reply[1])
            data: bytes | str
            if reply is not None:
                chart, header, digest, data = reply[1:]  # data: the file's text
            else:
                chart, header, data = read_chart(path)
                digest = hashlib.sha256(data).hexdigest()
        except (ChartLoadError, OSError, _LoadFailed) as exc:
            QApplication.restoreOverrideCursor()
            self.window.statusBar().clearMessage()
            if isinstance(exc, ChartLoadError):
                message = exc.format(lang=language())
            elif isinstance(exc, OSError):
                message = f"{path}: {os_reason(exc)}"
            else:
                message = str(exc)
            if report:
                self.prompts.show_error(path, message)
            return False
        QApplication.restoreOverrideCursor()
        layout = layout_of(data, chart)
        if reply is not None and self.runner.worker.synced_chart is chart:
            self.runner.worker.synced_layout = layout  # the worker built the same from the file
        self.doc.file_hash = digest
        previous = self.doc.chart
        self.doc.replace(chart, os.path.abspath(path), header)
        # The chart replaced is freed on a later turn of the event loop, not in this one,
        # which ends painting the new chart (freeing 10,000 tasks: 13-15 ms).
        QTimer.singleShot(0, self, lambda: previous)
        self.doc.layout = layout
        self._remove_stale_temp_files(path)
        self._status(tr("Opened %s") % path, 4000)
        self.recent.add(os.path.abspath(path))
        return True

    def _warm_glyphs(self, head: Chart, tasks: tuple[Task, ...]) -> None:
        """The first rows' texts drawn off screen while the rest of the chart arrives: their
        glyphs are then cached for the window's first paint (rolemap.ui.textwarm)."""
        window = self.window
        warm_text(window.font(), first_texts(head, tasks), window.devicePixelRatioF())

    @staticmethod
    def _remove_stale_temp_files(path: str) -> None:
        """Temporary files a killed save left beside the chart (``.chart.yaml.*.tmp``)."""
        real = os.path.realpath(path)
        folder, prefix = os.path.dirname(real), f".{os.path.basename(real)}."
        try:  # mostly there are none: the folder listed without a glob made (2-5 ms)
            with os.scandir(folder) as entries:
                if not any(e.name.startswith(prefix) and e.name.endswith(".tmp") for e in entries):
                    return
        except OSError:
            return
        remove_stale_temp_files(Path(folder), prefix)

    def commit_editors(self) -> None:
        commit_open_editors(self.window, close=True)

    def save(self) -> bool:
        self.commit_editors()
        if self.doc.path is None:
            return self.save_as()
        if self.doc.confirm_path and not self.prompts.confirm_recovered_path(self.doc.path):
            return self.save_as()
        path = self.doc.path
        on_disk = (
            on_disk_thread(lambda: file_hash(path))
            if self.runner.uses_worker(self.doc.chart)
            else file_hash(path)
        )
        if on_disk is not None and self.doc.file_hash is not None and on_disk != self.doc.file_hash:
            answer = self.prompts.ask_overwrite_external(self.doc.path)
            if answer == "save_as":
                return self.save_as()
            if answer != "overwrite":
                return False
        return self.write(self.doc.path)

    def save_as(self) -> bool:
        self.commit_editors()
        start = self.doc.path or os.path.join(os.path.expanduser("~"), "role-chart.yaml")
        path, _ = QFileDialog.getSaveFileName(
            self.window, tr("Save role chart"), start, tr(CHART_FILTER)
        )
        if not path:
            return False
        if not os.path.splitext(path)[1]:
            path += ".yaml"
        return self.write(path)

    def write(self, path: str) -> bool:
        """Save the chart to ``path`` without asking about changes on disk.

        A large chart's text is serialised by the worker process, and its bytes written by a
        thread, while the window keeps painting; atomically, as for a small one."""
        chart = self.doc.chart
        layout = self.doc.layout
        large = self.runner.uses_worker(chart)
        self.recovery.saving(True)
        try:
            rendered = self.runner.worker.render(layout, chart, self.doc.header) if large else None
        finally:
            self.recovery.saving(False)
        if rendered is None:
            data = render(layout, chart, self.doc.header).encode("utf-8")
        else:
            data = rendered[1]
        try:
            try:
                digest = self._put(path, data, large)
            except ReadOnlyTarget:
                answer = self.prompts.ask_overwrite_read_only(path)
                if answer == "save_as":
                    return self.save_as()
                if answer != "overwrite":
                    return False
                digest = self._put(path, data, large, allow_read_only=True)
        except OSError as exc:
            if self.prompts.ask_save_failed(path, os_reason(exc)):
                return self.save_as()
            return False
        self.doc.file_hash = digest
        self.doc.layout = layout_of(data, chart)
        if rendered is not None:
            self.runner.worker.saved(rendered[0], self.doc.layout)
        self.doc.confirm_path = False
        self.doc.set_path(os.path.abspath(path))
        self.doc.undo_stack.setClean()
        self.recovery.saved()
        self.recent.add(os.path.abspath(path))
        self._status(tr("Saved %s") % path, 4000)
        return True

    def _put(self, path: str, data: bytes, large: bool, allow_read_only: bool = False) -> str:
        """Write ``data`` to ``path`` atomically (rolemap.core.safeio); its sha256. A large
        chart's write, flush and hash run on a thread while the window paints."""

        def put() -> str:
            write_file(path, data, allow_read_only=allow_read_only)
            return hashlib.sha256(data).hexdigest()

        self.recovery.saving(True)
        self.writing = True  # the disk watcher waits: the change it would see is this save
        try:
            return on_disk_thread(put) if large else put()
        finally:
            self.writing = False
            self.recovery.saving(False)

    def ask_export_path(self, suffix: str, file_filter: str) -> str | None:
        """A path for an export next to the chart, or None when the user cancels."""
        base = (
            os.path.splitext(self.doc.path)[0]
            if self.doc.path
            else os.path.join(os.path.expanduser("~"), "role-chart")
        )
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Export"), base + suffix, file_filter)
        return path or None

    def write_export(self, path: str, data: bytes) -> bool:
        try:
            write_atomic(path, data)
        except OSError as exc:
            QMessageBox.critical(self.window, tr("Cannot export"), f"{path}: {os_reason(exc)}")
            return False
        self._status(tr("Exported %s") % path, 4000)
        return True

    def export(self, kind: str) -> None:
        markdown = kind == "markdown"
        path = self.ask_export_path(
            ".md" if markdown else ".role-chart.yaml",
            tr("Markdown (*.md)") if markdown else tr("YAML (*.yaml)"),
        )
        if path:
            self.exporter.export(kind, path)

    def close_document(self) -> None:
        if self.maybe_save():
            self.doc.replace(load_template("empty", chart_language(self.doc.chart)), None)

    def maybe_save(self) -> bool:
        """True when the document may be replaced: saved, discarded or unchanged."""
        self.commit_editors()  # text typed in a cell counts as a change
        if not self.doc.is_modified():
            return True
        answer = self.prompts.ask_unsaved(self.doc.path)
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.recovery.discarded()
            return True
        return False
