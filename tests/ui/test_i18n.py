"""The Chinese interface: every wrapped string translated, nothing English left in a built window."""

from __future__ import annotations

import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from rolemap.ui import i18n
from rolemap.ui.language_menu import restart_command

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "rolemap_zh_CN.ts"


def _tool_module():
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "tools" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages() -> list[tuple[str, str]]:
    return [
        (m.findtext("source") or "", m.findtext("translation") or "")
        for m in ET.parse(TS).iter("message")
    ]


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    assert i18n.install("zh"), "resources/translations/rolemap_zh_CN.qm did not load"
    yield
    i18n.install("en")


def test_every_string_wrapped_for_translation_has_a_chinese_translation():
    missing = _tool_module().missing_now()
    assert not missing, (
        "strings wrapped with tr()/QT_TR_NOOP() have no Chinese translation: "
        "run `python tools/update_translations.py`, translate them in "
        "resources/translations/rolemap_zh_CN.ts (see docs/translating.md), run it again: "
        + ", ".join(map(repr, missing))
    )


def test_translations_keep_placeholders_and_accelerators():
    placeholder = re.compile(r"%\([a-z]+\)s|%[sd]")
    for source, translation in _messages():
        assert sorted(placeholder.findall(source)) == sorted(placeholder.findall(translation)), (
            source
        )
        if re.search(r"&[^&\s]", source) and "&&" not in source:
            assert re.search(r"&[^&\s]", translation), f"{source!r} lost its accelerator"


def test_compiled_catalogue_matches_the_sources(chinese):
    """The committed .qm is the compiled .ts (a fresh install needs no Qt tools)."""
    for source, translation in _messages():
        assert QCoreApplication.translate("", source) == translation, (
            f"{source!r}: rolemap_zh_CN.qm is stale: run `python tools/update_translations.py`"
        )


def test_english_is_the_identity():
    i18n.install("en")
    assert i18n.tr("&File") == "&File"
    assert i18n.language() == "en"


def test_qt_standard_buttons_are_translated(chinese):
    box = QMessageBox()
    button = box.addButton(QMessageBox.StandardButton.Cancel)
    assert button.text() not in ("Cancel", "&Cancel")
    assert "取消" in button.text()


def test_language_comes_from_the_settings_before_the_system(tmp_path, monkeypatch):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(i18n, "system_language", lambda: "zh")
    assert i18n.chosen_language(settings) == "zh"
    settings.setValue(i18n.SETTING, "en")
    assert i18n.chosen_language(settings) == "en"
    settings.setValue(i18n.SETTING, "klingon")
    assert i18n.chosen_language(settings) == "zh"


def test_view_language_remembers_the_choice_and_switches_at_once(window, settings, monkeypatch):
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    zh = window.language.actions["zh"]
    assert window.language.actions["en"].isChecked() and not zh.isChecked()
    try:
        zh.trigger()
        assert settings.value(i18n.SETTING) == "zh" and i18n.language() == "zh"
        assert not asked  # shown at once (tests/ui/test_live_language.py scans the window)
        window.language.actions["zh"].trigger()  # the language on screen: nothing to do
        assert settings.value(i18n.SETTING) == "zh" and not asked
    finally:
        i18n.install("en")


def test_a_language_that_cannot_be_loaded_offers_a_restart(window, settings, monkeypatch, tmp_path):
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)  # no catalogue there
    window.language.actions["zh"].trigger()
    assert settings.value(i18n.SETTING) == "zh" and i18n.language() == "en"
    assert len(asked) == 1 and "restart" in asked[0].lower()


def test_restart_reopens_the_file():
    assert restart_command("/tmp/a.yaml") == [sys.executable, "-m", "rolemap", "/tmp/a.yaml"]
    assert restart_command(None) == [sys.executable, "-m", "rolemap"]


# ------------------------------------------------------------------ nothing left in English

# Words that stay as they are in the Chinese interface: names, formats, keys, notations.
ALLOWED = {
    "rolemap", "raci", "rasci", "daci", "kpi", "kpis", "yaml", "yml", "markdown", "excel",
    "csv", "utf", "git", "head", "ctrl", "shift", "esc", "delete", "enter", "english",
    "xlsx", "xlsm", "tsv", "txt", "md",
    "vs",
}  # fmt: skip


def _english_words(text: str) -> list[str]:
    plain = re.sub(r"<[^>]+>", " ", text)
    return [w for w in re.findall(r"[A-Za-z]{2,}", plain) if w.casefold() not in ALLOWED]


def _texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of the window's own text a user can see."""
    for menu in window.findChildren(QMenu):
        yield f"menu {menu.objectName()}", menu.title()
        for action in menu.actions():
            if not action.isSeparator():
                yield f"action {action.objectName()}", action.text()
                yield f"tip of {action.objectName()}", action.statusTip()
    for menu_action in window.menuBar().actions():
        yield "menu bar", menu_action.text()
    for widget in window.findChildren(QWidget):
        name = f"{type(widget).__name__} {widget.objectName()}"
        if not widget.isVisibleTo(window) and not isinstance(widget, QMenu):
            continue
        yield f"tooltip of {name}", widget.toolTip()
        if isinstance(widget, QLabel):
            yield name, widget.text()
        if isinstance(widget, QAbstractButton):
            yield name, widget.text()
        if isinstance(widget, QLineEdit):
            yield f"placeholder of {name}", widget.placeholderText()
        if isinstance(widget, QDockWidget):
            yield name, widget.windowTitle()
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{name} item {i}", widget.itemText(i)
        if isinstance(widget, QTextEdit):
            yield name, widget.toPlainText()
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield f"{name} tab {i}", widget.tabText(i)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                header = model.headerData(
                    column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
                )
                yield f"{name} header {column}", str(header or "")


def test_a_chinese_window_shows_no_english(chinese, window):
    window.load_example("zh")
    window.runner.run_sync()
    found = [
        f"{where}: {text!r}" for where, text in _texts(window) if text and _english_words(text)
    ]
    assert not found, "English text in the Chinese interface:\n" + "\n".join(found)


def test_the_scan_finds_english(window):
    """The scan above can fail: in English the same window is full of English."""
    assert any(_english_words(text) for _where, text in _texts(window))
