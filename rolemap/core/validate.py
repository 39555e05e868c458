"""Checks a schema cannot express: unique ids and references between functions, goals and tasks.

They run on the raw file data (before or despite type errors), so one load reports every
problem at once.
"""

from __future__ import annotations

from typing import Any

from rolemap.core.errors import Problem, did_you_mean, format_path
from rolemap.core.roles import DEFAULT_NOTATION, NOTATIONS, letters_outside
from rolemap.core.yamlsafe import Located


def _entries(root: dict[str, Any], section: str) -> list[tuple[int, dict[str, Any]]]:
    items = root.get(section)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _problem(located: Located, path: tuple[int | str, ...], message: str) -> Problem:
    where = located.find(path) or (None, None)
    return Problem(message, path=format_path(path), line=where[0], column=where[1])


def semantic_problems(root: dict[str, Any], located: Located) -> list[Problem]:
    problems: list[Problem] = []
    first_seen: dict[str, tuple[int | str, ...]] = {}
    kinds: dict[str, set[str]] = {"functions": set(), "goals": set(), "tasks": set()}
    for section in ("functions", "goals", "tasks"):
        for i, item in _entries(root, section):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            path: tuple[int | str, ...] = (section, i, "id")
            if ident in first_seen:
                earlier = first_seen[ident]
                line = (located.find(earlier) or (None,))[0]
                at = f" (line {line})" if line else ""
                problems.append(
                    _problem(
                        located,
                        path,
                        f"duplicate id '{ident}': already used by {format_path(earlier[:2])}{at}; "
                        "ids must be unique across functions, goals and tasks",
                    )
                )
                continue
            first_seen[ident] = path
            kinds[section].add(ident)

    functions, goals = kinds["functions"], kinds["goals"]
    notation = root.get("notation", DEFAULT_NOTATION)
    # The letters outside the notation, per cell: a chart uses a handful of cells ("RA", "C")
    # 40,000 times at 10,000 tasks.
    outside_of: dict[str, list[str]] = {}
    for i, goal in _entries(root, "goals"):
        owner = goal.get("owner")
        if isinstance(owner, str) and owner not in functions:
            problems.append(
                _problem(located, ("goals", i, "owner"), _missing("function", owner, functions))
            )
    for i, task in _entries(root, "tasks"):
        task_goals = task.get("goals")
        if isinstance(task_goals, list):
            seen: set[str] = set()
            for j, gid in enumerate(task_goals):
                if not isinstance(gid, str):
                    continue
                if gid not in goals:
                    problems.append(
                        _problem(located, ("tasks", i, "goals", j), _missing("goal", gid, goals))
                    )
                elif gid in seen:
                    problems.append(
                        _problem(
                            located,
                            ("tasks", i, "goals", j),
                            f"the goal '{gid}' is listed twice; keep one",
                        )
                    )
                seen.add(gid)
        raci = task.get("raci")
        if isinstance(raci, dict):
            for fid, cell in raci.items():
                if isinstance(cell, str) and isinstance(notation, str) and notation in NOTATIONS:
                    outside = outside_of.get(cell)
                    if outside is None:
                        try:
                            outside = letters_outside(cell, notation)
                        except ValueError:
                            outside = []  # the schema reports malformed cells
                        outside_of[cell] = outside
                    if outside:
                        problems.append(
                            _problem(
                                located,
                                ("tasks", i, "raci", fid),
                                f"the letter {', '.join(outside)} is not part of the "
                                f"{notation.upper()} notation ({', '.join(NOTATIONS[notation])}); "
                                + _notation_hint(outside),
                            )
                        )
                if fid not in functions:
                    problems.append(
                        _problem(
                            located,
                            ("tasks", i, "raci", fid),
                            "RACI names " + _missing("function", fid, functions),
                        )
                    )
    reviewed: dict[str, int] = {}
    for i, review in _entries(root, "reviews"):
        fingerprint = review.get("warning")
        if isinstance(fingerprint, str):
            if fingerprint in reviewed:
                problems.append(
                    _problem(
                        located,
                        ("reviews", i, "warning"),
                        f"this warning is already reviewed in reviews[{reviewed[fingerprint]}]; "
                        "keep one review per warning",
                    )
                )
            reviewed.setdefault(fingerprint, i)
        note = review.get("note")
        if review.get("status") == "accepted" and not (isinstance(note, str) and note.strip()):
            problems.append(
                _problem(
                    located,
                    ("reviews", i),
                    "an accepted warning needs a note saying why (note: ...)",
                )
            )
    return problems


def _notation_hint(letters: list[str]) -> str:
    if "D" in letters:
        return "write 'notation: daci' at the top of the chart to use D (Driver)"
    if "S" in letters:
        return "write 'notation: rasci' at the top of the chart to use S (Supports)"
    return "use the letters of the chart's notation, or change 'notation:' at the top"


def _missing(what: str, ident: str, known: set[str]) -> str:
    return f"no {what} with id '{ident}'{did_you_mean(ident, sorted(known))}"
