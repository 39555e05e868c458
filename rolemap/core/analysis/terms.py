"""Words as the analysis compares them: stems, glossary terms, Chinese characters and pairs.

A ``Vocabulary`` is built once per chart from its glossary and the built-in bilingual glossary.
``tokens`` turns a title (or a KPI) into weighted tokens:

- text is NFKC-normalised, case-folded, punctuation blanked, and cut to ``MAX_TEXT`` characters
  (a pasted novel costs no more than a long title);
- glossary terms become one token for their whole group ("CS", "customer service" and "客服"
  are the same token), longest match first; Chinese terms are found inside runs of characters,
  matching from the end of the run ("会员日活动" is 会员 日 活动, not 会员 日活 动);
- other spaced words are stemmed with the Snowball (Porter 2) English stemmer, so "passes",
  "recruitment" and "recruiting" meet "pass" and "recruit"; little words weigh 0.2;
- other Chinese text gives each neighbouring pair of characters a token (0.6; a lone
  character weighs 0.6 too), so a word moved to the front or one wrong character changes little.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import threading
import types
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from functools import lru_cache
from itertools import chain

from rolemap.core.analysis.text import _blank_punctuation

MAX_TEXT = 500  # characters of a title that take part in the comparison
MAX_WORD = 40  # longer "words" are kept whole and never stemmed or folded
MAX_TERM_WORDS = 5
RUN_CACHE = 100_000  # Chinese runs whose tokens a vocabulary keeps
CJK_CHAR_WEIGHT = 0.0  # characters count only in one-character runs
CJK_PAIR_WEIGHT = 0.6
TERM_WEIGHT = 1.0
STOPWORD_WEIGHT = 0.2
STOPWORDS = frozenset(
    "a an and at by for from in into of on or the to via with vs per our new its their this "
    "的 和 与 及 或 在 对 把 给 了".split()
)
# Chinese light verbs and particles that do not change the work named ("开展", "进行").
CJK_FILLERS = ("进行", "开展", "做好", "完成", "负责", "组织", "的", "了")

_FILLER = re.compile("|".join(CJK_FILLERS))  # does a piece hold a filler at all (quick test)

# Well-known wrongly written characters (错别字) in work writing: read as the right word, so
# "登陆页" and "登录页" are one title. Only unambiguous misspellings belong here.
CJK_MISSPELLINGS = {
    "登陆": "登录",
    "帐号": "账号",
    "帐户": "账户",
    "帐单": "账单",
    "优惠卷": "优惠券",
    "代金卷": "代金券",
    "布署": "部署",
    "按装": "安装",
    "通迅": "通讯",
    "竟争": "竞争",
    "以经": "已经",
    "决对": "绝对",
    "即然": "既然",
    "签定": "签订",
    "做为": "作为",
    "交待": "交代",
    "松驰": "松弛",
    "按步就班": "按部就班",
    "迫不急待": "迫不及待",
    "再接再励": "再接再厉",
    "既使": "即使",
    "宣转": "宣传",
}
# The first characters of the misspellings: a run holding none of them has none.
_MISSPELT_FIRST = re.compile("[" + "".join(sorted({w[0] for w in CJK_MISSPELLINGS})) + "]")
_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK_CLASS}]+")
# Runs of Chinese (and other CJK) characters, and the spaced words between them.
_WORDS_AND_RUNS = re.compile(f"[{_CJK_CLASS}]+|[^{_CJK_CLASS}\\s]+").findall
_TERM_MARK = "\ue000"  # a private-use character: glossary tokens can never be typed words

_stem_lock = threading.Lock()
_Adder = Callable[[str, float], None]


@lru_cache(maxsize=1)
def _stemmer() -> object:
    """snowballstemmer's English stemmer, without importing its 35 other languages (20 ms).

    Its three modules are loaded as a private package over snowballstemmer's folder, so that
    ``import snowballstemmer`` elsewhere is untouched; the same source, so the same stems. When
    PyStemmer is installed (snowballstemmer would use it) or the folder cannot be read (a frozen
    app), snowballstemmer is imported as usual.
    """
    try:
        if importlib.util.find_spec("Stemmer") is None:
            spec = importlib.util.find_spec("snowballstemmer")
            if spec is not None and spec.submodule_search_locations:
                name = f"{__name__}._snowball_en"
                package = sys.modules.get(name)
                if package is None:
                    package = types.ModuleType(name)
                    package.__path__ = list(spec.submodule_search_locations)
                    sys.modules[name] = package
                module = importlib.import_module(f"{name}.english_stemmer")
                return module.EnglishStemmer()
    except (ImportError, OSError, AttributeError):
        pass
    import snowballstemmer  # type: ignore[import-untyped]

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Porter 2 stem of an English word (other scripts and long words unchanged)."""
    if len(word) > MAX_WORD or not word.isascii() or not word.isalpha():
        return word
    with _stem_lock:  # snowballstemmer's stemmer objects keep state
        out: str = _stemmer().stemWord(word)  # type: ignore[attr-defined]
    return out


