"""Quality of the analysis on the project's own labelled material (benchmarks/quality/).

Prints, in one run:
  1. near-duplicate titles: precision, recall and F1 per language at the default threshold,
     the best threshold per language, and the figures on the two halves of the pairs
     (even / odd rows) so that tuning on one half can be checked on the other;
  2. convergence: Spearman rank agreement between the score and the consultant's 0-100
     estimate, and which judged-high pairs fire `converging-goals` and which judged-low do;
  3. real charts: judged precision of every warning (a warning is true when an expected or
     acceptable item has its rule and all of the item's entities are among the warning's),
     and the recall of the expected items.

    python benchmarks/bench_quality.py            # the summary
    python benchmarks/bench_quality.py --details  # also every miss and false alarm
Quality figures are reported, not asserted: tests pin the properties, this script keeps score.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rolemap.core.analysis import Settings, analyse  # noqa: E402
from rolemap.core.analysis.similarity import DEFAULT_THRESHOLD, title_similarity  # noqa: E402
from rolemap.core.fileformat import load  # noqa: E402

DATA = ROOT / "benchmarks" / "quality"


def _read(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def prf(rows: list[tuple[float, bool]], threshold: float) -> tuple[float, float, float]:
    tp = sum(1 for s, d in rows if s >= threshold and d)
    fp = sum(1 for s, d in rows if s >= threshold and not d)
    fn = sum(1 for s, d in rows if s < threshold and d)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def titles(details: bool) -> dict[str, float]:
    pairs = _read(DATA / "title_pairs.yaml")
    assert isinstance(pairs, list)
    scored = [(p, title_similarity(p["a"], p["b"])) for p in pairs]
    out: dict[str, float] = {}
    print(f"== near-duplicate titles ({len(pairs)} labelled pairs), threshold {DEFAULT_THRESHOLD}")
    print(
        f"{'lang':5} {'pairs':>5} {'P':>5} {'R':>5} {'F1':>5}   best t (F1)   even-half F1 / odd-half F1"
    )
    for lang in ("en", "zh", "all"):
        rows = [(s, bool(p["duplicate"])) for p, s in scored if lang in ("all", p["lang"])]
        p, r, f = prf(rows, DEFAULT_THRESHOLD)
        best = max((prf(rows, t / 100)[2], t / 100) for t in range(20, 96))
        idx = [i for i, (pp, _) in enumerate(scored) if lang in ("all", pp["lang"])]
        even = [(scored[i][1], bool(scored[i][0]["duplicate"])) for i in idx if i % 2 == 0]
        odd = [(scored[i][1], bool(scored[i][0]["duplicate"])) for i in idx if i % 2 == 1]
        fe, fo = prf(even, DEFAULT_THRESHOLD)[2], prf(odd, DEFAULT_THRESHOLD)[2]
        print(
            f"{lang:5} {len(rows):5} {p:5.2f} {r:5.2f} {f:5.2f}   {best[1]:.2f} ({best[0]:.2f})"
            f"     {fe:.2f} / {fo:.2f}"
        )
        out[f"title_f1_{lang}"] = f
        out[f"title_p_{lang}"] = p
    by_why: dict[str, list[bool]] = {}
    for p, s in scored:
        ok = (s >= DEFAULT_THRESHOLD) == bool(p["duplicate"])
        by_why.setdefault(f"{p['lang']}:{p['why']}", []).append(ok)
    print(
        "right per category: "
        + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(by_why.items()))
    )
    if details:
        for p, s in scored:
            if (s >= DEFAULT_THRESHOLD) != bool(p["duplicate"]):
                kind = "MISS" if p["duplicate"] else "FALSE"
                print(f"  {kind} {s:.2f} [{p['why']}] {p['a']!r} / {p['b']!r}")
    return out


def _rank(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(a: list[float], b: list[float]) -> float:
    ra, rb = _rank(a), _rank(b)
    n = len(a)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return cov / (va * vb) if va and vb else 0.0


def scenarios(details: bool) -> dict[str, float]:
    index = _read(DATA / "scenarios.yaml")
    assert isinstance(index, list)
    threshold = Settings().convergence_threshold
    cache: dict[str, object] = {}
    judged, scores = [], []
    fired = {"high": [0, 0], "medium": [0, 0], "low": [0, 0]}
    lines = []
    for item in index:
        if item["file"] not in cache:
            chart = load(DATA / item["file"])
            cache[item["file"]] = analyse(chart)
        result = cache[item["file"]]
        a, b = item["pair"]
        score = next((c.score for c in result.convergence if set(c.functions) == {a, b}), 0.0)
        fires = any(
            w.rule == "converging-goals" and set(w.entities) == {a, b} for w in result.warnings
        )
        judged.append(float(item["score"]))
        scores.append(score)
        fired[item["judgement"]][0] += fires
        fired[item["judgement"]][1] += 1
        lines.append(
            f"  {item['judgement']:6} {item['score']:3}  score {score:.2f} "
            f"{'FIRES' if fires else '     '}  {Path(item['file']).stem} {a}/{b}"
        )
    rho = spearman(judged, scores)
    print(f"\n== convergence ({len(index)} judged pairs, threshold {threshold})")
    print(f"Spearman rank agreement with the consultant's score: {rho:.2f}")
    for level, (n, total) in fired.items():
        print(f"converging-goals fires on {n} of {total} pairs judged {level}")
    if details:
        print("\n".join(lines))
    return {
        "spearman": rho,
        "high_fired": fired["high"][0] / max(1, fired["high"][1]),
        "low_fired": fired["low"][0],
    }


def _matches(item: dict[str, object], rule: str, entities: tuple[str, ...]) -> bool:
    wanted = item.get("entities") or []
    assert isinstance(wanted, list)
    return item["rule"] == rule and all(e in entities for e in wanted)


def real_charts(details: bool) -> dict[str, float]:
    total = true = 0
    exp_total = exp_found = 0
    print("\n== real charts: judged precision of the warnings")
    for path in sorted((DATA / "real").glob("*.yaml")):
        if path.name.endswith(".expected.yaml"):
            continue
        judgement = _read(path.with_name(path.stem + ".expected.yaml"))
        assert isinstance(judgement, dict)
        expected = judgement.get("expected") or []
        acceptable = judgement.get("acceptable") or []
        result = analyse(load(path))
        n = ok = 0
        wrong = []
        for w in result.warnings:
            if w.rule == "stale-review":
                continue
            n += 1
            if any(_matches(i, w.rule, w.entities) for i in [*expected, *acceptable]):
                ok += 1
            else:
                wrong.append(w)
        found = sum(
            1 for i in expected if any(_matches(i, w.rule, w.entities) for w in result.warnings)
        )
        total += n
        true += ok
        exp_total += len(expected)
        exp_found += found
        print(
            f"  {path.stem:36} {ok:3} of {n:3} warnings judged true; "
            f"{found} of {len(expected)} expected found"
        )
        if details:
            for w in wrong:
                print(f"      WRONG {w.severity} {w.rule} {','.join(w.entities)}: {w.message}")
            for i in expected:
                if not any(_matches(i, w.rule, w.entities) for w in result.warnings):
                    print(f"      MISSED {i['rule']} {i.get('entities')}")
    precision = true / total if total else 1.0
    recall = exp_found / exp_total if exp_total else 1.0
    print(
        f"judged precision {true}/{total} = {precision:.0%}; expected found {exp_found}/{exp_total} = {recall:.0%}"
    )
    return {"real_precision": precision, "real_recall": recall}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    titles(args.details)
    scenarios(args.details)
    real_charts(args.details)


if __name__ == "__main__":
    main()
