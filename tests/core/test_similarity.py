"""Near-duplicate titles: the n-gram measure (English and Chinese) and the exact similarity join."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.core.analysis.similarity import (
    ALPHA,
    BETA,
    DEFAULT_THRESHOLD,
    similar_pairs,
    title_similarity,
    title_vectors,
)
from rolemap.core.analysis.text import title_grams, title_weights
from tests.core.analysis_charts import DUPLICATES, NOT_DUPLICATES


def _exact(vector: dict[str, float]) -> dict[str, Fraction]:
    # Token weights are 1, 0.2, 0.35 or 0.4: read them as the decimals they are.
    return {t: Fraction(str(w)) for t, w in vector.items()}


def exact_jaccard(wa: dict[str, Fraction], wb: dict[str, Fraction]) -> Fraction:
    """The near-duplicate score (similarity.score_of) in exact arithmetic."""
    low = sum((min(wa[g], wb[g]) for g in wa.keys() & wb.keys()), Fraction(0))
    da = sum(wa.values(), Fraction(0)) - low
    db = sum(wb.values(), Fraction(0)) - low
    small, large = min(da, db), max(da, db)
    high = low + Fraction(str(ALPHA)) * small + Fraction(str(BETA)) * large
    return low / high if high else Fraction(0)


def exact_similarity(a: str, b: str) -> Fraction:
    """The weighted Jaccard similarity of two titles in exact arithmetic."""
    va, vb = title_vectors([a, b])
    return exact_jaccard(_exact(va), _exact(vb))


def naive_pairs(titles: list[str], threshold: float) -> list[tuple[int, int]]:
    """The all-pairs answer the join must equal, decided exactly: similarity >= threshold."""
    vectors = [_exact(v) for v in title_vectors(titles)]
    return [
        (i, j)
        for i, j in combinations(range(len(titles)), 2)
        if exact_jaccard(vectors[i], vectors[j]) >= Fraction(str(threshold))  # 0.2 means 1/5
    ]


def joined(titles: list[str], threshold: float = DEFAULT_THRESHOLD) -> list[tuple[int, int]]:
    pairs = similar_pairs(titles, threshold)
    vectors = [_exact(v) for v in title_vectors(titles)]
    for i, j, score in pairs:
        assert score == pytest.approx(float(exact_jaccard(vectors[i], vectors[j])))
    return [(i, j) for i, j, _ in pairs]


def test_default_threshold() -> None:
    assert DEFAULT_THRESHOLD == 0.6


def test_spaced_words_are_tokens_of_weight_one_little_words_less() -> None:
    assert title_weights("Go") == {"go": 1.0}
    assert title_weights("Push coupons for riders!") == {
        "push": 1.0, "coupon": 1.0, "for": 0.2, "rider": 1.0,
    }  # fmt: skip


def test_cjk_gives_characters_and_neighbour_pairs() -> None:
    weights = title_weights("校园大使")
    assert weights == {
        "校": 0.35, "园": 0.35, "大": 0.35, "使": 0.35, "校园": 0.4, "园大": 0.4, "大使": 0.4,
    }  # fmt: skip
    assert title_grams("拉") == {"拉"}
    # Punctuation splits runs: no pair spans "：".
    assert "文指" not in title_grams("推文：指南")


def test_mixed_scripts_split_into_runs() -> None:
    assert title_grams("App推送") == {"app", "推", "送", "推送"}


def test_a_typo_folds_onto_the_charts_own_word() -> None:
    a, b = title_vectors(["Recruit campus ambassadors", "Recruit campus ambasadors"])
    assert a == b


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("公众号推文：安全骑行指南", "公众号推文:安全骑行指南!"),
        ("WeChat article: safe riding guide", "wechat ARTICLE – safe-riding guide!"),
        ("Ｗｅｃｈａｔ　Ａｒｔｉｃｌｅ", "wechat article"),
        ("月卡到期续费提醒", "「月卡到期续费提醒」"),
    ],
)
def test_case_width_and_punctuation_do_not_count(a: str, b: str) -> None:
    assert title_grams(a) == title_grams(b)


def test_titles_without_letters_have_no_grams_and_match_nothing() -> None:
    assert title_grams("!!! ——") == frozenset()
    assert similar_pairs(["!!!", "——", "...", "Push coupons"]) == []


@pytest.mark.parametrize(("a", "b"), DUPLICATES)
def test_near_duplicates_reach_the_threshold(a: str, b: str) -> None:
    assert title_similarity(a, b) >= DEFAULT_THRESHOLD
    assert joined([a, b]) == [(0, 1)]


@pytest.mark.parametrize(("a", "b"), NOT_DUPLICATES)
def test_titles_sharing_a_common_word_stay_below(a: str, b: str) -> None:
    assert title_similarity(a, b) < DEFAULT_THRESHOLD
    assert joined([a, b]) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ambassador kit", "Ambassador pay"),
        ("Onboarding FAQ", "Onboarding kit"),
        ("Recruitment ads", "Recruitment day"),
    ],
)
def test_one_long_shared_word_is_not_a_duplicate(a: str, b: str) -> None:
    """Two-word titles that share only one word ("titles that only share a common word must
    not match"): every word weighs 1, however long."""
    assert similar_pairs([a, b]) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("APP登陆页改版", "APP登录页改版"),  # a well-known wrongly written word (错别字)
        ("新用户优惠卷发放", "新用户优惠券发放"),
        ("客服系统布署上线", "客服系统部署上线"),
    ],
)
def test_well_known_chinese_misspellings_are_read_as_the_word(a: str, b: str) -> None:
    """Common wrongly written words (登陆/登录, 优惠卷/优惠券) are read as the right word."""
    assert joined([a, b]) == [(0, 1)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("夏季促销海报", "冬季促销海报"),  # another season: another piece of work
        ("Q3 brand awareness survey", "Q4 brand awareness survey"),
        pytest.param(
            "货车通行费优惠",
            "客车通行费优惠",
            marks=pytest.mark.xfail(reason="known: one character of a two-character word"),
        ),
        ("Summer camp early-bird offer", "Winter camp early-bird offer"),
        ("Loyal customer thank-you cards", "Local customer thank-you cards"),
    ],
)
def test_one_substituted_word_is_another_instance_of_the_work(a: str, b: str) -> None:
    """Each title has a word the other lacks: penalised twice (ALPHA), unlike added detail."""
    assert joined([a, b]) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Refund desk rota", "Refund desk rota north river harbour gate"),
        ("Bike repair shift", "Bike repair shift north river harbour gate"),
    ],
)
def test_similarity_exactly_at_the_threshold_counts_in_any_order(a: str, b: str) -> None:
    """Three words in common, four added: 3 / (3 + 0.5 * 4) = exactly 0.6, a near-duplicate.
    Float rounding must not decide it, nor the order the titles come in."""
    assert exact_similarity(a, b) == Fraction(3, 5)
    assert joined([a, b]) == [(0, 1)]
    assert joined([b, a]) == [(0, 1)]
    assert joined(["Unrelated task", b, "Another one", a]) == [(1, 3)]


