"""Groups of terms that mean the same thing: the built-in bilingual glossary and its canonical map.

The built-in glossary (resources/glossary/terms.yaml, shipped in the wheel) holds common marketing
and operations terms in English and Chinese. A chart's own glossary adds groups to it; the
analysis compares KPIs and titles through ``canonical_map``, which sends every term of a group to
one key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from rolemap.core.errors import ChartLoadError, Problem, format_path
from rolemap.core.yamlsafe import Located, YamlProblem, read_yaml
from rolemap.resources import glossary_path

Groups = tuple[tuple[str, ...], ...]

_SPACE = re.compile(r"\s+")


class GlossaryError(ChartLoadError):
    """A glossary file could not be read or is invalid; carries every problem with its place."""


def normalise_term(term: str) -> str:
    """The form terms are compared in: NFKC, case folded, white-space runs as one space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", term).casefold()).strip()


def group_problems(
    groups: object, path: tuple[int | str, ...] = (), locate: Located | None = None
) -> list[Problem]:
    """Everything wrong with a list of groups: not a list, a group of fewer than two terms, a term
    that is not a non-empty string, a term repeated (after ``normalise_term``) anywhere.

    ``path`` is where the list sits in its file (for messages), ``locate`` finds line and column.
    """
    problems: list[Problem] = []

    def add(where: tuple[int | str, ...], message: str) -> None:
        line_col = locate.find(where) if locate is not None else None
        line, column = line_col if line_col is not None else (None, None)
        problems.append(Problem(message, path=format_path(where), line=line, column=column))

    if not isinstance(groups, list):
        add(path, "expected a list of groups, each a list of terms like [DAU, daily active users]")
        return problems
    first_seen: dict[str, tuple[int | str, ...]] = {}
    for g, group in enumerate(groups):
        where = (*path, g)
        if not isinstance(group, list):
            add(where, "expected a group as a list of terms, e.g. [拉新, 获客, user acquisition]")
            continue
        if len(group) < 2:
            add(where, "a group needs at least two terms that mean the same; add one or remove it")
        for t, term in enumerate(group):
            at = (*where, t)
            if not isinstance(term, str):
                add(at, f"a term must be text, not {term!r}; put it in quotes")
                continue
            key = normalise_term(term)
            if not key:
                add(at, "a term must not be empty; remove it")
            elif key in first_seen:
                add(
                    at,
                    f"the term {term!r} is already in {format_path(first_seen[key])}; "
                    "a term may be in only one group: merge the groups or remove one",
                )
            else:
                first_seen[key] = at
    return problems


def load_glossary(path: Path) -> Groups:
    """Read and validate a glossary file (``groups:`` as in the built-in one).

    Raises GlossaryError listing every problem, each with line and column.
    """
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(name, [Problem(f"cannot read the glossary: {exc}")]) from None
    try:
        data, locate, problems = read_yaml(text)
    except YamlProblem as exc:
        raise GlossaryError(name, [exc.problem]) from None
    if not isinstance(data, dict) or "groups" not in data:
        problems.append(Problem("expected a mapping with a `groups:` list", line=1, column=1))
        raise GlossaryError(name, problems)
    problems += group_problems(data["groups"], ("groups",), locate)
    if problems:
        raise GlossaryError(name, problems)
    return tuple(tuple(group) for group in data["groups"])


@cache
def builtin_groups() -> Groups:
    """The built-in bilingual glossary, read and validated on first use, then kept."""
    return load_glossary(glossary_path())


def canonical_map(groups: Iterable[Sequence[str]]) -> dict[str, str]:
    """Each normalised term -> one key for its group (the group's first term, normalised).

    Groups that share a term are one group (so a chart's glossary can extend a built-in group):
    pass the chart's groups first to make their first terms the keys. Empty terms are skipped.
    """
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    rank: dict[str, int] = {}  # first appearance: the group seen first keeps its key
    for group in groups:
        keys = [k for k in (normalise_term(t) for t in group) if k]
        if not keys:
            continue
        for key in keys:
            if key not in parent:
                parent[key] = key
                rank[key] = len(rank)
        head = root(keys[0])
        for key in keys[1:]:
            other = root(key)
            if other != head:
                if rank[other] < rank[head]:
                    head, other = other, head
                parent[other] = head
    return {key: root(key) for key in rank}
