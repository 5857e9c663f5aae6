"""The map panel: where the incoming location and its candidates lie, and how far apart.

A ``QGraphicsView`` whose scene coordinates are the view's own pixels: every
``show_points`` projects the points with ``map_geometry`` (Web Mercator, fitted to the
view) and moves a fixed set of reused items; items are created only when an item has
more candidates than any before it. The background is a light grid from the palette;
background tiles, when the settings switch them on, are fetched on a small thread pool
of the panel and drawn below the markers as they arrive. Answers for tiles the current
view no longer needs (the person moved on) are dropped.

Everything on the map is a stock Qt item (path, line, text, pixmap) and the grid is a
texture brush, so painting runs in C++ without calling into Python. Python-side records
remember what was last set on each item, so that an unchanged value costs no call into
Qt: cheaper, and it keeps the calls that run into PySide6 6.12's reference leak under
CPython 3.11 (every call of a method returning void drops a reference to None) to the
values that really change. See docs/map.md.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QShowEvent,
    QTransform,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.domain.map_geometry import (
    MAX_FIT_ZOOM,
    TILE_SIZE,
    MapPoint,
    MarkerKind,
    Padding,
    TileKey,
    ViewFrame,
    distance_text_parts,
    frame_points,
    scale_bar,
    tiles_covering,
)
from ordinavo_desk.matching.geo import distance_m

#: Fetches one tile's image bytes for (z, x, y) on a worker thread; None: no such tile.
TileSource = Callable[[int, int, int], bytes | None]

#: Room kept around the fitted points for markers and distance labels (pixels).
PADDING = Padding(44.0, 40.0, 44.0, 60.0)
#: Widest the scale bar may grow (pixels).
SCALE_BAR_MAX_PX = 120.0
#: Decoded tiles kept in memory (≈ 256 KiB each).
TILE_MEMORY = 96
#: Parallel tile requests (the fetcher sends one at a time; the second decodes meanwhile).
TILE_THREADS = 2
#: A distance label moves beside its candidate when the line is shorter than this.
SHORT_LINE_PX = 64.0
#: Markers closer than this (pixels) are moved apart (their lines show where they lie).
CROWDED_PX = 22.0
#: Spacing of the schematic grid (pixels).
GRID_PX = 48

_Z_TILE = -10.0
_Z_LINE = 1.0
_Z_SELECTED_LINE = 2.0
_Z_BADGE = 3.0
_Z_SELECTED_BADGE = 3.5
_Z_MARKER = 4.0
_Z_INCOMING = 5.0
_Z_SELECTED = 6.0
_Z_SCALE = 10.0

_INCOMING = QColor("#c2255c")
_CANDIDATE = QColor("#1c7ed6")
_SELECTED = QColor("#0b4f9c")
_SELECTED_RING = QColor("#f59f00")
_OTHER = QColor("#868e96")
_RADIUS = {MarkerKind.INCOMING: 12.0, MarkerKind.CANDIDATE: 11.0, MarkerKind.OTHER: 6.0}

Rect = tuple[float, float, float, float]  # left, top, right, bottom


def _mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    keep = 1.0 - share_of_b
    return QColor.fromRgbF(
        a.redF() * keep + b.redF() * share_of_b,
        a.greenF() * keep + b.greenF() * share_of_b,
        a.blueF() * keep + b.blueF() * share_of_b,
        1.0,
    )


def _with_alpha(color: QColor, alpha: int) -> QColor:
    return QColor(color.red(), color.green(), color.blue(), alpha)


def _rounded_rect(width: float, height: float, radius: float = 4.0) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(-width / 2.0, -height / 2.0, width, height), radius, radius)
    return path


@dataclass(frozen=True, slots=True, eq=False)  # compared by identity: one per palette
class _Style:
    """Pens, brushes and shapes of the map, made once per palette (light and dark alike)."""

    text: QBrush
    white: QBrush
    panel: QBrush
    panel_pen: QPen
    emphasis_pen: QPen
    line_pen: QPen
    selected_line_pen: QPen
    outline_pen: QPen
    ring_pen: QPen
    scale_pen: QPen
    grid: QPixmap

    @classmethod
    def of(cls, palette: QPalette) -> _Style:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        ground = _mix(base, QColor("#5c7c99"), 0.07)
        grid = QPixmap(GRID_PX, GRID_PX)
        grid.fill(ground)
        painter = QPainter(grid)
        painter.setPen(QPen(_with_alpha(_mix(ground, text, 0.5), 40), 1.0))
        painter.drawLine(0, 0, GRID_PX - 1, 0)
        painter.drawLine(0, 0, 0, GRID_PX - 1)
        painter.end()
        round_cap = Qt.PenCapStyle.RoundCap
        return cls(
            text=QBrush(text),
            white=QBrush(QColor("white")),
            panel=QBrush(_with_alpha(base, 225)),
            panel_pen=QPen(QBrush(_mix(base, text, 0.3)), 1.0),
            emphasis_pen=QPen(QBrush(_SELECTED_RING), 1.0),
            line_pen=QPen(
                QBrush(_with_alpha(_mix(base, text, 0.6), 200)),
                1.5,
                Qt.PenStyle.DashLine,
                round_cap,
            ),
            selected_line_pen=QPen(QBrush(_SELECTED_RING), 2.5, Qt.PenStyle.SolidLine, round_cap),
            outline_pen=QPen(QBrush(base), 2.0),
            ring_pen=QPen(QBrush(_SELECTED_RING), 3.5),
            scale_pen=QPen(QBrush(text), 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap),
            grid=grid,
        )


class _Shapes:
    """Marker and label outlines, made once and shared by every item."""

    def __init__(self) -> None:
        self._markers: dict[tuple[MarkerKind, float], QPainterPath] = {}
        self._panels: dict[tuple[int, int], QPainterPath] = {}

    def marker(self, kind: MarkerKind, radius: float) -> QPainterPath:
        key = (kind, radius)
        path = self._markers.get(key)
        if path is None:
            path = QPainterPath()
            if kind is MarkerKind.INCOMING:
                r = radius
                path.addPolygon(
                    QPolygonF(
                        [
                            QPointF(0, -r),
                            QPointF(r, 0),
                            QPointF(0, r),
                            QPointF(-r, 0),
                            QPointF(0, -r),
                        ]
                    )
                )
            else:
                path.addEllipse(QPointF(0.0, 0.0), radius, radius)
            self._markers[key] = path
        return path

    def panel(self, width: float, height: float) -> QPainterPath:
        key = (math.ceil(width), math.ceil(height))
        path = self._panels.get(key)
        if path is None:
            path = self._panels[key] = _rounded_rect(*key)
        return path


# -- scene items: Python records around stock Qt items ---------------------------------------


class _Item:
    """Remembers position, stacking, visibility and tooltip of a scene item, so that an
    unchanged value costs no call into Qt."""

    def __init__(self, item: QGraphicsPathItem | QGraphicsLineItem) -> None:
        self.item = item
        self.at = (math.nan, math.nan)
        self.shown = True
        self._z: float | None = None
        self._tip: str | None = None

    def place(self, x: float, y: float) -> None:
        if (x, y) != self.at:
            self.at = (x, y)
            self.item.setPos(x, y)

    def stack(self, z: float) -> None:
        if z != self._z:
            self._z = z
            self.item.setZValue(z)

    def show_as(self, shown: bool) -> None:
        if shown != self.shown:
            self.shown = shown
            self.item.setVisible(shown)

    def tip(self, text: str) -> None:
        if text != self._tip:
            self._tip = text
            self.item.setToolTip(text)


class _Marker(_Item):
    """A diamond (incoming), a numbered circle (candidate) or a small dot (other)."""

    def __init__(self, scene: QGraphicsScene, font: QFont, white: QBrush) -> None:
        self.body = QGraphicsPathItem()
        super().__init__(self.body)
        self.number = QGraphicsSimpleTextItem(self.body)
        self.number.setFont(font)
        self.number.setBrush(white)
        scene.addItem(self.body)
        self.radius = 11.0
        self._look: tuple[object, ...] = ()
        self._text: str | None = None

    def set_look(
        self, kind: MarkerKind, text: str, selected: bool, style: _Style, shapes: _Shapes
    ) -> None:
        look = (kind, selected, style)
        if look != self._look:
            self._look = look
            self.radius = _RADIUS[kind] + (2.0 if selected else 0.0)
            self.body.setPath(shapes.marker(kind, self.radius))
            if kind is MarkerKind.INCOMING:
                fill = _INCOMING
            elif selected:
                fill = _SELECTED
            else:
                fill = _OTHER if kind is MarkerKind.OTHER else _CANDIDATE
            self.body.setBrush(fill)
            self.body.setPen(style.ring_pen if selected else style.outline_pen)
        if text != self._text:
            self._text = text
            self.number.setText(text)
            bounds = self.number.boundingRect()
            self.number.setPos(-bounds.width() / 2.0, -bounds.height() / 2.0)


class _Line(_Item):
    """The line from the incoming location to a candidate (dashed unless selected)."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.line = QGraphicsLineItem()
        super().__init__(self.line)
        scene.addItem(self.line)
        self._ends = (math.nan,) * 4
        self._pen: QPen | None = None

    def set_line(self, x1: float, y1: float, x2: float, y2: float, pen: QPen) -> None:
        if (x1, y1, x2, y2) != self._ends:
            self._ends = (x1, y1, x2, y2)
            self.line.setLine(x1, y1, x2, y2)
        if pen is not self._pen:
            self._pen = pen
            self.line.setPen(pen)


