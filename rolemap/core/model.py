"""The role chart: immutable pydantic models for functions, goals, tasks and reviews.

Edits never mutate a chart; they build a new one (see ``rolemap.core.edit``), so an undo
step is just the previous snapshot and a chart can be shared safely between threads.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import cache
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError, SchemaValidator, core_schema

from rolemap.core.catalogue import Archetype, GoalKind
from rolemap.core.roles import DEFAULT_NOTATION, Role, canonical_cell, with_role
from rolemap.core.values import nfc, review_date

FORMAT_VERSION = 2  # the newest format this rolemap reads and writes
BASE_FORMAT_VERSION = 1  # written when a chart uses nothing newer (files stay byte-identical)

ID_PATTERN = r"^[\p{L}\p{M}\p{N}_.\-]{1,64}$"
_ASCII_ID = re.compile(r"[A-Za-z0-9_.\-]{1,64}")  # ID_PATTERN's ASCII part (\p{...} is not)


@cache
def _id_pattern() -> SchemaValidator:
    # Compiling ID_PATTERN (64 copies of the Unicode letter, mark and number classes) takes
    # pydantic-core 35 ms; most ids are ASCII, so most processes never build it.
    return SchemaValidator(core_schema.str_schema(pattern=ID_PATTERN))


def _valid_id(value: str) -> str:
    """``value`` if it matches ID_PATTERN; otherwise the error the pattern constraint gave."""
    if _ASCII_ID.fullmatch(value) is None:
        try:
            _id_pattern().validate_python(value)
        except ValidationError:
            raise PydanticCustomError(
                "string_pattern_mismatch",
                "String should match pattern '{pattern}'",
                {"pattern": ID_PATTERN},
            ) from None
    return value


Id = Annotated[
    str,
    AfterValidator(nfc),  # 'café' typed as é or as e + accent is one id
    AfterValidator(_valid_id),
    Field(description="1-64 letters (any script), digits, '-', '_' or '.'; unique in the chart"),
]
Text = Annotated[str, StringConstraints(min_length=1)]
Color = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


def _canonical_raci(value: str) -> str:
    try:
        return canonical_cell(value)
    except ValueError:
        raise ValueError("each role letter may appear only once") from None


RaciLetters = Annotated[
    str,
    StringConstraints(pattern=r"^(?:[DRASCI]\??){1,6}$"),
    AfterValidator(_canonical_raci),
    Field(
        description="Role letters of the chart's notation (RACI: R, A, C, I; RASCI adds S; "
        "DACI: D, A, C, I); a letter followed by '?' is conditional (only when applicable)"
    ),
]
# strict: a number in the file, never true/false or text ("effort: true" is not a size).
Effort = Annotated[float, Field(gt=0, le=1_000_000, allow_inf_nan=False, strict=True)]


def _glossary_group(value: tuple[str, ...]) -> tuple[str, ...]:
    if len({v.strip().casefold() for v in value}) < 2:
        raise ValueError("a glossary group names at least two different terms")
    return value


GlossaryGroup = Annotated[tuple[Text, ...], AfterValidator(_glossary_group)]


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
    effort: Effort | None = Field(
        None, description="the task's size relative to others (default 1): a big task weighs more"
    )

    def accountable(self) -> tuple[str, ...]:
        """Functions holding the letter A (conditional or not); see ``owners`` for the role."""
        return tuple(f for f, letters in self.raci.items() if "A" in letters)

    def with_letter(self, letter: str) -> tuple[str, ...]:
        return tuple(f for f, letters in self.raci.items() if letter in letters)

    def owners(self, notation: str = DEFAULT_NOTATION) -> tuple[str, ...]:
        """Functions that firmly own the outcome (A in RACI/RASCI, D in DACI)."""
        return with_role(self.raci, Role.OWNS, notation)

    @property
    def size(self) -> float:
        return 1.0 if self.effort is None else self.effort


class Review(_Model):
    """A team's decision on an overlap warning, found again by its fingerprint."""

    warning: Text
    status: Literal["acknowledged", "accepted"]
    note: str | None = None
    date: Annotated[_dt.date | None, BeforeValidator(review_date)] = None


class Chart(_Model):
    """A role chart: the whole document."""

    rolemap: Literal[1, 2] = Field(
        1,
        description="format version (2 when a chart uses notation, glossary, effort or conditional roles)",
    )
    title: Text
    notation: Literal["raci", "rasci", "daci"] = Field(
        "raci", description="the role letters used in tasks: raci (default), rasci or daci"
    )
    glossary: tuple[GlossaryGroup, ...] = Field(
        (), description="groups of terms that mean the same in this team (KPIs and titles)"
    )
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

    @model_validator(mode="after")
    def _version_is_derived(self) -> Chart:
        # The version written is derived from the content on save (``uses_format_2``); keep
        # the field constant so that a chart read from a "rolemap: 2" file equals the same
        # chart built in memory.
        if self.rolemap != BASE_FORMAT_VERSION:
            object.__setattr__(self, "rolemap", BASE_FORMAT_VERSION)
        return self

    def uses_format_2(self) -> bool:
        """True when the chart needs format 2 (an older rolemap would misread it)."""
        return (
            self.notation != DEFAULT_NOTATION
            or bool(self.glossary)
            or any(t.effort is not None or _conditional(t) for t in self.tasks)
        )


def _conditional(task: Task) -> bool:
    return any("?" in cell for cell in task.raci.values())


FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "chart": tuple(Chart.model_fields),
    "functions": tuple(Function.model_fields),
    "goals": tuple(Goal.model_fields),
    "tasks": tuple(Task.model_fields),
    "reviews": tuple(Review.model_fields),
}
