"""The ``rolemap`` command: new, check, export, schema; with no sub-command, the desktop app."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from rolemap import __version__
from rolemap.cli_lang import app_language, language, localise, os_error, resolve, say, speaking
from rolemap.cli_spreadsheet import EXPORT_FORMATS, add_import_parser, cmd_export, cmd_import
from rolemap.core.terminal import terminal_safe

if TYPE_CHECKING:
    from rolemap.core.analysis.prefetch import Pending

EXAMPLES = """\
examples:
  rolemap                                  open the desktop app with the example chart
  rolemap chart.yaml                       open chart.yaml in the desktop app
  rolemap new chart.yaml --lang zh         start a chart from the Chinese template
  rolemap check chart.yaml                 validate and list overlap warnings
  rolemap check *.yaml --format json --fail-on medium
  rolemap check charts/ --format sarif     every chart in a folder, plus cross-chart findings
  rolemap export chart.yaml --format markdown -o report.md
  rolemap import matrix.xlsx -o chart.yaml  read a RACI spreadsheet (.xlsx or .csv)
  rolemap export chart.yaml --format xlsx -o chart.xlsx
  rolemap export chart.yaml --format pdf --view matrix   a picture (png, svg, pdf); no display needed
  rolemap schema > rolemap.schema.json     JSON Schema for editor validation
  rolemap diff chart.yaml --rev HEAD~1     what changed since a git revision
  rolemap diff old.yaml new.yaml --format markdown

