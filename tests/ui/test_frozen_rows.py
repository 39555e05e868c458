"""The task list's frozen title column keeps its rows level with the other columns."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("step", [0, 1, -1, 2])
def test_frozen_title_rows_line_up_with_the_table_at_every_zoom(window, step):
    window.zoomer.zoom(step)
    window.views.setCurrentWidget(window.tasks)
    view = window.tasks.view
    rows = min(view.model().rowCount(), 8)
    assert rows > 3
    for row in range(rows):
        assert view.frozen.rowHeight(row) == view.rowHeight(row), (step, row)
        assert view.frozen.rowViewportPosition(row) == view.rowViewportPosition(row), (step, row)