class _Badge(_Item):
    """A distance label: a short text on a rounded panel, centred on its position."""

    def __init__(self, scene: QGraphicsScene, font: QFont, metrics: QFontMetricsF) -> None:
        self.panel = QGraphicsPathItem()
        super().__init__(self.panel)
        self.label = QGraphicsSimpleTextItem(self.panel)
        self.label.setFont(font)
        scene.addItem(self.panel)
        self._metrics = metrics
        self.text = ""
        self.size = (0.0, 0.0)
        self._look: tuple[object, ...] = ()

    def set_text(self, text: str, emphasis: bool, style: _Style, shapes: _Shapes) -> None:
        if text != self.text:
            self.text = text
            self.label.setText(text)
            bounds = self.label.boundingRect()
            self.size = (
                math.ceil(self._metrics.horizontalAdvance(text)) + 10.0,
                math.ceil(self._metrics.height()) + 4.0,
            )
            self.panel.setPath(shapes.panel(*self.size))
            self.label.setPos(-bounds.width() / 2.0, -bounds.height() / 2.0)
        look = (emphasis, style)
        if look != self._look:
            self._look = look
            self.panel.setPen(style.emphasis_pen if emphasis else style.panel_pen)
            self.panel.setBrush(style.panel)
            self.label.setBrush(style.text)


