"""Reading one spreadsheet cell as role letters: case, separators, full-width and look-alike
letters, English words and Chinese labels, each change recorded so the import can report it.

A cell is parsed into *abstract* letters first (R A S C I D, each maybe conditional, plus
``O`` for the Chinese 主办 "lead unit", which owns and does the work); which letters the
chart finally gets depends on the notation chosen for the whole sheet (see ``notation.py``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters that look like Latin A, C, I, S, D, R in other scripts, as people type them when
# their keyboard is switched to Russian, Ukrainian or Greek. Mapped after NFKC, so
# full-width forms are already Latin by then.
LOOKALIKES: dict[str, str] = {
    "\u0410": "A",  # CYRILLIC CAPITAL LETTER A
    "\u0430": "a",
    "\u0421": "C",  # CYRILLIC CAPITAL LETTER ES
    "\u0441": "c",
    "\u0406": "I",  # CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I
    "\u0456": "i",
    "\u04c0": "I",  # CYRILLIC LETTER PALOCHKA
    "\u0405": "S",  # CYRILLIC CAPITAL LETTER DZE
    "\u0455": "s",
    "\u0391": "A",  # GREEK CAPITAL LETTER ALPHA
    "\u03b1": "a",
    "\u0399": "I",  # GREEK CAPITAL LETTER IOTA
    "\u03f9": "C",  # GREEK CAPITAL LUNATE SIGMA SYMBOL
    "\u03f2": "c",
    "\u2160": "I",  # ROMAN NUMERAL ONE (NFKC maps it too; kept for clarity)
}
_LOOKALIKE_TABLE = str.maketrans(LOOKALIKES)

# Marks that mean "no role here".
NO_ROLE = frozenset({"-", "--", "—", "–", "―", "−", "n/a", "na", "none", "无", "／", "·", "."})

# 负责 means "responsible" in some teams' charts (then 批准 signs off) and "accountable" in
# others (then 执行 does the work); the letter "F" stands for it until the whole sheet is
# read, and ``fuze_letter`` decides.
FUZE_DOERS = ("执行", "实施", "承办", "经办")
FUZE_SIGNERS = ("批准", "审批", "问责", "决策", "拍板")

# Words and labels, lower case, NFKC-normalised. "O" is the Chinese lead unit (主办/牵头):
# owns the outcome and does the work (R+A in RACI/RASCI, D in DACI).
LABELS: dict[str, str] = {
    "responsible": "R",
    "resp": "R",
    "负责": "F",  # R or A: decided per sheet (see FUZE_DOERS)
    "执行": "R",
    "实施": "R",
    "承办": "R",
    "经办": "R",
    "accountable": "A",
    "approver": "A",
    "approve": "A",
    "approval": "A",
    "批准": "A",
    "批准(问责)": "A",
    "问责": "A",
    "审批": "A",
    "决策": "A",
    "拍板": "A",
    "supports": "S",
    "support": "S",
    "supporting": "S",
    "supportive": "S",
    "协办": "S",
    "协助": "S",
    "支持": "S",
    "consulted": "C",
    "consult": "C",
    "contributor": "C",
    "contributors": "C",
    "咨询": "C",
    "顾问": "C",
    "征询": "C",
    "配合": "C",
    "informed": "I",
    "inform": "I",
    "知会": "I",
    "知情": "I",
    "告知": "I",
    "通知": "I",
    "抄送": "I",
    "driver": "D",
    "drive": "D",
    "主导": "D",
    "主办": "O",
    "牵头": "O",
}
ABSTRACT_LETTERS = "RASCID"  # plus O (主办) and F (负责), resolved per sheet
_LETTER_RUN = re.compile(r"(?:[RASCID]\??)+")
_SEPARATORS = re.compile(r"[/,;+&、，；|\s]+")
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Change:
    """One way a cell's text was reinterpreted (reported in the import summary)."""

    group: str  # "full-width", "look-alike", "lower-case", "combined", "label", "duplicate"
    detail: str


@dataclass(frozen=True)
class Parsed:
    """A cell read as letters. ``letters`` are (abstract letter, conditional) pairs, in the
    order written, without repeats; ``None`` when the text is not role letters at all."""

    letters: tuple[tuple[str, bool], ...] | None
    changes: tuple[Change, ...] = ()
    no_role_mark: bool = False  # "-", "—", "n/a": deliberately empty

    @property
    def ok(self) -> bool:
        return self.letters is not None


EMPTY = Parsed(letters=())


def _char_name(ch: str) -> str:
    return unicodedata.name(ch, f"U+{ord(ch):04X}")


