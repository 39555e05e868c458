"""Screenshots for the README, taken from a real X server (run it under Xvfb).

    Xvfb :91 -screen 0 1600x900x24 &   DISPLAY=:91 python docs/screenshots.py OUTDIR 1600x900
    Xvfb :92 -screen 0 1280x720x24 &   DISPLAY=:92 python docs/screenshots.py OUTDIR 1280x720 2

The optional last argument is the zoom step (Ctrl++ presses). Every picture is a grab of the
whole screen, so menus, tooltips and full-screen presentation mode show as a user sees them.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from rolemap.ui import i18n
from rolemap.ui.app import create_app
from rolemap.ui.mainwindow import MainWindow


def settle(ms: int = 400) -> None:
    QTest.qWait(ms)


def grab(path: Path) -> None:
    settle()
    screen = QGuiApplication.primaryScreen()
    screen.grabWindow(0).save(str(path))
    print(path)


def main() -> None:
    out = Path(sys.argv[1])
    size = sys.argv[2]
    zoom = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    out.mkdir(parents=True, exist_ok=True)
    app = create_app()
    tmp = Path(tempfile.mkdtemp())
    for lang in ("en", "zh"):
        i18n.install(lang)  # the Chinese chart in the Chinese interface
        settings = QSettings(str(tmp / f"{lang}.ini"), QSettings.Format.IniFormat)
        settings.setValue("zoom", zoom)
        window = MainWindow(settings, recovery_dir=tmp / "recovery")
        window.load_example(lang)
        window.setGeometry(QGuiApplication.primaryScreen().availableGeometry())
        window.show()
        window.activateWindow()
        QTest.qWaitForWindowActive(window)
        settle(800)
        window._analysis_ready(window.runner.run_sync(), 0.0)
        tag = f"{lang}-{size}" + (f"-zoom{zoom}" if zoom else "")
        matrix = window.matrix
        matrix.group.setCurrentIndex(matrix.group.findData("goal"))
        row = next(i for i, t in enumerate(window.doc.chart.tasks) if t.id == "campus-ambassadors")
        matrix.reveal_task(row, 2)
        matrix.view.setFocus()
        grab(out / f"matrix-{tag}.png")

        # Hover a conflict row: its warning as a tooltip.
        index = matrix.proxy.mapFromSource(matrix.model.index(row, 0))
        frozen = matrix.view.frozen
        pos = frozen.viewport().mapToGlobal(frozen.visualRect(index).center())
        QToolTip.showText(pos, index.data(Qt.ItemDataRole.ToolTipRole), frozen.viewport())
        grab(out / f"matrix-tooltip-{tag}.png")
        QToolTip.hideText()

        # Review in the room: Ctrl+Shift+A on the task in focus, the note typed inline.
        QTest.mouseMove(matrix.view.viewport(), QPoint(5, 5))
        matrix.view.setFocus()
        QTest.keyClick(
            matrix.view,
            Qt.Key.Key_A,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        note = (
            "Both own the ambassadors until March"
            if lang == "en"
            else "三月前两个部门共同负责校园大使"
        )
        window.warnings.note.setText(note)
        grab(out / f"review-note-{tag}.png")
        window.warnings.cancel_note()

        # The File menu, zoomed like everything else.
        QTest.keyClick(window.menuBar(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
        grab(out / f"file-menu-{tag}.png")
        QTest.keyClick(window.menus.menus["file"], Qt.Key.Key_Escape)
        QTest.keyClick(window.menuBar(), Qt.Key.Key_Escape)
        settle()
        matrix.view.setFocus()

        # Presentation mode.
        QTest.keyClick(matrix.view, Qt.Key.Key_F5)
        settle(800)
        grab(out / f"presentation-{tag}.png")
        QTest.keyClick(matrix.view, Qt.Key.Key_Escape)
        settle()
        window.doc.undo_stack.setClean()
        window.close()
        QApplication.processEvents()
    del app


if __name__ == "__main__":
    main()
