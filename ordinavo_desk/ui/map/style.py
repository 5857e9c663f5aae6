"""The map's look: colours, stacking order, the pens, brushes and grid texture made once
per palette (``_Style``), and the marker and label outlines shared by every item
(``_Shapes``)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPalette, QPen, QPixmap, QPolygonF

from ordinavo_desk.domain.map_geometry import MarkerKind

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
            # one pixel wide: Qt draws a thin dashed line directly, a wider one as a
            # filled path of dashes, which made the lines a third of the map's paint
            line_pen=QPen(QBrush(_mix(base, text, 0.7)), 1.0, Qt.PenStyle.DashLine, round_cap),
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
