"""The precomputed built-in glossary (analysis.compiled) gives exactly the live vocabulary."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest

from rolemap.core.analysis import compiled, text
from rolemap.core.analysis.terms import Vocabulary, builtin_vocabulary, vocabulary
from rolemap.core.glossary import builtin_groups

TITLES = [
    "Run the CS hotline for new users",
    "customer service hotline",
    "客服热线",
    "开展会员日活动",
    "双11 h5页面 campaign",
    "Recruiting influencers for the summer livestream",
    "提升日活跃用户数 DAU",
    "SEO / SEM keyword bidding (Q3)",
    "拉新活动·Berlin",
    "Ｆｕｌｌ－ｗｉｄｔｈ　ＫＰＩ　ｒｅｖｉｅｗ",
]


def _fields(v: Vocabulary) -> dict[str, Any]:
    return {
        "words": v.words,
        "chars": v.chars,
        "first": v.first,
        "names": v.names,
        "ends": v._ends,
        "starts": v._starts,
        "mixed": None if v._mixed is None else v._mixed.pattern,
    }


def test_the_file_is_up_to_date_with_the_glossary_stemmer_and_unicode() -> None:
    stored = json.loads(compiled.compiled_path().read_text(encoding="utf-8"))
    assert stored == json.loads(compiled.dumps(compiled.make())), (
        "resources/glossary/terms.compiled.json is out of date: run python tools/make_compiled.py"
    )


def test_the_stored_groups_are_used_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def unused() -> None:
        raise AssertionError("the glossary was compiled again")

    monkeypatch.setattr("rolemap.core.glossary.builtin_groups", unused)
    compiled.builtin_compiled.cache_clear()
    try:
        assert len(compiled.builtin_compiled()) == len(builtin_groups())
    finally:
        compiled.builtin_compiled.cache_clear()


def test_builtin_vocabulary_is_the_one_built_from_the_glossary() -> None:
    live = Vocabulary(builtin_groups())
    fast = builtin_vocabulary()
    assert _fields(fast) == _fields(live)
    for title in TITLES:
        assert fast.tokens(title) == live.tokens(title), title


@pytest.mark.parametrize(
    "chart",
    [
        [["CS", "support desk"]],  # extends a built-in group
        [["拉新", "growth hacking", "增长黑客"]],
        [["hotline", "热线电话"], ["会员日", "member day"]],
    ],
)
def test_a_charts_glossary_comes_first_as_before(chart: list[list[str]]) -> None:
    live = Vocabulary([*chart, *builtin_groups()])
    fast = vocabulary(chart)
    assert _fields(fast) == _fields(live)
    for title in [*TITLES, "support desk for 增长黑客 on member day"]:
        assert fast.tokens(title) == live.tokens(title), title


def test_a_stale_file_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    stored = dict(compiled._stored() or {})
    stored["glossary_sha256"] = "0" * 64
    stored["groups"] = [[["not the glossary", ["not", "the", "glossari"]]]]
    monkeypatch.setattr(compiled, "_stored", lambda: stored)
    compiled.builtin_compiled.cache_clear()
    try:
        assert _fields(Vocabulary(compiled=compiled.builtin_compiled())) == _fields(
            Vocabulary(builtin_groups())
        )
    finally:
        compiled.builtin_compiled.cache_clear()


def test_another_stemmer_is_not_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled, "stemmer_fingerprint", lambda: None)
    compiled.builtin_compiled.cache_clear()
    try:
        assert compiled.builtin_compiled() == tuple(map(compiled.compile_group, builtin_groups()))
    finally:
        compiled.builtin_compiled.cache_clear()


def test_the_punctuation_table_is_unicodes() -> None:
    table = text._punct_to_space()
    expected = {cp for cp in range(0x10000) if unicodedata.category(chr(cp))[0] in "PS"}
    assert set(table) == expected
    assert set(table.values()) == {" "}


def test_the_english_stemmer_alone_stems_as_snowballstemmer() -> None:
    import snowballstemmer  # type: ignore[import-untyped]

    from rolemap.core.analysis import terms
    from rolemap.core.analysis.similarity import known_words

    ours, theirs = terms._stemmer(), snowballstemmer.stemmer("english")
    assert type(ours).__module__.endswith("._snowball_en.english_stemmer")
    words = [*list(known_words())[::25], "running", "skies", "generously", "communication"]
    assert [ours.stemWord(w) for w in words] == [theirs.stemWord(w) for w in words]  # type: ignore[attr-defined]


def test_snowballstemmer_is_used_as_usual_beside_pystemmer(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from rolemap.core.analysis import terms

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: object() if name == "Stemmer" else real(name, *a),
    )
    terms._stemmer.cache_clear()
    try:
        assert type(terms._stemmer()).__module__ == "snowballstemmer.english_stemmer"
    finally:
        terms._stemmer.cache_clear()
