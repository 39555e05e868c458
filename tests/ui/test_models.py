"""Table models: Qt's model tester over edits, row-level updates instead of resets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest

from rolemap.core import edit as E
from rolemap.ui.models import TaskModel
from rolemap.ui.side_models import GoalModel


def _tester(model):
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)


def test_models_pass_the_model_tester_through_edits(window):
    testers = [
        _tester(window.tasks.model),
        _tester(window.tasks.proxy),
        _tester(window.goals.model),
        _tester(window.functions.model),
        _tester(window.warnings.model),
        _tester(window.matrix.proxy),
    ]
    doc = window.doc
    chart = doc.chart
    doc.push(E.insert_rows(chart, "tasks", 2, [E.new_task(chart, "A new task")], "add"))
    doc.push(E.remove_rows(doc.chart, "tasks", [0, 3, 4, 9], "remove"))
    doc.push(E.remove_rows(doc.chart, "goals", [1, 2], "remove goals"))
    doc.push(E.delete_function(doc.chart, 0, None, "delete function"))
    window.runner.run_sync()
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.chart == chart
    assert window.tasks.model.rowCount() == len(chart.tasks)
    assert len(testers) == 6


def test_a_single_edit_does_not_reset_the_task_model(window, qtbot):
    model = window.tasks.model
    resets = []
    model.modelAboutToBeReset.connect(lambda: resets.append(1))
    changed = []
    model.dataChanged.connect(lambda a, b, roles=(): changed.append((a.row(), b.row())))
    index = model.index(3, TaskModel.TITLE)
    assert model.setData(index, "Renamed task", Qt.ItemDataRole.EditRole)
    assert model.data(index) == "Renamed task"
    assert resets == []
    assert (3, 3) in changed
    assert window.doc.undo_stack.undoText().startswith("Rename task")


def test_accountable_column_sets_exactly_one_a(window):
    model = window.tasks.model
    row = next(i for i, t in enumerate(window.doc.chart.tasks) if t.id == "campus-ambassadors")
    assert len(window.doc.chart.tasks[row].accountable()) == 2
    model.setData(model.index(row, TaskModel.ACCOUNTABLE), "operations")
    task = window.doc.chart.tasks[row]
    assert task.accountable() == ("operations",)
    assert task.raci["marketing"] == "R"  # R kept, A moved
    assert window.doc.undo_stack.undoText() == "Set accountable of 'Recruit campus ambassadors'"


def test_goal_kpis_are_a_list_not_a_comma_string(window):
    model = window.goals.model
    model.setData(model.index(0, GoalModel.KPIS), ["revenue, net of refunds", "30日留存率"])
    assert window.doc.chart.goals[0].kpis == ("revenue, net of refunds", "30日留存率")


def test_filter_as_you_type_and_has_warnings(window, qtbot):
    panel = window.tasks
    total = panel.model.rowCount()
    panel.filter.setText("wechat")
    assert 0 < panel.proxy.rowCount() < total
    panel.filter.setText("operations rider")  # function name and goal name words
    assert 0 < panel.proxy.rowCount() < total
    panel.filter.clear()
    panel.only_warnings.setChecked(True)
    flagged = panel.proxy.rowCount()
    assert 0 < flagged < total
    panel.only_warnings.setChecked(False)
    assert panel.proxy.rowCount() == total


def test_row_proxy_sorts_keeps_selection_and_survives_edits(window):
    tester = _tester(window.tasks.proxy)
    view, proxy, model = window.tasks.view, window.tasks.proxy, window.tasks.model
    view.sortByColumn(TaskModel.TITLE, Qt.SortOrder.DescendingOrder)
    titles = [proxy.index(r, TaskModel.TITLE).data() for r in range(proxy.rowCount())]
    assert titles == sorted(titles, key=str.casefold, reverse=True)
    target = window.doc.chart.tasks[4].id
    view.selectRow(proxy.mapFromSource(model.index(4, 0)).row())
    view.sortByColumn(TaskModel.ACCOUNTABLE, Qt.SortOrder.AscendingOrder)
    assert [window.doc.chart.tasks[r].id for r in window.tasks.selected_rows()] == [target]
    # Edits through a sorted, filtered proxy: removals, inserts, undo.
    window.tasks.filter.setText("campus")
    shown = proxy.rowCount()
    assert 0 < shown < model.rowCount()
    doc = window.doc
    doc.push(E.remove_rows(doc.chart, "tasks", [0, 2, 5], "remove"))
    window.tasks.quick_add.setText("brand new task")
    window.editing.quick_add()
    assert proxy.index(proxy.rowCount() - 1, TaskModel.TITLE).data() == "brand new task"
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert tester is not None
    for r in range(proxy.rowCount()):
        assert "campus" in model.filter_text(proxy.mapToSource(proxy.index(r, 0)).row())


def test_every_column_sorts_by_what_it_shows_and_follows_edits(window, qtbot):
    view, proxy, model = window.tasks.view, window.tasks.proxy, window.tasks.model
    window.show_panel(view)
    header = view.horizontalHeader()
    for col in range(1, model.columnCount()):  # a real click on each header (title: frozen)
        for _ in range(2):  # ascending, then descending
            x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
            QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
            shown = [proxy.index(r, col).data() or "" for r in range(proxy.rowCount())]
            keys = [(text or "\uffff").casefold() for text in shown]
            if col == TaskModel.WARNINGS:
                keys = [int(text or 0) for text in shown]
            descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            assert keys == sorted(keys, reverse=descending), model.headerData(
                col, Qt.Orientation.Horizontal
            )
    # Sorted by accountable: an edit that changes one task's accountable moves it on resort.
    view.sortByColumn(TaskModel.ACCOUNTABLE, Qt.SortOrder.AscendingOrder)
    first = proxy.mapToSource(proxy.index(0, 0)).row()
    last = max(window.doc.chart.functions, key=lambda f: f.name.casefold())
    assert model.setData(model.index(first, TaskModel.ACCOUNTABLE), last.id)
    view.sortByColumn(TaskModel.ACCOUNTABLE, Qt.SortOrder.AscendingOrder)
    assert proxy.mapToSource(proxy.index(0, 0)).row() != first


def test_the_warnings_tree_follows_new_analyses_row_by_row(qtbot):
    """Analyses decoded as the app receives them from the worker: unchanged warnings are the
    same objects, so the tree removes and inserts only the rest; it always shows what a fresh
    model shows, and Qt's model tester checks every step."""
    from rolemap.core import analysissync
    from rolemap.core.analysis import analyse
    from rolemap.core.fileformat import load
    from rolemap.resources import template_path
    from rolemap.ui.warnings_model import WarningTreeModel

    chart = load(template_path("marketing-vs-operations", "en"))
    encoder, decoder = analysissync.Encoder(), analysissync.Decoder()
    model = WarningTreeModel()
    tester = _tester(model)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    charts = [chart]
    for row in (0, 3, 5):
        task = charts[-1].tasks[row]
        charts.append(E.update_row(charts[-1], "tasks", row, "t", raci={}, title=task.title).after)
    charts.append(E.remove_rows(charts[-1], "tasks", [1, 2], "remove").after)
    charts.append(chart)
    for step in charts:
        analysis = decoder.decode(*encoder.encode(analyse(step)))
        model.set_analysis(analysis)
        fresh = WarningTreeModel()
        fresh.set_analysis(analysis)
        assert model.groups == fresh.groups
        assert [model.data(model.index(g, 0)) for g in range(3)] == [
            fresh.data(fresh.index(g, 0)) for g in range(3)
        ]
    assert len(resets) == 1  # the first analysis only
    assert tester is not None


