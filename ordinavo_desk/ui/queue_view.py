"""The review queue panel: search, filters, the table and the progress line."""

from __future__ import annotations

from datetime import date, timedelta

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

from ordinavo_desk.domain.enums import MappingStatus, Strategy, WarningCode
from ordinavo_desk.services.queue_service import QueueFilter
from ordinavo_desk.ui.queue_model import (
    ARRIVAL_COLUMN,
    ITEM_ID_ROLE,
    WARNINGS_COLUMN,
    WARNINGS_ROLE,
    QueueTableModel,
)
from ordinavo_desk.ui.review.reason_texts import status_text
from ordinavo_desk.ui.review.warning_badges import BadgeDelegate
from ordinavo_desk.ui.review.warning_texts import warning_text

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
            self.status.addItem(status_text(status.value), status.value)
        self.warning = QComboBox()
        self.warning.setObjectName("queueWarning")
        self.warning.addItem(self.tr("Any warning"), "")
        for code in WarningCode:
            self.warning.addItem(warning_text(code.value).badge, code.value)
            self.warning.setItemData(
                self.warning.count() - 1,
                warning_text(code.value).explanation,
                Qt.ItemDataRole.ToolTipRole,
            )
        self.strategy = QComboBox()
        self.strategy.setObjectName("queueStrategy")
        self.strategy.addItem(self.tr("Any strategy"), "")
        for strategy in Strategy:
            self.strategy.addItem(strategy.value, strategy.value)
        self.due = QComboBox()
        self.due.setObjectName("queueDue")
        for label, days in (
            (self.tr("Any due date"), None),
            (self.tr("Due today or earlier"), 0),
            (self.tr("Due within 7 days"), 7),
        ):
            self.due.addItem(label, days)

        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setItemDelegateForColumn(
            WARNINGS_COLUMN, BadgeDelegate(WARNINGS_ROLE, self.table)
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # rows are selected whole: highlighting the header would bold every section and
        # repaint the header at every move
        header.setHighlightSections(False)
        header.setSortIndicator(ARRIVAL_COLUMN, Qt.SortOrder.AscendingOrder)
        for column, width in enumerate((140, 70, 170, 210, 110, 110, 90, 70, 80, 60)):
            self.table.setColumnWidth(column, width)

        self.progress = QLabel()
        self.progress.setObjectName("queueProgress")
        self.count = QLabel()
        self.count.setObjectName("queueCount")

        for box in (self.state, self.status, self.warning, self.strategy, self.due):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(6)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.state)
        filters = QHBoxLayout()
        filters.addWidget(self.status)
        filters.addWidget(self.warning)
        filters.addWidget(self.strategy)
        filters.addWidget(self.due)
        footer = QHBoxLayout()
        footer.addWidget(self.count)
        footer.addStretch(1)
        footer.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row)
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
        self.warning.currentIndexChanged.connect(self._emit_filter)
        self.strategy.currentIndexChanged.connect(self._emit_filter)
        self.due.currentIndexChanged.connect(self._emit_filter)
        model.loaded.connect(self._show_count)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._current_changed)

    def current_filter(self) -> QueueFilter:
        status = self.status.currentData()
        warning = self.warning.currentData()
        strategy = self.strategy.currentData()
        days = self.due.currentData()
        return QueueFilter(
            state=str(self.state.currentData()),
            statuses=frozenset({status}) if status else frozenset(),
            warnings=frozenset({warning}) if warning else frozenset(),
            strategies=frozenset({strategy}) if strategy else frozenset(),
            text=self.search.text().strip(),
            due_until=(date.today() + timedelta(days=int(days))).isoformat()
            if days is not None
            else None,
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
        self.emit_current()

    def selected_item_ids(self) -> list[int]:
        """The items of the selected rows (rows whose page has not arrived left out)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        found = (self.model.queue_row(row) for row in rows)
        return [row.item_id for row in found if row is not None]

    def show_everything(self) -> None:
        """Clear the filters: every item of the profile (the model reloads)."""
        self.search.clear()
        for box in (self.status, self.warning, self.strategy, self.due):
            box.setCurrentIndex(0)
        self.state.setCurrentIndex(self.state.findData(""))
        self._emit_filter()

    def emit_current(self) -> None:
        index = self.table.currentIndex()
        item_id = self.model.data(index, ITEM_ID_ROLE) if index.isValid() else None
        self.item_selected.emit(item_id)
