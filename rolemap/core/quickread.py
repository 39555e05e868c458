"""A quick reader for chart files in the layout rolemap writes; ``None`` for anything else.

libyaml and the node walk read a 10,000-task file in 0.55-0.8 s of CPU, most of the time it
takes to open one. A file rolemap wrote (or one edited in the same layout) is a handful of
line shapes: ``key: value`` at the top, indentless lists of ``- key: value`` entries, values
that are one-line plain or single-quoted text, simple numbers and dates, one-line flow lists
and maps, and ``|`` / ``|-`` literal blocks. This module reads exactly those, line by line,
into the very data ``yamlsafe.read_yaml`` returns for them (about 0.1 s), and gives up
(``None``) on any line, character or value it is not sure of: tabs, CR, control characters,
anchors, tags, double quotes, multi-line plain text, nesting, duplicate keys, a plain scalar
that resolves to a boolean or null, ... The caller then uses ``read_yaml``, which reads the
rest of YAML and places every problem at its line. Nothing here reports a problem.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rolemap.core.yamlsafe import CLoader
from rolemap.core.yamltree import INT, SAFE_TAGS, STR

FLOAT = "tag:yaml.org,2002:float"
TIMESTAMP = "tag:yaml.org,2002:timestamp"

# Characters YAML reads as something other than a plain character (line separators, BOM,
# control and non-printable characters) and those this reader leaves to libyaml (tab, CR).
_ODD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# libyaml reads no implicit key longer than 1024 characters ("could not find expected ':'",
# or in a flow map a different mapping): longer keys are left to it.
MAX_KEY = 1000
_KEY = re.compile(rf"([A-Za-z_][A-Za-z0-9_]{{0,{MAX_KEY - 1}}}):(?: (.*))?\Z")
_KEY_ONLY = re.compile(rf"[A-Za-z_][A-Za-z0-9_]{{0,{MAX_KEY - 1}}}\Z")
# A plain scalar may not start with these (YAML indicators, quotes, space).
_STARTS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
# One item of a one-line flow list or map: single-quoted, or plain words (single spaces)
# without the characters that end a plain scalar in flow context (',?[]{}:' and '#').
_FLOW_PLAIN = r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^\s?:,\[\]{}#]| (?=[^\s?:,\[\]{}#]))*"
_QUOTED = r"'(?:[^']|'')*'"
_ITEM = f"(?:{_QUOTED}|{_FLOW_PLAIN})"
_FLOW_LIST = re.compile(rf"\[(?:{_ITEM}(?:, {_ITEM})*)?\]\Z")
_FLOW_MAP = re.compile(rf"\{{(?:{_FLOW_PLAIN}: {_ITEM}(?:, {_FLOW_PLAIN}: {_ITEM})*)?\}}\Z")
_ITEMS = re.compile(_ITEM)
_PLAIN_ONLY = re.compile(_FLOW_PLAIN + r"\Z")
_QUOTED_BODY = re.compile(r"(?:[^']|'')*\Z")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,17})\Z")
_DECIMAL_FLOAT = re.compile(r"[0-9]{1,15}\.[0-9]{1,15}\Z")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")

_RESOLVER: Any = CLoader  # the same implicit resolvers as the loader read_yaml uses
if _RESOLVER is None:  # pragma: no cover - depends on how PyYAML was built
    from rolemap.core.yamlsafe import PureLoader as _RESOLVER
_BY_FIRST: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = _RESOLVER._by_first
_WILDCARD: tuple[tuple[str, re.Pattern[str]], ...] = _RESOLVER._wildcard


class _GiveUp(Exception):
    """Outside what this reader knows: read_yaml decides."""


def _tag(value: str) -> str:
    for tag, regexp in _BY_FIRST.get(value[:1], _WILDCARD):
        if regexp.match(value):
            return tag
    return STR


def _plain(value: str) -> Any:
    """A plain scalar's value, as libyaml and rolemap's tree builder read it."""
    tag = _tag(value)
    if tag == STR:
        return value
    if tag == INT and _DECIMAL.match(value):
        return int(value)
    if tag == FLOAT and _DECIMAL_FLOAT.match(value):
        return float(value)
    if tag == TIMESTAMP:
        m = _DATE.match(value)
        if m is not None:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass  # not a real date: read_yaml reports it
    raise _GiveUp


def _flow_text(item: str) -> str:
    if item[0] == "'":
        return item[1:-1].replace("''", "'")
    value = _plain(item)
    if type(value) is not str:
        raise _GiveUp
    return value


def _flow_list(value: str, texts: dict[str, str]) -> list[Any]:
    if value == "[]":
        return []
    inner = value[1:-1]
    if value[-1] != "]":
        raise _GiveUp
    if "'" not in inner:
        out = []
        for item in inner.split(", "):
            text = texts.get(item)
            if text is None:
                if not _PLAIN_ONLY.match(item):
                    raise _GiveUp
                text = texts[item] = _flow_text(item)
            out.append(text)
        return out
    if not _FLOW_LIST.match(value):
        raise _GiveUp
    return [_flow_text(item) for item in _ITEMS.findall(inner)]


def _flow_map(value: str) -> dict[str, Any]:
    if value == "{}":
        return {}
    if value[-1] != "}" or ("'" in value and not _FLOW_MAP.match(value)):
        raise _GiveUp
    out: dict[str, Any] = {}
    if "'" not in value:
        for entry in value[1:-1].split(", "):
            key, sep, item = entry.partition(": ")
            if not sep or not _PLAIN_ONLY.match(key) or not _PLAIN_ONLY.match(item):
                raise _GiveUp
            if key in out or len(key) > MAX_KEY or _tag(key) not in SAFE_TAGS:
                raise _GiveUp
            out[key] = _flow_text(item)
        return out
    tokens = _ITEMS.findall(value[1:-1])
    for key, item in zip(tokens[::2], tokens[1::2], strict=True):
        if key in out or key[0] == "'" or len(key) > MAX_KEY or _tag(key) not in SAFE_TAGS:
            raise _GiveUp
        out[key] = _flow_text(item)
    return out


def _value(value: str, flows: dict[str, Any], texts: dict[str, str]) -> Any:
    """The value after ``key: `` (or ``- ``) on one line; ``|``, ``|-`` are handled by the
    caller. ``flows``: flow lists and maps read so far (tags, goals and RACI repeat);
    ``texts``: flow list items read so far (goal ids, tags), each checked once."""
    if not value:
        raise _GiveUp
    first = value[0]
    if first == "[" or first == "{":
        known = flows.get(value)
        if known is None:
            known = flows[value] = _flow_list(value, texts) if first == "[" else _flow_map(value)
        return known.copy()
    if first == "'":
        if len(value) >= 2 and value[-1] == "'" and _QUOTED_BODY.match(value, 1, len(value) - 1):
            return value[1:-1].replace("''", "'")
        raise _GiveUp
    if first in _STARTS or ": " in value or " #" in value or value[-1] in ": ":
        raise _GiveUp
    if not _BY_FIRST.get(first, _WILDCARD):
        return value  # no implicit type starts with this character: text
    return _plain(value)


def _block(lines: list[str], i: int, parent: int, chomp: str) -> tuple[str, int]:
    """A literal block scalar whose header ends line ``i - 1``; its text and the next line."""
    n = len(lines)
    if i >= n:
        raise _GiveUp
    first = lines[i]
    indent = len(first) - len(first.lstrip(" "))
    if indent <= parent or indent == len(first):
        raise _GiveUp  # empty leading lines, or no content: leave it to libyaml
    prefix = " " * indent
    content: list[str] = []
    while i < n:
        line = lines[i]
        if line.startswith(prefix):
            content.append(line[indent:])
        elif not line:
            content.append("")
        elif not line.strip(" "):
            raise _GiveUp
        else:
            break
        i += 1
    if i == n and lines[-1]:
        raise _GiveUp  # the text ends inside the block without a line break
    while content and not content[-1]:
        content.pop()
    text = "\n".join(content)
    return (text + "\n" if chomp == "|" else text), i


# Where the keys that place a chart's entities are (rolemap.core.locate): for a list item
# (by id()), the 1-based line and column of its "id:" and "warning:" keys.
Marks = dict[int, dict[str, tuple[int, int]]]
_MARKED = frozenset(("id", "warning"))


def read(text: str, marks: Marks | None = None) -> dict[str, Any] | None:
    """The data ``read_yaml(text)`` returns (with no problems), or None when ``text`` is not
    in the layout this reader knows (then ``read_yaml`` must read it). ``marks``, when given,
    receives where each list item's ``id`` and ``warning`` keys are (as YAML's marks say)."""
    if _ODD.search(text) is not None:
        return None
    try:
        return _read(text.split("\n"), marks)
    except _GiveUp:
        return None


def _read(lines: list[str], marks: Marks | None = None) -> dict[str, Any] | None:
    root: dict[str, Any] = {}
    seq: list[Any] | None = None  # the list the "- " lines go into
    item: dict[str, Any] | None = None  # the mapping the "  key:" lines go into
    open_key: str | None = None  # a top-level "key:" with nothing after it yet
    key_match = _KEY.match
    flows: dict[str, Any] = {}
    texts: dict[str, str] = {}
    keys: dict[str, bool] = {}
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        i += 1
        if line.startswith("  "):
            # The commonest line by far ("  title: ..."): split at the first ": ", the key
            # checked once per distinct key.
            at = line.find(": ", 2)
            if at > 0:
                key, value = line[2:at], line[at + 2 :]
            elif line[-1] == ":":
                key, value = line[2:-1], None
            else:
                key = ""
            good = keys.get(key)
            if good is None:
                good = keys[key] = _KEY_ONLY.match(key) is not None
            if not good:
                if line.lstrip(" ")[:1] == "#":
                    continue
                raise _GiveUp
            if item is None or key in item:
                raise _GiveUp
            if marks is not None and key in _MARKED:
                marks.setdefault(id(item), {})[key] = (i, 3)  # i: this line's number now
            if value is None:
                item[key] = None
            elif value == "|-" or value == "|":
                item[key], i = _block(lines, i, 2, value)
            else:
                item[key] = _value(value, flows, texts)
        elif line.startswith("- "):
            if open_key is not None:
                seq = root[open_key] = []
                open_key = None
            if seq is None:
                raise _GiveUp
            if line[2:3] == "[":
                item = None
                seq.append(_value(line[2:], flows, texts))
                continue
            m = key_match(line, 2)
            if m is None:
                raise _GiveUp
            key, value = m.groups()
            line_number = i  # before a literal block moves i on
            if value is None:
                item = {key: None}
            elif value == "|-" or value == "|":
                block, i = _block(lines, i, 2, value)
                item = {key: block}
            else:
                item = {key: _value(value, flows, texts)}
            if marks is not None and key in _MARKED:
                marks[id(item)] = {key: (line_number, 3)}
            seq.append(item)
        elif not line or line[0] == "#":
            continue
        else:
            m = key_match(line)
            if m is None:
                raise _GiveUp
            key, value = m.groups()
            if key in root:
                raise _GiveUp
            seq = item = None
            open_key = None
            if value is None:
                root[key] = None
                open_key = key
            elif value == "|-" or value == "|":
                root[key], i = _block(lines, i, 0, value)
            else:
                root[key] = _value(value, flows, texts)
    return root or None
