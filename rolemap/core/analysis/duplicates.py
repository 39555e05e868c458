"""duplicate-task: one warning per group of near-duplicate tasks whose owners differ."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from rolemap.core.analysis.context import Context, OverlapWarning
from rolemap.core.analysis.messages import DUPLICATE_GROUP, LIST_SEP, MORE
from rolemap.core.analysis.similarity import similar_groups

GROUP_TITLES = 5  # titles a group warning quotes; the rest are counted
GROUP_IDS = 10  # a group of more members is fingerprinted by a digest of its ids


def duplicate_key(ids: list[str]) -> str:
    """The fingerprint key of a group of near-duplicate tasks: the sorted ids, comma-joined
    (a pair keeps the key it always had); over GROUP_IDS members, the first id, the count
    and a digest of all of them, so that a fingerprint stays one short line."""
    ids = sorted(ids)
    if len(ids) <= GROUP_IDS:
        return ",".join(ids)
    digest = hashlib.sha1(",".join(ids).encode("utf-8")).hexdigest()[:10]
    return f"{ids[0]}+{len(ids) - 1}#{digest}"


def duplicate_warnings(c: Context) -> Iterator[OverlapWarning]:
    """One warning per group of near-duplicate tasks whose accountable functions differ.

    Groups are the connected parts of the near-duplicate pairs (``similar_groups``): a
    cluster of 1,000 similar titles is one finding, not 500,000 pairs. A group of two is
    worded and fingerprinted as the pair always was.
    """
    tasks = c.chart.tasks
    groups = similar_groups([t.title for t in tasks], c.settings.duplicate_threshold, c.vocab)
    none = "\u2014" if c.lang == "en" else "无"
    for group in groups:
        members = [tasks[i] for i in group.members]
        owner_sets = list(dict.fromkeys(tuple(sorted(c.owners(t))) for t in members))
        if len(owner_sets) < 2:
            continue
        ids = [t.id for t in members]
        owners = " / ".join(c.names(list(o), c.fname) or none for o in owner_sets)
        if len(members) == 2:
            a, b = members
            yield c.warn(
                "duplicate-task",
                ids,
                duplicate_key(ids),
                a=a.title,
                b=b.title,
                score=group.score,
                owners=owners,
            )
            continue
        quoted = [f"\u201c{t.title}\u201d" for t in members[:GROUP_TITLES]]
        if len(members) > GROUP_TITLES:
            quoted.append(MORE[c.lang].format(n=len(members) - GROUP_TITLES))
        yield c.warn_as(
            DUPLICATE_GROUP[c.lang],
            "duplicate-task",
            ids,
            duplicate_key(ids),
            count=len(members),
            titles=LIST_SEP[c.lang].join(quoted),
            score=group.score,
            owners=owners,
        )
