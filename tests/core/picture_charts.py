"""Small charts built in code for the picture layout tests."""

from __future__ import annotations

from rolemap.core.catalogue import Archetype, GoalKind
from rolemap.core.model import Chart, Function, Goal, Task

FUNCTIONS = (
    Function(id="mkt", name="Marketing", archetype=Archetype.BRAND, color="#2f6fde"),
    Function(id="ops", name="Operations", archetype=Archetype.OPERATIONS, color="#e07b39"),
    Function(id="prd", name="Product"),
)


def small_chart() -> Chart:
    """Brand, contested and operations goals; a shared KPI; a two-A task; a near-duplicate."""
    goals = (
        Goal(id="aware", name="Awareness", owner="mkt", kind=GoalKind.AWARENESS, kpis=("signups",)),
        Goal(id="acq-m", name="Leads", owner="mkt", kind=GoalKind.ACQUISITION, kpis=("leads",)),
        Goal(
            id="acq-o", name="New users", owner="ops", kind=GoalKind.ACQUISITION, kpis=("Signups",)
        ),
        Goal(id="ret", name="Retention", owner="ops", kind=GoalKind.RETENTION, kpis=("d30",)),
        Goal(id="orphan", name="Rating", kind=GoalKind.PERCEPTION),
    )
    tasks = (
        Task(id="poster", title="Posters in dorms", goals=("aware",), raci={"mkt": "RA"}),
        Task(
            id="both", title="Campus ambassadors", goals=("acq-o",), raci={"mkt": "A", "ops": "RA"}
        ),
        Task(id="sms", title="Win-back text messages", goals=("ret",), raci={"ops": "RA"}),
        Task(id="sms2", title="Win-back text message", goals=("aware",), raci={"mkt": "RA"}),
        Task(id="loose", title="Move bikes at night", raci={"ops": "R"}),
    )
    return Chart(title="Small", functions=FUNCTIONS, goals=goals, tasks=tasks)


def big_chart(n: int, goals_per_kind: int = 2) -> Chart:
    """``n`` tasks spread round-robin over goals of every kind; every 97th task has two A."""
    kinds = [k for k in GoalKind if k is not GoalKind.OTHER]
    goals = tuple(
        Goal(
            id=f"{k.value}-{i}",
            name=f"{k.value} goal {i}",
            owner="mkt" if k.value in ("awareness", "reputation", "partnerships") else "ops",
            kind=k,
            kpis=(f"kpi {k.value} {i}",),
        )
        for k in kinds
        for i in range(goals_per_kind)
    )
    tasks = tuple(
        Task(
            id=f"t{i}",
            title=f"Task number {i} about {goals[i % len(goals)].name}",
            goals=(goals[i % len(goals)].id,),
            raci={"mkt": "A", "ops": "RA"} if i % 97 == 5 else {"ops": "RA", "prd": "C"},
        )
        for i in range(n)
    )
    return Chart(title="Big", functions=FUNCTIONS, goals=goals, tasks=tasks)


def converging_chart() -> Chart:
    """Marketing and Operations both chase sign-ups: their goals converge."""
    goals = (
        Goal(id="m", name="Sign-ups", owner="mkt", kind=GoalKind.ACQUISITION, kpis=("signups",)),
        Goal(id="o", name="New users", owner="ops", kind=GoalKind.ACQUISITION, kpis=("signups",)),
        Goal(id="p", name="Rating", owner="prd", kind=GoalKind.PERCEPTION, kpis=("stars",)),
    )
    tasks = (
        Task(id="a", title="Campus ambassadors", goals=("m",), raci={"mkt": "RA"}),
        Task(id="b", title="Referral coupons", goals=("o",), raci={"ops": "RA"}),
    )
    return Chart(title="Converging", functions=FUNCTIONS, goals=goals, tasks=tasks)
