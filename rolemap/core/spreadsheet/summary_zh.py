"""The import's notes and refusals in Chinese, rebuilt from their English text.

The English stays what the command line prints and the tests pin; see rolemap.core.localise for
how the patterns work. ``tests/core/test_localise.py`` imports real spreadsheets and fails when a
note is left in English.
"""

from __future__ import annotations

import re

from rolemap.core.localise import Sub, compile_rules, localise, localise_with

GROUPS_ZH: dict[str, str] = {
    "unreadable": "无法读取（职责图中留空；请修改电子表格或直接编辑职责图）",
    "look-alike": "形近字母（西里尔或希腊字母按拉丁字母读取）",
    "full-width": "全角字母",
    "label": "词语与中文标签（按字母读取）",
    "lower-case": "小写字母",
    "combined": "字母组合（按多个字母读取）",
    "duplicate": "重复字母（同一单元格中写了两次，只读一次）",
    "translated": "换算的字母（换算成职责图的记法）",
    "no-role": "无角色标记（'-'、'—'、'n/a' 按无角色读取）",
    "section": "分组行（读作下方任务的标签）",
    "column": "其他列（保留为标签或说明）",
    "row": "行",
    "id": "任务 id",
    "skipped": "已跳过（不属于表格）",
    "info": "另外",
}

LAYOUTS_ZH = {
    "matrix": "矩阵，每个职能一列",
    "letter-columns": "每个角色字母一列，单元格中写职能名称",
}

_LETTER_NAMES_ZH = {
    "Responsible": "负责",
    "Accountable": "批准（问责）",
    "Supports": "支持",
    "Consulted": "咨询",
    "Informed": "知会",
    "Driver": "推动者",
    "Approver": "批准者",
    "Contributor": "贡献者",
    "主办 (lead unit)": "主办",
}


def _letter_names(text: str) -> str:
    return re.sub(
        r"\((?P<n>Responsible|Accountable|Supports|Consulted|Informed|Driver|Approver|"
        r"Contributor|主办 \(lead unit)\)",
        lambda m: f"（{_LETTER_NAMES_ZH[m['n']]}）",
        text,
    )


_V = r"'(?P<v>[^']*)'"


def _q(m: re.Match[str], group: str = "v") -> str:
    return f"\u201c{m.group(group)}\u201d"


