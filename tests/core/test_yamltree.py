"""The hardened reader's own tree walk and tag resolution read values exactly as PyYAML does."""

from __future__ import annotations

import datetime as dt
import re

import yaml
from hypothesis import given
from hypothesis import strategies as st

from rolemap.core import yamlsafe
from rolemap.core.yamlsafe import MAX_DEPTH, read_yaml

# Plain scalars YAML 1.1 reads as something other than text, and their look-alikes.
SCALARS = [
    "yes", "No", "on", "OFF", "y", "n", "true", "False", "~", "null", "Null", "",
    "0", "-17", "+3", "017", "0o17", "0x1F", "0b101", "1_000", "1:30", "190:20:30",
    "3.14", "-.5", "1e3", "1.0e+3", "6.8523015e+5", ".inf", "-.Inf", ".nan", "1.2.3",
    "2024-11-24", "2024-1-2", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10",
    "t00017", "Draft 618 plan", "中文标题", "#notacomment", "- x", "'quoted'", "a: b",
]  # fmt: skip


def _document(values: list[str]) -> str:
    lines = ["rolemap: 1", "items:"]
    for v in values:
        lines.append(f"- {v}" if v not in ("", "- x", "a: b", "#notacomment") else f"- '{v}'")
        lines.append(f'- "{v}"')
        lines.append(f"- [{v}]" if v and v[0] not in "-'#[{" and ":" not in v else "- []")
    lines.append("map: {" + ", ".join(f"k{i}: {v}" for i, v in enumerate(["1", "yes", "~"])) + "}")
    return "\n".join(lines) + "\n"


def test_scalars_read_as_pyyaml_reads_them(pure: bool) -> None:
    text = _document(SCALARS)
    expected = yaml.load(text, Loader=yaml.SafeLoader)
    data, _, problems = read_yaml(text, pure=pure)
    assert problems == []
    assert data == expected
    # Same types too (1 == True and 1.0 == 1 would hide a wrong type).
    assert [type(x) for x in data["items"]] == [type(x) for x in expected["items"]]
    assert data["items"][SCALARS.index("2024-11-24") * 3] == dt.date(2024, 11, 24)


def test_plain_equals_and_merge_signs_are_text(pure: bool) -> None:
    # PyYAML has no constructor for them (it raises); a chart reads them as the text written.
    data, _, _ = read_yaml("a: =\nb: <<\nc: [=, <<]\n", pure=pure)
    assert data == {"a": "=", "b": "<<", "c": ["=", "<<"]}


def test_duplicate_keys_keep_the_first_value_and_are_reported(pure: bool) -> None:
    data, located, problems = read_yaml("a: 1\nb:\n  c: x\n  c: y\na: 2\n", pure=pure)
    assert data == {"a": 1, "b": {"c": "x"}}
    assert [(p.line, p.column) for p in problems] == [(4, 3), (5, 1)]
    assert located.find(("b", "c")) == (3, 6)


# ------------------------------------------------------------------ the cheap depth bound


def _old_bound(text: str) -> int:
    """The bound as first written: widest indentation + deepest brackets + 1."""
    widest = max((len(m) for m in re.findall(r"^[ \t?\-]*", text, re.M)), default=0)
    depth = deepest = 0
    for m in re.finditer(r"[\[\]{}]", text):
        if m.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return widest + deepest + 1


@given(
    st.lists(
        st.tuples(st.text(" \t-?", max_size=40), st.text("ab []{}\"'", max_size=40)),
        max_size=12,
    )
)
def test_the_cheap_depth_bound_agrees_with_the_measured_one(lines: list[tuple[str, str]]) -> None:
    text = "\n".join(lead + rest for lead, rest in lines)
    assert yamlsafe._surely_shallow(text) == (_old_bound(text) <= MAX_DEPTH)
