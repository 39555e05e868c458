"""Cell editors: a combo for one choice, a checkable list for several."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from rolemap.ui.models import IdsRole

Choices = Callable[[], list[tuple[str, str, str]]]  # (value, label, tooltip)
Index = QModelIndex | QPersistentModelIndex


class ComboDelegate(QStyledItemDelegate):
    """Pick one value from ``choices()``; the model's EditRole holds the value."""

    def __init__(self, choices: Choices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for value, label, tip in self._choices():
            combo.addItem(label, value)
            if tip:
                combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        combo.activated.connect(lambda _i: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole)
        pos = editor.findData(value)
        editor.setCurrentIndex(max(pos, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class CheckListCombo(QComboBox):
    """A combo whose popup is a list of checkable items; clicks and Space toggle, Enter closes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setEditable(False)
        self.view().viewport().installEventFilter(self)
        self.view().installEventFilter(self)
        self._summary = ""
        # A release only toggles after a press inside the popup: the release of the
        # double-click that opened the editor lands there too, and must not tick anything.
        self._pressed = False

    def set_items(self, items: list[tuple[str, str, str]], checked: list[str]) -> None:
        self._model.clear()
        for value, label, tip in items:
            item = QStandardItem(label)
            item.setData(value, Qt.ItemDataRole.UserRole)
            item.setToolTip(tip)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if value in checked else Qt.CheckState.Unchecked
            )
            self._model.appendRow(item)

    def checked(self) -> list[str]:
        out = []
        for row in range(self._model.rowCount()):
            item = self._model.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_checked(self, values: list[str]) -> None:
        for row in range(self._model.rowCount()):
            item = self._model.item(row)
            on = item.data(Qt.ItemDataRole.UserRole) in values
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _toggle(self, row: int) -> None:
        item = self._model.item(row)
        if item is not None:
            on = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if on else Qt.CheckState.Checked)
            self.update()

    def showPopup(self) -> None:
        self._pressed = False
        super().showPopup()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view().viewport() and event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonDblClick,
        ):
            self._pressed = True
            return True
        if watched is self.view().viewport() and event.type() == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            index = self.view().indexAt(event.position().toPoint())
            if index.isValid() and self._pressed:
                self._toggle(index.row())
            self._pressed = False
            return True
        if watched is self.view() and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            current = self.view().currentIndex()
            if event.key() == Qt.Key.Key_Space:
                # Before any arrow key nothing is current: Space then toggles the first item.
                self._toggle(current.row() if current.isValid() else 0)
                if not current.isValid():
                    self.view().setCurrentIndex(self._model.index(0, 0))
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.hidePopup()  # commits (Qt ignores Enter while nothing is current)
                return True
        return super().eventFilter(watched, event)

    def paintEvent(self, event: Any) -> None:
        labels = [
            self._model.item(r).text()
            for r in range(self._model.rowCount())
            if self._model.item(r).checkState() == Qt.CheckState.Checked
        ]
        self.setPlaceholderText(", ".join(labels) or "—")
        if self.currentIndex() != -1:  # (setting it again would clear the popup's cursor)
            self.setCurrentIndex(-1)
        super().paintEvent(event)

    def hidePopup(self) -> None:
        super().hidePopup()
        self.closed()

    def closed(self) -> None:
        """Overridden by the delegate to commit when the popup closes."""


class CheckListDelegate(QStyledItemDelegate):
    """Pick several values from ``choices()``; the model's IdsRole holds the list."""

    def __init__(self, choices: Choices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = CheckListCombo(parent)
        combo.set_items(self._choices(), index.data(IdsRole) or [])

        def commit() -> None:
            # Once: closing the editor hides the popup again, and the editor is gone by then.
            combo.closed = lambda: None  # type: ignore[method-assign]
            self.commitData.emit(combo)
            self.closeEditor.emit(combo)

        combo.closed = commit  # type: ignore[method-assign]
        QTimer.singleShot(0, combo.showPopup)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, CheckListCombo)
        if not editor.view().isVisible():
            editor.set_checked(index.data(IdsRole) or [])

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, CheckListCombo)
        model.setData(index, editor.checked(), Qt.ItemDataRole.EditRole)
