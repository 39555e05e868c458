"""The quick reader returns exactly what the hardened YAML reader returns, or gives up.

Its one property: whenever ``quickread.read(text)`` gives data, ``read_yaml(text)`` reads the
same text without a problem to the very same data (same types: ``1`` is not ``True`` nor
``1.0``, a date is not text). Checked on charts as rolemap writes them, on the fuzzers'
YAML-like text and mutated files, and on hand-picked corners; plus: charts as rolemap writes
them are read quickly, and a file with problems still gets the full reader's messages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.core import chartread, quickread
from rolemap.core.errors import ChartLoadError
from rolemap.core.fileformat import dumps, loads
from rolemap.core.yamlsafe import read_yaml
from rolemap.resources import template_names, template_path
from tests.core.test_fuzz import mutated_files, yaml_like_text
from tests.strategies import charts

PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def check(text: str) -> Any:
    """The property on one text; returns what the quick reader gave."""
    quick = quickread.read(text)
    if quick is not None:
        root, _located, problems = read_yaml(text)  # must not raise
        assert problems == [], f"quick data for a text with problems: {text!r:.300}"
        assert same(quick, root), f"{quick!r:.300} != {root!r:.300}"
    return quick


@PROPERTY
@given(chart=charts())
def test_charts_as_written_read_the_same(chart: Any) -> None:
    text = dumps(chart)
    check(text)
    assert loads(text) == chart


# Text in the layout the quick reader knows, with values full of what YAML treats specially.
_ALPHABET = st.sampled_from([*":#'\"[]{},-?&*!|>%@`~=<. \\\t", "a", "b", "1", "0", "市", "é"])
_raw = st.text(alphabet=_ALPHABET, max_size=8)
_values = st.one_of(
    _raw,
    _raw.map(lambda v: f"'{v}'"),
    st.sampled_from(["yes", "null", "1", "01", "1.5", "2024-01-02", "2024-13-01", "1_0", "0x1"]),
    st.lists(st.one_of(_raw, _raw.map(lambda v: f"'{v}'")), max_size=3).map(
        lambda v: "[" + ", ".join(v) + "]"
    ),
    st.lists(st.tuples(_raw, _raw), max_size=3).map(
        lambda v: "{" + ", ".join(f"{k}: {x}" for k, x in v) + "}"
    ),
    st.lists(st.sampled_from(["x", "", " ", "  y", "#z", "- w"]), min_size=1, max_size=4).map(
        lambda rows: "|-\n" + "\n".join(("    " + r) if r else r for r in rows)
    ),
)


@st.composite
def layout_text(draw: st.DrawFn) -> str:
    lines = ["rolemap: 1", f"title: {draw(_values)}", "tasks:"]
    for i in range(draw(st.integers(0, 3))):
        lines.append(f"- id: t{i}")
        for key in draw(st.lists(st.sampled_from(["title", "goals", "raci", "tags"]), max_size=3)):
            lines.append(f"  {key}: {draw(_values)}")
    return "\n".join(lines) + draw(st.sampled_from(["\n", ""]))


@PROPERTY
@given(text=layout_text())
def test_layout_with_odd_values(text: str) -> None:
    check(text)


@PROPERTY
@given(text=yaml_like_text)
def test_yaml_like_text(text: str) -> None:
    check(text)


@PROPERTY
@given(data=mutated_files())
def test_mutated_files(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    check(text.removeprefix("\ufeff"))


@pytest.mark.parametrize("name", template_names())
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_templates_are_read_quickly(name: str, lang: str) -> None:
    text = template_path(name, lang).read_text(encoding="utf-8")
    assert check(text) is not None


HEAD = "rolemap: 1\ntitle: t\n"

READ = [
    HEAD,
    HEAD + "tasks:\n- id: a\n  title: 'Xi''an: x'\n  goals: [g1, 'g 2', it's]\n",
    HEAD + "tasks:\n- id: a\n  raci: {mkt: RA, ops: 'R?', 市场部: I}\n  tags: ['618', 京东]\n",
    HEAD + "tasks:\n- id: a\n  description: |-\n    one\n\n    # two\n  title: x\n",
    HEAD + "tasks:\n- id: a\n  description: |\n    one\n      more\n\n\n",
    HEAD + "tasks:\n- id: a\n  description: |-\n      deep\n      \n- id: b\n",
    HEAD + "tasks:\n- description: |-\n    first key\n  id: a\n",
    HEAD + "tasks:\n- id: a\n  effort: 3\n- id: b\n  effort: 2.5\n",
    HEAD + "reviews:\n- warning: w\n  status: accepted\n  date: 2024-11-24\n",
    HEAD + "glossary:\n- [拉新, acquisition]\n- ['a, b', c]\n",
    HEAD + "# a comment\ntasks:\n# between\n- id: a\n  # indented\n  title: x\n",
    HEAD + "tasks: []\nreviews:\n",
    HEAD + "title2: a [b] {c} x#y a,b\n",
    "# header\n" + HEAD + "description: |\n text\n",
]

GIVE_UP = [
    "",
    "# only a comment\n",
    HEAD + "title: again\n",  # a duplicate key: the full reader reports it
    HEAD + "tasks:\n- id: a\n  id: b\n",
    HEAD + "tasks:\n- id: a\n  raci: {m: R, m: A}\n",
    HEAD + "note: yes\n",  # a boolean
    HEAD + "note: null\n",
    HEAD + "note: ~\n",
    HEAD + "note: 017\n",  # an octal number
    HEAD + "note: 1:30\n",  # a base-60 number
    HEAD + "note: 2026-02-30\n",  # not a real date
    HEAD + "note: 2024-09-01 10:00:00\n",
    HEAD + "note: &a x\n",
    HEAD + "note: *a\n",
    HEAD + "note: !!str x\n",
    HEAD + 'note: "double"\n',
    HEAD + "note: a # comment\n",
    HEAD + "note: a: b\n",
    HEAD + "note: x:\n",
    HEAD + "note: 'open\n",
    HEAD + "note: x \n",
    HEAD + "note: |+\n  kept\n",
    HEAD + "note: >\n  folded\n",
    HEAD + "note: |\n  no newline at the end",
    HEAD + "note:\n  nested: map\n",
    HEAD + "tasks:\n  - id: a\n",  # an indented list
    HEAD + "tasks:\n- id: a\n  goals:\n  - g1\n",
    HEAD + "tasks:\n- id: a\n  title: two\n    lines\n",
    HEAD + "tasks:\n- id: a\n  tags: [a,b]\n",
    HEAD + "tasks:\n- id: a\n  tags: [ a ]\n",
    HEAD + "tasks:\n- id: a\n  tags: [a, [b]]\n",
    HEAD + "tasks:\n- id: a\n  tags: [618]\n",
    HEAD + "tasks:\n- id: a\n  raci: {m: R,\n    o: A}\n",
    HEAD + "tasks:\n- id: a\n\ttitle: x\n",
    HEAD.replace("\n", "\r\n"),
    HEAD + "title2: a\u2028b\n",
    HEAD + "title2: a\x85b\n",
    HEAD + "---\n",
    "%YAML 1.1\n---\n" + HEAD,
    "- a\n- b\n",
    HEAD + "  \n",
    HEAD + "tasks:\n- id: a\n  description: |-\n      deep\n    \n- id: b\n",
    HEAD + "key: x\n- a\n",
]


@pytest.mark.parametrize("text", READ)
def test_read(text: str) -> None:
    assert check(text) is not None


@pytest.mark.parametrize("text", GIVE_UP)
def test_gives_up(text: str) -> None:
    assert quickread.read(text) is None


def test_values() -> None:
    data = check(READ[3] + "  effort: 4\n")
    task = data["tasks"][0]
    assert task["description"] == "one\n\n# two"
    assert task["effort"] == 4 and type(task["effort"]) is int
    assert check(READ[8])["reviews"][0]["date"] == dt.date(2024, 11, 24)
    assert check(READ[1])["tasks"][0]["title"] == "Xi'an: x"


def test_a_chart_rolemap_wrote_is_read_without_the_yaml_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = template_path("marketing-vs-operations", "zh").read_text(encoding="utf-8")
    expected = loads(text, on_yaml=lambda *_a: None)  # the full reader

    def refuse(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("the quick path was not taken")

    monkeypatch.setattr(chartread, "read_yaml", refuse)
    assert loads(text) == expected


@pytest.mark.parametrize(
    ("tail", "message", "line"),
    [
        ("  goals: [nope]\n", "no goal with id 'nope'", 7),
        ("  raci: {m: X}\n", "role letters must be from R, A, C, I", 7),
        ("  colour: red\n", "unknown field 'colour'", 7),
        ("- id: a\n  title: twice\n", "duplicate id 'a'", 7),
    ],
)
def test_problems_keep_the_full_readers_messages_and_lines(
    tail: str, message: str, line: int
) -> None:
    text = HEAD + "functions: []\ntasks:\n- id: a\n  title: x\n" + tail
    assert quickread.read(text) is not None  # read quickly, then refused by validation
    with pytest.raises(ChartLoadError) as err:
        loads(text, file="c.yaml")
    assert any(message in p.message and p.line == line for p in err.value.problems), [
        (p.line, p.message) for p in err.value.problems
    ]


DECOMPOSED = "cafe\u0301"  # 'café' typed as e + a combining accent


def test_ids_in_decomposed_form_load_as_the_full_reader_loads_them() -> None:
    text = (
        HEAD + f"functions:\n- id: {DECOMPOSED}\n  name: x\ngoals:\n- id: g\n  name: g\n"
        f"  owner: {DECOMPOSED}\ntasks:\n- id: t\n  title: x\n  goals: [g]\n"
        f"  raci: {{{DECOMPOSED}: A}}\n"
    )
    assert quickread.read(text) is not None
    chart = loads(text)
    assert chart == loads(text, on_yaml=lambda *_a: None)
    assert chart.tasks[0].raci == {"caf\u00e9": "A"}


def test_a_function_named_twice_once_decomposed_keeps_the_full_readers_problem() -> None:
    text = (
        HEAD + "functions:\n- id: caf\u00e9\n  name: x\ngoals: []\ntasks:\n- id: t\n  title: x\n"
        f"  raci: {{caf\u00e9: A, {DECOMPOSED}: R}}\n"
    )
    assert quickread.read(text) is not None
    with pytest.raises(ChartLoadError) as err:
        loads(text)
    assert any("listed twice" in p.message for p in err.value.problems)


def test_a_nested_flow_list_is_never_taken_for_one_read_before() -> None:
    text = HEAD + "a: [x]\nb: [[x], y]\n"
    assert quickread.read(text) is None
