"""The ranked candidates of the selected item as a table: rank, customer, location, score,
outcome, distance and one line of reasons."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QFont

from ordinavo_desk.domain.enums import CandidateOutcome
from ordinavo_desk.services.item_view import CandidateView
from ordinavo_desk.ui.review.reason_texts import reason_line
from ordinavo_desk.ui.roles import ALIGNMENT, DISPLAY, FONT, TOOLTIP
from ordinavo_desk.ui.standard_table import Cell, StandardTable, cell
from ordinavo_desk.ui.units import distance_text

RANK, CUSTOMER, LOCATION, SCORE, OUTCOME, DISTANCE, REASONS = range(7)


def outcome_text(outcome: CandidateOutcome) -> str:
    return {
        CandidateOutcome.CONFIDENT: QCoreApplication.translate("CandidatesModel", "confident"),
        CandidateOutcome.AMBIGUOUS: QCoreApplication.translate("CandidatesModel", "ambiguous"),
        CandidateOutcome.BELOW_THRESHOLD: QCoreApplication.translate(
            "CandidatesModel", "below threshold"
        ),
    }.get(outcome, str(outcome))


class CandidatesModel(StandardTable):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            (
                self.tr("#"),
                self.tr("Customer"),
                self.tr("Location"),
                self.tr("Score"),
                self.tr("Outcome"),
                self.tr("Distance"),
                self.tr("Why"),
            ),
            parent,
        )
        self._rows: tuple[CandidateView, ...] = ()
        self._bold = QFont()
        self._bold.setBold(True)
        self._right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_candidates(self, rows: Sequence[CandidateView]) -> None:
        self._rows = tuple(rows)
        self.replace_rows(self._cells(candidate) for candidate in self._rows)

    def _cells(self, candidate: CandidateView) -> list[Cell]:
        font = self._bold if candidate.proposed else None
        reasons = reason_line(candidate.reasons)
        cells = []
        for column in range(self.columnCount()):
            tooltip = None
            if column == REASONS:
                tooltip = reasons.replace(" · ", "\n")
            elif column == RANK and candidate.proposed:
                tooltip = self.tr("The rules propose this candidate")
            cells.append(
                cell(
                    {
                        DISPLAY: reasons if column == REASONS else self._display(candidate, column),
                        FONT: font,
                        ALIGNMENT: self._right if column in {RANK, SCORE, DISTANCE} else None,
                        TOOLTIP: tooltip,
                    }
                )
            )
        return cells

    def candidate(self, row: int) -> CandidateView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

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
