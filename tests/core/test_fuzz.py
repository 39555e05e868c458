"""Fuzzed loading: whatever bytes or text it is given, ``loads`` returns a chart or raises
ChartLoadError, in well under a second, on both YAML loader paths (libyaml and pure Python).

Three sources of input: arbitrary bytes; YAML-like text built from the format's keys and
YAML's indicators (including hostile ones); and valid saved charts with random edits. A chart
the loader accepts must also survive save and load unchanged. (Generated valid charts round
trip in ``test_save.py``.) For longer, coverage-guided runs see ``tests/fuzz/README.md``.
"""

from __future__ import annotations

import time

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rolemap.core import yamlsafe
from rolemap.core.errors import ChartLoadError
from rolemap.core.fileformat import dumps, loads
from rolemap.core.model import Chart
from tests.strategies import charts

LIMIT_SECONDS = 5.0  # a bound on blow-ups, generous for a loaded 2-core CI machine
FUZZ = settings(max_examples=300, deadline=None)

both_loaders = pytest.mark.parametrize(
    "pure",
    [
        pytest.param(
            False,
            id="c-loader",
            marks=pytest.mark.skipif(
                not yamlsafe.HAS_C_LOADER, reason="PyYAML was built without libyaml"
            ),
        ),
        pytest.param(True, id="pure-loader"),
    ],
)


def load_or_reject(data: bytes | str, pure: bool) -> Chart | None:
    """The property: a Chart or a ChartLoadError with problems, fast; anything else fails."""
    start = time.perf_counter()
    try:
        chart: Chart | None = loads(data, file="fuzz.yaml", pure=pure)
    except ChartLoadError as exc:
        chart = None
        assert exc.problems, "a load error must carry at least one problem"
        # ``rolemap check`` prints one problem a line, each starting with the file name.
        lines = exc.format().splitlines()
        assert all(line.startswith("fuzz.yaml:") for line in lines), f"problem spans lines: {lines}"
    elapsed = time.perf_counter() - start
    assert elapsed < LIMIT_SECONDS, f"loads took {elapsed:.2f} s on {data!r:.200}"
    if chart is not None:
        # Whatever the loader accepts, the saver must write back and the loader read again.
        text = dumps(chart)
        assert loads(text.encode("utf-8"), pure=pure) == chart
    return chart


# ------------------------------------------------------------------ arbitrary bytes


@FUZZ
@given(data=st.binary(max_size=2000))
@example(data=b"")
@example(data=b"\xef\xbb\xbf")
@example(data=b"\x00")
@example(data=b"\xff\xfe")
@example(data=b"rolemap: 1\ntitle: x\n")
@example(data=b"\x01")  # a control character: the pure loader used to raise ReaderError
@example(data=b"rolemap: 1\ntitle: \x7f\n")
@example(data="rolemap: 1\ntitle: \u0080\n".encode())
@example(data="\ufffe".encode())
# Found by tests/fuzz/atheris_load.py (libyaml path): ValueError from construct_yaml_map.
@example(data=b"!!map # r  oe ch..., formatday product: I}tons:[---]\n91-202--13-45]\n")
@both_loaders
def test_arbitrary_bytes(data: bytes, pure: bool) -> None:
    load_or_reject(data, pure)


# ------------------------------------------------------------------ YAML-like text

KEYS = [
    "rolemap",
    "title",
    "functions",
    "goals",
    "tasks",
    "reviews",
    "id",
    "name",
    "owner",
    "kind",
    "kpis",
    "raci",
    "tags",
    "archetype",
    "color",
    "description",
    "warning",
    "status",
    "note",
    "date",
]

NUMBERS = [
    "0",
    "1",
    "-1",
    "2",
    "1.0",
    "1e3",
    "1e999",
    "-1e999",
    ".inf",
    "-.Inf",
    ".nan",
    "0x1f",
    "0o17",
    "017",
    "0b101",
    "1_000",
    "1:30:00",
    "190:20:30.15",
    "9" * 31,
    "9" * 32,
    "9" * 33,
    "9" * 400,
    "-" + "9" * 40,
    "0x" + "f" * 40,
    "1" + ":59" * 40 + ".5",
    "1." + "0" * 300 + "1",
    "1e" + "9" * 30,
]

DATES = [
    "2024-09-01",
    "2026-13-45",
    "2026-02-30",
    "2026-00-00",
    "0000-01-01",
    "9999-12-31",
    "2024-09-01T10:00:00Z",
    "2024-09-01 10:00:00",
    "2024-09-01t25:61:61.123456789z",
    "2024-9-1 1:00:00 +99:00",
    "2024-09-01T00:00:00-23:59",
    "2024-09-01T00:00:00+24:00",
    "2024-09-01 00:00:00.5",
]

