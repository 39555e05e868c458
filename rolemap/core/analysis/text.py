"""Text normalisation shared by the rules: KPI keys, title n-grams, the chart's language."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

_SPACE = re.compile(r"\s+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # beyond the BMP (emoji): blanked one by one
# Letters from scripts written without spaces: each character is a word-like unit.
_CJK_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"


# Character classes of whole Unicode blocks take Python's re 3-15 ms each to compile (one step
# per character): each is compiled when first needed, and ASCII text never needs them.
@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_CJK = f"[{_CJK_CLASS}]"
_RUN = f"([{_CJK_CLASS}]+)|([^{_CJK_CLASS}]+)"


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


@lru_cache(maxsize=1)
def _punct_to_space() -> dict[int, str]:
    """str.translate table: every punctuation or symbol character of the BMP to a space.

    Read from the precomputed ranges when they are this Unicode version's (26 ms to compute)."""
    from rolemap.core.analysis.compiled import stored_punctuation

    ranges = stored_punctuation()
    if ranges is not None:
        return dict.fromkeys((cp for a, b in ranges for cp in range(a, b + 1)), " ")
    return {cp: " " for cp in range(0x10000) if unicodedata.category(chr(cp))[0] in "PS"}


def _blank_punctuation(text: str) -> str:
    text = text.translate(_punct_to_space())
    if not text.isascii() and _ASTRAL.search(text) is not None:
        text = "".join(" " if _is_punct(ch) else ch for ch in text)  # emoji and the like
    return text


@lru_cache(maxsize=50_000)
def normalise_kpi(kpi: str) -> str:
    """Compare KPIs after NFKC, case folding, whitespace runs and surrounding punctuation.

    "Repurchase Rate (30 days)" == " repurchase  rate (30 DAYS)";  "复购率（90天）" == "复购率(90天)".
    """
    text = unicodedata.normalize("NFKC", kpi).casefold()
    text = _SPACE.sub(" ", text).strip()
    start, end = 0, len(text)
    while start < end and (_is_punct(text[start]) or text[start] == " "):
        start += 1
    while end > start and (_is_punct(text[end - 1]) or text[end - 1] == " "):
        end -= 1
    stripped = text[start:end]
    if not stripped:
        return ""
    # Keep a bracket pair that wraps the tail, e.g. "rate (30 days)": strip only unbalanced ends.
    if stripped.count("(") > stripped.count(")"):
        stripped += ")"
    return stripped


CJK_CHAR_WEIGHT = 0.35
CJK_PAIR_WEIGHT = 0.4
STOPWORD_WEIGHT = 0.2
# Words that carry little meaning in a task title: they weigh less than content words.
STOPWORDS = frozenset(
    "a an and at by for from in into of on or the to via with vs per our new "
    "的 和 与 及 或 在 对 把 给".split()
)


@lru_cache(maxsize=200_000)
def title_tokens(title: str) -> tuple[tuple[str, float], ...]:
    """The weighted tokens of a title, for near-duplicate detection.

    Case, full/half-width forms and punctuation are normalised away. A word of a spaced
    script is one token of weight 1 (a plural "s" dropped; little words like "for" weigh
    0.2), so word order does not matter and a long word counts no more than a short one.
    Chinese has no spaces, so its characters are tokens of their own: each character weighs
    0.5 (about half a word) and each pair of neighbouring characters 0.25, so that one wrong
    character or a swapped order changes little while titles that share one common word
    ("校园") stay apart. Typos in spaced words are handled by ``similarity``.
    """
    text = _blank_punctuation(unicodedata.normalize("NFKC", title).casefold())
    weights: dict[str, float] = {}

    def add(token: str, weight: float) -> None:
        if weights.get(token, 0.0) < weight:
            weights[token] = weight

    for word in text.split():
        for run, cjk in _runs(word):
            if cjk:
                for ch in run:
                    add(ch, CJK_CHAR_WEIGHT)
                for i in range(len(run) - 1):
                    add(run[i : i + 2], CJK_PAIR_WEIGHT)
            else:
                add(stem(run), STOPWORD_WEIGHT if run in STOPWORDS else 1.0)
    return tuple(weights.items())


def stem(word: str) -> str:
    """A very light English stemmer: plural forms compare equal to the singular."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def title_weights(title: str) -> dict[str, float]:
    return dict(title_tokens(title))


def title_grams(title: str) -> frozenset[str]:
    """The tokens of a title (see ``title_tokens`` for how they are weighed)."""
    return frozenset(token for token, _ in title_tokens(title))


def _runs(word: str) -> list[tuple[str, bool]]:
    """Split a word into runs of CJK characters and runs of anything else."""
    if word.isascii():
        return [(word, False)]
    return [(cjk or other, bool(cjk)) for cjk, other in _regex(_RUN).findall(word)]


def has_cjk(text: str) -> bool:
    return not text.isascii() and bool(_regex(_CJK).search(text))


_HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
# Kana (Japanese) and hangul (Korean, syllables and jamo): Han characters beside them are not Chinese.
_KANA_HANGUL = "[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]"


def looks_chinese(texts: list[str]) -> bool:
    """Han characters and no kana or hangul anywhere: Chinese, not Japanese or Korean."""
    joined = "\n".join(texts)
    if joined.isascii():
        return False
    return bool(_regex(_HAN).search(joined)) and not _regex(_KANA_HANGUL).search(joined)
