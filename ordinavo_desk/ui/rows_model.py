"""A table model over immutable row objects with columns given as (header, text of a row),
optionally with a check box per row (to pick rows of a preview)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ordinavo_desk.ui.roles import CHECK_STATE, DISPLAY, TOOLTIP

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex

Column = tuple[str, Callable[[Any], str]]


class RowsModel(QAbstractTableModel, Generic[T]):
    def __init__(
        self,
        columns: Sequence[Column],
        parent: QObject | None = None,
        *,
        checkable: Callable[[Any], bool] | None = None,
        tooltip: Callable[[Any], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._headers = tuple(header for header, _text in columns)
        self._rows: tuple[T, ...] = ()
        self._checked: list[bool] = []
        self._checkable = checkable
        self._tooltip = tooltip

    def set_rows(self, rows: Sequence[T], *, checked: bool = True) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._checked = [
            checked and (self._checkable is None or self._checkable(row)) for row in self._rows
        ]
        self.endResetModel()

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

    def row_object(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def rows(self) -> tuple[T, ...]:
        return self._rows

    def checked_rows(self) -> list[T]:
        return [row for row, on in zip(self._rows, self._checked, strict=True) if on]

    def _is_checkable(self, row: int) -> bool:
        return self._checkable is not None and self._checkable(self._rows[row])

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and self._is_checkable(index.row()):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == DISPLAY:
            return self._columns[index.column()][1](row)
        if role == CHECK_STATE and index.column() == 0 and self._is_checkable(index.row()):
            return Qt.CheckState.Checked if self._checked[index.row()] else Qt.CheckState.Unchecked
        if role == TOOLTIP and self._tooltip is not None:
            return self._tooltip(row)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or index.column() != 0
            or not self._is_checkable(index.row())
        ):
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        self._checked[index.row()] = state == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
