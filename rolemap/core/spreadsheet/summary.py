"""What an import did: every normalisation and every cell it could not read, with where and
what to do. The CLI prints it; the app shows it before the chart is used."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rolemap.core.spreadsheet import summary_zh as zh


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 1-based index: 1 -> A, 27 -> AA."""
    name = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


# Groups in the order they are reported, with the heading each gets.
GROUPS: dict[str, str] = {
    "unreadable": "Could not read (the chart leaves these empty; fix the spreadsheet or edit the chart)",
    "look-alike": "Look-alike letters (Cyrillic or Greek letters read as Latin)",
    "full-width": "Full-width letters",
    "label": "Words and Chinese labels read as letters",
    "lower-case": "Lower-case letters",
    "combined": "Combinations read as several letters",
    "duplicate": "A letter written twice in one cell (read once)",
    "translated": "Letters translated into the chart's notation",
    "no-role": "Marks read as no role ('-', '—', 'n/a')",
    "section": "Section rows read as tags of the tasks below them",
    "column": "Columns kept as tags or description",
    "row": "Rows",
    "id": "Task ids",
    "skipped": "Skipped (not part of the table)",
    "info": "Also",
}


@dataclass(frozen=True)
class Note:
    """One thing the import did or could not do. ``row`` and ``column`` are 1-based."""

    group: str
    message: str
    sheet: str = ""
    row: int | None = None
    column: int | None = None
    header: str = ""
    value: str = ""
    action: str = ""

    @property
    def cell(self) -> str:
        """``D12``, ``row 12``, ``column D`` or ``""``."""
        return self.cell_in("en")

    def cell_in(self, lang: str) -> str:
        """``cell`` in ``lang`` (``第 12 行``, ``D 列``)."""
        if self.column is not None and self.row is not None:
            return f"{column_letter(self.column)}{self.row}"
        if self.row is not None:
            return f"第 {self.row} 行" if lang == "zh" else f"row {self.row}"
        if self.column is not None:
            letter = column_letter(self.column)
            return f"{letter} 列" if lang == "zh" else f"column {letter}"
        return ""

    def where(self, lang: str = "en") -> str:
        """Sheet, row and column as a person reads them: "sheet 'RACI', row 12, column D
        (Marketing)"."""
        if lang == "zh":
            parts = [f"工作表\u201c{self.sheet}\u201d"] if self.sheet else []
            if self.row is not None:
                parts.append(f"第 {self.row} 行")
            if self.column is not None:
                col = f"{column_letter(self.column)} 列"
                parts.append(f"{col}（{self.header}）" if self.header else col)
            return "，".join(parts)
        parts = [f"sheet '{self.sheet}'"] if self.sheet else []
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            col = f"column {column_letter(self.column)}"
            parts.append(f"{col} ({self.header})" if self.header else col)
        return ", ".join(parts)

    def message_in(self, lang: str) -> str:
        return zh.note_text(self.message, lang)

    def action_in(self, lang: str) -> str:
        return zh.note_text(self.action, lang)

    def format(self, lang: str = "en") -> str:
        where = self.where(lang)
        value = f" '{self.value}'" if self.value else ""
        message, action = self.message_in(lang), self.action_in(lang)
        if lang == "zh":
            value = f"\u201c{self.value}\u201d" if self.value else ""
            text = f"{where}：{value}{message}" if where else f"{value}{message}"
            return f"{text}；{action}" if action else text
        text = f"{where}:{value} {message}" if where else f"{message}"
        return f"{text}; {action}" if action else text


