"""Reading a workbook or a CSV file into plain grids of text, within the limits of safety.py."""

from __future__ import annotations

import datetime as _dt
import os
import warnings
from dataclasses import dataclass, field
from typing import Any

from rolemap.core.safeio import not_regular_reason
from rolemap.core.spreadsheet.safety import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    SpreadsheetError,
    check_sheet_sizes,
    check_xlsx_archive,
)

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")


@dataclass
class Sheet:
    """One sheet as text. ``rows[0]`` is row 1; each row is as long as its last filled cell."""

    name: str
    rows: list[list[str]]
    bold_rows: set[int] = field(default_factory=set)  # 1-based rows whose first cell is bold
    encoding: str = ""
    delimiter: str = ""


def cell_text(value: Any) -> str:
    """A cell value as the text a person sees in the cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value).strip()


def kind_of(path: str) -> str:
    """ "xlsx" or "csv", from the file's first bytes (names lie), else from its suffix."""
    reason = not_regular_reason(path)  # a FIFO would block the open below
    if reason:
        raise SpreadsheetError(path, reason)
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise SpreadsheetError(path, f"cannot read the file: {exc.strerror or exc}") from None
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError(
            path,
            "this is an old Excel 97-2003 workbook (.xls); rolemap reads .xlsx and .csv. "
            "Open it in Excel or LibreOffice and save it as .xlsx",
        )
    lower = path.lower()
    if lower.endswith(XLSX_SUFFIXES):
        raise SpreadsheetError(
            path, "the file is named .xlsx but is not a workbook (no zip archive inside)"
        )
    if lower.endswith((".xls", ".ods", ".numbers")):
        raise SpreadsheetError(
            path, "rolemap reads .xlsx and .csv files; save the spreadsheet as .xlsx or CSV"
        )
    return "csv"


def check_size(path: str) -> None:
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise SpreadsheetError(path, f"cannot read the file: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise SpreadsheetError(
            path,
            f"the file is {size / 2**20:.0f} MiB; rolemap imports spreadsheets up to "
            f"{MAX_FILE_BYTES / 2**20:.0f} MiB. Is this the right file?",
        )


class Workbook:
    """An .xlsx workbook opened read-only; sheets are read one at a time, on demand."""

    def __init__(self, path: str) -> None:
        import openpyxl  # imported here: the app and the other commands do not need it

        self.path = path
        check_size(path)
        check_xlsx_archive(path)
        check_sheet_sizes(path)
        try:
            with warnings.catch_warnings():
                # openpyxl warns about features it ignores (data validation, ...): not ours.
                warnings.simplefilter("ignore")
                self._book = openpyxl.load_workbook(
                    path, read_only=True, data_only=True, keep_vba=False, keep_links=False
                )
        except SpreadsheetError:
            raise
        except Exception as exc:  # openpyxl raises many types for damaged files
            raise SpreadsheetError(
                path,
                f"the workbook cannot be read ({type(exc).__name__}: {exc}); open it in "
                "Excel or LibreOffice and save it again as .xlsx",
            ) from None
        self.names: list[str] = list(self._book.sheetnames)

    def close(self) -> None:
        self._book.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def read(self, name: str) -> Sheet:
        ws = self._book[name]
        if not hasattr(ws, "iter_rows"):  # a chart sheet: no cells
            return Sheet(name, [])
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()  # the stored dimension may be wrong; read every row
        rows: list[list[str]] = []
        bold: set[int] = set()
        cells = 0
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for number, row in enumerate(ws.iter_rows(), start=1):
                    if number > MAX_ROWS:
                        raise SpreadsheetError(
                            self.path,
                            f"the sheet has more than {MAX_ROWS:,} rows; rolemap imports up to "
                            f"{MAX_ROWS:,}. Delete the rows that are not tasks, or split the "
                            "sheet",
                            sheet=name,
                        )
                    if len(row) > MAX_COLUMNS:
                        raise SpreadsheetError(
                            self.path,
                            f"the row has {len(row):,} columns; rolemap imports up to "
                            f"{MAX_COLUMNS:,}. Delete the unused columns on the right",
                            sheet=name,
                            row=number,
                        )
                    cells += len(row)
                    if cells > MAX_CELLS:
                        raise SpreadsheetError(
                            self.path,
                            f"the sheet has more than {MAX_CELLS:,} cells; rolemap imports up "
                            "to that many. Delete the rows and columns that are not the matrix",
                            sheet=name,
                            row=number,
                        )
                    texts = [cell_text(c.value) for c in row]
                    while texts and not texts[-1]:
                        texts.pop()
                    rows.append(texts)
                    if texts and sum(1 for t in texts if t) == 1:
                        first = next(c for c in row if cell_text(c.value))
                        font = getattr(first, "font", None)
                        if font is not None and font.b:
                            bold.add(number)
        except SpreadsheetError:
            raise
        except Exception as exc:
            raise SpreadsheetError(
                self.path,
                f"the sheet cannot be read ({type(exc).__name__}: {exc}); open the workbook "
                "in Excel or LibreOffice and save it again",
                sheet=name,
                row=len(rows) + 1,
            ) from None
        return Sheet(name, rows, bold)
