"""The overlap analysis: a pure function from a chart to warnings and convergence scores.

The names below are imported on first use (PEP 562), so that the near-duplicate join
(``similarity``, ``join``, ``prefetch``) can be imported without the chart model and pydantic:
``rolemap check`` forks its join before those are imported (``prefetch``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOME = {name: "rolemap.core.analysis.rules" for name in __all__}
_HOME["Convergence"] = "rolemap.core.analysis.convergence"


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
