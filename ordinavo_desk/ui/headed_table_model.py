"""The shared part of the window's flat table models: rows in ``self._rows`` and one
header per column in ``self._headers`` (subclasses fill both and answer ``data``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ordinavo_desk.ui.roles import DISPLAY

_Index = QModelIndex | QPersistentModelIndex


class HeadedTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Any, ...] = ()
        self._headers: tuple[str, ...] = ()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == DISPLAY
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None
