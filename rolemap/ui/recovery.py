"""Autosave to recovery files and recovery after a crash.

Each open document autosaves, a few seconds after edits stop and at least every
``MAX_INTERVAL_MS`` while editing goes on, into ``<AppDataLocation>/recovery/<id>.yaml`` with a
``<id>.json`` sidecar (original path, hash of the original file, time). A ``QLockFile`` per
document (``<id>.lock``) tells a running instance's files from a crashed one's. The chart is
serialised and written atomically off the GUI thread: by the worker process for a large chart
(a thread serialising 10,000 tasks holds the GIL and stalls scrolling), else on a thread
(snapshots are immutable).
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal

from rolemap.core.errors import ChartLoadError
from rolemap.core.fileformat import dumps, loads, write_atomic
from rolemap.core.model import Chart
from rolemap.core.safeio import read_bounded
from rolemap.ui.document import Document
from rolemap.ui.i18n import tr
from rolemap.ui.workerclient import WorkerClient

IDLE_MS = 1500
MAX_INTERVAL_MS = 5000


def recovery_dir() -> Path:
    """The recovery folder, created if needed (OSError when it cannot be)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(base or os.path.expanduser("~/.rolemap")) / "recovery"
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_hash(path: str | None) -> str | None:
    if not path:
        return None
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


@dataclass(frozen=True)
class RecoveryEntry:
    id: str
    chart_path: Path
    original: str | None
    original_hash: str | None
    saved_at: str
    title: str
    lock: QLockFile

    def original_changed(self) -> bool:
        return self.original is not None and file_hash(self.original) != self.original_hash

    def load(self) -> Chart:
        return loads(read_bounded(self.chart_path), file=str(self.chart_path))

    def discard(self) -> None:
        for suffix in (".yaml", ".json"):
            self.chart_path.with_suffix(suffix).unlink(missing_ok=True)
        self.lock.unlock()
        Path(self.lock.fileName()).unlink(missing_ok=True)

    def release(self) -> None:
        """Keep the files for later; let another start offer them again."""
        self.lock.unlock()


class Broken(str):
    """A problem with one crashed session's recovery files; ``discard()`` removes them."""

    files: tuple[Path, ...]

    def __new__(cls, message: str, files: tuple[Path, ...] = ()) -> Broken:
        self = super().__new__(cls, message)
        self.files = files
        return self

    def discard(self) -> None:
        for path in self.files:
            path.unlink(missing_ok=True)


# A temporary file older than this was left by a killed write (a write takes milliseconds).
STALE_TEMP_SECONDS = 60


def remove_stale_temp_files(directory: Path, prefix: str = ".") -> int:
    """Remove ``.NAME.*.tmp`` files a killed atomic write left in ``directory``."""
    removed = 0
    now = time.time()
    try:
        candidates = list(directory.glob(f"{glob.escape(prefix)}*.tmp"))
    except OSError:
        return 0
    for path in candidates:
        try:
            if path.is_file() and now - path.stat().st_mtime > STALE_TEMP_SECONDS:
                path.unlink()
                removed += 1
        except OSError:
            pass
    return removed


def _unreadable_lock(path: Path) -> bool:
    """An empty or garbage lock file (a kill while it was written) names no live process."""
    try:
        first = path.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0].strip()
    except OSError:
        return False
    return not first.isdigit()


def _try_lock(lock: QLockFile) -> bool:
    if lock.tryLock(0):
        return True
    path = Path(lock.fileName())
    if _unreadable_lock(path):
        path.unlink(missing_ok=True)
        return lock.tryLock(0)
    return False