def test_pairs_are_ordered_and_scored() -> None:
    titles = [
        "Recruit campus ambassadors",
        "Campus poster design",
        "校园大使招募",
        "recruit campus ambassadors!",
        "校园大使招募。",
        "Campus ambassadors: recruit",
    ]
    # The glossary makes 校园大使 "campus ambassador" and 招募 "recruit": every recruiting title
    # is one piece of work, in either language; the poster stays apart.
    assert joined(titles) == [
        (0, 2), (0, 3), (0, 4), (0, 5), (2, 3), (2, 4), (2, 5), (3, 4), (3, 5), (4, 5)
    ]  # fmt: skip


WORDS = [
    "campus", "ambassador", "ambassadors", "recruit", "poster", "design", "WeChat", "article",
    "safe", "riding", "guide", "monthly", "pass", "renewal", "reminder", "coupon", "push",
    "校园", "大使", "招募", "海报", "设计", "公众号", "推文", "安全", "骑行", "指南", "月卡",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", ": ", "：", "-", "!", "、", ""]


@st.composite
def titles(draw: st.DrawFn) -> str:
    """Titles from a small vocabulary (so near-duplicates are common), or arbitrary text."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.text(min_size=1, max_size=20))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
    title = words[0]
    for word in words[1:]:
        title += draw(st.sampled_from(SEPARATORS)) + word
    if draw(st.booleans()):  # a small edit: drop, double or swap one character
        i = draw(st.integers(0, len(title) - 1))
        title = draw(
            st.sampled_from([title[:i] + title[i + 1 :], title[:i] + title[i] + title[i:]])
        )
    return title or "x"


@settings(max_examples=200, deadline=None)
@given(st.lists(titles(), max_size=40))
def test_join_equals_all_pairs_at_the_default_threshold(items: list[str]) -> None:
    assert joined(items) == naive_pairs(items, DEFAULT_THRESHOLD)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(titles(), max_size=30),
    st.one_of(
        st.sampled_from([0.1, 0.25, 0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1.0]),
        st.floats(min_value=0.05, max_value=1.0),
    ),
)
def test_join_equals_all_pairs_at_any_threshold(items: list[str], threshold: float) -> None:
    assert joined(items, threshold) == naive_pairs(items, threshold)


@settings(max_examples=100, deadline=None)
@given(st.lists(titles(), max_size=20), st.randoms(use_true_random=False))
def test_join_does_not_depend_on_order(items: list[str], rnd: object) -> None:
    order = list(range(len(items)))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    shuffled = [items[k] for k in order]
    found = {frozenset((order[i], order[j])) for i, j, _ in similar_pairs(shuffled)}
    assert found == {frozenset((i, j)) for i, j, _ in similar_pairs(items)}


def test_identical_titles_in_bulk() -> None:
    """Many copies of one title: every pair is reported, once."""
    items = ["Push coupons"] * 30 + ["校园大使招募"] * 5
    pairs = similar_pairs(items)
    assert len(pairs) == 30 * 29 // 2 + 5 * 4 // 2
    assert len(set(pairs)) == len(pairs)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles(), min_size=1, max_size=30),
    st.lists(st.tuples(st.integers(0, 29), titles()), max_size=4),
    st.lists(titles(), max_size=3),
)
def test_incremental_rerun_equals_a_full_join(
    items: list[str], edits: list[tuple[int, str]], appended: list[str]
) -> None:
    from rolemap.core.analysis import similarity

    similar_pairs(items)  # primes the cache
    edited = list(items)
    for index, title in edits:
        edited[index % len(edited)] = title
    edited += appended
    incremental = similar_pairs(edited)
    similarity.forget()  # a full join
    assert incremental == similar_pairs(edited)


def components(n: int, pairs: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    """Connected groups of the all-pairs answer, by first member."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in pairs:
        parent[find(i)] = find(j)
    found: dict[int, list[int]] = {}
    for i, j in pairs:
        for k in (i, j):
            found.setdefault(find(k), []).append(k)
    return sorted(tuple(sorted(set(m))) for m in found.values())


@settings(max_examples=200, deadline=None)
@given(st.lists(titles(), max_size=25), st.sampled_from([0.2, 0.35, 0.5, 0.6, 0.75, 0.9, 1.0]))
def test_groups_are_the_connected_parts_of_all_pairs(items: list[str], threshold: float) -> None:
    from rolemap.core.analysis.similarity import similar_groups

    groups = similar_groups(items, threshold)
    assert [g.members for g in groups] == components(len(items), naive_pairs(items, threshold))
    pairs = {(i, j): score for i, j, score in similar_pairs(items, threshold)}
    for g in groups:
        inside = [s for (i, j), s in pairs.items() if i in g.members and j in g.members]
        assert g.score == max(inside)  # the best pair of all, whichever joined the group
        if len(g.members) == 2:
            assert g.score == pairs[g.members]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles(), min_size=1, max_size=30),
    st.lists(st.tuples(st.integers(0, 29), titles()), max_size=4),
    st.lists(titles(), max_size=3),
)
def test_incremental_groups_equal_a_full_join(
    items: list[str], edits: list[tuple[int, str]], appended: list[str]
) -> None:
    from rolemap.core.analysis import similarity
    from rolemap.core.analysis.similarity import similar_groups

    similar_groups(items)  # primes the cache
    edited = list(items)
    for index, title in edits:
        edited[index % len(edited)] = title
    edited += appended
    incremental = similar_groups(edited)
    similarity.forget()
    assert incremental == similar_groups(edited)  # members and scores
    assert similar_groups(items) == similar_groups(list(items))  # back again: the same
    similarity.forget()
    assert similar_groups(items) == similar_groups(list(items))


