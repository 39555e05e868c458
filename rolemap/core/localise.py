"""The core's own messages (load errors, file problems) in the reader's language.

The core writes its messages in English: the command line's output, the docs and the tests pin
that text byte for byte. Chinese is rebuilt from the English by patterns, phrase by phrase, so the
English never changes and a value the user wrote (an id, a field, a letter) is carried over as it
is. ``tests/core/test_localise.py`` runs every message the load-error tests produce through
``localise(..., "zh")`` and fails when English is left, so a new English message without a
pattern is noticed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

Sub = str | Callable[[re.Match[str]], str]


class Rules:
    """Patterns and their substitutions, compiled when first used.

    Loading a chart imports this module, and almost never needs it: compiling its ~140
    patterns up front was 30-90 ms of every start of the app."""

    def __init__(self, rules: Iterable[tuple[str, Sub]]) -> None:
        self._source = list(rules)
        self._compiled: list[tuple[re.Pattern[str], Sub]] | None = None

    def __iter__(self) -> Iterator[tuple[re.Pattern[str], Sub]]:
        if self._compiled is None:
            self._compiled = [(re.compile(pattern), sub) for pattern, sub in self._source]
        return iter(self._compiled)


# Quoted values stay as the user wrote them, between Chinese quotes.
_V = r"'(?P<v>[^']*)'"


def _q(m: re.Match[str], group: str = "v") -> str:
    return f"\u201c{m.group(group)}\u201d"


_DESCRIBE: list[tuple[str, Sub]] = [
    (r"\bnothing$", "空值"),
    (r"\btrue/false \((?P<x>[^)]*)\)", r"布尔值（\g<x>）"),
    (r"\ba number \((?P<x>[^)]*)\)", r"数字（\g<x>）"),
    (r"\btext \((?P<x>.*)\)$", r"文本（\g<x>）"),
    (r"\ba list$", "列表"),
    (r"\ba mapping$", "映射"),
    (r"\ba single value \((?P<x>.*)\)$", r"单个值（\g<x>）"),
    (r"\ba date and time \((?P<x>[^)]*)\)", r"日期和时间（\g<x>）"),
    (r"^the number (?P<x>\S+)$", r"数字 \g<x>"),
]

# pydantic's own "Input should be ..." for the few constraints without a message of ours.
_PYDANTIC: list[tuple[str, Sub]] = [
    (r"greater than or equal to (?P<n>\S+)", r"大于或等于 \g<n>"),
    (r"less than or equal to (?P<n>\S+)", r"小于或等于 \g<n>"),
    (r"greater than (?P<n>\S+)", r"大于 \g<n>"),
    (r"less than (?P<n>\S+)", r"小于 \g<n>"),
    (r"a finite number", "有限的数字"),
    (r"a valid (?P<x>\w+)", r"有效的 \g<x>"),
    (r"'(?P<a>[^']*)' or '(?P<b>[^']*)'", r"'\g<a>' 或 '\g<b>'"),
    (r"', '", "'、'"),
]

# Python's datetime words inside "cannot read this value (...)".
_PYTHON = {
    "month must be in 1..12": "月份必须在 1 到 12 之间",
    "day is out of range for month": "日期超出了当月的天数",
    "year is out of range": "年份超出范围",
}

_KINDS = {
    "a folder": "文件夹",
    "a named pipe (FIFO)": "命名管道（FIFO）",
    "a device": "设备",
    "a socket": "套接字",
    "not a regular file": "非普通文件",
}

# The operating system's words (strerror) that a user meets when opening a file.
_OS = {
    "No such file or directory": "文件或文件夹不存在",
    "Permission denied": "没有权限",
    "Is a directory": "这是一个文件夹",
    "Not a directory": "路径中有一部分不是文件夹",
    "File name too long": "文件名太长",
    "Too many levels of symbolic links": "符号链接层数太多",
    "Read-only file system": "只读文件系统",
    "No space left on device": "磁盘空间不足",
}

# PyYAML's own phrases in "YAML syntax error: ..." messages.
_YAML: list[tuple[str, Sub]] = [
    (r"while increasing flow level, exceeded maximum nesting depth", "嵌套层级超过上限"),
    (
        r"mapping values are not allowed in this context",
        "此处不能出现“键: 值”（值里的冒号要加引号）",
    ),
    (r"found a tab character that violates indentation", "发现了破坏缩进的制表符（缩进请用空格）"),
    (r"found character that cannot start any token", "发现了不能出现在这里的字符"),
    (r"expected the node content", "应有内容"),
    (r", but (?:found|got) (?P<x>'[^']*'|\S+)", r"，实际是 \g<x>"),
    (r"while scanning a simple key", "扫描简单键时"),
    (r"while scanning a quoted scalar", "扫描带引号的值时"),
    (r"while scanning a plain scalar", "扫描普通值时"),
    (r"while scanning a block scalar", "扫描块文本时"),
    (r"while scanning an anchor", "扫描锚点时"),
    (r"while scanning an alias", "扫描别名时"),
    (r"while scanning a directive", "扫描指令时"),
    (r"while scanning a tag", "扫描标签时"),
    (r"while scanning for the next token", "查找下一个记号时"),
    (r"while parsing a block mapping", "解析块映射时"),
    (r"while parsing a block collection", "解析块列表时"),
    (r"while parsing a flow mapping", "解析行内映射时"),
    (r"while parsing a flow sequence", "解析行内列表时"),
    (r"while parsing a block node", "解析块节点时"),
    (r"while parsing a flow node", "解析行内节点时"),
    (r"while constructing a mapping", "构造映射时"),
    (r"could not find expected ':'", "找不到应有的“:”（键后面要有冒号和空格）"),
    (r"mapping values are not allowed here", "此处不能出现“键: 值”（值里的冒号要加引号）"),
    (
        r"found character '(?P<c>[^']*)' that cannot start any token",
        r"字符 '\g<c>' 不能出现在这里（缩进请用空格，或给值加引号）",
    ),
    (r"found unexpected end of stream", "文件意外结束（引号或括号没有闭合？）"),
    (r"found unexpected ':'", "出现了意外的“:”"),
    (r"found unknown escape character '(?P<c>[^']*)'", r"未知的转义字符 '\g<c>'"),
    (r"found undefined alias '(?P<c>[^']*)'", r"未定义的别名 '\g<c>'"),
    (r"found duplicate anchor", "锚点重复"),
    (
        r"expected (?P<a><[^>]*>|'[^']*'), but found (?P<b>'?<?[^,]*?>?'?)(?=$|[,;])",
        r"应为 \g<a>，实际是 \g<b>",
    ),
    (r"expected a comment or a line break, but found", "应为注释或换行，实际是"),
    (r"expected alphabetic or numeric character, but found", "应为字母或数字，实际是"),
    (r"did not find expected key", "找不到应有的键"),
    (r"did not find expected node content", "找不到应有的内容"),
    (r"did not find expected ',' or '\]'", "找不到应有的“,”或“]”"),
    (r"did not find expected ',' or '\}'", "找不到应有的“,”或“}”"),
    (r"did not find expected '-' indicator", "找不到应有的“-”"),
    (r"did not find expected comment or line break", "找不到应有的注释或换行"),
    (r"invalid leading UTF-8 octet", "无效的 UTF-8 字节"),
    (r"special characters are not allowed", "不允许特殊字符"),
    (r"invalid YAML", "无效的 YAML"),
    (r"cannot read this \((?P<x>.*)\)$", r"无法读取这里（\g<x>）"),
    (r"expected ',' or '\]'", "应有“,”或“]”"),
    (r"expected ',' or '\}'", "应有“,”或“}”"),
    (r"(?<=[\u4e00-\u9fff]), ", "，"),
]

# Whole messages and their clauses, most specific first. Each is a regular expression searched
# in the message and replaced wherever it occurs.
_LOAD: list[tuple[str, Sub]] = [
    # errors.py
    (
        r"\.\.\. and (?P<n>\d+) more problems; fix these first",
        r"…… 还有 \g<n> 个问题；请先修复上面这些",
    ),
    (
        r" \(they differ in a look-alike character: '(?P<a>.)' (?P<ua>U\+[0-9A-F]+) vs "
        r"'(?P<b>.)' (?P<ub>U\+[0-9A-F]+)\)",
        r"（两者有一个形近字符不同：'\g<a>' \g<ua> 与 '\g<b>' \g<ub>）",
    ),
    (r" Choose one of: (?P<x>.*)$", r"可选：\g<x>"),
    (r"; did you mean " + _V + r"\?", lambda m: f"；是不是{_q(m)}？"),
    (r"; choose one of: (?P<x>.*)$", r"；可选：\g<x>"),
    (r"; known fields: (?P<x>.*)$", r"；已知字段：\g<x>"),
    # safeio.py
    (
        r"the file is (?P<n>\d+) MiB; rolemap reads role charts up to (?P<m>\d+) MiB\. "
        r"Is this the right file\?",
        r"文件大小为 \g<n> MiB，而 rolemap 只读取不超过 \g<m> MiB 的职责图。是不是选错了文件？",
    ),
    (
        r"the file grew past (?P<m>\d+) MiB while it was read; is this the right file\?",
        r"读取过程中文件超过了 \g<m> MiB；是不是选错了文件？",
    ),
    (
        r"cannot read this: it is (?P<k>.*), not a role-chart file; give the path of a \.yaml file",
        lambda m: (
            f"无法读取：这是{_KINDS.get(m.group('k'), m.group('k'))}，不是职责图文件；"
            "请给出 .yaml 文件的路径"
        ),
    ),
    (
        r"cannot read the file: (?P<x>.*)$",
        lambda m: f"无法读取文件：{_OS.get(m.group('x'), m.group('x'))}",
    ),
    # gitrev.py (rolemap diff --rev, the Changes panel's git HEAD)
    (
        r"^git is not installed \(or not on PATH\); --rev needs it$",
        "没有安装 git（或不在 PATH 中）；比较 git 版本需要它",
    ),
    (r"^(?P<p>.*): the folder (?P<f>.*) does not exist$", r"\g<p>：文件夹 \g<f> 不存在"),
    (
        r"^(?P<p>.*): not in a git repository, so --rev (?P<r>.*) has nothing to compare with$",
        r"\g<p>：不在 git 仓库中，无法与版本 \g<r> 比较",
    ),
    (r"^" + _V + r" is not a revision$", lambda m: f"{_q(m)}不是 git 版本"),
    (
        r"^no such revision " + _V + r" in (?P<root>.*?)(?P<none> \(the repository has no "
        r"commits yet\))?$",
        lambda m: (
            f"{m['root']} 中没有版本{_q(m)}" + ("（仓库还没有任何提交）" if m["none"] else "")
        ),
    ),
    (
        r"^(?P<p>.*): the file does not exist at (?P<r>\S+) \((?P<rel>.*) in (?P<c>\w+)\)$",
        r"\g<p>：版本 \g<r> 中没有这个文件（\g<c> 中的 \g<rel>）",
    ),
    # fileformat.py
    (
        r"the text contains a character that is not valid Unicode \(at character (?P<n>\d+)\); "
        r"remove it",
        r"文本中有一个无效的 Unicode 字符（第 \g<n> 个字符）；请删除它",
    ),
    (
        r"the file contains NUL characters; it is not a text file",
        "文件中含有 NUL 字符，不是文本文件",
    ),
    (
        r"the file is empty; create a chart with: rolemap new FILE",
        "文件是空的；可以用 rolemap new FILE 新建一张职责图",
    ),
    (
        r"the top level must be a mapping \(rolemap: 1, title: \.\.\.\), found (?P<x>.*)$",
        lambda m: f"最顶层必须是映射（rolemap: 1、title: ……），实际是{_describe(m.group('x'))}",
    ),
    (
        r"the function " + _V + r" is listed twice in this RACI \(written two ways that look the "
        r"same\); keep one",
        lambda m: f"职能{_q(m)}在这个 RACI 中出现了两次（两种写法看起来一样）；请保留一个",
    ),
    (
        r"the file is not UTF-8 text: byte (?P<n>\d+) \((?P<x>0x[0-9a-f]+)\) cannot be decoded\. "
        r"Save the file as UTF-8 in your editor",
        r"文件不是 UTF-8 文本：偏移 \g<n> 处的字节（\g<x>）无法解码。请在编辑器中把文件另存为 UTF-8",
    ),
    (
        r"missing 'rolemap: 1' \(the format version\) at the top; add it as the first line if "
        r"this is a role chart",
        "开头缺少“rolemap: 1”（格式版本）；如果这是职责图，请把它加为第一行",
    ),
    (
        r"this chart uses format (?P<v>\d+), written by a newer rolemap; this rolemap reads "
        r"formats 1 to (?P<m>\d+)\. Upgrade rolemap to open it \(the file was not changed\)",
        r"这张职责图使用格式 \g<v>，由更新版本的 rolemap 写出；当前 rolemap 能读取格式 1 到 \g<m>。"
        r"请升级 rolemap 后再打开（文件未被改动）",
    ),
    (
        r"unknown format version (?P<v>.*); expected rolemap: (?P<a>\d+) \(or (?P<b>\d+) for "
        r"charts that use notation, glossary, effort or conditional roles\)",
        r"未知的格式版本 \g<v>；应为 rolemap: \g<a>（使用记法、术语表、工作量或条件角色的职责图为 "
        r"\g<b>）",
    ),
    (r"^unknown field " + _V, lambda m: f"未知字段{_q(m)}"),
    (r"^missing required field " + _V, lambda m: f"缺少必填字段{_q(m)}"),
    (r"^the archetype is empty", "职能类型为空"),
    (r"^the goal kind is empty", "目标类型为空"),
    (r"^unknown archetype " + _V, lambda m: f"未知的职能类型{_q(m)}"),
    (r"^unknown goal kind " + _V, lambda m: f"未知的目标类型{_q(m)}"),
    (r"^the review status is empty", "评审状态为空"),
    (r"^unknown review status " + _V, lambda m: f"未知的评审状态{_q(m)}"),
    (
        r"^" + _V + r' is not a colour; write it as "#rrggbb", e\.g\. "#2f6fde"',
        lambda m: f'{_q(m)}不是颜色；请写成 "#rrggbb"，例如 "#2f6fde"',
    ),
    (
        r'^role letters must be from R, A, C, I \(e\.g\. "A" or "RA"; S with notation: rasci, '
        r"D with notation: daci; a '\?' after a letter makes it conditional\), not " + _V,
        lambda m: (
            '角色字母必须是 R、A、C、I（如 "A" 或 "RA"；S 需写 notation: rasci，'
            "D 需写 notation: daci；字母后加 '?' 表示条件角色），而不是" + _q(m)
        ),
    ),
    (
        r"^" + _V + r" is not a valid id: use 1-64 letters, digits, '-', '_' or '\.' \(no spaces\)",
        lambda m: f"{_q(m)}不是有效的 id：请使用 1–64 个字母、数字、'-'、'_' 或 '.'（不含空格）",
    ),
    (r"^must not be empty$", "不能为空"),
    (
        r"^expected text, found (?P<x>.*); put it in quotes if it is text$",
        lambda m: f"应为文本，实际是{_describe(m.group('x'))}；如果是文本，请加上引号",
    ),
    (
        r"^expected a number, found (?P<x>.*)$",
        lambda m: f"应为数字，实际是{_describe(m.group('x'))}",
    ),
    (r"^expected a list, found (?P<x>.*)$", lambda m: f"应为列表，实际是{_describe(m.group('x'))}"),
    (
        r"^expected a mapping \(key: value lines\), found (?P<x>.*)$",
        lambda m: f"应为映射（key: value 形式的行），实际是{_describe(m.group('x'))}",
    ),
    # model.py, roles.py, values.py (pydantic passes their ValueError text on)
    (r"each role letter may appear only once", "每个角色字母只能出现一次"),
    (r"a glossary group names at least two different terms", "术语表的每一组至少要有两个不同的词"),
    (
        r"^" + _V + r" is not a real date; write it as YYYY-MM-DD",
        lambda m: f"{_q(m)}不是真实存在的日期；请写成 YYYY-MM-DD",
    ),
    (
        r"^a date is written YYYY-MM-DD, e\.g\. (?P<e>\S+); found (?P<x>.*)$",
        lambda m: f"日期写作 YYYY-MM-DD，例如 {m.group('e')}；实际是{_describe(m.group('x'))}",
    ),
    (r"^" + _V + r" is not a role letter", lambda m: f"{_q(m)}不是角色字母"),
    (r"^the letter (?P<x>\S+) appears twice$", r"字母 \g<x> 出现了两次"),
    (r"^empty role cell$", "角色单元格为空"),
    # validate.py
    (
        r"^duplicate id " + _V + r": already used by (?P<at>\S+)(?: \(line (?P<n>\d+)\))?; "
        r"ids must be unique across functions, goals and tasks",
        lambda m: (
            f"id {_q(m)} 重复：已被 {m.group('at')}"
            + (f"（第 {m.group('n')} 行）" if m.group("n") else "")
            + "使用；职能、目标和任务的 id 必须互不相同"
        ),
    ),
    (
        r"^RACI names no function with id " + _V,
        lambda m: f"RACI 中的职能不存在：没有 id 为{_q(m)}的职能",
    ),
    (r"^no function with id " + _V, lambda m: f"没有 id 为{_q(m)}的职能"),
    (r"^no goal with id " + _V, lambda m: f"没有 id 为{_q(m)}的目标"),
    (
        r"^the goal " + _V + r" is listed twice; keep one",
        lambda m: f"目标{_q(m)}列了两次；请保留一个",
    ),
    (
        r"^the letter (?P<x>.*) is not part of the (?P<n>[A-Z]+) notation \((?P<l>[^)]*)\); ",
        r"字母 \g<x> 不属于 \g<n> 记法（\g<l>）；",
    ),
    (
        r"write 'notation: daci' at the top of the chart to use D \(Driver\)",
        "要使用 D（Driver，推动者），请在职责图开头写 'notation: daci'",
    ),
    (
        r"write 'notation: rasci' at the top of the chart to use S \(Supports\)",
        "要使用 S（Supports，支持者），请在职责图开头写 'notation: rasci'",
    ),
    (
        r"use the letters of the chart's notation, or change 'notation:' at the top",
        "请使用职责图记法中的字母，或修改开头的 'notation:'",
    ),
    (
        r"^this warning is already reviewed in (?P<r>reviews\[\d+\]); keep one review per warning",
        r"这条预警已在 \g<r> 中评审过；每条预警只保留一条评审结论",
    ),
    (
        r"^an accepted warning needs a note saying why \(note: \.\.\.\)",
        "接受预警时要写明理由（note: ……）",
    ),
    # yamlsafe.py
    (
        r"^the tag (?P<t>'[^']*') is not allowed in a role chart; remove it",
        r"职责图中不允许使用标签 \g<t>；请删除它",
    ),
    (
        r"^the tag (?P<t>'[^']*') does not fit this value; remove the tag",
        r"标签 \g<t> 与这个值不符；请删除该标签",
    ),
    (
        r"^cannot read this value \((?P<x>.*)\); put it in quotes if it is text",
        lambda m: f"无法读取这个值（{_PYTHON.get(m['x'], m['x'])}）；如果是文本，请加上引号",
    ),
    (r"^the file is nested too deeply", "文件嵌套层级太深"),
    (
        r"^number too long \((?P<n>\d+) characters\); is it meant as text\?",
        r"数字太长（\g<n> 个字符）；是否应该是文本（加引号）？",
    ),
    (
        r"^the key " + _V + r" appears twice in this mapping; keep one",
        lambda m: f"键{_q(m)}在这个映射中出现了两次；请保留一个",
    ),
    (
        r"^the file is nested more than (?P<n>\d+) levels deep; a role chart needs only a few",
        r"文件嵌套超过 \g<n> 层；职责图只需要几层",
    ),
    (
        r"^the file contains a control character \((?P<u>U\+[0-9A-F]+)\) that YAML does not "
        r"allow; remove it",
        r"文件含有 YAML 不允许的控制字符（\g<u>）；请删除它",
    ),
    (
        r"^the file says it is YAML (?P<v>.*); rolemap reads YAML 1\.1 and 1\.2\. "
        r"Remove the %YAML line",
        r"文件声明为 YAML \g<v>；rolemap 只读取 YAML 1.1 和 1.2。请删除 %YAML 这一行",
    ),
    (r"^a key must be plain text$", "键必须是普通文本"),
    (
        r"^anchors and aliases \(&name / \*name\) are not allowed in a role chart; write the "
        r"value out in full",
        "职责图中不允许使用锚点和别名（&name / *name）；请把值完整写出",
    ),
    (
        r"^Input should be (?P<x>.*?)(?: \(found (?P<y>.*)\))?$",
        lambda m: (
            "应为"
            + _apply(_PYDANTIC_RE, m["x"])
            + (f"（实际是{_describe(m['y'])}）" if m["y"] else "")
        ),
    ),
    (
        r"^(?P<x>.*) \(found (?P<y>.*)\)$",
        lambda m: f"{m['x']}（实际是{_describe(m['y'])}）",
    ),
    (r"^YAML syntax error: (?P<x>.*)$", lambda m: "YAML 语法错误：" + _apply(_YAML_RE, m["x"])),
    (r"^YAML error: (?P<x>.*)$", lambda m: "YAML 错误：" + _apply(_YAML_RE, m["x"])),
]


def compile_rules(rules: Iterable[tuple[str, Sub]]) -> Rules:
    return Rules(rules)


def _apply(rules: Rules, text: str) -> str:
    for pattern, sub in rules:
        text = pattern.sub(sub, text)
    return text


_DESCRIBE_RE: Rules = compile_rules(_DESCRIBE)
_YAML_RE: Rules = compile_rules(_YAML)
_PYDANTIC_RE: Rules = compile_rules(_PYDANTIC)
_LOAD_RE: Rules = compile_rules(_LOAD)


def _describe(found: str) -> str:
    return _apply(_DESCRIBE_RE, found)


def os_error_text(strerror: str, lang: str) -> str:
    """The operating system's reason (``exc.strerror``) in ``lang``."""
    return _OS.get(strerror, strerror) if lang == "zh" else strerror


def localise(message: str, lang: str) -> str:
    """A load or file message of the core in ``lang`` ('en': the message itself)."""
    if lang != "zh" or not message:
        return message
    # Suffixes first ("; did you mean"), so that whole-message patterns see their own text.
    return _apply(_LOAD_RE, message)


def localise_with(rules: Rules, message: str, lang: str) -> str:
    """``message`` through another module's rules (the spreadsheet import's notes)."""
    return _apply(rules, message) if lang == "zh" and message else message
