"""View > Language switches the open window at once: nothing of the old language is left."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget

from rolemap.ui import i18n
from tests.ui.test_i18n import _english_words, _texts

HAN = re.compile("[\u4e00-\u9fff]")


@pytest.fixture
def english_again(qapp) -> Iterator[None]:
    yield
    i18n.install("en")


def _choose(window, lang: str) -> None:
    window.language.actions[lang].trigger()
    QTest.qWait(20)


def test_switching_to_chinese_leaves_no_english(english_again, window, settings):
    window.load_example("zh")  # the team's own text in Chinese too
    window.runner.run_sync()
    window.matrix.quick_add.setFocus()
    QTest.keyClicks(window.matrix.quick_add, "x")
    QTest.keyClick(window.matrix.quick_add, Qt.Key.Key_Return)  # something to undo
    _choose(window, "zh")
    assert i18n.language() == "zh" and settings.value(i18n.SETTING) == "zh"
    assert window.language.actions["zh"].isChecked()
    found = [
        f"{where}: {text!r}" for where, text in _texts(window) if text and _english_words(text)
    ]
    assert not found, "English left after switching:\n" + "\n".join(found)
    undo = window.actions_by_id["undo"]
    assert undo.text().startswith("撤销") and undo.isEnabled()
    undo.trigger()  # the undo history came along
    assert not any(t.title == "x" for t in window.doc.chart.tasks)


def test_switching_back_to_english_restores_every_text(english_again, window, settings):
    window.load_example("en")
    window.runner.run_sync()
    before = list(_texts(window))
    _choose(window, "zh")
    assert window.findChild(QDockWidget, "warningsDock").windowTitle() == "预警"
    _choose(window, "en")
    assert i18n.language() == "en"
    after = list(_texts(window))
    # The menu bar's overflow menu lists the menus that did not fit: it comes and goes.
    titles = {m.title() for m in window.menus.menus.values()}

    def steady(texts):
        return {(w, t) for w, t in texts if not (w == "action " and t in titles)}

    changed = sorted(steady(after) ^ steady(before))
    assert not changed, "not as before switching:\n" + "\n".join(map(str, changed))
    assert not any(HAN.search(text) for where, text in after if "_zh" not in where)
