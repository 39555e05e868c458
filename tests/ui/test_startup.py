"""Start-up: the first frame imports only what it shows, and the analysis waits for that frame."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

from rolemap.ui.firstframe import AfterFirstPaint
from rolemap.ui.mainwindow import MainWindow

ROOT = Path(__file__).resolve().parents[2]

# Features behind a menu or a hidden panel: imported when first used, not at start-up.
LATER = (
    "rolemap.core.spreadsheet",
    "rolemap.ui.import_dialog",
    "rolemap.core.diff",
    "rolemap.core.diff_report",
    "rolemap.core.gitrev",
    "openpyxl",
    # The role map tab: laid out and painted when first shown.
    "rolemap.core.layout.maplayout",
    "rolemap.core.layout.heatlayout",
    "rolemap.render.painter",
)


def test_the_first_frame_imports_none_of_the_features_behind_menus():
    code = (
        "import sys, rolemap.cli, rolemap.ui.app, rolemap.ui.mainwindow\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "rolemap.ui.mainwindow" in out
    early = [m for m in out if any(m == name or m.startswith(name + ".") for name in LATER)]
    assert early == []


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.at: list[float] = []

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.at.append(time.perf_counter())
        return False


def test_a_held_analysis_starts_after_the_first_painted_frame(qtbot, settings, tmp_path):
    window = MainWindow(settings, recovery_dir=tmp_path / "recovery")
    qtbot.addWidget(window)
    window.runner.hold()
    analysed: list[float] = []
    window.runner.finished.connect(lambda *_a: analysed.append(time.perf_counter()))
    viewport = window.matrix.view.viewport()
    paints = _Paints()
    viewport.installEventFilter(paints)
    AfterFirstPaint(viewport, window.runner.release)
    window.runner.schedule_now()
    qtbot.wait(300)  # not shown: nothing painted, nothing analysed
    assert analysed == [] and paints.at == []
    window.show()
    qtbot.waitUntil(lambda: bool(analysed), timeout=10_000)
    assert paints.at and paints.at[0] < analysed[0]
    assert window.warnings.model.analysis is window.runner.latest is not None
    window.doc.undo_stack.setClean()


def test_after_first_paint_calls_back_once_or_after_its_fallback(qtbot):
    label = QLabel("x")
    qtbot.addWidget(label)
    calls: list[str] = []
    AfterFirstPaint(label, lambda: calls.append("painted"))
    label.show()
    qtbot.waitUntil(lambda: calls == ["painted"])
    label.update()
    qtbot.wait(50)
    assert calls == ["painted"]
    hidden = QLabel("never shown")
    qtbot.addWidget(hidden)
    AfterFirstPaint(hidden, lambda: calls.append("fallback"), fallback_ms=50)
    qtbot.waitUntil(lambda: calls == ["painted", "fallback"])


def test_the_worker_starts_after_the_first_frame_and_opens_a_large_chart(
    qtbot, settings, tmp_path, monkeypatch
):
    from rolemap.core.fileformat import save
    from rolemap.ui import filesession
    from rolemap.ui.app import after_first_frame
    from tests.ui.test_worker_process import _chart

    monkeypatch.setattr(filesession, "WORKER_MIN_BYTES", 0)
    window = MainWindow(settings, recovery_dir=tmp_path / "recovery")
    qtbot.addWidget(window)
    window.runner.hold()
    AfterFirstPaint(window.matrix.view.viewport(), lambda: after_first_frame(window))
    assert not window.runner.worker.alive()
    window.show()
    qtbot.waitUntil(window.runner.worker.alive, timeout=10_000)
    pid = window.runner.worker.pid()
    path = tmp_path / "big.yaml"
    chart = _chart()
    save(chart, path)
    assert window.open_path(str(path))
    assert window.doc.chart == chart
    assert window.runner.worker.pid() == pid  # the worker started at start-up read it
    window.close()
    assert not window.runner.worker.alive()


def test_a_large_chart_named_at_start_gets_a_worker_started_before_the_window(
    qtbot, settings, tmp_path, monkeypatch
):
    from rolemap.core.fileformat import save
    from rolemap.resources import template_path
    from rolemap.ui import filesession
    from rolemap.ui.app import early_worker
    from tests.ui.test_worker_process import _chart

    assert early_worker(None) is None
    assert early_worker(str(template_path("marketing-vs-operations"))) is None  # small
    monkeypatch.setattr(filesession, "WORKER_MIN_BYTES", 0)
    path = tmp_path / "big.yaml"
    save(_chart(), path)
    worker = early_worker(str(path))
    assert worker is not None and worker.alive()
    window = MainWindow(settings, recovery_dir=tmp_path / "recovery", worker=worker)
    qtbot.addWidget(window)
    assert window.runner.worker is worker
    pid = worker.pid()
    assert window.open_path(str(path))
    assert window.doc.chart == _chart()
    assert worker.pid() == pid
    window.close()
    assert not worker.alive()
