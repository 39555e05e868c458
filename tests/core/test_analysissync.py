"""An analysis crosses to the app as the warnings that are new (rolemap.core.analysissync)."""

from __future__ import annotations

import pickle

import pytest

from rolemap.core import analysissync
from rolemap.core import edit as E
from rolemap.core.analysis import analyse
from rolemap.core.fileformat import load
from rolemap.core.model import Chart
from rolemap.resources import template_path


def _across(encoder: analysissync.Encoder, decoder: analysissync.Decoder, chart: Chart):
    """Analyse ``chart``, send it through a pickle as the worker does, decode it."""
    analysis = analyse(chart)
    serial, payload = encoder.encode(analysis)
    data = pickle.dumps(payload)
    return analysis, payload, len(data), decoder.decode(serial, pickle.loads(data))


def _edits(chart: Chart) -> list[Chart]:
    """A run of edits a workshop makes: a title, a role, a task removed, a review."""
    out = [E.update_row(chart, "tasks", 0, "t", title="Poster run").after]
    task = out[-1].tasks[1]
    out.append(E.update_row(out[-1], "tasks", 1, "t", raci={**task.raci, "ops": "A"}).after)
    out.append(out[-1].model_copy(update={"tasks": out[-1].tasks[:-1]}))
    first = analyse(out[-1]).warnings[0]
    review = E.make_review(first.fingerprint, "accepted", "we share it")
    edit = E.set_reviews(out[-1], [review], "accept")
    assert edit is not None
    out.append(edit.after)
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_analysis_arrives_whole_and_unchanged_warnings_are_the_same_objects(lang):
    chart = load(template_path("marketing-vs-operations", lang))
    encoder, decoder = analysissync.Encoder(), analysissync.Decoder()
    analysis, payload, full_size, got = _across(encoder, decoder, chart)
    assert isinstance(payload, type(analysis))  # the first one in full
    assert got == analysis and got.by_entity == analysis.by_entity
    for edited in _edits(chart):
        before = got
        analysis, payload, size, got = _across(encoder, decoder, edited)
        assert isinstance(payload, analysissync.AnalysisDelta)
        assert got == analysis
        assert got.by_entity == analysis.by_entity
        assert size < full_size
        kept = {id(w) for w in before.warnings}
        new = [w for w in got.warnings if id(w) not in kept]
        # what is not new is an object the receiver already had, equal to what analyse made
        assert len(new) == sum(1 for x in payload.items if not isinstance(x, int))
        assert len(new) < len(got.warnings)


def test_the_entities_whose_warnings_changed():
    chart = load(template_path("marketing-vs-operations", "en"))
    encoder, decoder = analysissync.Encoder(), analysissync.Decoder()
    before = _across(encoder, decoder, chart)[3]
    assert analysissync.changed_entities(before, before) == set()
    assert analysissync.changed_entities(None, before) is None
    task = chart.tasks[0]
    edited = E.update_row(chart, "tasks", 0, "t", raci={}).after  # nobody owns it now
    after = _across(encoder, decoder, edited)[3]
    changed = analysissync.changed_entities(before, after)
    assert changed is not None and task.id in changed
    untouched = {t.id for t in chart.tasks} - changed
    assert untouched  # most tasks' warnings did not change
    for tid in untouched:
        assert [w for w in before.for_entity(tid)] == [w for w in after.for_entity(tid)]


def test_a_delta_on_an_analysis_the_receiver_does_not_hold_is_refused():
    chart = load(template_path("marketing-vs-operations", "en"))
    encoder = analysissync.Encoder()
    encoder.encode(analyse(chart))
    serial, payload = encoder.encode(analyse(E.update_row(chart, "tasks", 0, "t", title="x").after))
    with pytest.raises(analysissync.OutOfStep):
        analysissync.Decoder().decode(serial, payload)
    encoder.forget()
    serial, payload = encoder.encode(analyse(chart))
    assert analysissync.Decoder().decode(serial, payload) == analyse(chart)


def test_the_decoder_knows_what_changed_as_a_comparison_by_identity_finds():
    """The decoder notes the entities of the warnings a delta adds and drops, so that the
    four views that ask after an edit do not each compare thousands of warnings."""
    chart = load(template_path("marketing-vs-operations", "en"))
    encoder, decoder = analysissync.Encoder(), analysissync.Decoder()
    before = _across(encoder, decoder, chart)[3]
    for edited in [*_edits(chart), chart]:
        after = _across(encoder, decoder, edited)[3]
        known = analysissync.changed_entities(before, after)
        assert known == analysissync.by_identity(before, after)
        analysissync._known = None  # forget it: compared afresh, the same answer
        assert analysissync.changed_entities(before, after) == known
        before = after
