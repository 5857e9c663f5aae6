"""Warnings as badges: a coloured label per code with its explanation on hover, and the
explanations spelled out beneath (what happened, what to do)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.services.item_view import WarningView
from ordinavo_desk.ui.review.warning_texts import WarningText, warning_text

_Index = QModelIndex | QPersistentModelIndex


def badge_colours(severity: str, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of a badge; softer on dark palettes."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    if severity == "problem":
        return (QColor("#7a2e2e"), QColor("#ffe9e9")) if dark else (
            QColor("#fde2e1"), QColor("#8a1c1c"))  # fmt: skip
    return (QColor("#6b5a1e"), QColor("#fff6da")) if dark else (
        QColor("#fff1c9"), QColor("#6b4f00"))  # fmt: skip


class WarningBadges(QWidget):
    """The badges of one item and, under them, each warning explained."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningBadges")
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        self.details = QLabel()
        self.details.setObjectName("warningDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._row)
        layout.addWidget(self.details)
        self.badges: list[QLabel] = []

    def show_warnings(self, warnings: Sequence[WarningView]) -> None:
        for badge in self.badges:
            self._row.removeWidget(badge)
            badge.deleteLater()
        self.badges = []
        while self._row.count():
            self._row.takeAt(0)
        texts: list[WarningText] = []
        for warning in warnings:
            text = warning_text(warning.code, warning.facts)
            texts.append(text)
            badge = QLabel(text.badge)
            badge.setObjectName(f"badge_{warning.code}")
            badge.setToolTip(f"{text.explanation}\n{text.action}")
            background, foreground = badge_colours(text.severity, self.palette())
            badge.setStyleSheet(
                f"QLabel {{ background: {background.name()}; color: {foreground.name()};"
                " border-radius: 8px; padding: 2px 8px; font-weight: 600; }"
            )
            self._row.addWidget(badge)
            self.badges.append(badge)
        self._row.addStretch(1)
        if not texts:
            self.details.setText(html.escape(self.tr("No warnings.")))
            return
        self.details.setText(
            "".join(
                f"<p style='margin:0 0 4px 0'><b>{html.escape(t.badge)}:</b> "
                f"{html.escape(t.explanation)} <i>{html.escape(t.action)}</i></p>"
                for t in texts
            )
        )


class BadgeDelegate(QStyledItemDelegate):
    """Paints a list of warning codes (the model's ``codes_role``) as small badges."""

    def __init__(self, codes_role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._role = codes_role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        codes = index.data(self._role) or []
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not codes:
            return
        painter.save()
        font = opt.font
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        rect: QRect = opt.rect.adjusted(3, 3, -3, -3)
        x = rect.left()
        for code in codes:
            text = warning_text(code)
            label = text.badge
            width = metrics.horizontalAdvance(label) + 12
            if x + width > rect.right():
                if x > rect.left():
                    painter.setPen(opt.palette.color(QPalette.ColorRole.Text))
                    painter.drawText(QRectF(x, rect.top(), 20, rect.height()), "+")
                    break
                # the first badge is always shown, shortened to the column
                label = metrics.elidedText(label, Qt.TextElideMode.ElideRight, rect.width() - 12)
                width = rect.width()
            background, foreground = badge_colours(text.severity, opt.palette)
            box = QRectF(x, rect.top(), width, rect.height())
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRoundedRect(box, 6, 6)
            painter.setPen(foreground)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
            x += width + 4
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return super().sizeHint(option, index)
