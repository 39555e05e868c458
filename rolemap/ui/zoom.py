"""Text size: a zoom step kept in the settings, applied to the whole application (menus and
dialogs too), and to the row heights and column widths of the views that ask for it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMenu, QTableView, QWidget

MIN_STEP, MAX_STEP = -4, 12
_BASE = "rolemapBasePointSize"  # the font size before any zoom, kept on the application


def base_point_size() -> float:
    app = QApplication.instance()
    if app is None:
        return 10.0
    base = app.property(_BASE)
    if not base:
        base = QApplication.font().pointSizeF()
        base = base if base > 0 else 10.0
        app.setProperty(_BASE, base)
    return float(base)


class Zoom:
    def __init__(self, window: QWidget, settings: QSettings) -> None:
        self.window = window
        self.settings = settings
        self.views: list[QTableView] = []
        self.listeners: list[Callable[[], None]] = []
        self.step = int(settings.value("zoom", 0))  # type: ignore[call-overload]
        self.extra = 0  # presentation mode adds steps without saving them
        self.bold = False  # and asks for heavier type
        self._base = base_point_size()

    def add_view(self, view: QTableView) -> None:
        """Rows of this view grow with the text."""
        self.views.append(view)
        self.apply()

    def on_change(self, listener: Callable[[], None]) -> None:
        """Called after the font changed (e.g. to resize columns)."""
        self.listeners.append(listener)
        listener()

    def zoom(self, step: int) -> None:
        """One step larger (1) or smaller (-1); 0 back to normal."""
        self.step = 0 if step == 0 else max(MIN_STEP, min(MAX_STEP, self.step + step))
        self.settings.setValue("zoom", self.step)
        self.apply()

    def font(self) -> QFont:
        font = QFont(QApplication.font())
        steps = min(MAX_STEP + 8, self.step + self.extra)
        font.setPointSizeF(max(6.0, self._base * (1 + 0.15 * steps)))
        font.setWeight(QFont.Weight.DemiBold if self.bold else QFont.Weight.Normal)
        return font

    def apply(self) -> None:
        font = self.font()
        QApplication.setFont(font)  # dialogs, message boxes, tooltips
        self.window.setFont(font)
        for menu in self.window.findChildren(QMenu):  # popups do not inherit the window's font
            menu.setFont(font)
        for view in self.views:
            view.verticalHeader().setDefaultSectionSize(int(font.pointSizeF() * 2.4))
            frozen = getattr(view, "frozen", None)  # a frozen first column keeps rows in step
            if isinstance(frozen, QTableView):
                frozen.verticalHeader().setDefaultSectionSize(int(font.pointSizeF() * 2.4))
        for listener in self.listeners:
            listener()

    def restore_application_font(self) -> None:
        """Back to the unzoomed font (when the window closes)."""
        font = QFont(QApplication.font())
        font.setPointSizeF(self._base)
        QApplication.setFont(font)
