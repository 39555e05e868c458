"""A tour of the Chinese interface for looking at it: every view, panel, menu and dialog.

    Xvfb :93 -screen 0 1600x900x24 &   DISPLAY=:93 python docs/screenshots_zh.py OUTDIR 1600x900
    Xvfb :94 -screen 0 1280x720x24 &   DISPLAY=:94 python docs/screenshots_zh.py OUTDIR 1280x720 2

The optional last argument is the zoom step (Ctrl++ presses). Each picture grabs the whole
screen. Not for the README (docs/screenshots.py takes those): for checking that nothing is cut
off or left in English (docs/translating.md, "Looked at in Chinese").
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from rolemap.resources import template_path
from rolemap.ui import i18n
from rolemap.ui.app import create_app
from rolemap.ui.mainwindow import MainWindow


def settle(ms: int = 400) -> None:
    QTest.qWait(ms)


class Tour:
    def __init__(self, out: Path, tag: str) -> None:
        self.out, self.tag = out, tag

    def grab(self, name: str) -> None:
        settle()
        path = self.out / f"{name}-{self.tag}.png"
        QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
        print(path)

    def modal(self, name: str, opener: Callable[[], object]) -> None:
        """Open a modal dialog, grab it once it is up, then close it (Escape)."""

        def shoot() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(100, shoot)
                return
            self.grab(name)
            if isinstance(dialog, QDialog):
                dialog.reject()  # a message box without an Escape button ignores close()
            else:
                dialog.close()

        QTimer.singleShot(300, shoot)
        opener()
        settle(200)


def sheet(path: Path) -> Path:
    """A Chinese team's sheet whose import reports most kinds of notes."""
    from tests.core import spreadsheets as fx

    rows: list[list[object]] = [
        ["春季拉新活动 RACI"],
        [],
        ["编号", "任务", "市场部", "运营部", "产品部", "状态"],
        ["筹备"],
        ["1", "确定目标人群", "A/R", "C", "i", "完成"],
        ["2", "制定预算", "R, A", "\u0421", "-", "进行中"],
        ["3", "选择渠道", "AR", "\uff52", "\uff23", "待定"],
        ["4", "写新闻稿", "R", "A", "x", ""],
        ["5", "招募校园大使", "负责", "批准", "知会", ""],
        ["6", "", "R", "", "", ""],
    ]
    return fx.workbook(path, rows, bold=(4,))


def main() -> None:
    out = Path(sys.argv[1])
    size = sys.argv[2]
    zoom = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    out.mkdir(parents=True, exist_ok=True)
    app = create_app()
    tmp = Path(tempfile.mkdtemp())
    i18n.install("zh")
    settings = QSettings(str(tmp / "zh.ini"), QSettings.Format.IniFormat)
    settings.setValue("zoom", zoom)
    window = MainWindow(settings, recovery_dir=tmp / "recovery")
    chart = tmp / "校园单车.yaml"
    shutil.copy(template_path("marketing-vs-operations", "zh"), chart)
    window.open_path(str(chart))
    window.setGeometry(QGuiApplication.primaryScreen().availableGeometry())
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    settle(800)
    window._analysis_ready(window.runner.run_sync(), 0.0)
    tour = Tour(out, f"{size}" + (f"-zoom{zoom}" if zoom else ""))
    tour.grab("zh-main")

    # Hints of the empty capture and filter fields (focus elsewhere so both show).
    window.warnings.setFocus()
    tour.grab("zh-main-hints")

    # Every menu.
    bar = window.menuBar()
    for menu_id, menu in window.menus.menus.items():
        bar.setActiveAction(menu.menuAction())
        tour.grab(f"zh-menu-{menu_id}")
        menu.hide()
        settle(100)
    view_menu = window.menus.menus["view"]
    bar.setActiveAction(view_menu.menuAction())
    settle(200)
    view_menu.setActiveAction(window.language.menu.menuAction())
    window.language.menu.popup(view_menu.pos())
    settle(200)
    tour.grab("zh-menu-language")
    window.language.menu.hide()
    view_menu.hide()

    # The other views: task list and role map.
    for index in range(window.views.count()):
        window.views.setCurrentIndex(index)
        tour.grab(f"zh-view-{index}")
    window.views.setCurrentIndex(0)

    # The Changes panel after a few edits typed into the matrix.
    matrix = window.matrix
    doc = window.doc
    tasks = doc.chart.tasks
    row = next(i for i, t in enumerate(tasks) if "A" in t.raci.values())
    other = next(f.id for f in doc.chart.functions if "A" not in tasks[row].raci.get(f.id, ""))
    window.show_panel(matrix.view)
    matrix.reveal_task(row, matrix.model.column_of(other))
    matrix.view.setFocus()
    QTest.keyClicks(matrix.view, "a")
    matrix.quick_add.setFocus()
    QTest.keyClicks(matrix.quick_add, "scan")  # an input method would commit Chinese
    matrix.quick_add.clear()
    matrix.quick_add.insert("扫码骑行海报")
    QTest.keyClick(matrix.quick_add, Qt.Key.Key_Return)
    window._analysis_ready(window.runner.run_sync(), 0.0)
    window.actions_by_id["compareSaved"].trigger()
    settle(800)
    tour.grab("zh-changes")

    # Dialogs.
    prompts = window.prompts
    tour.modal("zh-dialog-unsaved", lambda: prompts.ask_unsaved(str(chart)))
    tour.modal("zh-dialog-external", lambda: prompts.ask_overwrite_external(str(chart)))
    tour.modal("zh-dialog-save-failed", lambda: prompts.ask_save_failed(str(chart), "没有权限"))
    tour.modal("zh-dialog-read-only", lambda: prompts.ask_overwrite_read_only(str(chart)))
    tour.modal("zh-dialog-changed", lambda: prompts.ask_external_change(str(chart)))
    goal = doc.chart.goals[0]
    tour.modal("zh-dialog-kpis", lambda: prompts.ask_kpis(goal.name, list(goal.kpis)))
    tour.modal("zh-dialog-rename", window.actions_by_id["rename_chart"].trigger)
    tour.modal("zh-dialog-about", window.actions_by_id["about"].trigger)
    tour.modal("zh-dialog-language", lambda: window.language.choose("en"))
    settings.setValue(i18n.SETTING, "zh")
    bad = tmp / "坏的职责图.yaml"
    bad.write_text(
        "rolemap: 1\ntitle: 测试\nfunctions:\n  - id: mkt\n    name: 市场部\n    archetype: brnd\n"
        "goals:\n  - id: g1\n    name: 拉新\n    owner: mkt\n    kind: retension\n"
        "tasks:\n  - id: t1\n    title: 海报\n    raci: {ops: A}\n    goals: [g2]\n",
        encoding="utf-8",
    )
    tour.modal("zh-dialog-load-error", lambda: window.open_path(str(bad)))
    source = sheet(tmp / "拉新矩阵.xlsx")
    tour.modal("zh-dialog-import", lambda: window.spreadsheets.import_path(str(source)))
    tour.modal(
        "zh-dialog-delete-function", lambda: prompts.ask_function_references(doc.chart, 0, 3, 12)
    )
    doc.undo_stack.setClean()
    window.close()
    QApplication.processEvents()
    del app


if __name__ == "__main__":
    main()
