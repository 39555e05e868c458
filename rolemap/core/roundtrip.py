"""Saving a hand-edited file without losing its comments: only the entries that changed are rewritten.

A ``Layout`` is the file's text and the chart it was loaded as. To save a new chart over it, the
text is parsed again into PyYAML nodes (their marks give each entry's lines) and spliced:
- a top-level key, function, goal, task or review that did not change keeps its exact lines
  (comments, blank lines, quoting, block scalars, indentation);
- a changed entry is written as ``dumps`` writes it, field by field where the entry is a block
  mapping (unchanged fields keep their lines and comments), in the entry's own indentation;
- the comment lines directly above an entry travel with it: kept when it changes, dropped when
  it is deleted; blank lines and comments set apart by a blank line stay where they are;
- new entries go after their predecessor in the new chart.
A file that ``dumps`` wrote comes out exactly as ``dumps`` writes the new chart (a property
test checks this). Anything unusual (a flow-style top level, line breaks other than LF/CRLF)
falls back to ``dumps`` with the file's top comment block.

Why node marks rather than a round-trip YAML library (ruamel.yaml): the file is already parsed
by the hardened loader, the splice needs only line spans, and unchanged entries are copied
byte for byte, which a re-serialising library does not promise; no new dependency.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from rolemap.core.fileformat import DEFAULT_HEADER, dump_yaml, dumps, read_header, to_plain
from rolemap.core.gcpause import gc_paused
from rolemap.core.model import Chart

SECTIONS = ("functions", "goals", "tasks", "reviews")
_Composer: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Layout:
    """A file's text (BOM removed) and the chart it holds; what a keeping save starts from."""

    text: str
    chart: Chart
    bom: bool = False


def layout_of(data: bytes | str, chart: Chart) -> Layout:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    bom = text.startswith("\ufeff")
    return Layout(text[1:] if bom else text, chart, bom)


def render(layout: Layout | None, chart: Chart, header: str = DEFAULT_HEADER) -> str:
    """The text to save for ``chart``: ``layout``'s text with only what changed rewritten."""
    if layout is None:
        return dumps(chart, header)
    try:
        with gc_paused():
            text = _Splicer(layout, chart).run()
    except _Unusual:
        text = dumps(chart, read_header(layout.text))
    return ("\ufeff" if layout.bom else "") + text


class _Unusual(Exception):
    """The file's shape is not one the splice handles; write it as dumps does."""


def _dump(data: Any) -> str:
    text = dump_yaml(data)
    if "\n...\n" in text:
        # PyYAML ends the document after a text kept with its trailing blank lines ("|+");
        # where that marker goes is a whole-document matter: write the file as dumps does.
        raise _Unusual
    return text


@dataclass
class _Span:
    """Lines of one entry: ``lead`` .. ``start``-1 are its comment lines, ``start`` .. ``end``
    its content (inclusive, 0-based)."""

    key: Any
    lead: int
    start: int
    end: int
    node: Any  # Node or _Pair


@dataclass
class _Pair:
    """A mapping entry: its key node and value node."""

    key: Node
    value: Node


def _last_line(node: Node | _Pair) -> int:
    """Last line (0-based) holding part of ``node``."""
    if isinstance(node, _Pair):
        return max(_last_line(node.key), _last_line(node.value))
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        k, v = node.value[-1]
        return max(_last_line(k), _last_line(v))
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _last_line(node.value[-1])
    end = node.end_mark
    line = end.line if end.column > 0 else end.line - 1
    return max(line, node.start_mark.line)


