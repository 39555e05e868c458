"""Which tasks the role map shows, and where: each task under the first goal it serves, and
per goal its most troubled tasks up to a budget, the rest counted on one "+N more" card."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from rolemap.core.analysis import Analysis
from rolemap.core.layout.mapgrid import valid_goals
from rolemap.core.model import Chart, Task

SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class MapOptions:
    card_budget: int = 160  # cards drawn in all; the rest are summarised per goal
    max_cards_per_goal: int = 12
    min_cards_per_goal: int = 3
    max_duplicate_links: int = 24  # more pairs are counted in the legend, listed in the warnings


class TaskPlacement:
    """Tasks by goal ("" for tasks that serve no goal), the ones shown, and who owns the work."""

    def __init__(self, chart: Chart, result: Analysis, options: MapOptions) -> None:
        self.result = result
        self.under: dict[str, list[Task]] = defaultdict(list)
        self.shared: Counter[str] = Counter()  # goal -> tasks that serve it after another goal
        self.placed: dict[str, str] = {}  # task id -> goal id
        self.owners: dict[str, tuple[str, ...]] = {}
        self.work: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self._ranks: dict[str, int] = {}
        ids = chart.goal_ids()
        for task in chart.tasks:
            goals = valid_goals(task, ids)
            key = goals[0] if goals else ""
            self.under[key].append(task)
            self.placed[task.id] = key
            for g in goals[1:]:
                self.shared[g] += 1
            owners = self.owners[task.id] = task.owners(chart.notation)
            for g in goals:
                for fid in owners or ("",):
                    self.work[g][fid] += 1 / max(1, len(owners))
        groups = max(1, sum(1 for v in self.under.values() if v))
        o = options
        cap = max(o.min_cards_per_goal, min(o.max_cards_per_goal, o.card_budget // groups))
        self.shown = {gid: self._visible(tasks, cap) for gid, tasks in self.under.items()}
        self._shown_ids = {t.id for tasks in self.shown.values() for t in tasks}

    def warnings(self, entity: str) -> list[tuple[str, str]]:
        """(severity, message) of the open warnings about ``entity``, worst first."""
        return [(w.severity, w.message) for w in self.result.for_entity(entity) if w.is_open]

    def rank(self, task: Task) -> int:
        """0 for a task with a high warning, 1 medium, 2 low, 3 none."""
        rank = self._ranks.get(task.id)
        if rank is None:
            ws = self.warnings(task.id)
            rank = self._ranks[task.id] = min((SEVERITY_RANK[s] for s, _ in ws), default=3)
        return rank

    def is_shown(self, task_id: str) -> bool:
        return task_id in self._shown_ids

    def hidden(self, goal_id: str) -> int:
        return len(self.under.get(goal_id, ())) - len(self.shown.get(goal_id, ()))

    def _visible(self, tasks: list[Task], cap: int) -> list[Task]:
        if len(tasks) <= cap:
            return tasks
        ranked = sorted(range(len(tasks)), key=lambda i: (self.rank(tasks[i]), i))
        keep = sorted(ranked[: cap - 1])  # one slot goes to the "+N more" card
        return [tasks[i] for i in keep]
