"""Fault 14: values rolemap used to accept wrongly or report roughly, on both YAML loaders."""

from __future__ import annotations

import unicodedata

import pytest
import yaml

from rolemap.core.errors import ChartLoadError
from rolemap.core.fileformat import dumps, loads
from rolemap.core.model import Chart, Function, Goal, Task

HEAD = "rolemap: 1\ntitle: x\n"


def rejected(text: str, pure: bool) -> str:
    with pytest.raises(ChartLoadError) as info:
        loads(text, pure=pure)
    message = info.value.format()
    assert "Input should" not in message and "Datetimes provided" not in message  # pydantic's
    return message


def review(date: str) -> str:
    return HEAD + f"reviews:\n- {{warning: w, status: acknowledged, date: {date}}}\n"


def test_version_must_be_the_whole_number_one(pure: bool) -> None:
    for version in ("1.0", "true", "'1'"):
        assert "unknown format version" in rejected(f"rolemap: {version}\ntitle: x\n", pure)


@pytest.mark.parametrize("date", ["0", "86400", "'86400'", "20241124", "2024-1-5", "24-11-2024"])
def test_dates_must_be_written_yyyy_mm_dd(date: str, pure: bool) -> None:
    message = rejected(review(date), pure)
    assert "reviews[0].date: a date is written YYYY-MM-DD, e.g. 2024-11-24" in message


def test_impossible_date_and_date_with_time(pure: bool) -> None:
    assert "not a real date" in rejected(review("'2024-02-30'"), pure)
    message = rejected(review("2024-11-24 10:30:00"), pure)
    assert "e.g. 2024-11-24; found a date and time" in message


def test_good_dates_still_load(pure: bool) -> None:
    assert str(loads(review("2024-11-24"), pure=pure).reviews[0].date) == "2024-11-24"
    assert str(loads(review("'2024-11-24'"), pure=pure).reviews[0].date) == "2024-11-24"


@pytest.mark.parametrize("value", ["=", "<<"])
def test_equals_and_merge_signs_are_text(value: str, pure: bool) -> None:
    chart = loads(
        f"rolemap: 1\ntitle: {value}\ngoals:\n- {{id: g, name: n, kpis: [{value}]}}\n", pure=pure
    )
    assert chart.title == value and chart.goals[0].kpis == (value,)
    assert loads(dumps(chart), pure=pure) == chart


def test_merge_keys_stay_rejected(pure: bool) -> None:
    rejected(HEAD + "functions:\n- <<: {id: m}\n  name: M\n", pure)


def test_empty_archetype_message_has_a_separator(pure: bool) -> None:
    message = rejected(HEAD + "functions:\n- {id: f, name: n, archetype: ~}\n", pure)
    assert "functions[0].archetype: the archetype is empty; choose one of: brand," in message
    message = rejected(HEAD + "functions:\n- {id: f, name: n, archetype: zzz}\n", pure)
    assert "unknown archetype 'zzz'; choose one of: brand," in message


@pytest.mark.parametrize("ident", ["1e3", "0o17", "0x1F", "-1.5e-3", ".inf", "NULL", "TRUE", "1."])
def test_ids_that_yaml_1_2_reads_as_numbers_are_quoted(ident: str, pure: bool) -> None:
    chart = Chart(title="t", functions=(Function(id=ident, name="n"),))
    text = dumps(chart)
    assert f"- id: '{ident}'\n" in text
    assert loads(text, pure=pure) == chart


def test_plain_ids_stay_unquoted() -> None:
    text = dumps(
        Chart(title="t", functions=(Function(id="e1", name="n"), Function(id="1a", name="m")))
    )
    assert "- id: e1\n" in text and "- id: 1a\n" in text


TAB_CASES = [
    "title:\tx\n",
    "title: x\t\n",
    "title: x\t# comment\n",
    "title: a\tb\n",
    "title: a \t b\n",
    "title: [a,\tb]\n",
    "title:\n  a:\tb\n",
    "title: a\n  \tb\n",
    "\ttitle: x\n",
    "title:\n  -\tx\n",
    "title: a\n\tb\n",
]


@pytest.mark.parametrize("body", TAB_CASES)
def test_both_loaders_agree_on_tabs(body: str) -> None:
    outcomes = []
    for pure in (False, True):
        try:
            outcomes.append(repr(loads("rolemap: 1\n" + body, pure=pure).title))
        except ChartLoadError as exc:
            outcomes.append(f"error: {exc.problems[0].message.split(':')[0]}")
    assert outcomes[0] == outcomes[1]


def test_tab_after_colon_is_accepted(pure: bool) -> None:
    assert loads("rolemap: 1\ntitle:\tCampus\n", pure=pure).title == "Campus"


@pytest.mark.parametrize("version", ["1.0", "1.3", "2.0", "1.10"])
def test_unsupported_yaml_directive_is_refused_by_both(version: str, pure: bool) -> None:
    message = rejected(f"%YAML {version}\n---\n{HEAD}", pure)
    assert f":1:1: the file says it is YAML {version}; rolemap reads YAML 1.1 and 1.2" in message


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_yaml_1_1_and_1_2_directives_are_accepted(version: str, pure: bool) -> None:
    assert loads(f"%YAML {version}\n---\n{HEAD}", pure=pure).title == "x"


DECOMPOSED = unicodedata.normalize("NFD", "café")


def test_ids_are_normalised_to_nfc(pure: bool) -> None:
    assert DECOMPOSED != "café"
    text = (
        HEAD
        + "functions:\n- {id: café, name: Café team}\n"
        + f"goals:\n- {{id: g, name: n, owner: {DECOMPOSED}}}\n"
        + f"tasks:\n- {{id: t, title: T, goals: [g], raci: {{{DECOMPOSED}: A}}}}\n"
    )
    chart = loads(text, pure=pure)
    assert chart.goals[0].owner == "café" == chart.functions[0].id
    assert list(chart.tasks[0].raci) == ["café"]
    assert Task(id=DECOMPOSED, title="t").id == "café"  # edits made in the app too


def test_one_function_written_two_ways_in_one_raci(pure: bool) -> None:
    text = (
        HEAD
        + "functions:\n- {id: café, name: C}\n"
        + f"tasks:\n- {{id: t, title: T, raci: {{café: A, {DECOMPOSED}: R}}}}\n"
    )
    assert "the function 'café' is listed twice in this RACI" in rejected(text, pure)


def test_look_alike_ids_are_named_in_the_hint(pure: bool) -> None:
    cyrillic = "m\u0430rketing"
    text = (
        HEAD
        + f"functions:\n- {{id: {cyrillic}, name: n}}\ngoals:\n- {{id: g, name: n, owner: marketing}}\n"
    )
    message = rejected(text, pure)
    assert "look-alike character: 'a' U+0061 vs 'а' U+0430" in message


def test_yaml_1_2_reader_sees_quoted_ids_as_text() -> None:
    # PyYAML has no 1.2 mode; the quoted form is text in every YAML version.
    text = dumps(Chart(title="t", goals=(Goal(id="1e3", name="n"),)))
    assert yaml.safe_load(text)["goals"][0]["id"] == "1e3"
