"""Presentation mode: full screen, large type, high contrast, only the view the room looks at."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow

from rolemap.ui.i18n import tr
from rolemap.ui.zoom import Zoom

PRESENTATION_STEPS = 5  # zoom steps added on top of the user's own (about 1.75× the text)
# No font properties here: a style sheet that sets one freezes the font of the widgets it
# matches, and zoom (Ctrl++) would no longer reach them. Bold comes from Zoom.bold.
HIGH_CONTRAST = """
QTableView { gridline-color: #000000; }
QHeaderView::section { background: #000000; color: #ffffff; border: 1px solid #ffffff;
                       padding: 4px; }
QTableView::item:selected { background: #0033cc; color: #ffffff; }
"""


def high_contrast_palette() -> QPalette:
    palette = QPalette()
    black, white = QColor("#000000"), QColor("#ffffff")
    for role, colour in (
        (QPalette.ColorRole.Window, white),
        (QPalette.ColorRole.WindowText, black),
        (QPalette.ColorRole.Base, white),
        (QPalette.ColorRole.AlternateBase, QColor("#e8e8e8")),
        (QPalette.ColorRole.Text, black),
        (QPalette.ColorRole.Button, white),
        (QPalette.ColorRole.ButtonText, black),
        (QPalette.ColorRole.Highlight, QColor("#0033cc")),
        (QPalette.ColorRole.HighlightedText, white),
        (QPalette.ColorRole.ToolTipBase, QColor("#ffffcc")),
        (QPalette.ColorRole.ToolTipText, black),
        (QPalette.ColorRole.Mid, QColor("#404040")),
        (QPalette.ColorRole.BrightText, white),
    ):
        palette.setColor(role, colour)
    return palette


class Presentation:
    def __init__(self, window: QMainWindow, zoom: Zoom) -> None:
        self.window = window
        self.zoom = zoom
        self.active = False
        self._hidden_docks: list[QDockWidget] = []
        self._was_maximized = False
        self._scores: QLabel | None = None
        self.changed: Callable[[bool], object] = lambda _active: None
        self.fits: Callable[[], bool] = lambda: True  # does the shown view fit the screen?
        zoom.listeners.insert(0, self._restyle)  # before column widths are measured

    def _restyle(self) -> None:
        # A style sheet freezes the fonts of the widgets it styles: set it again after every
        # font change, so that Ctrl++ still works while presenting.
        self.window.setStyleSheet("")
        if self.active:
            self.window.setStyleSheet(HIGH_CONTRAST)

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def enter(self) -> None:
        if self.active:
            return
        self.active = True
        window = self.window
        self._was_maximized = window.isMaximized()
        self._hidden_docks = [
            d for d in window.findChildren(QDockWidget) if d.isVisible() and not d.isFloating()
        ]
        for dock in self._hidden_docks:
            dock.hide()
        window.setPalette(high_contrast_palette())
        self.zoom.bold = True
        # As large as the screen allows: every column of the view still fits across.
        for steps in range(PRESENTATION_STEPS, 0, -1):
            self.zoom.extra = steps
            self.zoom.apply()  # then _restyle, through the zoom listener
            if self.fits():
                break
        window.showFullScreen()
        self._scores = window.findChild(QLabel, "statusScores")
        if self._scores is not None:
            self._scores.hide()  # leaves room for the counts and the hint
        self.changed(True)
        window.statusBar().showMessage(tr("Presentation mode: Esc to leave"), 4000)

    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        window = self.window
        window.setPalette(QApplication.palette())
        self.zoom.extra = 0
        self.zoom.bold = False
        self.zoom.apply()
        for dock in self._hidden_docks:
            dock.show()
        self.changed(False)
        if self._scores is not None:
            self._scores.show()
        if self._was_maximized:
            window.showMaximized()
        else:
            window.showNormal()
