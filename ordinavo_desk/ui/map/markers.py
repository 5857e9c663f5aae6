"""Scene items of the map: Python records around stock Qt items (a marker, the line to a
candidate, a distance label) that remember what was last set, so that an unchanged value
costs no call into Qt."""

from __future__ import annotations

import math

from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from ordinavo_desk.domain.map_geometry import MarkerKind
from ordinavo_desk.ui.map.style import (
    _CANDIDATE,
    _INCOMING,
    _OTHER,
    _RADIUS,
    _SELECTED,
    _Shapes,
    _Style,
)


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
