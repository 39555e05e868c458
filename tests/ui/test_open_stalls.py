"""Opening a large chart and its first analysis: the window does each thing once.

What the views are told while a chart opens (through the worker) and its first analysis arrives:
the analysis changes the Warnings column of the side lists and the task list only (a change of
whole rows made the lists that fit their contents measure every cell again); right after a model
reset nothing announces a change of every row again; the status bar keeps its height when
Chinese names first appear in it (one pixel more laid out and repainted the whole window).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from rolemap.core.fileformat import save
from rolemap.core.model import Chart, Function, Goal, Task
from rolemap.ui import filesession, workerclient
from rolemap.ui.grouping import Group
from rolemap.ui.textwarm import FIRST_ROWS

N = 300


def _chart(zh: bool = False) -> Chart:
    names = ("市场部", "运营部") if zh else ("Marketing", "Operations")
    tasks = tuple(
        Task(
            id=f"t{i}",
            title=(f"校园海报 第{i % 37}期" if zh else f"campus poster {i % 37}"),
            goals=("grow",) if i % 3 else ("cost",),
            raci={"mkt": "A", "ops": "R"} if i % 2 else {"ops": "A"},
        )
        for i in range(N)
    )
    return Chart(
        title="大图" if zh else "Big chart",
        functions=(Function(id="mkt", name=names[0]), Function(id="ops", name=names[1])),
        goals=(
            Goal(id="grow", name="增长" if zh else "Grow", owner="mkt", kpis=("signups",)),
            Goal(id="cost", name="成本" if zh else "Cost", owner="ops", kpis=("cost per ride",)),
        ),
        tasks=tasks,
    )


@pytest.fixture
def big(tmp_path, monkeypatch):
    """Large enough files go to the worker process; a big chart's path (English or Chinese)."""
    monkeypatch.setattr(filesession, "WORKER_MIN_BYTES", 0)

    def write(zh: bool = False):
        path = tmp_path / ("big-zh.yaml" if zh else "big.yaml")
        save(_chart(zh), path)
        return path

    return write


def _open_with_ctrl_o(window, qtbot, monkeypatch, path) -> None:
    """File > Open with its keyboard shortcut, the dialog answered with ``path``."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    window.activateWindow()
    window.matrix.view.setFocus()
    with qtbot.waitSignal(window.runner.finished, timeout=120_000):
        QTest.keyClick(window.matrix.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.path == str(path)


def test_the_first_analysis_changes_only_the_warnings_columns(window, qtbot, monkeypatch, big):
    path = big()
    changes: dict[str, list[tuple[int, int]]] = {"tasks": [], "functions": [], "goals": []}
    resets = {"matrix": 0}
    matrix_changes: list[tuple[int, int]] = []
    models = {
        "tasks": window.tasks.model,
        "functions": window.functions.model,
        "goals": window.goals.model,
    }
    for name, model in models.items():
        model.dataChanged.connect(
            lambda top, bottom, *_r, name=name: changes[name].append(
                (top.column(), bottom.column())
            )
        )
    window.matrix.model.modelReset.connect(
        lambda: resets.__setitem__("matrix", resets["matrix"] + 1)
    )
    window.matrix.model.dataChanged.connect(
        lambda top, bottom, *_r: matrix_changes.append((top.row(), bottom.row()))
    )
    reset_seen: list[int] = []
    window.doc.reset.connect(lambda: reset_seen.append(len(matrix_changes)))

    _open_with_ctrl_o(window, qtbot, monkeypatch, path)

    for name, model in models.items():
        warnings_column = model.columnCount() - 1
        assert changes[name], f"the {name} list was not told about the analysis"
        assert set(changes[name]) == {(warnings_column, warnings_column)}, name
    # One reset for the new chart; the analysis then changed every row once (tints, counts):
    # nothing between the reset and the analysis announced every row again.
    assert resets["matrix"] == 1
    assert reset_seen == [0]
    assert matrix_changes == [(0, N - 1)]
    # What the user sees: the goals' warning counts and the warnings tree filled.
    goals = window.goals.model
    counts = [goals.data(goals.index(r, goals.WARNINGS)) for r in range(goals.rowCount())]
    assert any(counts)
    assert window.warnings.model.rowCount() == 3
    assert window.warnings.analysis is window.runner.latest


def test_the_status_bar_keeps_its_height_when_chinese_names_arrive(window, qtbot, monkeypatch, big):
    bar = window.statusBar()
    height = bar.height()
    heights: list[int] = []
    window.runner.finished.connect(lambda *_a: heights.append(bar.height()))
    _open_with_ctrl_o(window, qtbot, monkeypatch, big(zh=True))
    qtbot.wait(50)  # the window's layout after the analysis is shown
    assert "市场部" in window.status.scores.text() or "运营部" in window.status.scores.text()
    assert window.status.counts.text()
    assert bar.height() == height
    assert heights == [height]


def test_grouped_matrix_rows_map_both_ways_after_captures(window, qtbot):
    """The grouping's positions (worked out in C) stay the inverse of its rows."""
    panel = window.matrix
    panel.group.setCurrentIndex(panel.group.findData("goal"))
    for title in ("first captured", "second captured"):
        panel.quick_add.setFocus()
        QTest.keyClicks(panel.quick_add, title)
        QTest.keyClick(panel.quick_add, Qt.Key.Key_Return)
    proxy, model = panel.proxy, panel.model
    shown = 0
    for row in range(proxy.rowCount()):
        source = proxy.mapToSource(proxy.index(row, 0))
        if isinstance(proxy._entries[row], Group):
            assert not source.isValid()
            continue
        shown += 1
        assert proxy.mapFromSource(source).row() == row
    assert shown == model.rowCount(QModelIndex()) == len(window.doc.chart.tasks)
    titles = [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]
    assert "first captured" in titles and "second captured" in titles


