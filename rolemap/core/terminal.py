"""Text that is safe to print: control characters and terminal escapes shown, never obeyed.

A title like ``"\\x1b]0;pwned\\x07\\x1b[2J"`` printed raw would retitle and clear the user's
terminal; bidirectional overrides would reorder what a reviewer reads. Each such character is
shown as its Python escape (``\\x1b``, ``\\u202e``) instead.
"""

from __future__ import annotations

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


def one_line(text: str) -> str:
    """``text`` with every control character escaped, line breaks included."""
    return text.translate(_ONE_LINE)


def terminal_safe(text: str) -> str:
    """``text`` with every control character escaped except the newline."""
    return text.translate(_MULTI_LINE)


def json_safe(text: str) -> str:
    """JSON text (from ``json.dumps``) with DEL, C1 and bidi controls escaped as ``\\uXXXX``.

    ``json.dumps(ensure_ascii=False)`` escapes only C0; these characters can only occur inside
    JSON strings, where ``\\uXXXX`` means the same character.
    """
    return text.translate(_JSON)
