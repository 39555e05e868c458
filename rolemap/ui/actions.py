"""Actions as data, and menus with named sections that other parts of the app add to.

Add an item to a menu without touching the window's own list:

    window.menus.add("file", "export", action)     # File menu, Export section
    window.menus.add("view", "panels", dock.toggleViewAction())

Sections of each menu, top to bottom, are in ``MENU_SECTIONS``; empty sections collapse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from rolemap.ui.i18n import QT_TR_NOOP, tr

Shortcut = QKeySequence.StandardKey | str | tuple[str, ...] | None

# menu id -> (title, section ids in order)
MENU_SECTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "file": (QT_TR_NOOP("&File"), ("new", "open", "save", "import", "export", "close", "quit")),
    "edit": (QT_TR_NOOP("&Edit"), ("undo", "tasks", "chart", "other")),
    "view": (QT_TR_NOOP("&View"), ("views", "zoom", "focus", "panels")),
    "review": (QT_TR_NOOP("&Review"), ("review", "mode")),
    "help": (QT_TR_NOOP("&Help"), ("help",)),
}


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    menu: str
    section: str
    handler: Callable[[], object]
    shortcut: Shortcut = None
    tip: str = ""


def make_action(
    parent: QWidget,
    id: str,
    text: str,
    handler: Callable[[], object],
    shortcut: Shortcut = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, parent)
    action.setObjectName(id)
    if isinstance(shortcut, tuple):
        action.setShortcuts([QKeySequence(s) for s in shortcut])
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _c=False: handler())
    return action


class Menus:
    """The menu bar: one QMenu per id, each split into named sections."""

    def __init__(self, bar: QMenuBar, parent: QWidget) -> None:
        self.parent = parent
        self.menus: dict[str, QMenu] = {}
        self._ends: dict[tuple[str, str], QAction] = {}
        self.actions: dict[str, QAction] = {}
        for menu_id, (title, sections) in MENU_SECTIONS.items():
            menu = bar.addMenu(tr(title))
            menu.setObjectName(f"{menu_id}Menu")
            self.menus[menu_id] = menu
            for section in sections:
                # Each section ends with a separator; Qt collapses the empty ones.
                self._ends[(menu_id, section)] = menu.addSeparator()

    def add(self, menu: str, section: str, action: QAction) -> QAction:
        self.menus[menu].insertAction(self._ends[(menu, section)], action)
        if action.objectName():
            self.actions[action.objectName()] = action
        return action

    def add_menu(self, menu: str, section: str, submenu: QMenu) -> QMenu:
        self.menus[menu].insertMenu(self._ends[(menu, section)], submenu)
        return submenu

    def add_specs(self, specs: Sequence[ActionSpec]) -> None:
        for spec in specs:
            action = make_action(
                self.parent, spec.id, spec.text, spec.handler, spec.shortcut, spec.tip
            )
            self.add(spec.menu, spec.section, action)
