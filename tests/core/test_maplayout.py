"""The role map layout: sides left to right, goals in owner colours, cards, summaries, links."""

from __future__ import annotations

import json
from itertools import pairwise

from rolemap.core.analysis import analyse
from rolemap.core.catalogue import GoalKind
from rolemap.core.fileformat import load
from rolemap.core.layout.geometry import ALERT, Box, Picture, text_on
from rolemap.core.layout.maplayout import MapOptions, layout_map
from rolemap.resources import template_path
from tests.core.picture_charts import big_chart, converging_chart, small_chart
from tests.helpers import run_python


def boxes(pic: Picture, role: str) -> list[Box]:
    return [b for b in pic.boxes if b.role == role]


def one(pic: Picture, ref: tuple[str, str], role: str) -> Box:
    found = [b for b in pic.boxes_for(ref) if b.role == role]
    assert len(found) == 1, found
    return found[0]


def test_brand_side_then_contested_then_operations_left_to_right() -> None:
    pic = layout_map(small_chart())
    x = {b.lines[0]: b.rect.x for b in boxes(pic, "side")}
    assert x["Brand side"] < x["Contested"] < x["Operations side"] < x["No side"]
    kinds = {b.ref[1]: b.rect.x for b in boxes(pic, "kind") if b.ref}
    assert kinds["awareness"] < kinds["acquisition"] < kinds["retention"]


def test_goals_sit_under_their_kind_in_their_owners_colour() -> None:
    pic = layout_map(small_chart())
    acq = next(b for b in boxes(pic, "kind") if b.ref == ("kind", "acquisition"))
    leads, users = one(pic, ("goal", "acq-m"), "goal"), one(pic, ("goal", "acq-o"), "goal")
    assert leads.rect.x == users.rect.x == acq.rect.x
    assert acq.rect.bottom < leads.rect.y < users.rect.y  # grouped by owner: Marketing first
    assert leads.stripes == ("#2f6fde",) and users.stripes == ("#e07b39",)
    orphan = one(pic, ("goal", "orphan"), "goal")
    assert orphan.dashed and "no owner" in orphan.lines[1]


def test_a_task_card_hangs_under_its_goal_marked_by_its_accountable_functions() -> None:
    pic = layout_map(small_chart())
    goal = one(pic, ("goal", "acq-o"), "goal")
    card = one(pic, ("task", "both"), "card")
    assert goal.rect.x < card.rect.x < goal.rect.right and card.rect.y > goal.rect.bottom
    assert card.stripes == ("#2f6fde", "#e07b39")  # two accountable functions
    assert card.border == ALERT and card.badge == "1"
    assert "Marketing + Operations" in card.lines[1]
    poster = one(pic, ("task", "poster"), "card")
    assert poster.stripes == ("#2f6fde",) and not poster.badge
    loose = one(pic, ("task", "loose"), "card")
    assert loose.dashed and loose.lines[1] == "no accountable"  # and it sits in "No goal"
    no_goal = next(b for b in boxes(pic, "kind") if b.lines == ("No goal",))
    assert loose.rect.x > no_goal.rect.x


def test_shared_kpi_and_near_duplicate_links_join_the_right_items() -> None:
    chart = small_chart()
    pic = layout_map(chart)
    kpi = [link for link in pic.links if link.role == "shared-kpi"]
    assert len(kpi) == 1 and kpi[0].label == "signups"
    ends = {kpi[0].points[0], kpi[0].points[-1]}
    aware, users = one(pic, ("goal", "aware"), "goal"), one(pic, ("goal", "acq-o"), "goal")
    assert ends == {(aware.rect.right, aware.rect.cy), (users.rect.x, users.rect.cy)}
    dup = [link for link in pic.links if link.role == "duplicate"]
    assert len(dup) == 1
    assert dup[0].ref is not None and dup[0].ref[1].startswith("duplicate-task:")
    fingerprints = {w.fingerprint for w in analyse(chart).warnings}
    assert {link.ref[1] for link in pic.links if link.ref} <= fingerprints


def test_links_run_between_columns_and_above_the_cards() -> None:
    pic = layout_map(big_chart(300))  # plenty of cards in every column
    cards = [b for b in pic.boxes if b.role in ("card", "goal", "summary", "kind")]
    for link in pic.links:
        if link.role == "converging":
            continue
        inner = link.points[1:-1]
        for (x0, y0), (x1, y1) in pairwise(inner):
            for b in cards:
                r = b.rect
                if x0 == x1:  # vertical: in a gap, beside every box
                    assert not (r.x < x0 < r.right and min(y0, y1) < r.cy < max(y0, y1)), b
                else:  # horizontal: in the lanes above every box
                    assert y0 < r.y, b


def test_a_thousand_tasks_are_summarised_and_every_task_is_counted() -> None:
    chart = big_chart(1000)
    pic = layout_map(chart, options=MapOptions(card_budget=160))
    cards = boxes(pic, "card")
    summaries = boxes(pic, "summary")
    assert len(cards) <= 160 + len(chart.goals)
    hidden = sum(int(b.lines[0].split()[0].lstrip("+")) for b in summaries)
    assert len(cards) + hidden == 1000
    # The tasks with two accountable functions (high warnings) are the ones kept visible.
    shown = {b.ref[1] for b in cards if b.ref}
    conflicted = {t.id for t in chart.tasks if len(t.accountable()) > 1}
    assert conflicted <= shown
    assert pic.height < 6000 and pic.width < 5000