def test_warning_counts_and_marks_follow_each_analysis_as_a_fresh_model_shows_them(window):
    """The task, goal and function lists keep each row's warning count and mark until its
    warnings change, and repaint only those rows: after each edit every row shows what a
    model that never saw an analysis before shows."""
    from rolemap.core import analysissync
    from rolemap.core.analysis import analyse
    from rolemap.ui.side_models import FunctionModel

    doc = window.doc
    encoder, decoder = analysissync.Encoder(), analysissync.Decoder()
    kinds = [(TaskModel, TaskModel.WARNINGS), (GoalModel, GoalModel.WARNINGS)]
    kinds.append((FunctionModel, FunctionModel.WARNINGS))
    models = [kind(doc) for kind, _ in kinds]
    repainted: list[int] = []
    models[1].dataChanged.connect(
        lambda a, b, roles=(): repainted.extend(range(a.row(), b.row() + 1))
    )

    def check() -> None:
        analysis = decoder.decode(*encoder.encode(analyse(doc.chart)))
        for model in models:
            model.set_analysis(analysis)
        for model, (kind, col) in zip(models, kinds, strict=True):
            fresh = kind(doc)
            fresh.set_analysis(analysis)
            for row in range(model.rowCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole):
                    got, want = model.index(row, col), fresh.index(row, col)
                    assert model.data(got, role) == fresh.data(want, role), (kind, row, role)

    check()
    chart = doc.chart
    task = chart.tasks[0]
    doc.push(E.update_row(chart, "tasks", 0, "t", raci={}, title=task.title))
    repainted.clear()
    check()
    served = {window.doc.chart.goals.index(g) for g in window.doc.chart.goals if g.id in task.goals}
    assert set(repainted) <= served or not task.goals  # the goals of the edited task, at most
    assert len(set(repainted)) < len(doc.chart.goals)
    doc.push(E.remove_rows(doc.chart, "tasks", [1, 2], "remove"))
    check()
    doc.push(E.update_row(doc.chart, "goals", 0, "g", owner=None))
    check()
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
        check()


