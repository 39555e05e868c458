"""The organisation part of ``rolemap check DIR``: cross-chart findings and a summary."""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rolemap.core.analysis import SEVERITIES
from rolemap.core.checking import ChartCheck
from rolemap.core.errors import Problem
from rolemap.core.org import OrgLocations, OrgResult, analyse_org
from rolemap.core.orgfile import FolderScan, scan_folder
from rolemap.core.parallel import check_datas
from rolemap.core.report import problem_json, warning_head, warning_json


@dataclass
class FolderCheck:
    """A checked folder: its charts (in path order), what could not be read, the findings."""

    root: str
    scan: FolderScan
    checks: list[ChartCheck] = field(default_factory=list)
    org: OrgResult = field(default_factory=OrgResult)
    locations: OrgLocations = field(default_factory=lambda: OrgLocations({}))

    @property
    def failures(self) -> list[tuple[str, tuple[Problem, ...]]]:
        out: list[tuple[str, tuple[Problem, ...]]] = [
            (path, (problem,)) for path, problem in self.scan.unreadable
        ]
        out += [(c.file, c.problems) for c in self.checks if not c.loaded]
        if self.scan.org_path and self.scan.org_problems:
            out.append((self.scan.org_path, tuple(self.scan.org_problems)))
        return out

    def counts(self) -> dict[str, int]:
        """Open warnings by severity, charts and organisation together."""
        out = dict.fromkeys(SEVERITIES, 0)
        for c in self.checks:
            if c.result is not None:
                for s, n in c.result.counts().items():
                    out[s] += n
        for w in self.org.warnings:
            if w.is_open:
                out[w.severity] += 1
        return out


def check_folder(
    root: str, progress: Callable[[int], None] | None = None, jobs: int | None = None
) -> FolderCheck:
    """Check every chart under ``root``, then the organisation; ``progress(n)`` after each chart.

    Charts are checked by several processes (``jobs``, by default one per core when the folder
    is big enough to pay for them); the result is the same, in the same order.
    """
    scan = scan_folder(root)
    folder = FolderCheck(root, scan)
    pairs = []
    try:
        checked = check_datas([(path, data) for path, _, data in scan.charts], jobs)
        for (_, rel, _), check in zip(scan.charts, checked, strict=True):
            folder.checks.append(check)
            pairs.append((rel, check))
            # Checked charts live until the end: keep the collector from rescanning them
            # after every chart (their number grows with the folder).
            gc.freeze()
            if progress is not None:
                progress(len(pairs))
        folder.org = analyse_org(pairs, scan.org.reviews)
    finally:
        gc.unfreeze()
    folder.locations = OrgLocations(
        {rel: c.locations for rel, c in pairs if c.locations is not None},
        scan.org_path,
        scan.org_reviews_at,
    )
    return folder


def summary(folder: FolderCheck) -> dict[str, Any]:
    charts = [c for c in folder.checks if c.chart is not None]
    return {
        "charts": len(charts),
        "failed": sum(1 for c in folder.checks if not c.loaded),
        "unreadable": len(folder.scan.unreadable),
        "skipped": folder.scan.skipped,
        "tasks": sum(len(c.chart.tasks) for c in charts if c.chart),
        "functions": sum(len(c.chart.functions) for c in charts if c.chart),
        "function_names": len(folder.org.functions),
        "open_warnings": folder.counts(),
        "accepted_org_findings": sum(1 for w in folder.org.warnings if not w.is_open),
        "most_converging": [{"functions": [p.a, p.b], "score": p.score} for p in folder.org.pairs],
        "shared_functions": [
            {"name": f.name, "charts": f.charts, "agreement": f.agreement}
            for f in folder.org.functions
            if f.charts > 1
        ],
    }


def folder_json(folder: FolderCheck) -> dict[str, Any]:
    return {
        "folder": folder.root,
        "org_file": folder.scan.org_path,
        "unreadable": [
            {"file": path, "problems": [problem_json(p) for p in problems]}
            for path, problems in folder.failures
            if not any(c.file == path for c in folder.checks)
        ],
        "warnings": [warning_json(w, folder.locations) for w in folder.org.warnings],
        "summary": summary(folder),
    }


def folder_text(folder: FolderCheck, *, limit: int = 200, lang: str = "en") -> str:
    """The organisation section: each finding (up to ``limit``), then the summary.

    ``lang`` is the reader's language for the headings and summary lines; the findings keep
    the charts' language, as a chart's warnings do."""
    zh = lang == "zh"
    s = summary(folder)
    name = folder.root
    lines = ["", f"== {'组织' if zh else 'organisation'}: {name}"]
    shown: Sequence[Any] = folder.org.warnings[:limit]
    for w in shown:
        mark = (
            f" [{w.review.status}" + (f": {w.review.note}" if w.review.note else "") + "]"
            if w.review
            else ""
        )
        lines.append(f"{warning_head(name, w, folder.locations)}{mark}  {w.fingerprint}")
        lines.append(f"    {w.message}")
        lines.append(f"    -> {w.suggestion}")
    if len(folder.org.warnings) > limit:
        more = len(folder.org.warnings) - limit
        lines.append(
            f"…… 还有 {more} 条（用 --format json 查看全部）"
            if zh
            else f"... and {more} more (use --format json)"
        )
    counts = s["open_warnings"]
    lines.append("")
    if zh:
        lines.append(
            f"{name}：{s['charts']} 张职责图，{s['tasks']} 个任务，{s['functions']} 个职能"
            f"（{s['function_names']} 个名称）"
            + (f"，{s['failed']} 张无法读取" if s["failed"] else "")
            + (f"，{s['unreadable']} 个文件不可读" if s["unreadable"] else "")
        )
        lines.append(
            f"未处理预警：{sum(counts.values())}（"
            + "，".join(f"{_SEVERITY_ZH[k]} {counts[k]}" for k in SEVERITIES)
            + "）"
        )
    else:
        lines.append(
            f"{name}: {s['charts']} charts, {s['tasks']} tasks, {s['functions']} functions "
            f"({s['function_names']} names)"
            + (f", {s['failed']} failed to load" if s["failed"] else "")
            + (f", {s['unreadable']} unreadable" if s["unreadable"] else "")
        )
        lines.append(
            f"open warnings: {sum(counts.values())} ("
            + ", ".join(f"{counts[k]} {k}" for k in SEVERITIES)
            + ")"
        )
    if s["most_converging"]:
        lines.append("跨图最趋同的职能：" if zh else "most converging pairs across charts:")
        for pair in s["most_converging"]:
            a, b = pair["functions"]
            lines.append(f"  {pair['score']:.2f}  {a} <-> {b}")
    return "\n".join(lines)


_SEVERITY_ZH = {"high": "高", "medium": "中", "low": "低"}
