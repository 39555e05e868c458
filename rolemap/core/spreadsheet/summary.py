"""What an import did: every normalisation and every cell it could not read, with where and
what to do. The CLI prints it; the app shows it before the chart is used."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


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
        if self.column is not None and self.row is not None:
            return f"{column_letter(self.column)}{self.row}"
        if self.row is not None:
            return f"row {self.row}"
        if self.column is not None:
            return f"column {column_letter(self.column)}"
        return ""

    def where(self) -> str:
        """Sheet, row and column as a person reads them: "sheet 'RACI', row 12, column D
        (Marketing)"."""
        parts = [f"sheet '{self.sheet}'"] if self.sheet else []
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            col = f"column {column_letter(self.column)}"
            parts.append(f"{col} ({self.header})" if self.header else col)
        return ", ".join(parts)

    def format(self) -> str:
        where = self.where()
        value = f" '{self.value}'" if self.value else ""
        text = f"{where}:{value} {self.message}" if where else f"{self.message}"
        return f"{text}; {self.action}" if self.action else text


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

    def headline(self) -> str:
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

    def format(self, *, limit: int | None = 8) -> str:
        """The summary as text. Cells that could not be read are always listed one by one;
        other groups show ``limit`` examples and a count (``None``: everything)."""
        lines = [self.headline()]
        for group, notes in self.by_group().items():
            lines.append(f"{GROUPS.get(group, group)}: {len(notes)}")
            shown = notes if group == "unreadable" or limit is None else notes[:limit]
            for note in shown:
                lines.append(f"  {_short(note, group)}")
            if len(shown) < len(notes):
                lines.append(f"  … and {len(notes) - len(shown)} more (--verbose lists them all)")
        return "\n".join(lines)


def _short(note: Note, group: str) -> str:
    if group == "unreadable":
        return note.format()
    cell = note.cell
    if note.row is None and note.column is not None and note.header:
        cell = f"{cell} '{note.header}'"
    value = f" '{note.value}'" if note.value else ""
    head = f"{cell}{value}: " if cell or value else ""
    text = f"{head}{note.message}"
    return f"{text}; {note.action}" if note.action else text
