"""``rolemap diff`` output: text for a terminal, Markdown for a pull-request comment, JSON.

Text and Markdown share one list of sections, so they always say the same things. Every
function takes the reader's language (``lang``: the app's interface language, or the command
line's locale / ``--lang``); warnings keep the chart's language, as everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rolemap.core.analysis import OverlapWarning
from rolemap.core.analysis.messages import RULES, SEVERITY_LABELS
from rolemap.core.catalogue import ARCHETYPES
from rolemap.core.diff import NONE, Change, ChartDiff, EntityChange
from rolemap.core.model import Review, Task
from rolemap.core.report import review_json

ARROW = "\u2192"

# The words of the report; English is what tests and docs pin, byte for byte.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "no roles": "no roles",
        "no owner": "no owner",
        "moved": "moved from {a} to {b}",
        "renamed": "renamed {a} {arrow} {b}",
        "not reviewed": "not reviewed",
        "owned by": "{name} ({id}), owned by {owner}{kpis}",
        "kpis": ", KPIs {items}",
        "KPIs": "KPIs",
        "goals": "goals",
        "glossary": "glossary",
        "no changes": "{head}: no changes",
        "No changes.": "No changes.",
        "sep": ": ",
        "list": "; ",
    },
    "zh": {
        "no roles": "无角色",
        "no owner": "无归属",
        "moved": "从{a}移到{b}",
        "renamed": "改名 {a} {arrow} {b}",
        "not reviewed": "未评审",
        "owned by": "{name}（{id}），归属{owner}{kpis}",
        "kpis": "，指标 {items}",
        "KPIs": "指标",
        "goals": "目标",
        "glossary": "术语表",
        "no changes": "{head}：无变化",
        "No changes.": "无变化。",
        "sep": "：",
        "list": "；",
    },
}
FIELDS_ZH = {
    "title": "标题",
    "notation": "记法",
    "name": "名称",
    "archetype": "职能类型",
    "description": "说明",
    "color": "颜色",
    "owner": "归属",
    "kind": "目标类型",
    "tags": "标签",
    "effort": "工作量",
}
SECTIONS_ZH = {
    "chart": "职责图",
    "functions": "职能",
    "goals": "目标",
    "tasks": "任务",
    "warnings": "预警",
    "convergence": "目标趋同度",
}
MARKS_ZH = {"added": "新增", "removed": "删除", "changed": "修改"}
STATUS_ZH = {"accepted": "已接受", "acknowledged": "已确认"}
_ARCHETYPE_ZH = {a.value: zh for a, (_en, zh) in ARCHETYPES.items()}


def _lang(lang: str) -> str:
    return "zh" if lang == "zh" else "en"


def _w(lang: str, key: str) -> str:
    return WORDS[_lang(lang)][key]


def section_name(section: str, lang: str = "en") -> str:
    """A section's heading in ``lang`` (``tasks`` or 任务)."""
    return SECTIONS_ZH.get(section, section) if lang == "zh" else section


def _q(value: Any) -> str:
    if value is None:
        return NONE
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, str):
        return f"\u201c{value}\u201d"
    return str(value)


def _value(field: str, value: Any, lang: str) -> str:
    if lang == "zh" and field == "archetype" and isinstance(value, str):
        return _q(_ARCHETYPE_ZH.get(value, value))
    return _q(value)


def _cell(letters: str) -> str:
    return letters or NONE


def _roles(task: Task, names: dict[str, str], lang: str) -> str:
    sep = "、" if lang == "zh" else ", "
    return sep.join(f"{names.get(f, f)} {letters}" for f, letters in task.raci.items()) or _w(
        lang, "no roles"
    )


def _fields(
    changes: tuple[Change, ...] | list[Change], names: dict[str, str], lang: str
) -> list[str]:
    out = []
    nobody = _w(lang, "no owner")
    for c in changes:
        if c.field == "owner":
            a = names.get(c.before, c.before) if c.before else nobody
            b = names.get(c.after, c.after) if c.after else nobody
            out.append(_w(lang, "moved").format(a=a, b=b))
        elif c.field in ("title", "name"):
            out.append(_w(lang, "renamed").format(a=_q(c.before), b=_q(c.after), arrow=ARROW))
        else:
            field = FIELDS_ZH.get(c.field, c.field) if lang == "zh" else c.field
            before, after = _value(c.field, c.before, lang), _value(c.field, c.after, lang)
            out.append(f"{field} {before} {ARROW} {after}")
    return out


