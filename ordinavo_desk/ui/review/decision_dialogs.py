"""The small dialogs of a decision: Reject (reason code, text), Defer (date, note), and a
candidate's other locations (or a new location for it). Each opens with the keyboard in
its first field; Enter accepts, Escape cancels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.domain.enums import RejectReason
from ordinavo_desk.domain.reference import Location
from ordinavo_desk.ui.rows_model import RowsModel


def reject_reason_text(reason: RejectReason) -> str:
    return {
        RejectReason.NOT_OUR_CUSTOMER: QCoreApplication.translate(
            "RejectDialog", "Not our customer"
        ),
        RejectReason.DUPLICATE_JOB: QCoreApplication.translate("RejectDialog", "Duplicate job"),
        RejectReason.BAD_DATA: QCoreApplication.translate("RejectDialog", "Bad data"),
        RejectReason.OTHER: QCoreApplication.translate("RejectDialog", "Other"),
    }[reason]


class RejectDialog(QDialog):
    def __init__(self, item_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejectDialog")
        self.setWindowTitle(self.tr("Reject {item}").format(item=item_label))
        self.reason = QComboBox()
        self.reason.setObjectName("rejectReason")
        for code in RejectReason:
            self.reason.addItem(reject_reason_text(code), code.value)
        self.text = QLineEdit()
        self.text.setObjectName("rejectText")
        self.text.setPlaceholderText(self.tr("Optional: why"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reject"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Reason:"), self.reason)
        form.addRow(self.tr("&Text:"), self.text)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def choice(self) -> tuple[RejectReason, str | None]:
        return RejectReason(self.reason.currentData()), self.text.text().strip() or None


class DeferDialog(QDialog):
    def __init__(self, item_label: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deferDialog")
        self.setWindowTitle(self.tr("Defer {item}").format(item=item_label))
        self.has_date = QCheckBox(self.tr("&Until"))
        self.has_date.setObjectName("deferHasDate")
        self.until = QDateEdit()
        self.until.setObjectName("deferUntil")
        self.until.setCalendarPopup(True)
        self.until.setMinimumDate(QDate(today.year, today.month, today.day))
        tomorrow = QDate(today.year, today.month, today.day).addDays(1)
        self.until.setDate(tomorrow)
        self.until.setEnabled(False)
        self.has_date.toggled.connect(self.until.setEnabled)
        self.note = QLineEdit()
        self.note.setObjectName("deferNote")
        self.note.setPlaceholderText(self.tr("Optional: a note for whoever picks it up"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Defer"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.has_date, self.until)
        form.addRow(self.tr("&Note:"), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.note.setFocus()

    def choice(self) -> tuple[date | None, str | None]:
        until = self.until.date().toPython() if self.has_date.isChecked() else None
        assert until is None or isinstance(until, date)
        return until, self.note.text().strip() or None


@dataclass(frozen=True, slots=True)
class LocationChoice:
    """A row of the location picker: one of the customer's locations, or a new one."""

    location: Location | None  # None: a new location from what came in
    label: str
    detail: str


class LocationPickerDialog(QDialog):
    """The chosen candidate's other locations, and "a new location from the incoming one"."""

    def __init__(
        self,
        customer_label: str,
        locations: Sequence[Location],
        *,
        may_create: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("locationPicker")
        self.setWindowTitle(self.tr("Locations of {customer}").format(customer=customer_label))
        self.resize(640, 360)
        rows = [
            LocationChoice(
                loc,
                loc.name or self.tr("location {id}").format(id=loc.id),
                ", ".join(
                    p
                    for p in (loc.street, " ".join(x for x in (loc.postal_code, loc.city) if x))
                    if p
                ),
            )
            for loc in locations
        ]
        if may_create:
            rows.append(
                LocationChoice(
                    None,
                    self.tr("New location"),
                    self.tr(
                        "created for this customer from the incoming location (with corrections)"
                    ),
                )
            )
        self.model: RowsModel[LocationChoice] = RowsModel(
            [(self.tr("Location"), lambda r: r.label), (self.tr("Address"), lambda r: r.detail)],
            self,
        )
        self.model.set_rows(rows)
        self.table = QTableView()
        self.table.setObjectName("locationTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 200)
        self.table.doubleClicked.connect(self.accept)
        if rows:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("↑/↓ to pick, Enter to choose, Escape to go back."))
        hint.setObjectName("locationHint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def choice(self) -> LocationChoice | None:
        index = self.table.currentIndex()
        return self.model.row_object(index.row()) if index.isValid() else None
