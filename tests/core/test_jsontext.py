"""JSON reports: the quick writer writes what ``json.dumps(indent=2, ensure_ascii=False)`` writes."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from rolemap.core.jsontext import dumps_indented

leaves = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text()
# Floats written without an exponent (scores, efforts): the one spelling the writers differ on.
plain_floats = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False).filter(
    lambda x: "e" not in repr(x)
)
documents = st.recursive(
    leaves | plain_floats,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=20,
)


@given(documents)
def test_same_text_as_the_standard_library(data: object) -> None:
    assert dumps_indented(data) == json.dumps(data, indent=2, ensure_ascii=False)


def test_what_orjson_refuses_is_written_by_the_standard_library() -> None:
    for data in ({"lone": "\ud800"}, {"big": 2**70}, {1: "int key"}, [("a", 1)]):
        assert dumps_indented(data) == json.dumps(data, indent=2, ensure_ascii=False)
