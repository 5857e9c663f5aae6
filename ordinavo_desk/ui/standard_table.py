"""Flat tables whose cells live in Qt (``QStandardItemModel``), for the tables that change
with every item on screen: views ask a model for about eight roles per cell on every
paint, and a model answering in Python costs milliseconds per paint where Qt's own answers
in microseconds. The rows are given once per item instead.

When the new rows have the shape of those shown (the same number of rows), the cells are
changed in place, only the roles whose values differ, and the views hear of it as one
change of data: no reset, so the views keep their headers, scroll bars and selection and
repaint only the cells. Another shape resets the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

#: What a cell may do unless told otherwise: be selected (not edited, not dragged).
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDITABLE = READ_ONLY | Qt.ItemFlag.ItemIsEditable


class Cell(NamedTuple):
    """A cell's roles (those set) and flags."""

    roles: Mapping[int, Any]
    flags: Qt.ItemFlag


def cell(roles: Mapping[int, Any], flags: Qt.ItemFlag = READ_ONLY) -> Cell:
    """A cell with these roles set (roles whose value is None are left unset)."""
    return Cell({role: value for role, value in roles.items() if value is not None}, flags)


def _item(content: Cell) -> QStandardItem:
    item = QStandardItem()
    item.setFlags(content.flags)
    for role, value in content.roles.items():
        item.setData(value, role)
    return item


def _update(item: QStandardItem, content: Cell, shown: Cell) -> None:
    """Change ``item`` from ``shown`` to ``content`` (only what differs)."""
    if content.flags != shown.flags:
        item.setFlags(content.flags)
    before = shown.roles
    for role, value in content.roles.items():
        if role not in before or before[role] != value:
            item.setData(value, role)
    for role in before.keys() - content.roles.keys():
        item.setData(None, role)


class StandardTable(QStandardItemModel):
    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self._shown: list[list[Cell]] = []

    def replace_rows(self, rows: Iterable[Sequence[Cell]]) -> None:
        """Show these rows instead: in place where the shape allows, else as one reset
        (views then read the table once, not once per cell)."""
        fresh = [list(row) for row in rows]
        columns = self.columnCount()
        if len(fresh) != len(self._shown) or any(len(row) != columns for row in fresh):
            self._reset(fresh)
            return
        blocked = self.blockSignals(True)
        try:
            for number, row in enumerate(fresh):
                self.replace_row(number, row)
        finally:
            self.blockSignals(blocked)
        if fresh:
            self.dataChanged.emit(self.index(0, 0), self.index(len(fresh) - 1, columns - 1))

    def replace_row(self, number: int, row: Sequence[Cell]) -> None:
        """Show ``row`` instead of the row ``number`` (in place)."""
        for column, (content, before) in enumerate(zip(row, self._shown[number], strict=True)):
            if content != before:
                _update(self.item(number, column), content, before)
        self._shown[number] = list(row)

    def _reset(self, rows: list[list[Cell]]) -> None:
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            self.setRowCount(0)
            for row in rows:
                self.appendRow([_item(content) for content in row])
        finally:
            self.blockSignals(blocked)
        self._shown = rows
        self.endResetModel()
