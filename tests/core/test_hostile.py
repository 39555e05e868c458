"""Hostile files: code-running tags, alias bombs, absurd nesting, huge files and numbers, NUL.

Each is rejected with a ChartLoadError (never executed, expanded or crashed on), quickly,
and ``rolemap check`` exits with 2 and no traceback.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from rolemap.core import fileformat, safeio
from rolemap.core.errors import ChartLoadError, Problem
from rolemap.core.fileformat import dumps, load, loads
from rolemap.core.model import Chart, Function, Goal, Task
from tests.helpers import CliResult, run_rolemap

DEPTH = 10_000


def rejected(text: str | bytes, pure: bool) -> list[Problem]:
    with pytest.raises(ChartLoadError) as info:
        loads(text, file="chart.yaml", pure=pure)
    return info.value.problems


# ------------------------------------------------------------------ tags


@pytest.mark.parametrize(
    "value",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        "!!python/object/apply:subprocess.check_call [[touch, {marker}]]",
        '!!python/object/new:os.system ["touch {marker}"]',
        "!!python/name:os.system",
        "!custom {marker}",
    ],
    ids=["apply-os-system", "apply-subprocess", "new", "name", "local-tag"],
)
def test_python_tags_are_rejected_and_not_executed(
    value: str,
    pure: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    check_rejects: Callable[..., str],
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    marker = tmp_path / "pwned"
    text = f"rolemap: 1\ntitle: {value.format(marker=marker)}\n"
    problems = rejected(text, pure)
    assert len(problems) == 1
    assert "is not allowed in a role chart; remove it" in problems[0].message
    assert (problems[0].line, problems[0].column) == (2, 8)
    check_rejects(text, ":2:8: the tag ", "is not allowed")
    assert not marker.exists()
    assert calls == []


def test_python_tag_is_not_executed_in_a_real_process(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "chart.yaml"
    path.write_text(f'rolemap: 1\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n')
    proc = run_rolemap("check", path)
    assert proc.returncode == 2, proc.stderr
    assert "is not allowed" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not marker.exists()


# ------------------------------------------------------------------ aliases


def billion_laughs() -> str:
    rows = ["rolemap: 1", "title: lol", "lol1: &lol1 [" + ",".join(['"lol"'] * 9) + "]"]
    for level in range(2, 10):
        aliases = ",".join([f"*lol{level - 1}"] * 9)
        rows.append(f"lol{level}: &lol{level} [{aliases}]")
    return "\n".join(rows) + "\n"


def test_billion_laughs_is_rejected_fast(pure: bool, check_rejects: Callable[..., str]) -> None:
    text = billion_laughs()
    assert 550 < len(text.encode()) < 700
    assert text.count("&") == 9  # 9 levels: fully expanded it would be 9**9 strings
    start = time.perf_counter()
    problems = rejected(text, pure)
    elapsed = time.perf_counter() - start
    assert elapsed < 10.0  # a blow-up bound, generous for a loaded machine
    assert "anchors and aliases (&name / *name) are not allowed" in problems[0].message
    assert problems[0].line is not None
    check_rejects(text, "anchors and aliases")


def test_a_single_alias_is_rejected(pure: bool) -> None:
    text = "rolemap: 1\ntitle: &t Campus\nfunctions:\n- id: m\n  name: *t\n"
    problems = rejected(text, pure)
    assert "anchors and aliases" in problems[0].message


def test_merge_key_is_rejected(pure: bool) -> None:
    text = "rolemap: 1\ntitle: x\nfunctions:\n- &f {id: m, name: M}\n- <<: *f\n  id: n\n"
    problems = rejected(text, pure)
    assert len(problems) == 1


# ------------------------------------------------------------------ nesting


def deep_flow(depth: int = DEPTH) -> str:
    return "rolemap: 1\ntitle: " + "[" * depth + "]" * depth + "\n"


def deep_block_sequence(depth: int = DEPTH) -> str:
    return "rolemap: 1\ntitle:\n" + "- " * depth + "x\n"


def deep_block_mapping(depth: int = 3_000) -> str:
    # One space more per level: 3,000 levels is 4.5 MB, past any recursion limit already.
    rows = [" " * level + "a:" for level in range(1, depth)]
    return "rolemap: 1\ntitle:\n" + "\n".join(rows) + "\n" + " " * depth + "a: x\n"


def deep_flow_hidden(depth: int = DEPTH) -> str:
    # Quoted closing brackets keep a naive bracket count low while the real depth grows.
    segment = "[" * 10 + '"' + "]" * 10 + '", '
    return "rolemap: 1\ntitle: " + segment * (depth // 10) + "x" + "]" * depth + "\n"


def deep_mixed(depth: int = DEPTH) -> str:
    half = depth // 2
    return "rolemap: 1\ntitle:\n" + "- " * half + "[" * half + "x" + "]" * half + "\n"


DEEP = {
    "flow": deep_flow,
    "block-sequence": deep_block_sequence,
    "block-mapping": deep_block_mapping,
    "flow-hidden-by-quotes": deep_flow_hidden,
    "mixed": deep_mixed,
}


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_deep_nesting_is_rejected(kind: str, pure: bool) -> None:
    text = DEEP[kind]()
    start = time.perf_counter()
    problems = rejected(text, pure)
    assert time.perf_counter() - start < 20.0  # catches a blow-up, not a slow machine
    assert len(problems) == 1
    assert "nest" in problems[0].message


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_check_command_rejects_deep_nesting(kind: str, check_rejects: Callable[..., str]) -> None:
    check_rejects(DEEP[kind](), "nest")


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_deep_nesting_does_not_crash_a_real_process(kind: str, tmp_path: Path) -> None:
    # The C loader (the default when available) is the one that can take the process down.
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP[kind](), encoding="utf-8")
    proc = run_rolemap("check", path)
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    assert "nest" in proc.stderr


def test_nesting_at_the_limit_is_a_plain_type_error(pure: bool) -> None:
    # Depth 20 is legal YAML for the reader; the chart schema then rejects the value.
    text = "rolemap: 1\ntitle: " + "[" * 20 + "]" * 20 + "\n"
    problems = rejected(text, pure)
    assert [p.path for p in problems] == ["title"]
    assert "expected text" in problems[0].message


def test_indented_block_text_is_not_mistaken_for_nesting(pure: bool) -> None:
    text = (
        "rolemap: 1\ntitle: x\nfunctions:\n- id: m\n  name: M\n  description: |\n"
        + " " * 60
        + "far right\n"
    )
    chart = loads(text, pure=pure)
    assert chart.functions[0].description == "far right\n"


# Wide indentation sends the reader down its exact depth check; a syntax error after it
# must still come back as a located problem, not as a raw PyYAML exception.
INDENTED_SYNTAX_ERROR = "rolemap: 1\ntitle: |\n" + " " * 40 + "indented text\nfunctions: [\n"


def test_syntax_error_in_a_widely_indented_file_is_a_load_error(pure: bool) -> None:
    problems = rejected(INDENTED_SYNTAX_ERROR, pure)
    assert "YAML syntax error" in problems[0].message
    assert problems[0].line == 5


def test_check_command_rejects_syntax_error_in_a_widely_indented_file(
    check_rejects: Callable[..., str],
) -> None:
    check_rejects(INDENTED_SYNTAX_ERROR, ":5:", "YAML syntax error")


# ------------------------------------------------------------------ size, numbers, NUL


def test_file_over_the_size_limit_is_rejected_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., CliResult]
) -> None:
    monkeypatch.setattr(safeio, "MAX_FILE_BYTES", 2 * 2**20)
    path = tmp_path / "big.yaml"
    path.write_bytes(b"rolemap: 1\ntitle: x\n" + b"# padding\n" * 300_000)
    with pytest.raises(ChartLoadError) as info:
        load(path)
    message = info.value.problems[0].message
    assert "the file is 3 MiB; rolemap reads role charts up to 2 MiB" in message
    with pytest.raises(ChartLoadError, match="up to 2 MiB"):
        loads(path.read_bytes())
    result = cli("check", path)
    assert result.code == 2
    assert result.err.startswith(f"{path}: the file is 3 MiB")


def test_size_limit_admits_a_100000_task_chart() -> None:
    functions = tuple(Function(id=f"f{i}", name=f"职能 {i}") for i in range(8))
    goals = tuple(
        Goal(id=f"g{i}", name=f"Goal {i}", owner=f"f{i % 8}", kpis=("30日留存率", "weekly rides"))
        for i in range(40)
    )
    tasks = tuple(
        Task(
            id=f"task-{i:06d}",
            title=f"校园大使招募 campus ambassador round {i}",
            description="Two student ambassadors per dorm building.",
            goals=(f"g{i % 40}", f"g{(i + 1) % 40}"),
            raci={"f0": "RA", "f1": "C", "f2": "I"},
            tags=("campus", "events"),
        )
        for i in range(1_000)
    )
    sample = dumps(Chart(title="big", functions=functions, goals=goals, tasks=tasks))
    estimated = len(sample.encode()) * 100
    assert estimated < fileformat.MAX_FILE_BYTES


@pytest.mark.parametrize(
    "number", ["9" * 5_000, "0x" + "f" * 5_000, "-" + "1" * 5_000, "1_" * 2_500 + "0"]
)
def test_integer_too_long_is_rejected(
    number: str, pure: bool, check_rejects: Callable[..., str]
) -> None:
    text = f"rolemap: 1\ntitle: x\nfunctions:\n- id: m\n  name: {number}\n"
    start = time.perf_counter()
    problems = rejected(text, pure)
    assert time.perf_counter() - start < 10.0  # a blow-up bound, generous for a loaded machine
    assert len(problems) == 1
    assert f"number too long ({len(number)} characters)" in problems[0].message
    assert (problems[0].line, problems[0].column) == (5, 9)
    check_rejects(text, ":5:9: number too long")


def test_quoted_long_number_is_text(pure: bool) -> None:
    chart = loads(f"rolemap: 1\ntitle: '{'9' * 5_000}'\n", pure=pure)
    assert chart.title == "9" * 5_000


@pytest.mark.parametrize(
    "content",
    [b"rolemap: 1\ntitle: x\x00y\n", "rolemap: 1\ntitle: x\n\x00"],
    ids=["bytes", "text"],
)
def test_nul_byte_is_rejected(
    content: str | bytes, pure: bool, check_rejects: Callable[..., str]
) -> None:
    problems = rejected(content, pure)
    assert len(problems) == 1
    assert "NUL characters; it is not a text file" in problems[0].message
    expected_line = 2 if isinstance(content, bytes) else 3
    assert problems[0].line == expected_line
    check_rejects(content, f":{expected_line}: the file contains NUL")
