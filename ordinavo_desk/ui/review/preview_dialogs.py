"""Previews before several items are decided at once: the related items a decision would
settle too, and "confirm every item whose top candidate is confident" for a selection.
Nothing is recorded until the reviewer says so; both run as one step and undo as one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.services.bulk_review import BulkLine, BulkSkip
from ordinavo_desk.services.related_items import RelatedItem
from ordinavo_desk.ui.background import Background
from ordinavo_desk.ui.review.warning_texts import warning_text
from ordinavo_desk.ui.rows_model import RowsModel


def _table(model: RowsModel[object], name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class RelatedItemsDialog(QDialog):
    """The open items the decision would settle too, each with its proposed Choose; the
    checked ones are decided together (Space toggles, Enter decides them)."""

    def __init__(
        self,
        decided_label: str,
        items: Sequence[RelatedItem],
        customer_label: Callable[[int | None], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("relatedItems")
        self.setWindowTitle(self.tr("Related items"))
        self.resize(780, 380)
        because = {
            "externalId": self.tr("same customer reference"),
            "batch": self.tr("same customer in the batch"),
        }
        self.model: RowsModel[RelatedItem] = RowsModel(
            [
                (self.tr("Item"), lambda r: r.external_id),
                (self.tr("Related by"), lambda r: because.get(r.because, r.because)),
                (self.tr("Would link to"), lambda r: customer_label(r.links.customer_id)),
                (
                    self.tr("Location"),
                    lambda r: str(r.links.location_id) if r.links.location_id else self.tr("—"),
                ),
                (
                    self.tr("Warnings"),
                    lambda r: ", ".join(warning_text(code).badge for code in r.warnings),
                ),
            ],
            self,
            checkable=lambda _r: True,
        )
        self.model.set_rows(items)
        self.table = _table(self.model, "relatedTable")  # type: ignore[arg-type]
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 190)
        self.table.setColumnWidth(2, 200)
        if items:
            self.table.selectRow(0)
        heading = QLabel(
            self.tr(
                "{decided} settles these open items too. Decide the checked ones the same "
                "way? (Space checks or unchecks, Enter decides.)"
            ).format(decided=decided_label)
        )
        heading.setObjectName("relatedHeading")
        heading.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Decide checked items"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Not now"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> list[RelatedItem]:
        return self.model.checked_rows()


class BulkConfirmDialog(QDialog):
    """Preview of "confirm every item whose top candidate is confident" for the selected
    items, with the warning kinds that may be confirmed anyway."""

    def __init__(
        self,
        preview: Callable[[frozenset[str]], Sequence[BulkLine]],
        warning_codes: Sequence[str],
        background: Background,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bulkConfirm")
        self.setWindowTitle(self.tr("Confirm confident items"))
        self.resize(860, 480)
        self._preview = preview
        self._background = background
        self._asked = 0
        self.previews = 0  # previews shown (tests wait on it)
        self.lines: list[BulkLine] = []
        self.allow: dict[str, QCheckBox] = {}
        allow_box = QGroupBox(self.tr("Confirm even with these warnings"))
        allow_row = QHBoxLayout(allow_box)
        for code in warning_codes:
            box = QCheckBox(warning_text(code).badge)
            box.setObjectName(f"allow_{code}")
            box.setToolTip(warning_text(code).explanation)
            box.toggled.connect(self.refresh)
            allow_row.addWidget(box)
            self.allow[code] = box
        if not warning_codes:
            allow_row.addWidget(QLabel(self.tr("The selected items have no warnings.")))
        allow_row.addStretch(1)
        self.model: RowsModel[BulkLine] = RowsModel(
            [
                (self.tr("Item"), lambda b: b.external_id),
                (self.tr("Incoming customer"), lambda b: b.incoming_name or ""),
                (self.tr("What happens"), self._what),
            ],
            self,
        )
        self.table = _table(self.model, "bulkTable")  # type: ignore[arg-type]
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 240)
        self.summary = QLabel()
        self.summary.setObjectName("bulkSummary")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.run: QPushButton = buttons.addButton(
            self.tr("Confirm"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.run.setObjectName("bulkRun")
        self.run.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(allow_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.refresh()

    def allowed(self) -> frozenset[str]:
        return frozenset(code for code, box in self.allow.items() if box.isChecked())

    def refresh(self) -> None:
        self._asked += 1
        asked, allowed = self._asked, self.allowed()
        self.run.setEnabled(False)
        self.summary.setText(self.tr("Working out what would happen…"))
        self._background.submit(
            lambda: list(self._preview(allowed)),
            lambda lines: self._show(asked, lines),
            lambda error: self.summary.setText(str(error)),
        )

    def _show(self, asked: int, lines: list[BulkLine]) -> None:
        if asked != self._asked:
            return
        self.lines = lines
        self.model.set_rows(lines)
        runs = sum(1 for line in lines if line.runs)
        self.summary.setText(
            self.tr("{runs} of {total} selected items will be confirmed; the others stay.").format(
                runs=runs, total=len(lines)
            )
        )
        self.run.setText(self.tr("Confirm %n item(s)", "", runs))
        self.run.setEnabled(runs > 0)
        self.previews += 1

    def _what(self, line: BulkLine) -> str:
        if line.runs:
            return self.tr("Confirm → {customer}").format(
                customer=line.customer_name or line.customer_id
            )
        reasons = {
            BulkSkip.NOT_OPEN: self.tr("stays: already decided"),
            BulkSkip.NOT_MAPPED: self.tr("stays: not mapped for this version"),
            BulkSkip.NO_CANDIDATE: self.tr("stays: no candidate"),
            BulkSkip.NOT_CONFIDENT: self.tr("stays: top candidate not confident"),
        }
        if line.skip is BulkSkip.WARNINGS:
            return self.tr("stays: {warnings}").format(
                warnings=", ".join(warning_text(code).badge for code in line.blocking)
            )
        assert line.skip is not None
        return reasons[line.skip]

    def to_run(self) -> list[BulkLine]:
        return [line for line in self.lines if line.runs]
