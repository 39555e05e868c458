"""Text normalisation shared by the rules: KPI keys, title n-grams, the chart's language."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CJK_GRAM_WEIGHT = 0.5
_SPACE = re.compile(r"\s+")
# Letters from scripts written without spaces: each character is a word-like unit.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


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
    # Keep a bracket pair that wraps the tail, e.g. "rate (30 days)": strip only unbalanced ends.
    if stripped.count("(") > stripped.count(")"):
        stripped += ")"
    return stripped or text


@lru_cache(maxsize=200_000)
def title_weights(title: str) -> dict[str, float]:
    """Each word weighs 1, shared equally by its grams; each CJK bigram weighs 0.5.

    So a long shared word ("ambassador") counts as much as a short one ("kit"), and two
    titles that only share one word do not look alike. Treat the result as read-only.
    """
    weights: dict[str, float] = {}
    for word_grams, cjk in _word_grams(title):
        # Chinese has no spaces, so a run of characters is not a word: each bigram weighs
        # about half a word (most Chinese words are two characters).
        share = CJK_GRAM_WEIGHT if cjk else 1.0 / len(word_grams)
        for gram in word_grams:
            weights[gram] = max(weights.get(gram, 0.0), share)
    return weights


def title_grams(title: str) -> frozenset[str]:
    """The set of n-grams of a title (see ``title_weights`` for how they are weighed)."""
    return frozenset(title_weights(title))


def _word_grams(title: str) -> list[tuple[set[str], bool]]:
    """The n-gram set used for near-duplicate titles.

    Case, full/half-width forms and punctuation are normalised away. Words in spaced scripts
    give character trigrams of the word padded with spaces (so word order does not matter
    and a small edit changes only a few grams); runs of CJK characters give bigrams.
    """
    text = unicodedata.normalize("NFKC", title).casefold()
    text = "".join(" " if _is_punct(ch) else ch for ch in text)
    words: list[tuple[set[str], bool]] = []
    for word in text.split():
        # Split a word into CJK runs and other runs.
        run = ""
        run_is_cjk = False
        for ch in word + "\0":
            is_cjk = bool(_CJK.match(ch))
            if ch != "\0" and (not run or is_cjk == run_is_cjk):
                run += ch
                run_is_cjk = is_cjk
                continue
            if run:
                if run_is_cjk:
                    if len(run) == 1:
                        words.append(({run}, True))
                    else:
                        words.append(({run[i : i + 2] for i in range(len(run) - 1)}, True))
                else:
                    padded = f" {run} "
                    words.append(({padded[i : i + 3] for i in range(len(padded) - 2)}, False))
            run = ch
            run_is_cjk = is_cjk
    return words


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
