"""The compiled near-duplicate join (``cjoin.py`` over ``_cjoin.c``) attacked at its edges: it
must give the Python join's answer (``join.join``: the same edges in the same order) for any
weights and thresholds, empty and tiny charts, crowds of identical titles, long titles, many
threads, many calls; reruns after a series of edits must equal a fresh join."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.core.analysis import cjoin
from rolemap.core.analysis import join as python
from rolemap.core.analysis.join import overlap_of, score_of

compiled = pytest.mark.skipif(
    not cjoin.available(), reason="the compiled join is not built (python hatch_build.py)"
)
ROOT = Path(__file__).resolve().parents[2]

# The weights titles get (words, little words, Chinese characters and pairs), weights raised
# by balance_scripts (9 decimals), and extremes.
WEIGHTS = st.one_of(
    st.sampled_from([1.0, 0.2, 0.35, 0.4]),
    st.floats(0.01, 3.0).map(lambda w: round(w, 9)),
    st.sampled_from([1e-9, 1e-6, 1e6, 0.0]),
)
VECTOR = st.dictionaries(st.sampled_from([f"t{k}" for k in range(24)]), WEIGHTS, max_size=8)


def _same(vectors: list[dict[str, float]], threshold: float) -> None:
    prep = python.Prepared.of(vectors)
    for groups in (False, True):
        expected = python.join(prep, threshold, groups=groups)
        assert cjoin.join(prep, threshold, groups=groups) == expected
        assert cjoin.join_vectors(vectors, threshold, groups=groups) == (expected, prep.totals)


def _members(n: int, edges: list[python.Edge]) -> list[list[int]]:
    return [members for members, _ in python.groups_of(n, edges)]


@compiled
@settings(max_examples=120, deadline=None)
@given(
    st.lists(VECTOR, max_size=24),
    st.lists(st.tuples(st.integers(0, 23), st.integers(0, 23)), min_size=1, max_size=3),
    st.sampled_from([0.0, 1e-9, -1e-9, 5e-10, -5e-10, 2e-9]),
)
def test_any_weights_at_thresholds_on_a_pairs_own_score(
    vectors: list[dict[str, float]], picks: list[tuple[int, int]], offset: float
) -> None:
    """Thresholds exactly at (and within a rounding step of) the score of a pair of the chart,
    where the EPS margins and the rounding to 9 places decide."""
    vectors += [dict(v) for v in vectors[:3]]  # exact copies too
    prep = python.Prepared.of(vectors)
    thresholds = {0.6, 1.0}
    for a, b in picks:
        if len(vectors) > 1:
            i, j = a % len(vectors), b % len(vectors)
            s = score_of(
                overlap_of(prep.weights[i], prep.weights[j]), prep.totals[i], prep.totals[j]
            )
            if 0.0 < s + offset <= 1.0:
                thresholds.add(s + offset)
    for threshold in sorted(thresholds):
        _same(vectors, threshold)


@compiled
@pytest.mark.parametrize("threshold", [1e-12, 1e-3, 0.6, 1.0])
@pytest.mark.parametrize(
    "vectors",
    [[], [{}], [{}, {}], [{"a": 1.0}], [{"a": 1.0}, {}], [{}, {"a": 1.0}, {"a": 1.0}]],
    ids=["none", "one-empty", "two-empty", "one", "one-and-empty", "empty-first"],
)
def test_empty_and_tiny_charts(vectors: list[dict[str, float]], threshold: float) -> None:
    _same(vectors, threshold)
    prep = python.Prepared.of(vectors)
    for parts in (2, 8):
        assert cjoin.join(prep, threshold, parts=parts) == python.join(prep, threshold)


@compiled
def test_the_threshold_is_checked_as_in_python() -> None:
    prep = python.Prepared.of([{"a": 1.0}, {"a": 1.0}])
    for bad in (0.0, -0.5, 1.5, float("nan")):
        with pytest.raises(ValueError):
            cjoin.join(prep, bad)
        with pytest.raises(ValueError):
            python.join(prep, bad)


@compiled
def test_a_crowd_of_identical_titles_and_the_threads() -> None:
    """600 copies of a title (179,700 pairs), a second crowd, and loners: every pair once;
    one group per crowd however many threads probe."""
    vectors = [{"push": 1.0, "coupon": 1.0, "for": 0.2}] * 600
    vectors += [{"校园": 0.4, "大使": 0.4, "招": 0.35}] * 40 + [{f"x{k}": 1.0} for k in range(30)]
    prep = python.Prepared.of(vectors)
    pairs = cjoin.join(prep, 0.6)
    assert pairs == python.join(prep, 0.6)
    assert pairs is not None and len(pairs) == 600 * 599 // 2 + 40 * 39 // 2
    expected = python.join(prep, 1.0, groups=True)
    assert cjoin.join(prep, 1.0, groups=True) == expected
    for parts in range(2, 9):
        spread = cjoin.join(prep, 1.0, groups=True, parts=parts)
        assert spread is not None and _members(len(vectors), spread) == [
            list(range(600)),
            list(range(600, 640)),
        ]
    assert cjoin.join(prep, 0.6, parts=5) == pairs


@compiled
@pytest.mark.parametrize("threshold", [0.05, 0.6])
def test_titles_of_hundreds_of_tokens(threshold: float) -> None:
    """Longer than MAX_PAIR_PREFIX: indexed by single tokens; with short titles beside them
    so that every level of the index holds keys."""
    rng = random.Random(7)
    long = [{f"w{k}": 1.0 for k in rng.sample(range(400), 200)} for _ in range(12)]
    long += [dict(list(v.items())[:190]) for v in long[:4]]
    short = [{f"w{k}": rng.choice([1.0, 0.2, 0.4]) for k in range(j, j + 4)} for j in range(20)]
    _same(long + short, threshold)


@compiled
@settings(max_examples=60, deadline=None)
@given(
    st.lists(VECTOR, min_size=1, max_size=20),
    st.sets(st.integers(0, 19)),
    st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19)), max_size=5),
    st.integers(2, 8),
)
def test_members_and_known_groups_split_over_threads(
    vectors: list[dict[str, float]],
    chosen: set[int],
    known: list[tuple[int, int]],
    parts: int,
) -> None:
    """Members and a known forest with parts > 1: the same groups as the Python join's."""
    n = len(vectors)
    prep = python.Prepared.of(vectors)
    members = sorted(i for i in chosen if i < n)
    mine, theirs = python._Forest(n), python._Forest(n)
    for forest in (mine, theirs):
        for i, j in known:
            forest.union(i % n, j % n)
    edges = cjoin.join(prep, 0.5, groups=True, members=members, forest=mine, parts=parts)
    expected = python.join(prep, 0.5, groups=True, members=members, forest=theirs)
    assert edges is not None
    # The groups the edges make together with the known ones (as _join_members reads them).
    known_edges = [(i % n, j % n, 1.0) for i, j in known]
    assert _members(n, edges + known_edges) == _members(n, expected + known_edges)


