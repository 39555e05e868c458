"""The command line in Chinese: ``--lang zh`` or a Chinese locale; warnings keep the chart's language."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

import pytest

from rolemap.cli import _parser
from rolemap.cli_lang import resolve, untranslated_help
from rolemap.resources import template_path
from tests.helpers import CliResult

Cli = Callable[..., CliResult]
HAN = re.compile("[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        ([], {}, "en"),
        ([], {"LANG": "zh_CN.UTF-8"}, "zh"),
        ([], {"LANG": "zh_TW.UTF-8"}, "zh"),
        ([], {"LANG": "ja_JP.UTF-8"}, "en"),
        ([], {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL wins, as in POSIX
        ([], {"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        (["--lang", "en", "check"], {"LANG": "zh_CN.UTF-8"}, "en"),
        (["--lang=zh", "check"], {}, "zh"),
        (["new", "x.yaml", "--lang", "zh"], {}, "en"),  # the template's language, not the CLI's
    ],
)
def test_language_from_option_then_locale(argv, env, expected) -> None:
    assert resolve(argv, env) == expected


def test_every_help_text_has_a_chinese_translation() -> None:
    missing = untranslated_help(_parser())
    assert not missing, "add these to ZH in rolemap/cli_lang.py: " + repr(missing)


def test_chinese_help(cli: Cli) -> None:
    result = cli("--lang", "zh", "--help")
    assert result.code == 0
    assert result.out.startswith("用法：rolemap")
    assert "示例：" in result.out and "用中文模板新建职责图" in result.out
    assert "显示帮助并退出" in result.out and "show this help" not in result.out
    assert "rolemap check chart.yaml" in result.out  # commands stay as typed


def test_the_locale_chooses_chinese_and_english_stays_the_default(cli: Cli, monkeypatch) -> None:
    assert "examples:" in cli("--help").out
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "示例：" in cli("--help").out
    assert "examples:" in cli("--lang", "en", "--help").out
    sub = cli("check", "--help").out
    assert "职责图文件或文件夹" in sub


def test_usage_errors_in_chinese(cli: Cli) -> None:
    result = cli("--lang", "zh", "check")
    assert result.code == 2
    assert "错误" in result.err and "缺少必需的参数" in result.err


def test_argparse_words_come_back_after_a_chinese_run(cli: Cli) -> None:
    cli("--lang", "zh", "check")
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]
    assert "the following arguments are required" in cli("check").err


def test_check_summary_follows_the_reader_and_warnings_the_chart(cli: Cli) -> None:
    english_chart = str(template_path("marketing-vs-operations", "en"))
    result = cli("--lang", "zh", "check", english_chart)
    summary = [line for line in result.out.splitlines() if "条未处理预警" in line]
    assert len(summary) == 2  # at the top and at the end
    assert re.search(r"\d+ 条未处理预警（高 \d+，中 \d+，低 \d+）", summary[0])
    assert "目标趋同度：" in result.out
    messages = [line for line in result.out.splitlines() if line.startswith("    ")]
    assert messages and not any(HAN.search(m) for m in messages)  # the chart's own language
    english = cli("check", english_chart).out
    assert re.search(r"\d+ open warnings \(\d+ high, \d+ medium, \d+ low\)", english)
    assert not HAN.search(english)


@pytest.mark.parametrize(
    ("argv", "opened"),
    [
        (["--lang", "zh"], (None, "zh")),
        (["--lang", "zh", "chart.yaml"], ("chart.yaml", "zh")),
        (["--lang=en", "chart.yaml"], ("chart.yaml", "en")),
        (["chart.yaml"], ("chart.yaml", None)),
        ([], (None, None)),
    ],
)
def test_lang_opens_the_app_in_that_language(argv, opened, monkeypatch) -> None:
    import rolemap.ui.app
    from rolemap.cli import main

    calls: list[tuple[str | None, str | None]] = []
    monkeypatch.setattr(
        rolemap.ui.app, "run_app", lambda path, lang=None: calls.append((path, lang)) or 0
    )
    assert main(argv) == 0
    assert calls == [opened]


def test_lang_with_a_sub_command_or_help_is_not_the_app(cli: Cli, monkeypatch) -> None:
    import rolemap.ui.app

    monkeypatch.setattr(rolemap.ui.app, "run_app", lambda *_a: pytest.fail("the app started"))
    assert cli("--lang", "zh", "--help").code == 0
    assert cli("--lang", "zh", "schema").code == 0
