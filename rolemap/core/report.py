"""What ``rolemap check`` prints: text for a terminal, or one JSON object per file."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rolemap.core.analysis import SEVERITIES, Analysis, OverlapWarning
from rolemap.core.errors import Problem
from rolemap.core.locate import Locations, Locator, Place
from rolemap.core.model import Chart
from rolemap.core.terminal import one_line

_COLOURS = {"high": "\033[31m", "medium": "\033[33m", "low": "\033[36m"}
_RESET = "\033[0m"
_BOLD = "\033[1m"


def fails(result: Analysis, fail_on: str) -> bool:
    """True when an open warning is at or above ``fail_on`` ('never' never fails)."""
    if fail_on == "never":
        return False
    limit = SEVERITIES.index(fail_on)
    return any(w.is_open and SEVERITIES.index(w.severity) <= limit for w in result.warnings)


def review_json(w: OverlapWarning) -> dict[str, Any] | None:
    if w.review is None:
        return None
    r = w.review
    return {
        "status": r.status,
        "note": r.note,
        "date": r.date.isoformat() if r.date else None,
    }


def place_json(place: Place) -> dict[str, Any]:
    return {"file": place.file, "line": place.line, "column": place.column, "entity": place.entity}


def warning_json(w: OverlapWarning, locations: Locator | None = None) -> dict[str, Any]:
    """One warning as JSON: what, how severe, its review, and where (``location``/``related``)."""
    main, others = (
        locations.for_warning(w.entities, w.fingerprint, w.rule) if locations else (None, ())
    )
    return {
        "rule": w.rule,
        "severity": w.severity,
        "fingerprint": w.fingerprint,
        "entities": list(w.entities),
        "message": w.message,
        "suggestion": w.suggestion,
        "review": review_json(w),
        "location": place_json(main) if main else None,
        "related": [place_json(p) for p in others],
    }


def check_json(path: str, result: Analysis, locations: Locations | None = None) -> dict[str, Any]:
    return {
        "file": path,
        "loaded": True,
        "problems": [],
        "warnings": [warning_json(w, locations) for w in result.warnings],
        "convergence": [
            {"functions": list(c.functions), "score": c.score} for c in result.convergence
        ],
    }


def problem_json(p: Problem) -> dict[str, Any]:
    return {"message": p.message, "field": p.path or None, "line": p.line, "column": p.column}


def failed_json(path: str, problems: Iterable[Problem]) -> dict[str, Any]:
    """A file that could not be loaded, with every problem found in it."""
    return {
        "file": path,
        "loaded": False,
        "problems": [problem_json(p) for p in problems],
        "warnings": [],
        "convergence": [],
    }


def warning_head(path: str, w: OverlapWarning, locations: Locator | None) -> str:
    """``chart.yaml:42:3: high multiple-accountable``: the line editors and CI logs link."""
    main = locations.for_warning(w.entities, w.fingerprint, w.rule)[0] if locations else None
    where = main.format() if main else path
    return f"{where}: {w.severity} {w.rule}"


_SEVERITY_ZH = {"high": "高", "medium": "中", "low": "低"}


def summary_line(result: Analysis, lang: str = "en") -> str:
    """'3 open warnings (1 high, 2 medium, 0 low), 1 accepted' in ``lang`` (the reader's language)."""
    open_counts = result.counts()
    accepted = sum(1 for w in result.warnings if not w.is_open)
    total = sum(open_counts.values())
    if lang == "zh":
        parts = [f"{_SEVERITY_ZH[s]} {open_counts[s]}" for s in SEVERITIES]
        text = f"{total} 条未处理预警（{'，'.join(parts)}）"
        return text + (f"，已接受 {accepted} 条" if accepted else "")
    parts = [f"{open_counts[s]} {s}" for s in SEVERITIES]
    text = f"{total} open warnings ({', '.join(parts)})"
    if accepted:
        text += f", {accepted} accepted"
    return text


def check_text(
    path: str,
    chart: Chart,
    result: Analysis,
    *,
    colour: bool = False,
    locations: Locations | None = None,
    lang: str = "en",
) -> str:
    """The report for a terminal; text from the file never carries a control character.

    ``lang`` is the reader's language for the summary lines; warnings follow the chart's.
    """
    zh = lang == "zh"

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    path = one_line(path)
    names = {f.id: one_line(f.name) for f in chart.functions}
    lines: list[str] = []
    if not result.warnings:
        lines.append(f"{path}: {'没有预警' if zh else 'ok'}")
    else:
        lines.append(paint(f"{path}: {summary_line(result, lang)}", _BOLD))
    for severity in SEVERITIES:
        group = [w for w in result.warnings if w.severity == severity]
        if not group:
            continue
        lines.append("")
        heading = _SEVERITY_ZH[severity] if zh else severity.upper()
        lines.append(paint(f"{heading} ({len(group)})", _COLOURS[severity]))
        for w in group:
            mark = ""
            if w.review is not None:
                note = f": {one_line(w.review.note)}" if w.review.note else ""
                mark = f" [{w.review.status}{note}]"
            head = warning_head(path, w, locations)
            lines.append(f"{paint(head, _COLOURS[severity])}{mark}  {one_line(w.fingerprint)}")
            lines.append(f"    {one_line(w.message)}")
            lines.append(f"    -> {one_line(w.suggestion)}")
    if result.convergence:
        lines.append("")
        lines.append("目标趋同度：" if zh else "convergence:")
        for c in result.convergence:
            a, b = (names.get(f, one_line(f)) for f in c.functions)
            lines.append(f"  {c.score:.2f}  {a} <-> {b}")
    if result.warnings:
        lines.append("")
        lines.append(f"{path}: {summary_line(result, lang)}")
    return "\n".join(lines)