@compiled
def test_members_given_twice_are_probed_as_python_probes_them() -> None:
    prep = python.Prepared.of([{"a": 1.0, "b": 1.0}, {"a": 1.0, "b": 1.0, "c": 0.2}, {"x": 1.0}])
    for groups in (False, True):
        assert cjoin.join(prep, 0.6, groups=groups, members=[0, 0, 1]) == python.join(
            prep, 0.6, groups=groups, members=[0, 0, 1]
        )


@compiled
def test_calls_from_several_threads_at_once_and_in_a_row() -> None:
    """Six Python threads each joining (some split over threads themselves): the same answers;
    and 100 calls in a row do not grow the process (the C frees what it allocates)."""
    from tests.core.test_cjoin import _phrase_titles, _prepared

    prep = _prepared(_phrase_titles(400, 5))
    pairs = python.join(prep, 0.6)
    groups = _members(len(prep.ids), python.join(prep, 0.6, groups=True))
    wrong: list[tuple[int, int]] = []

    def work(seed: int) -> None:
        for k in range(6):
            grouped = (seed + k) % 2 == 1
            found = cjoin.join(prep, 0.6, groups=grouped, parts=1 + (seed + k) % 3)
            assert found is not None
            if found != pairs if not grouped else _members(len(prep.ids), found) != groups:
                wrong.append((seed, k))

    threads = [threading.Thread(target=work, args=(s,)) for s in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []

    if not Path("/proc/self/statm").exists():
        return

    def resident_kb() -> int:
        return int(Path("/proc/self/statm").read_text().split()[1]) * 4

    rng = random.Random(3)
    chart = python.Prepared.of(
        [{f"w{k}": 1.0 for k in rng.sample(range(3000), 6)} for _ in range(2000)]
    )
    flat = cjoin._Flat.of_prepared(chart)  # the index the C builds is ~1.3 MB a call
    for k in range(10):
        cjoin._join(flat, 0.6, k % 2 == 1, None, None, 1 + k % 3)
    before = resident_kb()
    for k in range(100):
        cjoin._join(flat, 0.6, k % 2 == 1, None, None, 1 + k % 3)
    assert resident_kb() - before < 40_000  # measured: an index never freed grows it 134 MB


MIXED = [
    "春季会员拉新活动方案",
    "Berlin",
    "Shanghai",
    "校园大使招募",
    "campus ambassadors",
    "Push coupons",
    "推送优惠券",
    "q3",
    "海报",
    "poster design",
    "ambasadors",
]


@st.composite
def mixed_title(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(MIXED), min_size=1, max_size=4))
    return draw(st.sampled_from(["", " ", "·", ": "])).join(parts)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(mixed_title(), min_size=1, max_size=16),
    st.lists(
        st.lists(st.tuples(st.integers(0, 15), mixed_title()), min_size=1, max_size=3),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from([0.35, 0.6, 0.85]),
)
def test_a_series_of_reruns_equals_fresh_joins(
    items: list[str], rounds: list[list[tuple[int, str]]], threshold: float
) -> None:
    """Mixed-script titles (re-weighted by balance_scripts), typos that fold, several edits
    in a row at a threshold other than the default: each rerun equals a fresh join."""
    from rolemap.core.analysis import similarity

    similarity.forget()
    similarity.similar_groups(items, threshold)
    similarity.similar_pairs(items, threshold)
    now = list(items)
    for edits in rounds:
        for index, title in edits:
            now[index % len(now)] = title
        groups = similarity.similar_groups(now, threshold)
        pairs = similarity.similar_pairs(now, threshold)
        similarity.forget()
        assert groups == similarity.similar_groups(now, threshold)
        assert pairs == similarity.similar_pairs(now, threshold)
    similarity.forget()


