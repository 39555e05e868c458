"""In a DACI chart the owner's letter is D: suggestions must not tell the team to move the A
(the Approver, who only signs off). Review of analysis v2."""

from __future__ import annotations

import pytest

from rolemap.core.analysis import analyse
from rolemap.core.model import Chart


@pytest.mark.parametrize(("notation", "owner", "letter"), [("daci", "D", "D"), ("raci", "RA", "A")])
def test_foreign_goal_suggestion_names_the_owner_letter(
    notation: str, owner: str, letter: str
) -> None:
    chart = Chart.model_validate(
        {
            "title": "Webinar",
            "notation": notation,
            "functions": [{"id": "mkt", "name": "Marketing"}, {"id": "ops", "name": "Ops"}],
            "goals": [
                {"id": "m", "name": "Leads", "owner": "mkt", "kpis": ["MQL"]},
                {"id": "o", "name": "Activation", "owner": "ops", "kpis": ["Activated users"]},
            ],
            "tasks": [{"id": "t", "title": "Onboarding", "goals": ["o"], "raci": {"mkt": owner}}],
        }
    )
    for lang in ("en", "zh"):
        (warning,) = [w for w in analyse(chart, lang=lang).warnings if w.rule == "foreign-goal"]
        assert f" {letter} " in warning.suggestion
        other = "A" if letter == "D" else "D"
        assert f" {other} " not in warning.suggestion