def clean(text: str) -> str:
    """NFKC, case-folded, punctuation blanked, at most ``MAX_TEXT`` characters."""
    return _blank_punctuation(unicodedata.normalize("NFKC", text[: MAX_TEXT * 2]).casefold())[
        :MAX_TEXT
    ]


# One glossary group compiled: each cleaned term, with the stems of its words when it is spaced
# text (None when it holds Chinese characters and is matched inside runs of characters).
CompiledGroup = tuple[tuple[str, tuple[str, ...] | None], ...]


def compile_group(group: Sequence[str]) -> CompiledGroup:
    """What ``Vocabulary`` derives from a glossary group's terms (empty terms dropped)."""
    out: list[tuple[str, tuple[str, ...] | None]] = []
    for term in (" ".join(clean(t).split()) for t in group):
        if term:
            out.append((term, None if _CJK_RUN.search(term) else tuple(map(stem, term.split()))))
    return tuple(out)


class Vocabulary:
    """Glossary groups compiled for matching: one token per group.

    ``groups`` are compiled here; ``compiled`` groups (``compile_group``, e.g. the built-in
    glossary precomputed by ``analysis.compiled``) follow them.
    """

    def __init__(
        self, groups: Iterable[Sequence[str]] = (), compiled: Iterable[CompiledGroup] = ()
    ) -> None:
        self.words: dict[tuple[str, ...], str] = {}  # stemmed word sequence -> token
        self.chars: dict[str, str] = {}  # text containing CJK or digits -> token
        self.first: dict[str, set[int]] = {}  # first character -> lengths of char terms
        self.names: dict[str, str] = {}  # token -> a readable term of its group
        # Chinese run -> its tokens and the glossary terms among them
        self._runs: dict[str, tuple[tuple[tuple[str, float], ...], tuple[str, ...]]] = {}
        keys: dict[str, str] = {}
        for cleaned in chain(map(compile_group, groups), compiled):
            if not cleaned:
                continue
            known = next((keys[c] for c, _ in cleaned if c in keys), None)
            token = known or f"{_TERM_MARK}{len(self.names)}"
            self.names.setdefault(token, cleaned[0][0])
            for term, words in cleaned:
                keys.setdefault(term, token)
                if words is None:  # Han: matched inside runs of characters
                    compact = term.replace(" ", "")
                    self.chars.setdefault(compact, token)
                    self.first.setdefault(compact[0], set()).add(len(compact))
                elif 0 < len(words) <= MAX_TERM_WORDS:
                    self.words.setdefault(words, token)
        ends: dict[str, set[int]] = {}
        for term in self.chars:
            ends.setdefault(term[-1], set()).add(len(term))
        self._ends = {k: sorted(v, reverse=True) for k, v in ends.items()}
        # For each first stem of a glossary term, the word counts of its terms (longest first).
        starts: dict[str, set[int]] = {}
        for words in self.words:
            starts.setdefault(words[0], set()).add(len(words))
        self._starts = {k: sorted(v, reverse=True) for k, v in starts.items()}
        # Terms that mix Chinese with letters or digits ("双11", "h5页面") are replaced first.
        mixed = sorted(
            (t for t in self.chars if _CJK_RUN.search(t) and not _CJK_RUN.fullmatch(t)),
            key=len,
            reverse=True,
        )
        self._mixed = re.compile("|".join(map(re.escape, mixed))) if mixed else None

    def _cjk(self, run: str) -> tuple[tuple[tuple[str, float], ...], tuple[str, ...]]:
        """A run's tokens (longest glossary terms first, from the end; what is left is
        characters and pairs) and the glossary terms among them.

        Teams reuse the same Chinese phrases in many titles: each run's tokens are kept."""
        found = self._runs.get(run)
        if found is None:
            made: list[tuple[str, float]] = []
            self._cjk_tokens(run, lambda token, weight: made.append((token, weight)))
            found = tuple(made), tuple(t for t, _ in made if t[0] == _TERM_MARK)
            if len(self._runs) >= RUN_CACHE:
                self._runs.clear()
            self._runs[run] = found
        return found

    def _cjk_tokens(self, run: str, add: _Adder) -> None:
        if _MISSPELT_FIRST.search(run) is not None:  # rare: most runs skip the loop
            for wrong, right in CJK_MISSPELLINGS.items():
                if wrong[0] in run:
                    run = run.replace(wrong, right)
        run = run.replace("的", "")
        if run.startswith(CJK_FILLERS):
            for filler in CJK_FILLERS:
                if run.startswith(filler) and len(run) > len(filler) + 1:
                    run = run[len(filler) :]  # a light verb in front: "开展会员日活动"
        # Backward maximum matching: "会员日活动" is 会员 日 活动 (member-day campaign), not
        # 会员 日活 动 (DAU taken out of the middle of 日 + 活动), as matching forwards reads it.
        rest: list[str] = []
        end = len(run)
        while end > 0:
            token = None
            for length in self._ends.get(run[end - 1], ()):
                if length <= end and (token := self.chars.get(run[end - length : end])):
                    add(token, TERM_WEIGHT)
                    end -= length
                    break
            if token is None:
                rest.append(run[end - 1])
                end -= 1
            else:
                rest.append(" ")
        rest.reverse()
        for piece in "".join(rest).split():
            if _FILLER.search(piece) is not None:
                for filler in CJK_FILLERS:
                    piece = piece.replace(filler, " ")
            for part in piece.split():
                if len(part) == 1 or CJK_CHAR_WEIGHT:
                    for ch in part:
                        add(ch, CJK_CHAR_WEIGHT or CJK_PAIR_WEIGHT)
                for k in range(len(part) - 1):
                    add(part[k : k + 2], CJK_PAIR_WEIGHT)

    def words_of(self, text: str, cleaned: bool = False) -> list[str]:
        """The spaced (non-Chinese) words of a text, as typo folding sees them."""
        text = text if cleaned else clean(text)
        if text.isascii():
            return [w for w in text.split() if w.isalpha()]
        return [w for w in _CJK_RUN.sub(" ", text).split() if w.isascii() and w.isalpha()]

    def tokens(
        self, text: str, fold: Mapping[str, str] | None = None, cleaned: bool = False
    ) -> dict[str, float]:
        """Weighted tokens of ``text`` (``cleaned``: already passed through ``clean``);
        ``fold`` maps misspelt words onto the chart's own."""
        weights: dict[str, float] = {}

        def add(token: str, weight: float) -> None:
            if weights.get(token, 0.0) < weight:
                weights[token] = weight

        cjk_terms: set[str] = set()  # glossary terms written in Chinese here
        saw_cjk = saw_latin = False  # only a title with both can need balancing

        latin: list[str] = []
        if not cleaned:
            text = clean(text)
        if text.isascii():  # no Chinese and no glossary mark: every word is a Latin word
            words = text.split()
            self._flush([fold.get(w, w) for w in words] if fold else words, add)
            return weights
        if self._mixed is not None and _CJK_RUN.search(text):
            text = self._mixed.sub(lambda m: f" {self.chars[m.group(0)]} ", text)
        runs, get = self._runs, weights.get
        for word in _WORDS_AND_RUNS(text):
            found = runs.get(word)
            if found is not None or _CJK_RUN.fullmatch(word):
                if latin:
                    self._flush(latin, add)
                    latin = []
                cjk_tokens, terms = found or self._cjk(word)
                for token, weight in cjk_tokens:
                    if get(token, 0.0) < weight:
                        weights[token] = weight
                if terms:
                    cjk_terms.update(terms)
                saw_cjk = True
            elif word.startswith(_TERM_MARK):
                if latin:
                    self._flush(latin, add)
                    latin = []
                add(word, TERM_WEIGHT)
            else:
                latin.append(fold.get(word, word) if fold else word)
                saw_latin = True
        self._flush(latin, add)
        return balance_scripts(weights, cjk_terms) if saw_cjk and saw_latin else weights

    def _flush(self, words: list[str], add: _Adder) -> None:
        stems = list(map(stem, words))
        i = 0
        n_stems = len(stems)
        while i < n_stems:
            for n in self._starts.get(stems[i], ()):
                if i + n <= n_stems:
                    token = self.words.get(tuple(stems[i : i + n]))
                    if token is not None:
                        add(token, TERM_WEIGHT)
                        i += n
                        break
            else:
                word = words[i]
                add(stems[i], STOPWORD_WEIGHT if word in STOPWORDS else 1.0)
                i += 1

    def readable(self, token: str) -> str:
        return self.names.get(token, token)


