"""Limits for reading untrusted spreadsheets, and the zip check made before openpyxl opens one.

An .xlsx file is a zip archive of XML parts. Its central directory (at the end of the file)
declares every part's compressed and uncompressed size; Python's zipfile stops reading a
part at its declared size (and fails its CRC check if there was more), so checking the
declared sizes bounds what openpyxl can ever decompress. Parsing is then streamed
(openpyxl's read-only mode) and stopped at ``MAX_ROWS`` rows or ``MAX_CELLS`` cells, so a
1,000,000-row sheet is refused within seconds with bounded memory. Rows and cells are
counted in every worksheet's XML before openpyxl opens the file (a byte scan, about a
second per 100 MiB): openpyxl itself parses a whole sheet at load time when the sheet does
not declare its dimensions, which for a million rows takes over half a minute. XML entity
expansion ("billion laughs") is refused by expat itself (2.4.1 and later); external
entities are never fetched by xml.etree. openpyxl never runs macros (VBA parts are not
even loaded) and is told not to load external links.
"""

from __future__ import annotations

import re
import zipfile

MAX_FILE_BYTES = 64 * 2**20  # the file itself (.xlsx or .csv)
MAX_UNCOMPRESSED_TOTAL = 256 * 2**20  # all parts of an .xlsx together
MAX_PART_BYTES = 128 * 2**20  # one part (a sheet's XML)
MAX_SHARED_STRINGS_BYTES = 64 * 2**20  # loaded whole by openpyxl: bounded separately
MAX_RATIO = 200  # uncompressed / compressed, for parts over 1 MiB (XML is ~5-30)
MAX_PARTS = 10_000
MAX_ROWS = 100_000  # rows read from one sheet (a 10,000-task chart uses 10,000)
MAX_COLUMNS = 1_000
MAX_CELLS = 2_000_000  # cells (filled or not) read from one sheet
MAX_ROWS_ALL_SHEETS = 4 * MAX_ROWS
MAX_CELLS_ALL_SHEETS = 2 * MAX_CELLS


class SpreadsheetError(Exception):
    """A spreadsheet could not be read (or written). Carries where and what to do."""

    def __init__(self, file: str, message: str, sheet: str = "", row: int | None = None):
        self.file = file
        self.message = message
        self.sheet = sheet
        self.row = row
        super().__init__(message)

    def __str__(self) -> str:
        return self.format()

    def format(self, lang: str = "en") -> str:
        if lang == "zh":
            from rolemap.core.spreadsheet.summary_zh import error_text

            where = [self.file]
            if self.sheet:
                where.append(f"工作表\u201c{self.sheet}\u201d")
            if self.row is not None:
                where.append(f"第 {self.row} 行")
            return f"{'，'.join(where)}：{error_text(self.message, lang)}"
        where = [self.file]
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        return f"{', '.join(where)}: {self.message}"


def _mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def check_xlsx_archive(path: str) -> None:
    """Refuse a workbook whose zip directory declares too much data (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise SpreadsheetError(
            path,
            "the file is not a valid .xlsx workbook (its zip structure is damaged); "
            "open it in Excel or LibreOffice and save it again as .xlsx",
        ) from None
    if len(infos) > MAX_PARTS:
        raise SpreadsheetError(
            path, f"the workbook has {len(infos)} parts; rolemap reads at most {MAX_PARTS}"
        )
    total = 0
    for info in infos:
        total += info.file_size
        name = info.filename.lower()
        limit = MAX_SHARED_STRINGS_BYTES if name.endswith("sharedstrings.xml") else MAX_PART_BYTES
        compressed = max(info.compress_size, 1)
        if (
            info.file_size > limit
            or total > MAX_UNCOMPRESSED_TOTAL
            or (info.file_size > 2**20 and info.file_size / compressed > MAX_RATIO)
        ):
            raise SpreadsheetError(
                path,
                f"the workbook's part '{info.filename}' unpacks to {_mib(info.file_size)} "
                f"from {_mib(info.compress_size)} (all parts: {_mib(total)} so far); rolemap "
                f"reads parts up to {_mib(limit)} and {_mib(MAX_UNCOMPRESSED_TOTAL)} in all, "
                f"compressed at most {MAX_RATIO}:1. This looks like a zip bomb or a far too "
                "large sheet; it was not opened",
            )


_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)[\s>/]")


def _count_elements(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """(rows, cells) in a worksheet part, counted on the raw XML without parsing it."""
    rows = cells = 0
    carry = b""
    with archive.open(info) as fh:
        while chunk := fh.read(2**20):
            data = carry + chunk
            cut = data.rfind(b"<")  # a tag split between chunks is counted with the next one
            cut = len(data) if cut == -1 or len(data) - cut > 64 else cut
            found = _ELEMENT.findall(data, 0, cut)
            rows += found.count(b"row")
            cells += len(found) - found.count(b"row")
            carry = data[cut:]
            if rows > MAX_ROWS or cells > MAX_CELLS:
                break
    return rows, cells


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part -> the sheet's name, for messages (best effort: {} when unclear)."""
    import xml.etree.ElementTree as ET

    try:
        parts = {i.filename: i for i in archive.infolist()}
        book, rels = parts.get("xl/workbook.xml"), parts.get("xl/_rels/workbook.xml.rels")
        if book is None or rels is None or max(book.file_size, rels.file_size) > 2**20:
            return {}
        targets = {
            r.get("Id"): r.get("Target", "")
            for r in ET.fromstring(archive.read(rels)).iter()
            if r.tag.endswith("Relationship")
        }
        out = {}
        for sheet in ET.fromstring(archive.read(book)).iter():
            if sheet.tag.endswith("}sheet"):
                rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
                target = targets.get(rid, "").lstrip("/")
                part = target if target.startswith("xl/") else f"xl/{target}"
                out[part] = sheet.get("name", part)
        return out
    except (ET.ParseError, KeyError, ValueError):
        return {}


def check_sheet_sizes(path: str) -> None:
    """Refuse a workbook whose sheets hold too many rows or cells, before parsing any XML."""
    total_rows = total_cells = 0
    with zipfile.ZipFile(path) as archive:
        names = _sheet_names(archive)
        for info in archive.infolist():
            if "worksheets/" not in info.filename or not info.filename.endswith(".xml"):
                continue
            rows, cells = _count_elements(archive, info)
            total_rows += rows
            total_cells += cells
            if rows > MAX_ROWS or cells > MAX_CELLS:
                what = (
                    f"more than {MAX_ROWS:,} rows"
                    if rows > MAX_ROWS
                    else (f"more than {MAX_CELLS:,} cells")
                )
                raise SpreadsheetError(
                    path,
                    f"the sheet '{names.get(info.filename, info.filename)}' has {what}; "
                    f"rolemap imports up to "
                    f"{MAX_ROWS:,} rows and {MAX_CELLS:,} cells a sheet. Delete the rows that "
                    "are not tasks, or split the sheet",
                )
            if total_rows > MAX_ROWS_ALL_SHEETS or total_cells > MAX_CELLS_ALL_SHEETS:
                raise SpreadsheetError(
                    path,
                    f"the workbook's sheets hold more than {MAX_ROWS_ALL_SHEETS:,} rows or "
                    f"{MAX_CELLS_ALL_SHEETS:,} cells in all; save the RACI sheet alone as a "
                    "new workbook",
                )
