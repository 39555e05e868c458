"""Open cell editors: their text goes into the chart before a save, a close or an autosave.

Without this, F2, typing and Ctrl+S saved the chart without the typed text and marked it clean;
closing then committed the text after the unsaved-changes check, and it was lost.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QWidget


def commit_open_editors(root: QWidget, *, close: bool = False) -> int:
    """Commit every open cell editor under ``root`` (and close it when ``close``).

    Returns how many editors were committed. The editor stays open by default: an autosave
    must not take the cell away from someone still typing.
    """
    committed = 0
    for view in root.findChildren(QAbstractItemView):
        if view.state() != QAbstractItemView.State.EditingState:
            continue
        index = view.currentIndex()
        editor = view.indexWidget(index)
        if editor is None:
            continue
        delegate = view.itemDelegateForIndex(index)
        # The delegate's signals are wired to the view's protected slots: emitting them is
        # the public way to ask the view to commit (and close) exactly as Enter would.
        delegate.commitData.emit(editor)
        committed += 1
        if close:
            delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    return committed
