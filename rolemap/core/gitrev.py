"""A chart file as it was at a git revision (``git show REV:path``), with errors people can act on.

git runs in the file's own folder, so ``rolemap diff charts/a.yaml --rev HEAD~1`` works from
anywhere, including outside the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess


class GitError(Exception):
    """Why the file could not be read from git; the message is for the user."""


def _git(args: list[str], cwd: str) -> subprocess.CompletedProcess[bytes]:
    exe = shutil.which("git")
    if exe is None:
        raise GitError("git is not installed (or not on PATH); --rev needs it")
    env = dict(os.environ, LC_ALL="C", GIT_OPTIONAL_LOCKS="0")
    return subprocess.run([exe, *args], cwd=cwd, capture_output=True, env=env, check=False)


def show_at(path: str, rev: str) -> bytes:
    """The bytes of ``path`` at revision ``rev``; raises GitError when that is impossible."""
    absolute = os.path.abspath(path)
    folder = os.path.dirname(absolute)
    if not os.path.isdir(folder):
        raise GitError(f"{path}: the folder {folder} does not exist")
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise GitError(
            f"{path}: not in a git repository, so --rev {rev} has nothing to compare with"
        )
    root = top.stdout.decode("utf-8", "surrogateescape").strip()
    if rev.startswith("-"):
        raise GitError(f"'{rev}' is not a revision")
    verify = _git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], folder
    )
    if verify.returncode != 0:
        raise GitError(
            f"no such revision '{rev}' in {root}"
            + (" (the repository has no commits yet)" if _no_commits(folder) else "")
        )
    commit = verify.stdout.decode().strip()
    real = os.path.realpath(absolute)
    relative = os.path.relpath(real, os.path.realpath(root)).replace(os.sep, "/")
    shown = _git(["show", f"{commit}:{relative}"], folder)
    if shown.returncode != 0:
        raise GitError(f"{path}: the file does not exist at {rev} ({relative} in {commit[:12]})")
    return shown.stdout


def _no_commits(folder: str) -> bool:
    return _git(["rev-parse", "--verify", "--quiet", "HEAD"], folder).returncode != 0
