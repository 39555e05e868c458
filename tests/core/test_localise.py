"""The core's messages in Chinese: load errors, spreadsheet notes and refusals, diff rows.

English stays byte-identical (the other tests pin it); here every message the load-error and
import cases produce is put into Chinese and must not keep an English sentence. Values the user
wrote (ids, fields, letters, keywords to type) are allowed to stay as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rolemap.core.diff import diff_charts
from rolemap.core.diff_report import diff_markdown, diff_rows, diff_text
from rolemap.core.errors import ChartLoadError, Problem
from rolemap.core.fileformat import load, loads
from rolemap.core.localise import localise
from rolemap.core.model import Chart
from rolemap.core.spreadsheet import SpreadsheetError, import_spreadsheet
from tests.core import spreadsheets as fx
from tests.core.test_diff import after, before
from tests.core.test_load_errors import FILE_LEVEL, SCHEMA, Case

# Words a Chinese message may keep: names, formats, keywords the user types into a file.
KEEP = {
    "rolemap", "raci", "rasci", "daci", "yaml", "utf", "nul", "unicode", "id", "ids", "kpi",
    "kpis", "mib", "fifo", "yyyy", "mm", "dd", "rrggbb", "csv", "xlsx", "xls", "gbk", "excel",
    "libreoffice", "zip", "bom", "driver", "supports", "sheet", "verbose", "new", "file",
    "notation", "note", "title", "true", "false", "nan", "key", "value", "name", "stream", "end",
    "block", "mapping", "start", "git", "head", "markdown", "png", "svg", "pdf", "md",
}  # fmt: skip


def english(text: str) -> list[str]:
    """English words outside quotes, field paths and keyword lists ('可选：a, b')."""
    plain = re.sub(r"(可选|已知字段|现有工作表)：[^；。]*", "", text)
    plain = re.sub(r"'[^']*'|\u201c[^\u201d]*\u201d|\"[^\"]*\"|<[^>]*>", "", plain)
    plain = re.sub(r"\S*/\S*|[\w.-]*\.(yaml|xlsx|csv)\b|\b\w+\[\d+\][\w.\[\]]*", "", plain)
    plain = re.sub(r"\b0x[0-9a-f]+\b|[A-Z]+ 列（[^）]*）", "", plain)
    plain = re.sub(r"--[\w-]+(?: [a-z][\w-]*)?|\brolemap \w+", "", plain)  # options, commands
    return [w for w in re.findall(r"[A-Za-z]{2,}", plain) if w.casefold() not in KEEP]


def _problems(c: Case) -> list[Problem]:
    with pytest.raises(ChartLoadError) as info:
        loads(c.content, file="chart.yaml")
    return info.value.problems


@pytest.mark.parametrize("c", FILE_LEVEL + SCHEMA)
def test_every_load_error_reads_in_chinese(c: Case) -> None:
    for problem in _problems(c):
        zh = localise(problem.message, "zh")
        assert not english(zh), f"{problem.message!r}\n -> {zh!r}"


@pytest.mark.parametrize("c", (FILE_LEVEL + SCHEMA)[:12])
def test_english_is_left_as_it_is(c: Case) -> None:
    for problem in _problems(c):
        assert localise(problem.message, "en") == problem.message
        assert problem.format("chart.yaml", "en") == problem.format("chart.yaml")


def test_the_check_can_fail() -> None:
    assert english(localise("the review is not understood here", "zh"))


def test_located_lines_keep_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "chart.yaml"
    path.write_text(
        "rolemap: 1\ntitle: x\nfunctions:\n  - id: m\n    name: M\n    archetype: brnd\n"
    )
    with pytest.raises(ChartLoadError) as info:
        load(str(path))
    zh = info.value.format(lang="zh")
    assert zh.startswith(f"{path}:6:16: functions[0].archetype: 未知的职能类型\u201cbrnd\u201d")
    assert "是不是\u201cbrand\u201d？" in zh


def test_file_problems_in_chinese(tmp_path: Path) -> None:
    for path, expected in (
        (tmp_path / "missing.yaml", "无法读取文件：文件或文件夹不存在"),
        (tmp_path, "无法读取：这是文件夹，不是职责图文件"),
    ):
        with pytest.raises(ChartLoadError) as info:
            load(str(path))
        assert expected in info.value.format(lang="zh")
    many = [Problem(f"unknown field 'x{i}'", line=i + 1) for i in range(103)]
    text = ChartLoadError("c.yaml", many).format(lang="zh")
    assert text.endswith("c.yaml: …… 还有 3 个问题；请先修复上面这些")


# ------------------------------------------------------------------ spreadsheets

SHEETS = {
    "campaign": (fx.CAMPAIGN, fx.CAMPAIGN_BOLD),
    "crowd": (fx.CROWD, ()),
    "chinese": (fx.CHINESE_LABELS, ()),
    "units": (fx.LEAD_UNITS, ()),
    "letters": (fx.LETTER_COLUMNS, ()),
    "rasci": (fx.RASCI, ()),
    "daci": (fx.DACI, ()),
}


@pytest.mark.parametrize("name", sorted(SHEETS))
def test_import_notes_read_in_chinese(tmp_path: Path, name: str) -> None:
    rows, bold = SHEETS[name]
    result = import_spreadsheet(fx.workbook(tmp_path / f"{name}.xlsx", rows, bold=bold))
    summary = result.summary
    texts = [summary.headline("zh"), summary.format(lang="zh", limit=None)]
    texts += [n.format("zh") for n in summary.notes]
    for text in texts:
        assert not english(text), text
    assert summary.format() == summary.format(lang="en")


def test_campaign_summary_in_chinese_names_the_cell(tmp_path: Path) -> None:
    rows, bold = SHEETS["campaign"]
    summary = import_spreadsheet(fx.workbook(tmp_path / "c.xlsx", rows, bold=bold)).summary
    unreadable = summary.unreadable[0].format("zh")
    assert unreadable.startswith(
        "工作表\u201cRACI\u201d，第 17 行，E 列（Product）：\u201cx\u201d不是角色字母；该单元格留空；"
    )
    assert "写一个或多个 R、A、C、I" in unreadable
    assert "无法读取" in summary.format(lang="zh")


def test_refused_spreadsheets_in_chinese(tmp_path: Path) -> None:
    no_table = fx.workbook(tmp_path / "n.xlsx", [["Meeting notes"], ["We talked about things"]])
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    for path in (no_table, old, tmp_path / "missing.csv"):
        with pytest.raises(SpreadsheetError) as info:
            import_spreadsheet(str(path))
        zh = info.value.format("zh")
        assert not english(zh), zh
        assert info.value.format() == str(info.value)


# ------------------------------------------------------------------ diff


def _rename_chart(chart: Chart) -> Chart:
    return chart.model_copy(update={"notation": "rasci", "glossary": (("SAO", "销售机会"),)})


def test_diff_rows_in_chinese() -> None:
    d = diff_charts(before(), _rename_chart(after()))
    rows = diff_rows(d, "zh")
    assert rows and [r.section for r in rows] == [r.section for r in diff_rows(d)]
    # Names and ids in the test charts are the team's own text: leave them out.
    names = set()
    for chart in (before(), after()):
        for item in (*chart.functions, *chart.goals, *chart.tasks):
            names |= set(re.findall(r"\w+", getattr(item, "name", "") or item.title))
            names |= set(re.findall(r"\w+", item.id)) | set(getattr(item, "kpis", ()))
            names |= {w for k in getattr(item, "kpis", ()) for w in k.split()}
    names.add("SAO")
    for row in rows:
        if row.section == "warnings":
            continue  # warnings keep the chart's language (English here)
        left = [w for w in english(row.text) if w not in names]
        assert not left, row.text
    text = diff_text(d, "旧", "新", "zh")
    assert "任务：" in text and "  ~ Posters (poster)：改名" in text
    assert "归属" in text or "从Marketing移到Operations" in text
    assert "已评审：高 多个部门同时问责" in text
    assert "记法 \u201craci\u201d \u2192 \u201crasci\u201d" in text
    md = diff_markdown(d, "HEAD", "working copy", "zh")
    assert "**任务**" in md and "- 新增：Ambassador contracts (contract)：Legal A" in md
    assert diff_text(diff_charts(before(), before()), "a", "b", "zh") == "a \u2192 b：无变化"


def test_diff_english_is_unchanged_by_the_language_parameter() -> None:
    d = diff_charts(before(), after())
    assert diff_text(d, "a", "b", "en") == diff_text(d, "a", "b")
    assert [r.text for r in diff_rows(d, "en")] == [r.text for r in diff_rows(d)]