class _ScaleBarItems:
    """The scale bar in the bottom-left corner: a panel, the bar with end ticks, its length."""

    def __init__(self, scene: QGraphicsScene, font: QFont) -> None:
        self.panel = QGraphicsPathItem()
        self.panel.setZValue(_Z_SCALE)
        self.bar = QGraphicsPathItem(self.panel)
        self.label = QGraphicsSimpleTextItem(self.panel)
        self.label.setFont(font)
        self._metrics = QFontMetricsF(font)
        scene.addItem(self.panel)
        self.text = ""
        self._state: tuple[object, ...] = ()
        self._look: _Style | None = None

    def show(self, text: str, pixels: float, height: float, style: _Style) -> None:
        if style is not self._look:
            self._look = style
            self.panel.setPen(style.panel_pen)
            self.panel.setBrush(style.panel)
            self.bar.setPen(style.scale_pen)
            self.label.setBrush(style.text)
        state = (text, round(pixels, 1), height)
        if state == self._state:
            return
        self._state = state
        if text != self.text:
            self.text = text
            self.label.setText(text)
        text_h = math.ceil(self._metrics.height())
        width = max(pixels, self._metrics.horizontalAdvance(text)) + 16.0
        box_h = text_h + 16.0
        path = QPainterPath()
        path.addRoundedRect(QRectF(0.0, 0.0, width, box_h), 4.0, 4.0)
        self.panel.setPath(path)
        self.panel.setPos(8.0, height - 8.0 - box_h)
        base = box_h - 5.0
        bar = QPainterPath()
        bar.addPolygon(
            QPolygonF(
                [
                    QPointF(8.0, base - 5.0),
                    QPointF(8.0, base),
                    QPointF(8.0 + pixels, base),
                    QPointF(8.0 + pixels, base - 5.0),
                ]
            )
        )
        self.bar.setPath(bar)
        self.label.setPos(8.0, 2.0)

    def hide(self) -> None:
        if self._state != ("hidden",):
            self._state = ("hidden",)
            self.panel.setVisible(False)

    def reveal(self) -> None:
        if self._state == ("hidden",):
            self._state = ()
            self.panel.setVisible(True)


# -- tiles off the UI thread ---------------------------------------------------------------


class _TileRelay(QObject):
    # key, QImage | None | error text, outcome, generation of the tile source
    arrived = Signal(object, object, str, int)


