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


def test_an_analysis_indexes_its_warnings_by_entity_when_first_asked() -> None:
    """analyse() leaves the index by entity to be worked out when asked (the worker never
    asks after an edit); asked, or sent through a pickle, it is the same index."""
    from rolemap.core.analysis import analyse
    from rolemap.core.analysis.context import EntityIndex, entity_index
    from rolemap.core.fileformat import load
    from rolemap.resources import template_path

    analysis = analyse(load(template_path("marketing-vs-operations", "zh")))
    index = analysis.by_entity
    assert isinstance(index, EntityIndex) and index._index is None
    sent = pickle.loads(pickle.dumps(analysis))
    assert sent.by_entity._index is None  # sent as its warnings, not as the dict
    expected = entity_index(analysis.warnings)
    assert expected and dict(index) == expected == dict(sent.by_entity)
    assert index == expected and sent == analysis
    some = next(iter(expected))
    assert sent.for_entity(some) == [analysis.warnings[i] for i in expected[some]]
    assert analysis.for_entity("no such entity") == []