# What is known to break. Each runs where a crash cannot take the test session with it.


def _run_alone(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


@compiled
def test_scores_at_a_rounding_half_step_are_rounded_as_python_rounds_them() -> None:
    # score = w / (w + 0.5 * 0.01) = 0.9344178005 (as a double): Python rounds it to
    # 0.934417801, the C to 0.9344178; the threshold 0.934417801 keeps it only in Python.
    vectors = [{"a": 0.07124019990363374}, {"a": 0.07124019990363374, "b": 0.01}]
    prep = python.Prepared.of(vectors)
    assert python.join(prep, 0.934417801) == [(0, 1, 0.934417801)]
    assert cjoin.join(prep, 0.934417801) == python.join(prep, 0.934417801)


@compiled
def test_a_known_forest_learns_the_groups_with_threads_too() -> None:
    prep = python.Prepared.of([{"a": 1.0, "b": 1.0}, {"a": 1.0, "b": 1.0, "c": 0.2}])
    forest = python._Forest(2)
    cjoin.join(prep, 0.6, groups=True, forest=forest, parts=2)
    assert forest.find(1) == 0


@compiled
def test_a_negative_member_is_refused_not_read_out_of_bounds() -> None:
    done = _run_alone(
        """
        from rolemap.core.analysis import cjoin, join
        prep = join.Prepared.of([{"a": 1.0, "b": 1.0}, {"a": 1.0, "b": 1.0, "c": 0.2}, {"x": 1.0}])
        try:
            cjoin.join(prep, 0.6, members=[-2, 0, 1])
        except (IndexError, ValueError):
            print("refused")
        """
    )
    assert done.returncode == 0 and done.stdout.strip() == "refused", done.stderr[-300:]


@compiled
def test_a_forest_too_small_for_the_chart_is_refused() -> None:
    done = _run_alone(
        """
        from rolemap.core.analysis import cjoin, join
        prep = join.Prepared.of([{"a": 1.0, "b": 1.0}, {"a": 1.0, "b": 1.0, "c": 0.2}, {"x": 1.0}])
        try:
            cjoin.join(prep, 0.6, groups=True, forest=join._Forest(1))
        except (IndexError, ValueError):
            print("refused")
        """
    )
    assert done.returncode == 0 and done.stdout.strip() == "refused", done.stderr[-300:]


def test_a_rerun_at_a_threshold_just_above_a_score_equals_a_fresh_join() -> None:
    from rolemap.core.analysis import similarity

    a, b = "Refund desk rota", "Refund desk rota north river harbour gate"  # 3 / (3 + 2) = 0.6
    threshold = 0.6 + 1e-10
    similarity.forget()
    fresh = similarity.similar_pairs([a, b], threshold)
    similarity.forget()
    similarity.similar_pairs([a, "Unrelated"], threshold)
    rerun = similarity.similar_pairs([a, b], threshold)  # one title edited: a rerun
    similarity.forget()
    # Both drop the pair, as the exact all-pairs answer does (0.6 < 0.6000000001): a pair is
    # kept when its score at 9 decimals reaches the threshold; the filters keep EPS margins.
    assert fresh == rerun == []


class _Interrupted(Exception):
    """Stands for the KeyboardInterrupt a Ctrl+C raises in the main thread."""


@compiled
def test_an_interrupted_split_join_waits_for_its_threads_before_freeing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    real = cjoin._library()
    assert real is not None
    seen: dict[str, int] = {"in_flight": 0, "freed_while": -1}
    started: list[threading.Thread] = []
    interrupted: list[bool] = []

    class Library:  # the real library, recording what runs when the index is freed
        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

        def rm_probe(self, handle: int, part: int, parts: int, parent: int, out: object) -> int:
            seen["in_flight"] += 1
            try:
                if part:
                    time.sleep(0.3)  # this part probes longer than the caller's
                if seen["freed_while"] >= 0:
                    return 0  # the real C would now read freed memory
                return int(real.rm_probe(handle, part, parts, parent, out))
            finally:
                seen["in_flight"] -= 1

        def rm_free(self, handle: int) -> None:
            seen["freed_while"] = seen["in_flight"]
            real.rm_free(handle)

    class Thread(threading.Thread):
        def start(self) -> None:
            started.append(self)
            super().start()

        def join(self, timeout: float | None = None) -> None:
            if not interrupted:  # Ctrl+C while the caller waits for the first part
                interrupted.append(True)
                raise _Interrupted
            super().join(timeout)

    monkeypatch.setattr(cjoin, "_library", Library)
    monkeypatch.setattr(cjoin, "threading", type("T", (), {"Thread": Thread}))
    prep = python.Prepared.of([{"a": 1.0, "b": 1.0}, {"a": 1.0, "b": 1.0, "c": 0.2}] * 4)
    with pytest.raises(_Interrupted):
        cjoin.join(prep, 0.6, parts=2)
    for t in started:
        threading.Thread.join(t)
    assert seen["freed_while"] == 0  # now 1: part 1 was still probing


@pytest.mark.parametrize("threshold", [0.6, 0.6 - 1e-10, 0.6 + 1e-10, 0.6 + 6e-10])
def test_every_join_keeps_a_pair_exactly_when_its_score_reaches_the_threshold(
    threshold: float,
) -> None:
    """3 / (3 + 2) = 0.6: kept at 0.6 and just below, dropped just above, by the Python and the
    compiled join and by a rerun alike."""
    from rolemap.core.analysis import similarity

    titles = ["Refund desk rota", "Refund desk rota north river harbour gate"]
    expected = [(0, 1)] if threshold <= 0.6 else []
    similarity.forget()
    fresh = [(i, j) for i, j, _ in similarity.similar_pairs(titles, threshold)]
    similarity.forget()
    similarity.similar_pairs([titles[0], "Unrelated"], threshold)
    rerun = [(i, j) for i, j, _ in similarity.similar_pairs(titles, threshold)]
    similarity.forget()
    assert fresh == rerun == expected
    prep = python.Prepared.of(similarity.title_vectors(titles))
    assert [(a, b) for a, b, _ in python.join(prep, threshold)] == expected
    if cjoin.available():
        assert [(a, b) for a, b, _ in cjoin.join(prep, threshold)] == expected