class _TileJob(QRunnable):
    def __init__(
        self,
        key: TileKey,
        fetch: TileSource,
        relay: _TileRelay,
        wanted: Callable[[TileKey, int], bool],
        generation: int,
    ) -> None:
        super().__init__()
        self._key = key
        self._fetch = fetch
        self._relay = relay
        self._wanted = wanted
        self._generation = generation

    def run(self) -> None:
        key, generation, emit = self._key, self._generation, self._relay.arrived.emit
        if not self._wanted(key, generation):  # the view moved on while this was queued
            emit(key, None, "skipped", generation)
            return
        try:
            data = self._fetch(key.z, key.x, key.y)
        except Exception as error:  # noqa: BLE001 - reported on the UI thread
            emit(key, str(error), "failed", generation)
            return
        if data is None:
            emit(key, None, "none", generation)
            return
        image = QImage()
        if not image.loadFromData(data):
            emit(key, "not an image", "failed", generation)
            return
        emit(key, image, "image", generation)


# -- the view ------------------------------------------------------------------------------


class _MapView(QGraphicsView):
    """The graphics view: fixed (no scrolling, scene = viewport pixels), told of resizes."""

    def __init__(self, scene: QGraphicsScene, on_resize: Callable[[], None]) -> None:
        super().__init__(scene)
        self.setObjectName("mapView")
        self._on_resize = on_resize
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setMinimumSize(160, 120)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._on_resize()


# -- the panel -----------------------------------------------------------------------------


