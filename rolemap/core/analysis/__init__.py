"""The overlap analysis: a pure function from a chart to warnings and convergence scores."""

from __future__ import annotations

from rolemap.core.analysis.convergence import Convergence
from rolemap.core.analysis.rules import (
    RULE_ORDER,
    SEVERITIES,
    Analysis,
    OverlapWarning,
    Settings,
    analyse,
    chart_language,
)

__all__ = [
    "RULE_ORDER",
    "SEVERITIES",
    "Analysis",
    "Convergence",
    "OverlapWarning",
    "Settings",
    "analyse",
    "chart_language",
]
