"""The status bar's permanent part: warning counts by severity and the most convergent pairs."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from rolemap.core.analysis import SEVERITIES, Analysis
from rolemap.core.model import Chart
from rolemap.ui.i18n import tr
from rolemap.ui.models import _severity_colour


class StatusCounts:
    def __init__(self, bar: QStatusBar) -> None:
        self.counts = QLabel()
        self.counts.setObjectName("statusCounts")
        self.scores = QLabel()
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
