"""The map panel: where the incoming location and its candidates lie, and how far apart.

A ``QGraphicsView`` whose scene coordinates are the view's own pixels: every
``show_points`` projects the points with ``map_geometry`` (Web Mercator, fitted to the
view) and moves a fixed set of reused items; items are created only when an item has
more candidates than any before it. The background is a light grid from the palette;
background tiles, when the settings switch them on, come from the panel's tile layer
(``tile_layer.py``: fetched off the UI thread, drawn below the markers as they arrive).

Everything on the map is a stock Qt item (path, line, text, pixmap) and the grid is a
texture brush, so painting runs in C++ without calling into Python. Python-side records
remember what was last set on each item, so that an unchanged value costs no call into
Qt: cheaper, and it keeps the calls that run into PySide6 6.12's reference leak under
CPython 3.11 (every call of a method returning void drops a reference to None) to the
values that really change. See docs/map.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QPalette,
    QShowEvent,
    QTransform,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsScene,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.domain.map_geometry import (
    MAX_FIT_ZOOM,
    MapPoint,
    MarkerKind,
    Padding,
    TileKey,
    ViewFrame,
    distance_text_parts,
    frame_points,
    scale_bar,
)
from ordinavo_desk.matching.geo import distance_m
from ordinavo_desk.ui.map.label_placement import Rect, _badge_position, _declutter
from ordinavo_desk.ui.map.map_view import _MapView
from ordinavo_desk.ui.map.markers import _Badge, _Line, _Marker
from ordinavo_desk.ui.map.scale_bar import _ScaleBarItems
from ordinavo_desk.ui.map.style import (
    _Z_BADGE,
    _Z_INCOMING,
    _Z_LINE,
    _Z_MARKER,
    _Z_SELECTED,
    _Z_SELECTED_BADGE,
    _Z_SELECTED_LINE,
    GRID_PX,
    _Shapes,
    _Style,
)
from ordinavo_desk.ui.map.tile_layer import TileLayer
from ordinavo_desk.ui.map.tile_loading import TileSource

#: Room kept around the fitted points for markers and distance labels (pixels).
PADDING = Padding(44.0, 40.0, 44.0, 60.0)
#: Widest the scale bar may grow (pixels).
SCALE_BAR_MAX_PX = 120.0


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

        self._tiles = TileLayer(self._scene, self)
        self._tiles.failed.connect(self._tile_failed)

        self._ready = True
        self._relayout()

    # -- public API --------------------------------------------------------------------------

    def show_points(self, points: Sequence[MapPoint], selected_key: str | None = None) -> None:
        """Show an item's places, fitted to the view (replacing what was shown)."""
        self._points = tuple(points)
        self._selected = selected_key
        self._tiles.forget_failures()
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
        self._tiles.set_source(fetch, attribution)
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
        return self._tiles.wanted

    def tiles_drawn(self) -> frozenset[TileKey]:
        return self._tiles.drawn

    def tile_requests_pending(self) -> int:
        return self._tiles.pending

    @property
    def stale_tiles_dropped(self) -> int:
        """Tile answers dropped: the view had moved on, or the tile source was replaced."""
        return self._tiles.stale_dropped

    def wait_for_tiles(self, msecs: int = 30_000) -> bool:
        """Wait for the tile threads (tests and shutdown); answers arrive with events."""
        return self._tiles.wait(msecs)

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
        # the pool is quick to wait for when the panel goes away
        self._tiles.stop_asking()
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
        tiles = self._tiles.source is not None
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
            self._tiles.show(None)
        else:
            self._draw(frame)
            bar = scale_bar(frame.metres_per_pixel(), SCALE_BAR_MAX_PX)
            self._scale.reveal()
            self._scale.show(self._distance_text(bar.metres), bar.pixels, height, self._style)
            self._tiles.show(frame if self.isVisible() else None)
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
            pos = _declutter(frame.to_view(point.latitude, point.longitude), placed)
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
                x, y = _badge_position(
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
        if self._tiles.source is not None:
            rects.append((frame.width - 200.0, frame.height - 36.0, frame.width, frame.height))
        return rects

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
        tiles = self._tiles
        if tiles.source is None:
            if self.attribution_label.isVisibleTo(self.view):
                self.attribution_label.hide()
            return
        parts = []
        if tiles.failing:
            parts.append(self.tr("Map tiles unavailable"))
        if tiles.attribution:
            parts.append(tiles.attribution)
        text = " · ".join(parts)
        if text != self.attribution_label.text():
            self.attribution_label.setText(text)
            self.attribution_label.adjustSize()
        if bool(text) != self.attribution_label.isVisibleTo(self.view):
            self.attribution_label.setVisible(bool(text))

    def _tile_failed(self) -> None:
        self._update_attribution()
        self._place_overlays(self.view.viewport().width(), self.view.viewport().height())
