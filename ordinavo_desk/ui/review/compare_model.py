"""The comparison of the selected item with one candidate, field by field.

Columns: the field, what came in, what the candidate's record has, and how the engine
compared them (with the field's contribution to the score). Differences are marked also
within values (``DIFF_ROLE`` gives the runs for the delegate to paint). What came in can be
corrected in place (before Create new or Choose with a new location): the corrected value
is shown in the "Incoming" column and collected by :meth:`CompareModel.corrections`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from ordinavo_desk.domain.mapping import Reason
from ordinavo_desk.services.item_view import MASK, FieldPair
from ordinavo_desk.services.text_diff import Span, diff_spans
from ordinavo_desk.ui.headed_table_model import HeadedTableModel
from ordinavo_desk.ui.review.reason_texts import comparison_text, contribution_text, field_name
from ordinavo_desk.ui.roles import DISPLAY, EDIT, FONT, TOOLTIP

_Index = QModelIndex | QPersistentModelIndex

FIELD, INCOMING, STORED, HOW = range(4)
#: The runs of a value cell: a tuple of :class:`Span`.
DIFF_ROLE = int(Qt.ItemDataRole.UserRole.value) + 10
#: The row's state: same / differs / incoming-only / stored-only / empty / corrected.
STATE_ROLE = int(Qt.ItemDataRole.UserRole.value) + 11
KEY_ROLE = int(Qt.ItemDataRole.UserRole.value) + 12

#: Fields whose incoming value can be corrected (coordinates as "lat, lon").
CORRECTABLE = frozenset(
    {
        "customer.name",
        "customer.customerNumber",
        "customer.type",
        "customer.industry",
        "location.name",
        "location.street",
        "location.postalCode",
        "location.city",
        "location.country",
        "location.coordinates",
        "contact.role",
    }
)


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """``"51.45, 7.01"`` → (51.45, 7.01); None if it is not a valid pair."""
    parts = text.replace(";", ",").split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0].strip()), float(parts[1].strip())
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return lat, lon


class CompareModel(HeadedTableModel):
    corrections_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[FieldPair, ...] = ()
        self._reasons: dict[str, Reason] = {}
        self._corrected: dict[str, str] = {}
        self._forget()
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._headers = (
            self.tr("Field"),
            self.tr("Incoming"),
            self.tr("Candidate"),
            self.tr("How it compared"),
        )

    # -- content ---------------------------------------------------------------------------

    def set_fields(
        self,
        rows: Sequence[FieldPair],
        reasons: Sequence[Reason] = (),
        *,
        keep_corrections: bool = False,
    ) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._reasons = {reason.field: reason for reason in reasons}
        if not keep_corrections:
            self._corrected = {}
        self._forget()
        self.endResetModel()

    def _forget(self) -> None:
        """Drop the texts worked out for painting (after the rows or corrections changed)."""
        self._texts: dict[int, tuple[str, ...]] = {}
        self._spans: dict[int, tuple[tuple[Span, ...], tuple[Span, ...]]] = {}

    def field_pair(self, row: int) -> FieldPair | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: str) -> int:
        return next((i for i, pair in enumerate(self._rows) if pair.key == key), -1)

    def corrections(self) -> dict[str, dict[str, Any]]:
        """The reviewer's corrections, keyed by DTO as a decision carries them."""
        out: dict[str, dict[str, Any]] = {}
        for key, value in self._corrected.items():
            section, name = key.split(".", 1)
            if name == "coordinates":
                found = parse_coordinates(value)
                if found is not None:
                    out.setdefault(section, {}).update(latitude=found[0], longitude=found[1])
                continue
            out.setdefault(section, {})[name] = value or None
        return out

    def has_corrections(self) -> bool:
        return bool(self._corrected)

    def clear_corrections(self) -> None:
        if self._corrected:
            self.set_fields(self._rows, tuple(self._reasons.values()))
            self.corrections_changed.emit()

    # -- the model -------------------------------------------------------------------------

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        pair = self._rows[index.row()]
        if index.column() == INCOMING and pair.key in CORRECTABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def _incoming(self, pair: FieldPair) -> str | None:
        return self._corrected.get(pair.key, pair.incoming)

    def _state(self, pair: FieldPair) -> str:
        return "corrected" if pair.key in self._corrected else pair.state

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        pair = self._rows[row]
        column = index.column()
        if role == DISPLAY:
            texts = self._texts.get(row)
            if texts is None:
                texts = tuple(self._display(pair, c) for c in range(len(self._headers)))
                self._texts[row] = texts
            return texts[column]
        if role == DIFF_ROLE:
            if column not in {INCOMING, STORED}:
                return None
            spans = self._spans.get(row)
            if spans is None:
                spans = self._spans[row] = self._spans_of(pair)
            return spans[0 if column == INCOMING else 1]
        if role == STATE_ROLE:
            return self._state(pair)
        if role == FONT:
            if column == FIELD:
                return self._bold if pair.state == "differs" else None
            if column == INCOMING and pair.key in self._corrected:
                return self._italic
            return None
        if role == EDIT:
            return self._display(pair, column, editing=True)
        if role == KEY_ROLE:
            return pair.key
        if role == TOOLTIP:
            return self._tooltip(pair, column)
        return None

    def _display(self, pair: FieldPair, column: int, *, editing: bool = False) -> str:
        if column == FIELD:
            return field_name(pair.key)
        if column == INCOMING:
            value = self._incoming(pair)
            if value is None and not editing:
                return self.tr("(not given)")
            return value or ""
        if column == STORED:
            return pair.stored if pair.stored is not None else self.tr("(none)")
        if column == HOW:
            reason = self._reasons.get(pair.key)
            if reason is None:
                return ""
            return f"{comparison_text(reason.comparison)}  {contribution_text(reason.contribution)}"
        return ""

    def _spans_of(self, pair: FieldPair) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
        incoming = self._incoming(pair)
        if pair.personal or incoming is None or pair.stored is None:
            # one side missing, or masked: nothing to point at within the value
            return (), ()
        return diff_spans(incoming, pair.stored)

    def _tooltip(self, pair: FieldPair, column: int) -> str | None:
        if column == INCOMING and pair.key in self._corrected:
            return self.tr("Corrected; it came in as: {value}").format(
                value=pair.incoming if pair.incoming is not None else self.tr("(not given)")
            )
        if column == INCOMING and pair.key in CORRECTABLE:
            return self.tr("F2 or double-click to correct")
        if pair.personal and MASK in {pair.incoming, pair.stored}:
            return self.tr("Hidden personal data: Reveal (Ctrl+Shift+P) to show it")
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != INCOMING:
            return False
        pair = self._rows[index.row()]
        if pair.key not in CORRECTABLE:
            return False
        text = str(value).strip()
        if pair.key == "location.coordinates" and text and parse_coordinates(text) is None:
            return False
        if text == (pair.incoming or ""):
            self._corrected.pop(pair.key, None)
        else:
            self._corrected[pair.key] = text
        self._texts.pop(index.row(), None)
        self._spans.pop(index.row(), None)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), HOW))
        self.corrections_changed.emit()
        return True

    def apply_corrections(self, corrected: Mapping[str, str]) -> None:
        """Take over corrections made on another candidate's comparison (the item's)."""
        self._corrected = {k: v for k, v in corrected.items() if self.row_of(k) >= 0}
        self._forget()

    @property
    def corrected_values(self) -> dict[str, str]:
        return dict(self._corrected)
