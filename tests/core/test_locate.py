"""Warnings know where they are: entity ids and review fingerprints to file, line and column."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings

from rolemap.core.analysis import analyse
from rolemap.core.fileformat import dumps, load, loads
from rolemap.core.locate import load_located, loads_located
from rolemap.resources import template_path
from tests.core.analysis_charts import F, G, R, T, make_chart
from tests.helpers import CliResult
from tests.strategies import charts as charts_strategy

Cli = Callable[..., CliResult]

HAND_WRITTEN = textwrap.dedent(
    """\
    rolemap: 1
    title: Launch
    functions:
      - {id: mkt, name: Marketing, archetype: brand}
      - name: Operations
        id: ops
        archetype: operations
    goals:
      - id: g1
        name: Awareness
        owner: mkt
        kind: awareness
        kpis: [reach]
    tasks:
      # a comment line shifts everything below it
      - id: t1
        title: Launch plan
        goals: [g1]
        raci: {mkt: A, ops: A}
    reviews:
      - warning: "multiple-accountable:t1:mkt,ops"
        status: acknowledged
    """
)


def test_entities_and_reviews_are_located() -> None:
    chart, where = loads_located(HAND_WRITTEN, "chart.yaml")
    assert chart == loads(HAND_WRITTEN)
    assert where.entities["mkt"] == (4, 6)  # flow mapping: at the "id" key
    assert where.entities["ops"] == (6, 5)  # "id" is not the first key
    assert where.entities["g1"] == (9, 5)
    assert where.entities["t1"] == (16, 5)
    assert where.reviews["multiple-accountable:t1:mkt,ops"] == (21, 5)
    place = where.place("t1")
    assert place is not None and place.format() == "chart.yaml:16:5"


def test_a_warning_points_at_its_main_entity_then_the_others() -> None:
    chart, where = loads_located(HAND_WRITTEN, "chart.yaml")
    warning = next(w for w in analyse(chart).warnings if w.rule == "multiple-accountable")
    main, others = where.for_warning(warning.entities, warning.fingerprint, warning.rule)
    assert main is not None and (main.line, main.entity) == (16, "t1")
    assert [(p.entity, p.line) for p in others] == [
        ("mkt", 4),
        ("ops", 6),
        ("review:multiple-accountable:t1:mkt,ops", 21),
    ]


def test_a_stale_review_points_at_the_review() -> None:
    text = HAND_WRITTEN.replace("raci: {mkt: A, ops: A}", "raci: {mkt: A, ops: R}")
    chart, where = loads_located(text, "chart.yaml")
    stale = next(w for w in analyse(chart).warnings if w.rule == "stale-review")
    main, _ = where.for_warning(stale.entities, stale.fingerprint, stale.rule)
    assert main is not None and main.line == 21


def test_a_saved_chart_is_located_on_its_id_lines(tmp_path: Path) -> None:
    chart = make_chart(
        [F("marketing"), F("operations")],
        [G("g1", "marketing")],
        [T(f"t{i}", {"marketing": "A"}, ["g1"]) for i in range(50)],
        [R("no-accountable:t3")],
    )
    path = tmp_path / "chart.yaml"
    path.write_text(dumps(chart), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    loaded, where = load_located(path)
    assert loaded == load(path)
    for ident, (line, column) in where.entities.items():
        assert lines[line - 1][column - 1 :].startswith(f"id: {ident}"), ident
    line, column = where.reviews["no-accountable:t3"]
    assert lines[line - 1][column - 1 :].startswith("warning: no-accountable:t3")


def test_shapes_the_loader_rejects_do_not_break_the_locator(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("rolemap: 1\ntitle: x\ntasks: {a: 1}\nfunctions: [1, {id: [x]}]\n")
    result = cli("check", path, "--format", "json")
    assert result.code == 2
    assert "Traceback" not in result.err


def test_check_text_starts_warning_lines_with_file_line_column(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "chart.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    result = cli("check", path)
    assert result.code == 1
    assert f"{path}:16:5: high multiple-accountable [acknowledged]" in result.out


def test_check_json_carries_location_and_related(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "chart.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    report = json.loads(cli("check", path, "--format", "json").out)
    warning = next(w for w in report["warnings"] if w["rule"] == "multiple-accountable")
    assert warning["location"] == {"file": str(path), "line": 16, "column": 5, "entity": "t1"}
    assert [r["entity"] for r in warning["related"]] == [
        "mkt",
        "ops",
        "review:multiple-accountable:t1:mkt,ops",
    ]


def test_chinese_template_is_located(cli: Cli) -> None:
    path = template_path("marketing-vs-operations", "zh")
    report = json.loads(cli("check", path, "--format", "json").out)
    assert report["warnings"]
    assert all(w["location"] is not None for w in report["warnings"])


def _full_locations(text: str) -> object:
    """Where the full YAML reader places every entity (no quick path)."""
    from rolemap.core.locate import _Collector

    collect = _Collector("c.yaml")
    loads(text, file="c.yaml", on_yaml=collect)
    return collect.result


def _quick_located(text: str) -> tuple[object, bool]:
    """``loads_located``, and whether the quick reader read the text."""
    from rolemap.core import chartread

    taken: list[bool] = []
    real = chartread._quick

    def watching(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = real(*args, **kwargs)
        taken.append(found is not None)
        return found

    chartread._quick = watching  # type: ignore[assignment]
    try:
        _, located = loads_located(text, "c.yaml")
    finally:
        chartread._quick = real  # type: ignore[assignment]
    return located, taken == [True]


@given(charts_strategy(max_tasks=8, max_reviews=3))
@settings(max_examples=80, deadline=None)
def test_the_quick_reader_places_entities_where_the_full_reader_does(chart) -> None:  # type: ignore[no-untyped-def]
    """A chart as rolemap writes it is read by the quick reader (rolemap.core.quickread),
    which notes where the id and warning keys are: the same places the YAML marks give
    (text it does not know, such as control characters, goes to the full reader)."""
    text = dumps(chart)
    located, _ = _quick_located(text)
    assert located == _full_locations(text)


def test_templates_are_located_alike_by_both_readers() -> None:
    from rolemap.resources import template_names

    placed = 0
    for name in template_names():
        text = template_path(name).read_text(encoding="utf-8")
        located, quick = _quick_located(text)
        assert quick, name
        assert located == _full_locations(text)
        placed += len(located.entities)  # type: ignore[attr-defined]
    assert placed > 20
