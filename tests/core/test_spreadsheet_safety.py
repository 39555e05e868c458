"""Untrusted spreadsheets: zip bombs, huge sheets, files that only pretend to be workbooks.
Each gets a clear error naming the file and what to do, never a traceback."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from rolemap.core.spreadsheet import SpreadsheetError, import_spreadsheet
from rolemap.core.spreadsheet.safety import MAX_COLUMNS, MAX_ROWS
from tests.core import spreadsheets as fx


def _refused(path: Path, *needles: str) -> str:
    with pytest.raises(SpreadsheetError) as caught:
        import_spreadsheet(path)
    message = caught.value.format()
    assert message.startswith(str(path))
    for needle in needles:
        assert needle in message, message
    return message


def _replace_part(source: Path, target: Path, part: str, chunks: Iterator[bytes]) -> Path:
    """A copy of the workbook ``source`` with ``part`` streamed from ``chunks``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename == part:
                with new.open(part, "w", force_zip64=True) as fh:
                    for chunk in chunks:
                        fh.write(chunk)
            else:
                new.writestr(info, old.read(info.filename))
    return target


def _rows(count: int) -> Iterator[bytes]:
    """A worksheet of ``count`` rows of two cells (row numbers differ: it compresses ~30:1)."""
    yield (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    cells = '<c t="inlineStr"><is><t>R</t></is></c><c t="inlineStr"><is><t>A</t></is></c>'
    for start in range(1, count + 1, 100_000):
        stop = min(start + 100_000, count + 1)
        yield "".join([f'<row r="{r}">{cells}</row>' for r in range(start, stop)]).encode()
    yield b"</sheetData></worksheet>"


def test_zip_bomb_is_refused_before_opening(tmp_path: Path) -> None:
    source = fx.workbook(tmp_path / "ok.xlsx", fx.CROWD)
    zeros = (b" " * 2**20 for _ in range(8))  # 8 MiB of spaces: compresses about 1000:1
    bomb = _replace_part(source, tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", zeros)
    _refused(bomb, "zip bomb", "xl/worksheets/sheet1.xml", "it was not opened")


def test_declared_sizes_are_checked_not_trusted_later(tmp_path: Path) -> None:
    """A central directory that claims a 1 TiB part is refused from the directory alone."""
    source = fx.workbook(tmp_path / "ok.xlsx", fx.CROWD)
    data = bytearray(source.read_bytes())
    at = data.rfind(b"PK\x01\x02")  # the last central directory entry
    data[at + 24 : at + 28] = struct.pack("<I", 0xFFFFFFF0)  # its uncompressed size
    lying = tmp_path / "lying.xlsx"
    lying.write_bytes(bytes(data))
    _refused(lying, "unpacks to")


def test_a_million_row_sheet_is_refused(tmp_path: Path) -> None:
    source = fx.workbook(tmp_path / "ok.xlsx", fx.CROWD)
    huge = _replace_part(
        source, tmp_path / "huge.xlsx", "xl/worksheets/sheet1.xml", _rows(1_000_000)
    )
    _refused(huge, "sheet 'RACI'", f"more than {MAX_ROWS:,} rows", "Delete the rows")


def test_a_too_wide_row_is_refused(tmp_path: Path) -> None:
    source = fx.workbook(tmp_path / "ok.xlsx", fx.CROWD)
    wide = [
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>Task</t></is></c>'
        b'<c r="XFD1" t="inlineStr"><is><t>far</t></is></c></row></sheetData></worksheet>'
    ]
    path = _replace_part(source, tmp_path / "wide.xlsx", "xl/worksheets/sheet1.xml", iter(wide))
    _refused(path, "row 1", f"up to {MAX_COLUMNS:,}", "unused columns")


def test_a_huge_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("Task,Marketing\n" + "x,R\n" * (MAX_ROWS + 1), encoding="utf-8")
    _refused(path, f"more than {MAX_ROWS:,} rows")


def test_old_xls_and_fake_xlsx(tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    _refused(xls, "Excel 97-2003", "save it as .xlsx")
    fake = tmp_path / "fake.xlsx"
    fake.write_text("Task,Marketing\nx,R\n", encoding="utf-8")
    _refused(fake, "not a workbook")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    _refused(broken, "zip structure is damaged")
    missing = tmp_path / "missing.xlsx"
    _refused(missing, "cannot read the file")


def test_macros_are_ignored_and_never_run(tmp_path: Path) -> None:
    """An .xlsm with a VBA part reads like any workbook; the macro is not even loaded."""
    source = fx.workbook(tmp_path / "ok.xlsx", fx.CROWD)
    macro = tmp_path / "macro.xlsm"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(macro, "w") as new:
        for info in old.infolist():
            new.writestr(info, old.read(info.filename))
        new.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 Attribute VB_Name = AutoOpen")
    result = import_spreadsheet(macro)
    assert len(result.chart.tasks) == 2
