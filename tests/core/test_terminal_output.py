"""What rolemap prints: no terminal escape from a file reaches the terminal; long lists are capped."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml

from rolemap.core.errors import ChartLoadError
from rolemap.core.fileformat import loads
from rolemap.core.terminal import json_safe, one_line, terminal_safe
from rolemap.core.yamlsafe import Located, read_yaml
from tests.helpers import CliResult

Cli = Callable[..., CliResult]
PWNED = "\x1b]0;pwned\x07\x1b[2J"
DANGEROUS = ["\x1b", "\x07", "\x9b", "\x85", "\u202e", "\x7f", "\r"]


def _clean(text: str) -> None:
    for ch in DANGEROUS:
        assert ch not in text, f"{ch!r} printed raw"


def _yaml_quoted(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def test_escapes_in_titles_are_shown_not_obeyed(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "chart.yaml"
    evil = f"Launch {PWNED} \u202eevil\x9b31m"
    path.write_text(
        "rolemap: 1\ntitle: x\n"
        "functions:\n- {id: mkt, name: " + _yaml_quoted(evil) + ", archetype: brand}\n"
        "- {id: ops, name: Ops, archetype: operations}\n"
        "tasks:\n"
        "- {id: t1, title: " + _yaml_quoted(evil) + ", raci: {mkt: A, ops: A}}\n"
        "- {id: t2, title: " + _yaml_quoted(evil) + ", raci: {mkt: R}}\n",
        encoding="utf-8",
    )
    result = cli("check", path, "--fail-on", "never")
    assert result.code == 0, result.err
    assert "Launch" in result.out  # the warnings name the task
    _clean(result.out)
    assert "\\x1b]0;pwned\\x07" in result.out

    result = cli("check", path, "--format", "json", "--fail-on", "never")
    _clean(result.out)
    data = json.loads(result.out)
    assert any(evil in w["message"] for w in data["warnings"])  # same text once decoded


def test_escapes_in_unknown_field_names_are_shown_not_obeyed(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "chart.yaml"
    path.write_text(
        "rolemap: 1\ntitle: x\n" + _yaml_quoted(f"oops{PWNED}\x9b") + ": 1\n", encoding="utf-8"
    )
    result = cli("check", path)
    assert result.code == 2
    assert "unknown field 'oops\\x1b]0;pwned" in result.err
    _clean(result.err)


def test_escapes_in_file_names_are_shown_not_obeyed(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / f"x{PWNED}.yaml"
    path.write_text("rolemap: 1\ntitle: t\n", encoding="utf-8")
    for args in (("check", path), ("check", tmp_path / f"missing{PWNED}.yaml")):
        result = cli(*args)
        _clean(result.out + result.err)
    result = cli("new", tmp_path / f"n{PWNED}.yaml")
    assert result.code == 0
    _clean(result.out + result.err)


def test_terminal_helpers() -> None:
    assert one_line("a\nb\x1b[2J\u2028") == "a\\nb\\x1b[2J\\u2028"
    assert terminal_safe("a\nb\x1b") == "a\nb\\x1b"
    assert terminal_safe("校园单车 é") == "校园单车 é"
    assert json.loads(json_safe(json.dumps("\x9b\u202e", ensure_ascii=False))) == "\x9b\u202e"
    assert "\x9b" not in json_safe(json.dumps("\x9b", ensure_ascii=False))


# ------------------------------------------------------------------ many problems (fault 13)


class _CountingList(list):  # type: ignore[type-arg]
    iterations = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        _CountingList.iterations += 1
        return super().__iter__()


def test_locating_many_problems_scans_each_mapping_once() -> None:
    n = 2000
    text = "rolemap: 1\ntitle: x\n" + "".join(f"f{i}: {i}\n" for i in range(n))
    root, located, _ = read_yaml(text)
    node = located.nodes[id(root)]
    assert isinstance(node, yaml.MappingNode)
    node.value = _CountingList(node.value)
    _CountingList.iterations = 0
    where = [located.find((f"f{i}",), key=True) for i in range(n)]
    assert where[0] == (3, 1) and where[-1] == (n + 2, 1)
    assert _CountingList.iterations <= 2  # before: one scan of all n keys per problem
    assert isinstance(located, Located)


def test_twenty_thousand_unknown_fields_are_capped_with_a_count(cli: Cli, tmp_path: Path) -> None:
    n = 20_000
    text = "rolemap: 1\ntitle: x\n" + "".join(f"unknown_{i}: {i}\n" for i in range(n))
    try:
        loads(text)
    except ChartLoadError as exc:
        assert len(exc.problems) == n
        lines = exc.format().splitlines()
    assert len(lines) == 101
    assert lines[0].startswith("<string>:3:1: unknown_0: unknown field 'unknown_0'")
    assert lines[-1] == f"<string>: ... and {n - 100} more problems; fix these first"
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("check", path)
    assert result.code == 2
    assert len(result.err.splitlines()) == 101
