"""The compiled near-duplicate join (``_cjoin.c`` through ``cjoin.py``) gives the Python
join's answer: the same pairs with the same scores, the same spanning forest of groups (it
meets candidates in the same order), with a subset of members and a forest already known,
and the same groups when its probes are split over threads."""

from __future__ import annotations

import os
import random
import shutil
import sys
import sysconfig
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.core.analysis import cjoin
from rolemap.core.analysis import join as python
from rolemap.core.analysis.similarity import DEFAULT_THRESHOLD, _vectors
from rolemap.core.analysis.terms import builtin_vocabulary
from tests.core.test_similarity import titles


@contextmanager
def pure_join(pure: bool) -> Iterator[None]:
    """Run with the Python join only (``ROLEMAP_PURE_JOIN=1``) or with the compiled one."""
    before = os.environ.get("ROLEMAP_PURE_JOIN")
    os.environ["ROLEMAP_PURE_JOIN"] = "1" if pure else "0"
    cjoin._library.cache_clear()
    try:
        yield
    finally:
        if before is None:
            del os.environ["ROLEMAP_PURE_JOIN"]
        else:
            os.environ["ROLEMAP_PURE_JOIN"] = before
        cjoin._library.cache_clear()


def _compiler() -> bool:
    cc = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    return any(shutil.which(c) for c in (cc, "cc", "gcc", "clang"))


compiled = pytest.mark.skipif(
    not cjoin.available(), reason="the compiled join is not built (python hatch_build.py)"
)


@pytest.mark.skipif(sys.platform == "win32" or not _compiler(), reason="no C compiler here")
def test_the_compiled_join_is_built_where_a_compiler_is() -> None:
    """Installing rolemap (``pip install -e .``, a wheel) builds the library with the C
    compiler: where there is one, the tests below must not all be skipped silently."""
    assert cjoin.library_path().is_file(), "run `python hatch_build.py` after editing _cjoin.c"
    assert cjoin.available(), "the library does not load or is of another version"


def test_the_python_join_runs_when_asked_or_when_the_library_is_missing() -> None:
    from rolemap.core.analysis.rerun import full_join

    vectors = _vectors(["a b c", "a b c d"], builtin_vocabulary())[1]
    prep = python.Prepared.of(vectors)
    with pure_join(True):
        assert not cjoin.available()
        assert cjoin.join(prep, DEFAULT_THRESHOLD) is None
        assert cjoin.join_vectors(vectors, DEFAULT_THRESHOLD, groups=False) is None
        edges, totals = full_join(vectors, DEFAULT_THRESHOLD, groups=False)
        assert totals == prep.totals
        assert edges == python.join(prep, DEFAULT_THRESHOLD) != []


def _prepared(items: list[str]) -> python.Prepared:
    return python.Prepared.of(_vectors(items, builtin_vocabulary())[1])


THRESHOLDS = st.one_of(
    st.sampled_from([0.1, 0.25, 0.5, 0.6, 0.75, 0.9, 1.0]), st.floats(min_value=0.05, max_value=1)
)


@compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(titles(), max_size=40), THRESHOLDS, st.booleans())
def test_the_compiled_join_equals_the_python_join(
    items: list[str], threshold: float, groups: bool
) -> None:
    vectors = _vectors(items, builtin_vocabulary())[1]
    prep = python.Prepared.of(vectors)
    expected = python.join(prep, threshold, groups=groups)
    assert cjoin.join(prep, threshold, groups=groups) == expected
    # Straight from the vectors (token ids numbered the same, rows sorted in C).
    assert cjoin.join_vectors(vectors, threshold, groups=groups) == (expected, prep.totals)


@compiled
@settings(max_examples=150, deadline=None)
@given(
    st.lists(titles(), min_size=1, max_size=30),
    st.sets(st.integers(0, 29)),
    st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=6),
)
def test_a_compiled_join_of_some_members_with_known_groups(
    items: list[str], chosen: set[int], known: list[tuple[int, int]]
) -> None:
    """What an incremental rerun asks: a subset of titles, and groups already joined."""
    prep = _prepared(items)
    n = len(items)
    members = sorted(i for i in chosen if i < n)
    forests = [python._Forest(n), python._Forest(n)]
    for forest in forests:
        for i, j in known:
            forest.union(i % n, j % n)
    here = cjoin.join(prep, DEFAULT_THRESHOLD, groups=True, members=members, forest=forests[0])
    there = python.join(prep, DEFAULT_THRESHOLD, groups=True, members=members, forest=forests[1])
    assert here == there
    assert [forests[0].find(i) for i in range(n)] == [forests[1].find(i) for i in range(n)]


def _phrase_titles(count: int, seed: int) -> list[str]:
    """Titles that share common phrases, in Chinese and English (as teams write them)."""
    rng = random.Random(seed)
    phrases = ["老用户召回", "校园大使招募", "spring sale", "会员续费提醒", "store launch"]
    words = "海报 推文 上海 北京 q3 q4 coupon poster weekly report 门店 骑行 安全".split()
    out = []
    for _ in range(count):
        parts = [rng.choice(phrases)] + [rng.choice(words) for _ in range(rng.randint(0, 4))]
        rng.shuffle(parts)
        out.append(rng.choice(["", " ", "·"]).join(parts))
    return out


@compiled
@pytest.mark.parametrize("seed", [1, 2])
def test_the_compiled_join_equals_the_python_join_on_a_chart_of_phrases(seed: int) -> None:
    prep = _prepared(_phrase_titles(1500, seed))
    for groups in (False, True):
        assert cjoin.join(prep, DEFAULT_THRESHOLD, groups=groups) == python.join(
            prep, DEFAULT_THRESHOLD, groups=groups
        )


@compiled
@pytest.mark.parametrize("parts", [2, 3])
def test_a_compiled_join_split_over_threads_finds_the_same(parts: int) -> None:
    items = _phrase_titles(800, 3)
    prep = _prepared(items)
    alone = python.join(prep, DEFAULT_THRESHOLD)
    assert cjoin.join(prep, DEFAULT_THRESHOLD, parts=parts) == alone
    spread = cjoin.join(prep, DEFAULT_THRESHOLD, groups=True, parts=parts)
    assert spread is not None
    members = [m for m, _ in python.groups_of(len(items), spread)]
    assert members == [m for m, _ in python.groups_of(len(items), alone)]


@compiled
def test_the_analysis_uses_the_compiled_join_and_says_the_same() -> None:
    from rolemap.core.analysis import similarity

    items = _phrase_titles(600, 4)
    similarity.forget()
    here = similarity.similar_groups(items)
    with pure_join(True):
        similarity.forget()
        there = similarity.similar_groups(items)
    similarity.forget()
    assert here == there and len(here) > 5
