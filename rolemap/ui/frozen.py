"""A table view whose first column stays put while the others scroll sideways.

A second, borderless view showing only column 0 lies over the table (the pattern of Qt's
"Frozen Column" example); both share the model and the selection model, and scroll together.
Focus stays with the table; editing column 0 opens the editor in the frozen copy, on top.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex


def blind_headers(view: QTableView) -> None:
    """Give the view's headers a selection of their own that stays empty.

    Painting a header section, Qt asks whether the sections beside it are selected
    (``isColumnSelected``), whether or not selected sections are highlighted, and that asks
    the model for ``flags()`` of every row: after Ctrl+A on 10,000 rows, 90,000 Python calls
    and 2-3 s per repaint of the header. Our headers do not highlight the selection, so they
    need not see it. The view's own selection model is untouched.
    """
    model = view.model()
    for header in (view.horizontalHeader(), view.verticalHeader()):
        header.setHighlightSections(False)
        if model is not None:
            header.setSelectionModel(QItemSelectionModel(model, header))


class FrozenTableView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        frozen = self.frozen
        frozen.setObjectName("frozenColumn")
        frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        frozen.verticalHeader().hide()
        frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        frozen.setFrameShape(QTableView.Shape.NoFrame)
        frozen.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Above the table's viewport (Qt's example says viewport().stackUnder(frozen): the same
        # here, and that call cost 15-20 ms of start-up in PySide, raise_() nothing).
        frozen.raise_()
        frozen.installEventFilter(self)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.verticalHeader().sectionResized.connect(
            lambda i, _o, size: self.frozen.setRowHeight(i, size)
        )
        frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(frozen.verticalScrollBar().setValue)
        frozen.horizontalHeader().sectionClicked.connect(self._frozen_header_clicked)

    # ------------------------------------------------------------ keeping the copy in step

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        for view in (self, self.frozen):
            blind_headers(view)
        if model is not None:
            for signal in (model.modelReset, model.columnsInserted, model.columnsRemoved):
                signal.connect(self._hide_other_columns)
            model.layoutChanged.connect(self._hide_other_columns)
        self._hide_other_columns()

    def setSelectionBehavior(self, behavior: QAbstractItemView.SelectionBehavior) -> None:
        super().setSelectionBehavior(behavior)
        self.frozen.setSelectionBehavior(behavior)

    def setEditTriggers(self, triggers: QAbstractItemView.EditTrigger) -> None:
        super().setEditTriggers(triggers)
        self.frozen.setEditTriggers(triggers)

    def setItemDelegateForColumn(self, column: int, delegate: Any) -> None:
        super().setItemDelegateForColumn(column, delegate)
        if column == 0:
            self.frozen.setItemDelegateForColumn(0, delegate)

    def _hide_other_columns(self, *_args: object) -> None:
        model = self.model()
        if model is None:
            return
        for col in range(model.columnCount()):
            if self.frozen.isColumnHidden(col) != (col != 0):  # each change relayouts
                self.frozen.setColumnHidden(col, col != 0)
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        self._update_geometry()

    def _section_resized(self, index: int, _old: int, size: int) -> None:
        if index == 0:
            self.frozen.setColumnWidth(0, size)
            self._update_geometry()

    def _frozen_header_clicked(self, section: int) -> None:
        if self.isSortingEnabled():
            header = self.horizontalHeader()
            ascending = not (
                header.sortIndicatorSection() == section
                and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
            )
            order = Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder
            self.sortByColumn(section, order)
            self.frozen.horizontalHeader().setSortIndicatorShown(True)
            self.frozen.horizontalHeader().setSortIndicator(section, order)

    def _update_geometry(self) -> None:
        frame = self.frameWidth()
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        self.frozen.setGeometry(
            self.verticalHeader().width() + frame,
            frame,
            self.columnWidth(0),
            self.viewport().height() + self.horizontalHeader().height(),
        )
        self.frozen.setVisible(self.horizontalHeader().count() > 0)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._update_geometry()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if hasattr(self, "frozen"):
            self._update_geometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The frozen copy never keeps the focus: it goes back to the table (after an edit).
        if watched is self.frozen and event.type() == QEvent.Type.FocusIn:
            self.setFocus()
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ never hide a cell under it

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        current = super().moveCursor(cursorAction, modifiers)
        self._reveal(current)
        return current

    def _reveal(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() > 0:
            left = self.visualRect(index).left()
            width = self.frozen.columnWidth(0)
            if left < width:
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() + left - width)

    def scrollTo(
        self, index: Index, hint: Any = QAbstractItemView.ScrollHint.EnsureVisible
    ) -> None:
        if index.column() > 0:
            super().scrollTo(index, hint)
            self._reveal(self.model().index(index.row(), index.column()))
        else:
            # Column 0 is always visible: scroll vertically only.
            bar = self.horizontalScrollBar()
            keep = bar.value()
            super().scrollTo(index, hint)
            bar.setValue(keep)

    def edit(self, index: Index, trigger: Any = None, event: Any = None) -> Any:
        if trigger is None:  # the edit(index) slot
            return super().edit(index)
        if index.isValid() and index.column() == 0 and self.frozen.isVisible():
            return bool(self.frozen.edit(index, trigger, event))
        return bool(super().edit(index, trigger, event))
