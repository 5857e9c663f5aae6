"""The review queue as a table model: rows load page by page in the background, so a
queue of 100,000 items opens at once; sorting and filtering are the store's (the model
asks for them and reloads)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ordinavo_desk.services.queue_service import QueueRow, QueueSort
from ordinavo_desk.ui.background import Background
from ordinavo_desk.ui.review.reason_texts import status_text
from ordinavo_desk.ui.roles import DISPLAY, TOOLTIP

BLOCK = 200
ITEM_ID_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1
WARNINGS_ROLE = int(Qt.ItemDataRole.UserRole.value) + 2

#: (sort key, header) of each column, in order.
COLUMNS: tuple[tuple[QueueSort | None, str], ...] = (
    (QueueSort.JOB, str(QT_TRANSLATE_NOOP("QueueTableModel", "Job"))),
    (QueueSort.STATUS, str(QT_TRANSLATE_NOOP("QueueTableModel", "Status"))),
    (None, str(QT_TRANSLATE_NOOP("QueueTableModel", "Warnings"))),
    (QueueSort.CUSTOMER, str(QT_TRANSLATE_NOOP("QueueTableModel", "Customer"))),
    (QueueSort.CITY, str(QT_TRANSLATE_NOOP("QueueTableModel", "City"))),
    (QueueSort.STRATEGY, str(QT_TRANSLATE_NOOP("QueueTableModel", "Strategy"))),
    (QueueSort.DUE, str(QT_TRANSLATE_NOOP("QueueTableModel", "Due"))),
    (QueueSort.PRIORITY, str(QT_TRANSLATE_NOOP("QueueTableModel", "Priority"))),
    (QueueSort.STATE, str(QT_TRANSLATE_NOOP("QueueTableModel", "Review"))),
    (QueueSort.ARRIVAL, str(QT_TRANSLATE_NOOP("QueueTableModel", "Age"))),
    (None, str(QT_TRANSLATE_NOOP("QueueTableModel", "Claimed by"))),
)

WARNINGS_COLUMN = 2
CUSTOMER_COLUMN = 3
ARRIVAL_COLUMN = next(i for i, (key, _title) in enumerate(COLUMNS) if key is QueueSort.ARRIVAL)

CountFetch = Callable[[], int]
PageFetch = Callable[[QueueSort, bool, int, int], Sequence[QueueRow]]

_Index = QModelIndex | QPersistentModelIndex


class QueueTableModel(QAbstractTableModel):
    """Rows of the queue; ``reload()`` after the filter changed."""

    loaded = Signal(int)  # the row count, after each reload
    failed = Signal(str)

    def __init__(
        self,
        fetch_count: CountFetch,
        fetch_page: PageFetch,
        background: Background,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch_count = fetch_count
        self._fetch_page = fetch_page
        self._background = background
        self._count = 0
        self._blocks: dict[int, tuple[QueueRow, ...]] = {}
        self._asked: set[int] = set()
        self._generation = 0
        #: Reloads completed (their count arrived); tests and views wait on it.
        self.reloads = 0
        self._sort = QueueSort.ARRIVAL
        self._descending = False
        self._now = datetime.now(UTC)
        self._headers = [
            QCoreApplication.translate("QueueTableModel", title) for _key, title in COLUMNS
        ]

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        self._background.submit(
            self._fetch_count,
            lambda count: self._counted(generation, count),
            lambda error: self.failed.emit(str(error)),
        )

    def _counted(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._count = count
        self._blocks.clear()
        self._asked.clear()
        self._now = datetime.now(UTC)
        self.reloads += 1
        self.endResetModel()
        if count:
            self._ask(0)
        self.loaded.emit(count)

    def _ask(self, block: int) -> None:
        if block in self._asked:
            return
        self._asked.add(block)
        generation, sort, descending = self._generation, self._sort, self._descending
        self._background.submit(
            lambda: self._fetch_page(sort, descending, block * BLOCK, BLOCK),
            lambda rows: self._arrived(generation, block, tuple(rows)),
            lambda error: self.failed.emit(str(error)),
        )

    def _arrived(self, generation: int, block: int, rows: tuple[QueueRow, ...]) -> None:
        if generation != self._generation:
            return
        self._blocks[block] = rows
        first = block * BLOCK
        last = min(self._count, first + len(rows)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def is_loaded(self, row: int) -> bool:
        return row // BLOCK in self._blocks

    def queue_row(self, row: int) -> QueueRow | None:
        """The row's data if its page has arrived (its page is asked for otherwise)."""
        if not 0 <= row < self._count:
            return None
        block = self._blocks.get(row // BLOCK)
        if block is None:
            self._ask(row // BLOCK)
            return None
        offset = row % BLOCK
        return block[offset] if offset < len(block) else None

    # -- the model -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.queue_row(index.row())
        if item is None:
            return "\u2026" if role == DISPLAY else None
        column = index.column()
        if role == ITEM_ID_ROLE:
            return item.item_id
        if role == WARNINGS_ROLE:
            return list(item.warnings)
        if role == TOOLTIP and column == WARNINGS_COLUMN and item.warnings:
            return "\n".join(item.warnings)
        if role != DISPLAY:
            return None
        values: tuple[str | None, ...] = (
            item.external_id,
            status_text(item.status) if item.status else None,
            ", ".join(item.warnings),
            item.customer_name,
            item.city,
            item.strategy,
            item.due,
            item.priority,
            item.review_state,
            self._age(item.created_at),
            item.claimed_by,
        )
        return values[column] or ""

    def _age(self, created: datetime) -> str:
        seconds = max(0.0, (self._now - created).total_seconds())
        if seconds < 3600:
            return self.tr("{n} min").format(n=f"{seconds / 60:.0f}")
        if seconds < 172_800:
            return self.tr("{n} h").format(n=f"{seconds / 3600:.0f}")
        return self.tr("{n} d").format(n=f"{seconds / 86400:.0f}")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    @property
    def sort_key(self) -> tuple[QueueSort, bool]:
        return self._sort, self._descending
