"""Typo folding kept between calls (``typos._Neighbours``) maps exactly as a full pass over
the words does, whatever words came and went since the previous call."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.core.analysis.terms import MAX_WORD, stem
from rolemap.core.analysis.typos import (
    MIN_TYPO_LENGTH,
    _deletions,
    _one_edit,
    fold_typos,
    known_words,
)


def fold_from_scratch(words: Counter[str]) -> dict[str, str]:
    """The mapping as rolemap computed it before the neighbours were kept: every word's
    deletion keys, then the words most frequent first."""
    by_key: dict[str, list[str]] = {}
    candidates = [
        w for w in words if MIN_TYPO_LENGTH <= len(w) <= MAX_WORD and w.isascii() and w.isalpha()
    ]
    for word in candidates:
        for key in _deletions(word) | {word}:
            by_key.setdefault(key, []).append(word)
    mapping: dict[str, str] = {}
    real = known_words()
    for word in sorted(candidates, key=lambda w: (-words[w], w)):
        if word in mapping:
            continue
        for key in _deletions(word) | {word}:
            for other in by_key.get(key, ()):
                if other != word and other not in mapping and _one_edit(word, other):
                    if other in real or stem(other) in real:
                        continue
                    mapping[other] = word
    return mapping


# Words a few letters apart, real ones among them, so that typos are common.
STEMS = ["ambassador", "ambasador", "campaign", "campain", "local", "loyal", "quota", "quote"]
LETTERS = "aeilnorst"


@st.composite
def word(draw: st.DrawFn) -> str:
    base = draw(st.sampled_from(STEMS))
    edits = draw(st.integers(0, 2))
    for _ in range(edits):
        i = draw(st.integers(0, len(base) - 1))
        base = draw(
            st.sampled_from(
                [
                    base[:i] + base[i + 1 :],
                    base[:i] + draw(st.sampled_from(LETTERS)) + base[i:],
                    base[:i] + draw(st.sampled_from(LETTERS)) + base[i + 1 :],
                    base[:i] + base[i + 1 : i + 2] + base[i : i + 1] + base[i + 2 :],
                ]
            )
        )
    return base or "x"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.dictionaries(word(), st.integers(1, 6), max_size=12), min_size=1, max_size=5))
def test_folding_kept_between_calls_equals_a_full_pass(charts: list[dict[str, int]]) -> None:
    for counts in charts:  # one call after another: words come and go
        words = Counter(counts)
        assert fold_typos(words) == fold_from_scratch(words)
