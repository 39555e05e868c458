"""The Markdown report's task list: who holds each letter, the owner first, conditions marked."""

from __future__ import annotations

from rolemap.core.export import export_markdown
from rolemap.core.model import Chart, Function, Task


def _chart(notation: str, raci: dict[str, str]) -> Chart:
    names = {"m": "Marketing", "o": "Operations", "p": "Product", "q": "Quality"}
    return Chart(
        rolemap=2,
        title="Report",
        notation=notation,
        functions=tuple(Function(id=f, name=n, archetype="other") for f, n in names.items()),
        tasks=(Task(id="t1", title="Launch plan", raci=raci),),
    )


def _who(text: str) -> list[str]:
    start = text.index("1. **Launch plan**")
    lines = text[start:].split("\n\n")[0].splitlines()[1:]
    return [line.strip() for line in lines]


def test_each_letter_lists_its_holders_in_chart_order_with_conditions() -> None:
    raci = {"m": "RA", "o": "R?C", "p": "I", "q": "C?"}
    assert _who(export_markdown(_chart("raci", raci))) == [
        "- Accountable: Marketing",
        "- Responsible: Marketing, Operations?",
        "- Consulted: Operations, Quality?",
        "- Informed: Product",
    ]


def test_daci_names_the_driver_first() -> None:
    raci = {"m": "A", "o": "D", "p": "C?", "q": "I"}
    assert _who(export_markdown(_chart("daci", raci))) == [
        "- Driver: Operations",
        "- Approver: Marketing",
        "- Contributor: Product?",
        "- Informed: Quality",
    ]