@dataclass
class Summary:
    """Everything an import reports. ``notes`` holds every single cell, never a sample."""

    file: str
    sheet: str = ""
    layout: str = ""  # "matrix" (layout A) or "letter-columns" (layout B)
    header_row: int | None = None
    notation: str = "raci"
    functions: int = 0
    tasks: int = 0
    goals: int = 0
    encoding: str = ""
    delimiter: str = ""
    notes: list[Note] = field(default_factory=list)

    def add(self, note: Note) -> None:
        self.notes.append(note)

    @property
    def unreadable(self) -> list[Note]:
        return [n for n in self.notes if n.group == "unreadable"]

    def by_group(self) -> dict[str, list[Note]]:
        groups: dict[str, list[Note]] = defaultdict(list)
        for note in self.notes:
            groups[note.group].append(note)
        return {g: groups[g] for g in [*GROUPS, *groups] if g in groups}

    def headline(self, lang: str = "en") -> str:
        if lang == "zh":
            return self._headline_zh()
        layout = {
            "matrix": "a matrix with one column per function",
            "letter-columns": "one column per role letter, function names in the cells",
        }.get(self.layout, self.layout)
        source = f"sheet '{self.sheet}'" if self.sheet else "the file"
        extra = []
        if self.encoding:
            extra.append(self.encoding)
        if self.delimiter:
            extra.append(
                {"\t": "tab-separated", ",": "comma-separated"}.get(
                    self.delimiter, f"separated by '{self.delimiter}'"
                )
            )
        how = f" ({', '.join(extra)})" if extra else ""
        header = f", header on row {self.header_row}" if self.header_row else ""
        return (
            f"{self.file}: read {source}{how}: {layout}{header}, notation "
            f"{self.notation.upper()}; {self.functions} functions, {self.tasks} tasks, "
            f"{self.goals} goals"
        )

    def _headline_zh(self) -> str:
        layout = zh.LAYOUTS_ZH.get(self.layout, self.layout)
        source = f"工作表\u201c{self.sheet}\u201d" if self.sheet else "文件"
        extra = []
        if self.encoding:
            extra.append(self.encoding)
        if self.delimiter:
            extra.append(
                {"\t": "制表符分隔", ",": "逗号分隔"}.get(
                    self.delimiter, f"以 '{self.delimiter}' 分隔"
                )
            )
        how = f"（{'，'.join(extra)}）" if extra else ""
        header = f"，表头在第 {self.header_row} 行" if self.header_row else ""
        return (
            f"{self.file}：读取了{source}{how}：{layout}{header}，记法 "
            f"{self.notation.upper()}；{self.functions} 个职能，{self.tasks} 个任务，"
            f"{self.goals} 个目标"
        )

    def format(self, *, limit: int | None = 8, lang: str = "en") -> str:
        """The summary as text. Cells that could not be read are always listed one by one;
        other groups show ``limit`` examples and a count (``None``: everything)."""
        lines = [self.headline(lang)]
        colon = "：" if lang == "zh" else ": "
        for group, notes in self.by_group().items():
            lines.append(f"{group_heading(group, lang)}{colon}{len(notes)}")
            shown = notes if group == "unreadable" or limit is None else notes[:limit]
            for note in shown:
                lines.append(f"  {_short(note, group, lang)}")
            if len(shown) < len(notes):
                more = len(notes) - len(shown)
                lines.append(
                    f"  …… 还有 {more} 条（--verbose 列出全部）"
                    if lang == "zh"
                    else f"  … and {more} more (--verbose lists them all)"
                )
        return "\n".join(lines)


def group_heading(group: str, lang: str = "en") -> str:
    """A group's heading in ``lang``."""
    if lang == "zh":
        return zh.GROUPS_ZH.get(group, group)
    return GROUPS.get(group, group)


def _short(note: Note, group: str, lang: str = "en") -> str:
    if group == "unreadable":
        return note.format(lang)
    cell = note.cell_in(lang)
    if note.row is None and note.column is not None and note.header:
        cell = f"{cell} \u201c{note.header}\u201d" if lang == "zh" else f"{cell} '{note.header}'"
    value = f" '{note.value}'" if note.value else ""
    if lang == "zh" and note.value:
        value = f" \u201c{note.value}\u201d"
    colon, semi = ("：", "；") if lang == "zh" else (": ", "; ")
    head = f"{cell}{value}{colon}" if cell or value else ""
    text = f"{head}{note.message_in(lang)}"
    return f"{text}{semi}{note.action_in(lang)}" if note.action else text
