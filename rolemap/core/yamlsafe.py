"""A hardened YAML reader: safe tags only, no aliases, no duplicate keys, bounded depth and size.

It returns plain Python data plus a way to find the line and column of any value in it, so
that validation problems can point at the exact place in the file.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from rolemap.core.errors import Problem
from rolemap.core.gcpause import gc_paused
from rolemap.core.yamltree import MAP, MAX_INT_DIGITS, SEQ, STR, TreeBuilder, YamlProblem

try:
    from yaml import CSafeLoader as _CBase
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _CBase = None  # type: ignore[assignment,misc]

HAS_C_LOADER = _CBase is not None
MAX_DEPTH = 32

__all__ = ["HAS_C_LOADER", "MAX_DEPTH", "MAX_INT_DIGITS", "Located", "YamlProblem", "read_yaml"]


class _FastResolve:
    """PyYAML's implicit tag resolution with the per-call work done once.

    The composer asks for the tag of every scalar (220,000 calls for 10,000 tasks); PyYAML's
    ``resolve`` concatenates two lists and looks up path resolvers on each call. The answers
    are the same: the same regular expressions, tried in the same order. A chart loader has
    no path resolvers, so descending and ascending have nothing to record.
    """

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]]
    _by_first: dict[str, tuple[tuple[str, re.Pattern[str]], ...]]
    _wildcard: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def _prepare(cls) -> None:
        assert not getattr(cls, "yaml_path_resolvers", None)
        table = cls.yaml_implicit_resolvers
        cls._wildcard = tuple(table.get(None, []))
        cls._by_first = {k: tuple(v) + cls._wildcard for k, v in table.items() if k is not None}

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self._by_first.get(value[:1], self._wildcard):
                    if regexp.match(value):
                        return tag
            return STR
        return SEQ if kind is SequenceNode else MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _TabsAsLibyaml:
    """Pure-Python scanner tweaks so both loaders agree on tabs (libyaml accepts a tab as a
    separator after a token, e.g. ``title:<TAB>x``; PyYAML's own scanner rejects every tab
    outside quotes). Tabs in indentation and right after ``-`` or ``?`` stay errors in both."""

    def _tab_is_separator(self) -> bool:
        buffer: str = self.buffer  # type: ignore[attr-defined]
        i = self.pointer - 1  # type: ignore[attr-defined]
        while i >= 0 and buffer[i] in " \t":
            i -= 1
        if i < 0 or buffer[i] in "\r\n\x85\u2028\u2029\ufeff":
            return False  # indentation
        if self.flow_level:  # type: ignore[attr-defined]
            return True
        if buffer[i] in "-?" and (i == 0 or buffer[i - 1] in " \t\r\n"):
            return False  # after a block indicator
        if buffer[i] == ":":
            j = i - 1
            while j >= 0 and buffer[j] in " \t":
                j -= 1
            return j >= 0 and buffer[j] not in "\r\n"  # not after a complex key's ':'
        return True

    def scan_to_next_token(self) -> None:
        peek, forward = self.peek, self.forward  # type: ignore[attr-defined]
        if self.index == 0 and peek() == "\ufeff":  # type: ignore[attr-defined]
            forward()
        while True:
            while peek() == " " or (peek() == "\t" and self._tab_is_separator()):
                forward()
            if peek() == "#":
                while peek() not in "\0\r\n\x85\u2028\u2029":
                    forward()
            if self.scan_line_break():  # type: ignore[attr-defined]
                if not self.flow_level:  # type: ignore[attr-defined]
                    self.allow_simple_key = True
            else:
                return

    def scan_plain_spaces(self, indent: int, start_mark: Any) -> list[str] | None:
        # PyYAML's own, with tabs accepted as libyaml accepts them: between words and at the
        # start of a continuation line.
        peek, prefix, forward = self.peek, self.prefix, self.forward  # type: ignore[attr-defined]
        ends = "\0\r\n\x85\u2028\u2029"
        chunks: list[str] = []
        length = 0
        while peek(length) in " \t":
            length += 1
        whitespaces = prefix(length)
        forward(length)
        ch = peek()
        if ch in "\r\n\x85\u2028\u2029":
            line_break = self.scan_line_break()  # type: ignore[attr-defined]
            self.allow_simple_key = True
            if prefix(3) in ("---", "...") and peek(3) in ends + " \t":
                return None
            breaks = []
            while peek() in " \t\r\n\x85\u2028\u2029":
                if peek() == "\t" and self.column < indent:  # type: ignore[attr-defined]
                    break  # a tab in the indentation: an error, as in libyaml
                if peek() in " \t":
                    forward()
                else:
                    breaks.append(self.scan_line_break())  # type: ignore[attr-defined]
                    if prefix(3) in ("---", "...") and peek(3) in ends + " \t":
                        return None
            if line_break != "\n":
                chunks.append(line_break)
            elif not breaks:
                chunks.append(" ")
            chunks.extend(breaks)
        elif whitespaces and (ch != "#" or "\t" not in whitespaces) and ch not in ends:
            chunks.append(whitespaces)
        return chunks


def _make_loader(base: type) -> type:
    class Loader(_FastResolve, base):  # type: ignore[misc]
        pass

    Loader._prepare()
    return Loader


class _PureBase(_TabsAsLibyaml, yaml.SafeLoader):
    pass


PureLoader = _make_loader(_PureBase)
CLoader = _make_loader(_CBase) if _CBase is not None else None

_BRACKETS = re.compile(r"[\[\]{}]")
# Two opening brackets with no bracket between them: the only way flow nesting passes 1.
_NESTED_FLOW = re.compile(r"[\[{][^\[\]{}]*[\[{]")


def _surely_shallow(text: str) -> bool:
    """True when a cheap upper bound of the nesting depth is within MAX_DEPTH.

    The bound is the widest indentation (with block indicators) plus the deepest bracket
    nesting, plus one; only a file failing it gets the exact check.
    """
    deepest = 0
    if _NESTED_FLOW.search(text):
        depth = 0
        for m in _BRACKETS.finditer(text):
            if m.group() in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif depth:
                depth -= 1
    elif "[" in text or "{" in text:
        deepest = 1
    # The widest run of indentation and block indicators, searched for rather than measured:
    # a file within the bound has no line starting with more than this.
    allowed = MAX_DEPTH - deepest - 1
    return allowed >= 0 and not re.search(rf"^[ \t?\-]{{{allowed + 1},}}", text, re.M)


def _check_depth(text: str, loader: type) -> None:
    if _surely_shallow(text):
        return
    depth = 0
    # The event parser is iterative (no recursion), so it is safe on any depth.
    events = yaml.parse(text, Loader=loader)
    while True:
        try:
            event = next(events)
        except StopIteration:
            return
        except yaml.YAMLError:
            return  # a syntax error: the full parse reports it with its position
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise YamlProblem(
                    Problem(
                        f"the file is nested more than {MAX_DEPTH} levels deep; "
                        "a role chart needs only a few",
                        line=mark.line + 1 if mark else None,
                        column=mark.column + 1 if mark else None,
                    )
                )
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


class Located:
    """Finds the line and column of a value inside the data a hardened loader returned."""

    def __init__(self, root: Any, nodes: dict[int, Node]) -> None:
        self.root = root
        self.nodes = nodes
        # key -> (key node, value node) per mapping node, built on first use: one lookup per
        # problem instead of a scan (20,000 unknown fields took 20 s to report).
        self._keys: dict[int, dict[Any, tuple[Node, Node]]] = {}

    def _entry(self, node: MappingNode, key: Any) -> tuple[Node, Node] | None:
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for k_node, v_node in node.value:
                index.setdefault(k_node.value, (k_node, v_node))
            self._keys[id(node)] = index
        return index.get(key)

    def find(self, path: tuple[int | str, ...], *, key: bool = False) -> tuple[int, int] | None:
        """Location of the value at ``path`` (or of its key, if ``key``), else of its parent."""
        value = self.root
        node = self.nodes.get(id(value))
        best = node.start_mark if node is not None else None
        for i, step in enumerate(path):
            node = self.nodes.get(id(value))
            if node is None:
                break
            child_node = None
            if isinstance(node, MappingNode) and isinstance(value, dict) and step in value:
                entry = self._entry(node, step)
                if entry is not None:
                    last = i == len(path) - 1
                    child_node = entry[0] if (key and last) else entry[1]
                value = value[step]
            elif (
                isinstance(node, SequenceNode)
                and isinstance(step, int)
                and isinstance(value, list)
                and 0 <= step < len(value)
            ):
                child_node = node.value[step]
                value = value[step]
            else:
                break
            if child_node is None:
                break
            best = child_node.start_mark
        if best is None:
            return None
        return best.line + 1, best.column + 1


def _reader_problem(text: str, exc: yaml.reader.ReaderError) -> YamlProblem:
    position = max(0, min(int(exc.position), len(text)))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return YamlProblem(
        Problem(
            f"the file contains a control character (U+{code:04X}) that YAML does not allow; "
            "remove it",
            line=line,
            column=column,
        )
    )


_YAML_DIRECTIVE = re.compile(r"^%YAML[ \t]+(\S*)", re.M)


def _check_yaml_version(text: str) -> None:
    """libyaml reads only YAML 1.1 and 1.2 documents, PyYAML any 1.x: both follow libyaml."""
    if "%YAML" not in text:
        return
    for match in _YAML_DIRECTIVE.finditer(text):
        major, _, minor = match.group(1).partition(".")
        if major.isdigit() and minor.isdigit() and (int(major), int(minor)) in ((1, 1), (1, 2)):
            continue
        raise YamlProblem(
            Problem(
                f"the file says it is YAML {match.group(1) or '(no version)'}; rolemap reads "
                "YAML 1.1 and 1.2. Remove the %YAML line",
                line=text.count("\n", 0, match.start()) + 1,
                column=1,
            )
        )


def read_yaml(text: str, *, pure: bool = False) -> tuple[Any, Located, list[Problem]]:
    """Parse ``text``; returns data, a locator and non-fatal problems (duplicate keys).

    Raises YamlProblem when the text cannot be read at all.
    """
    loader_cls = PureLoader if pure or CLoader is None else CLoader
    _check_yaml_version(text)
    _check_depth(text, loader_cls)
    with gc_paused():
        return _read(text, loader_cls)


def _read(text: str, loader_cls: type) -> tuple[Any, Located, list[Problem]]:
    try:
        loader = loader_cls(text)
    except yaml.reader.ReaderError as exc:  # the pure reader checks characters up front
        raise _reader_problem(text, exc) from None
    builder = TreeBuilder(loader, aliases_possible="*" in text)
    try:
        node = loader.get_single_node()
        data = builder.build(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or "invalid YAML"
        if exc.context:
            message = f"{exc.context}, {message}"
        raise YamlProblem(
            Problem(
                f"YAML syntax error: {message}",
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            )
        ) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_problem(text, exc) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Problem(f"YAML error: {exc}")) from None
    except (ValueError, OverflowError, TypeError, AttributeError, IndexError, KeyError) as exc:
        # PyYAML itself fails on a few malformed inputs (e.g. "\\U00110000" in the pure
        # scanner): report where it stopped rather than crash.
        mark = getattr(loader, "get_mark", lambda: None)()
        raise YamlProblem(
            Problem(
                f"YAML error: cannot read this ({exc})",
                line=mark.line + 1 if mark is not None else None,
                column=mark.column + 1 if mark is not None else None,
            )
        ) from None
    except RecursionError:
        raise YamlProblem(Problem("the file is nested too deeply")) from None
    finally:
        loader.dispose()
    return data, Located(data, builder.nodes), builder.duplicate_keys
