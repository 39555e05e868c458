"""The command line in the user's language: ``--lang en|zh``, else the locale (LC_ALL, LC_MESSAGES, LANG).

Covers ``--help`` (argparse's own words too), usage errors, ``rolemap check``'s summary lines and
what every sub-command says (``say``); load errors, import notes and diff rows come from the core
in the same language (their functions take ``lang=language()``). The warnings themselves keep
following the chart's language. Chinese text for the app's windows
lives in the Qt catalogue (docs/translating.md); the command line needs no Qt, so its few
sentences are here.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

LANGS = ("en", "zh")

# argparse's help texts, descriptions and its own words (what gettext would translate).
ZH: dict[str, str] = {
    "Map who owns what between functions (Marketing vs Operations, ...) and flag where their "
    "goals converge.": "理清各职能（市场 vs 运营……）之间谁负责什么，并标出它们的目标在哪里趋同。",
    "show this help message and exit": "显示帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "show the version and which join runs, and exit": "显示版本号及所用的相似标题比对方式，然后退出",
    "the language of messages and help (default: the locale's)": "提示与帮助的语言（默认跟随系统区域设置）",
    "write a new chart from a template": "用模板新建一张职责图",
    "validate charts (or folders of charts) and list overlap warnings": "校验职责图（或整个文件夹）并列出重叠预警",
    "export a role chart or a Markdown report": "导出职责图或 Markdown 报告",
    "read a RACI matrix from an .xlsx or .csv file into a role chart": "从 .xlsx 或 .csv 文件读取 RACI 矩阵，生成职责图",
    "print the JSON Schema of the chart format": "输出职责图格式的 JSON Schema",
    "what changed between two versions of a chart (files or a git revision)": "比较职责图两个版本之间的变化（两个文件或一个 git 版本）",
    "a chart as one line per fact (for git textconv)": "把职责图按每条事实一行输出（用于 git textconv）",
    "overwrite an existing file": "覆盖已有文件",
    "chart files or folders": "职责图文件或文件夹",
    "processes for several charts (default: one per core)": "检查多个职责图时的进程数（默认每个 CPU 核心一个）",
    "'-' for stdout": "'-' 表示标准输出",
    "'-' for stdout; pictures: default PATH-VIEW.FORMAT": "'-' 表示标准输出；图片默认为 PATH-VIEW.FORMAT",
    "export a role chart, a Markdown report or a picture (png, svg, pdf)": "导出职责图、Markdown 报告或图片（png、svg、pdf）",
    "picture to export": "要导出的图片",
    "Read a RACI matrix (one column per function, or one column per letter) from an .xlsx "
    "workbook or a CSV file and write it as a role chart. Prints what was read, every "
    "normalisation and every cell that could not be read. Exit codes: 0 all read, 1 written but "
    "some cells could not be read, 2 nothing written.": "从 .xlsx 工作簿或 CSV 文件读取 RACI 矩阵（每个职能一列，或每个字母一列），"
    "写成职责图。输出读取到的内容、每一处规范化以及无法读取的单元格。"
    "退出码：0 全部读取，1 已写出但有单元格无法读取，2 未写出任何内容。",
    ".xlsx, .xlsm, .csv or tab-separated .txt": ".xlsx、.xlsm、.csv 或制表符分隔的 .txt",
    "the chart to write (default: FILE with .yaml); '-' for stdout": "要写出的职责图（默认：FILE 改为 .yaml 扩展名）；'-' 表示标准输出",
    "the sheet to read (default: the first sheet that holds a RACI table)": "要读取的工作表（默认：第一个含 RACI 表的工作表）",
    "overwrite an existing chart": "覆盖已有的职责图",
    "list every normalised cell, not 8 per kind": "列出每个被规范化的单元格（默认每类 8 个）",
    "Compare OLD with NEW, or PATH at a git revision (--rev) with PATH now.": "比较 OLD 与 NEW，或比较 PATH 在某个 git 版本（--rev）与当前的内容。",
    "OLD NEW, or PATH with --rev": "OLD NEW，或 PATH 加 --rev",
    "compare PATH at this git revision with PATH": "把 PATH 在此 git 版本的内容与当前 PATH 比较",
    "called by git as diff.rolemap.command (path old-file old-hex old-mode new-file ...)": "由 git 作为 diff.rolemap.command 调用（path old-file old-hex old-mode new-file ...）",
    # argparse
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
}

# Lines of the examples epilog: the command stays, the explanation after it is translated.
EPILOG_ZH: dict[str, str] = {
    "examples:": "示例：",
    "open the desktop app with the example chart": "打开桌面应用和示例职责图",
    "open chart.yaml in the desktop app": "在桌面应用中打开 chart.yaml",
    "start a chart from the Chinese template": "用中文模板新建职责图",
    "validate and list overlap warnings": "校验并列出重叠预警",
    "every chart in a folder, plus cross-chart findings": "文件夹中的每张职责图，以及跨图发现",
    "read a RACI spreadsheet (.xlsx or .csv)": "读取 RACI 电子表格（.xlsx 或 .csv）",
    "JSON Schema for editor validation": "供编辑器校验用的 JSON Schema",
    "what changed since a git revision": "自某个 git 版本以来的变化",
    "a picture (png, svg, pdf); no display needed": "导出图片（png、svg、pdf），无需显示器",
    "exit codes: 0 ok, 1 open warnings at or above --fail-on, 2 a file cannot be loaded or "
    "written": "退出码：0 正常，1 有达到 --fail-on 级别的未处理预警，2 文件无法读取或写入",
}


# What the sub-commands say, by their English template ({name} fields are filled in by ``say``).
MESSAGES_ZH: dict[str, str] = {
    "near-duplicate join: {join}": "相似标题比对：{join}",
    "compiled": "已编译（快）",
    "Python (no C compiler when installed)": "Python（安装时没有 C 编译器，较慢）",
    "{path}: already exists; use --force to overwrite it": "{path}：已存在；要覆盖请加 --force",
    "{path}: already exists; use --force to overwrite it, or -o to choose another file": (
        "{path}：已存在；要覆盖请加 --force，或用 -o 另选文件"
    ),
    "rolemap new: unknown template '{name}'; choose one of: {names}": (
        "rolemap new：没有名为\u201c{name}\u201d的模板；可选：{names}"
    ),
    "{path}: cannot write the file: {why}": "{path}：无法写入文件：{why}",
    "{path}: cannot write the file (is the folder writable?)": "{path}：无法写入文件（文件夹可写吗？）",
    "{path}: written from template {template} ({lang})": "{path}：已用模板 {template}（{lang}）写出",
    "rolemap export: --format {format} needs -o FILE ('-' for stdout)": (
        "rolemap export：--format {format} 需要 -o FILE（'-' 表示标准输出）"
    ),
    "{path}: {format} written": "{path}：已写出 {format}",
    "{path}: {view} written as {format}": "{path}：{view}已写为 {format}",
    "{path}: this is the chart being exported; not overwritten. Choose another output file": (
        "{path}：这正是要导出的职责图，未覆盖。请另选输出文件"
    ),
    "{path}: this is the chart being exported; not overwritten. Choose another output file "
    "(or -o - for the terminal)": (
        "{path}：这正是要导出的职责图，未覆盖。请另选输出文件（或用 -o - 输出到终端）"
    ),
    "rolemap export: pictures are written to a file; give -o FILE": (
        "rolemap export：图片只能写入文件；请给出 -o FILE"
    ),
    "rolemap export: a workbook is binary; write it to a file with -o FILE.xlsx": (
        "rolemap export：工作簿是二进制文件；请用 -o FILE.xlsx 写入文件"
    ),
    "{path}: written; check it with: rolemap check {path}": (
        "{path}：已写出；可用 rolemap check {path} 检查"
    ),
    "rolemap diff --git-external: git passes seven arguments; see docs/git.md": (
        "rolemap diff --git-external：git 会传入七个参数；见 docs/git.md"
    ),
    "rolemap diff: with --rev give one chart: rolemap diff chart.yaml --rev HEAD": (
        "rolemap diff：使用 --rev 时只给一张职责图：rolemap diff chart.yaml --rev HEAD"
    ),
    "rolemap diff: give two charts (OLD NEW), or one chart and --rev REV": (
        "rolemap diff：请给出两张职责图（OLD NEW），或一张职责图加 --rev REV"
    ),
    "rolemap diff: {why}": "rolemap diff：{why}",
    "rolemap: open one file at a time: rolemap [PATH]": "rolemap：一次只能打开一个文件：rolemap [PATH]",
}
VIEWS_ZH = {"map": "职责地图", "heatmap": "热力图", "matrix": "RACI 矩阵"}


class _State:
    lang = "en"


def language() -> str:
    return _State.lang


def t(text: str) -> str:
    """``text`` in the command line's language."""
    return ZH.get(text, text) if _State.lang == "zh" else text