def find_orphans(directory: Path | None = None) -> tuple[list[RecoveryEntry], list[Broken]]:
    """Recovery files no running instance holds, and problems with corrupt ones.

    The returned entries hold their locks until recovered, discarded or released. Stale
    temporary files are removed on the way.
    """
    directory = directory or recovery_dir()
    remove_stale_temp_files(directory)
    entries: list[RecoveryEntry] = []
    problems: list[Broken] = []
    for sidecar in sorted(directory.glob("*.json")):
        lock = QLockFile(str(sidecar.with_suffix(".lock")))
        lock.setStaleLockTime(0)  # only a dead process's lock is stale
        if not _try_lock(lock):
            continue  # a running instance is using it
        chart_path = sidecar.with_suffix(".yaml")
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
            if not isinstance(meta, dict) or not chart_path.is_file():
                raise ValueError("incomplete recovery data")
            for key in ("original", "original_sha256"):
                if not isinstance(meta.get(key), (str, type(None))):
                    raise ValueError(f"{key} is not text")
            original = meta.get("original")
            if original is not None and (not os.path.isabs(original) or "\x00" in original):
                # rolemap writes absolute paths only; anything else was not written by it
                raise ValueError(f"the original path {original!r} is not an absolute path")
            entries.append(
                RecoveryEntry(
                    id=sidecar.stem,
                    chart_path=chart_path,
                    original=meta.get("original"),
                    original_hash=meta.get("original_sha256"),
                    saved_at=str(meta.get("saved_at", "")),
                    title=str(meta.get("title", "")),
                    lock=lock,
                )
            )
        except (OSError, ValueError) as exc:
            problems.append(
                Broken(
                    tr("%(file)s: cannot read this recovery file (%(error)s)")
                    % {"file": sidecar, "error": exc},
                    (sidecar, chart_path, sidecar.with_suffix(".lock")),
                )
            )
            lock.unlock()
    return entries, problems


