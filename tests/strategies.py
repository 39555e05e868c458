"""Hypothesis strategies for valid role charts (unique ids, valid references, canonical RACI)."""

from __future__ import annotations

import string

from hypothesis import strategies as st

from rolemap.core.catalogue import RACI_LETTERS, Archetype, GoalKind
from rolemap.core.model import Chart, Function, Goal, Review, Task

ID_ALPHABET = string.ascii_letters + string.digits + "-_." + "市场运营品牌拉新目标任务校园单车é"

# Words and shapes that YAML would read as something else unless the saver quotes them.
TRICKY_TEXT = [
    "yes",
    "No",
    "null",
    "~",
    "true",
    "1",
    "0x1f",
    "1e3",
    ".5",
    "2024-01-01",
    "- item",
    "key: value",
    "# not a comment",
    "'single'",
    '"double"',
    "  padded  ",
    "[x]",
    "{y: 1}",
    "*alias",
    "&anchor",
    "!tag",
    "%percent",
    "@at",
    "`tick",
    "|",
    ">",
    "---",
    "...",
    "校园大使招募",
    "30日留存率",
    "市场 vs 运营：谁负责拉新？",
    "😀 emoji",
    "tab\there",
    "back\\slash",
]

ids = st.text(alphabet=ID_ALPHABET, min_size=1, max_size=64)

_chars = st.characters(codec="utf-8", exclude_categories=("Cs",))
one_line = st.one_of(
    st.sampled_from(TRICKY_TEXT),
    st.text(alphabet=_chars, min_size=1, max_size=30).filter(lambda s: "\n" not in s),
)
"""Non-empty text on one line (names, titles, KPIs, tags)."""

multi_line = st.one_of(
    one_line,
    st.lists(st.one_of(one_line, st.just(""), st.just("  indented")), min_size=1, max_size=5).map(
        "\n".join
    ),
    st.lists(one_line, min_size=1, max_size=4).map(lambda rows: "\n".join(rows) + "\n"),
    st.text(alphabet=st.one_of(_chars, st.sampled_from("\n \t")), max_size=40),
)
"""Text that may span lines (descriptions, notes); may be empty."""

raci_letters = st.sets(st.sampled_from(RACI_LETTERS), min_size=1).map(
    lambda letters: "".join(x for x in RACI_LETTERS if x in letters)
)
"""RACI letters in canonical order: R, A, C, I."""

colors = st.from_regex(r"\A#[0-9a-fA-F]{6}\Z")


@st.composite
def functions(draw: st.DrawFn, fid: str) -> Function:
    return Function(
        id=fid,
        name=draw(one_line),
        archetype=draw(st.sampled_from(Archetype)),
        description=draw(st.none() | multi_line),
        color=draw(st.none() | colors),
    )


@st.composite
def goals(draw: st.DrawFn, gid: str, function_ids: list[str]) -> Goal:
    owners = st.none() | st.sampled_from(function_ids) if function_ids else st.none()
    return Goal(
        id=gid,
        name=draw(one_line),
        owner=draw(owners),
        kind=draw(st.sampled_from(GoalKind)),
        kpis=tuple(draw(st.lists(one_line, max_size=3))),
        description=draw(st.none() | multi_line),
    )


@st.composite
def tasks(draw: st.DrawFn, tid: str, function_ids: list[str], goal_ids: list[str]) -> Task:
    goal_refs = st.lists(st.sampled_from(goal_ids), unique=True) if goal_ids else st.just([])
    raci = (
        st.dictionaries(st.sampled_from(function_ids), raci_letters)
        if function_ids
        else st.just({})
    )
    return Task(
        id=tid,
        title=draw(one_line),
        description=draw(st.none() | multi_line),
        goals=tuple(draw(goal_refs)),
        raci=draw(raci),
        tags=tuple(draw(st.lists(one_line, max_size=3))),
    )


@st.composite
def reviews(draw: st.DrawFn, warning: str) -> Review:
    status = draw(st.sampled_from(["acknowledged", "accepted"]))
    note = draw(st.none() | multi_line)
    if status == "accepted" and not (note and note.strip()):
        note = draw(one_line.filter(str.strip))
    return Review(warning=warning, status=status, note=note, date=draw(st.none() | st.dates()))


@st.composite
def charts(
    draw: st.DrawFn,
    max_functions: int = 4,
    max_goals: int = 5,
    max_tasks: int = 6,
    max_reviews: int = 3,
) -> Chart:
    """A valid chart: ids unique across sections, every reference resolves."""
    n_f = draw(st.integers(0, max_functions))
    n_g = draw(st.integers(0, max_goals))
    n_t = draw(st.integers(0, max_tasks))
    all_ids = draw(st.lists(ids, min_size=n_f + n_g + n_t, max_size=n_f + n_g + n_t, unique=True))
    fids, gids, tids = all_ids[:n_f], all_ids[n_f : n_f + n_g], all_ids[n_f + n_g :]
    warnings = draw(st.lists(one_line, max_size=max_reviews, unique=True))
    return Chart(
        title=draw(one_line),
        functions=tuple(draw(functions(fid)) for fid in fids),
        goals=tuple(draw(goals(gid, fids)) for gid in gids),
        tasks=tuple(draw(tasks(tid, fids, gids)) for tid in tids),
        reviews=tuple(draw(reviews(w)) for w in warnings),
    )
