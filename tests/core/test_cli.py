"""The ``rolemap`` command: new, check, schema, --version, --help; and the core imports no Qt."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import rolemap
from rolemap.core.fileformat import load
from rolemap.resources import template_path
from tests.helpers import CliResult, run_python, run_rolemap

Cli = Callable[..., CliResult]
CJK = re.compile(r"[\u4e00-\u9fff]")
MINIMAL = "rolemap: 1\ntitle: Minimal chart\n"


# ------------------------------------------------------------------ new


def test_new_writes_the_default_template(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "chart.yaml"
    result = cli("new", path)
    assert result.code == 0, result.err
    assert result.err == ""
    assert str(path) in result.out
    source = template_path("marketing-vs-operations", "en")
    assert path.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    assert load(path) == load(source)


def test_new_refuses_to_overwrite_without_force(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "chart.yaml"
    path.write_text("my precious chart\n", encoding="utf-8")
    result = cli("new", path)
    assert result.code == 2
    assert result.out == ""
    assert "already exists" in result.err and "--force" in result.err
    assert "Traceback" not in result.err
    assert path.read_text(encoding="utf-8") == "my precious chart\n"

    result = cli("new", path, "--force")
    assert result.code == 0, result.err
    assert load(path).title == load(template_path("marketing-vs-operations")).title


@pytest.mark.parametrize("template", ["marketing-vs-operations", "empty"])
def test_new_in_chinese(template: str, cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "图表.yaml"
    result = cli("new", path, "--lang", "zh", "--template", template)
    assert result.code == 0, result.err
    title = load(path).title
    assert CJK.search(title), title
    assert title.encode() in path.read_bytes()


def test_new_with_unknown_template(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "chart.yaml"
    result = cli("new", path, "--template", "no-such")
    assert result.code == 2
    assert "unknown template 'no-such'" in result.err
    assert "empty" in result.err and "marketing-vs-operations" in result.err
    assert not path.exists()


def test_new_reports_an_unwritable_path(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "missing-dir" / "chart.yaml"
    result = cli("new", path)
    assert result.code == 2
    assert result.err.startswith(f"{path}: cannot write the file")
    assert "Traceback" not in result.err


def test_new_rejects_an_unknown_language(cli: Cli, tmp_path: Path) -> None:
    result = cli("new", tmp_path / "chart.yaml", "--lang", "fr")
    assert result.code == 2
    assert "invalid choice" in result.err
    assert not (tmp_path / "chart.yaml").exists()


# ------------------------------------------------------------------ check


def test_check_ok(cli: Cli, chart_file: Callable[..., Path]) -> None:
    path = chart_file(MINIMAL)
    result = cli("check", path)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == f"{path}: ok"
    assert result.err == ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_empty_template_is_ok(lang: str, cli: Cli) -> None:
    path = template_path("empty", lang)
    result = cli("check", path)
    assert result.code == 0
    assert result.out.splitlines()[0] == f"{path}: ok"


def test_check_does_not_modify_the_file(cli: Cli, chart_file: Callable[..., Path]) -> None:
    path = chart_file("# hand-written\nrolemap: 1\ntitle:   Minimal   # trailing comment\n")
    before = path.read_bytes(), path.stat().st_mtime_ns
    assert cli("check", path).code == 0
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_check_several_files_reports_each(cli: Cli, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("rolemap: 1\ntitle: x\ncolour: red\n", encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    result = cli("check", good, bad, missing)
    assert result.code == 2
    assert f"{good}: ok" in result.out.splitlines()
    err = result.err.splitlines()
    assert any(line.startswith(f"{bad}:3:1: colour: unknown field 'colour'") for line in err)
    assert any(line.startswith(f"{missing}: cannot read the file") for line in err)


def test_check_needs_a_path(cli: Cli) -> None:
    result = cli("check")
    assert result.code == 2
    assert "PATH" in result.err


def test_check_in_a_child_process(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        textwrap.dedent(
            """\
            rolemap: 1
            title: 校园单车
            tasks:
              - id: t1
                title: 校园大使招募
                goals: [new-riders, g-missing]
            """
        ),
        encoding="utf-8",
    )
    proc = run_rolemap("check", good)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == f"{good}: ok"

    proc = run_rolemap("check", bad)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [
        f"{bad}:6:13: tasks[0].goals[0]: no goal with id 'new-riders'",
        f"{bad}:6:25: tasks[0].goals[1]: no goal with id 'g-missing'",
    ]


# ------------------------------------------------------------------ schema, version, help


def test_schema_is_json_schema(cli: Cli) -> None:
    result = cli("schema")
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["type"] == "object"
    assert {"rolemap", "title", "functions", "goals", "tasks", "reviews"} <= set(
        schema["properties"]
    )
    assert {"rolemap", "title"} <= set(schema["required"])
    assert schema.get("additionalProperties") is False


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.code == 0
    first, join = result.out.strip().splitlines()
    assert first == f"rolemap {rolemap.__version__}"
    assert join in (
        "near-duplicate join: compiled",
        "near-duplicate join: Python (no C compiler when installed)",
    )


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_has_examples(flag: str, cli: Cli) -> None:
    result = cli(flag)
    assert result.code == 0
    assert "examples:" in result.out
    for command in ("rolemap new", "rolemap check", "rolemap schema"):
        assert command in result.out
    assert "exit codes" in result.out


def test_unknown_option_is_a_usage_error(cli: Cli) -> None:
    result = cli("--no-such-option")
    assert result.code == 2
    assert "usage:" in result.err


# ------------------------------------------------------------------ the core knows no Qt

NO_QT = """\
import json
import sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"):
            raise ImportError(f"Qt is blocked in this test: {name}")
        return None

sys.meta_path.insert(0, BlockQt())
sys.modules["PySide6"] = None

import rolemap.core.fileformat
import rolemap.core.analysis
import rolemap.cli

codes = [rolemap.cli.main(["check", path]) for path in sys.argv[1:]]
loaded = sorted(
    name
    for name, module in sys.modules.items()
    if module is not None and name.split(".")[0] in ("PySide6", "shiboken6")
)
print(json.dumps({"codes": codes, "qt_modules": loaded}))
"""


def test_core_and_cli_import_no_qt() -> None:
    empty = template_path("empty", "en")
    example = template_path("marketing-vs-operations", "zh")
    proc = run_python("-c", NO_QT, str(empty), str(example))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout.splitlines()[-1])
    assert report["qt_modules"] == []
    assert report["codes"][0] == 0
    assert report["codes"][1] in (0, 1)  # the example may carry high warnings


def test_check_into_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    """`rolemap check chart.yaml | head -1`: no BrokenPipeError traceback. The output (2,000
    tasks, two warnings each) is far larger than a pipe's buffer."""
    import subprocess
    import sys

    from rolemap.core.fileformat import save
    from rolemap.core.model import Chart, Task

    chart = Chart(
        title="big", tasks=[Task(id=f"t{i}", title=f"Task number {i}") for i in range(2000)]
    )
    path = tmp_path / "big.yaml"
    save(chart, path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "rolemap", "check", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    proc.wait(60)
    assert "Traceback" not in stderr
