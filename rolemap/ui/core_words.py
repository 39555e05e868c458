"""Words that the core hands to the UI in English and the UI shows through ``tr()``.

Listed here so that ``pyside6-lupdate`` extracts them (the core knows no Qt and is not scanned).
"""

from __future__ import annotations

from rolemap.ui.i18n import QT_TR_NOOP

SEVERITY_WORDS = (QT_TR_NOOP("high"), QT_TR_NOOP("medium"), QT_TR_NOOP("low"))

# rolemap.core.diff_report.DiffRow.section
DIFF_SECTIONS = (
    QT_TR_NOOP("chart"),
    QT_TR_NOOP("functions"),
    QT_TR_NOOP("goals"),
    QT_TR_NOOP("tasks"),
    QT_TR_NOOP("warnings"),
    QT_TR_NOOP("convergence"),
)

# rolemap.core.diff_report.DiffRow.mark (the Changes panel's tooltips)
DIFF_MARKS = (
    QT_TR_NOOP("added"),
    QT_TR_NOOP("removed"),
    QT_TR_NOOP("changed"),
    QT_TR_NOOP("opened"),
    QT_TR_NOOP("closed"),
    QT_TR_NOOP("reviewed"),
)
