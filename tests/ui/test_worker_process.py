"""Large charts go through the worker process: open, edit, warnings, save, autosave, its death."""

from __future__ import annotations

import os
import signal

import pytest
from PySide6.QtCore import Qt

from rolemap.core.analysis import analyse
from rolemap.core.fileformat import load, loads, save
from rolemap.core.model import Chart, Function, Goal, Task
from rolemap.core.roundtrip import layout_of, render
from rolemap.ui import filesession

N = 400
WORDS = ["poster", "campus", "coupon", "night", "ride", "push", "banner", "city", "win-back"]


def _chart() -> Chart:
    tasks = []
    for i in range(N):
        words = [WORDS[(i * k + k) % len(WORDS)] for k in (1, 2, 5)]
        tasks.append(
            Task(
                id=f"t{i}",
                title=f"{' '.join(words)} {i % 97}",
                goals=("grow",) if i % 3 else ("cost",),
                raci={"mkt": "A", "ops": "R"} if i % 2 else {"ops": "A"},
            )
        )
    return Chart(
        title="Big chart",
        functions=(Function(id="mkt", name="Marketing"), Function(id="ops", name="Operations")),
        goals=(
            Goal(id="grow", name="Grow", owner="mkt", kpis=("signups",)),
            Goal(id="cost", name="Cost", owner="ops", kpis=("cost per ride",)),
        ),
        tasks=tuple(tasks),
    )


@pytest.fixture
def big_file(tmp_path, monkeypatch):
    monkeypatch.setattr(filesession, "WORKER_MIN_BYTES", 0)
    path = tmp_path / "big.yaml"
    save(_chart(), path)
    text = path.read_text(encoding="utf-8")
    # comments the save must keep: one on top, one beside a task in the middle
    text = "# workshop chart\n" + text.replace("- id: t200\n", "# checked in March\n- id: t200\n")
    path.write_text(text, encoding="utf-8")
    return path


def _wait_analysis(window, qtbot, timeout=120_000):
    with qtbot.waitSignal(window.runner.finished, timeout=timeout):
        pass
    return window.runner.latest


def _settled(window, qtbot) -> None:
    """Until the warnings shown are those of the chart shown."""
    qtbot.waitUntil(
        lambda: (
            window.runner.latest is not None
            and window.warnings.analysis is window.runner.latest
            and not window.runner._awaiting_worker
            and window.runner._pending is None
            and window.runner._thread is None
        ),
        timeout=120_000,
    )


def _open(window, qtbot, path):
    assert window.open_path(str(path))
    assert window.runner.worker.alive()
    _settled(window, qtbot)


def _quick_add(window, qtbot, title: str) -> None:
    window.focus_quick_add()
    field = (
        window.tasks.quick_add if window.tasks.quick_add.isVisible() else window.matrix.quick_add
    )
    qtbot.keyClicks(field, title)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_open_shows_the_chart_and_the_worker_analysis(window, qtbot, big_file):
    _open(window, qtbot, big_file)
    assert window.doc.chart == load(big_file)
    assert window.tasks.model.rowCount() == N
    assert window.runner.latest == analyse(window.doc.chart)
    assert window.warnings.analysis is window.runner.latest


def test_an_edit_updates_the_warnings_from_the_worker(window, qtbot, big_file):
    _open(window, qtbot, big_file)
    twin = window.doc.chart.tasks[5].title
    _quick_add(window, qtbot, twin)
    assert len(window.doc.chart.tasks) == N + 1
    _settled(window, qtbot)
    new_id = window.doc.chart.tasks[-1].id
    assert window.runner.latest == analyse(window.doc.chart)
    assert any(new_id in w.entities for w in window.runner.latest.warnings)


def test_a_killed_worker_is_harmless(window, qtbot, big_file):
    _open(window, qtbot, big_file)
    pid = window.runner.worker.pid()
    assert pid is not None
    with qtbot.waitSignal(window.runner.worker.died, timeout=30_000):
        os.kill(pid, signal.SIGKILL)
    _quick_add(window, qtbot, "Night ride coupons for the campus")
    _settled(window, qtbot)
    assert len(window.doc.chart.tasks) == N + 1
    assert window.runner.latest == analyse(window.doc.chart)
    # a new worker took over and follows further edits
    assert window.runner.worker.alive() and window.runner.worker.pid() != pid
    _quick_add(window, qtbot, window.doc.chart.tasks[7].title)
    _settled(window, qtbot)
    assert window.runner.latest == analyse(window.doc.chart)
    assert window.files.save()
    assert load(big_file) == window.doc.chart


