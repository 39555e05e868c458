"""Ids, references and duplicates: what a schema cannot check, reported with path and line.

Also: one load reports every problem in the file at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from rolemap.core.errors import ChartLoadError, Problem
from rolemap.core.fileformat import loads
from tests.helpers import only

# Line numbers below refer to this chart; each test replaces a few of its lines.
BASE = [
    "rolemap: 1",  # 1
    "title: 校园单车 · 市场 vs 运营",  # 2
    "functions:",  # 3
    "  - id: marketing",  # 4
    "    name: 市场部",  # 5
    "    archetype: brand",  # 6
    "  - id: operations",  # 7
    "    name: 运营部",  # 8
    "    archetype: operations",  # 9
    "goals:",  # 10
    "  - id: new-riders",  # 11
    "    name: 拉新",  # 12
    "    owner: operations",  # 13
    "    kind: acquisition",  # 14
    "tasks:",  # 15
    "  - id: t1",  # 16
    "    title: 校园大使招募",  # 17
    "    goals: [new-riders]",  # 18
    "    raci: {operations: A, marketing: R}",  # 19
    "reviews: []",  # 20
]


def chart_text(**replace: str) -> str:
    """BASE with some lines replaced: ``chart_text(l13="    owner: nobody")``."""
    rows = list(BASE)
    for key, row in replace.items():
        rows[int(key[1:]) - 1] = row
    return "\n".join(rows) + "\n"


def problems_of(text: str, pure: bool) -> list[Problem]:
    with pytest.raises(ChartLoadError) as info:
        loads(text, file="chart.yaml", pure=pure)
    return info.value.problems


def test_base_chart_is_valid(pure: bool) -> None:
    chart = loads(chart_text(), pure=pure)
    assert chart.tasks[0].raci == {"operations": "A", "marketing": "R"}


# (replacements, field path, line, column, message fragment)
REFERENCE_CASES = [
    pytest.param(
        {"l11": "  - id: marketing", "l18": "    tags: [campus]"},
        "goals[0].id",
        11,
        9,
        "duplicate id 'marketing': already used by functions[0] (line 4); "
        "ids must be unique across functions, goals and tasks",
        id="duplicate-id-function-and-goal",
    ),
    pytest.param(
        {"l16": "  - id: new-riders"},
        "tasks[0].id",
        16,
        9,
        "duplicate id 'new-riders': already used by goals[0] (line 11)",
        id="duplicate-id-goal-and-task",
    ),
    pytest.param(
        {
            "l7": "  - id: marketing",
            "l13": "    owner: marketing",
            "l19": "    raci: {marketing: A}",
        },
        "functions[1].id",
        7,
        9,
        "duplicate id 'marketing': already used by functions[0] (line 4)",
        id="duplicate-id-same-section",
    ),
    pytest.param(
        {"l13": "    owner: nobody"},
        "goals[0].owner",
        13,
        12,
        "no function with id 'nobody'",
        id="goal-owner-missing",
    ),
    pytest.param(
        {"l13": "    owner: operation"},
        "goals[0].owner",
        13,
        12,
        "no function with id 'operation'; did you mean 'operations'?",
        id="goal-owner-typo",
    ),
    pytest.param(
        {"l13": "    owner: new-riders"},
        "goals[0].owner",
        13,
        12,
        "no function with id 'new-riders'",
        id="goal-owner-is-a-goal",
    ),
    pytest.param(
        {"l18": "    goals: [new-riders, g-missing]"},
        "tasks[0].goals[1]",
        18,
        25,
        "no goal with id 'g-missing'",
        id="task-goal-missing",
    ),
    pytest.param(
        {"l18": "    goals: [marketing]"},
        "tasks[0].goals[0]",
        18,
        13,
        "no goal with id 'marketing'",
        id="task-goal-is-a-function",
    ),
    pytest.param(
        {"l18": "    goals: [new-riders, new-riders]"},
        "tasks[0].goals[1]",
        18,
        25,
        "the goal 'new-riders' is listed twice",
        id="task-goal-twice",
    ),
    pytest.param(
        {"l19": "    raci: {operations: A, product: C}"},
        "tasks[0].raci.product",
        19,
        None,
        "RACI names no function with id 'product'",
        id="raci-key-missing",
    ),
    pytest.param(
        {"l19": "    raci: {operation: A}"},
        "tasks[0].raci.operation",
        19,
        None,
        "no function with id 'operation'; did you mean 'operations'?",
        id="raci-key-typo",
    ),
    pytest.param(
        {"l20": "reviews:\n  - warning: shared-kpi:x:a,b\n    status: accepted"},
        "reviews[0]",
        21,
        5,
        "an accepted warning needs a note saying why (note: ...)",
        id="accepted-review-without-note",
    ),
    pytest.param(
        {"l20": "reviews:\n  - warning: shared-kpi:x:a,b\n    status: accepted\n    note: '  '"},
        "reviews[0]",
        21,
        5,
        "an accepted warning needs a note",
        id="accepted-review-blank-note",
    ),
    pytest.param(
        {
            "l20": "reviews:\n  - warning: w1\n    status: acknowledged\n"
            "  - warning: w1\n    status: acknowledged"
        },
        "reviews[1].warning",
        23,
        14,
        "this warning is already reviewed in reviews[0]",
        id="review-twice",
    ),
]


@pytest.mark.parametrize(("replace", "path", "line", "column", "fragment"), REFERENCE_CASES)
def test_reference_problem(
    replace: dict[str, str],
    path: str,
    line: int,
    column: int | None,
    fragment: str,
    pure: bool,
) -> None:
    problems = problems_of(chart_text(**replace), pure)
    assert len(problems) == 1, problems
    problem = only(problems, path)
    assert fragment in problem.message
    assert problem.line == line
    if column is not None:
        assert problem.column == column


@pytest.mark.parametrize(("replace", "path", "line", "column", "fragment"), REFERENCE_CASES)
def test_check_command_reports_reference_problem(
    replace: dict[str, str],
    path: str,
    line: int,
    column: int | None,
    fragment: str,
    check_rejects: Callable[..., str],
    tmp_path: Path,
) -> None:
    err = check_rejects(
        chart_text(**replace), f"{tmp_path / 'chart.yaml'}:{line}:", f" {path}: ", fragment
    )
    assert len(err.splitlines()) == 1


DUPLICATE_KEY_CASES = [
    pytest.param(
        {"l2": "title: A\ntitle: B"}, 3, 1, "the key 'title' appears twice", id="top-level"
    ),
    pytest.param(
        {"l5": "    name: 市场部\n    name: 品牌部"},
        6,
        5,
        "the key 'name' appears twice",
        id="in-function",
    ),
    pytest.param(
        {"l19": "    raci: {operations: A, operations: R}"},
        19,
        27,
        "the key 'operations' appears twice",
        id="in-raci-flow-map",
    ),
    pytest.param(
        {"l10": "tasks: []\ngoals:"}, 16, 1, "the key 'tasks' appears twice", id="section-twice"
    ),
]


@pytest.mark.parametrize(("replace", "line", "column", "fragment"), DUPLICATE_KEY_CASES)
def test_duplicate_mapping_key_is_rejected(
    replace: dict[str, str], line: int, column: int, fragment: str, pure: bool
) -> None:
    problems = problems_of(chart_text(**replace), pure)
    dup = [p for p in problems if "appears twice" in p.message]
    assert len(dup) == 1, problems
    assert fragment in dup[0].message
    assert (dup[0].line, dup[0].column) == (line, column)


@pytest.mark.parametrize(("replace", "line", "column", "fragment"), DUPLICATE_KEY_CASES)
def test_check_command_rejects_duplicate_key(
    replace: dict[str, str],
    line: int,
    column: int,
    fragment: str,
    check_rejects: Callable[..., str],
    tmp_path: Path,
) -> None:
    check_rejects(chart_text(**replace), f"{tmp_path / 'chart.yaml'}:{line}:{column}: ", fragment)


MANY_PROBLEMS = chart_text(
    l2="title: 3",
    l6="    archetype: brnd",
    l8="    name: 运营部\n    colour: '#ff0000'",
    l13="    owner: nobody",
    l18="    goals: [new-riders, g-missing]",
    l19="    raci: {operations: AX, product: C}",
    l20="reviews:\n  - warning: w1\n    status: accepted\nreviews: []",
)

# (path, line) of every problem in MANY_PROBLEMS, in file order.
MANY_EXPECTED = [
    ("title", 2),
    ("functions[0].archetype", 6),
    ("functions[1].colour", 9),
    ("goals[0].owner", 14),
    ("tasks[0].goals[1]", 19),
    ("tasks[0].raci.operations", 20),
    ("tasks[0].raci.product", 20),
    ("reviews[0]", 22),
    ("", 24),
]


def test_every_problem_is_reported_at_once(pure: bool) -> None:
    problems = problems_of(MANY_PROBLEMS, pure)
    assert [(p.path, p.line) for p in problems] == MANY_EXPECTED
    assert "appears twice" in problems[-1].message


def test_check_command_prints_every_problem_once(
    check_rejects: Callable[..., str], tmp_path: Path
) -> None:
    err = check_rejects(MANY_PROBLEMS)
    rows = err.splitlines()
    assert len(rows) == len(MANY_EXPECTED)
    file = tmp_path / "chart.yaml"
    for row, (path, line) in zip(rows, MANY_EXPECTED, strict=True):
        assert row.startswith(f"{file}:{line}:")
        if path:
            assert f" {path}: " in row
