"""The small parts the settings pages are built from: a form grid whose word-wrapped
notes get the height they need, value labels, notes, buttons, locale numbers, and
``submit`` for work on the ``Background`` pool whose answer is dropped when the page
is gone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QLayout, QLineEdit, QPushButton, QWidget

from ordinavo_desk.ui.background import Background


def submit(
    owner: QWidget,
    background: Background,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None],
) -> None:
    """``background.submit`` whose answer is dropped when ``owner`` is gone meanwhile
    (the window was closed while the server was still asked)."""

    def deliver(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def call(value: Any) -> None:
            if shiboken6.isValid(owner):
                callback(value)

        return call

    background.submit(work, deliver(done), deliver(failed))


def value_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def note(name: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    return label


class FormGrid(QGridLayout):
    """Captions beside fields, like QFormLayout, but word-wrapped notes get the height
    their lines need (QFormLayout gives them room for an extra line). With
    ``stretch_fields`` False the fields keep their natural width."""

    def __init__(self, *, stretch_fields: bool = True) -> None:
        super().__init__()
        self.setHorizontalSpacing(12)
        self.setVerticalSpacing(6)
        self._span = 1 if stretch_fields else 2
        self.setColumnStretch(1 if stretch_fields else 2, 1)

    def addRow(self, caption: str | QLabel, field: QWidget | QLayout) -> None:
        row = self.rowCount()
        label = QLabel(caption) if isinstance(caption, str) else caption
        wraps = isinstance(field, QLabel) and field.wordWrap()
        vertical = Qt.AlignmentFlag.AlignTop if wraps else Qt.AlignmentFlag.AlignVCenter
        self.addWidget(label, row, 0, Qt.AlignmentFlag.AlignLeft | vertical)
        if isinstance(field, QWidget):
            span = self._span if wraps or isinstance(field, QLineEdit) else 1
            self.addWidget(field, row, 1, 1, span)
        else:
            self.addLayout(field, row, 1, 1, self._span)


def button(name: str, text: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)  # Enter in a field acts on that field, never on a button
    return button


def number(value: float, decimals: int = 2) -> str:
    """A number with the decimal separator of the current locale ("0,90" in German)."""
    return QLocale().toString(value, "f", decimals)
