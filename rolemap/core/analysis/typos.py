"""Typo folding for near-duplicate titles: a spaced word one typo away from a more frequent
word of the chart is read as that word ("ambasadors" as "ambassadors"), unless it is a real
word itself ("loyal" and "local" stay two words).

The words one edit apart are kept between calls (``_Neighbours``) and updated by the words
that came or went, so the app's rerun after an edit does not compare every word again; the
mapping is then decided from those pairs and the words' counts, as a full pass would.
"""

from __future__ import annotations

import threading
from collections import Counter
from functools import lru_cache

from rolemap.core.analysis.terms import MAX_WORD, stem
from rolemap.core.analysis.wordlist import WordList

MIN_TYPO_LENGTH = 5


@lru_cache(maxsize=1)
def known_words() -> WordList:
    """English dictionary words and their stems (resources/words, see tools/make_wordlist.py)."""
    from rolemap.resources import resources_dir

    path = resources_dir() / "words" / "en-stems.txt"
    try:
        return WordList(path.read_bytes())
    except OSError:
        return WordList()


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 1 (substitution, insertion, deletion, swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    return a in _deletions(b)


class _Neighbours:
    """The candidate words and, for each word that has some, the words one edit away (two
    words one edit apart share a deletion key: substitution and swap delete the same place,
    insertion deletes the extra letter)."""

    def __init__(self) -> None:
        self.words: set[str] = set()
        self.by_key: dict[str, set[str]] = {}
        self.near: dict[str, set[str]] = {}
        self.real: dict[str, bool] = {}

    def add(self, word: str) -> None:
        for key in _deletions(word) | {word}:
            others = self.by_key.get(key)
            if others is None:
                self.by_key[key] = {word}
                continue
            for other in others:
                if other != word and _one_edit(word, other):
                    self.near.setdefault(word, set()).add(other)
                    self.near.setdefault(other, set()).add(word)
            others.add(word)
        self.words.add(word)

    def remove(self, word: str) -> None:
        for key in _deletions(word) | {word}:
            others = self.by_key.get(key)
            if others is not None:
                others.discard(word)
                if not others:
                    del self.by_key[key]
        for other in self.near.pop(word, ()):
            mine = self.near[other]
            mine.discard(word)
            if not mine:
                del self.near[other]
        self.words.discard(word)

    def is_real(self, word: str) -> bool:
        found = self.real.get(word)
        if found is None:
            real = known_words()
            found = self.real[word] = word in real or stem(word) in real
        return found


_neighbours = _Neighbours()
_lock = threading.Lock()


def fold_typos(words: Counter[str]) -> dict[str, str]:
    """Map each word one typo away from a more frequent word onto that word.

    Never when the rarer word is itself a dictionary word (or both are): "loyal" and "local",
    "quota" and "quote" are two words, not a typo. Words longer than 40 letters are not
    considered, so the cost stays linear in the text (a 40,000-letter word costs nothing).
    Words are taken most frequent first; each word not already mapped takes the words one
    edit away that are neither mapped nor real words.
    """
    candidates = {
        w for w in words if MIN_TYPO_LENGTH <= len(w) <= MAX_WORD and w.isascii() and w.isalpha()
    }
    mapping: dict[str, str] = {}
    with _lock:
        known = _neighbours
        for word in known.words - candidates:
            known.remove(word)
        for word in candidates - known.words:
            known.add(word)
        near = known.near
        for word in sorted(near, key=lambda w: (-words[w], w)):
            if word in mapping:
                continue
            for other in near[word]:
                if other not in mapping and not known.is_real(other):
                    mapping[other] = word
    return mapping
