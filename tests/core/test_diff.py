"""``rolemap diff``: what changed between two versions of a chart, in the team's terms."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from rolemap.core.diff import diff_charts
from rolemap.core.diff_report import diff_json, diff_markdown, diff_text
from rolemap.core.fileformat import dumps
from rolemap.core.model import Chart
from tests.core.analysis_charts import F, G, R, T, make_chart
from tests.helpers import CliResult

Cli = Callable[..., CliResult]


def before() -> Chart:
    return make_chart(
        [F("marketing"), F("operations"), F("pr", name="PR")],
        [
            G("aware", "marketing", "awareness", ["reach", "recall"], name="Awareness"),
            G("riders", "operations", "acquisition", ["new riders"], name="New riders"),
        ],
        [
            T("launch", {"marketing": "A"}, ["aware"], "Launch plan"),
            T("poster", {"marketing": "A", "operations": "A"}, ["aware"], "Posters"),
            T("old", {"pr": "A"}, [], "Old press work"),
        ],
        title="Campus bike-sharing",
    )


def after() -> Chart:
    return make_chart(
        [F("marketing"), F("operations"), F("legal", name="Legal")],
        [
            G("aware", "operations", "awareness", ["reach", "brand search"], name="Awareness"),
            G("riders", "operations", "acquisition", ["new riders"], name="New riders"),
        ],
        [
            T("launch", {"marketing": "R", "operations": "A"}, ["aware", "riders"], "Launch plan"),
            T("poster", {"marketing": "A", "operations": "A"}, ["aware"], "Dorm posters"),
            T("contract", {"legal": "A"}, ["riders"], "Ambassador contracts"),
        ],
        reviews=[R("multiple-accountable:poster:marketing,operations", note="Shared on purpose")],
        title="Campus bike-sharing 2",
    )


def test_entities_added_removed_changed_by_id() -> None:
    d = diff_charts(before(), after())
    assert [f.id for f in d.functions_added] == ["legal"]
    assert [f.id for f in d.functions_removed] == ["pr"]
    assert [t.id for t in d.tasks_added] == ["contract"]
    assert [t.id for t in d.tasks_removed] == ["old"]
    changed = {c.id: c for c in d.tasks_changed}
    assert set(changed) == {"launch", "poster"}
    assert changed["poster"].renamed and changed["poster"].old_name == "Posters"
    roles = [(r.name, r.before, r.after) for r in changed["launch"].roles]
    assert roles == [("Marketing", "A", "R"), ("Operations", "", "A")]
    assert changed["launch"].added == ("riders",)
    (goal,) = d.goals_changed
    assert goal.id == "aware"
    assert [(c.field, c.before, c.after) for c in goal.changes] == [
        ("owner", "marketing", "operations")
    ]
    assert (goal.added, goal.removed) == (("brand search",), ("recall",))
    assert d.changed_ids()["launch"] == "changed" and d.changed_ids()["old"] == "removed"


def test_warnings_opened_closed_reviewed_and_convergence() -> None:
    d = diff_charts(before(), after())
    assert "no-accountable:old" not in [w.fingerprint for w in d.opened]
    reviewed = {r.warning.fingerprint: r for r in d.reviewed}
    poster = reviewed["multiple-accountable:poster:marketing,operations"]
    assert poster.before is None and poster.after is not None
    assert poster.after.status == "accepted"
    pairs = {p.functions: p for p in d.convergence}
    mo = pairs[("marketing", "operations")]
    assert mo.before is not None and mo.after is not None and mo.after != mo.before


def test_text_says_it_in_the_teams_terms() -> None:
    text = diff_text(diff_charts(before(), after()), "old.yaml", "new.yaml")
    assert text.startswith("old.yaml \u2192 new.yaml")
    assert "Launch plan (launch): Marketing A \u2192 R, Operations \u2014 \u2192 A" in text
    assert "goals +\u201cNew riders\u201d" in text
    assert (
        "Awareness (aware): moved from Marketing to Operations; KPIs +\u201cbrand search\u201d \u2212\u201crecall\u201d"
        in text
    )
    assert "Posters (poster): renamed \u201cPosters\u201d \u2192 \u201cDorm posters\u201d" in text
    assert "+ Ambassador contracts (contract): Legal A" in text
    assert "\u2212 PR (pr)" in text
    assert "title \u201cCampus bike-sharing\u201d \u2192 \u201cCampus bike-sharing 2\u201d" in text
    assert "reviewed: high multiple-accountable" in text and "not reviewed \u2192 accepted" in text
    assert "Marketing \u2194 Operations: " in text


def test_no_changes() -> None:
    d = diff_charts(before(), before())
    assert d.empty
    assert diff_text(d, "a", "b") == "a \u2192 b: no changes"
    assert "No changes." in diff_markdown(d, "a", "b")


def test_markdown_for_a_pull_request_comment() -> None:
    md = diff_markdown(diff_charts(before(), after()), "HEAD", "working copy")
    assert md.startswith("### rolemap: Campus bike-sharing 2")
    assert "**Tasks**" in md
    assert "- added: Ambassador contracts (contract): Legal A" in md
    assert "- changed: Launch plan (launch): Marketing A \u2192 R" in md


def test_json_is_complete_and_serialisable() -> None:
    report = json.loads(json.dumps(diff_json(diff_charts(before(), after()), "a", "b")))
    assert report["changed"] is True
    assert report["tasks"]["added"] == ["contract"]
    launch = next(c for c in report["tasks"]["changed"] if c["id"] == "launch")
    assert launch["roles"][1] == {
        "function": "operations",
        "name": "Operations",
        "before": None,
        "after": "A",
    }
    assert report["goals"]["changed"][0]["changes"][0]["field"] == "owner"
    assert report["warnings"]["reviewed"][0]["after"]["status"] == "accepted"


def test_notation_and_glossary_changes() -> None:
    old = before()
    new = old.model_copy(
        update={"notation": "rasci", "glossary": (("SAO", "sales accepted opportunity"),)}
    )
    d = diff_charts(old, new)
    text = diff_text(d, "a", "b")
    assert "notation \u201craci\u201d \u2192 \u201crasci\u201d" in text
    assert "glossary +[SAO, sales accepted opportunity]" in text


def test_a_chart_that_did_not_exist() -> None:
    d = diff_charts(None, before())
    assert [t.id for t in d.tasks_added] == ["launch", "poster", "old"]
    assert d.opened
    assert diff_charts(before(), None).tasks_removed


def test_chinese() -> None:
    old = make_chart(
        [F("mkt", name="市场部"), F("ops", name="运营部")],
        [],
        [T("t1", {"mkt": "A"}, [], "拉新活动")],
    )
    new = make_chart(
        [F("mkt", name="市场部"), F("ops", name="运营部")],
        [],
        [T("t1", {"ops": "A"}, [], "拉新活动")],
    )
    text = diff_text(diff_charts(old, new), "旧", "新")
    assert "拉新活动 (t1): 市场部 A \u2192 \u2014, 运营部 \u2014 \u2192 A" in text


# ------------------------------------------------------------------ the command


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_diff_two_files(cli: Cli, tmp_path: Path, fmt: str) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(dumps(before()), encoding="utf-8")
    new.write_text(dumps(after()), encoding="utf-8")
    result = cli("diff", old, new, "--format", fmt)
    assert result.code == 0, result.err
    if fmt == "json":
        assert json.loads(result.out)["tasks"]["removed"] == ["old"]
    else:
        assert "Ambassador contracts" in result.out


def test_diff_reports_a_bad_file_with_its_location(cli: Cli, tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(dumps(before()), encoding="utf-8")
    new.write_text("rolemap: 1\ntitle: [\n", encoding="utf-8")
    result = cli("diff", old, new)
    assert result.code == 2
    assert result.err.startswith(f"{new}:3:1: YAML syntax error")
    assert "Traceback" not in result.err


def test_diff_usage_errors(cli: Cli, tmp_path: Path) -> None:
    assert "give two charts" in cli("diff", tmp_path / "a.yaml").err
    assert "with --rev give one chart" in cli("diff", "a.yaml", "b.yaml", "--rev", "HEAD").err
    assert cli("diff").code == 2
