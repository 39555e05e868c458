"""The built-in templates load on both loaders and are exactly what the saver writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolemap.core.catalogue import GoalKind
from rolemap.core.fileformat import dumps, load, loads, read_header
from rolemap.resources import template_names, template_path, templates_dir

TEMPLATES = sorted(templates_dir().glob("*.yaml"))


def test_templates_exist_in_both_languages() -> None:
    assert "marketing-vs-operations" in template_names()
    assert "empty" in template_names()
    for name in template_names():
        for lang in ("en", "zh"):
            assert template_path(name, lang).is_file()
    assert len(TEMPLATES) == 2 * len(template_names())


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_template_loads_and_is_canonical(path: Path, pure: bool) -> None:
    text = path.read_text(encoding="utf-8")
    chart = loads(path.read_bytes(), file=str(path), pure=pure)
    assert chart == load(path)
    assert dumps(chart, header=read_header(text)) == text


def test_unknown_template_is_not_found() -> None:
    with pytest.raises(FileNotFoundError):
        template_path("no-such-template")
    with pytest.raises(FileNotFoundError):
        template_path("empty", "fr")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_marketing_vs_operations_is_a_realistic_start(lang: str) -> None:
    chart = load(template_path("marketing-vs-operations", lang))
    archetypes = {f.archetype.value for f in chart.functions}
    assert {"brand", "operations"} <= archetypes
    assert 10 <= len(chart.tasks) <= 20
    assert all(goal.kpis for goal in chart.goals)
    contested = {g.id for g in chart.goals if g.kind is GoalKind.ACQUISITION}
    claimed_by_both = [
        t
        for t in chart.tasks
        if contested & set(t.goals) and {"marketing", "operations"} <= set(t.raci)
    ]
    assert claimed_by_both, "no acquisition task that both teams claim"


def test_english_and_chinese_templates_have_the_same_structure() -> None:
    for name in template_names():
        en = load(template_path(name, "en"))
        zh = load(template_path(name, "zh"))
        assert [f.id for f in en.functions] == [f.id for f in zh.functions]
        assert [(g.id, g.owner, g.kind) for g in en.goals] == [
            (g.id, g.owner, g.kind) for g in zh.goals
        ]
        assert [(t.id, t.goals, t.raci) for t in en.tasks] == [
            (t.id, t.goals, t.raci) for t in zh.tasks
        ]