def test_a_cluster_of_near_identical_titles_is_one_group(monkeypatch) -> None:
    """1,000 titles that all say nearly the same thing: one group, found without comparing
    every pair (the output and the work stay linear). Counted in the Python join (the
    compiled one follows the same steps: tests/core/test_cjoin.py)."""
    from rolemap.core.analysis import cjoin, join, similarity
    from rolemap.core.analysis.similarity import similar_groups

    monkeypatch.setenv("ROLEMAP_PURE_JOIN", "1")
    cjoin._library.cache_clear()
    monkeypatch.setattr(cjoin, "_library", lambda: None)
    similarity.forget()

    items = [f"Spring sale launch plan for the Shanghai stores wave {k % 3}" for k in range(1000)]
    items += ["Recruit campus ambassadors", "Recruit campus ambassador"]
    verified = 0
    real = join.score_of

    def counting(*args: float) -> float:
        nonlocal verified
        verified += 1
        return real(*args)

    join.score_of = counting  # type: ignore[assignment]
    try:
        groups = similar_groups(items)
    finally:
        join.score_of = real  # type: ignore[assignment]
    assert [len(g.members) for g in groups] == [1000, 2]
    assert verified < 5_000  # all pairs would be 500,000


def test_a_huge_word_or_title_costs_little() -> None:
    """Issue 13, fault 1: typo folding was quadratic in word length (a 40,000-letter word took
    25 s and 3.2 GB). Words over 40 letters are never folded and only the first 500 characters
    of a title are compared, so the cost is bounded whatever is pasted."""
    import time

    from rolemap.core.analysis import analyse
    from rolemap.core.model import Chart

    long_word = "a" * 40_000
    huge = "campaign " * 1_200_000  # about 10 MB
    titles = [long_word, long_word + "b", "x" + long_word, huge, huge + " extra", "Launch plan"]
    start = time.perf_counter()
    pairs = similar_pairs(titles)
    assert time.perf_counter() - start < 20
    assert (3, 4) in [(i, j) for i, j, _ in pairs]  # the same first 500 characters
    chart = Chart.model_validate(
        {
            "title": "x",
            "functions": [{"id": "a", "name": "A"}],
            "goals": [{"id": "g", "name": "g", "owner": "a", "kpis": [huge]}],
            "tasks": [
                {"id": f"t{i}", "title": t, "raci": {"a": "A"}} for i, t in enumerate(titles)
            ],
        }
    )
    start = time.perf_counter()
    analyse(chart)
    assert time.perf_counter() - start < 30