def test_save_while_the_worker_analyses_writes_the_right_bytes(window, qtbot, big_file):
    _open(window, qtbot, big_file)
    layout = window.doc.layout
    header = window.doc.header
    _quick_add(window, qtbot, "Poster run for the night riders")
    window.doc.push(
        __import__("rolemap.core.edit", fromlist=["update_row"]).update_row(
            window.doc.chart, "tasks", 3, "rename", title="Renamed third task"
        )
    )
    # the worker is busy with the analysis of these edits: save now
    assert window.files.save()
    data = big_file.read_bytes()
    assert data == render(layout, window.doc.chart, header).encode("utf-8")
    assert data.startswith(b"# workshop chart\n")
    assert b"# checked in March\n- id: t200\n" in data
    assert loads(data) == window.doc.chart
    assert not window.doc.is_modified()
    # the next save starts from the text just written
    window.doc.push(
        __import__("rolemap.core.edit", fromlist=["update_row"]).update_row(
            window.doc.chart, "tasks", 4, "rename", title="Renamed fourth task"
        )
    )
    assert window.files.save()
    again = big_file.read_bytes()
    assert again == render(layout_of(data, loads(data)), window.doc.chart, header).encode("utf-8")
    _settled(window, qtbot)


def test_save_after_the_worker_died_writes_the_right_bytes(window, qtbot, big_file):
    _open(window, qtbot, big_file)
    layout = window.doc.layout
    _quick_add(window, qtbot, "Campus banner week")
    os.kill(window.runner.worker.pid(), signal.SIGKILL)
    assert window.files.save()
    assert big_file.read_bytes() == render(layout, window.doc.chart, window.doc.header).encode()
    _settled(window, qtbot)


def test_autosave_of_a_large_chart_goes_through_the_worker(window, qtbot, big_file):
    _open(window, qtbot, big_file)
    _quick_add(window, qtbot, "Win-back coupons")
    with qtbot.waitSignal(window.recovery.written, timeout=60_000) as written:
        window.recovery.autosave_now()
    assert written.args[0] == str(window.recovery.chart_path)
    assert load(window.recovery.chart_path) == window.doc.chart
    _settled(window, qtbot)


