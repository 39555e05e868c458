"""View > Language without a restart: every text a window set with ``tr()`` put into the new language.

Widgets keep only the translated text, so the English source of each one is found again through
the catalogue read backwards (resources/translations/rolemap_zh_CN.ts: 中文 -> English), then
translated with the newly installed catalogue. Texts built from a template (a count, a name in a
hint) are not in the catalogue: ``language_menu.refresh`` rebuilds them. Item
models translate in ``data``/``headerData`` each time and only need to repaint.
``tests/ui/test_live_language.py`` scans a switched window for the old language.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import cache, partial

from PySide6.QtCore import QAbstractItemModel, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from rolemap.ui.i18n import tr, translations_dir

_BOLD = re.compile(r"<b>([^<>]*)</b>")


@cache
def _sources() -> dict[str, str]:
    """Chinese translation -> English source, from the catalogue's sources."""
    back: dict[str, str] = {}
    for message in ET.parse(translations_dir() / "rolemap_zh_CN.ts").iter("message"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        if not (source and translation):
            continue
        # One Chinese text for several sources ("预警": "Warnings", the diff's "warnings"):
        # prefer the capitalised one, as titles and labels are written.
        known = back.get(translation)
        if known is None or (not known[:1].isupper() and source[:1].isupper()):
            back[translation] = source
    return back


Convert = Callable[[str], str]


def _translate(source: str) -> str:
    bold = _BOLD.fullmatch(source)  # a heading written "<b>%s</b>" % tr(...)
    return f"<b>{tr(bold.group(1))}</b>" if bold else tr(source)


def converter(old: str) -> Convert:
    """A text shown in ``old`` -> its English source (translate that with ``_translate``)."""
    back = _sources() if old == "zh" else {}

    def source_of(text: str) -> str:
        bold = _BOLD.fullmatch(text)
        if bold:
            return f"<b>{back.get(bold.group(1), bold.group(1))}</b>"
        return back.get(text, text)

    return source_of


_SEP = "\x00"


def _set(
    owner: QObject,
    key: str,
    getter: Callable[[], str],
    setter: Callable[[str], None],
    source_of: Convert,
) -> None:
    """Put one text into the installed language, remembering its English source on ``owner``
    so that switching back finds the same source even where two share a translation."""
    text = getter()
    if not text:
        return
    remembered = owner.property(f"rolemapSource{key}")
    source = ""
    if isinstance(remembered, str) and _SEP in remembered:
        shown, kept = remembered.split(_SEP, 1)
        source = kept if shown == text else ""
    source = source or source_of(text)
    new = _translate(source)
    if new != text:  # never freeze a text Qt derives (an action's tooltip from its text)
        setter(new)
        owner.setProperty(f"rolemapSource{key}", f"{new}{_SEP}{source}")


def retranslate(root: QWidget, old: str) -> None:
    """Put the texts of ``root`` and its children from ``old`` into the installed language."""
    convert = converter(old)
    for action in [*root.actions(), *root.findChildren(QAction)]:
        _set(action, "Text", action.text, action.setText, convert)
        _set(action, "ToolTip", action.toolTip, action.setToolTip, convert)
        _set(action, "StatusTip", action.statusTip, action.setStatusTip, convert)
    for widget in [root, *root.findChildren(QWidget)]:
        _set(widget, "ToolTip", widget.toolTip, widget.setToolTip, convert)
        _set(widget, "StatusTip", widget.statusTip, widget.setStatusTip, convert)
        _set(widget, "WindowTitle", widget.windowTitle, widget.setWindowTitle, convert)
        if isinstance(widget, QMenu):
            _set(widget, "Title", widget.title, widget.setTitle, convert)
        if isinstance(widget, QLabel):
            _set(widget, "Text", widget.text, widget.setText, convert)
        elif isinstance(widget, QAbstractButton):
            _set(widget, "Text", widget.text, widget.setText, convert)
        elif isinstance(widget, QLineEdit):
            _set(widget, "Placeholder", widget.placeholderText, widget.setPlaceholderText, convert)
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                _set(
                    widget,
                    f"Item{i}",
                    partial(widget.itemText, i),
                    partial(widget.setItemText, i),
                    convert,
                )
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                _set(
                    widget,
                    f"Tab{i}",
                    partial(widget.tabText, i),
                    partial(widget.setTabText, i),
                    convert,
                )
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            repaint(widget.model())
            widget.viewport().update()


def repaint(model: QAbstractItemModel) -> None:
    """Headers and cells are translated when asked for: ask again."""
    rows, columns = model.rowCount(), model.columnCount()
    if columns:
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
    if rows and columns:
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))
