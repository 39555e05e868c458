"""A folder of team charts: finding the charts in it, and its organisation file.

A chart is a ``*.yaml``/``*.yml`` file with a top-level ``rolemap:`` key; other YAML files are
skipped quietly, files that cannot be read are listed. Hidden folders (``.git``) are not
entered. The optional organisation file ``rolemap-org.yaml`` at the top of the folder holds
the reviews of cross-chart findings and folders to leave out (docs/organisation.md).
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from rolemap.core.errors import ChartLoadError, Problem, format_path
from rolemap.core.model import Review
from rolemap.core.safeio import read_bounded
from rolemap.core.yamlsafe import YamlProblem, read_yaml

ORG_FILE = "rolemap-org.yaml"
CHART_SUFFIXES = (".yaml", ".yml")
# A top-level key starts a line; a chart's ``rolemap:`` may be quoted.
_CHART_KEY = re.compile(rb"^(?:rolemap|'rolemap'|\"rolemap\")[ \t]*:", re.M)


class OrgFile(BaseModel):
    """``rolemap-org.yaml``: the organisation's decisions on cross-chart findings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rolemap_org: Literal[1] = Field(1, alias="rolemap-org")
    title: str | None = None
    exclude: tuple[str, ...] = ()  # glob patterns relative to the folder, e.g. "archive/*"
    reviews: tuple[Review, ...] = ()


@dataclass
class FolderScan:
    """What is in a folder: chart files (path, relative posix name, bytes) and the rest."""

    root: str
    charts: list[tuple[str, str, bytes]] = field(default_factory=list)
    unreadable: list[tuple[str, Problem]] = field(default_factory=list)
    skipped: int = 0
    org: OrgFile = field(default_factory=OrgFile)
    org_path: str | None = None
    org_problems: list[Problem] = field(default_factory=list)
    org_reviews_at: dict[str, tuple[int, int]] = field(default_factory=dict)


def is_chart_data(data: bytes) -> bool:
    return _CHART_KEY.search(data) is not None


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    path = PurePosixPath(rel)
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(rel, pattern) or any(
            fnmatch.fnmatch(str(parent), pattern) for parent in path.parents
        ):
            return True
    return False


def scan_folder(root: str) -> FolderScan:
    """Every chart under ``root`` (recursively, sorted by relative path)."""
    scan = FolderScan(root)
    org_path = os.path.join(root, ORG_FILE)
    if os.path.isfile(org_path):
        scan.org_path = org_path
        try:
            scan.org, scan.org_reviews_at = load_org_file(org_path)
        except ChartLoadError as exc:
            scan.org_problems = list(exc.problems)

    def walk_error(exc: OSError) -> None:
        where = exc.filename or root
        scan.unreadable.append((where, Problem(f"cannot read the folder: {exc.strerror or exc}")))

    for folder, dirs, files in os.walk(root, onerror=walk_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(CHART_SUFFIXES) or name == ORG_FILE or name.startswith("."):
                continue
            path = os.path.normpath(os.path.join(folder, name))
            rel = PurePosixPath(*os.path.relpath(path, root).split(os.sep)).as_posix()
            if _excluded(rel, scan.org.exclude):
                continue
            try:
                data = read_bounded(path)  # a FIFO or device named *.yaml: refused, no hang
            except ChartLoadError as exc:
                scan.unreadable.append((path, exc.problems[0]))
                continue
            if is_chart_data(data):
                scan.charts.append((path, rel, data))
            else:
                scan.skipped += 1
    scan.charts.sort(key=lambda item: item[1])
    if not scan.charts and not scan.unreadable:
        scan.unreadable.append(
            (
                root,
                Problem(
                    "no role charts found in this folder (a chart is a .yaml or .yml file "
                    "with a top-level 'rolemap:' key)"
                ),
            )
        )
    return scan


def load_org_file(path: str) -> tuple[OrgFile, dict[str, tuple[int, int]]]:
    """The organisation file and where each review is in it; ChartLoadError when it is bad."""
    try:
        text = read_bounded(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ChartLoadError(path, [Problem(f"cannot read the organisation file: {exc}")]) from None
    try:
        root, located, problems = read_yaml(text)
    except YamlProblem as exc:
        raise ChartLoadError(path, [exc.problem]) from None
    if root is None:
        root = {}
    if not isinstance(root, dict):
        raise ChartLoadError(path, [Problem("the organisation file must be a mapping", line=1)])
    if root.get("reviews") is None:
        root.pop("reviews", None)
    found = list(problems)
    org = None
    try:
        org = OrgFile.model_validate(root)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc: tuple[Any, ...] = tuple(err["loc"])
            where = located.find(loc) or (None, None)
            found.append(Problem(err["msg"], path=format_path(loc), line=where[0], column=where[1]))
    if found or org is None:
        raise ChartLoadError(path, found)
    at: dict[str, tuple[int, int]] = {}
    for i, review in enumerate(org.reviews):
        place = located.find(("reviews", i, "warning"))
        if place is not None:
            at.setdefault(review.warning, place)
    return org, at
