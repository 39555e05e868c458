"""Text that is safe to print: control characters and terminal escapes shown, never obeyed.

A title like ``"\\x1b]0;pwned\\x07\\x1b[2J"`` printed raw would retitle and clear the user's
terminal; bidirectional overrides would reorder what a reviewer reads. Each such character is
shown as its Python escape (``\\x1b``, ``\\u202e``) instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CONTROLS = [
    *range(0x00, 0x20),  # C0, including ESC, BEL, CR, line breaks
    0x7F,
    *range(0x80, 0xA0),  # C1, including CSI (0x9b) and NEL (0x85)
    0x061C,  # Arabic letter mark
    0x200E,
    0x200F,  # left-to-right / right-to-left marks
    *range(0x202A, 0x202F),  # bidi embeddings and overrides
    *range(0x2066, 0x206A),  # bidi isolates
    0x2028,
    0x2029,  # line and paragraph separators
]

_ONE_LINE = {code: repr(chr(code))[1:-1] for code in _CONTROLS}
_MULTI_LINE = {code: text for code, text in _ONE_LINE.items() if code != 0x0A}
_JSON = {code: f"\\u{code:04x}" for code in _CONTROLS if code >= 0x7F}


def _finder(codes: Iterable[int]) -> re.Pattern[str]:
    """A search for any of ``codes``: most text has none, and a search (ranges in one class)
    is 10x quicker than ``str.translate``, which looks every character up (2.1 s for a 21 MB
    JSON report)."""
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(codes)) + "]")


_ONE_LINE_AT = _finder(_ONE_LINE)
_MULTI_LINE_AT = _finder(_MULTI_LINE)
_JSON_AT = _finder(_JSON)


def one_line(text: str) -> str:
    """``text`` with every control character escaped, line breaks included."""
    return text.translate(_ONE_LINE) if _ONE_LINE_AT.search(text) else text


def terminal_safe(text: str) -> str:
    """``text`` with every control character escaped except the newline."""
    return text.translate(_MULTI_LINE) if _MULTI_LINE_AT.search(text) else text


def json_safe(text: str) -> str:
    """JSON text (from ``json.dumps``) with DEL, C1 and bidi controls escaped as ``\\uXXXX``.

    ``json.dumps(ensure_ascii=False)`` escapes only C0; these characters can only occur inside
    JSON strings, where ``\\uXXXX`` means the same character.
    """
    return text.translate(_JSON) if _JSON_AT.search(text) else text