def test_a_large_file_changed_on_disk_is_reloaded_through_the_worker(window, qtbot, big_file):
    _open(window, qtbot, big_file)
    text = big_file.read_text(encoding="utf-8")
    big_file.write_text(text[: len(text) // 2] + "\n  - [unfinished", encoding="utf-8")
    window.disk.check_disk()  # half written by another program: no prompt yet, a retry
    assert window.errors == [] and window.disk._disk_retry
    assert len(window.doc.chart.tasks) == N
    big_file.write_text(text.replace("title: Big chart", "title: Changed outside"), "utf-8")
    window.disk.check_disk()
    assert window.doc.chart.title == "Changed outside"
    assert window.doc.chart == load(big_file)
    assert window.runner.worker.synced_chart is window.doc.chart
    _settled(window, qtbot)
    assert window.runner.latest == analyse(window.doc.chart)
    assert window.errors == []


def test_a_save_during_an_autosave_leaves_no_recovery_files(window, qtbot, big_file):
    _open(window, qtbot, big_file)
    _quick_add(window, qtbot, "Night ride banner")
    window.recovery.autosave_now()  # the worker is writing the recovery copy...
    assert window.runner.worker.has_pending_autosaves()
    assert window.files.save()  # ...and the save does not wait for it
    qtbot.waitUntil(lambda: not window.runner.worker.has_pending_autosaves(), timeout=60_000)
    # the autosave wrote its files; the worker removes them right after
    qtbot.waitUntil(
        lambda: (
            not window.recovery.chart_path.exists()
            and not window.recovery.chart_path.with_suffix(".json").exists()
        ),
        timeout=10_000,
    )
    assert load(big_file) == window.doc.chart
    _settled(window, qtbot)


def test_no_autosave_starts_while_a_save_is_written(window, qtbot, big_file):
    _open(window, qtbot, big_file)
    _quick_add(window, qtbot, "Campus coupon night")
    window.recovery.saving(True)
    window.recovery.autosave_now()
    assert not window.runner.worker.has_pending_autosaves()
    with qtbot.waitSignal(window.recovery.written, timeout=60_000):
        window.recovery.saving(False)  # the save failed: the autosave that came due runs
    assert load(window.recovery.chart_path) == window.doc.chart
    _settled(window, qtbot)


def test_the_open_dialog_starts_the_worker_while_the_user_picks_a_file(window, qtbot, monkeypatch):
    assert not window.runner.worker.alive()
    seen = []

    def pick(*_args, **_kwargs):
        qtbot.waitUntil(window.runner.worker.alive, timeout=10_000)  # events run in the dialog
        seen.append(window.runner.worker.alive())
        return "", ""

    monkeypatch.setattr(filesession.QFileDialog, "getOpenFileName", staticmethod(pick))
    window.files.open_dialog()
    assert seen == [True]


def test_open_recent_starts_the_worker_while_the_user_reads_a_list_with_a_large_file(
    window, qtbot, big_file, tmp_path, monkeypatch
):
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    small = tmp_path / "small.yaml"
    save(window.doc.chart, small)
    sizes = small.stat().st_size, big_file.stat().st_size
    assert sizes[0] < sizes[1]
    monkeypatch.setattr(filesession, "WORKER_MIN_BYTES", sum(sizes) // 2)
    window.recent.add(str(small))
    file_menu = window.menus.menus["file"]
    file_menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitExposed(file_menu)

    def open_recent_submenu() -> None:
        file_menu.setActiveAction(window.recent.menu.menuAction())
        QTest.keyClick(file_menu, Qt.Key.Key_Right)

    open_recent_submenu()
    qtbot.waitUntil(window.recent.menu.isVisible, timeout=5_000)
    qtbot.wait(300)
    assert not window.runner.worker.alive()  # small files only: no worker needed
    window.recent.menu.hide()
    window.recent.add(str(big_file))
    open_recent_submenu()
    qtbot.waitUntil(window.runner.worker.alive, timeout=10_000)
    QTimer.singleShot(0, file_menu.hide)
    qtbot.waitUntil(lambda: not file_menu.isVisible(), timeout=5_000)


def test_a_worker_out_of_step_is_caught_before_a_save_writes_its_copy(window, qtbot, big_file):
    from rolemap.core.chartsync import Delta, Splice, _head

    _open(window, qtbot, big_file)
    worker = window.runner.worker
    layout = window.doc.layout
    _quick_add(window, qtbot, "Poster banner city")
    _settled(window, qtbot)
    # a bug's effect: the worker drops a task the window still has
    worker.post(("delta", worker.gen, Delta(_head(window.doc.chart), (Splice("tasks", 5, 1, ()),))))
    assert window.files.save()
    assert big_file.read_bytes() == render(layout, window.doc.chart, window.doc.header).encode()
    assert worker.synced_chart is None  # the next edit sends the whole chart
    _quick_add(window, qtbot, "Night coupon city")
    _settled(window, qtbot)
    assert window.runner.latest == analyse(window.doc.chart)


def test_an_edit_repaints_only_the_rows_whose_warnings_changed(window, qtbot, big_file):
    """The worker sends only the warnings that are new; the tree keeps the user's place."""
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtTest import QTest

    from rolemap.ui.warnings_model import WarningTreeModel

    _open(window, qtbot, big_file)
    tree, model = window.warnings.tree, window.warnings.model
    # the user reads a warning far down the list
    group = max(range(model.rowCount()), key=lambda g: model.rowCount(model.index(g, 0)))
    head = model.index(group, 0)
    tree.setExpanded(head, True)
    chosen = model.index(model.rowCount(head) - 1, 0, head)
    tree.selectionModel().setCurrentIndex(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    reading = window.warnings.current_fingerprint()
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    announced: list[int] = []
    window.matrix.model.dataChanged.connect(
        lambda top, bottom, *_: announced.append(bottom.row() - top.row() + 1)
    )
    before = window.runner.latest
    # task 2 has Operations accountable only: typing A in Marketing's cell makes two
    matrix = window.matrix
    window.show_panel(matrix.view)
    assert matrix.reveal_task(2, matrix.model.column_of("mkt"))
    matrix.view.setFocus()
    QTest.keyClicks(matrix.view, "a")
    assert window.doc.chart.tasks[2].raci == {"ops": "A", "mkt": "A"}
    _settled(window, qtbot)
    after = window.runner.latest
    assert after is not before and after == analyse(window.doc.chart)
    assert any(w.rule == "multiple-accountable" and "t2" in w.entities for w in after.warnings)
    kept = {id(w) for w in before.warnings}
    assert sum(id(w) not in kept for w in after.warnings) < len(after.warnings) / 10
    # the tree shows exactly what a fresh model shows, without a reset, still on the warning
    fresh = WarningTreeModel()
    fresh.set_analysis(after)
    assert model.groups == fresh.groups and model.held_back == fresh.held_back
    assert not resets
    assert window.warnings.current_fingerprint() == reading
    assert "✓" not in str(model.data(model.index(0, 0)))
    # the matrix announced the edited row and the analysis's few changed rows, not all 400
    assert 0 < sum(announced) < N / 4


def test_a_large_save_is_written_while_the_window_paints_and_ignores_input(
    window, qtbot, big_file, monkeypatch
):
    """The write, fsync and hash of a large chart run on a thread: timers go on, keys wait,
    and the disk watcher does not take the save's own change for someone else's."""
    import time

    from PySide6.QtCore import QTimer

    from rolemap.core import safeio
    from rolemap.ui.prompts import Prompts

    _open(window, qtbot, big_file)
    _quick_add(window, qtbot, "Poster run for the night riders")
    asked: list[str] = []
    monkeypatch.setattr(Prompts, "ask_external_change", lambda self, p: asked.append(p))
    slow_write = safeio.write_file
    writing: list[float] = []

    def write_file(path, data, **kw):
        writing.append(time.perf_counter())
        time.sleep(0.2)  # a slow disk
        written = slow_write(path, data, **kw)
        time.sleep(0.4)  # the watcher sees the new file 150 ms after it is there
        return written

    monkeypatch.setattr(filesession, "write_file", write_file)
    ticks: list[float] = []
    typed_during: list[str] = []

    def tick() -> None:
        if writing:
            ticks.append(time.perf_counter())
            if not typed_during:
                typed_during.append(window.tasks.filter.text())
                qtbot.keyClicks(window.tasks.filter, "zz")

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    assert window.files.save()
    timer.stop()
    assert typed_during == [""]  # keys came while the file was being written...
    assert window.tasks.filter.text() == ""  # ...and were ignored
    assert len(ticks) >= 10  # the event loop ran meanwhile
    assert load(big_file) == window.doc.chart and not window.doc.is_modified()
    qtbot.wait(600)  # the watcher looks at the file after a save
    assert asked == [] and not window.doc.is_modified()
    _settled(window, qtbot)


def test_a_large_save_that_fails_is_reported_and_the_file_stays_whole(
    window, qtbot, big_file, monkeypatch
):
    from rolemap.ui.prompts import Prompts

    _open(window, qtbot, big_file)
    before = big_file.read_bytes()
    _quick_add(window, qtbot, "Campus banner week")
    failures: list[str] = []
    monkeypatch.setattr(
        Prompts, "ask_save_failed", lambda self, path, reason: failures.append(reason) or False
    )

    def full_disk(path, data, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(filesession, "write_file", full_disk)
    assert not window.files.save()
    assert failures and "space" in failures[0]
    assert big_file.read_bytes() == before and window.doc.is_modified()
    _settled(window, qtbot)


def test_the_worker_is_this_rolemap_whatever_the_current_folder_holds(
    window, qtbot, big_file, tmp_path, monkeypatch
):
    """Started from a folder with another rolemap in it (a second checkout), the worker still
    imports the app's own: the current folder is not put first on its path."""
    other = tmp_path / "elsewhere"
    (other / "rolemap" / "core").mkdir(parents=True)
    (other / "rolemap" / "__init__.py").write_text("raise ImportError('the wrong rolemap')\n")
    monkeypatch.chdir(other)
    died: list[bool] = []
    window.runner.worker.died.connect(lambda: died.append(True))
    _open(window, qtbot, big_file)
    assert window.doc.chart == load(big_file)
    assert window.runner.latest == analyse(window.doc.chart)
    assert window.runner.worker.alive() and not died
