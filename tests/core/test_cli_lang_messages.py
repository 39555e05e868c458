"""What the sub-commands say, in Chinese with ``--lang zh`` or a Chinese locale: new, export,
import, diff and check's load errors and folder summary. English stays as the other tests pin it.
"""

from __future__ import annotations

import ast
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from rolemap.cli_lang import MESSAGES_ZH
from rolemap.resources import template_path
from tests.core import spreadsheets as fx
from tests.core.test_localise import english
from tests.helpers import CliResult

Cli = Callable[..., CliResult]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def _said() -> set[str]:
    """The English of every ``say("...")`` in the command-line modules."""
    found: set[str] = set()
    for path in ROOT.glob("rolemap/cli*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "say"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(str(node.args[0].value))
    return found


def test_every_message_has_chinese_and_every_chinese_a_message() -> None:
    said = _said()
    assert said, "no say() calls found: the scan is broken"
    assert not said - set(MESSAGES_ZH), "add to MESSAGES_ZH in rolemap/cli_lang.py"
    unused = set(MESSAGES_ZH) - said
    assert all("this is the chart being exported" in m for m in unused), unused


def _plain(result: CliResult) -> list[str]:
    """Output lines with English words beyond paths, values and keywords."""
    return [line for line in (result.out + result.err).splitlines() if english(line)]


def test_new_and_export_in_chinese(cli: Cli, tmp_path: Path) -> None:
    chart = tmp_path / "图.yaml"
    result = cli("--lang", "zh", "new", chart, "--lang", "zh")
    assert (
        result.code == 0
        and result.out.strip() == f"{chart}：已用模板 marketing-vs-operations（zh）写出"
    )
    again = cli("--lang", "zh", "new", chart)
    assert again.code == 2 and again.err.strip() == f"{chart}：已存在；要覆盖请加 --force"
    unknown = cli("--lang", "zh", "new", tmp_path / "x.yaml", "--template", "nope")
    assert "没有名为\u201cnope\u201d的模板；可选：" in unknown.err
    no_output = cli("--lang", "zh", "export", chart)
    assert "需要 -o FILE" in no_output.err
    onto = cli("--lang", "zh", "export", chart, "--format", "markdown", "-o", chart)
    assert "这正是要导出的职责图，未覆盖" in onto.err
    report = tmp_path / "r.md"
    written = cli("--lang", "zh", "export", chart, "--format", "markdown", "-o", report)
    assert written.out.strip() == f"{report}：已写出 markdown"
    for result in (again, unknown, no_output, onto, written):
        assert not _plain(result), result


def test_import_report_in_chinese(cli: Cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")  # the locale, this time
    source = fx.workbook(tmp_path / "c.xlsx", fx.CAMPAIGN, bold=fx.CAMPAIGN_BOLD)
    result = cli("import", source, "-o", tmp_path / "c.yaml")
    assert result.code == 1  # one cell could not be read
    assert "无法读取（职责图中留空" in result.out
    assert (
        "工作表\u201cRACI\u201d，第 17 行，E 列（Product）：\u201cx\u201d不是角色字母" in result.out
    )
    assert f"{tmp_path / 'c.yaml'}：已写出；可用 rolemap check" in result.out
    assert not _plain(result), _plain(result)
    refused = cli("import", tmp_path / "missing.csv")
    assert refused.code == 2 and "无法读取文件：文件或文件夹不存在" in refused.err


def test_diff_in_chinese(cli: Cli, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    shutil.copy(template_path("marketing-vs-operations", "zh"), old)
    new = tmp_path / "new.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("阶段：拉新", "阶段：拉新2"), "utf-8")
    text = old.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    new.write_text(text.replace(title, "title: 新标题"), encoding="utf-8")
    result = cli("--lang", "zh", "diff", old, new)
    assert result.code == 0
    assert "职责图：" in result.out and "~ 标题 \u201c" in result.out
    assert not _plain(result), result.out
    md = cli("--lang", "zh", "diff", old, new, "--format", "markdown")
    assert "**职责图**" in md.out and "- 修改：标题" in md.out
    usage = cli("--lang", "zh", "diff", old)
    assert usage.code == 2 and "请给出两张职责图" in usage.err
    outside = tmp_path / "nogit"
    outside.mkdir()
    shutil.copy(old, outside / "c.yaml")
    rev = cli("--lang", "zh", "diff", outside / "c.yaml", "--rev", "HEAD")
    assert rev.code == 2
    assert "不在 git 仓库中" in rev.err or "没有安装 git" in rev.err
    english_run = cli("diff", old, new)
    assert "chart:" in english_run.out and "~ title \u201c" in english_run.out


def test_load_errors_and_folder_summary_in_chinese(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "rolemap: 1\ntitle: x\nfunctions:\n  - id: m\n    name: M\n    archetype: brnd\n"
    )
    result = cli("--lang", "zh", "check", bad)
    assert result.code == 2
    assert "bad.yaml:6:16: functions[0].archetype: 未知的职能类型\u201cbrnd\u201d" in result.err
    assert (
        "bad.yaml:6:16: functions[0].archetype: unknown archetype 'brnd'" in cli("check", bad).err
    )
    folder = tmp_path / "charts"
    folder.mkdir()
    shutil.copy(template_path("marketing-vs-operations", "zh"), folder / "a.yaml")
    summary = cli("--lang", "zh", "check", folder)
    assert "张职责图" in summary.out and "未处理预警：" in summary.out
    assert "charts," in cli("check", folder).out
