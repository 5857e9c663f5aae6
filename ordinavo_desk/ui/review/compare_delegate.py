"""Paints the value cells of the comparison with their differing runs marked (also within
a value: ``Hachestr. 12`` against ``Hachestraße 12``), in colours taken from the palette so
that light and dark themes both read well."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ordinavo_desk.services.text_diff import Span
from ordinavo_desk.ui.review.compare_model import DIFF_ROLE, STATE_ROLE

_Index = QModelIndex | QPersistentModelIndex


def mark_colour(palette: QPalette) -> QColor:
    """A warm marker that stays readable on the base colour of light and dark palettes."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor(150, 100, 0, 170) if dark else QColor(255, 200, 60, 150)


def spans_html(spans: tuple[Span, ...], colour: QColor) -> str:
    mark = f"rgba({colour.red()},{colour.green()},{colour.blue()},{colour.alpha()})"
    parts = []
    for span in spans:
        text = html.escape(span.text).replace(" ", "&nbsp;")
        if span.changed:
            parts.append(f'<span style="background-color:{mark}; font-weight:600">{text}</span>')
        else:
            parts.append(text)
    return "".join(parts)


class CompareDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        spans = index.data(DIFF_ROLE)
        state = index.data(STATE_ROLE)
        if not spans or state not in {"differs", "corrected"}:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text_colour = (
            opt.palette.color(QPalette.ColorRole.HighlightedText)
            if opt.state & QStyle.StateFlag.State_Selected
            else opt.palette.color(QPalette.ColorRole.Text)
        )
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(0)
        doc.setHtml(spans_html(spans, mark_colour(opt.palette)))
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        painter.save()
        painter.translate(text_rect.left() + 3, text_rect.top())
        dy = max(0.0, (text_rect.height() - doc.size().height()) / 2)
        painter.translate(0, dy)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text_colour)
        context.clip = QRectF(0, 0, text_rect.width() - 3, text_rect.height())
        painter.setClipRect(context.clip)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return super().sizeHint(option, index)
