"""analysis.context: a warning made by ``new_warning`` is the dataclass's own in every respect."""

from __future__ import annotations

import pickle
from dataclasses import asdict, fields, replace

from rolemap.core.analysis.context import OverlapWarning, new_warning
from rolemap.core.model import Review

ARGS = ("no-accountable", "medium", ("t1",), "message", "suggestion", "no-accountable:t1")


def test_new_warning_equals_the_dataclass_built_one() -> None:
    made, built = new_warning(*ARGS), OverlapWarning(*ARGS)
    assert made == built and hash(made) == hash(built)
    assert vars(made) == vars(built) and list(vars(made)) == [f.name for f in fields(built)]
    assert asdict(made) == asdict(built)
    assert pickle.loads(pickle.dumps(made)) == built
    assert made.is_open


def test_new_warning_stays_frozen_and_replaceable() -> None:
    made = new_warning(*ARGS)
    try:
        made.rule = "other"  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("a warning must stay frozen")
    review = Review(warning=made.fingerprint, status="accepted")
    reviewed = replace(made, review=review)
    assert reviewed == OverlapWarning(*ARGS, review=review) and not reviewed.is_open
