"""Reading role-chart files: total loading, every problem placed at its file, line and field.

A file in the layout rolemap writes is read by rolemap.core.quickread and validated; anything
else, and any file with a problem, by the hardened YAML reader (rolemap.core.yamlsafe), whose
locator places each problem. Writing is in rolemap.core.chartwrite; rolemap.core.fileformat
offers both under their old names.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from rolemap.core import quickread, safeio
from rolemap.core.catalogue import Archetype, GoalKind
from rolemap.core.errors import MAX_LISTED, ChartLoadError, Problem, did_you_mean, format_path
from rolemap.core.gcpause import gc_paused
from rolemap.core.model import BASE_FORMAT_VERSION, FIELD_NAMES, FORMAT_VERSION, Chart
from rolemap.core.safeio import read_bounded, too_big
from rolemap.core.validate import semantic_problems
from rolemap.core.values import normalise_ids
from rolemap.core.yamlsafe import Located, YamlProblem, read_yaml

__all__ = ["ChartLoadError", "YamlHook", "load", "loads", "read_header"]

HINTED = 2 * MAX_LISTED


# Called with the parsed YAML and its locator before validation (rolemap.core.locate uses it).
YamlHook = Callable[[Any, Located], None]
# Called instead when the quick reader read the file: the data and where its entities' keys
# are (quickread.Marks), after validation.
QuickHook = Callable[[dict[str, Any], quickread.Marks], None]


def load(
    path: str | os.PathLike[str],
    *,
    pure: bool = False,
    on_yaml: YamlHook | None = None,
    on_quick: QuickHook | None = None,
) -> Chart:
    """Load a role chart from a file; raises ChartLoadError with every problem found.
    ``on_yaml`` is called when the full reader reads the file, ``on_quick`` when the quick
    one does (without ``on_quick``, ``on_yaml`` asks for the full reader)."""
    data = read_bounded(path)
    return loads(data, file=os.fspath(path), pure=pure, on_yaml=on_yaml, on_quick=on_quick)


def loads(
    data: bytes | str,
    *,
    file: str = "<string>",
    pure: bool = False,
    on_yaml: YamlHook | None = None,
    on_quick: QuickHook | None = None,
) -> Chart:
    """Parse and validate a role chart from bytes or text."""
    with gc_paused():
        return _loads(data, file, pure, on_yaml, on_quick)


def _loads(
    data: bytes | str,
    file: str,
    pure: bool,
    on_yaml: YamlHook | None = None,
    on_quick: QuickHook | None = None,
) -> Chart:
    if isinstance(data, bytes):
        if len(data) > safeio.MAX_FILE_BYTES:
            raise ChartLoadError(file, [too_big(len(data))])
        text = _decode(data, file)
    else:
        text = data
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            line = text.count("\n", 0, exc.start) + 1
            raise ChartLoadError(
                file,
                [
                    Problem(
                        f"the text contains a character that is not valid Unicode "
                        f"(at character {exc.start}); remove it",
                        line=line,
                    )
                ],
            ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ChartLoadError(
            file, [Problem("the file contains NUL characters; it is not a text file", line=line)]
        )
    if not pure and (on_yaml is None or on_quick is not None):
        chart = _quick(text, on_quick)
        if chart is not None:
            return chart
    try:
        root, located, problems = read_yaml(text, pure=pure)
    except YamlProblem as exc:
        raise ChartLoadError(file, [exc.problem]) from None
    if on_yaml is not None:
        on_yaml(root, located)
    if root is None:
        raise ChartLoadError(
            file,
            [Problem("the file is empty; create a chart with: rolemap new FILE", line=1, column=1)],
        )
    if not isinstance(root, dict):
        found = "a list" if isinstance(root, list) else f"a single value ({root!r:.40})"
        raise ChartLoadError(
            file,
            [
                Problem(
                    f"the top level must be a mapping (rolemap: 1, title: ...), found {found}",
                    line=1,
                    column=1,
                )
            ],
        )
    _check_version(root, located, file)
    for section in ("functions", "goals", "tasks", "reviews"):
        if section in root and root[section] is None:
            root[section] = []  # "tasks:" with nothing after it means no tasks
    problems = list(problems)
    for path, fid in normalise_ids(root):
        where = located.find(path) or (None, None)
        problems.append(
            Problem(
                f"the function '{fid}' is listed twice in this RACI (written two ways that "
                "look the same); keep one",
                path=format_path(path),
                line=where[0],
                column=where[1],
            )
        )
    try:
        chart = Chart.model_validate(root)
    except ValidationError as exc:
        chart = None
        problems.extend(_pydantic_problems(exc, root, located))
    problems.extend(semantic_problems(root, located))
    if problems or chart is None:
        raise ChartLoadError(file, _dedupe(problems))
    return chart


class _Nowhere(Located):
    """A locator that knows no places: the quick path only asks whether there are problems."""

    def __init__(self) -> None:
        super().__init__(None, {})

    def find(self, path: tuple[int | str, ...], *, key: bool = False) -> None:
        return None


def _quick(text: str, on_quick: QuickHook | None = None) -> Chart | None:
    """The chart, when ``text`` is in the layout rolemap writes (rolemap.core.quickread) and
    holds no problem at all; otherwise None, and the full reader finds and places them."""
    marks: quickread.Marks | None = {} if on_quick is not None else None
    root = quickread.read(text, marks)
    if root is None:
        return None
    version = root.get("rolemap")
    if type(version) is not int or not BASE_FORMAT_VERSION <= version <= FORMAT_VERSION:
        return None
    for section in ("functions", "goals", "tasks", "reviews"):
        if section in root and root[section] is None:
            root[section] = []
    # A text in NFC has every value the quick reader takes from it in NFC (each starts and
    # ends beside an ASCII space, quote, bracket, comma or line break, which compose with
    # nothing): then normalising the ids changes nothing. is_normalized is a C scan (~5 ms).
    if not unicodedata.is_normalized("NFC", text) and normalise_ids(root):
        return None
    try:
        chart = Chart.model_validate(root)
    except ValidationError:
        return None
    if semantic_problems(root, _Nowhere()):
        return None
    if on_quick is not None and marks is not None:
        on_quick(root, marks)
    return chart


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _decode(data: bytes, file: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ChartLoadError(
            file,
            [
                Problem(
                    f"the file is not UTF-8 text: byte {exc.start} (0x{data[exc.start]:02x}) "
                    "cannot be decoded. Save the file as UTF-8 in your editor",
                    line=line,
                    column=column,
                )
            ],
        ) from None


def _check_version(root: dict[str, Any], located: Located, file: str) -> None:
    if "rolemap" not in root:
        raise ChartLoadError(
            file,
            [
                Problem(
                    "missing 'rolemap: 1' (the format version) at the top; "
                    "add it as the first line if this is a role chart",
                    line=1,
                    column=1,
                )
            ],
        )
    version = root["rolemap"]
    where = located.find(("rolemap",)) or (None, None)
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        message = (
            f"this chart uses format {version}, written by a newer rolemap; this rolemap "
            f"reads formats 1 to {FORMAT_VERSION}. Upgrade rolemap to open it "
            "(the file was not changed)"
        )
    elif type(version) is int and BASE_FORMAT_VERSION <= version <= FORMAT_VERSION:
        return
    else:
        message = (
            f"unknown format version {version!r}; expected rolemap: {BASE_FORMAT_VERSION} "
            f"(or {FORMAT_VERSION} for charts that use notation, glossary, effort or "
            "conditional roles)"
        )
    raise ChartLoadError(file, [Problem(message, path="rolemap", line=where[0], column=where[1])])


def _section_of(loc: tuple[int | str, ...]) -> str:
    if len(loc) >= 2 and loc[0] in FIELD_NAMES and isinstance(loc[1], int):
        return str(loc[0])
    return "chart"


def _suggest(value: object, choices: list[str]) -> str:
    hint = did_you_mean(value, choices, cutoff=0.5) if value is not None else ""
    return (
        f"{hint} Choose one of: {', '.join(choices)}"
        if hint
        else (f"; choose one of: {', '.join(choices)}")
    )


def _pydantic_problems(
    exc: ValidationError, root: dict[str, Any], located: Located
) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        # Suggestions cost ~0.3 ms each; only the first problems are listed anyway.
        hints = len(problems) < HINTED
        loc = tuple(err["loc"])
        kind = err["type"]
        value = err.get("input")
        field = next((s for s in reversed(loc) if isinstance(s, str)), "")
        at_key = False
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]
            at_key = True
        if kind == "extra_forbidden":
            known = list(
                FIELD_NAMES[_section_of(loc[:-1])] if len(loc) > 1 else FIELD_NAMES["chart"]
            )
            known = [k for k in known if k != "rolemap"] if len(loc) > 1 else known
            hint = (did_you_mean(field, known) if hints else "") or (
                f"; known fields: {', '.join(known)}"
            )
            message = f"unknown field '{field}'{hint}"
            at_key = True
        elif kind == "missing":
            message = f"missing required field '{field}'"
            loc = loc[:-1]
        elif kind == "enum":
            choices = [a.value for a in (Archetype if field == "archetype" else GoalKind)]
            what = "archetype" if field == "archetype" else "goal kind"
            message = f"the {what} is empty" if value is None else f"unknown {what} '{value}'"
            message += _suggest(value, choices)
        elif kind == "literal_error" and field == "status":
            message = (
                "the review status is empty"
                if value is None
                else f"unknown review status '{value}'"
            ) + _suggest(value, ["acknowledged", "accepted"])
        elif kind == "string_pattern_mismatch":
            if field == "color":
                message = f'\'{value}\' is not a colour; write it as "#rrggbb", e.g. "#2f6fde"'
            elif not at_key and ((len(loc) >= 3 and loc[-2] == "raci") or field == "raci"):
                message = (
                    f'role letters must be from R, A, C, I (e.g. "A" or "RA"; S with '
                    f"notation: rasci, D with notation: daci; a '?' after a letter makes it "
                    f"conditional), not '{value}'"
                )
            else:
                message = (
                    f"'{value}' is not a valid id: use 1-64 letters, digits, '-', '_' or '.' "
                    "(no spaces)"
                )
        elif kind == "string_too_short":
            message = "must not be empty"
        elif kind == "string_type":
            message = f"expected text, found {_describe(value)}; put it in quotes if it is text"
        elif kind == "float_type":
            message = f"expected a number, found {_describe(value)}"
        elif kind in ("tuple_type", "list_type"):
            message = f"expected a list, found {_describe(value)}"
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            message = f"expected a mapping (key: value lines), found {_describe(value)}"
        elif kind == "value_error":
            message = str(err.get("ctx", {}).get("error", err["msg"]))
        else:
            message = f"{err['msg']} (found {_describe(value)})"
        where = located.find(loc, key=at_key) or (None, None)
        problems.append(Problem(message, path=format_path(loc), line=where[0], column=where[1]))
    return problems


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({value!r:.40})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def read_header(text: str) -> str:
    """The comment lines at the very top of a file (kept on save), with their newlines."""
    lines = []
    for line in text.lstrip("\ufeff").splitlines(keepends=True):
        if line.startswith("#"):
            lines.append(line if line.endswith("\n") else line + "\n")
        else:
            break
    return "".join(lines)
