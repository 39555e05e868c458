"""``rolemap check`` for CI: SARIF 2.1.0 (code scanning annotations) and JUnit XML (test reports).

Both take the same input: located warnings, each with the file it belongs to, plus the files
that failed to load. Accepted warnings become SARIF suppressions (justification: the review's
note) and skipped JUnit test cases; acknowledged ones stay open.
"""

from __future__ import annotations

import os
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rolemap import __version__
from rolemap.core.analysis import RULE_ORDER, SEVERITIES, OverlapWarning
from rolemap.core.analysis.messages import RULES
from rolemap.core.errors import Problem
from rolemap.core.locate import Locator, Place

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/rolemap/rolemap"
LOAD_ERROR = "load-error"
_LEVEL = {"high": "error", "medium": "warning", "low": "note"}
_ORG_TITLES = {
    "org-shared-kpi": "Same KPI owned by functions in different charts",
    "org-converging-functions": "Functions converge across the organisation",
    "org-duplicate-task": "Near-duplicate tasks across charts",
    "org-same-function": "Same function in several charts",
    "org-stale-review": "Organisation review of a finding that no longer exists",
}


@dataclass(frozen=True)
class Finding:
    """One warning of one file (a chart, or a folder for organisation findings)."""

    file: str
    warning: OverlapWarning
    locator: Locator | None


@dataclass(frozen=True)
class Failure:
    """A file that could not be loaded (a chart, an organisation file, an unreadable file)."""

    file: str
    problems: tuple[Problem, ...]


def artifact_uri(path: str) -> str:
    """A relative URI for a relative path (what code scanning expects), else a file: URI."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return urllib.parse.quote(Path(path).as_posix())


def _rule_title(rule: str) -> str:
    if rule in RULES:
        return RULES[rule]["en"].title
    if rule == LOAD_ERROR:
        return "The file cannot be loaded as a role chart"
    return _ORG_TITLES.get(rule, rule)


def _severity_of(rule: str, findings: Sequence[Finding]) -> str:
    for f in findings:
        if f.warning.rule == rule:
            return f.warning.severity
    return "high"


def _physical(place: Place) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": artifact_uri(place.file)},
        "region": {"startLine": place.line, "startColumn": place.column},
    }


def sarif(findings: Sequence[Finding], failures: Sequence[Failure] = ()) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run of rolemap."""
    rule_ids = list(RULE_ORDER)
    for f in findings:
        if f.warning.rule not in rule_ids:
            rule_ids.append(f.warning.rule)
    if failures:
        rule_ids.append(LOAD_ERROR)
    index = {r: i for i, r in enumerate(rule_ids)}
    rules = [
        {
            "id": r,
            "name": "".join(part.capitalize() for part in r.split("-")),
            "shortDescription": {"text": _rule_title(r)},
            "defaultConfiguration": {"level": _LEVEL[_severity_of(r, findings)]},
        }
        for r in rule_ids
    ]
    results: list[dict[str, Any]] = []
    for failure in failures:
        for p in failure.problems:
            region: dict[str, int] = {}
            if p.line is not None:
                region["startLine"] = p.line
                if p.column is not None:
                    region["startColumn"] = p.column
            location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(failure.file)}}
            if region:
                location["region"] = region
            text = f"{p.path}: {p.message}" if p.path else p.message
            results.append(
                {
                    "ruleId": LOAD_ERROR,
                    "ruleIndex": index[LOAD_ERROR],
                    "level": "error",
                    "message": {"text": text},
                    "locations": [{"physicalLocation": location}],
                }
            )
    for f in findings:
        w = f.warning
        main, others = (
            f.locator.for_warning(w.entities, w.fingerprint, w.rule) if f.locator else (None, ())
        )
        if main is not None:
            locations = [{"physicalLocation": _physical(main)}]
        else:
            locations = [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.file)}}}]
        result: dict[str, Any] = {
            "ruleId": w.rule,
            "ruleIndex": index[w.rule],
            "level": _LEVEL[w.severity],
            "message": {"text": f"{w.message} {w.suggestion}"},
            "locations": locations,
            "partialFingerprints": {"rolemapFingerprint/v1": w.fingerprint},
            "properties": {"severity": w.severity, "entities": list(w.entities)},
        }
        if others:
            result["relatedLocations"] = [
                {
                    "id": i,
                    "physicalLocation": _physical(p),
                    "message": {"text": p.entity},
                }
                for i, p in enumerate(others, start=1)
            ]
        if w.review is not None:
            result["properties"]["review"] = w.review.status
            if w.review.status == "accepted":
                suppression: dict[str, Any] = {"kind": "inSource", "status": "accepted"}
                if w.review.note:
                    suppression["justification"] = w.review.note
                result["suppressions"] = [suppression]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "rolemap",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "invocations": [{"executionSuccessful": not failures}],
                "results": results,
            }
        ],
    }


def junit(
    files: Sequence[str],
    findings: Sequence[Finding],
    failures: Sequence[Failure] = (),
    fail_on: str = "high",
) -> str:
    """JUnit XML: a test suite per file, a test case per warning.

    Open warnings at or above ``fail_on`` are failures, lower ones pass (their message in
    system-out), accepted ones are skipped; a file that failed to load is an error. A file
    without warnings has one passing case, so every file shows up in the report.
    """
    limit = SEVERITIES.index(fail_on) if fail_on in SEVERITIES else -1
    by_file: dict[str, list[Finding]] = {name: [] for name in files}
    for f in findings:
        by_file.setdefault(f.file, []).append(f)
    failed = {f.file: f for f in failures}
    for name in failed:
        by_file.setdefault(name, [])
    suites = ET.Element("testsuites", name="rolemap check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for name, items in by_file.items():
        suite = ET.SubElement(suites, "testsuite", name=name)
        counts = dict.fromkeys(totals, 0)
        if name in failed:
            case = ET.SubElement(suite, "testcase", classname=name, name="load")
            text = "\n".join(p.format(name) for p in failed[name].problems)
            error = ET.SubElement(case, "error", message="the file cannot be loaded")
            error.text = text
            counts["tests"] += 1
            counts["errors"] += 1
        elif not items:
            ET.SubElement(suite, "testcase", classname=name, name="no open warnings")
            counts["tests"] += 1
        for f in items:
            w = f.warning
            main = (
                f.locator.for_warning(w.entities, w.fingerprint, w.rule)[0] if f.locator else None
            )
            case = ET.SubElement(
                suite, "testcase", classname=name, name=f"{w.rule} {w.fingerprint}"
            )
            if main is not None:
                case.set("file", main.file)
                case.set("line", str(main.line))
            counts["tests"] += 1
            body = f"{main.format() if main else name}: {w.severity} {w.rule}\n{w.message}\n-> {w.suggestion}"
            if not w.is_open:
                note = w.review.note if w.review and w.review.note else ""
                ET.SubElement(case, "skipped", message=f"accepted: {note}".rstrip(": "))
                counts["skipped"] += 1
            elif SEVERITIES.index(w.severity) <= limit:
                failure = ET.SubElement(case, "failure", message=w.message, type=w.severity)
                failure.text = body
                counts["failures"] += 1
            else:
                ET.SubElement(case, "system-out").text = body
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        suites.set(key, str(value))
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
