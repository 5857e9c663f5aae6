"""The review queue panel: search, filters, the table and the progress line."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.domain.enums import MappingStatus
from ordinavo_desk.services.queue_service import QueueFilter
from ordinavo_desk.ui.queue_model import ITEM_ID_ROLE, QueueTableModel

#: Typing in the search field reloads the queue this long after the last key.
SEARCH_DELAY_MS = 250


class QueueView(QWidget):
    """Emits ``filter_changed`` with the new filter; the owner reloads the model."""

    filter_changed = Signal(object)
    item_selected = Signal(object)  # the item id, or None

    def __init__(self, model: QueueTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueView")
        self.model = model

        self.search = QLineEdit()
        self.search.setObjectName("queueSearch")
        self.search.setPlaceholderText(self.tr("Search customer, city or job ID"))
        self.search.setClearButtonEnabled(True)
        self.state = QComboBox()
        self.state.setObjectName("queueState")
        for label, value in (
            (self.tr("To review"), "open"),
            (self.tr("Reviewed"), "reviewed"),
            (self.tr("All items"), ""),
        ):
            self.state.addItem(label, value)
        self.status = QComboBox()
        self.status.setObjectName("queueStatus")
        self.status.addItem(self.tr("Any status"), "")
        for status in MappingStatus:
            self.status.addItem(status.value, status.value)

        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(8, Qt.SortOrder.AscendingOrder)  # arrival (age)
        for column, width in enumerate((140, 80, 180, 220, 120, 90, 70, 80, 60)):
            self.table.setColumnWidth(column, width)

        self.progress = QLabel()
        self.progress.setObjectName("queueProgress")
        self.count = QLabel()
        self.count.setObjectName("queueCount")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.state)
        filters.addWidget(self.status)
        footer = QHBoxLayout()
        footer.addWidget(self.count)
        footer.addStretch(1)
        footer.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(SEARCH_DELAY_MS)
        self._typing.timeout.connect(self._emit_filter)
        self.search.textChanged.connect(self._typing.start)
        self.state.currentIndexChanged.connect(self._emit_filter)
        self.status.currentIndexChanged.connect(self._emit_filter)
        model.loaded.connect(self._show_count)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._current_changed)

    def current_filter(self) -> QueueFilter:
        status = self.status.currentData()
        return QueueFilter(
            state=str(self.state.currentData()),
            statuses=frozenset({status}) if status else frozenset(),
            text=self.search.text().strip(),
        )

    def _emit_filter(self) -> None:
        self.filter_changed.emit(self.current_filter())

    def _show_count(self, count: int) -> None:
        self.count.setText(self.tr("%n item(s)", "", count))

    def show_progress(self, reviewed: int, total: int) -> None:
        self.progress.setText(
            self.tr("{reviewed} of {total} reviewed").format(
                reviewed=f"{reviewed:,}", total=f"{total:,}"
            )
        )

    def _current_changed(self, current: object, _previous: object) -> None:
        index = self.table.currentIndex()
        item_id = self.model.data(index, ITEM_ID_ROLE) if index.isValid() else None
        self.item_selected.emit(item_id)