_NOTES: list[tuple[str, Sub]] = [
    # __init__.py
    (
        r"^read sheet " + _V + r"; the other sheets \((?P<o>.*)\) were read for functions, goals "
        r"and reviews; choose another with --sheet$",
        lambda m: (
            f"读取了工作表{_q(m)}；其他工作表（{m['o']}）用于读取职能、目标和评审结论；"
            "可用 --sheet 选择其他工作表"
        ),
    ),
    (
        r"^read sheet " + _V + r"; the other sheets \((?P<o>.*)\) were not read; choose another "
        r"with --sheet$",
        lambda m: f"读取了工作表{_q(m)}；其他工作表（{m['o']}）未读取；可用 --sheet 选择其他工作表",
    ),
    # build.py
    (r"^matched to the function " + _V + "$", lambda m: f"对应到职能{_q(m)}"),
    (
        r"^function " + _V + r" given the archetype '(?P<a>[^']*)' from its name; change it in "
        r"rolemap if that is wrong$",
        lambda m: (
            f"职能{_q(m)}按名称定为{_ARCHETYPE_ZH.get(m['a'], m['a'])}；"
            "如果不对，请在 rolemap 中修改"
        ),
    ),
    (
        r"^a second column with this function's name: its letters are merged with the first$",
        "又一列写着这个职能的名称：其字母与第一列合并",
    ),
    (r"^is not a role letter; the cell was left empty$", "不是角色字母；该单元格留空"),
    (r"^read as no role$", "按“无角色”读取"),
    (r"; the cell was left empty$", "；该单元格留空"),
    (
        r"^change the letter, or use one notation in the sheet$",
        "请修改字母，或在表中统一使用一种记法",
    ),
    (r"^is not a goal kind; the goal keeps its kind$", "不是目标类型；目标保留原类型"),
    (r"^use one of: (?P<x>.*)$", r"可选：\g<x>"),
    (
        r"^goal created from the goal column, with no owner; set its owner and KPIs in rolemap$",
        "已根据目标列创建目标，尚无归属；请在 rolemap 中设置归属职能和指标",
    ),
    (
        r"^cannot be used as a task id \(not a valid id, or used twice\); the task got the id "
        + _V
        + "$",
        lambda m: f"不能用作任务 id（不是有效的 id，或重复使用）；任务的 id 改为{_q(m)}",
    ),
    (r"^not kept: this rolemap has no task effort$", "未保留：此版本的 rolemap 没有任务工作量"),
    (r"^is not a number above 0; the task has no effort$", "不是大于 0 的数字；任务没有工作量"),
    (r"^write e\.g\. 3$", "例如写 3"),
    (
        r"^write one or more of (?P<x>[A-Z, ]+) \(or leave the cell blank\)$",
        lambda m: f"写一个或多个 {m['x'].replace(', ', '、')}（或留空）",
    ),
    # rows.py
    (r"^used as the chart title$", "用作职责图标题"),
    (r"^above the table \(preamble or legend\): not read$", "位于表格上方（前言或图例）：未读取"),
    (r"^a section heading with no tasks under it$", "分组标题下没有任务"),
    (r"^read as a tag of the tasks below it$", "读作下方任务的标签"),
    (
        r"^read as a task with no roles yet \(not as a section heading: it is not bold and sits "
        r"in the task column\)$",
        "读作尚无角色的任务（不是分组标题：没有加粗，且位于任务列）",
    ),
    (r"^a row with no task title and no roles: not read$", "既无任务标题也无角色的行：未读取"),
    (
        r"^has role letters but no task title; read as " + _V + "$",
        lambda m: f"有角色字母但没有任务标题；读作{_q(m)}",
    ),
    (r"^give the task a title$", "请给任务写上标题"),
    (
        r"^kept as tags '(?P<l>[^']*): …' \(long values in the description\) on (?P<n>\d+) "
        r"tasks?$",
        r"保留为标签“\g<l>: …”（较长的值放在说明中），共 \g<n> 个任务",
    ),
    (r"^kept as tags$", "保留为标签"),
    (r"^not read: rolemap recomputes its warnings$", "未读取：rolemap 会重新计算预警"),
    # companions.py
    (
        r"^not a valid function \((?P<x>.*)\); the matrix header is used instead$",
        r"不是有效的职能（\g<x>）；改用矩阵表头",
    ),
    (r"^fix the row or delete it$", "请修改或删除这一行"),
    (
        r"^the owner " + _V + r" is not a function; the goal has no owner$",
        lambda m: f"归属{_q(m)}不是职能；该目标没有归属",
    ),
    (r"^set the owner in rolemap$", "请在 rolemap 中设置归属"),
    (
        r"^" + _V + r" is not a goal kind; read as other$",
        lambda m: f"{_q(m)}不是目标类型；读作“其他”",
    ),
    (r"^set the kind in rolemap$", "请在 rolemap 中设置目标类型"),
    (r"^not a valid goal \((?P<x>.*)\); not read$", r"不是有效的目标（\g<x>）；未读取"),
    (r"^fix the row$", "请修改这一行"),
    (r"^an accepted warning without a note; not kept$", "已接受的预警没有备注；未保留"),
    (r"^accept it again in rolemap, saying why$", "请在 rolemap 中重新接受，并写明理由"),
    (r"^the review cannot be read; not kept$", "无法读取评审结论；未保留"),
    (r"^review the warning again in rolemap$", "请在 rolemap 中重新评审该预警"),
    # cells.py
    (r"^full-width characters read as " + _V + "$", lambda m: f"全角字符读作{_q(m)}"),
    (
        r"(?P<c>\S) \((?P<n>[A-Z][A-Z -]+)\) as (?P<l>[A-Z])",
        lambda m: f"{m['c']}（{_script(m['n'])}，U+{ord(m['c']):04X}）读作 {m['l']}",
    ),
    (r"^" + _V + r" in lower case$", lambda m: f"{_q(m)}是小写"),
    (
        r"^" + _V + r" names a letter twice; read once$",
        lambda m: f"{_q(m)}重复写了一个字母；只读一次",
    ),
    (
        r"^read as (?P<a>[A-Z?]+(?: and [A-Z?]+)+)$",
        lambda m: "读作 " + m["a"].replace(" and ", " 和 "),
    ),
    (r"R\+A \(D in DACI\)", "R+A（DACI 中为 D）"),
    (r"R or A \(decided for the whole sheet\)", "R 或 A（按整张表决定）"),
    (r"^read (?P<x>.*→.*)$", r"读取：\g<x>"),
    (r"^read (?P<x>.*)$", r"读取：\g<x>"),
    (
        r"^负责 read as A \(accountable\): the sheet uses (?P<w>\S+) for the work itself$",
        r"负责读作 A（批准/问责）：表中用“\g<w>”表示具体做事",
    ),
    (
        r"^负责 read as R \(responsible\): the sheet uses (?P<w>\S+) for sign-off$",
        r"负责读作 R（负责执行）：表中用“\g<w>”表示签字批准",
    ),
    (
        r"^负责 read as R \(responsible\), as in 负责、批准、咨询、知会$",
        "负责读作 R（负责执行），与“负责、批准、咨询、知会”一致",
    ),
    # notation.py
    (
        r"^S \(Supports\) read as R: this rolemap has no RASCI notation yet$",
        "S（支持）读作 R：此版本的 rolemap 还没有 RASCI 记法",
    ),
    (
        r"^D \(Driver: owns the outcome and does the work\) read as R and A$",
        "D（推动者：对结果负责并亲自做事）读作 R 和 A",
    ),
    (
        r"^'\?' \(only when applicable\) dropped: this rolemap has no conditional roles yet$",
        "去掉了 '?'（仅在适用时）：此版本的 rolemap 还没有条件角色",
    ),
    (
        r"^(?P<l>\S+) (?P<n>\([^)]*\)) is not a (?P<s>[A-Z]+) letter; use (?P<c>.*)$",
        lambda m: _letter_names(f"{m['l']} {m['n']} 不是 {m['s']} 记法的字母；请使用 {m['c']}"),
    ),
]

