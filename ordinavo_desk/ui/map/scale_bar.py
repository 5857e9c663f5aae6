"""The map's scale bar: a panel in the bottom-left corner with the bar and its length."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QPainterPath, QPolygonF
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QGraphicsSimpleTextItem

from ordinavo_desk.ui.map.style import _Z_SCALE, _Style


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
