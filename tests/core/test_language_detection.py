"""Chart language: Chinese is told apart from Japanese and Korean (which share Han characters)."""

from __future__ import annotations

import pytest

from rolemap.core.analysis import chart_language
from rolemap.core.analysis.text import looks_chinese
from tests.core.analysis_charts import F
from tests.core.test_analysis import base


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("校园单车：市场与运营", "zh"),
        ("市場部與營運部", "zh"),  # traditional characters are Chinese too
        ("マーケティングと運用の役割分担", "en"),  # Japanese: kanji with kana
        ("営業部とマーケティング部", "en"),
        ("마케팅과 운영의 역할", "en"),  # Korean
        ("마케팅 (市場) 과 운영", "en"),  # hanja beside hangul
        ("Campus bike-sharing", "en"),
    ],
)
def test_chart_language_tells_chinese_from_japanese_and_korean(title: str, expected: str) -> None:
    assert chart_language(base(title=title)) == expected


def test_a_japanese_function_name_keeps_a_han_only_title_from_counting_as_chinese() -> None:
    chart = base(title="役割表", functions=[F("mkt", name="マーケティング部")])
    assert chart_language(chart) == "en"
    assert chart_language(base(functions=[F("ops-cn", name="运营部")])) == "zh"


def test_looks_chinese() -> None:
    assert looks_chinese(["拉新", "Campus"])
    assert not looks_chinese(["Campus"])
    assert not looks_chinese(["ひらがな"])
    assert not looks_chinese(["한국어"])