@given(st.lists(st.integers(0, 30), max_size=25), st.data())
def test_splices_turn_the_old_rows_into_the_new(old_keys: list[int], data) -> None:
    """Removing then inserting the runs ``_splices`` plans gives the new rows exactly (None:
    rows moved, or a row twice where the lists differ: the tree is reset instead)."""
    from rolemap.ui.warnings_model import _splices

    pool = {k: object() for k in range(40)}
    old = [pool[k] for k in old_keys]
    kept = [w for w in old if data.draw(st.booleans())]
    new = list(kept)
    for _ in range(data.draw(st.integers(0, 4))):
        new.insert(data.draw(st.integers(0, len(new))), pool[data.draw(st.integers(0, 39))])
    plan = _splices(old, new)  # type: ignore[arg-type]
    if plan is None:
        return
    rows = list(old)
    removals, inserts = plan
    for first, last in reversed(removals):
        del rows[first : last + 1]
    for first, items in inserts:
        rows[first:first] = items
    assert [id(w) for w in rows] == [id(w) for w in new]


def test_warnings_are_grouped_by_severity_in_any_order() -> None:
    """An analysis lists the most severe first (groups are cut where severity changes); in
    another order each group still holds exactly its severity's warnings, in order."""
    from rolemap.core.analysis import Analysis
    from rolemap.core.analysis.context import new_warning
    from rolemap.ui.warnings_model import _grouped

    made = [
        new_warning("r", severity, (f"e{i}",), f"m{i}", "s", f"r:{i}")
        for i, severity in enumerate(["low", "high", "medium", "high", "low", "medium"])
    ]
    for warnings in (made, sorted(made, key=lambda w: ["high", "medium", "low"].index(w.severity))):
        groups, held = _grouped(Analysis(tuple(warnings), ()), capture=False)
        assert held == []
        assert groups == [
            [w for w in warnings if w.severity == s] for s in ("high", "medium", "low")
        ]