_ERRORS: list[tuple[str, Sub]] = [
    (
        r"no RACI table found: rolemap looks for a header row with a task column and one column "
        r"per function \(role letters R, A, C, I in the cells\), or one column per letter "
        r"\(Responsible, Accountable, \.\.\.\) with function names in the cells",
        "没有找到 RACI 表：rolemap 需要一行表头，其中有任务列，并且每个职能一列（单元格中写角色字母 "
        "R、A、C、I），或者每个角色字母一列（负责、批准……），单元格中写职能名称",
    ),
    (
        r"^none of the sheets \((?P<x>.*?)\) has a RACI table; ",
        r"所有工作表（\g<x>）中都没有 RACI 表；",
    ),
    (r"^sheet " + _V + ": ", lambda m: f"工作表{_q(m)}："),
    (
        r"^--sheet applies to \.xlsx workbooks; a CSV file has one table$",
        "--sheet 只适用于 .xlsx 工作簿；CSV 文件只有一张表",
    ),
    (
        r"^no sheet named " + _V + r"; the sheets are: (?P<x>.*)$",
        lambda m: f"没有名为{_q(m)}的工作表；现有工作表：{m['x']}",
    ),
    (
        r"^the file starts with a (?P<l>.*) byte-order mark but byte (?P<n>\d+) does not decode; "
        r"save it again as CSV UTF-8$",
        r"文件以 \g<l> 字节顺序标记开头，但偏移 \g<n> 处的字节无法解码；请重新另存为 CSV UTF-8",
    ),
    (
        r"^cannot tell the text encoding: the file is not UTF-8, UTF-16 or GB18030/GBK "
        r"\(line (?P<l>\d+), column (?P<c>\d+): byte (?P<b>0x[0-9a-f]+)\)\. In Excel choose "
        r"Save As > 'CSV UTF-8 \(Comma delimited\)', or save as \.xlsx$",
        r"无法判断文本编码：文件不是 UTF-8、UTF-16 或 GB18030/GBK（第 \g<l> 行第 \g<c> 列：字节 "
        r"\g<b>）。请在 Excel 中选择“另存为 > CSV UTF-8（逗号分隔）”，或另存为 .xlsx",
    ),
    (
        r"^the file contains NUL characters; it is not a CSV file$",
        "文件中含有 NUL 字符，不是 CSV 文件",
    ),
    (
        r"^the (?P<w>file|sheet) has more than (?P<n>[\d,]+) rows; rolemap imports up to "
        r"(?P<m>[\d,]+)\. Delete the rows that are not tasks, or split the (?:file|sheet)$",
        lambda m: (
            f"{'文件' if m['w'] == 'file' else '工作表'}超过 {m['n']} 行；rolemap 最多导入 "
            f"{m['m']} 行。请删除不是任务的行，或拆分{'文件' if m['w'] == 'file' else '工作表'}"
        ),
    ),
    (
        r"^the row has (?P<n>[\d,]+) columns; rolemap imports up to (?P<m>[\d,]+)"
        r"(?:\. Delete the unused columns on the right)?$",
        r"这一行有 \g<n> 列；rolemap 最多导入 \g<m> 列。请删除右侧不用的列",
    ),
    (
        r"^the (?P<w>file|sheet) has more than (?P<n>[\d,]+) cells(?:; .*)?$",
        lambda m: (
            f"{'文件' if m['w'] == 'file' else '工作表'}超过 {m['n']} 个单元格；"
            "请删除不属于矩阵的行和列"
        ),
    ),
    (r"^the CSV is malformed \((?P<x>.*)\)$", r"CSV 格式有误（\g<x>）"),
    (
        r"^this is an old Excel 97-2003 workbook \(\.xls\); rolemap reads \.xlsx and \.csv\. Open "
        r"it in Excel or LibreOffice and save it as \.xlsx$",
        "这是旧版 Excel 97-2003 工作簿（.xls）；rolemap 读取 .xlsx 和 .csv。"
        "请用 Excel 或 LibreOffice 打开并另存为 .xlsx",
    ),
    (
        r"^the file is named \.xlsx but is not a workbook \(no zip archive inside\)$",
        "文件名是 .xlsx，但不是工作簿（里面没有 zip 压缩包）",
    ),
    (
        r"^rolemap reads \.xlsx and \.csv files; save the spreadsheet as \.xlsx or CSV$",
        "rolemap 读取 .xlsx 和 .csv 文件；请把电子表格另存为 .xlsx 或 CSV",
    ),
    (
        r"^the file is (?P<n>\d+) MiB; rolemap imports spreadsheets up to (?P<m>\d+) MiB\. "
        r"Is this the right file\?$",
        r"文件大小为 \g<n> MiB，而 rolemap 只导入不超过 \g<m> MiB 的电子表格。是不是选错了文件？",
    ),
    (
        r"^the (?P<w>workbook|sheet) cannot be read \((?P<x>.*)\); open (?:it|the workbook) in "
        r"Excel or LibreOffice and save it again(?: as \.xlsx)?$",
        lambda m: (
            f"无法读取{'工作簿' if m['w'] == 'workbook' else '工作表'}（{m['x']}）；"
            "请用 Excel 或 LibreOffice 打开后重新保存为 .xlsx"
        ),
    ),
    (
        r"^the file is not a valid \.xlsx workbook \(its zip structure is damaged\); open it in "
        r"Excel or LibreOffice and save it again as \.xlsx$",
        "文件不是有效的 .xlsx 工作簿（zip 结构已损坏）；请用 Excel 或 LibreOffice 打开后重新保存为 .xlsx",
    ),
    (
        r"^the workbook has (?P<n>\d+) parts; rolemap reads at most (?P<m>\d+)$",
        r"工作簿有 \g<n> 个部件；rolemap 最多读取 \g<m> 个",
    ),
    (
        r"^the workbook's part .*?This looks like a zip bomb or a far too large sheet; it was "
        r"not opened$",
        "工作簿中的某个部件解压后过大（像是 zip 炸弹或过大的工作表）；未打开。"
        "请只把 RACI 工作表另存为新的工作簿",
    ),
    (
        r"^the sheet " + _V + r" has .*?; rolemap imports up to (?P<r>[\d,]+) rows and "
        r"(?P<c>[\d,]+) cells a sheet\..*$",
        lambda m: (
            f"工作表{_q(m)}太大；rolemap 每张工作表最多导入 {m['r']} 行、{m['c']} 个单元格。"
            "请删除不是任务的行，或拆分工作表"
        ),
    ),
    (
        r"^the workbook's sheets hold more than (?P<r>[\d,]+) rows or (?P<c>[\d,]+) cells in all; "
        r"save the RACI sheet alone as a new workbook$",
        r"工作簿各工作表合计超过 \g<r> 行或 \g<c> 个单元格；请只把 RACI 工作表另存为新的工作簿",
    ),
]


def _script(name: str) -> str:
    """'CYRILLIC CAPITAL LETTER ES' -> 西里尔字母."""
    for en, zh in (("CYRILLIC", "西里尔字母"), ("GREEK", "希腊字母"), ("LATIN", "拉丁字母")):
        if name.startswith(en):
            return zh
    return "形近字符"


_ARCHETYPE_ZH: dict[str, str] = {"brand": "品牌型", "operations": "运营型", "other": "其他"}
_NOTES_RE = compile_rules(_NOTES)
_ERRORS_RE = compile_rules(_ERRORS)


def note_text(text: str, lang: str) -> str:
    """A note's message or action in ``lang``."""
    return localise_with(_NOTES_RE, text, lang)


def error_text(text: str, lang: str) -> str:
    """Why a spreadsheet was refused, in ``lang`` (file problems shared with charts included)."""
    if lang != "zh":
        return text
    translated = localise_with(_ERRORS_RE, text, lang)
    return localise(translated, lang) if translated == text else translated