@pytest.mark.parametrize(
    ("a", "b", "duplicate"),
    [
        # Issue 14: a shared phrase in one script does not outweigh a differing word in the other.
        ("春季会员拉新活动方案·Berlin", "春季会员拉新活动方案·Paris", False),
        ("双十一大促活动方案·Berlin", "双十一大促活动方案·Paris", False),
        ("春季会员拉新活动方案·Berlin", "春季会员拉新活动方案 · berlin", True),
        # ... while a mixed title still meets its one-script translation, and numbers or
        # glossary terms in a Chinese title do not make it "mixed".
        ("小程序 launch plan", "mini program launch plan", True),
        ("618 GMV复盘", "618成交总额复盘", True),
        ("流失用户召回短信", "流失用户召回短信，附5元券", True),
    ],
)
def test_mixed_script_titles_weigh_each_script_alike(a: str, b: str, duplicate: bool) -> None:
    assert (title_similarity(a, b) >= DEFAULT_THRESHOLD) is duplicate


def test_clustered_mixed_titles_are_not_one_group() -> None:
    phrases = ["春季会员拉新活动方案", "双十一大促预热海报", "老用户召回"]
    words = ["Berlin", "Paris", "Tokyo", "Sydney", "Lagos", "Lima", "Oslo", "Quito"]
    items = [f"{p}·{w}" for p in phrases for w in words]
    from rolemap.core.analysis.similarity import similar_groups

    assert similar_groups(items) == []
    # The bare phrase is the generic version of each: added detail, so one group per phrase.
    hub = [len(g.members) for g in similar_groups([*items, "老用户召回"])]
    assert hub == [9]


