"""Reading the rows under a sheet's header: preamble, section rows, task rows and the values
of every column, each row's role cells kept for the letters pass."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from rolemap.core.spreadsheet.cells import Parsed, parse_cell, split_names
from rolemap.core.spreadsheet.layout import Column, Layout
from rolemap.core.spreadsheet.reader import Sheet
from rolemap.core.spreadsheet.summary import column_letter

_CJK = re.compile(r"[\u3400-\u9fff]")
_HEADING = re.compile(
    r"^(phase|stage|step|part|section|milestone)\b|^(第.{1,3}(阶段|部分|步))|阶段$|[:：]$",
    re.IGNORECASE,
)
TAG_MAX = 60  # longer values of extra columns go to the description, not a tag


@dataclass
class Row:
    number: int
    title: str
    ident: str = ""
    cells: list[tuple[Column, Parsed]] = field(default_factory=list)  # layout A
    named: list[tuple[Column, str]] = field(default_factory=list)  # layout B: (column, name)
    goals: list[str] = field(default_factory=list)
    kind: str = ""
    effort: str = ""
    tags: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)


class RowReader:
    """Turns the rows of a sheet into ``Row``s, noting everything it skips or reinterprets."""

    def __init__(self, sheet: Sheet, layout: Layout, note: Callable[..., None]) -> None:
        self.sheet = sheet
        self.layout = layout
        self.note = note
        self.column_use: Counter[int] = Counter()

    def preamble(self) -> str:
        title = ""
        for number, row in enumerate(self.sheet.rows[: self.layout.header_row - 1], start=1):
            filled = [t for t in row if t]
            if not filled:
                continue
            text = " | ".join(filled)
            if not title and len(filled) <= 2:
                title = filled[0]
                self.note("skipped", "used as the chart title", number, value=text)
            else:
                self.note(
                    "skipped", "above the table (preamble or legend): not read", number, value=text
                )
        return title

    def rows(self) -> list[Row]:
        layout = self.layout
        task_col = layout.first("task")
        role_cols = {c.index for c in layout.columns if c.kind in ("function", "letter")}
        section = ""
        pending_section: tuple[int, str] | None = None
        out: list[Row] = []
        for number, row in enumerate(
            self.sheet.rows[layout.header_row :], start=layout.header_row + 1
        ):
            filled = [(j, t) for j, t in enumerate(row) if t]
            if not filled:
                continue
            title = row[task_col.index] if task_col and task_col.index < len(row) else ""
            has_roles = any(j in role_cols for j, _ in filled)
            if len(filled) == 1 and not has_roles:
                j, text = filled[0]
                in_task_col = task_col is not None and j == task_col.index
                if not in_task_col or number in self.sheet.bold_rows or _HEADING.search(text):
                    if pending_section:
                        self.note(
                            "skipped",
                            "a section heading with no tasks under it",
                            pending_section[0],
                            value=pending_section[1],
                        )
                    section, pending_section = text, (number, text)
                    self.note("section", "read as a tag of the tasks below it", number, value=text)
                    continue
                self.note(
                    "row",
                    "read as a task with no roles yet (not as a section heading: it is not "
                    "bold and sits in the task column)",
                    number,
                    task_col,
                    text,
                )
            if not title and not has_roles:
                self.note(
                    "skipped",
                    "a row with no task title and no roles: not read",
                    number,
                    value=" | ".join(t for _, t in filled),
                )
                continue
            if not title:
                # A placeholder the team will see in the chart: in the sheet's language.
                chinese = task_col is not None and _CJK.search(task_col.header)
                title = f"（第 {number} 行）" if chinese else f"(row {number})"
                self.note(
                    "unreadable",
                    f"has role letters but no task title; read as '{title}'",
                    number,
                    task_col,
                    action="give the task a title",
                )
            pending_section = None
            item = Row(number, title)
            if section:
                item.tags.append(section)
            self.columns(row, item)
            out.append(item)
        if pending_section:
            self.note(
                "skipped",
                "a section heading with no tasks under it",
                pending_section[0],
                value=pending_section[1],
            )
        return out

    def columns(self, row: list[str], item: Row) -> None:
        for col in self.layout.columns:
            value = row[col.index] if col.index < len(row) else ""
            if col.kind == "function":
                item.cells.append((col, parse_cell(value)))
            if not value:
                continue
            if col.kind == "letter":
                item.named.extend((col, name) for name in split_names(value))
            elif col.kind == "id":
                item.ident = value
            elif col.kind == "goal":
                item.goals.extend(g.strip() for g in re.split(r"[;\n；]", value) if g.strip())
            elif col.kind == "kind":
                item.kind = value
            elif col.kind == "effort":
                item.effort = value
            elif col.kind == "description":
                item.description.append(value)
            elif col.kind in ("tags", "phase"):
                item.tags.extend(t.strip() for t in re.split(r"[,;\n，；、]", value) if t.strip())
            elif col.kind == "extra":
                self.column_use[col.index] += 1
                label = col.header or f"Column {column_letter(col.index + 1)}"
                if len(value) <= TAG_MAX and "\n" not in value:
                    item.tags.append(f"{label}: {value}")
                else:
                    item.description.append(f"{label}: {value}")

    def column_notes(self) -> None:
        for col in self.layout.columns:
            if col.kind == "extra":
                used = self.column_use[col.index]
                label = col.header or f"Column {column_letter(col.index + 1)}"
                self.note(
                    "column",
                    f"kept as tags '{label}: …' (long values in the description) on {used} task{'s' if used != 1 else ''}",
                    col=col,
                )
            elif col.kind == "phase":
                self.note("column", "kept as tags", col=col)
            elif col.kind == "warnings":
                self.note("column", "not read: rolemap recomputes its warnings", col=col)
