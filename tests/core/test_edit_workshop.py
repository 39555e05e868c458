"""The workshop edit rules that used to live in the UI: cells, capture, tags, KPIs, reviews, ids."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.core import edit as E
from rolemap.core.model import Chart, Function, Goal, Review, Task


@pytest.fixture
def chart() -> Chart:
    return Chart(
        title="Campus",
        functions=(Function(id="mkt", name="Marketing"), Function(id="ops", name="Operations")),
        goals=(Goal(id="aware", name="Awareness", owner="mkt"),),
        tasks=(
            Task(id="t1", title="Posters", raci={"mkt": "RA"}),
            Task(id="t2", title="Coupons", raci={"ops": "A", "mkt": "I"}),
        ),
    )


def _undo(edit: E.Edit) -> Chart:
    return edit.undo[-1].chart


def test_set_cell_canonical_order_and_function_order(chart: Chart) -> None:
    edit = E.set_cell(chart, 1, "mkt", "ic r")
    assert edit is not None
    assert edit.after.tasks[1].raci == {"mkt": "RCI", "ops": "A"}  # chart order of functions
    assert _undo(edit) == chart
    assert E.set_cell(chart, 0, "mkt", "AR") is None  # nothing changes
    cleared = E.set_cell(chart, 0, "mkt", "")
    assert cleared is not None and cleared.after.tasks[0].raci == {}


def test_toggle_letter_adds_then_removes_and_ignores_other_letters(chart: Chart) -> None:
    added = E.toggle_letter(chart, 0, "ops", "c")
    assert added is not None and added.after.tasks[0].raci["ops"] == "C"
    removed = E.toggle_letter(added.after, 0, "ops", "C")
    assert removed is not None and "ops" not in removed.after.tasks[0].raci
    assert E.toggle_letter(chart, 0, "ops", "S") is None  # not a RACI letter
    assert E.toggle_letter(chart, 0, "ops", "?") is None


def test_clear_cells_is_one_edit(chart: Chart) -> None:
    edit = E.clear_cells(chart, [(0, "mkt"), (1, "mkt"), (1, "ops"), (0, "ops")])
    assert edit is not None
    assert [t.raci for t in edit.after.tasks] == [{}, {}]
    assert edit.text == "Clear 3 cells"
    assert E.clear_cells(edit.after, [(0, "mkt")]) is None


def test_add_task_keeps_known_goals_and_the_group_tag(chart: Chart) -> None:
    edit = E.add_task(chart, "  Dorm talks ", goals=("aware", "gone"), tags=("week 1",))
    assert edit is not None
    task = edit.after.tasks[-1]
    assert (task.title, task.goals, task.tags) == ("Dorm talks", ("aware",), ("week 1",))
    assert E.add_task(chart, "   ") is None


def test_duplicate_tasks_get_fresh_ids_after_the_last(chart: Chart) -> None:
    edit = E.duplicate_tasks(chart, [1, 0])
    assert edit is not None
    ids = [t.id for t in edit.after.tasks]
    assert len(set(ids)) == 4 and ids[:2] == ["t1", "t2"]
    assert [t.title for t in edit.after.tasks[2:]] == ["Posters", "Coupons"]
    assert E.duplicate_tasks(chart, []) is None


@pytest.mark.parametrize(
    ("text", "tags"),
    [("a, b，c、a", ("a", "b", "c")), (" , ", ()), ("拉新、 获客", ("拉新", "获客"))],
)
def test_tags_split_on_commas_of_both_scripts(chart: Chart, text: str, tags: tuple) -> None:
    edit = E.set_tags(chart, 0, text)
    if tags:
        assert edit is not None and edit.after.tasks[0].tags == tags
    else:
        assert edit is None


def test_set_goals_and_kpis_drop_unknown_blank_and_repeated(chart: Chart) -> None:
    goals = E.set_goals(chart, 0, ["aware", "nope", "aware"])
    assert goals is not None and goals.after.tasks[0].goals == ("aware",)
    kpis = E.set_kpis(chart, 0, [" reach ", "", "reach", "30-day repurchase rate"])
    assert kpis is not None and kpis.after.goals[0].kpis == ("reach", "30-day repurchase rate")
    assert E.set_kpis(kpis.after, 0, ["reach", "30-day repurchase rate"]) is None


def test_a_renamed_placeholder_takes_an_id_from_its_name(chart: Chart) -> None:
    add = E.insert_rows(chart, "goals", 1, [E.new_goal(chart, "New goal")], "add")
    assert add.after.goals[1].id == "new-goal"
    renamed = E.rename(add.after, "goals", 1, "Word of mouth")
    assert renamed is not None and renamed.after.goals[1].id == "word-of-mouth"
    # Chinese names give a numbered id (ids are slugs of ASCII names only).
    zh = E.rename(add.after, "goals", 1, "口碑")
    assert zh is not None and zh.after.goals[1].id.startswith("g")
    # Referenced ids and ordinary ids never change.
    used = add.after.model_copy(
        update={"tasks": (add.after.tasks[0].model_copy(update={"goals": ("new-goal",)}),)}
    )
    kept = E.rename(used, "goals", 1, "Word of mouth")
    assert kept is not None and kept.after.goals[1].id == "new-goal"
    other = E.rename(chart, "functions", 0, "Brand")
    assert other is not None and other.after.functions[0].id == "mkt"
    assert E.rename(chart, "functions", 0, " Marketing ") is None


def test_reviews_are_built_and_applied_as_one_step(chart: Chart) -> None:
    day = dt.date(2026, 12, 1)
    review = E.make_review("rule:t1", "accepted", "  both own it ", today=day)
    assert review == Review(warning="rule:t1", status="accepted", note="both own it", date=day)
    assert E.make_review("rule:t1", "acknowledged", "  ").note is None
    edit = E.set_reviews(
        chart, [review, E.make_review("rule:t2", "acknowledged", None, today=day)], "Accept"
    )
    assert edit is not None and len(edit.after.reviews) == 2
    assert _undo(edit) == chart
    again = E.set_reviews(edit.after, [review.model_copy(update={"note": "new"})], "Accept")
    assert again is not None and again.after.reviews[0].note == "new"
    gone = E.remove_reviews(edit.after, ["rule:t1", "rule:t2"], "Reopen")
    assert gone is not None and gone.after.reviews == ()
    assert E.remove_reviews(chart, ["x"], "Reopen") is None


def test_cells_follow_the_chart_notation_and_conditional_marks(chart: Chart) -> None:
    daci = chart.model_copy(update={"notation": "daci", "tasks": (Task(id="t1", title="x"),)})
    assert E.letters_for(daci) == "DACI"
    assert E.toggle_letter(daci, 0, "mkt", "R") is None  # no R in DACI
    driver = E.toggle_letter(daci, 0, "mkt", "d")
    assert driver is not None and driver.after.tasks[0].raci == {"mkt": "D"}
    assert E.canonical_cell(daci, "a?dr") == "DA?"
    maybe = E.toggle_conditional(driver.after, 0, "mkt", None)
    assert maybe is not None and maybe.after.tasks[0].raci == {"mkt": "D?"}
    firm = E.toggle_conditional(maybe.after, 0, "mkt", "D")
    assert firm is not None and firm.after.tasks[0].raci == {"mkt": "D"}
    gone = E.toggle_letter(maybe.after, 0, "mkt", "D")
    assert gone is not None and gone.after.tasks[0].raci == {}
