"""``rolemap check --format sarif|junit|json`` for CI: valid SARIF 2.1.0, JUnit XML, failed files."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from rolemap.resources import template_path
from tests.core.org_charts import make_org
from tests.core.test_locate import HAND_WRITTEN
from tests.core.test_org import KPI_FP, ORG_FILE
from tests.helpers import CliResult

Cli = Callable[..., CliResult]
SCHEMA = Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def assert_valid_sarif(log: dict[str, Any]) -> None:
    errors = sorted(_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def results(log: dict[str, Any]) -> list[dict[str, Any]]:
    return list(log["runs"][0]["results"])


def test_the_schema_is_the_official_one() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_the_validator_rejects_a_broken_log() -> None:
    """The schema test can fail: a result without a message is not SARIF."""
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{}]}]}
    assert list(_validator().iter_errors(log))


def test_sarif_for_a_chart(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "chart.yaml"
    path.write_text(
        HAND_WRITTEN.replace(
            "status: acknowledged", "status: accepted\n    note: one team, two hats"
        ),
        encoding="utf-8",
    )
    result = cli("check", path, "--format", "sarif")
    log = json.loads(result.out)
    assert_valid_sarif(log)
    # The only warning is accepted (Operations owns no goal, so nothing converges): exit 0.
    assert result.code == 0
    assert [r["ruleId"] for r in results(log)] == ["multiple-accountable"]
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    (multi,) = [r for r in results(log) if r["ruleId"] == "multiple-accountable"]
    assert rule_ids[multi["ruleIndex"]] == "multiple-accountable"
    assert multi["level"] == "error"
    region = multi["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 16, "startColumn": 5}
    assert multi["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "one team, two hats"}
    ]
    assert [r["message"]["text"] for r in multi["relatedLocations"]][:2] == ["mkt", "ops"]
    assert (
        multi["partialFingerprints"]["rolemapFingerprint/v1"] == "multiple-accountable:t1:mkt,ops"
    )


def test_sarif_includes_files_that_failed_to_load(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rolemap: 1\ntitle: Bad\nfunctions:\n  - {id: x, nme: X}\n", encoding="utf-8")
    result = cli("check", bad, template_path("marketing-vs-operations", "zh"), "--format", "sarif")
    assert result.code == 2
    log = json.loads(result.out)
    assert_valid_sarif(log)
    errors = [r for r in results(log) if r["ruleId"] == "load-error"]
    assert errors and all(r["level"] == "error" for r in errors)
    assert errors[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
    assert any("\u4e00" <= ch <= "\u9fff" for r in results(log) for ch in r["message"]["text"])


def test_sarif_for_a_folder_with_an_org_file(cli: Cli, tmp_path: Path, monkeypatch: Any) -> None:
    make_org(tmp_path / "charts", org_file=ORG_FILE)
    monkeypatch.chdir(tmp_path)
    log = json.loads(cli("check", "charts", "--format", "sarif").out)
    assert_valid_sarif(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results(log)}
    assert "charts/growth/team.yaml" in uris and "charts/brand/team.yml" in uris
    (kpi,) = [r for r in results(log) if r["ruleId"] == "org-shared-kpi"]
    assert kpi["partialFingerprints"]["rolemapFingerprint/v1"] == KPI_FP
    assert kpi["suppressions"][0]["justification"].startswith("Growth counts sign-ups")


def test_junit(cli: Cli, tmp_path: Path) -> None:
    chart = tmp_path / "chart.yaml"
    chart.write_text(HAND_WRITTEN, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("rolemap: 1\n", encoding="utf-8")
    result = cli("check", chart, bad, "--format", "junit", "--fail-on", "high")
    assert result.code == 2
    root = ET.fromstring(result.out)
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root}
    good = suites[str(chart)]
    failures = good.findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["high"]  # Operations owns no goal: no convergence
    case = good.find("testcase[@name='multiple-accountable multiple-accountable:t1:mkt,ops']")
    assert case is not None and case.get("line") == "16"
    assert case.find("failure") is not None
    assert good.get("failures") == "1" and good.get("tests") == "1"
    assert suites[str(bad)].find("testcase/error") is not None
    assert root.get("errors") == "1"


def test_junit_accepted_warnings_are_skipped(cli: Cli, tmp_path: Path) -> None:
    chart = tmp_path / "chart.yaml"
    chart.write_text(
        HAND_WRITTEN.replace("status: acknowledged", "status: accepted\n    note: agreed"),
        encoding="utf-8",
    )
    root = ET.fromstring(cli("check", chart, "--format", "junit").out)
    skipped = root.findall(".//testcase/skipped")
    assert len(skipped) == 1 and skipped[0].get("message") == "accepted: agreed"
    assert root.get("skipped") == "1"


def test_json_includes_files_that_failed_to_load(cli: Cli, tmp_path: Path) -> None:
    """Issue 13, fault 15: they used to appear only on stderr."""
    good = template_path("empty", "en")
    bad = tmp_path / "bad.yaml"
    bad.write_text("rolemap: 1\ntitle: x\ntasks: [{id: t1}]\n", encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    result = cli("check", good, bad, missing, "--format", "json")
    assert result.code == 2
    report = json.loads(result.out)
    assert [r["loaded"] for r in report] == [True, False, False]
    assert report[1]["problems"][0]["message"] == "missing required field 'title'"
    assert report[1]["problems"][0]["field"] == "tasks[0]"
    assert report[2]["problems"][0]["line"] is None
    assert "cannot read the file" in report[2]["problems"][0]["message"]
    assert str(bad) in result.err  # still on stderr for CI logs
    single = json.loads(cli("check", bad, "--format", "json").out)
    assert single["file"] == str(bad) and single["loaded"] is False
