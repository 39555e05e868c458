"""Exporting a chart as a workbook (the matrix in layout A with a coloured cell per role and
conflict rows marked, then goals and KPIs, warnings with reviews, convergence scores and
functions) or as a CSV matrix (UTF-8 with a byte-order mark, so Excel shows Chinese)."""

from __future__ import annotations

import copy
import csv
import datetime as _dt
import io
from typing import Any

from rolemap.core.analysis import Analysis, analyse
from rolemap.core.analysis.messages import RULES, SEVERITY_LABELS
from rolemap.core.catalogue import KINDS
from rolemap.core.gcpause import gc_paused
from rolemap.core.model import Chart, Task
from rolemap.core.spreadsheet import notation as nt
from rolemap.core.spreadsheet.companions import (
    CONVERGENCE_HEADERS,
    FUNCTION_HEADERS,
    GOAL_HEADERS,
    SHEETS,
    WARNING_HEADERS,
)
from rolemap.core.spreadsheet.summary import column_letter

# Fill colours per letter (light, so black text stays readable when printed).
FILLS = {
    "A": "F4B183",  # orange: owns the outcome
    "D": "F4B183",
    "R": "A9D18E",  # green: does the work
    "S": "C5E0B4",
    "C": "9DC3E6",  # blue: asked
    "I": "D9D9D9",  # grey: told
}
CONFLICT_FILL = "FF9999"
LETTER_PRIORITY = "ADRSCI"  # the cell takes the colour of its strongest letter
MATRIX_HEADERS = {
    "id": ("ID", "编号"),
    "task": ("Task", "任务"),
    "goals": ("Goals", "目标"),
    "tags": ("Tags", "标签"),
    "description": ("Description", "说明"),
    "effort": ("Effort", "工作量"),
    "warnings": ("Warnings", "重叠预警"),
}
LEGEND = {
    "R": ("Responsible: does the work", "负责：执行工作"),
    "A": ("Accountable: owns the outcome", "批准（问责）：对结果负责"),
    "S": ("Supports: does part of the work", "协办：承担部分工作"),
    "C": ("Consulted: asked before", "咨询：事前征询"),
    "I": ("Informed: told after", "知会：事后告知"),
    "D": ("Driver: owns the outcome and does the work", "主导：对结果负责并推动执行"),
}
DACI_LEGEND = {"A": ("Approver: signs off", "批准：拍板")}


def _i(lang: str) -> int:
    return 1 if lang == "zh" else 0


def _efforts(chart: Chart) -> list[float | None]:
    return [getattr(t, "effort", None) for t in chart.tasks]


def matrix_rows(chart: Chart, lang: str = "en") -> list[list[str]]:
    """The header and one row per task: what the CSV holds and the workbook's matrix shows."""
    i = _i(lang)
    goal_names = {g.id: g.name for g in chart.goals}
    header = [MATRIX_HEADERS["id"][i], MATRIX_HEADERS["task"][i]]
    header += [f.name for f in chart.functions]
    header += [MATRIX_HEADERS[k][i] for k in ("goals", "tags", "description")]
    efforts = _efforts(chart)
    if any(efforts):
        header.append(MATRIX_HEADERS["effort"][i])
    rows = [header]
    for task, effort in zip(chart.tasks, efforts, strict=True):
        row = [task.id, task.title]
        row += [task.raci.get(f.id, "") for f in chart.functions]
        row.append("; ".join(goal_names.get(g, g) for g in task.goals))
        row.append(", ".join(task.tags))
        row.append(task.description or "")
        if len(header) > len(row):
            row.append("" if effort is None else f"{effort:g}")
        rows.append(row)
    return rows


def export_csv(chart: Chart) -> bytes:
    """The matrix as comma-separated UTF-8 with a BOM (Excel reads the BOM as "this is
    UTF-8"; without it Excel on a Chinese Windows decodes the file as GBK)."""
    from rolemap.core.analysis import chart_language

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(matrix_rows(chart, chart_language(chart)))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _strongest(letters: str) -> str:
    return next((letter for letter in LETTER_PRIORITY if letter in letters), "")


