"""Helpers shared by test modules: run rolemap in a child process, assert on load problems."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import rolemap
from rolemap.core.errors import Problem

PACKAGE_PARENT = Path(rolemap.__file__).resolve().parent.parent


@dataclass(frozen=True)
class CliResult:
    """What one in-process ``rolemap`` run returned and printed."""

    code: int
    out: str
    err: str


def child_env() -> dict[str, str]:
    """The environment for a child Python that must import this checkout of rolemap."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PACKAGE_PARENT), env.get("PYTHONPATH", "")) if p
    )
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run_python(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run this interpreter with ``args`` in a child process; never raises on a bad exit."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=child_env(),
        timeout=timeout,
        check=False,
    )


def run_rolemap(*args: str | os.PathLike[str]) -> subprocess.CompletedProcess[str]:
    """``python -m rolemap ARGS...`` in a child process."""
    return run_python("-m", "rolemap", *map(os.fspath, args))


def only(problems: list[Problem], path: str) -> Problem:
    """The single problem reported for field ``path``."""
    found = [p for p in problems if p.path == path]
    assert len(found) == 1, f"expected one problem at {path!r}, got {problems}"
    return found[0]