class _Splicer:
    def __init__(self, layout: Layout, chart: Chart) -> None:
        text = layout.text
        if "\r" in text.replace("\r\n", "") or any(c in text for c in "\x85\u2028\u2029"):
            raise _Unusual  # other line breaks: marks and our line split would disagree
        self.crlf = "\r\n" in text
        self.lines = text.split("\n")
        if "..." in self.lines or "...\r" in self.lines:
            raise _Unusual  # a document end marker: see _emit
        # text ends with "\n": the split gives a last empty element, kept as the join's tail
        self.old, self.new = layout.chart, chart
        root = yaml.compose(text, Loader=_Composer)
        if not isinstance(root, MappingNode) or root.flow_style or not root.value:
            raise _Unusual
        self.root = root

    # ------------------------------------------------------------- helpers

    def _is_comment(self, i: int) -> bool:
        return self.lines[i].lstrip().startswith("#")

    def _lead(self, start: int, floor: int) -> int:
        """First line of the comment block directly above ``start`` (not above ``floor``)."""
        i = start
        while i - 1 >= floor and self._is_comment(i - 1):
            i -= 1
        return i

    def _emit(self, text: str) -> list[str]:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if self.crlf:
            lines = [line + "\r" for line in lines]
        return lines

    def _spans(self, pairs: Sequence[tuple[Any, Node | _Pair, int]], floor: int) -> list[_Span]:
        """Spans of entries given (key, node, first line), in file order."""
        spans = []
        for key, node, start in pairs:
            lead = self._lead(start, floor)
            end = _last_line(node)
            spans.append(_Span(key, lead, start, end, node))
            floor = end + 1
        return spans

    def _text(self, first: int, last: int) -> list[str]:
        return self.lines[first : last + 1]

    # ------------------------------------------------------------- top level

    def run(self) -> str:
        old_plain, new_plain = to_plain(self.old), to_plain(self.new)
        pairs = []
        for k, v in self.root.value:
            if not isinstance(k, ScalarNode):
                raise _Unusual
            pairs.append((k.value, _Pair(k, v), k.start_mark.line))
        spans = self._spans(pairs, 0)
        for span in spans:
            value = span.node.value
            if isinstance(value, SequenceNode) and not value.flow_style and value.value:
                dash = self._dash_line(value.value[-1], span.start)
                span.end = self._trailing_comments(dash, span.end)
        out: list[str] = self._text(0, spans[0].lead - 1)

        def entry(span: _Span) -> list[str]:
            key = span.key
            pair = span.node
            assert isinstance(pair, _Pair)
            if key not in new_plain:
                return []
            body = self._top_value(key, span, pair, old_plain.get(key), new_plain[key])
            return self._text(span.lead, span.start - 1) + body

        def fresh(key: Any) -> list[str]:
            return self._emit(_dump({key: new_plain[key]}))

        order = _file_order([s.key for s in spans], list(new_plain))
        out += _merge(spans, order, entry, fresh, self._gap)
        out += self.lines[spans[-1].end + 1 :]
        return "\n".join(out)

    def _gap(self, spans: list[_Span], i: int) -> list[str]:
        """Free lines after entry ``i`` up to the next entry's comment block."""
        if i + 1 >= len(spans):
            return []
        return self._text(spans[i].end + 1, spans[i + 1].lead - 1)

    def _top_value(self, key: str, span: _Span, pair: _Pair, old: Any, new: Any) -> list[str]:
        if old == new and _same_type(old, new):
            return self._text(span.start, span.end)
        value = pair.value
        if key in SECTIONS and isinstance(value, SequenceNode) and not value.flow_style:
            if value.value and new:
                return self._text(span.start, pair.key.start_mark.line) + self._section(
                    key, value, span.start
                )
            if value.value:  # every entry deleted: keep the free comments between them
                return self._emit(_dump({key: new})) + self._section(key, value, span.start)
        return self._emit(_dump({key: new}))

    # ------------------------------------------------------------- sections

    def _section(self, key: str, seq: SequenceNode, key_line: int) -> list[str]:
        old_items = list(getattr(self.old, key))
        new_items = list(getattr(self.new, key))
        if len(seq.value) != len(old_items):
            raise _Unusual
        ident = _ident(key)
        pairs = []
        floor = key_line + 1
        for item_node in seq.value:
            dash = self._dash_line(item_node, floor)
            pairs.append((None, item_node, dash))
            floor = _last_line(item_node) + 1
        spans = self._spans(pairs, key_line + 1)
        for span, item in zip(spans, old_items, strict=True):
            span.key = ident(item)
            span.end = self._trailing_comments(span.start, span.end)
        if len({s.key for s in spans}) != len(spans):
            raise _Unusual
        dash_col, key_col = self._columns(spans[0])
        old_by_key = {s.key: item for s, item in zip(spans, old_items, strict=True)}
        new_by_key = {ident(item): item for item in new_items}
        plain_new = to_plain_section(self.new, key)
        plain_by_key = dict(zip((ident(i) for i in new_items), plain_new, strict=True))
        old_plain = to_plain_section(self.old, key)
        old_plain_by_key = dict(zip((s.key for s in spans), old_plain, strict=True))

        def entry(span: _Span) -> list[str]:
            k = span.key
            if k not in new_by_key:
                return []
            lead = self._text(span.lead, span.start - 1)
            if new_by_key[k] is old_by_key[k] or new_by_key[k] == old_by_key[k]:
                return lead + self._text(span.start, span.end)
            return lead + self._item(span, old_plain_by_key[k], plain_by_key[k], dash_col, key_col)

        def fresh(k: Any) -> list[str]:
            return self._emit(_indent_item(_dump([plain_by_key[k]]), dash_col, key_col))

        return _merge(spans, [ident(i) for i in new_items], entry, fresh, self._gap)

    def _dash_line(self, node: Node, floor: int) -> int:
        line = node.start_mark.line
        while line > floor and not self.lines[line].lstrip().startswith("-"):
            line -= 1
        return line

    def _trailing_comments(self, dash: int, end: int) -> int:
        """Comment lines right below an item, indented deeper than its dash, belong to it."""
        dash_col = len(self.lines[dash]) - len(self.lines[dash].lstrip())
        while end + 1 < len(self.lines) and self._is_comment(end + 1):
            line = self.lines[end + 1]
            if len(line) - len(line.lstrip()) <= dash_col:
                break
            end += 1
        return end

    def _columns(self, span: _Span) -> tuple[int, int]:
        line = self.lines[span.start]
        dash_col = len(line) - len(line.lstrip())
        node = span.node
        key_col = node.start_mark.column if node.start_mark.line == span.start else dash_col + 2
        if key_col <= dash_col:
            key_col = dash_col + 2
        return dash_col, key_col

    # ------------------------------------------------------------- one item

    def _item(
        self, span: _Span, old: dict[str, Any], new: dict[str, Any], dash_col: int, key_col: int
    ) -> list[str]:
        node = span.node
        whole = self._emit(_indent_item(_dump([new]), dash_col, key_col))
        if not isinstance(node, MappingNode) or node.flow_style or not node.value:
            return whole
        if node.start_mark.line != span.start or node.start_mark.column != key_col:
            return whole  # "-" alone on its line, or fields not where we would write them
        pairs = []
        for k, v in node.value:
            if not isinstance(k, ScalarNode) or k.start_mark.column != key_col:
                return whole
            pairs.append((k.value, _Pair(k, v), k.start_mark.line))
        fields = self._spans(pairs, span.start)
        fields[-1].end = span.end  # the item's trailing comments stay at its end

        def entry(f: _Span) -> list[str]:
            if f.key not in new:
                return []
            lead = self._text(f.lead, f.start - 1)
            if f.key in old and old[f.key] == new[f.key] and _same_type(old[f.key], new[f.key]):
                return lead + self._text(f.start, f.end)
            return lead + self._field(f.key, new[f.key], key_col)

        def fresh(k: Any) -> list[str]:
            return self._field(k, new[k], key_col)

        lines = _merge(
            fields, _file_order([f.key for f in fields], list(new)), entry, fresh, self._gap
        )
        if not lines:
            return whole
        return _with_dash(lines, dash_col, key_col)

    def _field(self, key: str, value: Any, key_col: int) -> list[str]:
        pad = " " * key_col
        text = _dump({key: value})
        # an empty line inside a block scalar stays empty, as dumps writes it
        return self._emit(
            "".join(line if line == "\n" else pad + line for line in text.splitlines(True))
        )


