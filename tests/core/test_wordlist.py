"""The English word list of typo folding: a compact sorted list, the same answers as a set."""

from __future__ import annotations

import random
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolemap.core.analysis.similarity import fold_typos, known_words
from rolemap.core.analysis.wordlist import WordList, dumps
from rolemap.resources import resources_dir


def test_the_shipped_file_is_sorted_lines_of_words_of_one_length() -> None:
    data = (resources_dir() / "words" / "en-stems.txt").read_bytes()
    lengths = []
    for line in data.decode("ascii").splitlines():
        size, _, words = line.partition(":")
        n = int(size)
        lengths.append(n)
        assert len(words) % n == 0
        items = [words[i : i + n] for i in range(0, len(words), n)]
        assert items == sorted(set(items))
        assert all(w.isalpha() and w.islower() for w in items[:: max(1, len(items) // 50)])
    assert lengths == sorted(set(lengths))
    assert len(known_words()) > 300_000


def test_membership_is_the_sets() -> None:
    words = known_words()
    every = set(words)
    assert len(every) == len(words)
    rng = random.Random(7)
    for word in list(every)[::97]:
        i = rng.randrange(len(word))
        for probe in (
            word,
            word[:i] + rng.choice(string.ascii_lowercase) + word[i + 1 :],
            word[:i] + word[i + 1 :],
            word + "s",
            word.upper(),
            word + "é",
        ):
            assert (probe in words) == (probe in every), probe


@pytest.mark.parametrize("word", ["loyal", "local", "quota", "quote", "contest", "content"])
def test_real_words_are_known(word: str) -> None:
    assert word in known_words()


@pytest.mark.parametrize(
    "word", ["ambasadors", "", "登录", "Loyal", "zzzzzzzzzzzzzzzzzzzzzzzzzzzz"]
)
def test_other_strings_are_not(word: str) -> None:
    assert word not in known_words()


def test_typos_still_fold_only_onto_non_words() -> None:
    from collections import Counter

    mapping = fold_typos(Counter({"ambassadors": 5, "ambasadors": 1, "local": 4, "loyal": 1}))
    assert mapping == {"ambasadors": "ambassadors"}


@given(st.sets(st.text(alphabet="abcxyz", min_size=1, max_size=6), max_size=40), st.text("abcxyz"))
def test_any_list_answers_as_its_set(words: set[str], probe: str) -> None:
    listed = WordList.of(words)
    assert (probe in listed) == (probe in words)
    assert sorted(listed) == sorted(words)
    assert len(listed) == len(words)


def test_a_broken_file_is_refused() -> None:
    with pytest.raises(ValueError):
        WordList(b"3:abcd\n")
    assert len(WordList(dumps([]))) == 0
    assert 5 not in WordList(b"1:ab\n")  # type: ignore[operator]
