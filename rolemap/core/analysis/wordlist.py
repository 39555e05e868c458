"""A large sorted word list kept as one bytes object: membership by binary search.

Typo folding asks whether a word is a real English word (``similarity.known_words``): 317,000
words and stems. As a frozenset of str they took about 50 MB and 0.12 s to load (decompress,
split, hash); here the sorted words of each length stand side by side, all in one bytes
object (3 MB, read in about 2 ms), and a look-up is a binary search (about 18 comparisons). The file (resources/words/en-stems.txt, written by tools/make_wordlist.py) is
text: one line per length, ``<length>:<the words of that length, sorted, not separated>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


class WordList:
    """Lower-case ASCII words; ``word in words`` and iteration (sorted by length, then word)."""

    def __init__(self, data: bytes = b"") -> None:
        self._data = data
        self._by_length: dict[int, tuple[int, int]] = {}  # length -> (offset, count)
        at = 0
        while at < len(data):
            end = data.find(b"\n", at)
            end = len(data) if end < 0 else end
            if end == at:  # an empty line
                at += 1
                continue
            colon = data.find(b":", at, end)
            size = int(data[at:colon]) if colon > at else 0
            if size <= 0 or (end - colon - 1) % size:
                raise ValueError(f"line at byte {at} is not <length>:<words of that length>")
            self._by_length[size] = (colon + 1, (end - colon - 1) // size)
            at = end + 1

    @classmethod
    def of(cls, words: Iterable[str]) -> WordList:
        return cls(dumps(words))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word.isascii():
            return False
        size = len(word)
        found = self._by_length.get(size)
        if found is None:
            return False
        start, hi = found
        data, key, lo = self._data, word.encode("ascii"), 0
        while lo < hi:
            mid = (lo + hi) // 2
            at = start + mid * size
            here = data[at : at + size]
            if here < key:
                lo = mid + 1
            elif here > key:
                hi = mid
            else:
                return True
        return False

    def __iter__(self) -> Iterator[str]:
        for size in sorted(self._by_length):
            start, count = self._by_length[size]
            for at in range(start, start + count * size, size):
                yield self._data[at : at + size].decode("ascii")

    def __len__(self) -> int:
        return sum(count for _, count in self._by_length.values())


def dumps(words: Iterable[str]) -> bytes:
    """The file's bytes for ``words`` (ASCII; duplicates dropped)."""
    by_length: dict[int, set[str]] = {}
    for word in words:
        if word:
            by_length.setdefault(len(word), set()).add(word)
    lines = [f"{n}:{''.join(sorted(by_length[n]))}" for n in sorted(by_length)]
    return ("\n".join(lines) + "\n").encode("ascii")
