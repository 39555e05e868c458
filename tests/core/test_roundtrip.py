"""Saving a hand-edited chart changes only the entries that changed (rolemap.core.roundtrip)."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.core.fileformat import DEFAULT_HEADER, dumps, load, loads, save
from rolemap.core.model import Chart, Review, Task
from rolemap.core.roundtrip import layout_of, render
from tests.strategies import charts

HAND = Path(__file__).parent.parent / "data" / "hand-edited.yaml"


def hand() -> tuple[str, Chart]:
    text = HAND.read_text(encoding="utf-8")
    return text, loads(text)


def with_task(chart: Chart, tid: str, **changes: object) -> Chart:
    tasks = tuple(t.model_copy(update=changes) if t.id == tid else t for t in chart.tasks)
    return chart.model_copy(update={"tasks": tasks})


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_the_hand_edited_chart_is_a_real_hand_edited_chart() -> None:
    text, chart = hand()
    assert len(text.splitlines()) == 58
    assert sum(1 for line in text.splitlines() if "#" in line) >= 15
    assert text != dumps(chart, "")  # not what rolemap writes


def test_saving_unchanged_keeps_every_byte() -> None:
    text, chart = hand()
    assert render(layout_of(text, chart), chart) == text


def test_one_task_edit_in_a_git_repository_shows_one_line_in_git_diff(tmp_path: Path) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    path = repo / "chart.yaml"
    shutil.copy(HAND, path)

    def run(*args: str) -> str:
        return subprocess.run(
            [git, "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
            cwd=repo,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    run("init", "-q")
    run("add", "chart.yaml")
    run("commit", "-qm", "hand-written chart")
    data = path.read_bytes()
    chart = loads(data)
    edited = with_task(chart, "t2", title="Rider onboarding and first ride")
    save(edited, path, layout=layout_of(data, chart))
    assert run("diff", "--numstat") == "1\t1\tchart.yaml\n"
    diff = run("diff", "-U0")
    assert "-    title: 'Rider onboarding'" in diff
    assert "+    title: Rider onboarding and first ride" in diff
    assert load(path) == edited


def test_edits_touch_only_their_entries() -> None:
    text, chart = hand()
    layout = layout_of(text, chart)
    new = with_task(chart, "t1", raci={"mkt": "A", "ops": "R"})
    assert changed_lines(text, render(layout, new)) == [
        "-    raci: {mkt: A, ops: C}   # ops only consulted",
        "+    raci: {mkt: A, ops: R}",
    ]
    new = chart.model_copy(update={"title": "Campaign launch 2027"})
    assert changed_lines(text, render(layout, new)) == [
        '-title: "Campaign launch"   # quoted on purpose',
        "+title: Campaign launch 2027",
    ]


def test_a_changed_task_keeps_its_comment_and_a_deleted_task_loses_its_own() -> None:
    text, chart = hand()
    layout = layout_of(text, chart)
    out = render(layout, with_task(chart, "t1", title="Launch plan v2"))
    assert (
        "  # TODO: split this task once legal answers\n  - id: t1\n    title: Launch plan v2\n"
        in out
    )
    without_t1 = chart.model_copy(update={"tasks": chart.tasks[1:]})
    out = render(layout, without_t1)
    assert "TODO: split this task" not in out  # its comment went with it
    assert "  # - id: t9\n  #   title: Referral scheme   (keep for later)\n" in out  # not t1's
    assert "# the two teams we map" in out and "# end of file: last comment" in out
    without_t3 = chart.model_copy(update={"tasks": chart.tasks[:2]})
    out = render(layout, without_t3)
    assert "trailing note on t3" not in out
    assert loads(out) == without_t3


def test_new_entries_follow_their_predecessor_in_the_file_style() -> None:
    text, chart = hand()
    new_task = Task(id="t4", title="Press kit", raci={"mkt": "A"})
    new = chart.model_copy(
        update={
            "tasks": (*chart.tasks, new_task),
            "reviews": (Review(warning="w1", status="acknowledged"),),
        }
    )
    out = render(layout_of(text, chart), new)
    assert (
        "    # trailing note on t3\n  - id: t4\n    title: Press kit\n    raci: {mkt: A}\n" in out
    )
    assert "reviews:\n- warning: w1\n  status: acknowledged\n# end of file" in out
    assert loads(out) == new


def test_a_new_field_keeps_the_other_fields_comments() -> None:
    text, chart = hand()
    new = with_task(chart, "t1", description="Two\nlines", tags=("launch",))
    lines = changed_lines(text, render(layout_of(text, chart), new))
    assert lines == [
        "+    description: |-",
        "+      Two",
        "+      lines",
        "+    tags: [launch]",
    ]


def test_block_raci_and_folded_text_survive_a_neighbour_edit() -> None:
    text, chart = hand()
    out = render(layout_of(text, chart), with_task(chart, "t2", tags=()))
    assert "  description: >\n    Folded text that a person wrote\n    over two lines.\n" in out
    assert "    raci:\n      mkt: R\n      ops: A\n" in out


def test_reordering_moves_entries_with_their_comments() -> None:
    text, chart = hand()
    t1, t2, t3 = chart.tasks
    new = chart.model_copy(update={"tasks": (t3, t1, t2)})
    out = render(layout_of(text, chart), new)
    assert out.index("trailing note on t3") < out.index("TODO: split this task")
    assert loads(out) == new


def test_crlf_and_byte_order_mark_are_kept() -> None:
    text, chart = hand()
    crlf = "\ufeff" + text.replace("\n", "\r\n")
    out = render(layout_of(crlf.encode("utf-8"), chart), with_task(chart, "t2", title="X"))
    assert out.startswith("\ufeff#")
    assert "\n" not in out.replace("\r\n", "")
    assert "    title: X\r\n" in out
    assert loads(out.encode("utf-8")).tasks[1].title == "X"


def test_a_flow_style_file_falls_back_to_the_deterministic_text() -> None:
    text = "# mine\n{rolemap: 1, title: x, tasks: [{id: t1, title: a}]}\n"
    chart = loads(text)
    new = with_task(chart, "t1", title="b")
    assert render(layout_of(text, chart), new) == dumps(new, "# mine\n")


def test_no_layout_is_plain_dumps() -> None:
    _, chart = hand()
    assert render(None, chart) == dumps(chart, DEFAULT_HEADER)


# ------------------------------------------------------------------ properties


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(charts(), charts())
def test_a_file_rolemap_wrote_stays_what_dumps_writes(old: Chart, new: Chart) -> None:
    text = dumps(old)
    assert render(layout_of(text, old), new) == dumps(new)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(charts(max_tasks=8), st.data())
def test_edits_of_a_rolemap_file_stay_byte_identical_to_dumps(
    old: Chart, data: st.DataObject
) -> None:
    tasks = list(old.tasks)
    for i in data.draw(st.lists(st.integers(0, max(len(tasks) - 1, 0)), max_size=3)):
        if tasks:
            tasks[i] = tasks[i].model_copy(update={"title": tasks[i].title + " edited"})
    if tasks and data.draw(st.booleans()):
        del tasks[data.draw(st.integers(0, len(tasks) - 1))]
    new = old.model_copy(update={"tasks": tuple(tasks)})
    assert render(layout_of(dumps(old), old), new) == dumps(new)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_edit_of_the_hand_edited_chart_reloads_as_the_new_chart(data: st.DataObject) -> None:
    text, chart = hand()
    tasks = list(chart.tasks)
    fids = [f.id for f in chart.functions]
    for _ in range(data.draw(st.integers(0, 4))):
        action = data.draw(st.sampled_from(["title", "raci", "delete", "add", "move", "desc"]))
        if action == "add" or not tasks:
            tasks.insert(
                data.draw(st.integers(0, len(tasks))),
                Task(id=f"n{len(tasks)}x{data.draw(st.integers(0, 999))}", title="New"),
            )
            continue
        i = data.draw(st.integers(0, len(tasks) - 1))
        if action == "title":
            tasks[i] = tasks[i].model_copy(
                update={"title": data.draw(st.sampled_from(["a", "b: c", "'q'", "多"]))}
            )
        elif action == "raci":
            tasks[i] = tasks[i].model_copy(update={"raci": {data.draw(st.sampled_from(fids)): "A"}})
        elif action == "desc":
            tasks[i] = tasks[i].model_copy(
                update={"description": data.draw(st.sampled_from([None, "x", "a\nb"]))}
            )
        elif action == "delete":
            del tasks[i]
        else:
            tasks.insert(data.draw(st.integers(0, len(tasks) - 1)), tasks.pop(i))
    if len({t.id for t in tasks}) != len(tasks):
        return
    new = chart.model_copy(update={"tasks": tuple(tasks)})
    out = render(layout_of(text, chart), new)
    assert loads(out) == new
    for comment in ("# Second block", "# the two teams we map", "# end of file", "keep for later"):
        assert comment in out


@pytest.mark.parametrize("note", ["\n0", "a\n\n b\n", "\n\n", "  \n x", "x\n  \n", "ends open\n\n"])
def test_block_text_with_empty_lines_is_written_as_dumps_writes_it(note: str) -> None:
    old = Chart(
        title="t",
        tasks=(Task(id="t1", title="a"),),
        reviews=(Review(warning="w", status="acknowledged"),),
    )
    new = old.model_copy(
        update={
            "tasks": (Task(id="t1", title="a", description=note),),
            "reviews": (Review(warning="w", status="acknowledged", note=note),),
        }
    )
    assert render(layout_of(dumps(old), old), new) == dumps(new)
    text, chart = hand()
    out = render(layout_of(text, chart), with_task(chart, "t2", description=note))
    assert loads(out).tasks[1].description == note
