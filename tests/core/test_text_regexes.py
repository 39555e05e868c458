"""The language tests of analysis.text compile their Unicode classes lazily: same answers."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from rolemap.core.analysis import text

_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA_HANGUL = re.compile(
    "[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]"
)
_SOME = st.text(alphabet=st.sampled_from("ab 1\n·é市场ログ마케팅\uff70\u3130\uf900"), max_size=12)


@given(st.one_of(st.text(max_size=20), _SOME))
def test_has_cjk(value: str) -> None:
    assert text.has_cjk(value) == bool(_CJK.search(value))


@given(st.lists(st.one_of(st.text(max_size=8), _SOME), max_size=4))
def test_looks_chinese(values: list[str]) -> None:
    joined = "\n".join(values)
    expected = bool(_HAN.search(joined)) and not _KANA_HANGUL.search(joined)
    assert text.looks_chinese(values) == expected


def test_english_needs_no_unicode_class() -> None:
    text._regex.cache_clear()
    assert not text.has_cjk("Recruit campus ambassadors")
    assert not text.looks_chinese(["Recruit campus ambassadors", "Q3 plan"])
    assert text._regex.cache_info().currsize == 0
    assert text.looks_chinese(["拉新活动"])
