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

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from ordinavo_desk.domain.mapping import Reason
from ordinavo_desk.services.item_view import MASK, FieldPair
from ordinavo_desk.services.text_diff import Span, diff_spans
from ordinavo_desk.ui.review.reason_texts import comparison_text, contribution_text, field_name
from ordinavo_desk.ui.roles import DISPLAY, EDIT, FONT, TOOLTIP
from ordinavo_desk.ui.standard_table import EDITABLE, READ_ONLY, Cell, StandardTable, cell

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


class CompareModel(StandardTable):
    corrections_changed = Signal()
    #: ``marked_rows`` changed.
    marks_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            (
                self.tr("Field"),
                self.tr("Incoming"),
                self.tr("Candidate"),
                self.tr("How it compared"),
            ),
            parent,
        )
        self._rows: tuple[FieldPair, ...] = ()
        self._reasons: dict[str, Reason] = {}
        self._corrected: dict[str, str] = {}
        #: The rows with differences to mark within their values.
        self.marked_rows: frozenset[int] = frozenset()
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- content ---------------------------------------------------------------------------

    def set_fields(
        self,
        rows: Sequence[FieldPair],
        reasons: Sequence[Reason] = (),
        *,
        keep_corrections: bool = False,
    ) -> None:
        self._rows = tuple(rows)
        self._reasons = {reason.field: reason for reason in reasons}
        if not keep_corrections:
            self._corrected = {}
        self.replace_rows(self._cells(pair) for pair in self._rows)
        self._find_marked()

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

    def apply_corrections(self, corrected: Mapping[str, str]) -> None:
        """Take over corrections made on another candidate's comparison (the item's)."""
        self._corrected = {k: v for k, v in corrected.items() if self.row_of(k) >= 0}
        for key in self._corrected:
            self._refresh(self.row_of(key))
        self._find_marked()

    @property
    def corrected_values(self) -> dict[str, str]:
        return dict(self._corrected)

    def incoming_text(self, row: int) -> str:
        """What came in for the field (as corrected), for an editor: blank when nothing
        came (the cell shows "(not given)" then)."""
        pair = self.field_pair(row)
        return (self._incoming(pair) or "") if pair is not None else ""

    # -- editing ---------------------------------------------------------------------------

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != EDIT or not index.isValid() or index.column() != INCOMING:
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
        self._refresh(index.row())
        self._find_marked()
        self.corrections_changed.emit()
        return True

    # -- the cells -------------------------------------------------------------------------

    def _find_marked(self) -> None:
        marked = frozenset(
            row
            for row in range(self.rowCount())
            if self.item(row, INCOMING).data(DIFF_ROLE) or self.item(row, STORED).data(DIFF_ROLE)
        )
        if marked != self.marked_rows:
            self.marked_rows = marked
            self.marks_changed.emit()

    def _refresh(self, row: int) -> None:
        """Make a row's cells again (after its correction changed)."""
        self.replace_row(row, self._cells(self._rows[row]))

    def _cells(self, pair: FieldPair) -> list[Cell]:
        state = self._state(pair)
        spans = self._spans_of(pair) if state in {"differs", "corrected"} else ((), ())
        shared = {STATE_ROLE: state, KEY_ROLE: pair.key}
        return [
            cell(
                {
                    DISPLAY: self._display(pair, FIELD),
                    FONT: self._bold if pair.state == "differs" else None,
                    TOOLTIP: self._tooltip(pair, FIELD),
                    **shared,
                }
            ),
            cell(
                {
                    DISPLAY: self._display(pair, INCOMING),
                    FONT: self._italic if pair.key in self._corrected else None,
                    TOOLTIP: self._tooltip(pair, INCOMING),
                    DIFF_ROLE: spans[0],
                    **shared,
                },
                EDITABLE if pair.key in CORRECTABLE else READ_ONLY,
            ),
            cell(
                {
                    DISPLAY: self._display(pair, STORED),
                    TOOLTIP: self._tooltip(pair, STORED),
                    DIFF_ROLE: spans[1],
                    **shared,
                }
            ),
            cell({DISPLAY: self._display(pair, HOW), TOOLTIP: self._tooltip(pair, HOW), **shared}),
        ]

    def _incoming(self, pair: FieldPair) -> str | None:
        return self._corrected.get(pair.key, pair.incoming)

    def _state(self, pair: FieldPair) -> str:
        return "corrected" if pair.key in self._corrected else pair.state

    def _display(self, pair: FieldPair, column: int) -> str:
        if column == FIELD:
            return field_name(pair.key)
        if column == INCOMING:
            value = self._incoming(pair)
            return self.tr("(not given)") if value is None else value
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
