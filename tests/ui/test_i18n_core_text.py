"""Text the core writes, shown in the Chinese interface: the Changes panel's rows, the import
summary's notes and a chart's load errors. Each fails if English that the team did not type shows.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from rolemap.resources import template_path
from rolemap.ui import i18n
from rolemap.ui.import_dialog import ImportSummaryDialog
from tests.core import spreadsheets as fx
from tests.ui.keys import type_text
from tests.ui.test_i18n import _english_words
from tests.ui.test_spreadsheet_io import _file_menu


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    assert i18n.install("zh")
    yield
    i18n.install("en")


def _cells(model: QAbstractItemModel) -> Iterator[str]:
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str) and value:
                    yield value


def _english(texts: Iterator[str] | list[str]) -> list[str]:
    """Texts with English words, leaving out what the team wrote: paths, quoted values, ids."""
    found = []
    for text in texts:
        plain = re.sub(r"\S*/\S*|\u201c[^\u201d]*\u201d|'[^']*'|\([\w.-]+\)", "", text)
        # role letters ("AI") and field paths as the file writes them (functions[0].archetype)
        plain = re.sub(r"\b[RASCID?]{1,6}\b|\b\w+\[\d+\][\w.\[\]]*", "", plain)
        if _english_words(plain):
            found.append(text)
    return found


def _type_cell(window, row: int, fid: str, letter: str) -> None:
    matrix = window.matrix
    window.show_panel(matrix.view)
    assert matrix.reveal_task(row, matrix.model.column_of(fid))
    matrix.view.setFocus()
    QTest.keyClicks(matrix.view, letter)


def test_changes_panel_rows_are_chinese(chinese, window, qtbot, tmp_path):
    path = tmp_path / "chart.yaml"
    shutil.copy(template_path("marketing-vs-operations", "zh"), path)
    assert window.open_path(str(path))
    window.runner.run_sync()
    window.actions_by_id["compareSaved"].trigger()
    panel = window.changes
    assert panel.summary.text().startswith("自")  # "No changes since the saved file", in Chinese

    # A second owner (opens a warning), a changed cell, and a new task typed into quick-add.
    chart = window.doc.chart
    owners = [f.id for f in chart.functions]
    row = next(i for i, t in enumerate(chart.tasks) if "A" in t.raci.values())
    other = next(f for f in owners if "A" not in chart.tasks[row].raci.get(f, ""))
    _type_cell(window, row, other, "a")
    matrix = window.matrix
    matrix.quick_add.setFocus()
    type_text(matrix.quick_add, "扫码骑行海报")
    QTest.keyClick(matrix.quick_add, Qt.Key.Key_Return)
    QTest.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    window.runner.run_sync()
    QTest.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)

    marks = {r.mark for r in panel.model.rows}
    assert {"added", "changed", "opened"} <= marks, panel.model.rows
    texts = [*_cells(panel.model), panel.summary.text()]
    assert not _english(texts), "English in the Changes panel:\n" + "\n".join(_english(texts))
    opened = next(r for r in panel.model.rows if r.mark == "opened")
    assert opened.text.startswith(("高 ", "中 ", "低 "))


def test_the_changes_scan_finds_english_in_english(window, tmp_path):
    path = tmp_path / "chart.yaml"
    shutil.copy(template_path("marketing-vs-operations", "zh"), path)
    assert window.open_path(str(path))
    window.actions_by_id["compareSaved"].trigger()
    assert _english([window.changes.summary.text()])


def _import_rows() -> list[list[object]]:
    """A Chinese team's sheet with the quirks the import reports (notes of most groups)."""
    return [
        ["春季拉新活动 RACI"],
        [],
        ["编号", "任务", "市场部", "运营部", "产品部", "状态"],
        ["筹备"],
        ["1", "确定目标人群", "A/R", "C", "i", "完成"],
        ["2", "制定预算", "R, A", "\u0421", "-", "进行中"],  # Cyrillic С
        ["3", "选择渠道", "AR", "\uff52", "\uff23", "待定"],  # full-width r, C
        ["4", "写新闻稿", "R", "A", "x", ""],  # x cannot be read
        ["5", "招募校园大使", "负责", "批准", "知会", ""],
        ["6", "", "R", "", "", ""],  # letters but no title
    ]


def test_import_summary_notes_are_chinese(chinese, window, qtbot, tmp_path, monkeypatch):
    source = fx.workbook(tmp_path / "拉新.xlsx", _import_rows(), bold=(4,))
    monkeypatch.setattr(window.spreadsheets, "ask_import_path", lambda: str(source))
    seen: list[str] = []
    groups: list[str] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ImportSummaryDialog):
            QTimer.singleShot(20, handle)
            return
        seen.extend(_cells(dialog.model))
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        groups.extend(n.group for n in dialog.model._notes)
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, handle)
    _file_menu(qtbot, window, Qt.Key.Key_I)
    assert seen, "the summary dialog was not shown"
    assert {"unreadable", "look-alike", "full-width", "lower-case", "label"} <= set(groups)
    # The user's own values (letters, the sheet's texts) may be Latin; the rest must not.
    english = [t for t in _english(seen) if not re.fullmatch(r"[A-Za-z/, ]+", t)]
    assert not english, "English in the import summary:\n" + "\n".join(english)
    assert any(t.startswith("无法读取") for t in seen)


def test_a_load_error_is_shown_in_chinese(chinese, window, tmp_path):
    bad = tmp_path / "坏.yaml"
    bad.write_text("rolemap: 1\ntitle: 测试\nfunctions:\n  - id: mkt\n    name: 市场部\n"
                   "    archetype: brnd\n", encoding="utf-8")  # fmt: skip
    assert not window.open_path(str(bad))
    ((_path, message),) = window.errors
    assert ":6:16: functions[0].archetype: 未知的职能类型\u201cbrnd\u201d" in message
    assert not _english([message.split("可选")[0]])


def test_a_failed_save_says_why_in_chinese(chinese, window, tmp_path, monkeypatch):
    import os

    from rolemap.ui.prompts import Prompts

    path = tmp_path / "w.yaml"
    assert window.files.write(str(path))
    window.tasks.quick_add.setText("海报")
    window.editing.quick_add()

    def refuse(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    offered: list[str] = []
    monkeypatch.setattr(Prompts, "ask_save_failed", lambda self, p, r: offered.append(r) or False)
    assert not window.files.save()
    assert offered == ["没有权限"]