TEXT = [
    "x",
    "市场部",
    "运营部",
    "校园大使招募",
    "新注册用户数",
    "30日留存率",
    "市场 vs 运营：谁负责拉新？",
    "😀",
    "é",
    "marketing",
    "operations",
    "acquisition",
    "brand",
    "other",
    "accepted",
    "acknowledged",
    "R",
    "A",
    "RACI",
    "RR",
    "X",
    "#2f6fde",
    "'#2f6fde'",
    "yes",
    "No",
    "null",
    "~",
    "true",
    "<<",
    "=",
    "?x",
    "-x",
    "%YAML 1.1",
    "%TAG ! tag:example.com,2000:",
    "@",
    "`",
    "a" * 65,
    "\u2028",
    "\u2029",
    "\x85",
    "\u00a0",
    "\ufeff",
    "\ufffe",
    "\x00",
    "\x01",
    "\x7f",
    "\r",
    "\r\n",
    '"\\u4e2d\\u6587"',
    '"\\ud800"',
    '"\\U0010ffff"',
    '"\\U00110000"',
    '"\\x00"',
    '"\\x85\\N\\_\\L\\P"',
    '"\\q"',
    '"\\',
    "'it''s'",
]

INDICATORS = [
    "- ",
    "-",
    ": ",
    ":",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ",",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!python/object:os.system ",
    "!!python/object/apply:os.system ",
    "!!binary ",
    "!!str ",
    "!!int ",
    "!!float ",
    "!!timestamp ",
    "!!map ",
    "!!seq ",
    "!!set ",
    "!!omap ",
    "!!null ",
    "!!bool ",
    "!local ",
    "!<tag:yaml.org,2002:str> ",
    "? ",
    "|",
    "|-",
    "|+",
    "|2",
    ">",
    ">-",
    "'",
    '"',
    "# ",
    " #",
    "---",
    "--- ",
    "...",
    "\t",
    " ",
    "\n",
    "\n  ",
    "\n    ",
    "\n- ",
    "\n  - ",
]

tokens = st.one_of(
    st.sampled_from(KEYS).map(lambda k: k + ": "),
    st.sampled_from(KEYS),
    st.sampled_from(INDICATORS),
    st.sampled_from(NUMBERS),
    st.sampled_from(DATES),
    st.sampled_from(TEXT),
    st.text(max_size=5),
)

PREFIXES = ["", "rolemap: 1\n", "rolemap: 1\ntitle: x\n", "\ufeffrolemap: 1\ntitle: 市场\n"]

token_soup = st.builds(
    lambda prefix, parts: prefix + "".join(parts),
    st.sampled_from(PREFIXES),
    st.lists(tokens, max_size=60),
)
"""Free-form text from the format's keys and YAML's indicators: mostly broken YAML."""

scalar_text = st.one_of(
    st.sampled_from(TEXT + NUMBERS + DATES + KEYS),
    st.text(max_size=10),
)

SAFE_TAGS = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!seq", "!!map"]
tagged_value = st.builds(
    lambda tag, value: f"{tag} {value}",
    st.sampled_from(SAFE_TAGS),
    st.one_of(
        st.just(""),
        st.just('""'),
        scalar_text,
        st.sampled_from(["[a]", "{a: b}", "[]", "{}", "-", "_", "0x", "x"]),
    ),
)
"""A tag YAML allows, on a value of the wrong kind or shape (``!!bool x``, ``!!seq x``)."""


@st.composite
def yaml_lines(draw: st.DrawFn) -> str:
    """Line-structured YAML: ``indent [- ] key: value`` lines; often parses, rarely validates."""
    lines = [draw(st.sampled_from(PREFIXES)).rstrip("\n")]
    for _ in range(draw(st.integers(0, 25))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 2, 4, 6, 1, 3]))
        dash = draw(st.sampled_from(["", "", "- ", "-  ", "? "]))
        key = draw(st.sampled_from(KEYS) | st.sampled_from(TEXT))
        value = draw(
            st.one_of(
                st.just(""),
                scalar_text,
                st.lists(scalar_text, max_size=3).map(lambda v: "[" + ", ".join(v) + "]"),
                st.dictionaries(st.sampled_from(KEYS + TEXT), scalar_text, max_size=3).map(
                    lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"
                ),
                st.sampled_from(INDICATORS),
                tagged_value,
            )
        )
        lines.append(f"{indent}{dash}{key}: {value}".rstrip(" "))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n", "\n..."]))


plain_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.dates(),
    st.datetimes(),
    st.sampled_from(TEXT + KEYS),
    st.text(max_size=10),
)
plain_data = st.recursive(
    plain_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=4), inner, max_size=5),
    ),
    max_leaves=30,
)