exit codes: 0 ok, 1 open warnings at or above --fail-on, 2 a file cannot be loaded or written
"""

SUBCOMMANDS = ("new", "check", "export", "import", "schema", "diff", "show")
PICTURE_FORMATS = ("png", "svg", "pdf")  # rolemap.cli_export draws them
VIEWS = ("map", "heatmap", "matrix")
SEVERITY_LEVELS = ("high", "medium", "low", "never")


class _Version(argparse.Action):
    """``--version``: the version, and whether the compiled near-duplicate join is built."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from rolemap.core.analysis import cjoin

        if cjoin.available():
            join = say("compiled")
        else:
            join = say("Python (no C compiler when installed)")
        sys.stdout.write(
            f"rolemap {__version__}\n{say('near-duplicate join: {join}', join=join)}\n"
        )
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rolemap",
        description="Map who owns what between functions (Marketing vs Operations, ...) "
        "and flag where their goals converge.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="show the version and which join runs, and exit"
    )
    parser.add_argument(
        "--lang",
        dest="ui_lang",
        choices=("en", "zh"),
        help="the language of messages and help (default: the locale's)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = sub.add_parser("new", help="write a new chart from a template")
    new.add_argument("path", metavar="PATH")
    new.add_argument("--template", default="marketing-vs-operations", metavar="NAME")
    new.add_argument("--lang", choices=("en", "zh"), default="en")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")

    check = sub.add_parser(
        "check", help="validate charts (or folders of charts) and list overlap warnings"
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="chart files or folders")
    check.add_argument("--format", choices=("text", "json", "sarif", "junit"), default="text")
    check.add_argument("--fail-on", choices=SEVERITY_LEVELS, default="high")
    check.add_argument(
        "--jobs", type=int, metavar="N", help="processes for several charts (default: one per core)"
    )

    export = sub.add_parser(
        "export", help="export a role chart, a Markdown report or a picture (png, svg, pdf)"
    )
    export.add_argument("path", metavar="PATH")
    export.add_argument(
        "--format",
        choices=("role-chart", "markdown", "xlsx", "csv", *PICTURE_FORMATS),
        default="role-chart",
    )
    export.add_argument("--view", choices=VIEWS, default="map", help="picture to export")
    export.add_argument(
        "-o", "--output", metavar="OUT", help="'-' for stdout; pictures: default PATH-VIEW.FORMAT"
    )

    add_import_parser(sub)
    sub.add_parser("schema", help="print the JSON Schema of the chart format")
    from rolemap.cli_diff import add_parsers

    add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    with speaking(resolve(args_list)):
        return _main(args_list)


def _main(args_list: list[str]) -> int:
    lang, app_args = app_language(args_list)  # rolemap --lang zh [PATH]: the app in Chinese
    if not app_args or (app_args[0] not in SUBCOMMANDS and not app_args[0].startswith("-")):
        if len(app_args) > 1:
            print(say("rolemap: open one file at a time: rolemap [PATH]"), file=sys.stderr)
            return 2
        from rolemap.ui.app import run_app

        return run_app(app_args[0] if app_args else None, lang)
    args = localise(_parser()).parse_args(args_list)
    if args.command is None:
        localise(_parser()).print_help()
        return 0
    try:
        if args.command == "new":
            return _cmd_new(args)
        if args.command == "check":
            return _cmd_check(args)
        if args.command == "import":
            return cmd_import(args)
        if args.command == "export":
            return _cmd_export(args)
        if args.command in ("diff", "show"):
            from rolemap.cli_diff import run_diff, run_show

            return run_diff(args) if args.command == "diff" else run_show(args)
        if args.command == "schema":
            from rolemap.core.schema import json_schema

            print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
            return 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (rolemap check ... | head): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 2


def _err(message: str) -> None:
    print(terminal_safe(message), file=sys.stderr)


def _out(message: str) -> None:
    print(terminal_safe(message))


def _cmd_new(args: argparse.Namespace) -> int:
    from rolemap.core.errors import ChartLoadError
    from rolemap.core.fileformat import load, save
    from rolemap.resources import template_names, template_path

    if os.path.exists(args.path) and not args.force:
        _err(say("{path}: already exists; use --force to overwrite it", path=args.path))
        return 2
    try:
        source = template_path(args.template, args.lang)
    except FileNotFoundError:
        _err(
            say(
                "rolemap new: unknown template '{name}'; choose one of: {names}",
                name=args.template,
                names=", ".join(template_names()),
            )
        )
        return 2
    try:
        chart = load(source)
        save(chart, args.path)
    except ChartLoadError as exc:
        _err(exc.format(lang=language()))
        return 2
    except OSError as exc:
        _err(say("{path}: cannot write the file: {why}", path=args.path, why=os_error(exc)))
        return 2
    _out(
        say(
            "{path}: written from template {template} ({lang})",
            path=args.path,
            template=args.template,
            lang=args.lang,
        )
    )
    return 0


def _early_join(path: str) -> Pending | None:
    """Fork the near-duplicate join of one large chart before the chart model and the loader
    are imported (``analysis.prefetch``: the join needs neither), or None."""
    from rolemap.core.analysis.prefetch import start_file
    from rolemap.core.analysis.similarity import DEFAULT_THRESHOLD  # Settings()' threshold

    return start_file(path, DEFAULT_THRESHOLD)


def _cmd_check(args: argparse.Namespace) -> int:
    single = len(args.paths) == 1 and not os.path.isdir(args.paths[0])
    pending = _early_join(args.paths[0]) if single else None
    try:
        from rolemap.cli_check import run_check

        colour = args.format == "text" and _use_colour(sys.stdout)
        return run_check(args, colour=colour, pending=pending)
    finally:
        if pending is not None:
            pending.close()


def _use_colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def _cmd_export(args: argparse.Namespace) -> int:
    if args.format in PICTURE_FORMATS:
        from rolemap.cli_export import export_picture

        return export_picture(args)
    if args.output is None:
        _err(
            say(
                "rolemap export: --format {format} needs -o FILE ('-' for stdout)",
                format=args.format,
            )
        )
        return 2
    if args.format in EXPORT_FORMATS:
        return cmd_export(args)
    # The report analyses the chart: its titles are joined while it loads.
    pending = _early_join(args.path) if args.format == "markdown" else None
    from rolemap.cli_io import chart_to_export
    from rolemap.core.export import export_markdown, export_role_chart
    from rolemap.core.safeio import write_file

    try:
        chart = chart_to_export(args.path, args.output, terminal=True)
        if chart is None:
            return 2
        if pending is not None:
            pending.offer(chart.glossary)
        text = export_role_chart(chart) if args.format == "role-chart" else export_markdown(chart)
    finally:
        if pending is not None:
            pending.close()
    if args.output == "-":
        sys.stdout.write(terminal_safe(text) if sys.stdout.isatty() else text)
        return 0
    try:
        write_file(args.output, text.encode("utf-8"))
    except OSError as exc:
        _err(say("{path}: cannot write the file: {why}", path=args.output, why=os_error(exc)))
        return 2
    _out(say("{path}: {format} written", path=args.output, format=args.format))
    return 0