def _overlay_label(name: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAutoFillBackground(True)
    label.setFrameShape(QFrame.Shape.StyledPanel)
    label.setMargin(4)
    label.hide()
    return label


class MapPanel(QWidget):
    """Shows one item's places: ``show_points(points, selected_key)``.

    The incoming location is a diamond, candidates are circles numbered by rank (the
    selected one ringed), each joined to the incoming location by a line with the
    distance. Points without coordinates are named in a callout and never drawn.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapPanel")
        self._scene = QGraphicsScene(self)
        self._scene.setObjectName("mapScene")
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.view = _MapView(self._scene, self._relayout)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

        self.missing_label = _overlay_label("mapMissingCoordinates", self.view)
        self.missing_label.setWordWrap(True)
        self.empty_label = _overlay_label("mapEmptyMessage", self.view)
        self.empty_label.setText(self.tr("No coordinates to show"))
        self.attribution_label = _overlay_label("mapAttribution", self.view)
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        self.attribution_label.setFont(small)

        self._marker_font = QFont(self.font())
        self._marker_font.setBold(True)
        self._marker_font.setPointSizeF(max(6.0, self._marker_font.pointSizeF() * 0.9))
        self._badge_font = QFont(self.font())
        self._badge_font.setPointSizeF(max(6.0, self._badge_font.pointSizeF() * 0.9))
        self._badge_metrics = QFontMetricsF(self._badge_font)
        self._decimal = self.locale().decimalPoint() or "."
        self._shapes = _Shapes()
        self._style = _Style.of(self.palette())
        self._scale = _ScaleBarItems(self._scene, self.font())
        self._grid_offset = (math.nan, math.nan)
        self._apply_palette()

        self._points: tuple[MapPoint, ...] = ()
        self._selected: str | None = None
        self._markers: list[_Marker] = []
        self._lines: list[_Line] = []
        self._badges: list[_Badge] = []
        self._marker_of: dict[str, _Marker] = {}
        self._frame: ViewFrame | None = None
        self._missing_text = ""
        self._size = (-1, -1)
        self._overlays: tuple[object, ...] = ()

        # tiles
        self._tile_source: TileSource | None = None
        self._attribution = ""
        self._pool = QThreadPool(self)  # before the relay: deleted (and waited for) first
        self._pool.setMaxThreadCount(TILE_THREADS)
        self._relay = _TileRelay(self)
        self._relay.arrived.connect(self._tile_arrived)
        self._wanted: frozenset[TileKey] = frozenset()
        self._in_flight: set[TileKey] = set()
        self._failed: set[TileKey] = set()
        self._images: OrderedDict[TileKey, QPixmap | None] = OrderedDict()
        self._tile_items: dict[TileKey, QGraphicsPixmapItem] = {}
        self._free_tile_items: list[QGraphicsPixmapItem] = []
        self._generation = 0
        self.stale_tiles_dropped = 0

        self._ready = True
        self._relayout()

    # -- public API --------------------------------------------------------------------------

    def show_points(self, points: Sequence[MapPoint], selected_key: str | None = None) -> None:
        """Show an item's places, fitted to the view (replacing what was shown)."""
        self._points = tuple(points)
        self._selected = selected_key
        self._failed.clear()
        missing = [p for p in self._points if not p.located]
        text = (
            self.tr("No coordinates: {places}").format(
                places=", ".join(self._place_name(p) for p in missing)
            )
            if missing
            else ""
        )
        if text != self._missing_text:
            self._missing_text = text
            self.missing_label.setText(text)
            self.missing_label.setVisible(bool(text))
        self._relayout()

    def set_selected(self, selected_key: str | None) -> None:
        """Highlight another candidate without refitting the view."""
        if selected_key != self._selected:
            self._selected = selected_key
            self._relayout()

    def set_tile_source(self, fetch: TileSource | None, attribution: str = "") -> None:
        """Draw background tiles from ``fetch`` (called on worker threads), crediting
        ``attribution`` in a corner; None switches tiles off (the schematic map)."""
        self._tile_source = fetch
        self._attribution = attribution.strip() if fetch is not None else ""
        self._generation += 1  # answers for the previous source are dropped
        self._in_flight.clear()
        self._images.clear()
        self._failed.clear()
        self._wanted = frozenset()
        for key in list(self._tile_items):
            self._release_tile(key)
        self._relayout()

    def frame(self) -> ViewFrame | None:
        """The current view (None: nothing located)."""
        return self._frame

    def scale_bar_text(self) -> str:
        return self._scale.text if self._frame is not None else ""

    def marker_positions(self) -> dict[str, QPointF]:
        """View positions of the drawn markers by point key (tests, tools)."""
        return {key: QPointF(*marker.at) for key, marker in self._marker_of.items()}

    def distance_labels(self) -> list[str]:
        return [badge.text for badge in self._badges if badge.shown]

    def tiles_wanted(self) -> frozenset[TileKey]:
        return self._wanted

    def tiles_drawn(self) -> frozenset[TileKey]:
        return frozenset(self._tile_items)

    def tile_requests_pending(self) -> int:
        return len(self._in_flight)

    def wait_for_tiles(self, msecs: int = 30_000) -> bool:
        """Wait for the tile threads (tests and shutdown); answers arrive with events."""
        return bool(self._pool.waitForDone(msecs))

    # -- Qt events ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if not getattr(self, "_ready", False):
            return
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._style = _Style.of(self.palette())
            self._apply_palette()
            self._relayout()
        elif event.type() == QEvent.Type.LocaleChange:
            self._decimal = self.locale().decimalPoint() or "."
            self._relayout()

    def hideEvent(self, event: QHideEvent) -> None:
        # Nothing is fetched for a hidden map; queued requests skip (and the pool is
        # quick to wait for when the panel goes away).
        self._wanted = frozenset()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._relayout()

    # -- layout ------------------------------------------------------------------------------

    def _apply_palette(self) -> None:
        style = self._style
        for label in (self.missing_label, self.empty_label, self.attribution_label):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.Window, style.panel.color())
            palette.setColor(QPalette.ColorRole.WindowText, style.text.color())
            label.setPalette(palette)
        self._grid_offset = (math.nan, math.nan)
        self._overlays = ()

    def _place_name(self, point: MapPoint) -> str:
        if point.kind is MarkerKind.INCOMING:
            return self.tr("incoming location")
        if point.kind is MarkerKind.CANDIDATE and point.rank is not None:
            return self.tr("candidate {rank}").format(rank=point.rank)
        return point.label or point.key

    def _distance_text(self, metres: float) -> str:
        value, unit = distance_text_parts(metres, self._decimal)
        if unit == "km":
            return self.tr("{value} km").format(value=value)
        return self.tr("{value} m").format(value=value)

    def _missing_width(self, width: int) -> int:
        """The callout's width: its text on one line where the view is wide enough."""
        label = self.missing_label
        natural = (
            label.fontMetrics().horizontalAdvance(self._missing_text)
            + 2 * label.margin()
            + 2 * label.frameWidth()
            + 4
        )
        return min(max(60, width - 16), natural)

    def _missing_height(self, width: int) -> int:
        if not self._missing_text:
            return 0
        return int(self.missing_label.heightForWidth(self._missing_width(width)))

    def _place_overlays(self, width: int, height: int) -> None:
        """Move the overlay labels to their corners (only when something changed)."""
        state = (
            width,
            height,
            self._missing_text,
            self._frame is None,
            self.attribution_label.text(),
            self.attribution_label.isVisibleTo(self.view),
        )
        if state == self._overlays:
            return
        self._overlays = state
        margin = 8
        if self._missing_text:
            wanted = self._missing_width(width)
            self.missing_label.setGeometry(
                margin, margin, wanted, self.missing_label.heightForWidth(wanted)
            )
        if self._frame is None:
            hint = self.empty_label.sizeHint()
            self.empty_label.setGeometry(
                (width - hint.width()) // 2,
                (height - hint.height()) // 2,
                hint.width(),
                hint.height(),
            )
        if self.attribution_label.isVisibleTo(self.view):
            hint = self.attribution_label.sizeHint()
            w = min(hint.width(), max(60, width - 2 * margin))
            self.attribution_label.setGeometry(
                width - w - margin, height - hint.height() - margin, w, hint.height()
            )

    def _update_grid(self, frame: ViewFrame | None) -> None:
        """The schematic grid follows the map (lines stay on the same world pixels)."""
        offset = (
            (-(frame.left % GRID_PX), -(frame.top % GRID_PX)) if frame is not None else (0.0, 0.0)
        )
        if offset != self._grid_offset:
            self._grid_offset = offset
            brush = QBrush(self._style.grid)
            brush.setTransform(QTransform.fromTranslate(*offset))
            self.view.setBackgroundBrush(brush)

    def _relayout(self) -> None:
        """Fit the current points to the view and move the items (cheap: values that did
        not change are not set again, and items are created only when more markers are
        needed than ever before)."""
        if not getattr(self, "_ready", False):
            return
        viewport = self.view.viewport()
        width, height = viewport.width(), viewport.height()
        if (width, height) != self._size:
            self._size = (width, height)
            self._scene.setSceneRect(0.0, 0.0, float(width), float(height))
        padding = PADDING
        if self._missing_text:
            padding = PADDING._replace(top=PADDING.top + self._missing_height(width))
        tiles = self._tile_source is not None
        frame = frame_points(
            self._points, width, height, padding, integral=tiles, max_zoom=MAX_FIT_ZOOM
        )
        had_frame = self._frame is not None
        self._frame = frame
        if had_frame != (frame is not None) or not self._overlays:
            self.empty_label.setVisible(frame is None)
        self._update_grid(frame)
        if frame is None:
            self._marker_of.clear()
            self._hide_from(0, 0)
            self._scale.hide()
            self._update_tiles(None)
        else:
            self._draw(frame)
            bar = scale_bar(frame.metres_per_pixel(), SCALE_BAR_MAX_PX)
            self._scale.reveal()
            self._scale.show(self._distance_text(bar.metres), bar.pixels, height, self._style)
            self._update_tiles(frame)
        self._update_attribution()
        self._place_overlays(width, height)

    def _draw(self, frame: ViewFrame) -> None:
        style, shapes = self._style, self._shapes
        self._marker_of.clear()
        # incoming first (candidates at its spot move aside), then candidates by rank
        ordered = sorted(
            (p for p in self._points if p.located),
            key=lambda p: (
                p.kind is not MarkerKind.INCOMING,
                p.kind is MarkerKind.OTHER,
                p.rank if p.rank is not None else 1 << 30,
            ),
        )
        placed: list[tuple[float, float]] = []
        obstacles = self._overlay_rects(frame)
        for index, point in enumerate(ordered):
            assert point.latitude is not None and point.longitude is not None
            pos = self._declutter(frame.to_view(point.latitude, point.longitude), placed)
            placed.append(pos)
            selected = point.key == self._selected
            marker = self._marker(index)
            rank = str(point.rank) if point.rank is not None else ""
            marker.set_look(point.kind, rank, selected, style, shapes)
            marker.place(*pos)
            marker.tip(point.label)
            if point.kind is MarkerKind.INCOMING:
                marker.stack(_Z_INCOMING)
            else:
                marker.stack(_Z_SELECTED if selected else _Z_MARKER)
            marker.show_as(True)
            self._marker_of[point.key] = marker
            r = marker.radius + 2.0
            obstacles.append((pos[0] - r, pos[1] - r, pos[0] + r, pos[1] + r))

        incoming = next((p for p in ordered if p.kind is MarkerKind.INCOMING), None)
        n_lines = 0
        if incoming is not None:
            assert incoming.latitude is not None and incoming.longitude is not None
            start = placed[0]
            candidates = [
                (point, pos)
                for point, pos in zip(ordered, placed, strict=True)
                if point.kind is MarkerKind.CANDIDATE
            ]
            # the selected candidate's label is placed first, so it is never the one moved
            candidates.sort(key=lambda c: c[0].key != self._selected)
            for point, pos in candidates:
                assert point.latitude is not None and point.longitude is not None
                selected = point.key == self._selected
                metres = distance_m(
                    incoming.latitude, incoming.longitude, point.latitude, point.longitude
                )
                line, badge = self._line(n_lines), self._badge(n_lines)
                n_lines += 1
                pen = style.selected_line_pen if selected else style.line_pen
                line.set_line(*start, *pos, pen)
                line.stack(_Z_SELECTED_LINE if selected else _Z_LINE)
                line.show_as(True)
                badge.set_text(self._distance_text(metres), selected, style, shapes)
                radius = self._marker_of[point.key].radius
                x, y = self._badge_position(
                    start, pos, badge.size, radius, frame=frame, obstacles=obstacles
                )
                width, height = badge.size
                obstacles.append((x - width / 2, y - height / 2, x + width / 2, y + height / 2))
                badge.place(x, y)
                badge.stack(_Z_SELECTED_BADGE if selected else _Z_BADGE)
                badge.show_as(True)
        self._hide_from(len(ordered), n_lines)

    def _overlay_rects(self, frame: ViewFrame) -> list[Rect]:
        """Where the callout, the scale bar and the attribution sit (labels keep off)."""
        rects = [(0.0, frame.height - 52.0, 150.0, frame.height)]  # the scale bar
        if self._missing_text:
            width = int(frame.width)
            rects.append(
                (0.0, 0.0, self._missing_width(width) + 12.0, self._missing_height(width) + 12.0)
            )
        if self._tile_source is not None:
            rects.append((frame.width - 200.0, frame.height - 36.0, frame.width, frame.height))
        return rects

    @staticmethod
    def _declutter(
        pos: tuple[float, float], placed: list[tuple[float, float]]
    ) -> tuple[float, float]:
        """A marker that would cover another moves beside it: towards where it really is
        (east when it is exactly there), turning a sixth at a time until it finds room."""
        x, y = pos
        crowd = [(ox, oy) for ox, oy in placed if math.hypot(ox - x, oy - y) < CROWDED_PX]
        if not crowd:
            return pos
        ox, oy = crowd[0]
        base = math.atan2(y - oy, x - ox) if math.hypot(x - ox, y - oy) > 0.5 else 0.0
        for ring in (1.0, 2.0):
            for step in range(6):
                angle = base + step * (math.pi / 3.0)
                nx = ox + CROWDED_PX * ring * math.cos(angle)
                ny = oy + CROWDED_PX * ring * math.sin(angle)
                if all(math.hypot(px - nx, py - ny) >= CROWDED_PX for px, py in placed):
                    return nx, ny
        return ox + CROWDED_PX * math.cos(base), oy + CROWDED_PX * math.sin(base)

    @staticmethod
    def _badge_position(
        start: tuple[float, float],
        end: tuple[float, float],
        size: tuple[float, float],
        radius: float,
        *,
        frame: ViewFrame,
        obstacles: list[Rect],
    ) -> tuple[float, float]:
        """The first of a few spots for a distance label that covers nothing (on the line,
        else beside its candidate); where every spot covers something, the least covering."""
        width, height = size
        (x1, y1), (x2, y2) = start, end
        gap = radius + 5.0
        away = 1.0 if x2 >= x1 else -1.0
        spots = []
        if math.hypot(x2 - x1, y2 - y1) >= max(SHORT_LINE_PX, width + 2.0 * radius + 8.0):
            spots += [
                ((x1 + x2) / 2.0, (y1 + y2) / 2.0),
                (x1 + (x2 - x1) * 0.7, y1 + (y2 - y1) * 0.7),
                (x1 + (x2 - x1) * 0.3, y1 + (y2 - y1) * 0.3),
            ]
        spots += [
            (x2 + away * (gap + width / 2.0), y2),
            (x2 - away * (gap + width / 2.0), y2),
            (x2, y2 - gap - height / 2.0),
            (x2, y2 + gap + height / 2.0),
            (x2 + away * (gap + width / 2.0), y2 - gap),
            (x2 - away * (gap + width / 2.0), y2 + gap),
        ]
        best, best_cost = spots[0], math.inf
        for x, y in spots:
            left, top = x - width / 2.0, y - height / 2.0
            right, bottom = left + width, top + height
            cost = 0.0
            if left < 0 or top < 0 or right > frame.width or bottom > frame.height:
                cost += width * height  # (partly) outside the view
            for o_left, o_top, o_right, o_bottom in obstacles:
                if o_right <= left or o_left >= right or o_bottom <= top or o_top >= bottom:
                    continue  # apart (most are: no need for the overlap's size)
                w = (right if right < o_right else o_right) - (left if left > o_left else o_left)
                h = (bottom if bottom < o_bottom else o_bottom) - (top if top > o_top else o_top)
                cost += w * h
            if cost == 0.0:
                return x, y
            if cost < best_cost:
                best, best_cost = (x, y), cost
        return best

    def _marker(self, index: int) -> _Marker:
        if index == len(self._markers):
            self._markers.append(_Marker(self._scene, self._marker_font, self._style.white))
        return self._markers[index]

    def _line(self, index: int) -> _Line:
        if index == len(self._lines):
            self._lines.append(_Line(self._scene))
        return self._lines[index]

    def _badge(self, index: int) -> _Badge:
        if index == len(self._badges):
            self._badges.append(_Badge(self._scene, self._badge_font, self._badge_metrics))
        return self._badges[index]

    def _hide_from(self, markers: int, lines: int) -> None:
        for marker in self._markers[markers:]:
            marker.show_as(False)
        for line in self._lines[lines:]:
            line.show_as(False)
        for badge in self._badges[lines:]:
            badge.show_as(False)

    # -- tiles -------------------------------------------------------------------------------

    def _update_attribution(self) -> None:
        if self._tile_source is None:
            if self.attribution_label.isVisibleTo(self.view):
                self.attribution_label.hide()
            return
        parts = []
        if self._failed & self._wanted:
            parts.append(self.tr("Map tiles unavailable"))
        if self._attribution:
            parts.append(self._attribution)
        text = " · ".join(parts)
        if text != self.attribution_label.text():
            self.attribution_label.setText(text)
            self.attribution_label.adjustSize()
        if bool(text) != self.attribution_label.isVisibleTo(self.view):
            self.attribution_label.setVisible(bool(text))

    def _is_wanted(self, key: TileKey, generation: int) -> bool:
        # called on worker threads: reads of two attributes, each atomic
        return generation == self._generation and key in self._wanted

    def _update_tiles(self, frame: ViewFrame | None) -> None:
        fetch = self._tile_source
        if fetch is None or frame is None or not self.isVisible():
            self._wanted = frozenset()
            for key in list(self._tile_items):
                self._release_tile(key)
            return
        zoom = int(frame.zoom)
        scale = math.pow(2.0, frame.zoom - zoom)
        keys = tiles_covering(frame.bounds.scaled(1.0 / scale), zoom)
        self._wanted = frozenset(keys)
        for key in list(self._tile_items):
            if key not in self._wanted:
                self._release_tile(key)
        for key in keys:
            if key in self._images:
                self._images.move_to_end(key)
                self._place_tile(key, self._images[key], frame)
            elif key not in self._in_flight and key not in self._failed:
                self._in_flight.add(key)
                self._pool.start(
                    _TileJob(key, fetch, self._relay, self._is_wanted, self._generation)
                )

    def _place_tile(self, key: TileKey, pixmap: QPixmap | None, frame: ViewFrame) -> None:
        if pixmap is None:  # the server has no such tile: the grid shows through
            return
        item = self._tile_items.get(key)
        if item is None:
            item = self._free_tile_items.pop() if self._free_tile_items else None
            if item is None:
                item = QGraphicsPixmapItem()
                item.setZValue(_Z_TILE)
                item.setShapeMode(QGraphicsPixmapItem.ShapeMode.BoundingRectShape)
                self._scene.addItem(item)
            item.setPixmap(pixmap)
            item.setVisible(True)
            self._tile_items[key] = item
        scale = math.pow(2.0, frame.zoom - key.z)
        if item.scale() != scale:
            item.setScale(scale)
            item.setTransformationMode(
                Qt.TransformationMode.FastTransformation
                if scale == 1.0
                else Qt.TransformationMode.SmoothTransformation
            )
        item.setPos(key.x * TILE_SIZE * scale - frame.left, key.y * TILE_SIZE * scale - frame.top)

    def _release_tile(self, key: TileKey) -> None:
        item = self._tile_items.pop(key)
        item.setVisible(False)
        item.setPixmap(QPixmap())
        self._free_tile_items.append(item)

    def _tile_arrived(self, key: TileKey, payload: object, outcome: str, generation: int) -> None:
        if generation != self._generation:  # asked of a tile source since replaced
            self.stale_tiles_dropped += outcome != "skipped"
            return
        self._in_flight.discard(key)
        frame = self._frame
        if outcome == "skipped":
            if key in self._wanted and frame is not None and self._tile_source is not None:
                self._update_tiles(frame)  # wanted again meanwhile: ask anew
            return
        if key not in self._wanted or frame is None:
            self.stale_tiles_dropped += 1
            return
        if outcome == "failed":
            self._failed.add(key)
            self._update_attribution()
            self._place_overlays(self.view.viewport().width(), self.view.viewport().height())
            return
        pixmap = QPixmap.fromImage(payload) if isinstance(payload, QImage) else None
        self._images[key] = pixmap
        while len(self._images) > TILE_MEMORY:
            self._images.popitem(last=False)
        self._place_tile(key, pixmap, frame)
