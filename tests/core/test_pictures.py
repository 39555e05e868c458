"""Heat maps, the printable matrix, the counts behind them, and the Markdown report."""

from __future__ import annotations

from rolemap.core.analysis import analyse
from rolemap.core.catalogue import GoalKind
from rolemap.core.export import export_markdown
from rolemap.core.layout.geometry import ALERT
from rolemap.core.layout.heatlayout import layout_heatmaps
from rolemap.core.layout.matrixlayout import CONFLICT, MISSING, MatrixOptions, layout_matrix
from rolemap.core.layout.views import picture
from rolemap.core.model import Chart
from rolemap.core.tables import kind_table
from tests.core.picture_charts import big_chart, converging_chart, small_chart


def test_kind_table_counts_owned_goals_and_r_or_a_work() -> None:
    table = kind_table(small_chart())
    assert table.kinds[0] is GoalKind.AWARENESS and table.kinds[-1] is GoalKind.PERCEPTION
    assert table.cell("mkt", GoalKind.AWARENESS) == (1, 2)  # poster and sms2
    assert table.cell("ops", GoalKind.ACQUISITION) == (1, 1)
    assert table.cell("mkt", GoalKind.ACQUISITION) == (1, 1)  # A on "both" counts as work
    assert table.rows[-1] is None  # the unowned goal gets a row
    assert table.cell(None, GoalKind.PERCEPTION) == (1, 0)


def test_convergence_heat_map_frames_the_converging_pair() -> None:
    chart = converging_chart()
    result = analyse(chart)
    pic = layout_heatmaps(chart, result)
    flagged = [w for w in result.warnings if w.rule == "converging-goals"]
    assert flagged
    framed = [b for b in pic.boxes if b.role == "cell" and b.ref and b.ref[0] == "warning"]
    assert {b.ref[1] for b in framed if b.ref} == {w.fingerprint for w in flagged}
    assert all(b.border == ALERT for b in framed)
    scores = {f"{c.score:.2f}" for c in result.convergence}
    texts = {b.lines[0] for b in pic.boxes if b.role == "cell" and b.lines}
    assert scores <= texts


def test_goal_kind_heat_map_matches_the_table_and_marks_shared_kinds() -> None:
    chart = small_chart()
    pic = layout_heatmaps(chart)
    cells = [b for b in pic.boxes if b.role == "cell" and b.ref == ("kind", "acquisition")]
    assert sorted(b.lines for b in cells) == [(), (), ("1 · 1",), ("1 · 1",)]
    assert [b.border == ALERT for b in cells if b.lines] == [True, True]  # two owners
    aware = [b for b in pic.boxes if b.role == "cell" and b.ref == ("kind", "awareness")]
    assert not any(b.border == ALERT for b in aware)


def test_heat_maps_of_an_empty_chart_say_what_to_do() -> None:
    pic = layout_heatmaps(Chart(title="Empty"))
    assert any("add functions" in line for b in pic.boxes for line in b.lines)


def test_matrix_rows_letters_and_conflict_colours() -> None:
    chart = small_chart()
    pic = layout_matrix(chart)
    titles = [b for b in pic.boxes if b.role == "mtitle"]
    assert [b.lines[0] for b in titles] == [t.title for t in chart.tasks]
    both = next(b for b in titles if b.ref == ("task", "both"))
    loose = next(b for b in titles if b.ref == ("task", "loose"))
    assert both.fill == CONFLICT and loose.fill == MISSING
    letters = [b for b in pic.boxes if b.role == "cell" and b.ref == ("task", "both")]
    assert sorted(b.lines[0] for b in letters) == ["A", "RA"]
    a_cell = next(b for b in letters if b.lines == ("A",))
    assert a_cell.fill == "#2f6fde"  # A cells carry the function's colour
    assert pic.breaks == sorted(pic.breaks) and len(pic.breaks) == len(chart.tasks) + 1
    assert pic.head_top < pic.head_bottom <= pic.breaks[0]


def test_matrix_images_stop_with_a_note_but_pdf_pages_keep_every_row() -> None:
    chart = big_chart(50)
    short = layout_matrix(chart, options=MatrixOptions(max_rows=10))
    assert len([b for b in short.boxes if b.role == "mtitle"]) == 10
    assert any("40 more tasks" in line for b in short.boxes for line in b.lines)
    full = picture(chart, "matrix", paged=True)
    assert len([b for b in full.boxes if b.role == "mtitle"]) == 50


def test_markdown_report_has_the_raci_matrix_and_the_task_list() -> None:
    chart = small_chart()
    text = export_markdown(chart)
    assert "## RACI matrix" in text and "## Tasks" in text
    assert "| Task | Marketing | Operations | Product | Goals |" in text
    assert "| Campaign" not in text
    assert "| Campus ambassadors | A | RA |  | New users |" in text
    assert "   - Accountable: Marketing, Operations" in text
    assert text.index("## RACI matrix") < text.index("## Tasks") < text.index("## Warnings")


def test_markdown_report_in_chinese() -> None:
    chart = small_chart().model_copy(update={"title": "校园单车"})
    text = export_markdown(chart)
    assert "## RACI 矩阵" in text and "## 任务清单" in text
    assert "   - 负责（问责）：Marketing、Operations" in text


def test_daci_matrix_and_report_use_the_notations_letters() -> None:
    chart = small_chart()
    tasks = tuple(
        t.model_copy(update={"raci": {"mkt": "D", "ops": "A?", "prd": "C"}}) for t in chart.tasks
    )
    daci = chart.model_copy(update={"notation": "daci", "tasks": tasks})
    pic = layout_matrix(daci)
    legend = next(b for b in pic.boxes if b.role == "legend").lines[0]
    assert legend.startswith("D = Driver · A = Approver · C = Contributor · I = Informed")
    driver = next(b for b in pic.boxes if b.role == "cell" and b.lines == ("D",))
    approver = next(b for b in pic.boxes if b.role == "cell" and b.lines == ("A?",))
    assert driver.fill == "#2f6fde" and approver.fill != "#e07b39"
    text = export_markdown(daci)
    assert "D = Driver · A = Approver" in text
    assert "   - Driver: Marketing" in text and "   - Approver: Operations?" in text
