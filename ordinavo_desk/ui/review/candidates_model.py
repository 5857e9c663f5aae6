"""The ranked candidates of the selected item as a table: rank, customer, location, score,
outcome, distance and one line of reasons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from ordinavo_desk.domain.enums import CandidateOutcome
from ordinavo_desk.services.item_view import CandidateView
from ordinavo_desk.ui.headed_table_model import HeadedTableModel
from ordinavo_desk.ui.review.reason_texts import reason_line
from ordinavo_desk.ui.roles import ALIGNMENT, DISPLAY, FONT, TOOLTIP
from ordinavo_desk.ui.units import distance_text

_Index = QModelIndex | QPersistentModelIndex

RANK, CUSTOMER, LOCATION, SCORE, OUTCOME, DISTANCE, REASONS = range(7)


def outcome_text(outcome: CandidateOutcome) -> str:
    return {
        CandidateOutcome.CONFIDENT: QCoreApplication.translate("CandidatesModel", "confident"),
        CandidateOutcome.AMBIGUOUS: QCoreApplication.translate("CandidatesModel", "ambiguous"),
        CandidateOutcome.BELOW_THRESHOLD: QCoreApplication.translate(
            "CandidatesModel", "below threshold"
        ),
    }.get(outcome, str(outcome))


class CandidatesModel(HeadedTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[CandidateView, ...] = ()
        self._texts: list[tuple[str, ...]] = []
        self._reasons: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = (
            self.tr("#"),
            self.tr("Customer"),
            self.tr("Location"),
            self.tr("Score"),
            self.tr("Outcome"),
            self.tr("Distance"),
            self.tr("Why"),
        )

    def set_candidates(self, rows: Sequence[CandidateView]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        # the texts once per item: views ask for them many times while painting
        self._texts = [
            tuple(self._display(row, column) for column in range(len(self._headers)))
            for row in self._rows
        ]
        self._reasons = [reason_line(row.reasons).replace(" · ", "\n") for row in self._rows]
        self.endResetModel()

    def candidate(self, row: int) -> CandidateView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        column = index.column()
        if role == DISPLAY:
            return self._texts[row][column]
        candidate = self._rows[row]
        if role == FONT:
            return self._bold if candidate.proposed else None
        if role == ALIGNMENT:
            if column in {RANK, SCORE, DISTANCE}:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == TOOLTIP:
            if column == REASONS:
                return self._reasons[row]
            if column == RANK and candidate.proposed:
                return self.tr("The rules propose this candidate")
        return None

    def _display(self, candidate: CandidateView, column: int) -> str:
        if column == RANK:
            return f"{candidate.rank}"
        if column == CUSTOMER:
            name = candidate.customer_name or self.tr("customer {id}").format(
                id=candidate.customer_id
            )
            if candidate.customer_status is not None and candidate.customer_status != "Active":
                return f"{name} ({candidate.customer_status.value})"
            return name
        if column == LOCATION:
            location = candidate.location
            if location is None:
                return self.tr("(no location)")
            parts = (
                location.street,
                " ".join(p for p in (location.postal_code, location.city) if p),
            )
            return ", ".join(p for p in parts if p) or location.name or f"#{location.id}"
        if column == SCORE:
            return f"{candidate.score:.2f}"
        if column == OUTCOME:
            return outcome_text(candidate.outcome)
        if column == DISTANCE:
            return distance_text(candidate.distance_m) if candidate.distance_m is not None else ""
        if column == REASONS:
            return reason_line(candidate.reasons)
        return ""
