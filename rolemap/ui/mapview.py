"""The role map and heat maps on screen: a zoomable, pannable canvas over a layout picture.

The layout comes from ``rolemap.core.layout`` and is drawn by the same painter as the PNG,
SVG and PDF exports, so what the room sees is what it takes home. Clicking an item reports
what it stands for (a task, goal, function, goal kind or warning); the window selects it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from rolemap.core.layout.geometry import Box, Picture, Ref
from rolemap.ui.i18n import tr
from rolemap.ui.zoom import base_point_size

if TYPE_CHECKING:
    from rolemap.core.analysis import Analysis
    from rolemap.core.model import Chart
    from rolemap.render.painter import PicturePainter

# The layouts and the painter are imported when the map is first laid out or painted, not
# at start-up: the window opens on the matrix (about 35 ms of imports the first frame skips).

ZOOM_MIN, ZOOM_MAX = 0.2, 4.0
FIT_FLOOR = 0.5


class PictureCanvas(QWidget):
    """Paints a Picture at ``scale`` (only the exposed part); reports clicks and shows tips."""

    clicked = Signal(str, str)  # ref kind, ref id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture = Picture(0, 0)
        self.scale = 1.0
        self.selected: set[Ref] = set()
        self.painter: PicturePainter | None = None  # made at the first paint
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._press: QPoint | None = None
        self._dragged = False

    def set_picture(self, picture: Picture) -> None:
        self.picture = picture
        self._resize()

    def set_scale(self, scale: float) -> None:
        self.scale = max(ZOOM_MIN, min(ZOOM_MAX, scale))
        self._resize()

    def _resize(self) -> None:
        self.setFixedSize(
            QSize(
                max(1, round(self.picture.width * self.scale)),
                max(1, round(self.picture.height * self.scale)),
            )
        )
        self.update()

    def sizeHint(self) -> QSize:
        return self.size()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            p.fillRect(event.rect(), QColor("#ffffff"))
            p.scale(self.scale, self.scale)
            r = event.rect()
            visible = QRectF(
                r.x() / self.scale,
                r.y() / self.scale,
                r.width() / self.scale,
                r.height() / self.scale,
            )
            if self.painter is None:
                from rolemap.render.painter import PicturePainter

                self.painter = PicturePainter()
            self.painter.paint(p, self.picture, visible, self.selected)
        finally:
            p.end()

    def item_at(self, pos: QPoint) -> Box | object | None:
        return self.picture.item_at(pos.x() / self.scale, pos.y() / self.scale)

    def box_rect(self, box: Box) -> QRectF:
        r = box.rect
        s = self.scale
        return QRectF(r.x * s, r.y * s, r.w * s, r.h * s)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.globalPosition().toPoint()
            self._dragged = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            now = event.globalPosition().toPoint()
            delta = now - self._press
            if self._dragged or delta.manhattanLength() > QApplication.startDragDistance():
                self._dragged = True
                self._press = now
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                area = self._scroll_area()
                if area is not None:
                    h, v = area.horizontalScrollBar(), area.verticalScrollBar()
                    h.setValue(h.value() - delta.x())
                    v.setValue(v.value() - delta.y())
            return
        item = self.item_at(event.position().toPoint())
        ref = getattr(item, "ref", None)
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if ref is not None else Qt.CursorShape.ArrowCursor
        )
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if not self._dragged:
                item = self.item_at(event.position().toPoint())
                ref = getattr(item, "ref", None)
                if ref is not None:
                    self.clicked.emit(ref[0], ref[1])
            self._press = None
            self._dragged = False
            self.setCursor(Qt.CursorShape.ArrowCursor)
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            item = self.item_at(pos)
            tip = getattr(item, "tip", "")
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _scroll_area(self) -> QScrollArea | None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        return parent


class MapView(QWidget):
    """The map or the heat maps of the current chart, with zoom, fit and a view switch."""

    itemClicked = Signal(str, str)  # "task" | "goal" | "function" | "kind" | "warning", id
    shown = Signal()
    VIEWS = ("map", "heatmap")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.analysis: Analysis | None = None
        self.view = "map"
        self.zoom = 1.0
        self.last_layout_seconds = 0.0
        self._stale = False
        self.auto_fit = True  # until the user zooms

        self.canvas = PictureCanvas()
        self.canvas.clicked.connect(self._clicked)
        self.area = QScrollArea()
        self.area.setWidget(self.canvas)
        self.area.setWidgetResizable(False)
        self.area.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.area.viewport().installEventFilter(self)
        self.canvas.installEventFilter(self)

        bar = QHBoxLayout()
        self.switch = QButtonGroup(self)
        self.buttons: dict[str, QToolButton] = {}
        for name, text in (("map", tr("Role &map")), ("heatmap", tr("&Heat maps"))):
            b = QToolButton()
            b.setText(text)
            b.setCheckable(True)
            b.setObjectName(f"{name}Button")
            b.clicked.connect(lambda _c=False, n=name: self.show_view(n))
            self.switch.addButton(b)
            self.buttons[name] = b
            bar.addWidget(b)
        self.buttons["map"].setChecked(True)
        bar.addSpacing(16)
        for name, text, slot in (
            ("zoomOut", "−", lambda: self.set_zoom(self.zoom / 1.2)),
            ("zoomIn", "+", lambda: self.set_zoom(self.zoom * 1.2)),
            ("fit", tr("Fit"), lambda: self.fit(whole=True)),
            ("actual", "100%", lambda: self.set_zoom(1.0)),
        ):
            b = QToolButton()
            b.setText(text)
            b.setObjectName(f"{name}Button")
            b.clicked.connect(lambda _c=False, s=slot: s())
            bar.addWidget(b)
        self.zoom_label = QLabel()
        bar.addWidget(self.zoom_label)
        bar.addStretch(1)
        self.hint = QLabel(tr("Click an item to select it · drag to move · Ctrl+wheel to zoom"))
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        # A hint, not a reason to make the window wider than a projector's screen.
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.area, 1)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.set_zoom(self.zoom * 1.2)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.set_zoom(self.zoom / 1.2)),
        ):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self._update_zoom_label()

    # ------------------------------------------------------------------ content

    def set_chart(self, chart: Chart, analysis: Analysis | None) -> None:
        """Show ``chart``; the layout needs its analysis (None: wait for it)."""
        self.chart = chart
        self.analysis = analysis
        if self.isVisible():
            self.relayout()
        else:
            self._stale = True  # laid out when shown: no cost while another tab is in front

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.relayout()
        super().showEvent(event)
        self.shown.emit()

    def relayout(self) -> None:
        self._stale = False
        if self.chart is None or self.analysis is None:
            self.canvas.set_picture(Picture(0, 0))
            return
        from rolemap.core.layout.heatlayout import SIDE_BY_SIDE_MAX, layout_heatmaps
        from rolemap.core.layout.maplayout import layout_map

        start = time.perf_counter()
        if self.view == "map":
            pic = layout_map(self.chart, self.analysis)
        else:
            # Side by side or one under the other: whichever the window shows larger.
            options = [
                layout_heatmaps(self.chart, self.analysis, max_width=w)
                for w in (SIDE_BY_SIDE_MAX, 0.0)
            ]
            pic = max(options, key=self._heat_preference)
        self.last_layout_seconds = time.perf_counter() - start
        self.canvas.set_picture(pic)
        if self.auto_fit:
            self.fit()
        else:
            self._apply_scale()

    def show_view(self, name: str) -> None:
        if name not in self.VIEWS:
            raise ValueError(name)
        self.view = name
        self.buttons[name].setChecked(True)
        self.relayout()

    def select(self, refs: set[Ref], reveal: bool = True) -> None:
        """Outline the items standing for ``refs``; scroll the first into view."""
        self.canvas.selected = set(refs)
        self.canvas.update()
        if reveal:
            for box in self.canvas.picture.boxes:
                if box.ref in refs and box.role in ("card", "goal", "chip", "cell"):
                    r = self.canvas.box_rect(box).toAlignedRect()
                    margin_x, margin_y = r.width() // 2 + 40, r.height() // 2 + 40
                    self.area.ensureVisible(r.center().x(), r.center().y(), margin_x, margin_y)
                    break

    def _clicked(self, kind: str, ident: str) -> None:
        self.select({(kind, ident)}, reveal=False)
        self.itemClicked.emit(kind, ident)

    # ------------------------------------------------------------------ zoom

    def text_scale(self) -> float:
        """The text size relative to the unzoomed one: the map follows View > Zoom and
        presentation mode (read from the application font, which a style sheet on the
        window does not stop, unlike the font a widget inherits)."""
        size = max(QApplication.font().pointSizeF(), self.font().pointSizeF())
        return size / base_point_size() if size > 0 else 1.0

    def _apply_scale(self) -> None:
        self.canvas.set_scale(self.zoom * self.text_scale())
        self._update_zoom_label()

    def set_zoom(self, zoom: float) -> None:
        """Zoom the user chose: the view stops fitting itself to the window."""
        self.auto_fit = False
        self._set_zoom(zoom)

    def _set_zoom(self, zoom: float) -> None:
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, zoom))
        self._apply_scale()

    def fit(self, whole: bool = False) -> None:
        """The picture in the window and kept so as the window changes, until the user zooms.

        Fitting on its own (a new chart, a resize) stops at half size, below which the type
        is too small to read and scrolling is better; ``whole`` (the Fit button) does not."""
        self.auto_fit = not whole
        pic = self.canvas.picture
        if pic.width <= 0:
            return
        scale = self._whole_scale(pic) if whole else self._fit_scale(pic)
        self._set_zoom(scale / self.text_scale())

    def _fit_scale(self, pic: Picture) -> float:
        """The scale ``fit`` would choose for ``pic``."""
        ts = self.text_scale()
        return min(ts, max(self._whole_scale(pic), FIT_FLOOR * ts))

    def _heat_preference(self, pic: Picture) -> tuple[bool, float]:
        """Rather a picture as wide as the window (scroll down, not sideways), then larger."""
        scale = self._fit_scale(pic)
        return pic.width * scale <= self.area.viewport().width(), scale

    def _whole_scale(self, pic: Picture) -> float:
        """The scale at which all of ``pic`` fits in the window."""
        view = self.area.viewport().size()
        return min((view.width() - 4) / max(pic.width, 1), (view.height() - 4) / max(pic.height, 1))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.auto_fit and self.canvas.picture.width > 0:
            if self.view == "heatmap":
                self.relayout()
            else:
                self.fit()

    def _update_zoom_label(self) -> None:
        self.zoom_label.setText(f"{round(self.canvas.scale * 100)} %")

    def text_size_changed(self) -> None:
        """The window's text got larger or smaller (View > Zoom, presentation mode)."""
        if self.auto_fit:
            self.fit()
        else:
            self._apply_scale()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.text_size_changed()
        super().changeEvent(event)

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                step = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
                self.set_zoom(self.zoom * step)
                return True
        return False
