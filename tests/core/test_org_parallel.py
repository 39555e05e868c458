"""``rolemap check DIR`` on several processes: the same report, in the same order, as on one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from rolemap.core import org_report
from rolemap.core.org_report import check_folder, folder_json
from rolemap.core.report import check_json, failed_json
from tests.core.org_charts import brand_chart, growth_chart, make_org
from tests.helpers import CliResult

Cli = Callable[..., CliResult]


def _folder(root: Path) -> Path:
    make_org(root)
    # More charts than workers, one that fails to load, names that sort apart from their order
    # on disk: results must still come back in path order.
    for i in range(5):
        (root / "growth" / f"z{i}.yaml").write_text(growth_chart(), encoding="utf-8")
        (root / "brand" / f"a{i}.yaml").write_text(brand_chart(), encoding="utf-8")
    (root / "brand" / "broken.yaml").write_text("rolemap: 1\ntitle: [\n", encoding="utf-8")
    return root


def _report(root: Path, jobs: int) -> str:
    folder = check_folder(str(root), jobs=jobs)
    charts = [
        check_json(c.file, c.result, c.locations) if c.result else failed_json(c.file, c.problems)
        for c in folder.checks
    ]
    return json.dumps({"charts": charts, "org": folder_json(folder)}, indent=2)


def test_several_processes_give_the_same_report_as_one(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    serial = _report(root, jobs=1)
    assert _report(root, jobs=3) == serial
    assert '"loaded": false' in serial  # the broken chart is reported in its place


def test_spawned_workers_give_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With another thread running (the app, macOS and Windows) the workers are spawned, not
    # forked: they import rolemap afresh and must still give the same report.
    root = _folder(tmp_path)
    serial = _report(root, jobs=1)
    monkeypatch.setattr(org_report.threading, "active_count", lambda: 2)
    assert _report(root, jobs=2) == serial


def test_progress_is_reported_after_each_chart_in_order(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    seen: list[int] = []
    folder = check_folder(str(root), seen.append, jobs=2)
    assert seen == list(range(1, len(folder.checks) + 1))


def test_small_folders_stay_in_one_process(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    charts = [(str(p), p.name, p.read_bytes()) for p in root.rglob("*.yaml")]
    assert org_report._workers(charts, None) == 1
    big = [(path, rel, data * 1000) for path, rel, data in charts]
    assert org_report._workers(big, None) == min(org_report.available_cores(), len(big))
    assert org_report._workers(charts, 4) == 4


def test_check_command_jobs_option(tmp_path: Path, cli: Cli) -> None:
    root = _folder(tmp_path)
    one = cli("check", root, "--format", "json", "--jobs", "1")
    two = cli("check", root, "--format", "json", "--jobs", "2")
    assert one.code == two.code == 2  # the broken chart
    assert one.out == two.out
    assert json.loads(two.out)["charts"][0]["file"].endswith("a0.yaml")
