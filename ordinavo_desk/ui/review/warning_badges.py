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
        self._row.addStretch(1)
        # the badges shown (the first of the pool)
        self.badges: list[QLabel] = []
        self._pool: list[QLabel] = []
        self._looks: list[tuple[str, str] | None] = []

    def show_warnings(self, warnings: Sequence[WarningView]) -> None:
        """Show these warnings. The badges are kept and reused from item to item (hidden
        when not needed): a badge made anew for every item cost a style sheet to parse
        and, deleted after the item was painted, a second layout and paint."""
        texts: list[WarningText] = []
        for index, warning in enumerate(warnings):
            text = warning_text(warning.code, warning.facts)
            texts.append(text)
            badge = self._badge(index)
            badge.setObjectName(f"badge_{warning.code}")
            if badge.text() != text.badge:
                badge.setText(text.badge)
            tip = f"{text.explanation}\n{text.action}"
            if badge.toolTip() != tip:
                badge.setToolTip(tip)
            background, foreground = badge_colours(text.severity, self.palette())
            look = (background.name(), foreground.name())
            if self._looks[index] != look:
                self._looks[index] = look
                badge.setStyleSheet(
                    f"QLabel {{ background: {look[0]}; color: {look[1]};"
                    " border-radius: 8px; padding: 2px 8px; font-weight: 600; }"
                )
            if badge.isHidden():
                badge.show()
        for badge in self._pool[len(warnings) :]:
            if not badge.isHidden():
                badge.hide()
        self.badges = self._pool[: len(warnings)]
        details = (
            "".join(
                f"<p style='margin:0 0 4px 0'><b>{html.escape(t.badge)}:</b> "
                f"{html.escape(t.explanation)} <i>{html.escape(t.action)}</i></p>"
                for t in texts
            )
            if texts
            else html.escape(self.tr("No warnings."))
        )
        if details != self.details.text():
            self.details.setText(details)

    def _badge(self, index: int) -> QLabel:
        if index == len(self._pool):
            badge = QLabel()
            self._row.insertWidget(index, badge)  # before the stretch
            self._pool.append(badge)
            self._looks.append(None)
        return self._pool[index]


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
