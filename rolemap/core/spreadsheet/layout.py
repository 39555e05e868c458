"""Finding the table in a sheet: which row is the header, which layout the sheet uses, and
what each column holds.

Layout A ("matrix"): one column per function (or person), role letters in the cells.
Layout B ("letter-columns"): one column per role letter, function names in the cells.
The header is the row, among the first ``HEADER_SCAN`` rows, under which the most cells read
as role letters (layout A) or the most cells sit under letter-named columns (layout B);
everything above it is preamble or legend.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rolemap.core.spreadsheet.cells import header_role, parse_cell

HEADER_SCAN = 60  # rows searched for the header
BODY_SAMPLE = 300  # rows under a candidate header used to score it

# Column headers rolemap recognises (lower case, NFKC, spaces collapsed). The first name of
# each is what the export writes, in English and in Chinese.
HEADERS: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "编号",
        "#",
        "no",
        "no.",
        "nr",
        "number",
        "wbs",
        "task id",
        "ref",
        "序号",
        "任务编号",
    ),
    "task": (
        "task",
        "任务",
        "tasks",
        "activity",
        "activities",
        "deliverable",
        "deliverables",
        "work item",
        "work items",
        "item",
        "step",
        "action",
        "milestone",
        "工作项",
        "事项",
        "工作内容",
        "工作事项",
        "任务名称",
        "活动",
        "环节",
        "工作",
    ),
    "goal": ("goals", "目标", "goal", "objective", "objectives", "服务目标"),
    "kind": ("kind", "目标类型", "goal kind", "goal type"),
    "description": (
        "description",
        "说明",
        "details",
        "notes",
        "note",
        "comments",
        "comment",
        "remarks",
        "描述",
        "备注",
        "详情",
    ),
    "tags": ("tags", "标签", "tag", "labels"),
    "effort": ("effort", "工作量", "size", "weight"),
    "phase": ("phase", "阶段", "stage", "section", "category", "类别", "分类", "模块"),
    "warnings": ("warnings", "重叠预警", "预警", "conflicts"),
}
# Headers of columns that are never role columns, even when their values look like letters
# (a priority graded A, B, C).
NOT_ROLES = frozenset(
    {
        "priority",
        "status",
        "deadline",
        "due",
        "due date",
        "start",
        "end",
        "date",
        "effort",
        "duration",
        "owner",
        "owners",
        "person",
        "people",
        "comment",
        "优先级",
        "状态",
        "截止日期",
        "截止时间",
        "开始时间",
        "完成时间",
        "工期",
        "工作量",
        "日期",
    }
)
_NAMES = {name: kind for kind, names in HEADERS.items() for name in names}
_SEPARATED = re.compile(r"[/,;+&、，；?]|\S\s+\S")


def header_key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).strip().rstrip(":：").strip().lower()
    return re.sub(r"\s+", " ", folded)


def header_kind(text: str) -> str | None:
    """ "task", "id", "goal", ... for a header rolemap recognises, else None."""
    key = header_key(text)
    if key in _NAMES:
        return _NAMES[key]
    return "extra" if key in NOT_ROLES else None


@dataclass
class Column:
    index: int  # 0-based
    header: str
    kind: str  # function, letter, task, id, goal, kind, description, tags, phase, warnings, extra
    letter: str = ""  # the abstract letter of a layout-B column


@dataclass
class Layout:
    kind: str  # "matrix" or "letter-columns"
    header_row: int  # 1-based
    columns: list[Column] = field(default_factory=list)
    score: int = 0

    def of_kind(self, kind: str) -> list[Column]:
        return [c for c in self.columns if c.kind == kind]

    def first(self, kind: str) -> Column | None:
        found = self.of_kind(kind)
        return found[0] if found else None


def _cell(row: list[str], j: int) -> str:
    return row[j] if j < len(row) else ""


def _is_letter_header(text: str) -> bool:
    """A header cell that is itself role letters (a legend row's "R", a data row's "A/R")."""
    if not parse_cell(text).ok:
        return False
    return len(text.strip()) == 1 or bool(_SEPARATED.search(text))


def _letter_columns(rows: list[list[str]], h: int) -> tuple[dict[int, int], int]:
    """Layout A: {column: letter cells below} for columns that mostly hold letters; score."""
    header = rows[h]
    body = rows[h + 1 : h + 1 + BODY_SAMPLE]
    found: dict[int, int] = {}
    for j, text in enumerate(header):
        if not text or _is_letter_header(text) or header_kind(text) is not None:
            continue
        letters = filled = 0
        for row in body:
            value = _cell(row, j)
            if not value:
                continue
            filled += 1
            parsed = parse_cell(value)
            if parsed.ok and parsed.letters:
                letters += 1
        if letters and letters >= 0.5 * filled:
            found[j] = letters
    return found, sum(found.values()) if len(found) >= 1 else 0


def _name_columns(rows: list[list[str]], h: int) -> tuple[dict[int, str], int]:
    """Layout B: {column: abstract letter} for letter-named columns holding names; score."""
    header = rows[h]
    named = {j: header_role(text) for j, text in enumerate(header) if text}
    named_letters = {j: letter for j, letter in named.items() if letter}
    if len(set(named_letters.values())) < 2:
        return {}, 0
    body = rows[h + 1 : h + 1 + BODY_SAMPLE]
    names = letters = 0
    for row in body:
        for j in named_letters:
            value = _cell(row, j)
            if not value:
                continue
            parsed = parse_cell(value)
            if parsed.ok:
                letters += 1
            else:
                names += 1
    if names <= letters:
        return {}, 0
    return named_letters, names


def detect(rows: list[list[str]]) -> Layout | None:
    """The layout of a sheet, or None when no row looks like the header of a RACI table."""
    best: Layout | None = None
    for h in range(min(HEADER_SCAN, len(rows))):
        if sum(1 for t in rows[h] if t) < 2:
            continue
        letter_cols, score_a = _letter_columns(rows, h)
        name_cols, score_b = _name_columns(rows, h)
        # Ties go to the later row: a row above the header (a title, a legend laid out across
        # the function columns) sees the same letters below it plus its own non-letters.
        if score_a and (best is None or score_a >= best.score) and score_a >= score_b:
            best = Layout("matrix", h + 1, score=score_a)
            best.columns = [Column(j, rows[h][j], "function") for j in letter_cols]
        elif score_b and (best is None or score_b >= best.score):
            best = Layout("letter-columns", h + 1, score=score_b)
            best.columns = [
                Column(j, rows[h][j], "letter", letter) for j, letter in name_cols.items()
            ]
    if best is None:
        best = _named_header(rows)
    if best is None:
        return None
    _classify_rest(rows, best)
    return best


def _named_header(rows: list[list[str]]) -> Layout | None:
    """A matrix with no letters in it yet (a new chart's export): a header with a task column
    and function columns that hold nothing but letters or blanks."""
    for h in range(min(HEADER_SCAN, len(rows))):
        header = rows[h]
        if not any(header_kind(t) == "task" for t in header if t):
            continue
        body = rows[h + 1 : h + 1 + BODY_SAMPLE]
        columns = [
            Column(j, text, "function")
            for j, text in enumerate(header)
            if text and header_kind(text) is None and all(parse_cell(_cell(r, j)).ok for r in body)
        ]
        if columns:
            return Layout("matrix", h + 1, columns)
    return None


def _classify_rest(rows: list[list[str]], layout: Layout) -> None:
    header = rows[layout.header_row - 1]
    taken = {c.index for c in layout.columns}
    role_cols = sorted(taken)
    body = rows[layout.header_row : layout.header_row + BODY_SAMPLE]
    width = max([len(header), *(len(r) for r in rows[layout.header_row :])], default=0)
    if layout.kind == "matrix":
        # A function nobody has a role for yet sits between the others with an empty column.
        for j in range(role_cols[0], role_cols[-1] + 1):
            text = _cell(header, j)
            if j not in taken and text and header_kind(text) is None:
                if not any(_cell(r, j) for r in body):
                    layout.columns.append(Column(j, text, "function"))
                    taken.add(j)
    others: list[Column] = []
    for j in range(width):
        if j in taken:
            continue
        text = _cell(header, j)
        kind = header_kind(text) if text else None
        if kind is None:
            kind = "extra"
        if kind in {c.kind for c in others} and kind not in ("extra", "tags", "description"):
            kind = "extra"  # a second "Task" or "ID" column is kept, not used twice
        others.append(Column(j, text, kind))
    if not any(c.kind == "task" for c in others):
        candidates = [c for c in others if c.kind == "extra"]
        left = [c for c in candidates if c.index < role_cols[0]]
        pool = left or candidates
        if pool:
            chosen = max(pool, key=lambda c: _texty(body, c.index))
            chosen.kind = "task"
    layout.columns = sorted([*layout.columns, *others], key=lambda c: c.index)


def _texty(body: list[list[str]], j: int) -> float:
    """How much a column looks like task titles: filled, distinct, long, not numbers."""
    values = [_cell(r, j) for r in body if _cell(r, j)]
    if not values:
        return 0.0
    words = [v for v in values if not v.replace(".", "").isdigit()]
    return len(set(words)) + sum(len(v) for v in words) / (10 * len(values))
