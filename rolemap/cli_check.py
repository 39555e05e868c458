"""``rolemap check PATH...``: charts and folders of charts, as text, JSON, SARIF or JUnit XML.

A folder is searched recursively for charts (rolemap.core.orgfile), each chart is reported,
then the organisation's cross-chart findings and summary (rolemap.core.org).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from rolemap.cli_lang import language
from rolemap.core.checking import ChartCheck, check_file
from rolemap.core.errors import Problem, format_problems
from rolemap.core.jsontext import dumps_indented
from rolemap.core.report import check_json, check_text, failed_json, fails
from rolemap.core.terminal import json_safe, terminal_safe

if TYPE_CHECKING:
    from rolemap.core.analysis.prefetch import Pending
    from rolemap.core.org_report import FolderCheck

# Folders, several files (processes) and SARIF / JUnit are imported when asked for: one chart
# checked as text or JSON does not pay for them (about 20 ms of a 1,000-task check).

FORMATS = ("text", "json", "sarif", "junit")


def _err(message: str) -> None:
    print(terminal_safe(message), file=sys.stderr)


def _print_failure(path: str, problems: tuple[Problem, ...]) -> None:
    _err(format_problems(path, problems, lang=language()))


def run_check(
    args: argparse.Namespace, colour: bool = False, pending: Pending | None = None
) -> int:
    """``pending``: the near-duplicate join already forked for a single file (``cli``)."""
    charts: list[ChartCheck] = []
    folders: list[FolderCheck] = []
    fmt = args.format
    jobs = getattr(args, "jobs", None)
    files = [p for p in args.paths if not os.path.isdir(p)]
    checked: dict[str, ChartCheck] = {}
    if len(files) > 1:
        from rolemap.core.parallel import check_files

        checked = dict(zip(files, check_files(files, jobs), strict=True))
    for path in args.paths:
        if os.path.isdir(path):
            from rolemap.core.org_report import check_folder, folder_text

            folder = check_folder(path, jobs=jobs)
            folders.append(folder)
            if fmt == "text":
                _print_charts(folder.checks, colour)
                for file, problem in folder.scan.unreadable:
                    _print_failure(file, (problem,))
                if folder.scan.org_path and folder.scan.org_problems:
                    _print_failure(folder.scan.org_path, tuple(folder.scan.org_problems))
                print(terminal_safe(folder_text(folder, lang=language())))
        else:
            check = checked.get(path) or check_file(path, pending=pending)  # cli forked it
            charts.append(check)
            if fmt == "text":
                _print_charts([check], colour)
    every = charts + [c for f in folders for c in f.checks]
    failures = [(c.file, c.problems) for c in charts if not c.loaded]
    failures += [item for f in folders for item in f.failures]
    if fmt != "text":
        for path, problems in failures:  # CI logs show them too
            _print_failure(path, problems)
    if fmt == "json":
        print(json_safe(dumps_indented(_json(args.paths, charts, folders))))
    elif fmt in ("sarif", "junit"):
        from rolemap.core.ci_formats import Failure, Finding, junit, sarif

        findings = [
            Finding(c.file, w, c.locations) for c in every if c.result for w in c.result.warnings
        ]
        findings += [Finding(f.root, w, f.locations) for f in folders for w in f.org.warnings]
        fails_ = [Failure(path, problems) for path, problems in failures]
        if fmt == "sarif":
            print(json_safe(dumps_indented(sarif(findings, fails_))))
        else:
            files = [c.file for c in every] + [f.root for f in folders]
            sys.stdout.write(junit(files, findings, fails_, args.fail_on))
    if failures:
        return 2
    failing = any(c.result is not None and fails(c.result, args.fail_on) for c in every)
    failing = failing or any(_org_fails(f, args.fail_on) for f in folders)
    return 1 if failing else 0


def _print_charts(checks: list[ChartCheck], colour: bool) -> None:
    for c in checks:
        if c.chart is None or c.result is None:
            _print_failure(c.file, c.problems)
        else:
            print(
                check_text(
                    c.file, c.chart, c.result, colour=colour, locations=c.locations, lang=language()
                )
            )


def _org_fails(folder: FolderCheck, fail_on: str) -> bool:
    from rolemap.core.analysis import SEVERITIES

    if fail_on == "never":
        return False
    limit = SEVERITIES.index(fail_on)
    return any(w.is_open and SEVERITIES.index(w.severity) <= limit for w in folder.org.warnings)


def _chart_json(c: ChartCheck) -> dict[str, Any]:
    if c.result is None:
        return failed_json(c.file, c.problems)
    return check_json(c.file, c.result, c.locations)


def _json(paths: list[str], charts: list[ChartCheck], folders: list[FolderCheck]) -> Any:
    if not folders:
        out = [_chart_json(c) for c in charts]
        return out[0] if len(paths) == 1 and out else out
    from rolemap.core.org_report import folder_json

    return {
        "charts": [_chart_json(c) for c in charts + [c for f in folders for c in f.checks]],
        "organisations": [folder_json(f) for f in folders],
    }