def _entity_line(
    change: EntityChange, d: ChartDiff, label: str, labels: dict[str, str], lang: str
) -> str:
    """``Launch plan (t1): Marketing A → R, Operations — → A; goals +“Awareness”``."""
    parts = _fields(change.changes, d.names, lang)
    if change.roles:
        parts.append(
            ", ".join(f"{r.name} {_cell(r.before)} {ARROW} {_cell(r.after)}" for r in change.roles)
        )
    if change.added or change.removed:
        items = [f"+{_q(labels.get(x, x))}" for x in change.added]
        items += [f"\u2212{_q(labels.get(x, x))}" for x in change.removed]
        parts.append(f"{_w(lang, label)} " + " ".join(items))
    return f"{change.old_name} ({change.id}){_w(lang, 'sep')}" + _w(lang, "list").join(parts)


def _review_text(review: Review | None, lang: str) -> str:
    if review is None:
        return _w(lang, "not reviewed")
    status = STATUS_ZH.get(review.status, review.status) if lang == "zh" else review.status
    if lang == "zh":
        return status + (f"（{_q(review.note)}）" if review.note else "")
    return status + (f" ({_q(review.note)})" if review.note else "")


def _severity(severity: str, lang: str) -> str:
    return SEVERITY_LABELS.get(severity, (severity, severity))[1] if lang == "zh" else severity


def _rule(rule: str, lang: str) -> str:
    """The rule's id in English (what --rule and reviews name); its Chinese title in Chinese."""
    texts = RULES.get(rule)
    return texts["zh"].title if lang == "zh" and texts else rule


def _warning_text(w: OverlapWarning, lang: str) -> str:
    return f"{_severity(w.severity, lang)} {_rule(w.rule, lang)}{_w(lang, 'sep')}{w.message}"


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

    def line_in(self, lang: str) -> str:
        """The line with its mark in ``lang`` (``opened: `` or ``新增预警：``)."""
        prefix = _PREFIX_ZH if lang == "zh" else _PREFIX
        return prefix.get(self.mark, "") + self.text


_PREFIX = {
    "added": "+ ",
    "removed": "\u2212 ",
    "changed": "~ ",
    "opened": "opened: ",
    "closed": "closed: ",
    "reviewed": "reviewed: ",
}
_PREFIX_ZH = {**_PREFIX, "opened": "新增预警：", "closed": "已消除：", "reviewed": "已评审："}
SECTIONS = ("chart", "functions", "goals", "tasks", "warnings", "convergence")