class RecoveryManager(QObject):
    """Autosaves one document's unsaved state; removes it after a save or an explicit discard."""

    written = Signal(str)  # path of the recovery file, after each autosave (from the GUI thread)
    failed = Signal(str)

    def __init__(self, document: Document, directory: Path | None = None) -> None:
        super().__init__(document)
        self.doc = document
        # Why autosave is off (the data folder cannot be created or written), else None.
        self.disabled_reason: str | None = None
        try:
            self.directory = directory or recovery_dir()
            self.directory.mkdir(parents=True, exist_ok=True)
            if not os.access(self.directory, os.W_OK):
                raise PermissionError(13, "Permission denied", str(self.directory))
        except OSError as exc:
            self.directory = directory or Path(os.path.expanduser("~/.rolemap")) / "recovery"
            where = exc.filename or self.directory
            self.disabled_reason = f"{where}: {exc.strerror or exc}"
        self._new_identity()
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self.autosave_now)
        self._max = QTimer(self)
        self._max.setSingleShot(True)
        self._max.setInterval(MAX_INTERVAL_MS)
        self._max.timeout.connect(self.autosave_now)
        self._io = threading.Lock()
        self._pending: tuple[Chart, str | None, str | None, str] | None = None
        self._worker: threading.Thread | None = None
        # Set by the window: commits open cell editors so their text is autosaved too.
        self.before_autosave: Callable[[], object] | None = None
        # Set by the window: the worker process that writes a large chart's recovery copy.
        self.worker_for: Callable[[Chart], WorkerClient | None] = lambda _chart: None
        self._worker_used: WorkerClient | None = None
        self._saving = False
        self._due = False
        self._done.connect(self._finished)
        document.applied.connect(self._edited)
        document.undo_stack.cleanChanged.connect(self._clean_changed)

    _done = Signal(str, str)  # path, error ("" when fine)

    def _new_identity(self) -> None:
        self.id = uuid.uuid4().hex
        self._lock = QLockFile(str(self.directory / f"{self.id}.lock"))
        self._lock.setStaleLockTime(0)
        self._lock.tryLock(0)

    @property
    def chart_path(self) -> Path:
        return self.directory / f"{self.id}.yaml"

    def adopt(self, entry: RecoveryEntry) -> None:
        """Continue autosaving into a recovered document's files (its lock is ours now)."""
        self._drop_files()
        self._lock.unlock()
        Path(self._lock.fileName()).unlink(missing_ok=True)
        self.id = entry.id
        self._lock = entry.lock

    def _edited(self, _ops: object) -> None:
        # No is_modified() check here: QUndoStack.push() runs the command before it moves
        # its index, so the first edit after a save still looks clean at this point.
        self._idle.start()
        if not self._max.isActive():
            self._max.start()

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            # Back at the saved state (a save, or undo all the way back): nothing to recover,
            # and an old autosave would offer an undone edit as unsaved work after a crash.
            self._idle.stop()
            self._max.stop()
            self._drop_files(wait=False)

    def saving(self, on: bool) -> None:
        """While a save is being written no autosave starts (it would only compete with it);
        one that came due meanwhile runs after a save that failed."""
        self._saving = on
        if not on and self._due:
            self._due = False
            self._idle.start()

    def autosave_now(self) -> None:
        if self._saving:
            self._due = True
            return
        self._idle.stop()
        self._max.stop()
        if self.before_autosave is not None:
            self.before_autosave()
        if self.disabled_reason is not None or not self.doc.is_modified():
            return
        worker = self.worker_for(self.doc.chart)
        if worker is not None:
            meta = self._meta(self.doc.chart, self.doc.path, self.doc.file_hash)
            if worker.autosave(self.doc.chart, str(self.chart_path), meta, self.doc.header):
                if self._worker_used is not worker:
                    worker.autosaved.connect(lambda _req, path, error: self._done.emit(path, error))
                    self._worker_used = worker
                return
        with self._io:
            self._pending = (self.doc.chart, self.doc.path, self.doc.file_hash, self.doc.header)
            if self._worker is None:
                self._worker = threading.Thread(
                    target=self._run, name="rolemap-autosave", daemon=True
                )
                self._worker.start()

    def _run(self) -> None:
        while True:
            with self._io:
                job, self._pending = self._pending, None
                if job is None:
                    self._worker = None  # under the lock: the next autosave starts a thread
                    return
            chart, original, original_hash, header = job
            try:
                # The sidecar first: a kill between the two writes leaves an incomplete
                # entry that is reported, never a chart nobody offers back.
                write_atomic(
                    self.chart_path.with_suffix(".json"), self._meta(chart, original, original_hash)
                )
                write_atomic(self.chart_path, dumps(chart, header).encode("utf-8"))
                self._done.emit(str(self.chart_path), "")
            except OSError as exc:
                self._done.emit(str(self.chart_path), str(exc))

    @staticmethod
    def _meta(chart: Chart, original: str | None, original_hash: str | None) -> bytes:
        meta = {
            "original": original,
            "original_sha256": original_hash,
            "saved_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "title": chart.title,
            "pid": os.getpid(),
        }
        return json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8")

    def _finished(self, path: str, error: str) -> None:
        if error:
            self.failed.emit(error)
        else:
            self.written.emit(path)

    def wait(self) -> None:
        if self._worker_used is not None:
            self._worker_used.wait_autosaves()
        with self._io:
            worker = self._worker
        if worker is not None:
            worker.join(10)

    def _drop_files(self, wait: bool = True) -> None:
        if self.disabled_reason is not None:
            return
        files = [str(self.chart_path.with_suffix(suffix)) for suffix in (".yaml", ".json")]
        worker = self._worker_used
        if not wait and worker is not None and worker.has_pending_autosaves():
            # The worker writes requests in order: it removes the files after the autosave
            # it is still writing, and the save need not wait for that autosave.
            worker.remove_files(files)
        else:
            self.wait()
        for path in files:
            Path(path).unlink(missing_ok=True)

    def saved(self) -> None:
        """After a successful save: the recovery copy is no longer needed."""
        self._idle.stop()
        self._max.stop()
        self._drop_files(wait=False)

    def discarded(self) -> None:
        """After the user chose to discard their changes."""
        self.saved()

    def close(self) -> None:
        """The window closes with nothing unsaved (or discarded): remove files and lock."""
        if self.disabled_reason is not None:
            return
        self._drop_files()
        self._lock.unlock()
        Path(self._lock.fileName()).unlink(missing_ok=True)


__all__ = [
    "Broken",
    "ChartLoadError",
    "RecoveryEntry",
    "RecoveryManager",
    "file_hash",
    "find_orphans",
]