def test_a_join_spread_over_two_processes_gives_the_same_answer(monkeypatch) -> None:
    """Issue 14: above PARALLEL_MIN titles the join runs in two forked processes, each indexing
    every title and probing with half of them; the union is the one-process answer."""
    import random
    import threading

    from rolemap.core.analysis import join
    from rolemap.core.analysis.similarity import _vectors
    from rolemap.core.analysis.terms import builtin_vocabulary

    rng = random.Random(7)
    words = "launch plan spring sale report weekly 登录 页面 优化 活动方案 q3 q4 poster".split()
    items = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) for _ in range(400)]
    prep = join.Prepared.of(_vectors(items, builtin_vocabulary())[1])
    monkeypatch.setattr(join, "PARALLEL_MIN", 100)
    for groups, parts in ((False, 2), (True, 2), (True, 3)):
        spread = join.parallel_join(prep, DEFAULT_THRESHOLD, groups=groups, parts=parts)
        if spread is None:
            assert threading.active_count() > 1 or not hasattr(__import__("os"), "fork")
            continue
        alone = join.join(prep, DEFAULT_THRESHOLD, groups=groups)
        if groups:
            assert [m for m, _ in join.groups_of(400, spread)] == [
                m for m, _ in join.groups_of(400, alone)
            ]
        else:
            assert spread == alone


def test_a_group_shows_its_best_pair_whichever_pair_joined_it() -> None:
    """The join met the weaker pairs of these three first (0.64): the group's similarity is
    still its best pair's (0.71), after a rerun too, so the warning reads the same in CI and
    in the app after an edit and its undo."""
    from rolemap.core.analysis import similarity
    from rolemap.core.analysis.similarity import similar_groups, title_similarity

    items = [
        "Launch Valentine's Day email blast for the membership card",
        "Review Valentine's Day email blast for the membership card",
        "Refresh Valentine's Day email blast on Weibo for the membership card in Hefei",
    ]
    best = max(title_similarity(a, b) for a, b in combinations(items, 2))
    similarity.forget()
    (group,) = similar_groups(items)
    assert group.members == (0, 1, 2)
    assert group.score == best == pytest.approx(0.711538462)
    similar_groups([*items[:2], items[2] + " and Suzhou"])  # an edit, then its undo
    assert similar_groups(items) == [group]


def test_a_large_group_shows_the_same_score_whatever_the_path() -> None:
    """Over 40 members: the best pair among the first 40, the same after an edit and undo."""
    from rolemap.core.analysis import similarity
    from rolemap.core.analysis.similarity import EXACT_GROUP, similar_groups, title_similarity

    extra = ["now", "today", "posters", "malls", "members", "email", "weibo", "again"]
    base = "Spring sale launch plan for the Shanghai stores "
    items = [base + " ".join(words) for words in combinations(extra, 3)]  # 56 titles
    similarity.forget()
    (group,) = similar_groups(items)
    assert len(group.members) == 56 > EXACT_GROUP
    first = items[:EXACT_GROUP]
    assert group.score == max(title_similarity(a, b) for a, b in combinations(first, 2))
    similar_groups([*items[:30], items[30] + " again", *items[31:]])  # an edit, then its undo
    assert similar_groups(items) == [group]


def test_a_rerun_after_edits_that_change_word_counts_equals_a_full_join() -> None:
    """The rerun updates the chart's word counts by what changed (typo folding reads them):
    edits that make a misspelling the more frequent spelling, then remove it, agree with a
    full join each time."""
    from rolemap.core.analysis import similarity
    from rolemap.core.analysis.similarity import similar_groups, similar_pairs

    items = [
        "Campaign launch plan for Berlin",
        "Campaign launch plan for Paris",
        "Campiagn launch plan for Berlin",
        "Partner webinar follow-up",
        "Partner webinar follow up mail",
    ]
    steps = [
        [*items[:4], "Campiagn launch plan for Rome"],
        [*items[:1], "Campiagn launch plan for Paris", *items[2:4], "Campiagn launch plan"],
        items,
        [*items, "Campaign launch plan for Berlin again"],
        [*items[:2], "Partner webinar follow-up", *items[3:]],
    ]
    similarity.forget()
    similar_groups(items)
    similar_pairs(items)
    for edited in steps:
        groups, pairs = similar_groups(edited), similar_pairs(edited)
        similarity.forget()
        assert groups == similar_groups(edited)
        assert pairs == similar_pairs(edited)
        similarity.forget()
        similar_groups(items), similar_pairs(items)
        assert similar_groups(edited) == groups and similar_pairs(edited) == pairs
