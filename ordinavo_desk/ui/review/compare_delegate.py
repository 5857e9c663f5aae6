"""Paints the value cells of the comparison with their differing runs marked (also within
a value: ``Hachestr. 12`` against ``Hachestraße 12``), in colours taken from the palette so
that light and dark themes both read well; and gives the editor of a correction what came
in (blank where the cell says "(not given)")."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ordinavo_desk.ui.review.compare_model import DIFF_ROLE, INCOMING, STATE_ROLE, CompareModel

_Index = QModelIndex | QPersistentModelIndex


def mark_colour(palette: QPalette) -> QColor:
    """A warm marker that stays readable on the base colour of light and dark palettes."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor(150, 100, 0, 170) if dark else QColor(255, 200, 60, 150)


class CorrectionDelegate(QStyledItemDelegate):
    """The editor of a correction starts from what came in."""

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        model = index.model()
        if (
            isinstance(editor, QLineEdit)
            and isinstance(model, CompareModel)
            and index.column() == INCOMING
        ):
            editor.setText(model.incoming_text(index.row()))
            return
        super().setEditorData(editor, index)


class CompareDelegate(CorrectionDelegate):
    """For the rows whose values differ (set per row: painting a cell in Python costs a
    call per cell and paint, so the rows without marks keep Qt's own painting)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        spans = index.data(DIFF_ROLE)
        state = index.data(STATE_ROLE)
        if not spans or state not in {"differs", "corrected"}:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_colour = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        metrics = QFontMetricsF(opt.font)
        mark = mark_colour(opt.palette)
        painter.save()
        painter.setClipRect(rect)
        painter.setFont(opt.font)
        x = rect.left() + 3.0
        top = rect.top() + (rect.height() - metrics.height()) / 2
        baseline = top + metrics.ascent()
        for span in spans:
            width = metrics.horizontalAdvance(span.text)
            if span.changed:
                painter.fillRect(QRectF(x - 0.5, top, width + 1.0, metrics.height()), mark)
            painter.setPen(text_colour)
            painter.drawText(QPointF(x, baseline), span.text)
            x += width
            if x > rect.right():
                break
        painter.restore()
