"""``rolemap diff`` and ``rolemap show``: compare chart versions (files or git revisions).

rolemap diff OLD NEW                 two files
rolemap diff chart.yaml --rev REV    the file at a git revision against the file now
rolemap show chart.yaml              one line per fact (git textconv: docs/git.md)
rolemap diff --git-external ...      git's external diff driver (seven arguments)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING

from rolemap.cli_lang import language, say
from rolemap.core.errors import ChartLoadError
from rolemap.core.gitrev import GitError, show_at
from rolemap.core.localise import localise

if TYPE_CHECKING:
    from rolemap.core.model import Chart

DEV_NULL = "/dev/null"


# The chart model and the loader are imported when a diff runs, not when the command line's
# parser is built: ``rolemap check`` forks its join before they are imported (cli._early_join).
def load(path: str) -> Chart:
    from rolemap.core.fileformat import load as load_file

    return load_file(path)


def loads(data: bytes, file: str) -> Chart:
    from rolemap.core.fileformat import loads as load_text

    return load_text(data, file=file)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diff = sub.add_parser(
        "diff",
        help="what changed between two versions of a chart (files or a git revision)",
        description="Compare OLD with NEW, or PATH at a git revision (--rev) with PATH now.",
    )
    diff.add_argument("paths", nargs="*", metavar="PATH", help="OLD NEW, or PATH with --rev")
    diff.add_argument("--rev", metavar="REV", help="compare PATH at this git revision with PATH")
    diff.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    diff.add_argument(
        "--git-external",
        action="store_true",
        help="called by git as diff.rolemap.command (path old-file old-hex old-mode new-file ...)",
    )
    show = sub.add_parser("show", help="a chart as one line per fact (for git textconv)")
    show.add_argument("path", metavar="PATH")


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _load(path: str) -> Chart | None:
    """None for git's /dev/null side of an added or deleted file."""
    if path == DEV_NULL:
        return None
    return load(path)


def run_diff(args: argparse.Namespace) -> int:
    try:
        if args.git_external:
            if len(args.paths) < 7:
                _err(
                    say("rolemap diff --git-external: git passes seven arguments; see docs/git.md")
                )
                return 2
            name, old_file, _, _, new_file = args.paths[:5]
            old, new = _load(old_file), _load(new_file)
            print(_render(args.format, old, new, f"a/{name}", f"b/{name}"))
            return 0
        if args.rev is not None:
            if len(args.paths) != 1:
                _err(
                    say(
                        "rolemap diff: with --rev give one chart: rolemap diff chart.yaml --rev HEAD"
                    )
                )
                return 2
            path = args.paths[0]
            try:
                data = show_at(path, args.rev)
            except GitError as exc:
                _err(say("rolemap diff: {why}", why=localise(str(exc), language())))
                return 2
            old = loads(data, file=f"{args.rev}:{path}")
            new = load(path) if os.path.exists(path) else None
            print(_render(args.format, old, new, f"{path}@{args.rev}", path))
            return 0
        if len(args.paths) != 2:
            _err(say("rolemap diff: give two charts (OLD NEW), or one chart and --rev REV"))
            return 2
        old_path, new_path = args.paths
        print(_render(args.format, load(old_path), load(new_path), old_path, new_path))
        return 0
    except ChartLoadError as exc:
        _err(exc.format(lang=language()))
        return 2


def _render(fmt: str, old: Chart | None, new: Chart | None, old_label: str, new_label: str) -> str:
    from rolemap.core.analysis import Analysis, analyse
    from rolemap.core.diff import diff_charts
    from rolemap.core.diff_report import diff_json, diff_markdown, diff_text

    old_result: Analysis | None = analyse(old) if old is not None else None
    new_result: Analysis | None = analyse(new) if new is not None else None
    d = diff_charts(old, new, old_result, new_result)
    if fmt == "json":
        return json.dumps(diff_json(d, old_label, new_label), indent=2, ensure_ascii=False)
    if fmt == "markdown":
        return diff_markdown(d, old_label, new_label, language())
    return diff_text(d, old_label, new_label, language())


def run_show(args: argparse.Namespace) -> int:
    """Never fails on a chart that does not load: git would then refuse to diff at all
    (a half-merged file with conflict markers must still be shown), so the raw text is
    printed after a note."""
    try:
        chart = load(args.path)
    except ChartLoadError as exc:
        try:
            with open(args.path, "rb") as fh:
                raw = fh.read().decode("utf-8", "replace")
        except OSError:
            _err(exc.format(lang=language()))
            return 2
        sys.stdout.write(f"# rolemap: this version does not load ({len(exc.problems)} problems)\n")
        sys.stdout.write(raw)
        return 0
    from rolemap.core.show import show_text

    sys.stdout.write(show_text(chart))
    return 0
