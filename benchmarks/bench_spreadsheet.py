"""Time spreadsheet export and import of generated role charts (not a test).

    python benchmarks/bench_spreadsheet.py                  # 10,000 tasks, English
    python benchmarks/bench_spreadsheet.py --sizes 1000,10000 --lang zh

For each size: the analysis (the workbook's warnings and convergence need it, and
``export_xlsx`` runs it unless given one), export_xlsx with a ready analysis, export_csv,
import of that workbook (which reads the matrix plus the Functions, Goals and Warnings
sheets) and of the CSV, and how long a 1,000,000-row sheet takes to be refused. Each figure
is the median of --runs runs (fewer when a case is slow), fastest and slowest in brackets.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
for _path in (HERE.parent, HERE):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import openpyxl  # noqa: E402
from generate import generate_chart  # noqa: E402
from timing import measure, parse_sizes, revision, table  # noqa: E402

from rolemap.core.analysis import analyse  # noqa: E402
from rolemap.core.spreadsheet import SpreadsheetError, import_spreadsheet  # noqa: E402
from rolemap.core.spreadsheet.writer import export_csv, export_xlsx  # noqa: E402


def _million_rows(path: Path, source: Path) -> None:
    """A copy of the workbook ``source`` whose first sheet has 1,000,000 rows."""
    cells = '<c t="inlineStr"><is><t>R</t></is></c><c t="inlineStr"><is><t>A</t></is></c>'
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                new.writestr(info, old.read(info.filename))
                continue
            with new.open(info.filename, "w", force_zip64=True) as fh:
                fh.write(
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                    b'main"><sheetData>'
                )
                for start in range(1, 1_000_001, 100_000):
                    rows = range(start, start + 100_000)
                    fh.write("".join([f'<row r="{r}">{cells}</row>' for r in rows]).encode())
                fh.write(b"</sheetData></worksheet>")


def _refused(path: Path) -> str:
    try:
        import_spreadsheet(path)
    except SpreadsheetError as exc:
        return exc.message
    raise SystemExit("the million-row sheet was not refused")


def bench_size(n: int, runs: int, lang: str, workdir: Path) -> dict[str, str]:
    chart = generate_chart(n, lang=lang)
    out: dict[str, str] = {}
    analysed = measure(lambda: analyse(chart), min(runs, 2), max_seconds=60)
    analysis = analysed.result
    out["analyse (for the workbook)"] = str(analysed)
    xlsx = measure(lambda: export_xlsx(chart, analysis), runs)
    out["export_xlsx (analysis given)"] = str(xlsx)
    book = workdir / f"chart-{n}.xlsx"
    book.write_bytes(xlsx.result)
    out["  workbook size"] = f"{book.stat().st_size / 1e6:.1f} MB"
    csv = measure(lambda: export_csv(chart), runs)
    out["export_csv"] = str(csv)
    table_csv = workdir / f"chart-{n}.csv"
    table_csv.write_bytes(csv.result)
    imported = measure(lambda: import_spreadsheet(book), runs)
    back = imported.result.chart
    if back.tasks != chart.tasks or back.functions != chart.functions:
        raise SystemExit(f"round trip failed at {n} tasks")
    out["import .xlsx (all sheets)"] = str(imported)
    only = workdir / f"matrix-{n}.xlsx"
    matrix = openpyxl.Workbook(write_only=True)
    sheet = matrix.create_sheet("RACI")
    for row in openpyxl.load_workbook(book, read_only=True)["RACI"].iter_rows(values_only=True):
        sheet.append(row)
    matrix.save(only)
    out["  import .xlsx, matrix sheet only"] = str(measure(lambda: import_spreadsheet(only), runs))
    out["import .csv"] = str(measure(lambda: import_spreadsheet(table_csv), runs))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated task counts")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    args = parser.parse_args(argv)
    sizes = parse_sizes(args.sizes)
    print(
        f"rolemap {revision(HERE.parent)}; Python {platform.python_version()}, "
        f"openpyxl {openpyxl.__version__}, {os.cpu_count()} CPUs; chart language {args.lang}"
    )
    results: dict[int, dict[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="rolemap-bench-") as tmp:
        for n in sizes:
            print(f"... {n:,} tasks", file=sys.stderr, flush=True)
            results[n] = bench_size(n, args.runs, args.lang, Path(tmp))
        small = Path(tmp) / "small.xlsx"
        small.write_bytes(export_xlsx(generate_chart(20, lang=args.lang)))
        huge = Path(tmp) / "million.xlsx"
        _million_rows(huge, small)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        refused = measure(lambda: _refused(huge), args.runs)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows = [[name, *(results[n][name] for n in sizes)] for name in results[sizes[0]]]
    print(table(["median (min-max)", *(f"{n:,} tasks" for n in sizes)], rows))
    print(
        f"\n1,000,000-row sheet refused in {refused}; peak RSS of this process {max(before, after) / 1024:.0f} MiB "
        f"(grew by {(after - before) / 1024:.0f} MiB during the refusals)\n  {refused.result}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
