"""The open document: the current chart snapshot, its file, and the undo stack every edit goes through."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from rolemap.core.edit import Edit, Op, Step
from rolemap.core.fileformat import DEFAULT_HEADER
from rolemap.core.model import Chart
from rolemap.core.roundtrip import Layout
from rolemap.ui.undo_text import undo_text


class EditCommand(QUndoCommand):
    """One undoable edit: replays the core's steps forwards or backwards."""

    def __init__(self, document: Document, edit: Edit) -> None:
        super().__init__(undo_text(edit.text))
        self._document = document
        self._edit = edit

    def redo(self) -> None:
        for step in self._edit.redo:
            self._document._apply(step)

    def undo(self) -> None:
        for step in self._edit.undo:
            self._document._apply(step)


class Document(QObject):
    """Models listen to ``aboutToApply`` / ``applied`` to update rows without resets."""

    aboutToApply = Signal(object)  # tuple[Op, ...]
    applied = Signal(object)  # tuple[Op, ...]
    aboutToReset = Signal()
    reset = Signal()  # a different chart was loaded
    pathChanged = Signal(str)

    def __init__(self, chart: Chart, path: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._chart = chart
        self.path = path
        self.header = DEFAULT_HEADER
        self.file_hash: str | None = None
        # The file's text as loaded or last saved: saves rewrite only what changed in it.
        self.layout: Layout | None = None
        # True when ``path`` came from recovery data: the first save confirms it.
        self.confirm_path = False
        self.undo_stack = QUndoStack(self)

    @property
    def chart(self) -> Chart:
        return self._chart

    def push(self, edit: Edit | None) -> bool:
        """The only way the UI changes the chart. An edit built on another snapshot (the
        file was reloaded while a dialog was open) is refused: it would undo the reload."""
        if edit is None or edit.undo[-1].chart is not self._chart or edit.after == self._chart:
            return False
        self.undo_stack.push(EditCommand(self, edit))
        return True

    def _apply(self, step: Step) -> None:
        self.aboutToApply.emit(step.ops)
        self._chart = step.chart
        self.applied.emit(step.ops)

    def replace(self, chart: Chart, path: str | None, header: str = DEFAULT_HEADER) -> None:
        """Load a different chart: models reset, undo history starts afresh."""
        self.aboutToReset.emit()
        self._chart = chart
        self.header = header
        self.layout = None
        self.confirm_path = False
        self.undo_stack.clear()
        self.set_path(path)
        self.reset.emit()

    def set_path(self, path: str | None) -> None:
        self.path = path
        self.pathChanged.emit(path or "")

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()


__all__ = ["Document", "EditCommand", "Op"]
