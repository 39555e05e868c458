"""Realistic synthetic role charts for benchmarks: many distinct tasks, a few planted duplicates.

A chart has 4-8 functions with archetypes, about 50 goals with kinds and 1-3 KPIs (a few
KPIs shared between functions), and N tasks whose titles combine a verb, an object that fits
the goal the task serves, and some of a channel, an audience, a season, a city, a code name
and a numeric qualifier, in English or Chinese (word lists in vocabulary.py). Each task has a
description, 1-2 goals, a RACI with usually one A, and tags. About 1% of the tasks are
near-duplicates of another task (case, punctuation, word order or a small edit) accountable
to a different function; generate_with_truth() also returns those planted pairs.

    python benchmarks/generate.py 10000 -o chart.yaml --lang zh
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
for _path in (HERE.parent, HERE):  # run from a checkout: rolemap itself need not be installed
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from vocabulary import FUNCTIONS, KIND_WEIGHTS, VOCABULARIES, Vocabulary  # noqa: E402

from rolemap.core.catalogue import GoalKind  # noqa: E402
from rolemap.core.fileformat import save  # noqa: E402
from rolemap.core.model import Chart, Function, Goal, Task  # noqa: E402

# ------------------------------------------------------------------ chart parts


def _functions(rng: random.Random, lang: str, count: int) -> list[Function]:
    # Marketing, Operations and Product are always there; the rest is drawn.
    chosen = FUNCTIONS[:3] + rng.sample(FUNCTIONS[3:], count - 3)
    return [
        Function(id=fid, name=zh if lang == "zh" else en, archetype=arch, color=color)
        for fid, arch, en, zh, color in chosen
    ]


def _scope(rng: random.Random, voc: Vocabulary, lang: str, kind: GoalKind) -> str:
    """What a goal is about: a city, or (for user-facing kinds) an audience."""
    if kind in (GoalKind.PARTNERSHIPS, GoalKind.OTHER) or rng.random() < 0.5:
        return rng.choice(voc.cities)
    phrase = rng.choice(voc.audiences)[0]
    return phrase if lang == "zh" else phrase.removeprefix("for ")


def _kpi(base: str, scope: str, lang: str) -> str:
    return f"{base}（{scope}）" if lang == "zh" else f"{base} ({scope})"


def _kpi_variant(rng: random.Random, kpi: str) -> str:
    """The same KPI as a person retyping it would write it: compares equal when normalised."""
    options = [
        kpi.upper() if kpi.isascii() else kpi,
        f" {kpi} ",
        kpi.replace("（", "(").replace("）", ")"),
        kpi.replace(" ", "  "),
        kpi,
    ]
    return rng.choice(options)


def _goals(
    rng: random.Random, voc: Vocabulary, lang: str, functions: list[Function], count: int
) -> list[Goal]:
    goals: list[Goal] = []
    names: set[str] = set()
    unowned = max(1, count // 25)
    for i in range(count):
        owner = None if i >= count - unowned else functions[i % len(functions)]
        if owner is None:
            kind = rng.choice(list(GoalKind))
        elif rng.random() < 0.1:  # a few goals sit on the "wrong" side
            kind = rng.choice(list(GoalKind))
        else:
            weights = KIND_WEIGHTS[owner.archetype]
            kind = rng.choices(list(weights), list(weights.values()))[0]
        scope = _scope(rng, voc, lang, kind)
        sep = " · " if lang == "zh" else ": "
        name = f"{voc.goal_names[kind]}{sep}{scope}"
        while name in names:
            scope = _scope(rng, voc, lang, kind)
            name = f"{voc.goal_names[kind]}{sep}{scope}"
        names.add(name)
        bases = rng.sample(voc.kpis[kind], rng.choice((1, 2, 2, 3)))
        goals.append(
            Goal(
                id=f"{kind.value}-{i + 1}",
                name=name,
                owner=owner.id if owner else None,
                kind=kind,
                kpis=tuple(_kpi(b, scope, lang) for b in bases),
            )
        )
    return _share_kpis(rng, goals, shared=max(2, count // 12))


def _share_kpis(rng: random.Random, goals: list[Goal], shared: int) -> list[Goal]:
    """Copy a KPI to a goal of another function, retyped: where convergence shows first."""
    out = list(goals)
    done = 0
    for _ in range(shared * 20):
        if done == shared:
            break
        a, b = rng.sample(range(len(out)), 2)
        ga, gb = out[a], out[b]
        if not (ga.owner and gb.owner) or ga.owner == gb.owner:
            continue
        if len(gb.kpis) >= 3:
            continue
        kpi = _kpi_variant(rng, rng.choice(ga.kpis))
        out[b] = gb.model_copy(update={"kpis": (*gb.kpis, kpi)})
        done += 1
    return out


@dataclass
class _Parts:
    verb: str
    obj: str
    channel: tuple[str, str] | None
    audience: tuple[str, str] | None
    season: tuple[str, str] | None
    city: str | None
    codename: str | None
    number: str | None


def _parts(rng: random.Random, voc: Vocabulary, lang: str, kind: GoalKind) -> _Parts:
    def maybe(items: list[tuple[str, str]], p: float) -> tuple[str, str] | None:
        return rng.choice(items) if rng.random() < p else None

    channel = maybe(voc.channels, 0.65)
    audience = maybe(voc.audiences, 0.55)
    season = maybe(voc.seasons, 0.45)
    city = rng.choice(voc.cities) if rng.random() < 0.4 else None
    n = rng.randint(1, 99)
    if lang == "zh":
        numbers = [
            f"第{n}期",
            f"第{n % 9 + 2}轮",
            f"V{n % 5 + 1}.{n % 10}",
            f"{n % 12 + 1}月",
            f"批次{n}",
            f"{n}号楼",
            f"{n % 20 + 1}号线",
        ]
    else:
        numbers = [
            f"wave {n}",
            f"round {n % 9 + 2}",
            f"v{n % 5 + 1}.{n % 10}",
            f"batch {n}",
            f"#{rng.randint(100, 2999)}",
            f"#{rng.randint(100, 2999)}",
            f"week {n % 52 + 1}",
            f"line {n % 20 + 1}",
        ]
    number = rng.choice(numbers) if rng.random() < 0.6 else None
    if sum(x is not None for x in (channel, audience, season, city, number)) < 2:
        number = number or rng.choice(numbers)
        city = city or rng.choice(voc.cities)
    codename = rng.choice(voc.codenames) if rng.random() < 0.35 else None
    obj = rng.choice(voc.objects[kind])
    if rng.random() < 0.35:
        obj = f"{rng.choice(voc.descriptors)}{'' if lang == 'zh' else ' '}{obj}"
    return _Parts(rng.choice(voc.verbs), obj, channel, audience, season, city, codename, number)


def _title_en(rng: random.Random, p: _Parts) -> str:
    mods = [x[0] for x in (p.channel, p.audience, p.season) if x]
    rng.shuffle(mods)
    core = " ".join([p.verb, p.obj, *mods])
    form = rng.randrange(4)
    if p.city and form == 0:
        title = f"{p.city}: {core}"
    elif p.city:
        title = f"{core} in {p.city}"
    else:
        title = core
    if p.codename:
        title = rng.choice([f"{p.codename}: {title}", f"{title} [{p.codename}]"])
    if p.number:
        title = rng.choice(
            [f"{title} ({p.number})", f"{title}, {p.number}", f"{title} – {p.number}"]
        )
    return title


def _title_zh(rng: random.Random, p: _Parts) -> str:
    mods = [x[0] for x in (p.season, p.audience) if x]
    place = p.city or ""
    channel = p.channel[0] if p.channel else ""
    form = rng.randrange(4)
    if form == 0:
        title = f"{p.verb}{place}{''.join(mods)}{channel}{p.obj}"
    elif form == 1:
        title = f"{place}{''.join(mods)}{channel}{p.obj}{p.verb}"
    elif form == 2 and channel:
        title = f"{channel}{p.obj}：{place}{''.join(mods)}专场{p.verb}"
    elif place or channel:
        title = f"【{place or channel}】{''.join(mods)}{p.obj}{p.verb}"
    else:
        title = f"{''.join(mods)}{p.obj}{p.verb}"
    if p.codename:
        title = rng.choice([f"{p.codename}·{title}", f"{title}——{p.codename}"])
    if p.number:
        title = rng.choice([f"{title}（{p.number}）", f"{title} {p.number}", f"{p.number}·{title}"])
    return title


def _tags(rng: random.Random, p: _Parts, kind: GoalKind, lang: str) -> tuple[str, ...]:
    tags = [x[1] for x in (p.channel, p.audience, p.season) if x]
    if lang == "en":
        tags.append(kind.value)
    rng.shuffle(tags)
    return tuple(dict.fromkeys(tags[: rng.randint(1, 3)])) if tags else ()


def _raci(rng: random.Random, functions: list[Function], owner: str | None) -> dict[str, str]:
    ids = [f.id for f in functions]
    roll = rng.random()
    if owner and rng.random() < 0.8:
        accountable = [owner]
    else:
        accountable = [rng.choice(ids)]
    if roll < 0.02:  # contested work: two functions hold the A
        accountable.append(rng.choice([i for i in ids if i not in accountable]))
    elif roll < 0.05:  # nobody owns it
        accountable = []
    letters: dict[str, set[str]] = {f: {"A"} for f in accountable}
    doer = accountable[0] if accountable and rng.random() < 0.5 else rng.choice(ids)
    letters.setdefault(doer, set()).add("R")
    others = [i for i in ids if i not in letters]
    rng.shuffle(others)
    for letter, count in (("C", rng.randint(0, 2)), ("I", rng.randint(0, 2))):
        for fid in others[:count]:
            letters[fid] = {letter}
        others = others[count:]
    order = {f: i for i, f in enumerate(ids)}
    return {
        fid: "".join(x for x in "RACI" if x in letters[fid])
        for fid in sorted(letters, key=order.__getitem__)
    }


def _description(
    rng: random.Random, voc: Vocabulary, goal: Goal, fname: str, lang: str
) -> str | None:
    if rng.random() < 0.1:
        return None
    picks = rng.sample(voc.sentences, 3)
    kpi = goal.kpis[0] if goal.kpis else goal.name
    text = [s.format(n=rng.randint(2, 80), kpi=kpi, fname=fname) for s in picks]
    return ("" if lang == "zh" else " ").join(text)


# ------------------------------------------------------------------ near-duplicates

_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _variant_en(rng: random.Random, title: str) -> str:
    ops = ["case", "punct", "order", "edit"]
    op = rng.choice(ops)
    out = title
    if op == "case":
        out = rng.choice([title.lower(), title.upper(), title.title(), title.swapcase()])
    elif op == "punct":
        out = rng.choice(
            [
                title.replace(": ", " - ").replace(" – ", ": ").replace(", ", " / "),
                title + rng.choice(["!", ".", "?", " ..."]),
                title.replace("(", "[").replace(")", "]"),
                f'"{title}"',
            ]
        )
    elif op == "order":
        words = title.split()
        if len(words) >= 4:
            i = rng.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        out = " ".join(words)
    else:
        words = [m for m in _LATIN_WORD.finditer(title) if len(m.group()) >= 6]
        if words:
            m = rng.choice(words)
            w = m.group()
            k = rng.randrange(1, len(w) - 1)
            w2 = rng.choice(
                [w[:k] + w[k + 1 :], w[:k] + w[k] + w[k:], w[:k] + w[k + 1] + w[k] + w[k + 2 :]]
            )
            out = title[: m.start()] + w2 + title[m.end() :]
    if out == title:
        out = title.lower() + "!" if title.lower() != title else title.upper()
    return out


def _variant_zh(rng: random.Random, title: str) -> str:
    ops = ["punct", "order", "edit", "case"]
    op = rng.choice(ops)
    out = title
    if op == "punct":
        pairs = {"：": ":", "（": "(", "）": ")", "【": "[", "】": "]", "·": " "}
        out = "".join(pairs.get(ch, ch) for ch in title)
        out += rng.choice(["！", "!", "。", ""])
    elif op == "order":
        for sep in ("：", "·"):
            if sep in title:
                a, _, b = title.partition(sep)
                out = f"{b}{sep}{a}"
                break
        else:
            if title.endswith("）") and "（" in title:
                head, _, tail = title.rpartition("（")
                out = f"{tail[:-1]}：{head}"
            else:
                out = title + "（复制）"
    elif op == "edit":
        positions = [i for i, ch in enumerate(title) if "\u4e00" <= ch <= "\u9fff"]
        if positions:
            i = rng.choice(positions[1:-1] or positions)
            out = rng.choice([title[:i] + title[i + 1 :], title[:i] + "的" + title[i:]])
    else:
        out = title.swapcase() if any(c.isascii() and c.isalpha() for c in title) else title + "!"
    if out == title:
        out = title + "！"
    return out


# ------------------------------------------------------------------ the chart


def generate_with_truth(
    n_tasks: int,
    seed: int = 0,
    lang: str = "en",
    duplicates: float = 0.01,
    n_functions: int | None = None,
    n_goals: int = 50,
) -> tuple[Chart, list[tuple[str, str]]]:
    """A chart and the planted near-duplicate pairs (original id, copy id)."""
    if lang not in VOCABULARIES:
        raise ValueError(f"lang must be one of {sorted(VOCABULARIES)}")
    if n_functions is not None and not 3 <= n_functions <= len(FUNCTIONS):
        raise ValueError(f"n_functions must be between 3 and {len(FUNCTIONS)}")
    rng = random.Random(f"{seed}:{lang}")
    voc = VOCABULARIES[lang]
    functions = _functions(rng, lang, n_functions or rng.randint(4, 8))
    fnames = {f.id: f.name for f in functions}
    goals = _goals(rng, voc, lang, functions, n_goals)

    n_dups = min(round(n_tasks * duplicates), n_tasks // 2)
    rows: list[dict[str, Any]] = []
    titles: set[str] = set()
    for _ in range(n_tasks - n_dups):
        primary = rng.choice(goals)
        served = [primary]
        if rng.random() < 0.3:
            second = rng.choice(goals)
            if second is not primary:
                served.append(second)
        for _attempt in range(5):
            parts = _parts(rng, voc, lang, primary.kind)
            title = _title_zh(rng, parts) if lang == "zh" else _title_en(rng, parts)
            if title not in titles:
                break
        titles.add(title)
        raci = _raci(rng, functions, primary.owner)
        accountable = next((f for f, x in raci.items() if "A" in x), None)
        rows.append(
            {
                "title": title,
                "description": _description(
                    rng, voc, primary, fnames[accountable or functions[0].id], lang
                ),
                "goals": tuple(g.id for g in served),
                "raci": raci,
                "tags": _tags(rng, parts, primary.kind, lang),
            }
        )

    planted: list[tuple[int, int]] = []
    originals = rng.sample(range(len(rows)), n_dups) if n_dups else []
    for src in originals:
        row = rows[src]
        raci = dict(row["raci"])
        old_a = {f for f, x in raci.items() if "A" in x}
        new_a = rng.choice([f.id for f in functions if f.id not in old_a])
        raci = {f: x.replace("A", "") for f, x in raci.items()}
        raci[new_a] = "".join(x for x in "RACI" if x in raci.get(new_a, "") + "A")
        raci = {f: x for f, x in raci.items() if x}
        title = str(row["title"])
        copy = dict(
            row,
            title=_variant_zh(rng, title) if lang == "zh" else _variant_en(rng, title),
            raci=raci,
        )
        rows.append(copy)
        planted.append((src, len(rows) - 1))

    # Spread the copies through the chart instead of leaving them at the end.
    order = list(range(len(rows)))
    rng.shuffle(order)
    position = {old: new for new, old in enumerate(order)}
    width = max(5, len(str(n_tasks)))
    tasks = [Task(id=f"t{i + 1:0{width}d}", **rows[old]) for i, old in enumerate(order)]
    title = voc.chart_title.format(n=n_tasks, seed=seed)
    chart = Chart(title=title, functions=tuple(functions), goals=tuple(goals), tasks=tuple(tasks))
    pairs = [(tasks[position[a]].id, tasks[position[b]].id) for a, b in planted]
    return chart, pairs


def generate_chart(
    n_tasks: int,
    seed: int = 0,
    lang: str = "en",
    duplicates: float = 0.01,
    n_functions: int | None = None,
    n_goals: int = 50,
) -> Chart:
    """A valid, realistic synthetic chart with ``n_tasks`` tasks; same arguments, same chart.

    ``duplicates`` is the share of tasks that are planted near-duplicates of another task,
    each accountable to a different function.
    """
    return generate_with_truth(n_tasks, seed, lang, duplicates, n_functions, n_goals)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_tasks", type=int, metavar="N", help="number of tasks")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="YAML file to write")
    parser.add_argument("--lang", choices=sorted(VOCABULARIES), default="en")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--duplicates",
        type=float,
        default=0.01,
        help="share of tasks planted as near-duplicates (default 0.01)",
    )
    args = parser.parse_args(argv)
    chart = generate_chart(args.n_tasks, args.seed, args.lang, args.duplicates)
    save(chart, args.output)
    size = Path(args.output).stat().st_size
    print(
        f"{args.output}: {len(chart.tasks)} tasks, {len(chart.goals)} goals, "
        f"{len(chart.functions)} functions, {size / 1e6:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
