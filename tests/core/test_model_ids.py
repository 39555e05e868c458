"""Ids are checked by ASCII first and by ID_PATTERN only otherwise: the same answers and errors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from pydantic_core import SchemaValidator, core_schema

from rolemap.core.model import ID_PATTERN, Function
from rolemap.core.values import nfc

_PATTERN = SchemaValidator(core_schema.str_schema(pattern=ID_PATTERN))


def _matches(text: str) -> bool:
    try:
        _PATTERN.validate_python(text)
    except ValidationError:
        return False
    return True


def _accepted(text: str) -> bool:
    try:
        Function(id=text, name="n")
    except ValidationError as exc:
        (error,) = exc.errors(include_url=False)
        assert error["type"] == "string_pattern_mismatch"
        assert error["msg"] == f"String should match pattern '{ID_PATTERN}'"
        assert error["ctx"] == {"pattern": ID_PATTERN}
        assert error["input"] == nfc(text)
        return False
    return True


@given(st.text(max_size=70))
def test_any_text_is_an_id_exactly_when_the_pattern_matches(text: str) -> None:
    assert _accepted(text) == _matches(nfc(text))


@given(st.text(alphabet="abcXYZ019_.-é市 \n", min_size=60, max_size=68))
def test_lengths_around_the_limit(text: str) -> None:
    assert _accepted(text) == _matches(nfc(text))


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("a" * 64, True),
        ("a" * 65, False),
        ("市场部", True),
        ("市" * 65, False),
        ("", False),
        ("x\n", False),
        ("e\u0301", True),
        ("a b", False),
    ],
)
def test_examples(text: str, ok: bool) -> None:
    assert _accepted(text) is ok