def _same_type(a: Any, b: Any) -> bool:
    """1 == 1.0 == True in Python; in a file they are different text."""
    return type(a) is type(b)


def _ident(section: str) -> Callable[[Any], Any]:
    if section == "reviews":
        return lambda item: item.warning
    return lambda item: item.id


def to_plain_section(chart: Chart, section: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = to_plain(chart.model_copy(update=_only(section, chart)))[section]
    return data


def _only(section: str, chart: Chart) -> dict[str, Any]:
    return {s: (getattr(chart, s) if s == section else ()) for s in SECTIONS}


def _file_order(file_keys: list[Any], new_keys: list[Any]) -> list[Any]:
    """Keys kept in the file's order; a new key goes after its predecessor in ``new_keys``."""
    wanted = set(new_keys)
    order = [k for k in file_keys if k in wanted]
    placed = set(order)
    for n, key in enumerate(new_keys):
        if key in placed:
            continue
        at = 0
        for before in reversed(new_keys[:n]):
            if before in placed:
                at = order.index(before) + 1
                break
        order.insert(at, key)
        placed.add(key)
    return order


def _merge(
    spans: list[_Span],
    new_keys: list[Any],
    entry: Callable[[_Span], list[str]],
    fresh: Callable[[Any], list[str]],
    gap: Callable[[list[_Span], int], list[str]],
) -> list[str]:
    """Entries in the new order; each kept entry carries the free lines after it; a deleted
    entry leaves its free lines in place."""
    index = {s.key: i for i, s in enumerate(spans)}
    wanted = set(new_keys)
    out: list[str] = []
    pointer = 0

    def flush_deleted(upto: int) -> None:
        nonlocal pointer
        while pointer < upto:
            if spans[pointer].key not in wanted:
                out.extend(gap(spans, pointer))
            pointer += 1

    for key in new_keys:
        i = index.get(key)
        if i is None:
            out.extend(fresh(key))
            continue
        if i >= pointer:
            flush_deleted(i)
            pointer = i + 1
        out.extend(entry(spans[i]))
        out.extend(gap(spans, i))
    flush_deleted(len(spans))
    return out


def _indent_item(text: str, dash_col: int, key_col: int) -> str:
    """``_dump([item])`` text ("- k: v" / "  k: v") moved to the file's own columns."""
    if dash_col == 0 and key_col == 2:
        return text
    first = " " * dash_col + "-" + " " * (key_col - dash_col - 1)
    out = []
    for n, line in enumerate(text.splitlines(True)):
        if n == 0:
            out.append(first + line[2:])
        else:
            out.append(line if line == "\n" else " " * key_col + line[2:])
    return "".join(out)


def _with_dash(lines: list[str], dash_col: int, key_col: int) -> list[str]:
    """Field lines of one item, the first of them carrying the item's "-"."""
    first = next(
        i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")
    )
    out = list(lines)
    for i, line in enumerate(out):
        stripped = line[dash_col:]
        if (
            i != first
            and line[:dash_col].strip() == ""
            and stripped.startswith("-")
            and (len(line) - len(line.lstrip()) == dash_col)
        ):
            out[i] = " " * key_col + line[key_col:]  # a reused first field lost its dash
    line = out[first]
    if not line[dash_col:].startswith("-"):
        out[first] = " " * dash_col + "-" + " " * (key_col - dash_col - 1) + line[key_col:]
    return out
