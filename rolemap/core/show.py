"""``rolemap show``: a chart as one line per fact, for people and for git's textconv.

Each function, goal, task and review is one line that names things (not just ids), followed by
the warnings and the convergence scores. Set as a git textconv (docs/git.md), ``git diff``
then shows "task t1: Launch plan · Marketing A, Operations R" turning into "... Marketing R,
Operations A" instead of a YAML hunk, and which warnings a change opened or closed.
"""

from __future__ import annotations

from rolemap.core.analysis import Analysis, analyse
from rolemap.core.model import Chart

SEP = " \u00b7 "
NONE = "\u2014"


def show_text(chart: Chart, result: Analysis | None = None) -> str:
    result = result if result is not None else analyse(chart)
    names = {f.id: f.name for f in chart.functions}
    goals = {g.id: g.name for g in chart.goals}
    lines = [f"chart: {chart.title}"]
    if chart.notation != "raci":
        lines.append(f"notation: {chart.notation}")
    lines += [f"glossary: {' = '.join(group)}" for group in chart.glossary]
    for f in chart.functions:
        lines.append(f"function {f.id}: {f.name} ({f.archetype.value})")
    for g in chart.goals:
        owner = names.get(g.owner, g.owner) if g.owner else NONE
        parts = [f"goal {g.id}: {g.name}", f"owner {owner}"]
        parts.append(g.kind.value)
        if g.kpis:
            parts.append("KPIs: " + "; ".join(g.kpis))
        lines.append(SEP.join(parts))
    for t in chart.tasks:
        roles = ", ".join(f"{names.get(f, f)} {letters}" for f, letters in t.raci.items())
        parts = [f"task {t.id}: {t.title}", roles or "no roles"]
        if t.goals:
            parts.append("goals: " + "; ".join(goals.get(g, g) for g in t.goals))
        if t.effort is not None:
            parts.append(f"effort {t.effort:g}")
        if t.tags:
            parts.append("tags: " + ", ".join(t.tags))
        lines.append(SEP.join(parts))
        if t.description:
            lines.append(f"  {' '.join(t.description.split())}")
    for r in chart.reviews:
        note = f" \u2014 {' '.join(r.note.split())}" if r.note else ""
        lines.append(f"review {r.warning}: {r.status}{note}")
    for w in result.warnings:
        state = "" if w.review is None else f" [{w.review.status}]"
        lines.append(f"warning {w.severity} {w.rule}{state}: {w.message}")
    for c in result.convergence:
        if c.score:
            a, b = (names.get(x, x) for x in c.functions)
            lines.append(f"convergence {a} \u2194 {b}: {c.score:.2f}")
    return "\n".join(lines) + "\n"
