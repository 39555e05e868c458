"""Puts the role map into the window: a tab, selection both ways, File > Export pictures."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rolemap.core.analysis import Analysis
from rolemap.export_worker import picture_format
from rolemap.ui.actions import make_action
from rolemap.ui.i18n import QT_TR_NOOP, tr
from rolemap.ui.mapview import MapView

if TYPE_CHECKING:
    from rolemap.ui.mainwindow import MainWindow

PICTURE_FILTER = QT_TR_NOOP("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)")
EXPORTS = (
    ("map", "export_map_picture", QT_TR_NOOP("Export role ma&p as picture…")),
    ("heatmap", "export_heatmap_picture", QT_TR_NOOP("Export &heat maps as picture…")),
    ("matrix", "export_matrix_picture", QT_TR_NOOP("Export RACI matri&x as picture…")),
)


class MapGlue:
    """Keeps the map in step with the document, the analysis and the task selection."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.view = MapView()
        window.add_view(self.view, tr("Role map"), "mapView")
        window.runner.finished.connect(self._analysis_ready)
        window.doc.reset.connect(self._reset)
        window.tasks.view.selectionModel().selectionChanged.connect(self._tasks_selected)
        window.matrix.view.selectionModel().selectionChanged.connect(self._matrix_selected)
        self.view.itemClicked.connect(self._item_clicked)
        window.warnings.entitiesSelected.connect(self._warning_selected)
        self._later: list[int] | None = None  # task rows to outline once the map is shown
        self.view.shown.connect(self._map_shown)
        window.zoomer.on_change(self.view.text_size_changed)
        for view, ident, text in EXPORTS:
            action = make_action(window, ident, tr(text), partial(self.export, view))
            window.menus.add("file", "export", action)
            window.actions_by_id[ident] = action
        show = make_action(window, "show_map", tr("Go to the r&ole map"), self.show, "Ctrl+Shift+M")
        window.menus.add("view", "focus", show)
        window.actions_by_id["show_map"] = show

    def _reset(self) -> None:
        self.view.set_chart(self.window.doc.chart, None)

    def show(self) -> None:
        self.window.show_panel(self.view.canvas)

    def _analysis_ready(self, analysis: Analysis, _seconds: float) -> None:
        self.view.set_chart(self.window.doc.chart, analysis)

    def _tasks_selected(self, *_args: object) -> None:
        self._outline(self.window.tasks.selected_rows())

    def _matrix_selected(self, *_args: object) -> None:
        self._outline(self.window.matrix.selected_rows())

    def _outline(self, rows: list[int]) -> None:
        if not self.view.isVisible():
            # Outlined when the map is shown (Ctrl+A: 10,000 tasks' refs for a hidden map).
            self._later = rows
            return
        self._later = None
        tasks = self.window.doc.chart.tasks
        refs = {("task", tasks[r].id) for r in rows if r < len(tasks)}
        self.view.select(refs, reveal=True)

    def _map_shown(self) -> None:
        if self._later is not None:
            self._outline(self._later)

    def _warning_selected(self, ids: list[str]) -> None:
        """A warning chosen in the dock: outline its link and everything it involves."""
        chart = self.window.doc.chart
        kinds = (
            ("task", {t.id for t in chart.tasks}),
            ("goal", {g.id for g in chart.goals}),
            ("function", {f.id for f in chart.functions}),
        )
        self._later = None
        refs = {(kind, i) for i in ids for kind, known in kinds if i in known}
        fingerprint = self.window.warnings.current_fingerprint()
        if fingerprint:
            refs.add(("warning", fingerprint))
        self.view.select(refs, reveal=self.view.isVisible())

    def _item_clicked(self, kind: str, ident: str) -> None:
        w = self.window
        if kind == "warning":
            w.warnings.select_fingerprint(ident)
            return
        if kind in ("task", "goal", "function"):
            w.selection.reveal_entities([ident])
            w.warnings.highlight_entities({ident})

    def export(self, view: str) -> None:
        w = self.window
        path = w.files.ask_export_path(f"-{view}.png", tr(PICTURE_FILTER))
        if not path:
            return
        if picture_format(path) not in ("png", "svg", "pdf"):
            path += ".png"
        w.files.exporter.export(view, path)
