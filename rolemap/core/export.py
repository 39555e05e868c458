"""Exports for after a workshop: a role chart organised by function (YAML) and a Markdown report."""

from __future__ import annotations

from typing import Any

from rolemap.core.analysis import SEVERITIES, Analysis, OverlapWarning, analyse
from rolemap.core.analysis.messages import RULES, SEVERITY_LABELS
from rolemap.core.catalogue import ARCHETYPES, KINDS
from rolemap.core.fileformat import dump_yaml
from rolemap.core.model import Chart
from rolemap.core.roles import LETTER_LABELS, OWNER_LETTER
from rolemap.core.tables import kind_table, role_legend

_RACI_KEYS = {"R": "responsible", "A": "accountable", "C": "consulted", "I": "informed"}
_RACI_ORDER = "ARCI"

_L = {
    "en": {
        "report": "Role chart report",
        "summary": "Summary",
        "counts": "{f} functions, {g} goals, {t} tasks.",
        "open": "Open warnings: {n} ({detail}).",
        "accepted": "Accepted: {n}.",
        "convergence": "Convergence scores",
        "pair": "Functions",
        "score": "Score",
        "table": "Functions by goal kind",
        "table_note": "Each cell: goals owned · tasks done or owned (R or A; D in DACI) "
        "serving goals of that kind.",
        "function": "Function",
        "unowned": "(no owner)",
        "warnings": "Warnings",
        "suggestion": "Suggestion",
        "decision": "Decision",
        "none": "No warnings.",
        "accepted_as": "accepted",
        "acknowledged_as": "acknowledged",
        "entities": "Involves",
        "matrix": "RACI matrix",
        "task": "Task",
        "goals": "Goals",
        "tasks": "Tasks",
        "tags": "Tags",
        "stop": ".",
        "colon": ": ",
        "sep": ", ",
    },
    "zh": {
        "report": "职责图报告",
        "summary": "概要",
        "counts": "{f} 个部门，{g} 个目标，{t} 个任务。",
        "open": "未处理预警：{n} 条（{detail}）。",
        "accepted": "已接受：{n} 条。",
        "convergence": "目标趋同度",
        "pair": "部门",
        "score": "趋同度",
        "table": "部门 × 目标类型",
        "table_note": "每格：负责的目标数 · 服务该类目标、由该部门执行或负责的任务数（R 或 A；DACI 中为 D）。",
        "function": "部门",
        "unowned": "（无负责部门）",
        "warnings": "重叠预警",
        "suggestion": "建议",
        "decision": "评审结论",
        "none": "没有预警。",
        "accepted_as": "已接受",
        "acknowledged_as": "已知悉",
        "entities": "涉及",
        "matrix": "RACI 矩阵",
        "task": "任务",
        "goals": "目标",
        "tasks": "任务清单",
        "tags": "标签",
        "stop": "。",
        "colon": "：",
        "sep": "、",
    },
}


def _idx(lang: str) -> int:
    return 1 if lang == "zh" else 0


def _warning_dict(w: OverlapWarning, lang: str) -> dict[str, Any]:
    d: dict[str, Any] = {
        "rule": w.rule,
        "title": RULES[w.rule][lang].title,
        "severity": w.severity,
        "fingerprint": w.fingerprint,
        "entities": list(w.entities),
        "message": w.message,
        "suggestion": w.suggestion,
    }
    if w.review is not None:
        d["review"] = {"status": w.review.status}
        if w.review.note:
            d["review"]["note"] = w.review.note
        if w.review.date:
            d["review"]["date"] = w.review.date
    return d


def export_role_chart(chart: Chart, result: Analysis | None = None) -> str:
    """A YAML role chart organised by function, with warnings and convergence scores."""
    result = result or analyse(chart)
    lang = result.lang
    i = _idx(lang)
    functions = []
    for f in chart.functions:
        goals = [
            {
                "id": g.id,
                "name": g.name,
                "kind": g.kind.value,
                "kind_label": KINDS[g.kind].zh if lang == "zh" else KINDS[g.kind].en,
                "kpis": list(g.kpis),
            }
            for g in chart.goals
            if g.owner == f.id
        ]
        tasks: dict[str, list[str]] = {}
        for letter in _RACI_ORDER:
            titles = [t.title for t in chart.tasks if letter in t.raci.get(f.id, "")]
            if titles:
                tasks[_RACI_KEYS[letter]] = titles
        entry: dict[str, Any] = {
            "id": f.id,
            "name": f.name,
            "archetype": f.archetype.value,
            "archetype_label": ARCHETYPES[f.archetype][i],
        }
        if f.description:
            entry["description"] = f.description
        entry["goals"] = goals
        entry["tasks"] = tasks
        functions.append(entry)
    unowned = [g.id for g in chart.goals if g.owner is None]
    unassigned = [t.title for t in chart.tasks if not t.raci]
    doc: dict[str, Any] = {
        "title": chart.title,
        "language": lang,
        "functions": functions,
    }
    if unowned:
        doc["unowned_goals"] = unowned
    if unassigned:
        doc["unassigned_tasks"] = unassigned
    doc["warnings"] = {
        "open": [_warning_dict(w, lang) for w in result.warnings if w.is_open],
        "accepted": [_warning_dict(w, lang) for w in result.warnings if not w.is_open],
    }
    doc["convergence"] = [
        {"functions": list(c.functions), "score": c.score} for c in result.convergence
    ]
    header = "# rolemap role-chart export (generated; edit the source chart, not this file)\n"
    return header + dump_yaml(doc)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _raci_matrix(chart: Chart, t: dict[str, str]) -> list[str]:
    """One row per task, one column per function, the letters in the cells."""
    if not chart.tasks:
        return []
    goal_names = {g.id: g.name for g in chart.goals}
    head = [t["task"], *(f.name for f in chart.functions), t["goals"]]
    lang = "zh" if t is _L["zh"] else "en"
    out = ["", f"## {t['matrix']}", "", role_legend(chart.notation, lang) + t["stop"], ""]
    out.append("| " + " | ".join(_cell(h) for h in head) + " |")
    out.append("|---|" + ":---:|" * len(chart.functions) + "---|")
    for task in chart.tasks:
        letters = [task.raci.get(f.id, "") for f in chart.functions]
        goals = t["sep"].join(goal_names.get(g, g) for g in task.goals)
        out.append(f"| {_cell(task.title)} | " + " | ".join([*letters, _cell(goals)]) + " |")
    return out


