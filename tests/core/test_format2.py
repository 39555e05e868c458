"""Format 2: notation, conditional roles, effort and the glossary; format 1 files unchanged."""

from __future__ import annotations

import pytest

from rolemap.core.errors import ChartLoadError
from rolemap.core.fileformat import dumps, loads
from rolemap.core.roles import Role, canonical_cell, cell_roles, parse_cell
from rolemap.core.schema import json_schema
from rolemap.resources import template_path

DACI = """\
rolemap: 2
title: Launch
notation: daci
glossary:
- [SAO, sales accepted opportunity]
- [拉新, 获客, user acquisition]
functions:
- {id: mkt, name: Marketing, archetype: brand}
- {id: legal, name: Legal}
tasks:
- id: t1
  title: Launch plan
  effort: 3
  raci: {mkt: D, legal: A?}
- id: t2
  title: Press release
  effort: 0.5
  raci: {mkt: DI}
"""


def test_format2_round_trip_and_version() -> None:
    chart = loads(DACI)
    assert chart.notation == "daci"
    assert chart.glossary == (
        ("SAO", "sales accepted opportunity"),
        ("拉新", "获客", "user acquisition"),
    )
    assert chart.tasks[0].effort == 3 and chart.tasks[1].effort == 0.5
    assert chart.tasks[0].raci == {"mkt": "D", "legal": "A?"}
    assert chart.tasks[0].owners("daci") == ("mkt",)
    text = dumps(chart)
    assert "rolemap: 2\n" in text and "notation: daci\n" in text
    assert "effort: 3\n" in text and "effort: 0.5\n" in text
    assert "glossary:\n- [SAO, sales accepted opportunity]\n" in text
    assert loads(text) == chart


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_format1_files_stay_byte_identical(lang: str) -> None:
    text = template_path("marketing-vs-operations", lang).read_text(encoding="utf-8")
    chart = loads(text)
    assert not chart.uses_format_2()
    out = dumps(chart, header="")
    assert out.startswith("rolemap: 1\ntitle:")
    assert "notation" not in out and "glossary" not in out and "effort" not in out
    assert loads(out) == chart


def test_any_new_field_writes_format_2() -> None:
    base = loads(
        "rolemap: 1\ntitle: x\nfunctions: [{id: a, name: A}]\ntasks:\n- {id: t, title: T, raci: {a: R}}\n"
    )
    assert "rolemap: 1\n" in dumps(base)
    task = base.tasks[0]
    variants = [
        base.model_copy(update={"notation": "rasci"}),
        base.model_copy(update={"glossary": (("a", "b"),)}),
        base.model_copy(update={"tasks": (task.model_copy(update={"effort": 2.0}),)}),
        base.model_copy(update={"tasks": (task.model_copy(update={"raci": {"a": "R?"}}),)}),
    ]
    for chart in variants:
        assert dumps(chart).startswith("# rolemap") and "rolemap: 2\n" in dumps(chart)


def test_letter_outside_the_notation_is_located() -> None:
    text = "rolemap: 2\ntitle: x\nfunctions: [{id: a, name: A}]\ntasks:\n- {id: t, title: T, raci: {a: D}}\n"
    with pytest.raises(ChartLoadError) as info:
        loads(text)
    message = info.value.format()
    assert ":5:" in message and "notation: daci" in message and "D" in message


@pytest.mark.parametrize(
    ("snippet", "needle"),
    [
        ("effort: 0", "greater than 0"),
        ("effort: -1", "greater than 0"),
        ("effort: .nan", ""),
    ],
)
def test_bad_effort_is_reported(snippet: str, needle: str) -> None:
    text = f"rolemap: 2\ntitle: x\ntasks:\n- id: t\n  title: T\n  {snippet}\n"
    with pytest.raises(ChartLoadError) as info:
        loads(text)
    assert "tasks[0].effort" in info.value.format() and needle in info.value.format()


def test_glossary_group_needs_two_terms() -> None:
    with pytest.raises(ChartLoadError) as info:
        loads("rolemap: 2\ntitle: x\nglossary:\n- [SAO, sao]\n")
    assert "glossary[0]" in info.value.format() and "two different terms" in info.value.format()


def test_unknown_notation_suggests() -> None:
    with pytest.raises(ChartLoadError) as info:
        loads("rolemap: 2\ntitle: x\nnotation: dacii\n")
    assert "notation" in info.value.format()


def test_roles_of_each_notation() -> None:
    assert parse_cell("R?A") == [("R", True), ("A", False)]
    assert canonical_cell("IA?RC") == "RA?CI"
    assert canonical_cell("CD") == "DC"
    assert cell_roles("A", "raci") == {Role.OWNS: False, Role.SIGNS: False}
    assert cell_roles("A", "daci") == {Role.SIGNS: False}
    assert cell_roles("D", "daci") == {Role.OWNS: False, Role.DOES: False}
    assert cell_roles("S", "rasci") == {Role.SUPPORTS: False}
    assert cell_roles("R?", "raci") == {Role.DOES: True}
    with pytest.raises(ValueError):
        parse_cell("RR")


def test_schema_describes_the_new_fields() -> None:
    schema = json_schema()
    props = schema["properties"]
    assert {"notation", "glossary"} <= props.keys()
    assert "effort" in schema["$defs"]["Task"]["properties"]


@pytest.mark.parametrize("value", ["true", "'3'", "1e3", "three"])
def test_effort_must_be_a_number_in_the_file(value: str, pure: bool) -> None:
    """A size written as true/false or as text is not silently read as a number."""
    text = f"rolemap: 2\ntitle: x\ntasks:\n- id: t\n  title: T\n  effort: {value}\n"
    with pytest.raises(ChartLoadError) as info:
        loads(text, pure=pure)
    message = info.value.format()
    assert "tasks[0].effort: expected a number, found" in message and ":6:" in message
