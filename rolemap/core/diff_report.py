"""``rolemap diff`` output: text for a terminal, Markdown for a pull-request comment, JSON.

Text and Markdown share one list of sections, so they always say the same things.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rolemap.core.analysis import OverlapWarning
from rolemap.core.diff import NONE, Change, ChartDiff, EntityChange
from rolemap.core.model import Review, Task
from rolemap.core.report import review_json

ARROW = "\u2192"


def _q(value: Any) -> str:
    if value is None:
        return NONE
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, str):
        return f"\u201c{value}\u201d"
    return str(value)


def _cell(letters: str) -> str:
    return letters or NONE


def _roles(task: Task, names: dict[str, str]) -> str:
    return (
        ", ".join(f"{names.get(f, f)} {letters}" for f, letters in task.raci.items()) or "no roles"
    )


def _fields(changes: tuple[Change, ...] | list[Change], names: dict[str, str]) -> list[str]:
    out = []
    for c in changes:
        if c.field == "owner":
            out.append(
                f"moved from {names.get(c.before, c.before) if c.before else 'no owner'} "
                f"to {names.get(c.after, c.after) if c.after else 'no owner'}"
            )
        elif c.field in ("title", "name"):
            out.append(f"renamed {_q(c.before)} {ARROW} {_q(c.after)}")
        else:
            out.append(f"{c.field} {_q(c.before)} {ARROW} {_q(c.after)}")
    return out


def _entity_line(change: EntityChange, d: ChartDiff, label: str, labels: dict[str, str]) -> str:
    """``Launch plan (t1): Marketing A → R, Operations — → A; goals +“Awareness”``."""
    parts = _fields(change.changes, d.names)
    if change.roles:
        parts.append(
            ", ".join(f"{r.name} {_cell(r.before)} {ARROW} {_cell(r.after)}" for r in change.roles)
        )
    if change.added or change.removed:
        items = [f"+{_q(labels.get(x, x))}" for x in change.added]
        items += [f"\u2212{_q(labels.get(x, x))}" for x in change.removed]
        parts.append(f"{label} " + " ".join(items))
    return f"{change.old_name} ({change.id}): " + "; ".join(parts)


def _review_text(review: Review | None) -> str:
    if review is None:
        return "not reviewed"
    return review.status + (f" ({_q(review.note)})" if review.note else "")


def _warning_text(w: OverlapWarning) -> str:
    return f"{w.severity} {w.rule}: {w.message}"


@dataclass(frozen=True)
class DiffRow:
    """One line of the diff: its section, what happened (``mark``), the entity it is about."""

    section: str  # chart, functions, goals, tasks, warnings, convergence
    mark: str  # added, removed, changed, opened, closed, reviewed, "" (chart, convergence)
    text: str
    entity: str = ""  # function, goal or task id; warning fingerprint

    @property
    def line(self) -> str:
        return _PREFIX.get(self.mark, "") + self.text


_PREFIX = {
    "added": "+ ",
    "removed": "\u2212 ",
    "changed": "~ ",
    "opened": "opened: ",
    "closed": "closed: ",
    "reviewed": "reviewed: ",
}
SECTIONS = ("chart", "functions", "goals", "tasks", "warnings", "convergence")


def diff_rows(d: ChartDiff) -> list[DiffRow]:
    """Every change in reading order (what text, Markdown and the app's panel show).

    Convergence lists every pair scored above zero in either version, changed or not, so
    that a reader sees where each pair stands; with no change at all there are no rows.
    """
    if d.empty:
        return []
    names = d.names
    rows = [
        DiffRow("chart", "changed", f"{c.field} {_q(c.before)} {ARROW} {_q(c.after)}")
        for c in d.changes
    ]
    rows += [DiffRow("chart", "", f"glossary +[{', '.join(g)}]") for g in d.glossary_added]
    rows += [DiffRow("chart", "", f"glossary \u2212[{', '.join(g)}]") for g in d.glossary_removed]

    rows += [
        DiffRow("functions", "added", f"{f.name} ({f.id}), {f.archetype.value}", f.id)
        for f in d.functions_added
    ]
    rows += [
        DiffRow("functions", "removed", f"{f.name} ({f.id})", f.id) for f in d.functions_removed
    ]
    rows += [
        DiffRow(
            "functions",
            "changed",
            f"{c.old_name} ({c.id}): " + "; ".join(_fields(c.changes, names)),
            c.id,
        )
        for c in d.functions_changed
    ]

    for g in d.goals_added:
        owner = names.get(g.owner, g.owner) if g.owner else "no owner"
        kpis = f", KPIs {', '.join(_q(k) for k in g.kpis)}" if g.kpis else ""
        rows.append(DiffRow("goals", "added", f"{g.name} ({g.id}), owned by {owner}{kpis}", g.id))
    rows += [DiffRow("goals", "removed", f"{g.name} ({g.id})", g.id) for g in d.goals_removed]
    rows += [
        DiffRow("goals", "changed", _entity_line(c, d, "KPIs", {}), c.id) for c in d.goals_changed
    ]

    rows += [
        DiffRow("tasks", "added", f"{t.title} ({t.id}): {_roles(t, names)}", t.id)
        for t in d.tasks_added
    ]
    rows += [DiffRow("tasks", "removed", f"{t.title} ({t.id})", t.id) for t in d.tasks_removed]
    rows += [
        DiffRow("tasks", "changed", _entity_line(c, d, "goals", d.goal_names), c.id)
        for c in d.tasks_changed
    ]

    rows += [DiffRow("warnings", "opened", _warning_text(w), w.fingerprint) for w in d.opened]
    rows += [DiffRow("warnings", "closed", _warning_text(w), w.fingerprint) for w in d.closed]
    rows += [
        DiffRow(
            "warnings",
            "reviewed",
            f"{r.warning.severity} {r.warning.rule} {r.warning.fingerprint}: "
            f"{_review_text(r.before)} {ARROW} {_review_text(r.after)}",
            r.warning.fingerprint,
        )
        for r in d.reviewed
    ]

    for p in d.convergence:
        before = NONE if p.before is None else f"{p.before:.2f}"
        after = NONE if p.after is None else f"{p.after:.2f}"
        delta = ""
        if p.before is not None and p.after is not None and p.after != p.before:
            delta = f" ({p.after - p.before:+.2f})"
        text = f"{p.names[0]} \u2194 {p.names[1]}: {before} {ARROW} {after}{delta}"
        rows.append(DiffRow("convergence", "", text))
    return rows


def sections(d: ChartDiff) -> list[tuple[str, list[str]]]:
    """(heading, lines) in reading order; sections without lines are left out."""
    grouped: dict[str, list[str]] = {name: [] for name in SECTIONS}
    for row in diff_rows(d):
        grouped[row.section].append(row.line)
    return [(heading, lines) for heading, lines in grouped.items() if lines]


def _label(old_label: str, new_label: str) -> str:
    return f"{old_label} {ARROW} {new_label}"


def diff_text(d: ChartDiff, old_label: str, new_label: str) -> str:
    head = _label(old_label, new_label)
    if d.empty:
        return f"{head}: no changes"
    lines = [head]
    for heading, body in sections(d):
        lines.append(f"{heading}:")
        lines.extend(f"  {line}" for line in body)
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")


_MARKS = {"+ ": "added: ", "\u2212 ": "removed: ", "~ ": "changed: "}


def _md_mark(line: str) -> str:
    """A leading + - ~ would read as nested list markers or nothing in Markdown: say it."""
    for mark, word in _MARKS.items():
        if line.startswith(mark):
            return word + line[len(mark) :]
    return line


def diff_markdown(d: ChartDiff, old_label: str, new_label: str) -> str:
    title = d.new_title or d.old_title or ""
    lines = [f"### rolemap: {_md_escape(title)}", "", f"`{old_label}` {ARROW} `{new_label}`", ""]
    if d.empty:
        lines.append("No changes.")
        return "\n".join(lines) + "\n"
    for heading, body in sections(d):
        lines.append(f"**{heading.capitalize()}**")
        lines.append("")
        lines.extend(f"- {_md_escape(_md_mark(line))}" for line in body)
        lines.append("")
    return "\n".join(lines)


def _entity_json(c: EntityChange) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "old_name": c.old_name,
        "changes": [
            {"field": x.field, "before": _plain(x.before), "after": _plain(x.after)}
            for x in c.changes
        ],
        "roles": [
            {
                "function": r.function,
                "name": r.name,
                "before": r.before or None,
                "after": r.after or None,
            }
            for r in c.roles
        ],
        "added": list(c.added),
        "removed": list(c.removed),
    }


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _warning_json(w: OverlapWarning) -> dict[str, Any]:
    return {
        "rule": w.rule,
        "severity": w.severity,
        "fingerprint": w.fingerprint,
        "entities": list(w.entities),
        "message": w.message,
        "review": review_json(w),
    }


def _review_json(review: Review | None) -> dict[str, Any] | None:
    if review is None:
        return None
    return {
        "status": review.status,
        "note": review.note,
        "date": review.date.isoformat() if review.date else None,
    }


def diff_json(d: ChartDiff, old_label: str, new_label: str) -> dict[str, Any]:
    return {
        "old": old_label,
        "new": new_label,
        "changed": not d.empty,
        "chart": [{"field": c.field, "before": c.before, "after": c.after} for c in d.changes],
        "glossary": {
            "added": [list(g) for g in d.glossary_added],
            "removed": [list(g) for g in d.glossary_removed],
        },
        "functions": {
            "added": [f.id for f in d.functions_added],
            "removed": [f.id for f in d.functions_removed],
            "changed": [_entity_json(c) for c in d.functions_changed],
        },
        "goals": {
            "added": [g.id for g in d.goals_added],
            "removed": [g.id for g in d.goals_removed],
            "changed": [_entity_json(c) for c in d.goals_changed],
        },
        "tasks": {
            "added": [t.id for t in d.tasks_added],
            "removed": [t.id for t in d.tasks_removed],
            "changed": [_entity_json(c) for c in d.tasks_changed],
        },
        "warnings": {
            "opened": [_warning_json(w) for w in d.opened],
            "closed": [_warning_json(w) for w in d.closed],
            "reviewed": [
                {
                    "warning": _warning_json(r.warning),
                    "before": _review_json(r.before),
                    "after": _review_json(r.after),
                }
                for r in d.reviewed
            ],
        },
        "convergence": [
            {
                "functions": list(p.functions),
                "names": list(p.names),
                "before": p.before,
                "after": p.after,
            }
            for p in d.convergence
        ],
    }
