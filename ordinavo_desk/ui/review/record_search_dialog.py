"""Search every customer and location of the tenant (offline, in the store) to choose a
record the engine did not propose. Typing searches after a short pause; Enter chooses."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.services.record_search import RecordHit
from ordinavo_desk.ui.background import Background
from ordinavo_desk.ui.rows_model import RowsModel

SEARCH_DELAY_MS = 200


class RecordSearchDialog(QDialog):
    def __init__(
        self,
        search: Callable[[str], Sequence[RecordHit]],
        background: Background,
        initial: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recordSearch")
        self.setWindowTitle(self.tr("Choose any customer or location"))
        self.resize(760, 420)
        self._search = search
        self._background = background
        self._asked = 0
        self.searches = 0  # answers shown (tests wait on it)
        self.query = QLineEdit(initial)
        self.query.setObjectName("recordQuery")
        self.query.setPlaceholderText(self.tr("Name, customer number, street, postal code or city"))
        self.query.setClearButtonEnabled(True)
        self.query.installEventFilter(self)
        self.model: RowsModel[RecordHit] = RowsModel(
            [
                (self.tr("Customer"), lambda h: h.customer_name or ""),
                (self.tr("Number"), lambda h: h.customer_number or ""),
                (self.tr("Status"), lambda h: h.customer_status),
                (self.tr("Location"), lambda h: h.location_name or ""),
                (
                    self.tr("Address"),
                    lambda h: ", ".join(
                        p
                        for p in (h.street, " ".join(x for x in (h.postal_code, h.city) if x))
                        if p
                    ),
                ),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("recordTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((220, 100, 70, 120)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self.accept)
        self.status = QLabel(self.tr("Type to search."))
        self.status.setObjectName("recordStatus")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(SEARCH_DELAY_MS)
        self._typing.timeout.connect(self._run)
        self.query.textChanged.connect(self._typing.start)
        if initial:
            self._typing.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down in the query field move through the hits."""
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in {Qt.Key.Key_Down, Qt.Key.Key_Up}:
                row = self.table.currentIndex().row()
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                wanted = max(0, min(self.model.rowCount() - 1, row + step))
                if self.model.rowCount():
                    self.table.selectRow(wanted)
                return True
        return super().eventFilter(watched, event)

    def _run(self) -> None:
        text = self.query.text().strip()
        self._asked += 1
        asked = self._asked
        if not text:
            self.model.set_rows(())
            self.status.setText(self.tr("Type to search."))
            return
        self.status.setText(self.tr("Searching…"))
        self._background.submit(
            lambda: list(self._search(text)),
            lambda hits: self._show(asked, hits),
            lambda error: self.status.setText(str(error)),
        )

    def _show(self, asked: int, hits: list[RecordHit]) -> None:
        if asked != self._asked:
            return  # a newer search is on its way
        self.model.set_rows(hits)
        self.searches += 1
        self.status.setText(self.tr("%n record(s) found", "", len(hits)))
        if hits:
            self.table.selectRow(0)

    def choice(self) -> RecordHit | None:
        index = self.table.currentIndex()
        return self.model.row_object(index.row()) if index.isValid() else None
