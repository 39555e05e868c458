"""CSV and tab-separated text, whatever Excel saved it as: the encoding and the separator are
detected, never asked.

Encodings tried, in order: a byte-order mark (UTF-8, UTF-16 LE/BE as Excel's "Unicode
text" writes, UTF-32), then UTF-8, then UTF-16 without a mark (NUL bytes in every other
position), then GB18030 (a superset of GBK and GB2312, what Excel saves "CSV" as on a
Chinese Windows). GB18030 decodes almost any byte string, so it is accepted only when the
text reads as Chinese: nearly all of its non-ASCII characters are in GB2312, the common
simplified set. Anything else (a Latin-1 file, a binary file) is refused with a message
saying how to save it as UTF-8.
"""

from __future__ import annotations

import codecs
import csv
import io

from rolemap.core.spreadsheet.reader import Sheet, check_size
from rolemap.core.spreadsheet.safety import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, SpreadsheetError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 (Excel Unicode text)"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
DELIMITERS = (",", "\t", ";")


def decode(data: bytes, file: str) -> tuple[str, str]:
    """(text, a name of the encoding found) or SpreadsheetError."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).lstrip("\ufeff"), label
            except UnicodeDecodeError as exc:
                raise SpreadsheetError(
                    file,
                    f"the file starts with a {label} byte-order mark but byte {exc.start} "
                    "does not decode; save it again as CSV UTF-8",
                ) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _reads_as_chinese(text):
        return text, "GB18030 (GBK)"
    start = utf8_error.start
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    raise SpreadsheetError(
        file,
        f"cannot tell the text encoding: the file is not UTF-8, UTF-16 or GB18030/GBK "
        f"(line {line}, column {column}: byte 0x{data[start]:02x}). In Excel choose "
        "Save As > 'CSV UTF-8 (Comma delimited)', or save as .xlsx",
    )


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    codec = "utf-16-le" if odd > 0.3 * half and even < 0.05 * half else None
    if codec is None and even > 0.3 * half and odd < 0.05 * half:
        codec = "utf-16-be"
    if codec is None:
        return None
    try:
        return data.decode(codec), f"UTF-16 ({codec[-2:].upper()}, no BOM)"
    except UnicodeDecodeError:
        return None


def _reads_as_chinese(text: str) -> bool:
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return False
    common = 0
    for ch in wide:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.9 * len(wide)


def _delimiter(text: str) -> str:
    """The separator that splits the first lines into the most consistent columns."""
    sample = "\n".join(text.splitlines()[:50])
    best, best_score = ",", -1.0
    for delimiter in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))
        except csv.Error:
            continue
        widths = [len(r) for r in rows if any(c.strip() for c in r)]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        score = widths.count(common) * common
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(path: str) -> Sheet:
    check_size(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise SpreadsheetError(path, f"cannot read the file: {exc.strerror or exc}") from None
    text, encoding = decode(data, path)
    if "\x00" in text:
        raise SpreadsheetError(path, "the file contains NUL characters; it is not a CSV file")
    delimiter = _delimiter(text)
    rows: list[list[str]] = []
    cells = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, record in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise SpreadsheetError(
                    path,
                    f"the file has more than {MAX_ROWS:,} rows; rolemap imports up to "
                    f"{MAX_ROWS:,}. Delete the rows that are not tasks, or split the file",
                )
            if len(record) > MAX_COLUMNS:
                raise SpreadsheetError(
                    path,
                    f"the row has {len(record):,} columns; rolemap imports up to {MAX_COLUMNS:,}",
                    row=number,
                )
            cells += len(record)
            if cells > MAX_CELLS:
                raise SpreadsheetError(
                    path, f"the file has more than {MAX_CELLS:,} cells", row=number
                )
            texts = [c.strip() for c in record]
            while texts and not texts[-1]:
                texts.pop()
            rows.append(texts)
    except csv.Error as exc:
        raise SpreadsheetError(path, f"the CSV is malformed ({exc})", row=reader.line_num) from None
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return Sheet(name, rows, encoding=encoding, delimiter=delimiter)