def test_the_roles_the_proxies_skip_are_never_answered(window, qtbot):
    """The task list's and the matrix's proxies answer None, without asking, for the roles
    outside ``cell_roles``: every role any cell answers must be in it."""
    window.matrix.model.set_title_marks({window.doc.chart.tasks[0].id: QColor("#d64545")})
    roles = [*range(0, 40), *range(Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 64)]
    for model in (window.tasks.model, window.matrix.model):
        answered = {
            role
            for row in range(model.rowCount())
            for col in range(model.columnCount())
            for role in roles
            if model.cell(row, col, role) is not None
        }
        assert answered <= model.cell_roles, type(model).__name__
        assert Qt.ItemDataRole.DisplayRole in answered


def test_the_first_rows_texts_are_drawn_off_screen_while_the_chart_arrives(
    window, qtbot, monkeypatch, big
):
    """Their glyphs are then cached when the window first paints the chart (rolemap.ui.textwarm)."""
    path = big(zh=True)
    drawn: list[tuple[list[str], bool]] = []
    real_warm = filesession.warm_text

    def warm(font, texts, ratio=1.0):
        texts = list(texts)
        drawn.append((texts, window.doc.path == str(path)))
        real_warm(font, texts, ratio)

    monkeypatch.setattr(filesession, "warm_text", warm)
    monkeypatch.setattr(workerclient, "BUDGET_S", 0.0)  # one reply a turn: the file's comes later
    _open_with_ctrl_o(window, qtbot, monkeypatch, path)
    assert len(drawn) == 1
    texts, shown_already = drawn[0]
    assert not shown_already  # drawn before the chart replaced the one shown
    chart = window.doc.chart
    assert "市场部" in texts and "增长" in texts
    assert [t.title for t in chart.tasks[:FIRST_ROWS]] == texts[-FIRST_ROWS:]
    assert window.runner.worker.on_first_rows is None  # only while a file opens


def test_replies_decoded_one_a_turn_all_arrive(window, qtbot, monkeypatch, big):
    """Over its budget the drain goes on from a timer: every reply is still decoded, in order."""
    monkeypatch.setattr(workerclient, "BUDGET_S", 0.0)
    path = big()
    _open_with_ctrl_o(window, qtbot, monkeypatch, path)
    assert [t.id for t in window.doc.chart.tasks] == [f"t{i}" for i in range(N)]
    assert window.warnings.analysis is window.runner.latest is not None