def test_small_charts_are_drawn_in_full() -> None:
    chart = small_chart()
    pic = layout_map(chart)
    assert len(boxes(pic, "card")) == len(chart.tasks)
    assert not boxes(pic, "summary")


def test_item_at_finds_the_card_under_a_point() -> None:
    pic = layout_map(small_chart())
    card = one(pic, ("task", "sms"), "card")
    hit = pic.item_at(card.rect.cx, card.rect.cy)
    assert isinstance(hit, Box) and hit.ref == ("task", "sms")
    assert pic.item_at(-5, -5) is None


def test_convergence_arcs_join_the_function_chips() -> None:
    pic = layout_map(converging_chart())
    arcs = [link for link in pic.links if link.role == "converging"]
    chips = {b.ref[1]: b for b in boxes(pic, "chip") if b.ref}
    assert len(arcs) == 1 and arcs[0].colour == ALERT and "Marketing ↔ Operations" in arcs[0].label
    for arc in arcs:
        xs = {arc.points[0][0], arc.points[-1][0]}
        assert xs <= {c.rect.cx for c in chips.values()}
        assert arc.label_at[1] < min(c.rect.y for c in chips.values())
    assert all(c.ink == text_on(c.fill) for c in chips.values())


def test_chinese_labels() -> None:
    chart = small_chart().model_copy(update={"title": "校园单车"})
    pic = layout_map(chart)
    assert {b.lines[0] for b in boxes(pic, "side")} >= {"品牌侧", "争夺区", "运营侧"}
    assert any(line == "无负责（问责）部门" for b in boxes(pic, "card") for line in b.lines)


NO_QT = """\
import json, sys
sys.modules["PySide6"] = None
from rolemap.core.layout.views import picture
from rolemap.core.fileformat import load
from rolemap.resources import template_path
chart = load(template_path("marketing-vs-operations", "zh"))
sizes = [len(picture(chart, v).boxes) for v in ("map", "heatmap", "matrix")]
print(json.dumps({"sizes": sizes, "qt": [m for m in sys.modules if m.startswith("PySide6.")]}))
"""


def test_layouts_need_no_qt() -> None:
    proc = run_python("-c", NO_QT)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.splitlines()[-1])
    assert report["qt"] == [] and all(n > 10 for n in report["sizes"])


def test_the_map_is_shaped_for_a_wide_screen() -> None:
    for chart in (small_chart(), big_chart(40), big_chart(1000)):
        pic = layout_map(chart)
        assert 1.2 < pic.width / pic.height < 2.6, (len(chart.tasks), pic.width, pic.height)
    pic = layout_map(load(template_path("marketing-vs-operations", "en")))
    kinds = boxes(pic, "kind")
    assert len({b.rect.x for b in kinds}) < len(kinds)  # kind groups stacked in columns
    assert 1.5 < pic.width / pic.height < 2.1


def test_kind_groups_keep_their_order_down_then_across() -> None:
    pic = layout_map(big_chart(200))
    order = [
        b.ref[1] for b in sorted(boxes(pic, "kind"), key=lambda b: (b.rect.x, b.rect.y)) if b.ref
    ]
    expected = [k.value for k in GoalKind if k is not GoalKind.OTHER]
    assert order == expected


def test_daci_charts_mark_the_driver_as_the_owner() -> None:
    chart = small_chart()
    daci = {"poster": {"mkt": "D"}, "both": {"mkt": "D", "ops": "A"}}
    tasks = tuple(t.model_copy(update={"raci": daci.get(t.id, {})}) for t in chart.tasks)
    pic = layout_map(chart.model_copy(update={"notation": "daci", "tasks": tasks}))
    both = one(pic, ("task", "both"), "card")
    assert both.stripes == ("#2f6fde",)  # the Approver signs off but does not own
    assert both.lines[1].startswith("D: Marketing")
    assert one(pic, ("task", "sms"), "card").lines[1] == "no driver"


def test_a_group_of_near_duplicate_tasks_is_linked_as_a_chain() -> None:
    """duplicate-task names every member of a group (issue 14): the map links each of its
    first members to the next, not only the first two."""
    from rolemap.core.layout.maplinks import duplicate_specs

    chart = small_chart()
    first = chart.tasks[0]
    extra = [
        first.model_copy(update={"id": f"{first.id}-copy{k}", "raci": {}}) for k in range(1, 3)
    ]
    grown = chart.model_copy(update={"tasks": [*chart.tasks, *extra]})
    specs = duplicate_specs(analyse(grown), "")
    groups = [w for w in analyse(grown).warnings if w.rule == "duplicate-task"]
    big = max(groups, key=lambda w: len(w.entities))
    assert len(big.entities) >= 3
    ends = [(s.a[1], s.b[1]) for s in specs if s.warning == big.fingerprint]
    assert ends == list(pairwise(big.entities))
