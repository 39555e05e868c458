"""Offers the autosaved work of crashed sessions at start-up and puts it back into a window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from rolemap.core.errors import ChartLoadError
from rolemap.core.fileformat import DEFAULT_HEADER, read_header
from rolemap.core.model import Chart
from rolemap.ui.filesession import FileSession
from rolemap.ui.i18n import language, tr
from rolemap.ui.recovery import RecoveryEntry, find_orphans


class HasRestore(Protocol):
    """A window that can take recovered work."""

    restore: Restore

    def show(self) -> None: ...


class Restore:
    def __init__(self, session: FileSession) -> None:
        self.session = session

    def offer(self, new_window: Callable[[], HasRestore]) -> list[HasRestore]:
        """Offer the recovery files of crashed sessions; returns the extra windows opened."""
        session = self.session
        prompts = session.prompts
        if session.recovery.disabled_reason is not None:
            return []  # no usable data folder: nothing was autosaved there
        entries, problems = find_orphans(session.recovery.directory)
        if problems and prompts.ask_discard_broken("\n".join(problems)):
            for problem in problems:
                problem.discard()
        extra: list[HasRestore] = []
        target: Restore = self
        for entry in entries:
            choice = prompts.ask_recovery(entry)
            if choice == "discard":
                entry.discard()
                continue
            if choice != "recover":
                entry.release()
                continue
            try:
                chart = entry.load()
            except (ChartLoadError, OSError) as exc:
                message = (
                    exc.format(lang=language()) if isinstance(exc, ChartLoadError) else str(exc)
                )
                prompts.show_error(str(entry.chart_path), message)
                entry.release()
                continue
            doc = target.session.doc
            if doc.is_modified() or doc.path is not None or target is not self:
                window = new_window()
                window.show()
                extra.append(window)
                target = window.restore
            target.recover(entry, chart)
        return extra

    def recover(self, entry: RecoveryEntry, chart: Chart) -> None:
        session = self.session
        doc = session.doc
        doc.file_hash = entry.original_hash
        header = read_header(entry.chart_path.read_text(encoding="utf-8", errors="replace"))
        doc.replace(chart, entry.original, header or DEFAULT_HEADER)
        doc.confirm_path = entry.original is not None  # the first save asks where it goes
        if entry.original:
            session.recent.add(entry.original)
        doc.undo_stack.resetClean()
        session.recovery.adopt(entry)
        session.window.statusBar().showMessage(
            tr("Recovered unsaved work from %s") % entry.saved_at, 8000
        )
