"""Runs the real app in a child process for crash tests (not a test module itself).

    python tests/ui/app_driver.py edit CHART EXPECTED   # edit, print RECOVERY <path>, wait to be killed
    python tests/ui/app_driver.py recover OUT           # recover every orphan, write the chart to OUT

XDG_DATA_HOME / XDG_CONFIG_HOME point QStandardPaths at the test's temporary folders.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from rolemap.core.fileformat import dumps
from rolemap.ui.app import create_app
from rolemap.ui.mainwindow import MainWindow


def edit(chart: str, expected: str) -> None:
    app = create_app()
    window = MainWindow()
    assert window.open_path(chart)
    window.show()

    def announce(path: str) -> None:
        print(f"RECOVERY {path}", flush=True)

    def make_edits() -> None:
        for title in ("Campus ambassador training", "校园大使培训", "Dorm poster run"):
            window.tasks.quick_add.setText(title)
            window.editing.quick_add()
        model = window.goals.model
        model.setData(model.index(0, 0), "Brand awareness (renamed)")
        with open(expected, "w", encoding="utf-8") as fh:
            fh.write(dumps(window.doc.chart))
        window.recovery.written.connect(announce)

    QTimer.singleShot(100, make_edits)
    app.exec()


def recover(out: str) -> None:
    create_app()
    window = MainWindow()
    window.prompts.ask_recovery = lambda entry: "recover"  # type: ignore[method-assign]
    window.show()
    extra = window.offer_recovery()
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(dumps(window.doc.chart))
    print(
        f"MODIFIED {window.doc.is_modified()} PATH {window.doc.path} EXTRA {len(extra)}", flush=True
    )
    window.doc.undo_stack.setClean()
    QApplication.processEvents()


if __name__ == "__main__":
    if sys.argv[1] == "edit":
        edit(sys.argv[2], sys.argv[3])
    else:
        recover(sys.argv[2])
