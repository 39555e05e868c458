"""``rolemap import`` and ``rolemap export --format xlsx|csv``: spreadsheets in and out."""

from __future__ import annotations

import argparse
import os
import sys

from rolemap.cli_lang import language, os_error, say
from rolemap.core.terminal import terminal_safe

EXPORT_FORMATS = ("xlsx", "csv")


def add_import_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser(
        "import",
        help="read a RACI matrix from an .xlsx or .csv file into a role chart",
        description="Read a RACI matrix (one column per function, or one column per letter) "
        "from an .xlsx workbook or a CSV file and write it as a role chart. Prints what was "
        "read, every normalisation and every cell that could not be read. Exit codes: 0 all "
        "read, 1 written but some cells could not be read, 2 nothing written.",
    )
    cmd.add_argument("path", metavar="FILE", help=".xlsx, .xlsm, .csv or tab-separated .txt")
    cmd.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the chart to write (default: FILE with .yaml); '-' for stdout",
    )
    cmd.add_argument(
        "--sheet",
        metavar="NAME",
        help="the sheet to read (default: the first sheet that holds a RACI table)",
    )
    cmd.add_argument("--force", action="store_true", help="overwrite an existing chart")
    cmd.add_argument(
        "-v", "--verbose", action="store_true", help="list every normalised cell, not 8 per kind"
    )


def _err(message: str) -> None:
    print(terminal_safe(message), file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from rolemap.core.fileformat import dumps
    from rolemap.core.safeio import write_file
    from rolemap.core.spreadsheet import SpreadsheetError, import_spreadsheet

    output = args.output or os.path.splitext(args.path)[0] + ".yaml"
    if output != "-" and os.path.exists(output) and not args.force:
        _err(
            say(
                "{path}: already exists; use --force to overwrite it, or -o to choose another file",
                path=output,
            )
        )
        return 2
    try:
        result = import_spreadsheet(args.path, sheet=args.sheet)
    except SpreadsheetError as exc:
        _err(exc.format(language()))
        return 2
    header = f"# rolemap role chart, imported from {os.path.basename(args.path)}\n"
    text = dumps(result.chart, header=header)
    report = result.summary.format(limit=None if args.verbose else 8, lang=language())
    if output == "-":
        sys.stdout.write(text)
        _err(report)
    else:
        try:
            write_file(output, text.encode("utf-8"))
        except OSError as exc:
            _err(say("{path}: cannot write the file: {why}", path=output, why=os_error(exc)))
            return 2
        print(terminal_safe(report))
        print(
            terminal_safe(say("{path}: written; check it with: rolemap check {path}", path=output))
        )
    return 1 if result.summary.unreadable else 0


def cmd_export(args: argparse.Namespace) -> int:
    from rolemap.cli_io import chart_to_export
    from rolemap.core.safeio import write_file
    from rolemap.core.spreadsheet.writer import export_csv, export_xlsx

    chart = chart_to_export(args.path, args.output)
    if chart is None:
        return 2
    data = export_xlsx(chart) if args.format == "xlsx" else export_csv(chart)
    if args.output == "-":
        if args.format == "xlsx" and sys.stdout.isatty():
            _err(say("rolemap export: a workbook is binary; write it to a file with -o FILE.xlsx"))
            return 2
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        write_file(args.output, data)
    except OSError as exc:
        _err(say("{path}: cannot write the file: {why}", path=args.output, why=os_error(exc)))
        return 2
    print(terminal_safe(say("{path}: {format} written", path=args.output, format=args.format)))
    return 0
