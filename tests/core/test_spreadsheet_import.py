"""Importing realistic RACI spreadsheets: the chart that comes out and the summary of what was
normalised or could not be read."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from rolemap.core.analysis import analyse
from rolemap.core.catalogue import Archetype, GoalKind
from rolemap.core.fileformat import dumps, loads
from rolemap.core.model import Chart
from rolemap.core.spreadsheet import ImportResult, Note, SpreadsheetError, import_spreadsheet
from rolemap.core.spreadsheet import notation as nt
from tests.core import spreadsheets as fx


def _letters(chart: Chart) -> dict[str, dict[str, str]]:
    names = {f.id: f.name for f in chart.functions}
    return {t.title: {names[f]: v for f, v in t.raci.items()} for t in chart.tasks}


def _notes(result: ImportResult, group: str) -> list[Note]:
    return [n for n in result.summary.notes if n.group == group]


def _cells(result: ImportResult, group: str) -> set[str]:
    return {n.cell for n in _notes(result, group)}


def _valid(chart: Chart) -> None:
    """The chart saves and loads back as a valid file."""
    assert loads(dumps(chart)) == chart


@pytest.fixture
def campaign(tmp_path: Path) -> ImportResult:
    path = fx.workbook(tmp_path / "campaign.xlsx", fx.CAMPAIGN, bold=fx.CAMPAIGN_BOLD)
    return import_spreadsheet(path)


def test_campaign_matrix_reads_every_task_and_letter(campaign: ImportResult) -> None:
    chart = campaign.chart
    _valid(chart)
    assert chart.title == "RACI Matrix – Spring campaign launch"
    assert [f.name for f in chart.functions] == ["Marketing", "Operations", "Product", "Legal"]
    assert [f.archetype for f in chart.functions[:3]] == [
        Archetype.BRAND,
        Archetype.OPERATIONS,
        Archetype.OTHER,
    ]
    assert [t.id for t in chart.tasks] == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"]
    assert _letters(chart) == {
        "Define target audience": {"Marketing": "RA", "Operations": "C", "Product": "I"},
        "Set campaign budget": {"Marketing": "RA", "Operations": "C", "Legal": "I"},
        "Pick channels": {"Marketing": "RA", "Operations": "R", "Product": "C"},
        "Write press release": {"Marketing": "R", "Operations": "A", "Legal": "C"},
        "Brief sales team": {"Marketing": "A", "Operations": "A", "Product": "R", "Legal": "I"},
        "Coordinate influencers": {
            "Marketing": "RA",
            "Operations": "I",
            "Product": "C",
            "Legal": "A",
        },
    }
    summary = campaign.summary
    assert (summary.layout, summary.header_row, summary.notation) == ("matrix", 11, "raci")
    assert (summary.functions, summary.tasks) == (4, 6)


def test_campaign_sections_and_extra_columns_become_tags(campaign: ImportResult) -> None:
    tags = {t.title: t.tags for t in campaign.chart.tasks}
    assert tags["Define target audience"] == ("Planning", "Priority: High", "Status: Done")
    assert tags["Pick channels"] == ("Planning", "Priority: Medium")
    assert tags["Write press release"] == ("Launch",)
    assert _cells(campaign, "section") == {"row 12", "row 16"}
    columns = {n.header: n.message for n in _notes(campaign, "column")}
    assert set(columns) == {"Priority", "Status"}
    assert "on 3 tasks" in columns["Priority"] and "on 1 task " in columns["Status"] + " "


def test_campaign_summary_names_every_normalised_cell(campaign: ImportResult) -> None:
    assert _cells(campaign, "look-alike") == {"D14", "D17", "D19"}
    assert _cells(campaign, "full-width") == {"D15", "E15"}
    assert _cells(campaign, "lower-case") == {"D15", "F18", "C19"}
    assert _cells(campaign, "combined") == {"C13", "C14", "C15", "C19"}
    assert _cells(campaign, "duplicate") == {"F19"}
    assert _cells(campaign, "no-role") == {"E14", "F15"}
    look = {n.cell: n.message for n in _notes(campaign, "look-alike")}
    assert "CYRILLIC CAPITAL LETTER ES" in look["D14"] and look["D14"].endswith("as C")
    skipped = [n.row for n in _notes(campaign, "skipped")]
    assert skipped == [1, 2, 3, 5, 6, 7, 8, 9]  # preamble and legend, each named


def test_campaign_unreadable_cell_has_sheet_row_column_and_action(campaign: ImportResult) -> None:
    [bad] = campaign.summary.unreadable
    assert (bad.sheet, bad.row, bad.column, bad.header, bad.value) == (
        "RACI",
        17,
        5,
        "Product",
        "x",
    )
    text = bad.format()
    assert text.startswith("sheet 'RACI', row 17, column E (Product): 'x' is not a role letter")
    assert "write one or more of R, A, C, I" in text
    assert "Product" not in _letters(campaign.chart)["Write press release"]
    assert text in campaign.summary.format()


def test_campaign_warnings_come_from_the_spreadsheet(campaign: ImportResult) -> None:
    result = analyse(campaign.chart)
    rules = {(w.rule, w.entities[0]) for w in result.warnings}
    assert ("multiple-accountable", "2.2") in rules  # two A's on one row
    assert ("multiple-accountable", "2.3") in rules


def test_six_rs_and_chinese_function_names(tmp_path: Path) -> None:
    result = import_spreadsheet(fx.workbook(tmp_path / "crowd.xlsx", fx.CROWD))
    chart = result.chart
    _valid(chart)
    assert [f.name for f in chart.functions] == [
        "市场部",
        "运营部",
        "产品部",
        "客服",
        "销售",
        "法务",
    ]
    assert [f.id for f in chart.functions] == ["f1", "f2", "f3", "f4", "f5", "f6"]
    assert set(chart.tasks[0].raci.values()) == {"R"} and len(chart.tasks[0].raci) == 6
    assert chart.tasks[1].accountable() == ("f1", "f2")
    assert chart.title == "RACI"  # no preamble: the sheet's name
    rules = {w.rule for w in analyse(chart).warnings}
    assert {"too-many-responsible", "multiple-accountable"} <= rules


def test_chinese_labels_goals_and_kinds(tmp_path: Path) -> None:
    result = import_spreadsheet(fx.workbook(tmp_path / "zh.xlsx", fx.CHINESE_LABELS))
    chart = result.chart
    _valid(chart)
    assert _letters(chart) == {
        "品牌发布会": {"市场部": "RA", "运营部": "I", "产品部": "C"},
        "拉新活动": {"市场部": "R", "运营部": "A", "产品部": "I"},
        "用户留存分析": {"市场部": "I", "运营部": "R", "产品部": "C"},
    }
    assert [t.id for t in chart.tasks] == ["T1", "T2", "T3"]
    goals = {g.name: g for g in chart.goals}
    assert goals["品牌知名度"].kind is GoalKind.AWARENESS
    assert goals["新用户增长"].kind is GoalKind.ACQUISITION  # the Chinese kind label 拉新
    assert chart.tasks[2].goals == (goals["新用户增长"].id,)
    labels = {n.cell: n.message for n in _notes(result, "label")}
    assert labels["C2"] == "read 负责 → R or A (decided for the whole sheet), 批准 → A"
    assert labels["D4"] == "read 负责执行 → R or A (decided for the whole sheet)+R"
    assert labels[""] == "负责 read as R (responsible): the sheet uses 批准 for sign-off"
    assert all(g.owner is None for g in chart.goals)
    assert len([n for n in _notes(result, "info") if "goal created" in n.message]) == 2


def test_fuze_means_accountable_when_the_sheet_uses_zhixing_for_the_work(tmp_path: Path) -> None:
    rows = [["任务", "市场部", "运营部", "产品部"], ["拉新活动", "负责", "执行", "知会"]]
    rows += [["用户调研", "知会", "负责执行", "咨询"]]
    result = import_spreadsheet(fx.workbook(tmp_path / "zh.xlsx", rows))
    assert _letters(result.chart) == {
        "拉新活动": {"市场部": "A", "运营部": "R", "产品部": "I"},
        "用户调研": {"市场部": "I", "运营部": "RA", "产品部": "C"},
    }
    why = [n.message for n in _notes(result, "label") if n.row is None]
    assert why == ["负责 read as A (accountable): the sheet uses 执行 for the work itself"]


def test_lead_assisting_cooperating_units(tmp_path: Path) -> None:
    result = import_spreadsheet(fx.workbook(tmp_path / "units.xlsx", fx.LEAD_UNITS))
    _valid(result.chart)
    letters = _letters(result.chart)
    if "rasci" in nt.supported():
        assert result.summary.notation == "rasci"
        assert letters["暑期拉新活动"] == {"市场部": "RA", "运营部": "S", "客服部": "C"}
    else:  # format 1: 协办 (supports) becomes R, and the summary says so
        assert result.summary.notation == "raci"
        assert letters["暑期拉新活动"] == {"市场部": "RA", "运营部": "R", "客服部": "C"}
        assert _cells(result, "translated") == {"D2", "E3"}


def test_layout_b_letter_columns(tmp_path: Path) -> None:
    result = import_spreadsheet(fx.workbook(tmp_path / "b.xlsx", fx.LETTER_COLUMNS))
    chart = result.chart
    _valid(chart)
    assert result.summary.layout == "letter-columns"
    assert [f.name for f in chart.functions] == [
        "Marketing",
        "Operations",
        "Legal",
        "Product",
        "Sales",
    ]
    assert _letters(chart) == {
        "Launch plan": {
            "Marketing": "RA",
            "Operations": "R",
            "Legal": "C",
            "Product": "I",
            "Sales": "I",
        },
        "Referral program": {"Operations": "RA", "Marketing": "C"},
        "Price test": {"Product": "RA", "Sales": "A", "Marketing": "I", "Operations": "I"},
    }
    [matched] = [n for n in _notes(result, "info") if n.value == "operations"]
    assert (matched.row, matched.column) == (3, 3)


def test_rasci_letters(tmp_path: Path) -> None:
    result = import_spreadsheet(fx.workbook(tmp_path / "rasci.xlsx", fx.RASCI))
    _valid(result.chart)
    letters = _letters(result.chart)
    if "rasci" in nt.supported():
        assert result.summary.notation == "rasci"
        assert nt.notation_of(result.chart) == "rasci"
        assert letters["Launch plan"] == {"Marketing": "A", "Operations": "S", "Product": "R"}
        assert letters["Price test"]["Operations"] == "R?"
    else:
        assert result.summary.notation == "raci"
        assert letters["Launch plan"] == {"Marketing": "A", "Operations": "R", "Product": "R"}
        assert letters["Price test"]["Operations"] == "R"
        translated = {n.cell for n in _notes(result, "translated")}
        assert translated == {"C2", "B3", "C4"}


def test_daci_letters(tmp_path: Path) -> None:
    result = import_spreadsheet(fx.workbook(tmp_path / "daci.xlsx", fx.DACI))
    _valid(result.chart)
    letters = _letters(result.chart)
    if "daci" in nt.supported():
        assert result.summary.notation == "daci"
        assert letters["Choose the agency"] == {"Marketing": "D", "Operations": "C", "Finance": "A"}
        assert letters["Pick the city"]["Finance"] == "A?"
    else:  # D (owns and does) is R and A in RACI
        assert letters["Choose the agency"] == {
            "Marketing": "RA",
            "Operations": "C",
            "Finance": "A",
        }
        assert {n.cell for n in _notes(result, "translated")} == {"B2", "C3", "C4", "D4"}


# ------------------------------------------------------------------ CSV encodings


CSV_ROWS = [
    ["任务", "市场部", "运营部", "Product"],
    ["校园大使招募", "R/A", "C", "I"],
    ["双十一大促", "A", "R", "—"],
]
CSV_LETTERS = {
    "校园大使招募": {"市场部": "RA", "运营部": "C", "Product": "I"},
    "双十一大促": {"市场部": "A", "运营部": "R"},
}


@pytest.mark.parametrize(
    ("encoding", "bom", "delimiter", "label"),
    [
        ("utf-8", b"", ",", "UTF-8"),
        ("utf-8", codecs.BOM_UTF8, ",", "UTF-8 with BOM"),
        ("gb18030", b"", ",", "GB18030 (GBK)"),
        ("gbk", b"", ";", "GB18030 (GBK)"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "\t", "UTF-16 (Excel Unicode text)"),
        ("utf-16-be", codecs.BOM_UTF16_BE, ",", "UTF-16"),
        ("utf-16-le", b"", "\t", "UTF-16 (LE, no BOM)"),
    ],
)
def test_csv_encodings_and_separators(
    tmp_path: Path, encoding: str, bom: bytes, delimiter: str, label: str
) -> None:
    path = tmp_path / "matrix.csv"
    path.write_bytes(bom + fx.csv_text(CSV_ROWS, delimiter).encode(encoding))
    result = import_spreadsheet(path)
    assert _letters(result.chart) == CSV_LETTERS
    assert result.summary.encoding == label
    assert result.summary.delimiter == delimiter
    assert result.summary.sheet == "matrix.csv"
    assert label in result.summary.headline()


def test_csv_in_no_known_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("Task,Marketing\nCafé opening,R\n".encode("latin-1"))
    with pytest.raises(SpreadsheetError) as caught:
        import_spreadsheet(path)
    message = caught.value.format()
    assert "not UTF-8, UTF-16 or GB18030" in message and "line 2, column 4" in message
    assert "CSV UTF-8" in message


def test_csv_preamble_and_sections(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    rows = [["Our RACI"], [], ["Task", "Marketing", "Operations"], ["Phase 1:"]]
    rows += [["Kick-off", "A", "R"], ["Retro", "", ""]]
    path.write_text(fx.csv_text(rows), encoding="utf-8")
    result = import_spreadsheet(path)
    assert result.chart.title == "Our RACI"
    assert [(t.title, t.tags) for t in result.chart.tasks] == [
        ("Kick-off", ("Phase 1:",)),
        ("Retro", ("Phase 1:",)),
    ]
    [row] = _notes(result, "row")
    assert row.row == 6 and "no roles" in row.message and "bold" in row.message


def test_no_table_found(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("Meeting notes\nWe talked about things\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError, match="no RACI table found"):
        import_spreadsheet(path)


def test_sheet_chosen_by_name(tmp_path: Path) -> None:
    path = fx.workbook(
        tmp_path / "two.xlsx",
        [["Read me first"]],
        title="Intro",
        more={"Matrix": fx.CROWD, "Other": fx.RASCI},
    )
    assert import_spreadsheet(path).summary.sheet == "Matrix"  # the first sheet with a table
    assert import_spreadsheet(path, sheet="Other").summary.sheet == "Other"
    with pytest.raises(
        SpreadsheetError, match="no sheet named 'Nope'; the sheets are: Intro, Matrix, Other"
    ):
        import_spreadsheet(path, sheet="Nope")
