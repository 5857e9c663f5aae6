"""Item data roles as plain ints, for models' ``data()``: views ask for a dozen roles per
cell on every paint, and looking ``Qt.ItemDataRole.X`` up each time costs more than the
answer."""

from __future__ import annotations

from PySide6.QtCore import Qt

DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
EDIT = int(Qt.ItemDataRole.EditRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
FONT = int(Qt.ItemDataRole.FontRole.value)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
CHECK_STATE = int(Qt.ItemDataRole.CheckStateRole.value)
USER = int(Qt.ItemDataRole.UserRole.value)