@st.composite
def well_formed_yaml(draw: st.DrawFn) -> str:
    """Well-formed YAML with the format's keys and wrong shapes and types: exercises validation
    (pydantic, cross-references, problem locations) rather than the YAML parser."""
    root = draw(st.dictionaries(st.sampled_from(KEYS), plain_data, max_size=7))
    if draw(st.booleans()):
        root = {"rolemap": 1, "title": draw(st.sampled_from(TEXT)), **root}
        root["rolemap"] = draw(st.sampled_from([1, 1, 1, 1.0, True, "1", 2, None]))
    return yaml.safe_dump(
        root,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, True, None])),
        sort_keys=False,
    )


yaml_like_text = st.one_of(token_soup, yaml_lines(), well_formed_yaml())


@FUZZ
@given(text=yaml_like_text)
@example(
    text="rolemap: 1\ntitle: x\nreviews:\n- {warning: w, status: accepted, note: n, date: 2026-13-45}\n"
)
@example(text='rolemap: 1\ntitle: "a\\x00b"\n')
@example(text='rolemap: 1\ntitle: "\\ud800"\n')
@example(text="rolemap: 1\ntitle: !!python/object:os.system x\n")
@example(text="rolemap: 1\ntitle: &a x\nfunctions: *a\n")
@example(text="rolemap: 1\ntitle: \x01\n")  # pure loader used to raise ReaderError
@example(text="rolemap: 1\ntitle: !!bool x\n")  # KeyError from PyYAML
@example(text="rolemap: 1\ntitle: !!seq x\n")  # AttributeError in construct_object
@example(text="rolemap: 1\ntitle: !!map x\n")  # ValueError in construct_yaml_map
@example(text="!!float ")  # IndexError from PyYAML
@example(text='rolemap: 1\ntitle: "\\U00110000"\n')  # pure loader: ValueError from chr()
@example(text="rolemap: 1\ntitle: x\nfunctions:\n- id: 'a\n\n  b'\n  name: n\n")
@both_loaders
def test_yaml_like_text(text: str, pure: bool) -> None:
    load_or_reject(text, pure)
    load_or_reject(text.encode("utf-8", "surrogatepass"), pure)


# ------------------------------------------------------------------ mutated valid files


def _edit_lines(draw: st.DrawFn, lines: list[str]) -> None:
    op = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "tab", "insert"]))
    if not lines:
        lines.append(draw(tokens))
        return
    i = draw(st.integers(0, len(lines) - 1))
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(draw(st.integers(0, len(lines))), lines[i])
    elif op == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "indent":
        lines[i] = " " * draw(st.integers(1, 4)) + lines[i]
    elif op == "dedent":
        lines[i] = lines[i][draw(st.integers(1, 4)) :]
    elif op == "tab":
        lines[i] = "\t" + lines[i].lstrip(" ")
    else:
        at = draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:at] + draw(tokens) + lines[i][at:]


def _edit_bytes(draw: st.DrawFn, data: bytearray) -> None:
    op = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
    at = draw(st.integers(0, len(data)))
    if op == "flip" and at < len(data):
        data[at] = draw(st.integers(0, 255))
    elif op == "insert":
        data[at:at] = draw(st.binary(min_size=1, max_size=4))
    elif op == "delete":
        del data[at : at + draw(st.integers(1, 8))]
    else:
        del data[at:]


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    """A saved valid chart with a few random line edits, then perhaps a few byte edits."""
    text = dumps(draw(charts(max_functions=3, max_goals=3, max_tasks=4, max_reviews=2)))
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        _edit_lines(draw, lines)
    data = bytearray("".join(lines).encode("utf-8", "surrogatepass"))
    for _ in range(draw(st.integers(0, 3))):
        _edit_bytes(draw, data)
    return bytes(data)


@FUZZ
@given(data=mutated_files())
@both_loaders
def test_mutated_valid_files(data: bytes, pure: bool) -> None:
    load_or_reject(data, pure)


# ------------------------------------------------------------------ regressions


@both_loaders
@pytest.mark.parametrize(
    "data",
    [b"\x01", b"rolemap: 1\ntitle: x\x08y\n", "title: \u0085\x9f".encode(), "\uffff".encode()],
    ids=["soh", "backspace-in-title", "c1-control", "uffff"],
)
def test_control_characters_are_a_load_error(data: bytes, pure: bool) -> None:
    with pytest.raises(ChartLoadError) as info:
        loads(data, file="chart.yaml", pure=pure)
    assert "character" in info.value.format()


@both_loaders
def test_text_with_a_lone_surrogate_is_a_load_error(pure: bool) -> None:
    # Only reachable with str input (UTF-8 bytes cannot carry a surrogate): libyaml's
    # loader raised UnicodeEncodeError, the pure one ReaderError.
    with pytest.raises(ChartLoadError):
        loads('rolemap: 1\ntitle: "\ud800"\n', file="chart.yaml", pure=pure)


