"""The role chart: immutable pydantic models for functions, goals, tasks and reviews.

Edits never mutate a chart; they build a new one (see ``rolemap.core.edit``), so an undo
step is just the previous snapshot and a chart can be shared safely between threads.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from rolemap.core.catalogue import RACI_LETTERS, Archetype, GoalKind

FORMAT_VERSION = 1

ID_PATTERN = r"^[\p{L}\p{M}\p{N}_.\-]{1,64}$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="1-64 letters (any script), digits, '-', '_' or '.'; unique in the chart"),
]
Text = Annotated[str, StringConstraints(min_length=1)]
Color = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


def _canonical_raci(value: str) -> str:
    if len(set(value)) != len(value):
        raise ValueError("each of R, A, C, I may appear only once")
    return "".join(letter for letter in RACI_LETTERS if letter in value)


RaciLetters = Annotated[
    str,
    StringConstraints(pattern=r"^[RACI]{1,4}$"),
    AfterValidator(_canonical_raci),
    Field(description="One or more of R, A, C, I (Responsible, Accountable, Consulted, Informed)"),
]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=False,
        str_strip_whitespace=False,
        validate_default=False,
    )


class Function(_Model):
    """A team or department that owns goals (Marketing, Operations, Product, ...)."""

    id: Id
    name: Text
    archetype: Archetype = Archetype.OTHER
    description: str | None = None
    color: Color | None = None


class Goal(_Model):
    """What a function is measured on: a kind (which side it belongs to) and its KPIs."""

    id: Id
    name: Text
    owner: Id | None = None
    kind: GoalKind = GoalKind.OTHER
    kpis: tuple[Text, ...] = ()
    description: str | None = None


class Task(_Model):
    """A piece of work; serves goals; carries a RACI letter set per function."""

    id: Id
    title: Text
    description: str | None = None
    goals: tuple[Id, ...] = ()
    raci: dict[Id, RaciLetters] = Field(default_factory=dict)
    tags: tuple[Text, ...] = ()

    def accountable(self) -> tuple[str, ...]:
        return tuple(f for f, letters in self.raci.items() if "A" in letters)

    def with_letter(self, letter: str) -> tuple[str, ...]:
        return tuple(f for f, letters in self.raci.items() if letter in letters)


class Review(_Model):
    """A team's decision on an overlap warning, found again by its fingerprint."""

    warning: Text
    status: Literal["acknowledged", "accepted"]
    note: str | None = None
    date: _dt.date | None = None


class Chart(_Model):
    """A role chart: the whole document."""

    rolemap: Literal[1] = Field(1, description="format version")
    title: Text
    functions: tuple[Function, ...] = ()
    goals: tuple[Goal, ...] = ()
    tasks: tuple[Task, ...] = ()
    reviews: tuple[Review, ...] = ()

    def function_ids(self) -> dict[str, Function]:
        return {f.id: f for f in self.functions}

    def goal_ids(self) -> dict[str, Goal]:
        return {g.id: g for g in self.goals}

    def task_ids(self) -> dict[str, Task]:
        return {t.id: t for t in self.tasks}


FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "chart": tuple(Chart.model_fields),
    "functions": tuple(Function.model_fields),
    "goals": tuple(Goal.model_fields),
    "tasks": tuple(Task.model_fields),
    "reviews": tuple(Review.model_fields),
}
