"""Exporting a chart as a coloured workbook or a CSV matrix, and importing it back."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.core.analysis import analyse
from rolemap.core.catalogue import RACI_LETTERS, Archetype
from rolemap.core.fileformat import load
from rolemap.core.model import Chart, Function, Goal, Review, Task
from rolemap.core.spreadsheet import import_spreadsheet
from rolemap.core.spreadsheet.writer import FILLS, export_csv, export_xlsx
from rolemap.resources import template_path


def _same_matrix(a: Chart, b: Chart) -> None:
    """Same functions, tasks and letters (what the round trip promises)."""
    assert [(f.id, f.name) for f in b.functions] == [(f.id, f.name) for f in a.functions]
    assert [(t.id, t.title) for t in b.tasks] == [(t.id, t.title) for t in a.tasks]
    assert [t.raci for t in b.tasks] == [t.raci for t in a.tasks]


@pytest.fixture(params=["en", "zh"])
def template(request: pytest.FixtureRequest) -> Chart:
    return load(template_path("marketing-vs-operations", request.param))


def _book(chart: Chart) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(export_xlsx(chart)))


def test_workbook_round_trip_keeps_everything(tmp_path: Path, template: Chart) -> None:
    path = tmp_path / "chart.xlsx"
    path.write_bytes(export_xlsx(template))
    result = import_spreadsheet(path)
    back = result.chart
    _same_matrix(template, back)
    # The extra sheets bring back ids, archetypes, colours, goals, KPIs, tags and reviews.
    assert back.functions == template.functions
    assert back.goals == template.goals
    assert [t.goals for t in back.tasks] == [t.goals for t in template.tasks]
    assert [t.tags for t in back.tasks] == [t.tags for t in template.tasks]
    assert [t.description for t in back.tasks] == [t.description for t in template.tasks]
    assert back.reviews == template.reviews
    assert back.title == template.title
    assert result.summary.unreadable == []


def test_csv_round_trip_keeps_functions_tasks_and_letters(tmp_path: Path, template: Chart) -> None:
    path = tmp_path / "chart.csv"
    data = export_csv(template)
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    path.write_bytes(data)
    back = import_spreadsheet(path).chart
    assert [f.name for f in back.functions] == [f.name for f in template.functions]
    assert [(t.id, t.title) for t in back.tasks] == [(t.id, t.title) for t in template.tasks]
    names = {f.id: f.name for f in template.functions}
    back_names = {f.id: f.name for f in back.functions}
    for a, b in zip(template.tasks, back.tasks, strict=True):
        assert {names[f]: v for f, v in a.raci.items()} == {
            back_names[f]: v for f, v in b.raci.items()
        }


def test_csv_holds_chinese_as_utf8(template: Chart) -> None:
    text = export_csv(template).decode("utf-8-sig")
    header = text.splitlines()[0].split(",")
    if any("\u4e00" <= ch <= "\u9fff" for ch in template.title):
        assert header[:2] == ["编号", "任务"]
    assert [f.name for f in template.functions] == header[2 : 2 + len(template.functions)]
    assert len(text.splitlines()) == 1 + len(template.tasks)


def test_workbook_colours_letters_and_marks_conflict_rows() -> None:
    chart = Chart(
        title="Two owners",
        functions=(Function(id="mkt", name="Marketing"), Function(id="ops", name="Operations")),
        tasks=(
            Task(id="t1", title="Launch", raci={"mkt": "A", "ops": "A"}),
            Task(id="t2", title="Report", raci={"mkt": "RA", "ops": "I"}),
        ),
    )
    sheet = _book(chart)["RACI"]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=6)}
    header = [c.value for c in next(sheet.iter_rows(min_row=5, max_row=5))]
    assert header == [
        "ID",
        "Task",
        "Marketing",
        "Operations",
        "Goals",
        "Tags",
        "Description",
        "Warnings",
    ]
    launch, report = rows["Launch"], rows["Report"]
    assert launch[2].fill.start_color.rgb.endswith(FILLS["A"])
    assert report[2].fill.start_color.rgb.endswith(FILLS["A"])  # RA: the owner's colour
    assert report[3].fill.start_color.rgb.endswith(FILLS["I"])
    assert "Multiple" in launch[7].value or "accountable" in launch[7].value.lower()
    assert launch[1].fill.fill_type == "solid" and report[1].fill.fill_type is None
    assert report[7].value is None


def test_workbook_sheets_goals_warnings_convergence(template: Chart) -> None:
    book = _book(template)
    zh = book.sheetnames[1] == "目标"
    assert book.sheetnames == (
        ["RACI", "目标", "重叠预警", "目标趋同度", "部门"]
        if zh
        else ["RACI", "Goals", "Warnings", "Convergence", "Functions"]
    )
    goals = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert [g[0] for g in goals] == [g.id for g in template.goals]
    first = template.goals[0]
    assert goals[0][4] == "\n".join(first.kpis)
    result = analyse(template)
    warnings = list(book.worksheets[2].iter_rows(min_row=2, values_only=True))
    assert [w[5] for w in warnings] == [w.fingerprint for w in result.warnings]
    reviewed = [w for w in warnings if w[6]]
    assert len(reviewed) == len([w for w in result.warnings if w.review])
    convergence = list(book.worksheets[3].iter_rows(min_row=2, values_only=True))
    assert [round(c.score, 3) for c in result.convergence] == [c[2] for c in convergence]


# ------------------------------------------------------------------ round trip, generated charts

_words = st.sampled_from(
    [
        "Launch",
        "campaign",
        "校园",
        "大使",
        "拉新",
        "report",
        "Q3",
        "city",
        "会员日",
        "price",
        "test",
    ]
)
_titles = st.lists(_words, min_size=1, max_size=4).map(" ".join)
_function_names = st.lists(
    st.sampled_from(
        ["Marketing", "Operations", "Product", "Sales", "市场部", "运营部", "客服", "Legal"]
    ),
    min_size=1,
    max_size=6,
    unique=True,
)
_letters = st.sets(st.sampled_from(RACI_LETTERS), min_size=1).map(
    lambda s: "".join(x for x in RACI_LETTERS if x in s)
)


@st.composite
def charts(draw: st.DrawFn) -> Chart:
    names = draw(_function_names)
    functions = tuple(
        Function(id=f"f{i}", name=n, archetype=draw(st.sampled_from(list(Archetype))))
        for i, n in enumerate(names)
    )
    goals = (Goal(id="g1", name="Brand awareness", owner="f0", kpis=("recall", "reach")),)
    tasks = []
    for i in range(draw(st.integers(0, 8))):
        raci = draw(st.dictionaries(st.sampled_from([f.id for f in functions]), _letters))
        raci = raci if draw(st.integers(0, 5)) else {}  # now and then a task nobody has yet
        goal_ids = draw(st.sampled_from([(), ("g1",)]))
        tasks.append(Task(id=f"t{i}", title=draw(_titles), raci=raci, goals=goal_ids))
    reviews = draw(
        st.sampled_from([(), (Review(warning="task-without-goal:t0", status="acknowledged"),)])
    )
    return Chart(
        title=draw(_titles), functions=functions, goals=goals, tasks=tuple(tasks), reviews=reviews
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(chart=charts())
def test_round_trip_on_generated_charts(tmp_path: Path, chart: Chart) -> None:
    path = tmp_path / "round.xlsx"
    path.write_bytes(export_xlsx(chart))
    back = import_spreadsheet(path).chart
    _same_matrix(chart, back)
    assert back.functions == chart.functions


REAL_CHARTS = sorted(
    p
    for p in (Path(__file__).parents[2] / "benchmarks" / "quality" / "real").glob("*.yaml")
    if not p.name.endswith(".expected.yaml")
)


@pytest.mark.parametrize("source", REAL_CHARTS, ids=[p.stem for p in REAL_CHARTS])
def test_real_charts_round_trip_through_workbook_and_csv(tmp_path: Path, source: Path) -> None:
    """Transcribed real charts (RACI, RASCI, DACI, Chinese) come back unchanged."""
    chart = load(source)
    book = tmp_path / "real.xlsx"
    book.write_bytes(export_xlsx(chart))
    result = import_spreadsheet(book)
    back = result.chart
    assert (back.title, back.functions, back.goals, back.tasks, back.reviews) == (
        chart.title,
        chart.functions,
        chart.goals,
        chart.tasks,
        chart.reviews,
    )
    assert getattr(back, "notation", "raci") == getattr(chart, "notation", "raci")
    assert result.summary.unreadable == []
    table = tmp_path / "real.csv"
    table.write_bytes(export_csv(chart))
    names = {f.id: f.name for f in chart.functions}
    again = import_spreadsheet(table).chart
    again_names = {f.id: f.name for f in again.functions}
    assert [{names[f]: v for f, v in t.raci.items()} for t in chart.tasks] == [
        {again_names[f]: v for f, v in t.raci.items()} for t in again.tasks
    ]


@pytest.mark.skipif("effort" not in Task.model_fields, reason="task effort is format 2")
def test_effort_column_round_trips_and_bad_values_are_reported(tmp_path: Path) -> None:
    chart = Chart(
        title="Sized",
        functions=(Function(id="mkt", name="Marketing"),),
        tasks=(
            Task(id="t1", title="Launch", raci={"mkt": "RA"}, effort=3),
            Task(id="t2", title="Report", raci={"mkt": "R"}),
            Task(id="t3", title="Retro", raci={"mkt": "A"}, effort=0.5),
        ),
    )
    path = tmp_path / "sized.xlsx"
    path.write_bytes(export_xlsx(chart))
    assert import_spreadsheet(path).chart.tasks == chart.tasks
    bad = tmp_path / "bad.csv"
    bad.write_text("Task,Marketing,Effort\nLaunch,A,big\n", encoding="utf-8")
    result = import_spreadsheet(bad)
    [note] = result.summary.unreadable
    assert (note.row, note.column, note.value) == (2, 3, "big")
    assert result.chart.tasks[0].effort is None