class _Styles:
    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.fills = {k: PatternFill("solid", start_color=v, end_color=v) for k, v in FILLS.items()}
        self.conflict = PatternFill("solid", start_color=CONFLICT_FILL, end_color=CONFLICT_FILL)
        self.bold = Font(bold=True)
        self.title = Font(bold=True, size=14)
        self.center = Alignment(horizontal="center")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self._arrays: dict[tuple[int, int, int], Any] = {}

    def cell(
        self,
        ws: Any,
        value: str | float | None,
        font: Any = None,
        fill: Any = None,
        align: Any = None,
    ) -> Any:
        """A styled cell. openpyxl hashes a style object each time one is assigned (half the
        export time at 10,000 rows); each combination is assigned once, then copied."""
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=value)
        key = (id(font), id(fill), id(align))
        array = self._arrays.get(key)
        if array is not None:
            cell._style = copy.copy(array)  # type: ignore[attr-defined]
            return cell
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if align is not None:
            cell.alignment = align
        self._arrays[key] = copy.copy(cell._style)  # type: ignore[attr-defined]
        return cell


def export_xlsx(chart: Chart, result: Analysis | None = None) -> bytes:
    """A workbook: the matrix, goals and KPIs, warnings with reviews, convergence, functions."""

    result = result or analyse(chart)
    with gc_paused():  # many small objects: see rolemap.core.gcpause
        return _workbook(chart, result)


def _workbook(chart: Chart, result: Analysis) -> bytes:
    from openpyxl import Workbook

    lang = result.lang
    i = _i(lang)
    styles = _Styles()
    book = Workbook(write_only=True)
    _matrix(book.create_sheet(nt.NAMES.get(nt.notation_of(chart), "RACI")), chart, result, styles)
    _goals(book.create_sheet(SHEETS["goals"][i]), chart, lang, styles)
    _warnings(book.create_sheet(SHEETS["warnings"][i]), chart, result, styles)
    _convergence(book.create_sheet(SHEETS["convergence"][i]), chart, result, styles)
    _functions(book.create_sheet(SHEETS["functions"][i]), chart, lang, styles)
    out = io.BytesIO()
    book.save(out)
    sizes = [
        (5 + len(chart.tasks), 6 + len(chart.functions) + any(_efforts(chart))),
        (1 + len(chart.goals), len(GOAL_HEADERS)),
        (1 + len(result.warnings), len(WARNING_HEADERS)),
        (1 + len(result.convergence), len(CONVERGENCE_HEADERS)),
        (1 + len(chart.functions), len(FUNCTION_HEADERS)),
    ]
    return _with_dimensions(out.getvalue(), sizes)


