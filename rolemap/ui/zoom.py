"""Text size: a zoom step kept in the settings and applied to the window's font and row heights."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

MIN_STEP, MAX_STEP = -4, 12


class Zoom:
    def __init__(self, window: QWidget, settings: QSettings) -> None:
        self.window = window
        self.settings = settings
        self.views: list[QAbstractItemView] = []
        self.step = int(settings.value("zoom", 0))  # type: ignore[call-overload]
        self._base_point_size = QApplication.font().pointSizeF()

    def add_view(self, view: QAbstractItemView) -> None:
        """Rows of this view grow with the text."""
        self.views.append(view)
        self.apply()

    def zoom(self, step: int) -> None:
        """One step larger (1) or smaller (-1); 0 back to normal."""
        self.step = 0 if step == 0 else max(MIN_STEP, min(MAX_STEP, self.step + step))
        self.settings.setValue("zoom", self.step)
        self.apply()

    def font(self) -> QFont:
        font = QFont(QApplication.font())
        base = self._base_point_size if self._base_point_size > 0 else 10.0
        font.setPointSizeF(max(6.0, base * (1 + 0.15 * self.step)))
        return font

    def apply(self) -> None:
        font = self.font()
        self.window.setFont(font)
        for view in self.views:
            vh = getattr(view, "verticalHeader", None)
            if vh is not None:
                vh().setDefaultSectionSize(int(font.pointSizeF() * 2.4))
