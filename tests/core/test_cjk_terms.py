"""Chinese glossary terms are not taken out of the middle of other words (review of analysis v2).

Matching glossary terms forwards read "会员日活动" (a member-day campaign) as 会员 / 日活 / 动: the
DAU term 日活 straddles 日 and 活动, so holiday, birthday and member-day events looked like
DAU work and like each other.
"""

from __future__ import annotations

import pytest

from rolemap.core.analysis.similarity import DEFAULT_THRESHOLD, title_similarity
from rolemap.core.analysis.terms import builtin_vocabulary, vocabulary


@pytest.mark.parametrize("title", ["会员日活动", "节日活动", "生日活动", "假日活动海报"])
def test_an_event_on_a_day_is_not_dau(title: str) -> None:
    vocab = builtin_vocabulary()
    readable = {vocab.readable(token) for token in vocab.tokens(title)}
    assert "dau" not in readable
    assert "campaign" in readable


@pytest.mark.parametrize("title", ["日活", "日活提升", "日活跃用户数"])
def test_dau_itself_is_still_found(title: str) -> None:
    vocab = builtin_vocabulary()
    assert "dau" in {vocab.readable(token) for token in vocab.tokens(title)}


@pytest.mark.parametrize(
    ("a", "b"),
    [("节日活动海报", "日活海报"), ("生日活动", "日活"), ("周日活动策划", "节日活动策划")],
)
def test_day_events_are_not_near_duplicates_of_dau_work(a: str, b: str) -> None:
    assert title_similarity(a, b) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"), [("ログイン page", "login page"), ("마케팅 plan", "marketing plan")]
)
def test_chart_glossary_terms_in_kana_or_hangul_are_matched(a: str, b: str) -> None:
    """Kana and hangul words are spaced like English ones: the glossary must find them there
    (they were filed with the Chinese terms, which are only looked for inside Han runs)."""
    vocab = vocabulary([("ログイン", "login"), ("마케팅", "marketing")])
    assert title_similarity(a, b, vocab) == 1.0
