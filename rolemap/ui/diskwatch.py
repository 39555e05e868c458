"""Notices when the open file changes on disk: reloads it, or asks when there are unsaved edits."""

from __future__ import annotations

import os

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from rolemap.ui.document import Document
from rolemap.ui.filesession import FileSession
from rolemap.ui.i18n import tr
from rolemap.ui.recovery import file_hash


class DiskWatcher(QObject):
    def __init__(self, document: Document, session: FileSession) -> None:
        super().__init__(session)
        self.doc = document
        self.session = session
        self._watcher: QFileSystemWatcher | None = None
        self._change_timer = QTimer(self)
        self._change_timer.setSingleShot(True)
        self._change_timer.setInterval(150)
        self._change_timer.timeout.connect(self.check_disk)
        self._disk_retry = False
        self._missing_at: int | None = None  # undo index when the file went missing
        document.pathChanged.connect(self._path_changed)

    @property
    def watcher(self) -> QFileSystemWatcher:
        """Made when a file is first opened: the first watcher of a process took 0.1 s of
        start-up, and the example chart shown at start has no file."""
        if self._watcher is None:
            self._watcher = QFileSystemWatcher(self)
            self._watcher.fileChanged.connect(self._file_changed)
            self._watcher.directoryChanged.connect(self._file_changed)
        return self._watcher

    def _gone(self, path: str) -> None:
        """The open file was deleted or moved: say so, and make closing ask to save."""
        if self._missing_at is not None:
            return
        self._missing_at = self.doc.undo_stack.index()
        # No clean state any more: the window shows unsaved changes and closing asks.
        self.doc.undo_stack.resetClean()
        self.session.window.statusBar().showMessage(
            tr(
                "%s was deleted or moved; the chart is only in this window now. Save writes it again."
            )
            % path
        )

    def _path_changed(self, path: str) -> None:
        self._missing_at = None
        if self._watcher is None and not path:
            return
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

    def check_disk(self) -> None:
        path = self.doc.path
        if not path:
            return
        if self.session.writing:  # our own save, not written yet: look once it is
            self._change_timer.start()
            return
        if os.path.exists(path) and path not in self.watcher.files():
            self.watcher.addPath(path)
        if not os.path.exists(path):
            self._gone(path)
            return
        on_disk = file_hash(path)
        if on_disk is not None and on_disk == self.doc.file_hash and self._missing_at is not None:
            # Back as it was (a checkout deletes and writes files): clean again if untouched.
            if self.doc.undo_stack.index() == self._missing_at:
                self.doc.undo_stack.setClean()
            self._missing_at = None
            return
        if on_disk is None or on_disk == self.doc.file_hash:
            return
        session = self.session
        if not self.doc.is_modified():
            # Another program may be writing the file in place: when it cannot be read, look
            # again shortly, and only then report what is wrong with it.
            retry, self._disk_retry = self._disk_retry, False
            if session.open_path(path, report=retry):
                session.window.statusBar().showMessage(
                    tr("Reloaded %s: it changed on disk") % path, 6000
                )
            elif not retry:
                self._disk_retry = True
                self._change_timer.start(600)
            return
        answer = session.prompts.ask_external_change(path)
        if answer == "reload":
            if session.open_path(path):  # only then are the user's edits really given up
                session.recovery.discarded()
        elif answer == "save_as":
            session.save_as()
        else:  # keep mine: the next save will ask before overwriting
            pass
