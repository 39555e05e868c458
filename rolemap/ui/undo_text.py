"""Undo and redo texts in the app's language: the core names its edits in English.

The core knows no Qt, so its edit texts ("Add task 'x'", "Set Marketing of 'x' to RA") are
recognised here and rebuilt from translated templates; a text that matches no pattern (the UI's
own, already translated) is shown as it is.
"""

from __future__ import annotations

import re

from rolemap.ui.i18n import QT_TR_NOOP, tr

# Most specific first: a task title may itself contain " to ".
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), template)
    for pattern, template in (
        (r"Rename chart", QT_TR_NOOP("Rename chart")),
        (r"Set tags of '(?P<name>.*)'", QT_TR_NOOP("Set tags of '%(name)s'")),
        (r"Set goals of '(?P<name>.*)'", QT_TR_NOOP("Set goals of '%(name)s'")),
        (r"Set KPIs of '(?P<name>.*)'", QT_TR_NOOP("Set KPIs of '%(name)s'")),
        (r"Add task '(?P<name>.*)'", QT_TR_NOOP("Add task '%(name)s'")),
        (r"Duplicate (?P<count>\d+) tasks", QT_TR_NOOP("Duplicate %(count)s tasks")),
        (r"Rename goal '(?P<name>.*)'", QT_TR_NOOP("Rename goal '%(name)s'")),
        (r"Rename function '(?P<name>.*)'", QT_TR_NOOP("Rename function '%(name)s'")),
        (r"Clear (?P<count>\d+) cells", QT_TR_NOOP("Clear %(count)s cells")),
        (r"Clear cell", QT_TR_NOOP("Clear cell")),
        (
            r"Set (?P<function>.+?) of '(?P<name>.*)' to (?P<value>.*)",
            QT_TR_NOOP("Set %(function)s of '%(name)s' to %(value)s"),
        ),
    )
)


def undo_text(text: str) -> str:
    """``text`` of a core edit in the app's language (unchanged in English)."""
    for pattern, template in _PATTERNS:
        match = pattern.fullmatch(text)
        if match is not None:
            return tr(template) % match.groupdict()
    return text
