"""``rolemap check DIR`` and ``check A B ...`` on several processes: the same report, in order."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from rolemap.core import parallel
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
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)
    assert _report(root, jobs=2) == serial


def test_progress_is_reported_after_each_chart_in_order(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    seen: list[int] = []
    folder = check_folder(str(root), seen.append, jobs=2)
    assert seen == list(range(1, len(folder.checks) + 1))


def test_small_sets_of_charts_stay_in_one_process() -> None:
    small = parallel.PARALLEL_MIN_BYTES - 1
    assert parallel.worker_count(12, small, None) == 1
    assert parallel.worker_count(12, small * 10, None) == min(parallel.available_cores(), 12)
    assert parallel.worker_count(1, small * 10, None) == 1
    assert parallel.worker_count(12, small, 4) == 4
    assert parallel.worker_count(3, small, 8) == 3


def test_check_command_jobs_option(tmp_path: Path, cli: Cli) -> None:
    root = _folder(tmp_path)
    one = cli("check", root, "--format", "json", "--jobs", "1")
    two = cli("check", root, "--format", "json", "--jobs", "2")
    assert one.code == two.code == 2  # the broken chart
    assert one.out == two.out
    assert json.loads(two.out)["charts"][0]["file"].endswith("a0.yaml")


def test_check_command_several_files_jobs_option(tmp_path: Path, cli: Cli) -> None:
    root = _folder(tmp_path)
    files = sorted(root.rglob("*.y*ml"))
    files = [f for f in files if ".hidden" not in f.parts and f.name != "notes.yaml"]
    one = cli("check", *files, "--format", "json", "--jobs", "1")
    two = cli("check", *files, "--format", "json", "--jobs", "2")
    assert one.code == two.code == 2  # the broken chart
    assert one.out == two.out
    assert [c["file"] for c in json.loads(two.out)] == [str(f) for f in files]
    text_one = cli("check", *files, "--jobs", "1")
    assert cli("check", *files, "--jobs", "2").out == text_one.out
