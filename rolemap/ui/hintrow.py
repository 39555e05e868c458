"""A row of text fields that show their whole hint, with options beside them while they fit.

Above the matrix and the task list: the capture and filter fields share the row in proportion
to their hints (the placeholder text), and the options (grouping, check boxes, counts) move below
them when both hints would be cut, as in Chinese at 1280x720 with larger text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLineEdit, QWidget


def hint_width(edit: QLineEdit) -> int:
    """What ``edit`` needs to show its whole placeholder (frame, margins, clear button)."""
    metrics = edit.fontMetrics()
    return metrics.horizontalAdvance(edit.placeholderText()) + 2 * metrics.height() + 16


class HintRow(QBoxLayout):
    def __init__(
        self,
        fields: Sequence[QLineEdit],
        options: Sequence[QWidget],
        capped: Sequence[QLineEdit] = (),
    ) -> None:
        super().__init__(QBoxLayout.Direction.LeftToRight)
        self.edits = list(fields)
        # Never wider than their hint (the others take the room), and shown whole if they can.
        self.capped = list(capped)
        self.fields = QHBoxLayout()
        for edit in self.edits:
            self.fields.addWidget(edit, 1)
        self.options = QHBoxLayout()
        for widget in options:
            self.options.addWidget(widget)
        self.options.addStretch(0)
        self.addLayout(self.fields, 1)
        self.addLayout(self.options)

    def fit(self, width: int) -> None:
        """Share the fields by their hints; put the options below when ``width`` is too small."""
        hints = [hint_width(edit) for edit in self.edits]
        for i, hint in enumerate(hints):
            self.fields.setStretch(i, hint)
        for edit in self.capped:
            em = edit.fontMetrics().horizontalAdvance("M")
            edit.setMaximumWidth(max(16 * em, hint_width(edit)))
            # A short fixed hint stays whole beside a long one (a goal's name in the capture
            # hint); the long one keeps its whole text in its tooltip.
            edit.setMinimumWidth(min(hint_width(edit), int(width * 0.45)))
        spacing = max(self.spacing(), 0)
        needed = sum(hints) + self.options.sizeHint().width() + spacing * (len(hints) + 1) + 8
        direction = (
            QBoxLayout.Direction.LeftToRight
            if width >= needed
            else QBoxLayout.Direction.TopToBottom
        )
        if self.direction() != direction:
            self.setDirection(direction)
            # Side by side the fields take the room the options leave; stacked, no height.
            self.setStretch(0, 1 if direction == QBoxLayout.Direction.LeftToRight else 0)

    @property
    def stacked(self) -> bool:
        return self.direction() == QBoxLayout.Direction.TopToBottom
