"""The status bar's permanent part: warning counts by severity and the most convergent pairs."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QStatusBar

from rolemap.core.analysis import SEVERITIES, Analysis
from rolemap.core.model import Chart
from rolemap.ui.i18n import tr
from rolemap.ui.models import _severity_colour

# Chinese glyphs (a fallback font) and the symbols shown make a line taller than Latin text.
_TALLEST_LINE = "中文 ● ↔ Ag"


class StatusLabel(QLabel):
    """A label as tall as a line of Chinese from the start, whatever it shows.

    When the first analysis of a Chinese chart put its function names here, the label grew by
    a pixel, and with it the status bar: every dock and view of the window was laid out and
    painted again (50-60 ms of the GUI thread at 10,000 tasks)."""

    def _tallest(self) -> int:
        line = self.fontMetrics().boundingRect(
            QRect(0, 0, 1 << 16, 1 << 10), Qt.TextFlag.TextSingleLine, _TALLEST_LINE
        )
        margins = self.contentsMargins()
        return line.height() + margins.top() + margins.bottom() + 2 * self.margin()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self._tallest()))

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self._tallest()))


class StatusCounts:
    def __init__(self, bar: QStatusBar) -> None:
        self.counts = StatusLabel()
        self.counts.setObjectName("statusCounts")
        self.scores = StatusLabel()
        self.scores.setObjectName("statusScores")
        self.scores.setToolTip(tr("Convergence: how alike two functions' goals are (0 to 1)"))
        bar.addPermanentWidget(self.scores)
        bar.addPermanentWidget(self.counts)

    def show_analysis(self, analysis: Analysis, chart: Chart) -> None:
        counts = analysis.counts()
        self.counts.setText(
            " ".join(
                f"<span style='color:{_severity_colour(s).name()}'>●</span> {counts[s]} {tr(s)}"
                for s in SEVERITIES
            )
        )
        names = {f.id: f.name for f in chart.functions}
        top = sorted(analysis.convergence, key=lambda c: -c.score)[:3]
        self.scores.setText(
            "  ".join(
                f"{names.get(c.functions[0])} ↔ {names.get(c.functions[1])} {c.score:.2f}"
                for c in top
            )
        )

    def show_pending(self) -> None:
        self.counts.setText(tr("Analysing…"))
        self.scores.setText("")