def _with_dimensions(data: bytes, sizes: list[tuple[int, int]]) -> bytes:
    """Add each sheet's <dimension> (openpyxl's write-only mode leaves it out). Readers use
    it to size a sheet; without it openpyxl parses every sheet in full just to open the
    workbook (2.4 s of a 10,000-task import)."""
    import zipfile

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in old.infolist():
            part = old.read(info.filename)
            name = info.filename
            if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
                index = int(name[len("xl/worksheets/sheet") : -4]) - 1
                rows, cols = sizes[index]
                tag = f'<dimension ref="A1:{column_letter(max(cols, 1))}{max(rows, 1)}"/>'
                at = part.find(b"</sheetPr>")
                at = (
                    at + len(b"</sheetPr>")
                    if at != -1
                    else part.find(b">", part.find(b"<worksheet")) + 1
                )
                part = part[:at] + tag.encode() + part[at:]
            new.writestr(info, part, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _conflicts(task: Task, result: Analysis, lang: str) -> list[str]:
    return [
        RULES[w.rule][lang].title
        for w in result.for_entity(task.id)
        if w.is_open and w.severity in ("high", "medium")
    ]


def _matrix(ws: Any, chart: Chart, result: Analysis, styles: _Styles) -> None:
    lang = result.lang
    i = _i(lang)
    notation = nt.notation_of(chart)
    letters = nt.supported().get(notation, nt.RACI)
    rows = matrix_rows(chart, lang)
    header = [*rows[0], MATRIX_HEADERS["warnings"][i]]
    first_role = 2
    n_functions = len(chart.functions)
    widths = (
        [12, 48] + [max(8, min(24, len(f.name) + 4)) for f in chart.functions] + [30, 20, 40, 40]
    )
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[column_letter(j)].width = width
    ws.freeze_panes = f"C{6}"
    ws.append([styles.cell(ws, chart.title, styles.title)])
    stamp = _dt.date.today().isoformat()
    made = f"rolemap export, {stamp}, {nt.NAMES.get(notation, notation.upper())}"
    if lang == "zh":
        made = f"rolemap 导出，{stamp}，{nt.NAMES.get(notation, notation.upper())}"
    ws.append([made])
    legend = []
    for letter in letters:
        text = (DACI_LEGEND if notation == "daci" else {}).get(letter) or LEGEND[letter]
        legend.append(styles.cell(ws, f"{letter} = {text[i]}", fill=styles.fills.get(letter)))
    ws.append([None, *legend])
    ws.append([])
    ws.append([styles.cell(ws, h, styles.bold) for h in header])
    for task, row in zip(chart.tasks, rows[1:], strict=True):
        conflicts = _conflicts(task, result, lang)
        cells: list[Any] = [
            row[0],
            styles.cell(ws, row[1], fill=styles.conflict if conflicts else None),
        ]
        for value in row[first_role : first_role + n_functions]:
            fill = styles.fills.get(_strongest(value)) if value else None
            cells.append(styles.cell(ws, value or None, fill=fill, align=styles.center))
        cells += [v or None for v in row[first_role + n_functions :]]
        cells.append(
            styles.cell(ws, "; ".join(conflicts), fill=styles.conflict) if conflicts else None
        )
        ws.append(cells)


def _goals(ws: Any, chart: Chart, lang: str, styles: _Styles) -> None:
    i = _i(lang)
    names = {f.id: f.name for f in chart.functions}
    ws.append([styles.cell(ws, h[i], styles.bold) for h in GOAL_HEADERS.values()])
    for key, width in zip("ABCDEF", (14, 36, 18, 16, 48, 40), strict=True):
        ws.column_dimensions[key].width = width
    for goal in chart.goals:
        kind = KINDS[goal.kind].zh if lang == "zh" else goal.kind.value
        ws.append(
            [
                goal.id,
                goal.name,
                names.get(goal.owner or "", goal.owner) or None,
                kind,
                styles.cell(ws, "\n".join(goal.kpis) or None, align=styles.wrap),
                goal.description,
            ]
        )


def _warnings(ws: Any, chart: Chart, result: Analysis, styles: _Styles) -> None:
    lang = result.lang
    i = _i(lang)
    names = {f.id: f.name for f in chart.functions}
    names.update({g.id: g.name for g in chart.goals})
    names.update({t.id: t.title for t in chart.tasks})
    ws.append([styles.cell(ws, h[i], styles.bold) for h in WARNING_HEADERS.values()])
    for key, width in zip("ABCDEFGHI", (10, 22, 60, 50, 30, 30, 14, 30, 12), strict=True):
        ws.column_dimensions[key].width = width
    status = {"accepted": ("accepted", "已接受"), "acknowledged": ("acknowledged", "已知悉")}
    for w in result.warnings:
        review = w.review
        fill = styles.conflict if w.is_open and w.severity == "high" else None
        ws.append(
            [
                styles.cell(ws, SEVERITY_LABELS[w.severity][i], fill=fill),
                RULES[w.rule][lang].title,
                styles.cell(ws, w.message, align=styles.wrap),
                styles.cell(ws, w.suggestion, align=styles.wrap),
                ", ".join(names.get(e, e) for e in w.entities),
                w.fingerprint,
                status[review.status][i] if review else None,
                review.note if review else None,
                review.date.isoformat() if review and review.date else None,
            ]
        )


def _convergence(ws: Any, chart: Chart, result: Analysis, styles: _Styles) -> None:
    i = _i(result.lang)
    names = {f.id: f.name for f in chart.functions}
    ws.append([styles.cell(ws, h[i], styles.bold) for h in CONVERGENCE_HEADERS.values()])
    for key, width in zip("ABCD", (24, 24, 10, 60), strict=True):
        ws.column_dimensions[key].width = width
    for c in result.convergence:
        a, b = (names.get(f, f) for f in c.functions)
        ws.append([a, b, round(c.score, 3), ", ".join(c.shared)])


def _functions(ws: Any, chart: Chart, lang: str, styles: _Styles) -> None:
    i = _i(lang)
    ws.append([styles.cell(ws, h[i], styles.bold) for h in FUNCTION_HEADERS.values()])
    for key, width in zip("ABCDE", (16, 24, 14, 10, 50), strict=True):
        ws.column_dimensions[key].width = width
    for f in chart.functions:
        ws.append([f.id, f.name, f.archetype.value, f.color, f.description])
