"""Spreadsheets in and out: import a RACI matrix from .xlsx or .csv, export a chart as a
coloured workbook or a CSV matrix. See docs/spreadsheets.md."""

from __future__ import annotations

import os

from rolemap.core.gcpause import gc_paused
from rolemap.core.spreadsheet.build import Builder
from rolemap.core.spreadsheet.parts import Companions, ImportResult
from rolemap.core.spreadsheet.safety import SpreadsheetError
from rolemap.core.spreadsheet.summary import Note, Summary

__all__ = [
    "ImportResult",
    "Note",
    "SpreadsheetError",
    "Summary",
    "import_spreadsheet",
]


def import_spreadsheet(path: str | os.PathLike[str], sheet: str | None = None) -> ImportResult:
    """Read a RACI table from an .xlsx or .csv file into a chart, with a summary of every
    normalisation and every cell that could not be read. Raises SpreadsheetError."""
    with gc_paused():  # many small objects: see rolemap.core.gcpause
        return _import(os.fspath(path), sheet)


def _import(name: str, sheet: str | None) -> ImportResult:
    from rolemap.core.spreadsheet.companions import companion_key, read_companions
    from rolemap.core.spreadsheet.csvfile import read_csv
    from rolemap.core.spreadsheet.layout import detect
    from rolemap.core.spreadsheet.reader import Workbook, kind_of

    if kind_of(name) == "csv":
        if sheet is not None:
            raise SpreadsheetError(
                name, "--sheet applies to .xlsx workbooks; a CSV file has one table"
            )
        grid = read_csv(name)
        layout = detect(grid.rows)
        if layout is None:
            raise SpreadsheetError(name, _NO_TABLE)
        return Builder(grid, layout, name, Companions()).build()
    with Workbook(name) as book:
        if sheet is not None and sheet not in book.names:
            raise SpreadsheetError(
                name, f"no sheet named '{sheet}'; the sheets are: {', '.join(book.names)}"
            )
        candidates = (
            [sheet]
            if sheet is not None
            else [n for n in book.names if companion_key(n) is None] or book.names
        )
        chosen = layout = None
        for candidate in candidates:
            grid = book.read(candidate)
            layout = detect(grid.rows)
            if layout is not None:
                chosen = grid
                break
        if chosen is None or layout is None:
            where = f"sheet '{sheet}'" if sheet else f"none of the sheets ({', '.join(book.names)})"
            raise SpreadsheetError(
                name, f"{where}: {_NO_TABLE}" if sheet else f"{where} has a RACI table; {_NO_TABLE}"
            )
        extra = {}
        for other in book.names:
            key = companion_key(other)
            if key in ("functions", "goals", "warnings") and other != chosen.name:
                extra[key] = book.read(other)
    notes: list[Note] = []
    result = Builder(chosen, layout, name, read_companions(extra, notes)).build()
    result.summary.notes.extend(notes)
    if len(book.names) > 1:
        others = [n for n in book.names if n != chosen.name]
        result.summary.add(
            Note(
                "info",
                f"read sheet '{chosen.name}'; the other sheets "
                f"({', '.join(others)}) {'were read for functions, goals and reviews' if extra else 'were not read'}; choose another with --sheet",
            )
        )
    return result


_NO_TABLE = (
    "no RACI table found: rolemap looks for a header row with a task column and one column "
    "per function (role letters R, A, C, I in the cells), or one column per letter "
    "(Responsible, Accountable, ...) with function names in the cells"
)
