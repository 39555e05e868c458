"""What the analysis derives from the built-in glossary and Unicode's tables, precomputed.

Compiling the built-in glossary cost about 0.25 s in every process: its 1,100 English words
through the pure-Python Snowball stemmer, every term through ``terms.clean``, and the table of
punctuation characters (``text._punct_to_space``, 65,536 look-ups in ``unicodedata``).
tools/make_compiled.py writes the outcome into resources/glossary/terms.compiled.json: each
group's cleaned terms with their stems, and the punctuation of the BMP as ranges.

The file says what it was made from: the glossary's bytes, the stemmer's source and the Unicode
version (checked on first use, about 1 ms). When one of them differs here (a glossary edited
without regenerating, another snowballstemmer, another Python), what differs is computed as
before, so the vocabulary is always the one the live stemmer would give.
tests/core/test_compiled.py fails when the file is out of date.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from rolemap.core.analysis.terms import CompiledGroup, compile_group
from rolemap.resources import glossary_path

FORMAT = 1
_STEMMER_FILES = ("english_stemmer.py", "basestemmer.py", "among.py")


def compiled_path() -> Path:
    return glossary_path().with_name("terms.compiled.json")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stemmer_fingerprint() -> str | None:
    """A digest of the English Snowball stemmer's source, found without importing it.

    None when the stems would come from elsewhere (PyStemmer, which snowballstemmer prefers when
    installed) or the source cannot be read: then nothing precomputed is trusted.
    """
    try:
        if importlib.util.find_spec("Stemmer") is not None:
            return None
        spec = importlib.util.find_spec("snowballstemmer")
        if spec is None or not spec.submodule_search_locations:
            return None
        folder = Path(next(iter(spec.submodule_search_locations)))
        return _sha256(b"".join((folder / name).read_bytes() for name in _STEMMER_FILES))
    except (OSError, ImportError, ValueError):
        return None


def glossary_fingerprint() -> str | None:
    try:
        return _sha256(glossary_path().read_bytes())
    except OSError:
        return None


def punctuation_ranges() -> list[tuple[int, int]]:
    """The BMP's punctuation and symbol characters (categories P* and S*) as inclusive ranges."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x10000):
        if unicodedata.category(chr(cp))[0] in "PS":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return ranges


def make() -> dict[str, Any]:
    """The file's content, computed from scratch (the built-in glossary, the live stemmer)."""
    from rolemap.core.glossary import builtin_groups

    return {
        "format": FORMAT,
        "made_by": "tools/make_compiled.py; do not edit",
        "glossary_sha256": glossary_fingerprint(),
        "stemmer_sha256": stemmer_fingerprint(),
        "unicode": unicodedata.unidata_version,
        "punctuation": [list(r) for r in punctuation_ranges()],
        "groups": [
            [[term, None if words is None else list(words)] for term, words in group]
            for group in map(compile_group, builtin_groups())
        ],
    }


def dumps(data: dict[str, Any]) -> str:
    """The file's text: one group per line, so that a changed glossary diffs line by line."""
    head = {k: v for k, v in data.items() if k not in ("punctuation", "groups")}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ","]
    lines.append(f'"punctuation": {json.dumps(data["punctuation"], separators=(",", ":"))},')
    lines.append('"groups": [')
    groups = [json.dumps(g, ensure_ascii=False, separators=(",", ":")) for g in data["groups"]]
    lines.append(",\n".join(groups))
    lines.append("]}")
    return "\n".join(lines) + "\n"


@cache
def _stored() -> dict[str, Any] | None:
    try:
        data = json.loads(compiled_path().read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data


@cache
def builtin_compiled() -> tuple[CompiledGroup, ...]:
    """The built-in glossary's groups compiled (``terms.compile_group``), read when current."""
    data = _stored()
    stemmer = stemmer_fingerprint()
    if (
        data is not None
        and stemmer is not None
        and data.get("stemmer_sha256") == stemmer
        and data.get("unicode") == unicodedata.unidata_version
        and data.get("glossary_sha256") == glossary_fingerprint()
    ):
        return tuple(
            tuple((term, None if words is None else tuple(words)) for term, words in group)
            for group in data["groups"]
        )
    from rolemap.core.glossary import builtin_groups

    return tuple(map(compile_group, builtin_groups()))


def stored_punctuation() -> list[tuple[int, int]] | None:
    """``punctuation_ranges()`` as stored, when made with this Python's Unicode version."""
    data = _stored()
    if data is None or data.get("unicode") != unicodedata.unidata_version:
        return None
    return [(int(a), int(b)) for a, b in data["punctuation"]]
