"""Shared fixtures: both YAML loader paths, an in-process ``rolemap`` runner, chart files on disk."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from rolemap.cli import main
from rolemap.core import yamlsafe
from tests.helpers import CliResult

# Property tests run the same examples on every machine (a failure found once is found again,
# and CI cannot fail on a draw nobody saw here); HYPOTHESIS_PROFILE=thorough explores more,
# with fresh random draws. A loaded 2-core machine must not fail a test for generating slowly.
settings.register_profile(
    "default",
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_sessionstart(session: pytest.Session) -> None:
    """In a checkout, build the compiled join when it is missing or older than its source
    (``pip install`` builds it; a fresh worktree or an edited ``_cjoin.c`` would otherwise
    test a stale library or none): the tests then always test the C that is here."""
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    source = root / "rolemap" / "core" / "analysis" / "_cjoin.c"
    spec = importlib.util.spec_from_file_location("hatch_build", root / "hatch_build.py")
    if not source.is_file() or spec is None or spec.loader is None:
        return
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    target = source.with_name(hook.library_name())
    if not target.is_file() or target.stat().st_mtime < source.stat().st_mtime:
        hook.build(root)


@pytest.fixture(params=[False, True], ids=["c-loader", "pure-loader"])
def pure(request: pytest.FixtureRequest) -> bool:
    """``pure`` argument for ``loads``: every loader test runs on libyaml and on pure Python."""
    if not request.param and not yamlsafe.HAS_C_LOADER:
        pytest.skip("PyYAML was built without libyaml (no CSafeLoader)")
    return bool(request.param)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``rolemap ARGS...`` in-process; returns the exit code and what it printed."""

    def run(*args: str | os.PathLike[str]) -> CliResult:
        capsys.readouterr()
        try:
            code = main([os.fspath(a) for a in args])
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def chart_file(tmp_path: Path) -> Callable[..., Path]:
    """Write text (UTF-8) or raw bytes to a file in a fresh directory and return its path."""

    def write(content: str | bytes, name: str = "chart.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        return path

    return write


@pytest.fixture
def check_rejects(
    cli: Callable[..., CliResult], chart_file: Callable[..., Path]
) -> Callable[..., str]:
    """Write ``content``, run ``rolemap check`` on it and assert a clean failure.

    Exit code 2, nothing on stdout, no traceback, one problem a line (each prefixed with the
    file), and every ``fragment`` present on stderr. Returns stderr.
    """

    def run(content: str | bytes, *fragments: str) -> str:
        path = chart_file(content)
        result = cli("check", path)
        assert result.code == 2, result
        assert result.out == ""
        assert "Traceback" not in result.err
        lines = result.err.splitlines()
        assert lines, "no problem printed"
        assert all(line.startswith(f"{path}:") for line in lines), result.err
        for fragment in fragments:
            assert fragment in result.err, f"{fragment!r} not in {result.err!r}"
        return result.err

    return run
