"""A hardened YAML reader: safe tags only, no aliases, no duplicate keys, bounded depth and size.

It returns plain Python data plus a way to find the line and column of any value in it, so
that validation problems can point at the exact place in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from rolemap.core.errors import Problem
from rolemap.core.gcpause import gc_paused

try:
    from yaml import CSafeLoader as _CBase
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _CBase = None  # type: ignore[assignment,misc]

HAS_C_LOADER = _CBase is not None
MAX_DEPTH = 32
MAX_INT_DIGITS = 32
_SAFE_TAGS = (
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
)


# PyYAML resolves the plain scalars "=" and "<<" to these YAML 1.1 tags; as values they are text.
_PLAIN_AS_TEXT = ("tag:yaml.org,2002:value", "tag:yaml.org,2002:merge")

_NODE_KIND: dict[str, type[Node]] = {
    "tag:yaml.org,2002:seq": SequenceNode,
    "tag:yaml.org,2002:map": MappingNode,
}


class YamlProblem(Exception):
    """Reading stopped: the YAML itself is unusable (syntax, hostile constructs)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _at(node: Node, message: str) -> YamlProblem:
    mark = node.start_mark
    return YamlProblem(Problem(message, line=mark.line + 1, column=mark.column + 1))


class _Hardened:
    """Mixin over SafeConstructor: records nodes for locations, rejects what a chart never needs."""

    constructed_objects: dict[Node, Any]
    nodes: dict[int, Node]
    duplicate_keys: list[Problem]

    def _setup(self) -> None:
        self.nodes = {}
        self.duplicate_keys = []

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            raise _at(
                node,
                "anchors and aliases (&name / *name) are not allowed in a role chart; "
                "write the value out in full",
            )
        if node.tag in _PLAIN_AS_TEXT and isinstance(node, ScalarNode) and not node.style:
            node.tag = "tag:yaml.org,2002:str"  # a plain "=" or "<<" value is just text
        if node.tag not in _SAFE_TAGS:
            raise _at(node, f"the tag {node.tag!r} is not allowed in a role chart; remove it")
        expected = _NODE_KIND.get(node.tag, ScalarNode)
        if not isinstance(node, expected):
            raise _at(node, f"the tag {node.tag!r} does not fit this value; remove the tag")
        try:
            return super().construct_object(node, deep)  # type: ignore[misc]
        except (ValueError, OverflowError, TypeError, AttributeError, IndexError, KeyError) as exc:
            raise _at(
                node, f"cannot read this value ({exc}); put it in quotes if it is text"
            ) from None
        except RecursionError:
            raise _at(node, "the file is nested too deeply") from None

    def construct_yaml_int(self, node: ScalarNode) -> Any:
        if len(node.value) > MAX_INT_DIGITS:
            raise _at(node, f"number too long ({len(node.value)} characters); is it meant as text?")
        return super().construct_yaml_int(node)  # type: ignore[misc]

    def construct_yaml_seq(self, node: SequenceNode) -> Iterator[list[Any]]:
        data: list[Any] = []
        yield data
        self.nodes[id(data)] = node
        data.extend([self.construct_object(child) for child in node.value])

    def construct_yaml_map(self, node: MappingNode) -> Iterator[dict[str, Any]]:
        data: dict[str, Any] = {}
        yield data
        self.nodes[id(data)] = node
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _SAFE_TAGS:
                raise _at(key_node, "a key must be plain text")
            key = key_node.value
            if key in data:
                mark = key_node.start_mark
                self.duplicate_keys.append(
                    Problem(
                        f"the key '{key}' appears twice in this mapping; keep one",
                        line=mark.line + 1,
                        column=mark.column + 1,
                    )
                )
                continue
            data[key] = self.construct_object(value_node)


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
    class Loader(_Hardened, base):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            base.__init__(self, stream)  # type: ignore[misc]
            self._setup()

    Loader.add_constructor("tag:yaml.org,2002:int", _Hardened.construct_yaml_int)
    Loader.add_constructor("tag:yaml.org,2002:seq", _Hardened.construct_yaml_seq)
    Loader.add_constructor("tag:yaml.org,2002:map", _Hardened.construct_yaml_map)
    return Loader


class _PureBase(_TabsAsLibyaml, yaml.SafeLoader):
    pass


PureLoader = _make_loader(_PureBase)
CLoader = _make_loader(_CBase) if _CBase is not None else None

_LEADING = re.compile(r"^[ \t?\-]*", re.M)
_BRACKETS = re.compile(r"[\[\]{}]")


def _depth_bound(text: str) -> int:
    """A cheap upper bound of the nesting depth (exact check only when this is large)."""
    widest = max((len(m) for m in _LEADING.findall(text)), default=0)
    depth = deepest = 0
    for m in _BRACKETS.finditer(text):
        if m.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return widest + deepest + 1


def _check_depth(text: str, loader: type) -> None:
    if _depth_bound(text) <= MAX_DEPTH:
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
    try:
        data = loader.get_single_data()
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
    return data, Located(data, loader.nodes), loader.duplicate_keys