def _task_list(chart: Chart, t: dict[str, str]) -> list[str]:
    """Each task with its description, goals, who does what, and tags."""
    if not chart.tasks:
        return []
    names = {f.id: f.name for f in chart.functions}
    goal_names = {g.id: g.name for g in chart.goals}
    sep = t["sep"]
    i = 1 if t is _L["zh"] else 0
    labels = LETTER_LABELS.get(chart.notation, LETTER_LABELS["raci"])
    owner = OWNER_LETTER.get(chart.notation, "A")
    labels = {owner: labels[owner], **labels}  # the owner first
    out = ["", f"## {t['tasks']}", ""]
    for n, task in enumerate(chart.tasks, 1):
        out.append(f"{n}. **{_cell(task.title)}**")
        if task.description:
            out.append(f"   {_cell(task.description)}")
        if task.goals:
            goals = sep.join(_cell(goal_names.get(g, g)) for g in task.goals)
            out.append(f"   - {t['goals']}{t['colon']}{goals}")
        # Who holds each letter, in RACI order; then one line per letter in the labels' order.
        holders: dict[str, list[str]] = {}
        for f, v in task.raci.items():
            name = names.get(f, f)
            for letter in v:
                if letter != "?":
                    holders.setdefault(letter, []).append(name + "?" if letter + "?" in v else name)
        for letter, label in labels.items():
            who = holders.get(letter)
            if who:
                out.append(f"   - {label[i]}{t['colon']}{_cell(sep.join(who))}")
        if task.tags:
            out.append(f"   - {t['tags']}{t['colon']}{_cell(sep.join(task.tags))}")
    return out


def export_markdown(chart: Chart, result: Analysis | None = None) -> str:
    """A workshop report to paste into a wiki."""
    result = result or analyse(chart)
    lang = result.lang
    t = _L[lang]
    i = _idx(lang)
    names = {f.id: f.name for f in chart.functions}
    out: list[str] = [
        f"# {_cell(chart.title)}",
        "",
        f"*{t['report']}*",
        "",
        f"## {t['summary']}",
        "",
    ]
    out.append(t["counts"].format(f=len(chart.functions), g=len(chart.goals), t=len(chart.tasks)))
    counts = result.counts()
    detail = ", ".join(f"{counts[s]} {SEVERITY_LABELS[s][i]}" for s in SEVERITIES)
    out.append(t["open"].format(n=sum(counts.values()), detail=detail))
    accepted = sum(1 for w in result.warnings if not w.is_open)
    if accepted:
        out.append(t["accepted"].format(n=accepted))
    if result.convergence:
        out += ["", f"### {t['convergence']}", "", f"| {t['pair']} | {t['score']} |", "|---|---:|"]
        for c in result.convergence:
            a, b = (_cell(names.get(f, f)) for f in c.functions)
            out.append(f"| {a} ↔ {b} | {c.score:.2f} |")

    out += ["", f"## {t['table']}", "", t["table_note"], ""]
    table = kind_table(chart)
    head = [t["function"], *(KINDS[k].zh if lang == "zh" else KINDS[k].en for k in table.kinds)]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for row_fid in table.rows:
        row_name = names[row_fid] if row_fid is not None else t["unowned"]
        cells = []
        for k in table.kinds:
            n_goals, n_tasks = table.cell(row_fid, k)
            cells.append(f"{n_goals} · {n_tasks}" if n_goals or n_tasks else "")
        out.append(f"| {_cell(row_name)} | " + " | ".join(cells) + " |")
    out += _raci_matrix(chart, t)
    out += _task_list(chart, t)

    out += ["", f"## {t['warnings']}", ""]
    if not result.warnings:
        out.append(t["none"])
    for severity in SEVERITIES:
        group = [w for w in result.warnings if w.severity == severity]
        if not group:
            continue
        out += [f"### {SEVERITY_LABELS[severity][i].capitalize()} ({len(group)})", ""]
        for w in group:
            title = RULES[w.rule][lang].title
            out.append(f"- **{title}** (`{w.fingerprint}`)")
            out.append(f"  {w.message}")
            out.append(f"  *{t['suggestion']}:* {w.suggestion}")
            if w.review is not None:
                status = t["accepted_as"] if w.review.status == "accepted" else t["acknowledged_as"]
                note = f": {w.review.note}" if w.review.note else ""
                date = f" ({w.review.date.isoformat()})" if w.review.date else ""
                out.append(f"  *{t['decision']}:* {status}{date}{note}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
