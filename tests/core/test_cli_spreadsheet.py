"""``rolemap import`` and ``rolemap export --format xlsx|csv``: exit codes, messages, files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl

from rolemap.core.fileformat import load
from rolemap.resources import template_path
from tests.core import spreadsheets as fx
from tests.helpers import CliResult, run_rolemap

Cli = Callable[..., CliResult]


def test_import_writes_the_chart_and_prints_the_summary(cli: Cli, tmp_path: Path) -> None:
    source = fx.workbook(tmp_path / "campaign.xlsx", fx.CAMPAIGN, bold=fx.CAMPAIGN_BOLD)
    out = tmp_path / "chart.yaml"
    result = cli("import", source, "-o", out)
    assert result.code == 1, result.err  # written, but one cell could not be read
    chart = load(out)
    assert len(chart.tasks) == 6
    assert "header on row 11" in result.out and "6 tasks" in result.out
    assert "sheet 'RACI', row 17, column E (Product): 'x' is not a role letter" in result.out
    assert "D14 'С': read С (CYRILLIC CAPITAL LETTER ES) as C" in result.out
    assert f"{out}: written" in result.out
    assert out.read_text(encoding="utf-8").startswith(
        "# rolemap role chart, imported from campaign.xlsx"
    )


def test_import_clean_sheet_exits_0_next_to_the_source(cli: Cli, tmp_path: Path) -> None:
    source = fx.workbook(tmp_path / "crowd.xlsx", fx.CROWD)
    result = cli("import", source)
    assert result.code == 0, result.err
    assert load(tmp_path / "crowd.yaml").functions[0].name == "市场部"
    again = cli("import", source)
    assert again.code == 2 and "already exists" in again.err and "--force" in again.err
    assert cli("import", source, "--force").code == 0


def test_import_to_stdout_keeps_the_summary_on_stderr(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(fx.csv_text(fx.CROWD).encode("gb18030"))
    result = cli("import", path, "-o", "-")
    assert result.code == 0
    assert result.out.startswith("# rolemap role chart") and "市场部" in result.out
    assert "GB18030 (GBK)" in result.err


def test_import_verbose_lists_every_normalised_cell(cli: Cli, tmp_path: Path) -> None:
    rows = [["Task", "Marketing"]] + [[f"task {i}", "a"] for i in range(12)]
    source = fx.workbook(tmp_path / "lower.xlsx", rows)
    short = cli("import", source, "-o", tmp_path / "a.yaml")
    assert "Lower-case letters: 12" in short.out and "… and 4 more" in short.out
    full = cli("import", source, "-o", tmp_path / "b.yaml", "--verbose")
    assert "B13 'a'" in full.out and "more" not in full.out


def test_import_errors_exit_2_with_a_message(cli: Cli, tmp_path: Path) -> None:
    source = fx.workbook(tmp_path / "two.xlsx", fx.CROWD)
    result = cli("import", source, "--sheet", "Nope", "-o", tmp_path / "x.yaml")
    assert result.code == 2 and result.out == ""
    assert result.err.strip() == f"{source}: no sheet named 'Nope'; the sheets are: RACI"
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Task,Marketing\nCafé,R\n".encode("latin-1"))
    result = cli("import", latin)
    assert result.code == 2 and "cannot tell the text encoding" in result.err
    assert not (tmp_path / "latin.yaml").exists()
    missing = cli("import", tmp_path / "missing.xlsx")
    assert missing.code == 2 and "cannot read the file" in missing.err
    assert "Traceback" not in result.err + missing.err


def test_export_xlsx_and_csv(cli: Cli, tmp_path: Path) -> None:
    chart = template_path("marketing-vs-operations", "zh")
    xlsx = tmp_path / "out.xlsx"
    result = cli("export", chart, "--format", "xlsx", "-o", xlsx)
    assert result.code == 0, result.err
    assert f"{xlsx}: xlsx written" in result.out
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames[0] == "RACI" and "重叠预警" in book.sheetnames
    csv_path = tmp_path / "out.csv"
    assert cli("export", chart, "--format", "csv", "-o", csv_path).code == 0
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf\xe7\xbc\x96\xe5\x8f\xb7")  # BOM, 编号
    back = cli("import", xlsx, "-o", tmp_path / "back.yaml")
    assert back.code == 0, back.out
    assert load(tmp_path / "back.yaml").tasks == load(chart).tasks


def test_export_refuses_an_unloadable_chart(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rolemap: 1\n", encoding="utf-8")
    result = cli("export", bad, "--format", "xlsx", "-o", tmp_path / "x.xlsx")
    assert result.code == 2 and "title" in result.err
    assert not (tmp_path / "x.xlsx").exists()


def test_import_in_a_child_process(tmp_path: Path) -> None:
    """The installed entry point: Chinese in paths and output, no traceback."""
    source = fx.workbook(tmp_path / "职责矩阵.xlsx", fx.CHINESE_LABELS)
    proc = run_rolemap("import", source)
    assert proc.returncode == 0, proc.stderr
    assert "职责矩阵.xlsx" in proc.stdout and (tmp_path / "职责矩阵.yaml").exists()
