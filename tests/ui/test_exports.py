"""File > Export through the menus: small charts written at once, large ones by a child process
(forced here on the example chart) with the same contents, failures reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolemap.core.analysis import analyse
from rolemap.export_worker import write_export

EXPORTS = (
    ("export_markdown", "markdown", "out.md"),
    ("export_chart", "role-chart", "out.role-chart.yaml"),
    ("export_csv", "csv", "out.csv"),
    ("export_xlsx", "xlsx", "out.xlsx"),
    ("export_map_picture", "map", "out-map.png"),
    ("export_heatmap_picture", "heatmap", "out-heatmap.svg"),
    ("export_matrix_picture", "matrix", "out-matrix.pdf"),
)
MAGIC = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF", ".xlsx": b"PK"}


def _ask(window, monkeypatch, path: Path) -> None:
    monkeypatch.setattr(window.files, "ask_export_path", lambda _suffix, _filter: str(path))


@pytest.mark.parametrize("in_process", [True, False], ids=["here", "child process"])
def test_every_export_of_the_file_menu_writes_its_file(
    window, qtbot, tmp_path, monkeypatch, in_process
):
    exporter = window.files.exporter
    exporter.process_min_tasks = 10**9 if in_process else 0
    chart = window.doc.chart
    for ident, kind, name in EXPORTS:
        target = tmp_path / name
        _ask(window, monkeypatch, target)
        window.actions_by_id[ident].trigger()
        qtbot.waitUntil(lambda t=target: t.exists() and not exporter.jobs, timeout=60_000)
        assert window.statusBar().currentMessage().endswith(str(target))
        data = target.read_bytes()
        if target.suffix in MAGIC:
            assert data.startswith(MAGIC[target.suffix]), name
        else:  # the text formats: the very bytes an export made here writes
            here = tmp_path / f"here-{name}"
            write_export(kind, str(here), chart, analyse(chart))
            assert data == here.read_bytes(), name
    assert window.doc.chart is chart


def test_an_export_the_child_process_cannot_write_is_reported(window, qtbot, tmp_path, monkeypatch):
    exporter = window.files.exporter
    exporter.process_min_tasks = 0
    failures: list[tuple[str, str]] = []
    monkeypatch.setattr(exporter, "failed", lambda path, why: failures.append((path, why)))
    target = tmp_path / "no such folder" / "out.md"
    _ask(window, monkeypatch, target)
    window.actions_by_id["export_markdown"].trigger()
    qtbot.waitUntil(lambda: bool(failures), timeout=60_000)
    [(path, why)] = failures
    assert path == str(target) and why
    assert not target.exists() and not exporter.jobs


def test_closing_the_window_lets_a_running_export_finish(window, qtbot, tmp_path, monkeypatch):
    window.files.exporter.process_min_tasks = 0
    target = tmp_path / "late.md"
    _ask(window, monkeypatch, target)
    window.actions_by_id["export_markdown"].trigger()
    window.doc.undo_stack.setClean()
    window.close()
    assert target.exists()
