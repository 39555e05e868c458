"""Bad files get one clear message each (file:line:column, field path), never a crash.

Every case runs through ``loads`` on both YAML loaders and through ``rolemap check``
(exit code 2, no traceback, the same messages on stderr).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from rolemap.core.errors import ChartLoadError, Problem
from rolemap.core.fileformat import load, loads
from tests.helpers import CliResult, only


def lines(*rows: str) -> str:
    """A file from its lines, so that line numbers in the expectations can be counted."""
    return "\n".join(rows) + "\n"


@dataclass(frozen=True)
class Expected:
    """One problem we expect: field path (or ""), line, column (None: not checked), text."""

    path: str
    line: int | None
    column: int | None
    fragment: str


@dataclass(frozen=True)
class Case:
    id: str
    content: str | bytes
    expected: tuple[Expected, ...]


def case(id: str, content: str | bytes, *expected: Expected) -> pytest.ParameterSet:
    return pytest.param(Case(id, content, expected), id=id)


def load_problems(content: str | bytes, pure: bool) -> list[Problem]:
    with pytest.raises(ChartLoadError) as info:
        loads(content, file="chart.yaml", pure=pure)
    assert info.value.file == "chart.yaml"
    return info.value.problems


def assert_problems(problems: list[Problem], expected: tuple[Expected, ...]) -> None:
    assert len(problems) == len(expected), problems
    for exp in expected:
        found = only(problems, exp.path) if exp.path else problems[0]
        assert exp.fragment in found.message, found
        assert found.line == exp.line, found
        if exp.column is not None:
            assert found.column == exp.column, found


def cli_fragments(path: Path, expected: tuple[Expected, ...]) -> list[str]:
    out = []
    for exp in expected:
        where = f"{path}:{exp.line}" if exp.line is not None else str(path)
        if exp.column is not None:
            where += f":{exp.column}"
        field = f" {exp.path}:" if exp.path else ""
        out += [f"{where}:{field} ", exp.fragment]
    return out


FILE_LEVEL = [
    case(
        "syntax-bad-indent",
        lines("rolemap: 1", "title: a", "  bad: indent"),
        Expected("", 3, 6, "YAML syntax error: mapping values are not allowed"),
    ),
    case(
        "syntax-unclosed-flow",
        lines("rolemap: 1", "title: [unclosed"),
        Expected("", 3, 1, "YAML syntax error"),
    ),
    case(
        "syntax-tab-indent",
        lines("rolemap: 1", "title: x", "functions:", "\t- id: a"),
        Expected("", 4, 1, "YAML syntax error"),
    ),
    case(
        "root-list",
        lines("- rolemap: 1", "- title: x"),
        Expected(
            "", 1, 1, "the top level must be a mapping (rolemap: 1, title: ...), found a list"
        ),
    ),
    case(
        "root-scalar",
        lines("just some text"),
        Expected("", 1, 1, "found a single value ('just some text')"),
    ),
    case("empty", "", Expected("", 1, 1, "the file is empty; create a chart with: rolemap new")),
    case("blank-lines", "\n  \n\n", Expected("", 1, 1, "the file is empty")),
    case("document-marker-only", "---\n", Expected("", 1, 1, "the file is empty")),
    case(
        "only-comments",
        lines("# rolemap role chart", "# nothing here yet"),
        Expected("", 1, 1, "the file is empty"),
    ),
    case(
        "latin-1",
        "rolemap: 1\ntitle: café\n".encode("latin-1"),
        Expected("", 2, 11, "not UTF-8 text: byte 21 (0xe9) cannot be decoded"),
    ),
    case(
        "gbk-chinese",
        "rolemap: 1\ntitle: 市场部\n".encode("gbk"),
        Expected("", 2, 8, "not UTF-8 text: byte 18 (0xca)"),
    ),
    case(
        "utf-16",
        "rolemap: 1\ntitle: x\n".encode("utf-16"),
        Expected("", 1, 1, "not UTF-8 text: byte 0 (0xff)"),
    ),
    case(
        "version-missing",
        lines("title: x", "functions: []"),
        Expected("", 1, 1, "missing 'rolemap: 1' (the format version)"),
    ),
    case(
        "version-newer",
        lines("rolemap: 3", "title: x"),
        Expected("rolemap", 1, 10, "this chart uses format 3, written by a newer rolemap"),
    ),
    case(
        "version-text",
        lines('rolemap: "x"', "title: x"),
        Expected("rolemap", 1, 10, "unknown format version 'x'; expected rolemap: 1"),
    ),
    case(
        "version-zero",
        lines("rolemap: 0", "title: x"),
        Expected("rolemap", 1, 10, "unknown format version 0"),
    ),
    case(
        "version-bool",
        lines("rolemap: true", "title: x"),
        Expected("rolemap", 1, 10, "unknown format version True"),
    ),
]


SCHEMA = [
    case(
        "unknown-field-colour",
        lines(
            "rolemap: 1",
            "title: x",
            "functions:",
            "  - id: m",
            "    name: M",
            "    colour: '#ffffff'",
        ),
        Expected("functions[0].colour", 6, 5, "unknown field 'colour'; did you mean 'color'?"),
    ),
    case(
        "unknown-top-level-field",
        lines("rolemap: 1", "title: x", "fuctions: []"),
        Expected("fuctions", 3, 1, "unknown field 'fuctions'; did you mean 'functions'?"),
    ),
    case(
        "unknown-field-no-close-match",
        lines("rolemap: 1", "title: x", "tasks:", "- id: t", "  title: T", "  budget: 100"),
        Expected("tasks[0].budget", 6, 3, "unknown field 'budget'; known fields: id, title"),
    ),
    case(
        "wrong-types",
        lines("rolemap: 1", "title: 3", "tasks: foo"),
        Expected("title", 2, 8, "expected text, found a number (3)"),
        Expected("tasks", 3, 8, "expected a list, found text ('foo')"),
    ),
    case(
        "entry-not-a-mapping",
        lines("rolemap: 1", "title: x", "functions:", "  - marketing"),
        Expected("functions[0]", 4, 5, "expected a mapping"),
    ),
    case(
        "kpis-not-a-list",
        lines("rolemap: 1", "title: x", "goals:", "- id: g", "  name: G", "  kpis: 30日留存率"),
        Expected("goals[0].kpis", 6, 9, "expected a list, found text ('30日留存率')"),
    ),
    case(
        "missing-required",
        lines("rolemap: 1", "title: x", "functions:", "  - id: m", "    archetype: brand"),
        Expected("functions[0]", 4, 5, "missing required field 'name'"),
    ),
    case(
        "missing-title",
        lines("rolemap: 1", "functions: []"),
        Expected("", 1, 1, "missing required field 'title'"),
    ),
    case(
        "empty-title",
        lines("rolemap: 1", 'title: ""'),
        Expected("title", 2, 8, "must not be empty"),
    ),
    case(
        "id-with-space",
        lines("rolemap: 1", "title: x", "functions:", "- id: my team", "  name: M"),
        Expected("functions[0].id", 4, 7, "'my team' is not a valid id"),
    ),
    case(
        "id-too-long",
        lines("rolemap: 1", "title: x", "functions:", f"- id: {'m' * 65}", "  name: M"),
        Expected("functions[0].id", 4, 7, "is not a valid id: use 1-64 letters"),
    ),
    case(
        "bad-colour",
        lines("rolemap: 1", "title: x", "functions:", "- id: m", "  name: M", "  color: blue"),
        Expected("functions[0].color", 6, 10, "'blue' is not a colour"),
    ),
    case(
        "unknown-archetype-and-kind",
        lines(
            "rolemap: 1",
            "title: x",
            "functions:",
            "  - id: m",
            "    name: M",
            "    archetype: brnd",
            "goals:",
            "  - id: g",
            "    name: G",
            "    kind: retension",
        ),
        Expected(
            "functions[0].archetype", 6, 16, "unknown archetype 'brnd'; did you mean 'brand'?"
        ),
        Expected(
            "goals[0].kind", 10, 11, "unknown goal kind 'retension'; did you mean 'retention'?"
        ),
    ),
    case(
        "goal-kind-in-chinese",
        lines("rolemap: 1", "title: x", "goals:", "- id: g", "  name: G", "  kind: 拉新"),
        Expected("goals[0].kind", 6, 9, "choose one of: awareness, reputation, partnerships"),
    ),
    case(
        "raci-letters",
        lines(
            "rolemap: 1",
            "title: x",
            "functions:",
            "  - id: m",
            "    name: M",
            "tasks:",
            "  - id: t",
            "    title: T",
            "    raci: {m: RX}",
            "  - id: t2",
            "    title: T",
            "    raci: {m: r}",
        ),
        Expected("tasks[0].raci.m", 9, 15, "role letters must be from R, A, C, I"),
        Expected("tasks[1].raci.m", 12, 15, "role letters must be from R, A, C, I"),
    ),
    case(
        "raci-repeated-letter",
        lines(
            "rolemap: 1",
            "title: x",
            "functions:",
            "- id: m",
            "  name: M",
            "tasks:",
            "- id: t",
            "  title: T",
            "  raci: {m: RR}",
        ),
        Expected("tasks[0].raci.m", 9, 13, "each role letter may appear only once"),
    ),
    case(
        "raci-not-a-mapping",
        lines("rolemap: 1", "title: x", "tasks:", "- id: t", "  title: T", "  raci: [A]"),
        Expected("tasks[0].raci", 6, 9, "expected a mapping"),
    ),
    case(
        "review-status",
        lines(
            "rolemap: 1", "title: x", "reviews:", "- warning: shared-kpi:x:a,b", "  status: accept"
        ),
        Expected(
            "reviews[0].status", 5, 11, "unknown review status 'accept'; did you mean 'accepted'?"
        ),
    ),
    case(
        "impossible-date",
        lines(
            "rolemap: 1",
            "title: x",
            "reviews:",
            "- warning: w",
            "  status: acknowledged",
            "  date: 2024-13-45",
        ),
        Expected("", 6, 9, "cannot read this value (month must be in 1..12); put it in quotes"),
    ),
]


@pytest.mark.parametrize("c", FILE_LEVEL + SCHEMA)
def test_loads_reports_problem(c: Case, pure: bool) -> None:
    assert_problems(load_problems(c.content, pure), c.expected)


@pytest.mark.parametrize("c", FILE_LEVEL + SCHEMA)
def test_check_command_reports_problem(
    c: Case, check_rejects: Callable[..., str], tmp_path: Path
) -> None:
    path = tmp_path / "chart.yaml"
    err = check_rejects(c.content, *cli_fragments(path, c.expected))
    assert len(err.splitlines()) == len(c.expected)


def test_raci_key_that_is_not_an_id_is_reported_as_a_bad_id(pure: bool) -> None:
    text = lines(
        "rolemap: 1", "title: x", "tasks:", "- id: t", "  title: T", "  raci: {my team: A}"
    )
    problems = load_problems(text, pure)
    bad = [p for p in problems if p.path == "tasks[0].raci.my team"]
    assert bad and all(p.line == 6 for p in bad)
    assert any("'my team' is not a valid id" in p.message for p in bad), bad
    assert not any("RACI letters" in p.message for p in bad), bad


def test_newer_version_is_reported_and_file_left_unchanged(
    check_rejects: Callable[..., str], tmp_path: Path
) -> None:
    text = lines("rolemap: 3", "title: from the future", "widgets: [a, b]")
    err = check_rejects(
        text, "format 3", "newer rolemap", "reads formats 1 to 2", "Upgrade rolemap"
    )
    assert "not changed" in err
    path = tmp_path / "chart.yaml"
    before = path.stat().st_mtime_ns
    with pytest.raises(ChartLoadError):
        load(path)
    assert path.read_text(encoding="utf-8") == text
    assert path.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.yaml"]


def test_missing_file_is_a_load_error(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(ChartLoadError, match="cannot read the file: No such file"):
        load(missing)
    result = cli("check", missing)
    assert result.code == 2
    assert result.err.startswith(f"{missing}: cannot read the file")


def test_directory_is_a_load_error(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    with pytest.raises(ChartLoadError, match="it is a folder, not a role-chart file"):
        load(tmp_path)
    result = cli("check", tmp_path)  # a folder is searched for charts: this one has none
    assert result.code == 2
    assert result.err.startswith(f"{tmp_path}: no role charts found")


def test_byte_order_mark_and_crlf_are_accepted(pure: bool) -> None:
    chart = loads("\ufeffrolemap: 1\r\ntitle: 校园单车\r\n".encode(), pure=pure)
    assert chart.title == "校园单车"