def diff_rows(d: ChartDiff, lang: str = "en") -> list[DiffRow]:
    """Every change in reading order (what text, Markdown and the app's panel show).

    Convergence lists every pair scored above zero in either version, changed or not, so
    that a reader sees where each pair stands; with no change at all there are no rows.
    """
    if d.empty:
        return []
    lang = _lang(lang)
    names = d.names
    sep = _w(lang, "sep")
    glossary = _w(lang, "glossary")

    def field_name(field: str) -> str:
        return FIELDS_ZH.get(field, field) if lang == "zh" else field

    rows = [
        DiffRow(
            "chart",
            "changed",
            f"{field_name(c.field)} {_q(c.before)} {ARROW} {_q(c.after)}",
        )
        for c in d.changes
    ]
    rows += [DiffRow("chart", "", f"{glossary} +[{', '.join(g)}]") for g in d.glossary_added]
    rows += [DiffRow("chart", "", f"{glossary} \u2212[{', '.join(g)}]") for g in d.glossary_removed]

    def archetype(f: Any) -> str:
        value = str(f.archetype.value)
        return _ARCHETYPE_ZH.get(value, value) if lang == "zh" else value

    comma = "，" if lang == "zh" else ", "
    rows += [
        DiffRow("functions", "added", f"{f.name} ({f.id}){comma}{archetype(f)}", f.id)
        for f in d.functions_added
    ]
    rows += [
        DiffRow("functions", "removed", f"{f.name} ({f.id})", f.id) for f in d.functions_removed
    ]
    rows += [
        DiffRow(
            "functions",
            "changed",
            f"{c.old_name} ({c.id}){sep}" + _w(lang, "list").join(_fields(c.changes, names, lang)),
            c.id,
        )
        for c in d.functions_changed
    ]

    for g in d.goals_added:
        owner = names.get(g.owner, g.owner) if g.owner else _w(lang, "no owner")
        kpis = _w(lang, "kpis").format(items=", ".join(_q(k) for k in g.kpis)) if g.kpis else ""
        text = _w(lang, "owned by").format(name=g.name, id=g.id, owner=owner, kpis=kpis)
        rows.append(DiffRow("goals", "added", text, g.id))
    rows += [DiffRow("goals", "removed", f"{g.name} ({g.id})", g.id) for g in d.goals_removed]
    rows += [
        DiffRow("goals", "changed", _entity_line(c, d, "KPIs", {}, lang), c.id)
        for c in d.goals_changed
    ]

    rows += [
        DiffRow("tasks", "added", f"{t.title} ({t.id}){sep}{_roles(t, names, lang)}", t.id)
        for t in d.tasks_added
    ]
    rows += [DiffRow("tasks", "removed", f"{t.title} ({t.id})", t.id) for t in d.tasks_removed]
    rows += [
        DiffRow("tasks", "changed", _entity_line(c, d, "goals", d.goal_names, lang), c.id)
        for c in d.tasks_changed
    ]

    rows += [DiffRow("warnings", "opened", _warning_text(w, lang), w.fingerprint) for w in d.opened]
    rows += [DiffRow("warnings", "closed", _warning_text(w, lang), w.fingerprint) for w in d.closed]
    rows += [
        DiffRow(
            "warnings",
            "reviewed",
            f"{_severity(r.warning.severity, lang)} {_rule(r.warning.rule, lang)} "
            f"{r.warning.fingerprint}{sep}"
            f"{_review_text(r.before, lang)} {ARROW} {_review_text(r.after, lang)}",
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
        text = f"{p.names[0]} \u2194 {p.names[1]}{sep}{before} {ARROW} {after}{delta}"
        rows.append(DiffRow("convergence", "", text))
    return rows


def sections(d: ChartDiff, lang: str = "en") -> list[tuple[str, list[str]]]:
    """(heading, lines) in reading order; sections without lines are left out.

    Headings are the section ids (``tasks``); ``section_name`` puts them into ``lang``."""
    grouped: dict[str, list[str]] = {name: [] for name in SECTIONS}
    for row in diff_rows(d, lang):
        grouped[row.section].append(row.line_in(lang))
    return [(heading, lines) for heading, lines in grouped.items() if lines]


def _label(old_label: str, new_label: str) -> str:
    return f"{old_label} {ARROW} {new_label}"


def diff_text(d: ChartDiff, old_label: str, new_label: str, lang: str = "en") -> str:
    lang = _lang(lang)
    head = _label(old_label, new_label)
    if d.empty:
        return _w(lang, "no changes").format(head=head)
    lines = [head]
    colon = "：" if lang == "zh" else ":"
    for heading, body in sections(d, lang):
        lines.append(f"{section_name(heading, lang)}{colon}")
        lines.extend(f"  {line}" for line in body)
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")


_MARKS = {"+ ": "added", "\u2212 ": "removed", "~ ": "changed"}


def _md_mark(line: str, lang: str = "en") -> str:
    """A leading + - ~ would read as nested list markers or nothing in Markdown: say it."""
    for mark, word in _MARKS.items():
        if line.startswith(mark):
            said = f"{MARKS_ZH[word]}：" if lang == "zh" else f"{word}: "
            return said + line[len(mark) :]
    return line


def diff_markdown(d: ChartDiff, old_label: str, new_label: str, lang: str = "en") -> str:
    lang = _lang(lang)
    title = d.new_title or d.old_title or ""
    lines = [f"### rolemap: {_md_escape(title)}", "", f"`{old_label}` {ARROW} `{new_label}`", ""]
    if d.empty:
        lines.append(_w(lang, "No changes."))
        return "\n".join(lines) + "\n"
    for heading, body in sections(d, lang):
        name = section_name(heading, lang)
        lines.append(f"**{name.capitalize() if lang == 'en' else name}**")
        lines.append("")
        lines.extend(f"- {_md_escape(_md_mark(line, lang))}" for line in body)
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