@lru_cache(maxsize=65536)
def parse_cell(text: str) -> Parsed:
    """Role letters in ``text``, or ``Parsed(None)`` when it is not a role cell."""
    raw = text.strip()
    if not raw:
        return EMPTY
    changes: list[Change] = []
    folded = unicodedata.normalize("NFKC", raw)
    if folded != raw and any("\uff01" <= ch <= "\uff5e" for ch in raw):
        changes.append(Change("full-width", f"full-width characters read as '{folded}'"))
    if folded.lower() in NO_ROLE:
        return Parsed(letters=(), no_role_mark=True)
    latin = folded.translate(_LOOKALIKE_TABLE)
    if latin != folded:
        seen = dict.fromkeys(ch for ch in folded if ch in LOOKALIKES)
        names = ", ".join(f"{ch} ({_char_name(ch)}) as {LOOKALIKES[ch]}" for ch in seen)
        changes.append(Change("look-alike", f"read {names}"))
    tokens = [t for t in _SEPARATORS.split(latin) if t]
    letters: list[tuple[str, bool]] = []
    used_separator = len(tokens) > 1
    lower = False
    labels: list[str] = []
    for token in tokens:
        if token.lower() in LABELS or token.lower().rstrip("?") in LABELS:
            conditional = token.endswith("?")
            word = token.lower().rstrip("?")
            letters.append((LABELS[word], conditional))
            labels.append(f"{token} → {_shown(LABELS[word])}")
            continue
        if _CJK_WORD.search(token) and len(token) > 2:
            # 负责执行 or 批准知会 written without a separator: split into known labels.
            pieces = _split_cjk_labels(token)
            if pieces is None:
                return Parsed(None)
            letters.extend((LABELS[p], False) for p in pieces)
            labels.append(f"{token} → {'+'.join(_shown(LABELS[p]) for p in pieces)}")
            continue
        upper = token.upper()
        if not _LETTER_RUN.fullmatch(upper):
            return Parsed(None)
        if upper != token:
            lower = True
        i = 0
        while i < len(upper):
            conditional = i + 1 < len(upper) and upper[i + 1] == "?"
            letters.append((upper[i], conditional))
            i += 2 if conditional else 1
        if len(upper.replace("?", "")) > 1:
            used_separator = True
    if lower:
        changes.append(Change("lower-case", f"'{raw}' in lower case"))
    if labels:
        changes.append(Change("label", "read " + ", ".join(labels)))
    unique: dict[str, bool] = {}
    for letter, conditional in letters:
        # A letter written twice is one letter; conditional only if every mention is.
        unique[letter] = unique.get(letter, True) and conditional
    if len(unique) < len(letters):
        changes.append(Change("duplicate", f"'{raw}' names a letter twice; read once"))
    elif used_separator and not labels and not _canonical(raw, tuple(unique)):
        names = " and ".join(letter for letter in unique)
        changes.append(Change("combined", f"read as {names}"))
    return Parsed(tuple(unique.items()), tuple(changes))


def _shown(letter: str) -> str:
    return {"O": "R+A (D in DACI)", "F": "R or A (decided for the whole sheet)"}.get(letter, letter)


def fuze_letter(texts: list[str]) -> tuple[str, str]:
    """What 负责 means in a sheet whose role cells (or headers) are ``texts``, and why."""
    joined = "".join(texts)
    doer = next((w for w in FUZE_DOERS if w in joined), "")
    signer = next((w for w in FUZE_SIGNERS if w in joined), "")
    if doer and not signer:
        return "A", f"负责 read as A (accountable): the sheet uses {doer} for the work itself"
    if signer:
        return "R", f"负责 read as R (responsible): the sheet uses {signer} for sign-off"
    return "R", "负责 read as R (responsible), as in 负责、批准、咨询、知会"


def _canonical(raw: str, letters: tuple[str, ...]) -> bool:
    """Letters written as rolemap writes them ("RA", "R?A"): nothing to report."""
    if not raw.replace("?", "").isalpha() or not raw.isupper():
        return False
    return any(
        [letter for letter in order if letter in letters] == list(letters)
        for order in ("RASCI", "DACI")
    )


def _split_cjk_labels(token: str) -> list[str] | None:
    """Known two-character labels written one after another, or None."""
    if len(token) % 2:
        return None
    pieces = [token[i : i + 2] for i in range(0, len(token), 2)]
    return pieces if all(p in LABELS for p in pieces) else None


_HEADER_SUFFIXES = ("人", "方", "部门", "单位", "团队")


def header_role(text: str) -> str | None:
    """The abstract letter a layout-B column header names ("Responsible", "R (Responsible)",
    "负责人", "主办单位"), or None."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    if not folded:
        return None
    words = [w for w in re.split(r"[\s()\[\]:：\-–—/]+", folded) if w]
    found: set[str] = set()
    for word in words:
        candidates = [word] + [word[: -len(s)] for s in _HEADER_SUFFIXES if word.endswith(s)]
        for candidate in candidates:
            if candidate in LABELS:
                found.add(LABELS[candidate])
                break
            if len(candidate) == 1 and candidate.upper() in ABSTRACT_LETTERS:
                found.add(candidate.upper())
                break
        else:
            if word not in ("for", "the", "who", "is", "party", "team", "function", "role"):
                return None
    return found.pop() if len(found) == 1 else None


def split_names(text: str) -> list[str]:
    """Function names in a layout-B cell: "Marketing, Operations", "市场部、运营部"."""
    parts = re.split(r"[,;/、，；\n+]+", text)
    return [p.strip() for p in parts if p.strip() and p.strip().lower() not in NO_ROLE]