def balance_scripts(
    weights: dict[str, float], cjk_terms: Set[str] = frozenset()
) -> dict[str, float]:
    """Raise the lighter script of a mixed-script title to the weight of the heavier one.

    "春季会员拉新活动方案·Berlin" is a long Chinese phrase and one English word: weighed as
    written, the shared phrase outweighs the word that differs, so every "<phrase>·<city>"
    would be a near-duplicate of every other. With the Chinese and the Latin part weighing the
    same, a phrase shared in one script does not outweigh a differing word in the other.

    Each part is weighed as written: a glossary term with the script it was written in here
    (``cjk_terms``: found in Chinese text), numbers with neither. Only the plain words of the
    lighter part are raised, never lowered and never the glossary terms (小程序 = mini program
    must weigh the same in either script), so a mixed title still meets its one-script
    translation, and a number added to a Chinese title ("样本500人") is not made heavy.
    """
    cjk = latin = cjk_plain = latin_plain = 0.0
    for token, weight in weights.items():
        if token[0] == _TERM_MARK:
            if token in cjk_terms:
                cjk += weight
            else:
                latin += weight
        elif _CJK_RUN.match(token):
            cjk += weight
            cjk_plain += weight
        elif not token.isdigit():
            latin += weight
            latin_plain += weight
    if not cjk or not latin or cjk == latin:
        return weights
    if cjk < latin:
        if not cjk_plain:
            return weights
        factor, raise_cjk = 1.0 + (latin - cjk) / cjk_plain, True
    else:
        if not latin_plain:
            return weights
        factor, raise_cjk = 1.0 + (cjk - latin) / latin_plain, False
    out = dict(weights)
    for token, weight in weights.items():
        if token[0] == _TERM_MARK or token.isdigit():
            continue
        if bool(_CJK_RUN.match(token)) is raise_cjk:
            out[token] = round(weight * factor, 9)
    return out


_builtin: Vocabulary | None = None
_builtin_lock = threading.Lock()


def builtin_vocabulary() -> Vocabulary:
    """The built-in glossary compiled once (precomputed: ``analysis.compiled``)."""
    global _builtin
    with _builtin_lock:
        if _builtin is None:
            from rolemap.core.analysis.compiled import builtin_compiled

            _builtin = Vocabulary(compiled=builtin_compiled())
        return _builtin


_chart_cache: dict[tuple[tuple[str, ...], ...], Vocabulary] = {}


def vocabulary(chart_groups: Sequence[Sequence[str]] = ()) -> Vocabulary:
    """The chart's glossary first (its terms win), then the built-in one; cached per glossary."""
    key = tuple(tuple(g) for g in chart_groups)
    if not key:
        return builtin_vocabulary()
    with _builtin_lock:
        found = _chart_cache.get(key)
    if found is not None:
        return found
    from rolemap.core.analysis.compiled import builtin_compiled

    made = Vocabulary(key, compiled=builtin_compiled())
    with _builtin_lock:
        if len(_chart_cache) > 16:
            _chart_cache.clear()
        _chart_cache[key] = made
    return made