def say(message: str, /, **fields: str) -> str:
    """A sub-command's message in the command line's language (``message`` is its English)."""
    if _State.lang == "zh":
        message = MESSAGES_ZH.get(message, message)
    return message.format(**fields)


def os_error(exc: OSError) -> str:
    """Why a file could not be read or written, in the command line's language."""
    from rolemap.core.localise import os_error_text

    return os_error_text(str(exc.strerror or exc), _State.lang)


def view_name(view: str) -> str:
    return VIEWS_ZH.get(view, view) if _State.lang == "zh" else view


def resolve(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` before the sub-command wins; then the locale, as POSIX orders it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and i == 0:
            return argv[i + 1] if argv[i + 1] in LANGS else "en"
        if arg.startswith("--lang=") and i == 0:
            value = arg.split("=", 1)[1]
            return value if value in LANGS else "en"
    env = os.environ if environ is None else environ
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def app_language(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """A leading ``--lang X`` for the desktop app: (X, the arguments after it); else (None, argv)."""
    if len(argv) >= 2 and argv[0] == "--lang" and argv[1] in LANGS:
        return argv[1], list(argv[2:])
    if argv and argv[0].startswith("--lang=") and argv[0].split("=", 1)[1] in LANGS:
        return argv[0].split("=", 1)[1], list(argv[1:])
    return None, list(argv)


def _epilog(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped in EPILOG_ZH:
            lines.append(line.replace(stripped, EPILOG_ZH[stripped]))
            continue
        for en, zh in EPILOG_ZH.items():
            if line.endswith(en):
                line = line[: -len(en)] + zh
                break
        lines.append(line)
    return "\n".join(lines)


def localise(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Put the parser's descriptions and help texts into the current language (in place)."""
    if _State.lang != "zh":
        return parser
    parser.description = t(parser.description) if parser.description else parser.description
    parser.epilog = _epilog(parser.epilog) if parser.epilog else parser.epilog
    for action in parser._actions:
        if isinstance(action.help, str):
            action.help = t(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if isinstance(choice.help, str):
                    choice.help = t(choice.help)
            for sub in set(action.choices.values()):
                localise(sub)
    return parser


def untranslated_help(parser: argparse.ArgumentParser) -> list[str]:
    """Help texts and descriptions of ``parser`` (and its sub-commands) without Chinese."""
    missing: list[str] = []
    if parser.description and parser.description not in ZH:
        missing.append(parser.description)
    for action in parser._actions:
        if isinstance(action.help, str) and action.help not in ZH:
            missing.append(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if isinstance(choice.help, str) and choice.help not in ZH:
                    missing.append(choice.help)
            for sub in set(action.choices.values()):
                missing += untranslated_help(sub)
    return sorted(set(missing))


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Messages in ``lang`` while the command runs (argparse's own words included)."""
    previous, gettext_ = _State.lang, argparse._  # type: ignore[attr-defined]
    _State.lang = lang if lang in LANGS else "en"
    if _State.lang == "zh":
        argparse._ = t  # type: ignore[attr-defined]  # argparse looks up _() on each message
    try:
        yield
    finally:
        _State.lang = previous
        argparse._ = gettext_  # type: ignore[attr-defined]
