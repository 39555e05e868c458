"""``rolemap check DIR``: every chart in a folder, then what no single chart shows."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from rolemap.core.org_report import check_folder
from rolemap.core.orgfile import is_chart_data, scan_folder
from tests.core.org_charts import make_org
from tests.helpers import CliResult

Cli = Callable[..., CliResult]

KPI_FP = "org-shared-kpi:new users:marketing,operations"
ORG_FILE = f"""\
rolemap-org: 1
title: Campus bike-sharing
reviews:
  - warning: "{KPI_FP}"
    status: accepted
    note: Growth counts sign-ups, brand counts app opens; agreed 2026-11-20.
  - warning: "org-same-function:nobody"
    status: acknowledged
"""


def rules(warnings: list[dict[str, object]]) -> list[object]:
    return [w["rule"] for w in warnings]


@pytest.mark.parametrize(
    ("text", "is_chart"),
    [
        (b"rolemap: 1\ntitle: x\n", True),
        (b"# header\n\n'rolemap': 1\n", True),
        (b"title: x\nrolemap : 2\n", True),
        (b"title: x\n  rolemap: 1\n", False),  # nested, not top-level
        (b"rolemap-org: 1\n", False),
        (b"owner: rolemap\n", False),
    ],
)
def test_charts_are_recognised_by_a_top_level_rolemap_key(text: bytes, is_chart: bool) -> None:
    assert is_chart_data(text) is is_chart


def test_scan_finds_charts_recursively_and_skips_the_rest_quietly(tmp_path: Path) -> None:
    make_org(tmp_path)
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    scan = scan_folder(str(tmp_path))
    assert [rel for _, rel, _ in scan.charts] == ["brand/team.yml", "growth/team.yaml"]
    assert scan.skipped == 1  # notes.yaml; .hidden/ is not entered
    assert [os.path.basename(p) for p, _ in scan.unreadable] == ["gone.yaml"]
    assert "cannot read the file" in scan.unreadable[0][1].message


def test_cross_chart_findings(tmp_path: Path) -> None:
    folder = check_folder(str(make_org(tmp_path)))
    found = {w.rule: w for w in folder.org.warnings}
    assert set(found) == {"org-shared-kpi", "org-duplicate-task", "org-same-function"}
    kpi = found["org-shared-kpi"]
    assert kpi.fingerprint == KPI_FP
    assert set(kpi.entities) == {"brand/team.yml#reach", "growth/team.yaml#g-new"}
    dup = found["org-duplicate-task"]
    assert set(dup.entities) == {"brand/team.yml#article", "growth/team.yaml#wechat"}
    same = found["org-same-function"]
    assert same.fingerprint == "org-same-function:marketing"  # "marketing" == "Marketing"
    main, others = folder.locations.for_warning(dup.entities, dup.fingerprint, dup.rule)
    assert main is not None and main.file.endswith("team.yml") and main.entity == "article"
    assert [p.entity for p in others] == ["wechat"]


def test_same_owner_in_two_charts_is_not_a_conflict(tmp_path: Path) -> None:
    make_org(tmp_path)
    text = (tmp_path / "growth" / "team.yaml").read_text(encoding="utf-8")
    (tmp_path / "growth" / "team.yaml").write_text(
        text.replace("owner: ops", "owner: mkt").replace("{ops: A}", "{mkt: A}"),
        encoding="utf-8",
    )
    folder = check_folder(str(tmp_path))
    assert "org-shared-kpi" not in {w.rule for w in folder.org.warnings}
    assert "org-duplicate-task" not in {w.rule for w in folder.org.warnings}


def test_org_file_reviews_accept_and_go_stale(tmp_path: Path) -> None:
    folder = check_folder(str(make_org(tmp_path, org_file=ORG_FILE)))
    kpi = next(w for w in folder.org.warnings if w.rule == "org-shared-kpi")
    assert kpi.review is not None and not kpi.is_open
    stale = next(w for w in folder.org.warnings if w.rule == "org-stale-review")
    assert stale.fingerprint == "org-stale-review:org-same-function:nobody"
    main, _ = folder.locations.for_warning(stale.entities, stale.fingerprint, stale.rule)
    assert main is not None and main.file.endswith("rolemap-org.yaml") and main.line == 7
    _, related = folder.locations.for_warning(kpi.entities, kpi.fingerprint, kpi.rule)
    assert related[-1].file.endswith("rolemap-org.yaml") and related[-1].line == 4


def test_check_dir_text_reports_each_chart_then_the_organisation(cli: Cli, tmp_path: Path) -> None:
    root = make_org(tmp_path / "charts", org_file=ORG_FILE)
    result = cli("check", root)
    assert result.code == 0, result.err  # the only high finding is accepted
    assert cli("check", root, "--fail-on", "medium").code == 1  # org-duplicate-task
    out = result.out
    assert (
        out.index("brand/team.yml:") < out.index("growth/team.yaml:") < out.index("== organisation")
    )
    org = out[out.index("== organisation") :]
    assert f"{root}/growth/team.yaml:" in org or f"{root}/brand/team.yml:" in org
    assert "high org-shared-kpi [accepted: Growth counts sign-ups" in org
    assert f"{root}: 2 charts, 4 tasks, 4 functions (3 names)" in org
    assert "most converging pairs across charts:" in org
    assert result.err == ""  # notes.yaml skipped quietly


def test_check_dir_json_lists_charts_failures_and_the_organisation(
    cli: Cli, tmp_path: Path
) -> None:
    root = make_org(tmp_path)
    (root / "broken.yaml").write_text("rolemap: 1\ntitle: [\n", encoding="utf-8")
    result = cli("check", root, "--format", "json")
    assert result.code == 2
    assert "broken.yaml:3:1: YAML syntax error" in result.err
    report = json.loads(result.out)
    files = {c["file"]: c for c in report["charts"]}
    broken = files[str(root / "broken.yaml")]
    assert broken["loaded"] is False
    assert broken["problems"][0]["line"] == 3
    assert files[str(root / "brand" / "team.yml")]["loaded"] is True
    (org,) = report["organisations"]
    assert org["summary"]["charts"] == 2 and org["summary"]["failed"] == 1
    assert set(rules(org["warnings"])) >= {"org-shared-kpi", "org-duplicate-task"}
    located = [w for w in org["warnings"] if w["location"]]
    assert located and all(w["location"]["line"] > 0 for w in located)


def test_bad_org_file_is_a_located_error(cli: Cli, tmp_path: Path) -> None:
    root = make_org(
        tmp_path, org_file="rolemap-org: 1\nreviews:\n  - warning: x\n    status: maybe\n"
    )
    result = cli("check", root)
    assert result.code == 2
    assert f"{root / 'rolemap-org.yaml'}:4:13: reviews[0].status:" in result.err


def test_org_file_excludes_folders(cli: Cli, tmp_path: Path) -> None:
    root = make_org(tmp_path, org_file="rolemap-org: 1\nexclude: [brand]\n")
    report = json.loads(cli("check", root, "--format", "json").out)
    assert [os.path.basename(c["file"]) for c in report["charts"]] == ["team.yaml"]
    assert report["organisations"][0]["warnings"] == []


def test_folder_and_file_together(cli: Cli, tmp_path: Path) -> None:
    root = make_org(tmp_path / "org")
    single = tmp_path / "single.yaml"
    single.write_text((root / "brand" / "team.yml").read_text(encoding="utf-8"))
    report = json.loads(cli("check", single, root, "--format", "json").out)
    assert report["charts"][0]["file"] == str(single)
    assert len(report["charts"]) == 3
