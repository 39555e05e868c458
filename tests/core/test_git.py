"""A sample repository made here (git init, three commits of a chart, a folder of team charts):
``rolemap diff --rev``, ``rolemap check DIR --format sarif`` and the git diff drivers work as
docs/git.md says. Each step runs rolemap and git in child processes, as a team would."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rolemap.resources import template_path
from tests.core.org_charts import make_org
from tests.core.test_ci_formats import assert_valid_sarif
from tests.helpers import PACKAGE_PARENT, child_env, run_rolemap

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

DOC = PACKAGE_PARENT / "docs" / "git.md"
LAUNCH_PLAN = """\
- id: launch-plan
  title: Launch plan
  raci: {marketing: A, operations: C}
"""
ROLEMAP = f"{shlex.quote(sys.executable)} -m rolemap"


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env or git_env(repo),
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def git_env(repo: Path) -> dict[str, str]:
    env = child_env()
    env.update(
        HOME=str(repo.parent),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Workshop",
        GIT_AUTHOR_EMAIL="workshop@example.com",
        GIT_COMMITTER_NAME="Workshop",
        GIT_COMMITTER_EMAIL="workshop@example.com",
        GIT_PAGER="cat",
        LC_ALL="C.UTF-8",
    )
    env.pop("GIT_EXTERNAL_DIFF", None)
    return env


def documented(pattern: str) -> list[str]:
    """Lines of docs/git.md that match ``pattern`` (the commands a reader would copy)."""
    return [
        line.strip()
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if re.match(pattern, line.strip())
    ]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Three commits of charts/growth.yaml, plus a folder of team charts."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    charts = root / "charts"
    charts.mkdir()
    chart = charts / "growth.yaml"
    text = template_path("marketing-vs-operations", "en").read_text(encoding="utf-8")
    chart.write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first chart")

    text = text.replace(
        "raci: {marketing: RA, operations: A, product: I}",
        "raci: {marketing: R, operations: A, product: I}",
    ).replace("title: Recruit campus ambassadors", "title: Recruit and train campus ambassadors")
    chart.write_text(text, encoding="utf-8")
    git(root, "commit", "-qam", "one owner for the ambassadors")

    text = text.replace("tasks:\n", "tasks:\n" + LAUNCH_PLAN, 1)
    chart.write_text(text, encoding="utf-8")
    git(root, "commit", "-qam", "launch plan")

    make_org(root / "teams")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "team charts")
    return root


def test_diff_rev_from_outside_the_repository(repo: Path) -> None:
    chart = repo / "charts" / "growth.yaml"
    proc = run_rolemap("diff", chart, "--rev", "HEAD~3")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Recruit campus ambassadors (campus-ambassadors): renamed" in out
    assert "Marketing RA \u2192 R" in out
    assert "+ Launch plan (launch-plan): Marketing A, Operations C" in out
    assert "closed: high multiple-accountable" in out

    proc = run_rolemap("diff", chart, "--rev", "HEAD~2", "--format", "json")
    report = json.loads(proc.stdout)
    assert report["tasks"]["added"] == ["launch-plan"] and report["tasks"]["changed"] == []

    assert "no changes" in run_rolemap("diff", chart, "--rev", "HEAD").stdout


def test_diff_rev_errors_are_clear(repo: Path, tmp_path: Path) -> None:
    chart = repo / "charts" / "growth.yaml"
    proc = run_rolemap("diff", chart, "--rev", "no-such-branch")
    assert proc.returncode == 2 and "no such revision 'no-such-branch'" in proc.stderr
    new = repo / "charts" / "new.yaml"
    shutil.copy(chart, new)
    proc = run_rolemap("diff", new, "--rev", "HEAD")
    assert proc.returncode == 2 and "does not exist at HEAD" in proc.stderr
    outside = tmp_path / "outside" / "chart.yaml"
    outside.parent.mkdir()
    shutil.copy(chart, outside)
    proc = run_rolemap("diff", outside, "--rev", "HEAD")
    assert proc.returncode == 2 and "not in a git repository" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_check_dir_sarif(repo: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "rolemap", "check", ".", "--format", "sarif"],
        cwd=repo,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=child_env(),
        check=False,
    )
    assert proc.returncode == 1, proc.stderr  # the template keeps a high shared-kpi warning
    log = json.loads(proc.stdout)
    assert_valid_sarif(log)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert {"charts/growth.yaml", "teams/growth/team.yaml", "teams/brand/team.yml"} <= uris
    rules = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert "org-shared-kpi" in rules and "shared-kpi" in rules


def test_the_documented_textconv_driver(repo: Path) -> None:
    attributes = documented(r"^\*\.ya?ml diff=rolemap$|^rolemap-org\.yaml !diff$")
    assert len(attributes) == 3, attributes
    (repo / ".gitattributes").write_text("\n".join(attributes) + "\n", encoding="utf-8")
    (command,) = [c for c in documented(r"^git config diff\.rolemap\.textconv ") if "textconv" in c]
    args = shlex.split(command.replace('"rolemap show"', shlex.quote(f"{ROLEMAP} show")))
    git(repo, *args[1:])
    out = git(repo, "diff", "HEAD~3", "HEAD~2", "--", "charts/growth.yaml")
    assert (
        "-task campus-ambassadors: Recruit campus ambassadors \u00b7 Marketing RA, Operations A"
        in out
    )
    assert (
        "+task campus-ambassadors: Recruit and train campus ambassadors \u00b7 Marketing R, Operations A"
        in out
    )
    assert "-warning high multiple-accountable" in out
    # A version that does not load is shown raw, and git diff still works.
    (repo / "charts" / "growth.yaml").write_text(
        "rolemap: 1\ntitle: [\n<<<<<<< ours\n", encoding="utf-8"
    )
    out = git(repo, "diff", "--", "charts/growth.yaml")
    assert "+# rolemap: this version does not load" in out and "+<<<<<<< ours" in out


def test_the_documented_external_diff_driver(repo: Path) -> None:
    attributes = documented(r"^\*\.ya?ml diff=rolemap$")
    (repo / ".gitattributes").write_text("\n".join(attributes) + "\n", encoding="utf-8")
    (command,) = documented(r"^git config diff\.rolemap\.command ")
    args = shlex.split(
        command.replace(
            '"rolemap diff --git-external"', shlex.quote(f"{ROLEMAP} diff --git-external")
        )
    )
    git(repo, *args[1:])
    out = git(repo, "diff", "HEAD~3", "HEAD~1", "--", "charts/growth.yaml")
    assert out.startswith("a/charts/growth.yaml \u2192 b/charts/growth.yaml")
    assert "Marketing RA \u2192 R" in out and "+ Launch plan (launch-plan)" in out
    # An added file: git passes /dev/null as the old side.
    out = git(repo, "diff", "HEAD~1", "HEAD", "--", "teams/brand/team.yml")
    assert "+ Press launch event (launch): PR A" in out
    plain = git(repo, "diff", "--no-ext-diff", "HEAD~3", "HEAD~2", "--", "charts/growth.yaml")
    assert "@@" in plain


def test_git_external_diff_environment_variable(repo: Path) -> None:
    env = git_env(repo)
    env["GIT_EXTERNAL_DIFF"] = f"{ROLEMAP} diff --git-external"
    out = git(repo, "diff", "HEAD~3", "HEAD~2", env=env)
    assert "Marketing RA \u2192 R" in out
