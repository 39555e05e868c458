"""End-to-end workshop scenarios driving the real main window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rolemap.core.fileformat import load
from rolemap.ui.models import TaskModel
from rolemap.ui.prompts import Prompts


def _source_index(window, row, col):
    return window.tasks.model.index(row, col)


def _wait_analysis(window, qtbot):
    with qtbot.waitSignal(window.runner.finished, timeout=5000):
        pass


def test_workshop_quick_add_assign_accept_undo_save_reopen(window, qtbot, tmp_path, monkeypatch):
    window.files.new_from_template("empty", "en")
    window.editing.add_function()
    window.editing.add_function()
    fm = window.functions.model
    fm.setData(fm.index(0, 0), "Marketing")
    fm.setData(fm.index(1, 0), "Operations")
    marketing, operations = (f.id for f in window.doc.chart.functions)

    window.focus_quick_add()
    for title in ["Campus ambassadors", "Poster run", "Push coupons", "Night ride", "Win-back SMS"]:
        qtbot.keyClicks(window.tasks.quick_add, title)
        qtbot.keyClick(window.tasks.quick_add, Qt.Key.Key_Return)
    assert [t.title for t in window.doc.chart.tasks][-1] == "Win-back SMS"
    assert len(window.doc.chart.tasks) == 5
    assert window.tasks.quick_add.text() == ""

    model = window.tasks.model
    model.setData(_source_index(window, 0, TaskModel.ACCOUNTABLE), marketing)
    # Give Operations an A too, through the R/C/I-style raw edit of the core.
    from rolemap.core import edit as E

    task = window.doc.chart.tasks[0]
    both = task.model_copy(update={"raci": {marketing: "A", operations: "A"}})
    window.doc.push(E.set_task(window.doc.chart, 0, both, "Give both A"))
    _wait_analysis(window, qtbot)
    fingerprint = f"multiple-accountable:{task.id}:" + ",".join(sorted((marketing, operations)))
    found = [w for w in window.warnings.analysis.warnings if w.fingerprint == fingerprint]
    assert found and found[0].is_open

    assert window.warnings.select_fingerprint(fingerprint)
    # Selecting the warning selects its task in the table.
    assert window.tasks.selected_rows() == [0]
    # Accepting asks for the note inline; typing it and Enter accepts (no dialog).
    window.warnings.tree.setFocus()
    window.actions_by_id["accept"].trigger()
    assert window.doc.chart.reviews == ()
    assert window.warnings.note.hasFocus()
    qtbot.keyClicks(window.warnings.note, "Both teams co-own ambassadors")
    qtbot.keyClick(window.warnings.note, Qt.Key.Key_Return)
    assert window.doc.chart.reviews[0].note == "Both teams co-own ambassadors"
    _wait_analysis(window, qtbot)
    accepted = next(w for w in window.warnings.analysis.warnings if w.fingerprint == fingerprint)
    assert not accepted.is_open
    assert window.warnings.analysis.counts()["high"] == 0

    assert window.doc.undo_stack.undoText() == "Accept warning"
    window.actions_by_id["undo"].trigger()
    assert window.doc.chart.reviews == ()
    window.actions_by_id["redo"].trigger()
    assert window.doc.chart.reviews[0].status == "accepted"

    path = tmp_path / "workshop.yaml"
    assert window.files.write(str(path))
    assert not window.isWindowModified()
    assert "workshop.yaml" in window.windowTitle()
    saved = window.doc.chart
    assert load(path) == saved

    window.files.new_from_template("empty", "zh")
    assert window.open_path(str(path))
    assert window.doc.chart == saved
    assert not window.doc.is_modified()


def test_unsaved_changes_prompt_cancel_keeps_window_and_discard_closes(window, monkeypatch):
    window.tasks.quick_add.setText("Something new")
    window.editing.quick_add()
    assert window.isWindowModified()
    answers = []
    monkeypatch.setattr(Prompts, "ask_unsaved", lambda self, _p: answers.append(1) or "cancel")
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(Prompts, "ask_unsaved", lambda self, _p: answers.append(1) or "discard")
    assert window.close()
    assert len(answers) == 2


def test_unsaved_changes_prompt_save_writes_the_file(window, monkeypatch, tmp_path):
    path = tmp_path / "c.yaml"
    window.doc.set_path(str(path))
    window.tasks.quick_add.setText("保存前的新任务")
    window.editing.quick_add()
    monkeypatch.setattr(Prompts, "ask_unsaved", lambda self, _p: "save")
    assert window.close()
    assert load(path).tasks[-1].title == "保存前的新任务"


def test_bad_files_show_an_error_and_keep_the_document(window, tmp_path):
    before = window.doc.chart
    bad = {
        "syntax.yaml": b"rolemap: 1\ntitle: [unclosed\n",
        "empty.yaml": b"",
        "latin1.yaml": "rolemap: 1\ntitle: caf\xe9\n".encode("latin-1"),
        "newer.yaml": b"rolemap: 3\ntitle: x\n",
        "refs.yaml": b"rolemap: 1\ntitle: x\ntasks:\n- id: t1\n  title: a\n  goals: [nope]\n",
        "alias.yaml": b"rolemap: 1\ntitle: &a x\nfunctions: *a\n",
    }
    for name, data in bad.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert not window.open_path(str(path))
    assert window.doc.chart is before
    assert [p for p, _ in window.errors] == [str(tmp_path / n) for n in bad]
    assert "tasks[0].goals[0]" in window.errors[4][1]
    assert "newer" in window.errors[3][1]
    assert not window.open_path(str(tmp_path / "missing.yaml"))
    # Still usable afterwards.
    window.tasks.quick_add.setText("still works")
    window.editing.quick_add()
    assert window.doc.chart.tasks[-1].title == "still works"


def test_deleting_a_referenced_function_reassigns_and_undo_restores(window, monkeypatch):
    chart = window.doc.chart
    monkeypatch.setattr(Prompts, "ask_function_references", lambda self, *a: "operations")
    window.functions.view.selectRow(0)  # marketing
    window.editing.delete_functions()
    after = window.doc.chart
    assert "marketing" not in {f.id for f in after.functions}
    assert all(g.owner != "marketing" for g in after.goals)
    assert all("marketing" not in t.raci for t in after.tasks)
    assert window.doc.undo_stack.undoText() == "Delete function 'Marketing'"
    window.doc.undo_stack.undo()
    assert window.doc.chart == chart


def test_selecting_a_task_highlights_its_warnings(window):
    row = next(i for i, t in enumerate(window.doc.chart.tasks) if t.id == "campus-ambassadors")
    window.tasks.view.selectRow(
        window.tasks.proxy.mapFromSource(window.tasks.model.index(row, 0)).row()
    )
    assert window.warnings._highlight == {"campus-ambassadors"}
    bold = window.warnings.highlighted()
    assert "multiple-accountable:campus-ambassadors:marketing,operations" in bold
    assert all("campus-ambassadors" in fp for fp in bold)
    # The model renders them in bold.
    model = window.warnings.model
    g = next(i for i, group in enumerate(model.groups) if any(w.fingerprint in bold for w in group))
    row = next(r for r, w in enumerate(model.groups[g]) if w.fingerprint in bold)
    font = model.index(row, 0, model.index(g, 0)).data(Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()


def test_zoom_changes_font_and_is_remembered(window, settings):
    size = window.font().pointSizeF()
    window.actions_by_id["zoom_in"].trigger()
    assert window.font().pointSizeF() > size
    assert int(settings.value("zoom")) == 1
    window.actions_by_id["zoom_reset"].trigger()
    assert window.font().pointSizeF() == size


def test_recent_files_are_remembered(window, tmp_path, settings):
    path = tmp_path / "r.yaml"
    assert window.files.write(str(path))
    assert window.recent.files()[0] == str(path)
    assert settings.value("recentFiles")


def test_an_edit_built_on_an_older_chart_is_refused(window):
    from rolemap.core import edit as E

    stale = E.set_title(window.doc.chart, "built before the reload")
    window.files.new_from_template("empty", "en")
    now = window.doc.chart
    assert window.doc.push(stale) is False
    assert window.doc.chart is now


def test_analysis_does_not_take_over_the_task_selection(window, qtbot):
    first = window.warnings.analysis.warnings[0].fingerprint
    assert window.warnings.select_fingerprint(first)
    view, proxy, model = window.tasks.view, window.tasks.proxy, window.tasks.model
    last = len(window.doc.chart.tasks) - 1
    view.selectRow(proxy.mapFromSource(model.index(last, 0)).row())
    model.setData(model.index(last, TaskModel.TAGS), "edited")
    window.runner.run_sync()
    assert window.tasks.selected_rows() == [last]


def test_has_warnings_filter_does_not_reset_on_each_edit(window):
    window.tasks.only_warnings.setChecked(True)
    proxy, model, view = window.tasks.proxy, window.tasks.model, window.tasks.view
    resets = []
    proxy.modelAboutToBeReset.connect(lambda: resets.append(1))
    row = proxy.mapToSource(proxy.index(0, 0)).row()
    view.selectRow(0)
    model.setData(model.index(row, TaskModel.TAGS), "tagged")
    window.runner.run_sync()
    assert resets == []
    assert window.tasks.selected_rows() == [row]


def test_goal_checklist_editor_commits_when_it_closes(window, qtbot):
    from rolemap.ui.delegates import CheckListCombo

    view, proxy = window.tasks.view, window.tasks.proxy
    index = proxy.index(0, TaskModel.GOALS)
    row = proxy.mapToSource(index).row()
    before = set(window.doc.chart.tasks[row].goals)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(CheckListCombo)
    assert editor is not None
    target = window.doc.chart.goals[-1].id  # the unowned app-rating goal
    assert target not in before
    editor._toggle(len(window.doc.chart.goals) - 1)
    editor.hidePopup()
    assert set(window.doc.chart.tasks[row].goals) == before | {target}
    assert window.doc.undo_stack.undoText().startswith("Set goals of")
