"""Writing role-chart files: deterministic YAML, atomic saves that keep a file's comments.

The same chart always gives the same text (a file diffed in git shows only real changes);
``save`` rewrites only the entries that changed when given the layout of the file as loaded
(rolemap.core.roundtrip). Reading is in rolemap.core.chartread.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

import yaml

from rolemap.core.gcpause import gc_paused
from rolemap.core.model import (
    BASE_FORMAT_VERSION,
    FORMAT_VERSION,
    Chart,
    Function,
    Goal,
    Review,
    Task,
)
from rolemap.core.safeio import write_file

if TYPE_CHECKING:
    from rolemap.core.roundtrip import Layout

__all__ = ["DEFAULT_HEADER", "dump_yaml", "dumps", "save", "to_plain", "write_atomic"]

DEFAULT_HEADER = "# rolemap role chart, format 1. Check it with: rolemap check FILE\n"


class _FlowList(list[Any]):
    pass


class _FlowMap(dict[str, Any]):
    pass


_DumperBase: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_DumperBase):  # type: ignore[misc]
    pass


# Plain scalars that YAML 1.2 tools read as numbers, booleans or null although PyYAML (YAML 1.1)
# reads them as text ("1e3", "0o17"): written quoted so every tool reads the same id.
_YAML12_NOT_TEXT = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|null|Null|NULL|~|true|True|TRUE|false|False|FALSE"
)


def _repr_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else "'" if _YAML12_NOT_TEXT.fullmatch(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _repr_flow_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _repr_flow_map(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)


_Dumper.add_representer(str, _repr_str)
_Dumper.add_representer(_FlowList, _repr_flow_list)
_Dumper.add_representer(_FlowMap, _repr_flow_map)


def _function(f: Function) -> dict[str, Any]:
    d: dict[str, Any] = {"id": f.id, "name": f.name, "archetype": f.archetype.value}
    if f.description is not None:
        d["description"] = f.description
    if f.color is not None:
        d["color"] = f.color
    return d


def _goal(g: Goal) -> dict[str, Any]:
    d: dict[str, Any] = {"id": g.id, "name": g.name}
    if g.owner is not None:
        d["owner"] = g.owner
    d["kind"] = g.kind.value
    if g.kpis:
        d["kpis"] = _FlowList(g.kpis)
    if g.description is not None:
        d["description"] = g.description
    return d


def _task(t: Task) -> dict[str, Any]:
    d: dict[str, Any] = {"id": t.id, "title": t.title}
    if t.description is not None:
        d["description"] = t.description
    if t.effort is not None:
        d["effort"] = int(t.effort) if t.effort.is_integer() else t.effort
    if t.goals:
        d["goals"] = _FlowList(t.goals)
    if t.raci:
        d["raci"] = _FlowMap(t.raci)
    if t.tags:
        d["tags"] = _FlowList(t.tags)
    return d


def _review(r: Review) -> dict[str, Any]:
    d: dict[str, Any] = {"warning": r.warning, "status": r.status}
    if r.note is not None:
        d["note"] = r.note
    if r.date is not None:
        d["date"] = r.date
    return d


def to_plain(chart: Chart) -> dict[str, Any]:
    """The chart as plain data in file order (what ``dumps`` writes)."""
    head: dict[str, Any] = {
        "rolemap": FORMAT_VERSION if chart.uses_format_2() else BASE_FORMAT_VERSION,
        "title": chart.title,
    }
    if chart.notation != "raci":
        head["notation"] = chart.notation
    if chart.glossary:
        head["glossary"] = [_FlowList(group) for group in chart.glossary]
    return {
        **head,
        "functions": [_function(f) for f in chart.functions],
        "goals": [_goal(g) for g in chart.goals],
        "tasks": [_task(t) for t in chart.tasks],
        "reviews": [_review(r) for r in chart.reviews],
    }


def dump_yaml(data: Any) -> str:
    """Deterministic, readable, UTF-8 YAML (Chinese written as Chinese, never wrapped)."""
    with gc_paused():
        text: str = yaml.dump(
            data,
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=1_000_000,
            indent=2,
        )
    return text


def dumps(chart: Chart, header: str = DEFAULT_HEADER) -> str:
    """The file text for ``chart``: the header comment lines, then the chart."""
    return header + dump_yaml(to_plain(chart))


def save(
    chart: Chart,
    path: str | os.PathLike[str],
    header: str = DEFAULT_HEADER,
    *,
    allow_read_only: bool = False,
    layout: Layout | None = None,
) -> str:
    """Write ``chart`` to ``path`` atomically: the old file stays whole if anything fails.

    With the ``layout`` of the file as loaded, only the entries that changed are rewritten
    (comments and formatting of the rest kept; see rolemap.core.roundtrip). Links are written
    through; a read-only file raises ReadOnlyTarget unless allowed. Returns the text written.
    """
    from rolemap.core.roundtrip import render

    text = render(layout, chart, header)
    write_file(path, text.encode("utf-8"), allow_read_only=allow_read_only)
    return text


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the content of ``path`` (links written through, read-only files included)."""
    write_file(path, data, allow_read_only=True)