# Escapes beyond U+10FFFF: libyaml reports a syntax error; PyYAML's pure scanner calls chr()
# on them and raises ValueError (or OverflowError past 2**31), which nothing caught.
OUT_OF_RANGE_ESCAPES = ["\\U00110000", "\\U10010000", "\\UFFFFFFFF"]


@both_loaders
@pytest.mark.parametrize("escape", OUT_OF_RANGE_ESCAPES)
def test_unicode_escape_beyond_the_last_code_point_is_a_load_error(escape: str, pure: bool) -> None:
    with pytest.raises(ChartLoadError) as info:
        loads(f'rolemap: 1\ntitle: "{escape}"\n'.encode(), file="chart.yaml", pure=pure)
    assert info.value.problems[0].line == 2, info.value.format()


# Safe tags on values of the wrong kind: PyYAML's constructors (and the hardened map and seq
# constructors) raise AttributeError, IndexError, KeyError, ValueError or TypeError; the last
# two even escape the ``except`` in construct_object, because a map or seq is filled in later,
# from construct_document. Each must be a located load error.
WRONGLY_TAGGED = {
    "seq-on-scalar": "rolemap: 1\ntitle: !!seq x\n",
    "seq-on-map": "rolemap: 1\ntitle: !!seq {a: b}\n",
    "map-on-scalar": "rolemap: 1\ntitle: !!map x\n",
    "map-on-seq": "rolemap: 1\ntitle: !!map [a]\n",
    "bool-not-a-bool": "rolemap: 1\ntitle: !!bool x\n",
    "bool-empty": 'rolemap: 1\ntitle: !!bool ""\n',
    "int-empty": "rolemap: 1\ntitle: !!int\n",
    "int-sign-only": 'rolemap: 1\ntitle: !!int "-"\n',
    "int-underscore-only": 'rolemap: 1\ntitle: !!int "_"\n',
    "float-empty": 'rolemap: 1\ntitle: !!float ""\n',
    "timestamp-not-a-date": "rolemap: 1\ntitle: !!timestamp x\n",
    "root-seq-on-scalar": "!!seq rolemap",
    "root-map-on-scalar": "!!map rolemap",
    "root-timestamp-empty": "!!timestamp ",
}


@both_loaders
@pytest.mark.parametrize("text", WRONGLY_TAGGED.values(), ids=WRONGLY_TAGGED.keys())
def test_safe_tag_on_a_wrong_value_is_a_load_error(text: str, pure: bool) -> None:
    with pytest.raises(ChartLoadError) as info:
        loads(text.encode("utf-8"), file="chart.yaml", pure=pure)
    problem = info.value.problems[0]
    expected_line = 2 if text.startswith("rolemap") else 1
    assert problem.line == expected_line, info.value.format()


# A problem is one line of ``rolemap check`` output; values and keys quoted in a message must
# not break it (a newline in an id, an archetype or a key). "Line" as in str.splitlines(),
# which the check fixture in conftest.py uses.
MULTILINE_VALUES = {
    "id": 'rolemap: 1\ntitle: x\nfunctions:\n- id: "a\\nb"\n  name: n\n',
    "archetype": 'rolemap: 1\ntitle: x\nfunctions:\n- {id: f, name: n, archetype: "x\\ny"}\n',
    "key": 'rolemap: 1\ntitle: x\nfunctions:\n- "\\r": null\n',
    "top-level-key": 'rolemap: 1\ntitle: x\n"a\\nb": 1\n',
    "goal-reference": 'rolemap: 1\ntitle: x\ntasks:\n- {id: t, title: t, goals: ["g\\nh"]}\n',
    "status": 'rolemap: 1\ntitle: x\nreviews:\n- {warning: w, status: "a\\nb"}\n',
    # str.splitlines() (and so the check fixture) also breaks at these; terminals at \v, \f.
    "record-separator-in-key": 'rolemap: 1\ntitle: x\nfunctions:\n- "\\x1E": null\n',
    "line-separator-in-id": 'rolemap: 1\ntitle: x\nfunctions:\n- {id: "a\\Lb", name: n}\n',
    "next-line-in-owner": 'rolemap: 1\ntitle: x\ngoals:\n- {id: g, name: n, owner: "a\\Nb"}\n',
    "form-feed-in-kind": 'rolemap: 1\ntitle: x\ngoals:\n- {id: g, name: n, kind: "a\\fb"}\n',
}


@pytest.mark.parametrize("text", MULTILINE_VALUES.values(), ids=MULTILINE_VALUES.keys())
def test_each_problem_is_one_line(text: str) -> None:
    with pytest.raises(ChartLoadError) as info:
        loads(text, file="chart.yaml")
    lines = info.value.format().splitlines()
    assert len(lines) == len(info.value.problems), lines
    assert all(line.startswith("chart.yaml:") for line in lines), lines
