"""Flat tables whose cells live in Qt (``QStandardItemModel``), for the tables that change
with every item on screen: views ask a model for about eight roles per cell on every
paint, and a model answering in Python costs milliseconds per paint where Qt's own answers
in microseconds. The rows are made once per item instead."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

#: What a cell may do unless told otherwise: be selected (not edited, not dragged).
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDITABLE = READ_ONLY | Qt.ItemFlag.ItemIsEditable


def cell(roles: Mapping[int, Any], flags: Qt.ItemFlag = READ_ONLY) -> QStandardItem:
    """A cell with these roles set (roles whose value is None are left unset)."""
    item = QStandardItem()
    item.setFlags(flags)
    for role, value in roles.items():
        if value is not None:
            item.setData(value, role)
    return item


class StandardTable(QStandardItemModel):
    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))

    def replace_rows(self, rows: Iterable[Sequence[QStandardItem]]) -> None:
        """Every row at once, as one reset: views read the table once, not once per cell."""
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            self.setRowCount(0)
            for row in rows:
                self.appendRow(list(row))
        finally:
            self.blockSignals(blocked)
        self.endResetModel()
