"""The review queue of a profile, read page by page from the store: filtering, text
search and sorting run in SQL, so they cover every item while a window shows a page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Select, func, literal_column, or_, select

from ordinavo_desk.domain.decisions import OPEN_STATES
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.like import ESCAPE, contains_pattern
from ordinavo_desk.store.rows import OPEN_QUEUE_STATES, DeskStateRow, ImportItemRow

#: States of items that were reviewed (cancelled and not-needed items are not counted).
REVIEWED_STATES = frozenset({"decided", "rejected"})
_POSITION_KEY = "queue_position:"


class QueueSort(StrEnum):
    ARRIVAL = "arrival"
    JOB = "job"
    STATUS = "status"
    CUSTOMER = "customer"
    CITY = "city"
    DUE = "due"
    PRIORITY = "priority"
    STATE = "state"
    STRATEGY = "strategy"


_SORT_COLUMNS: dict[QueueSort, Any] = {
    QueueSort.ARRIVAL: ImportItemRow.id,
    QueueSort.JOB: ImportItemRow.external_id,
    QueueSort.STATUS: ImportItemRow.mapping_status,
    QueueSort.CUSTOMER: ImportItemRow.customer_name,
    QueueSort.CITY: ImportItemRow.city,
    QueueSort.DUE: ImportItemRow.due,
    QueueSort.PRIORITY: ImportItemRow.priority,
    QueueSort.STATE: ImportItemRow.review_state,
    QueueSort.STRATEGY: ImportItemRow.mapping_strategy,
}


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """Which items the queue shows. Empty sets mean "any"."""

    statuses: frozenset[str] = frozenset()
    warnings: frozenset[str] = frozenset()
    strategies: frozenset[str] = frozenset()
    #: "open" (pending or deferred), "reviewed", or "" for every item.
    state: str = "open"
    #: Every word must occur in the customer name, the city or the item's external ID.
    text: str = ""
    #: Items due on or before this date (``YYYY-MM-DD``), if given.
    due_until: str | None = None


@dataclass(frozen=True, slots=True)
class QueueRow:
    item_id: int
    external_id: str
    status: str | None
    warnings: tuple[str, ...]
    customer_name: str | None
    city: str | None
    due: str | None
    priority: str | None
    review_state: str
    created_at: datetime
    strategy: str | None = None
    claimed_by: str | None = None
    claimed_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class QueueProgress:
    reviewed: int
    total: int


@dataclass(frozen=True, slots=True)
class QueuePage:
    offset: int
    rows: tuple[QueueRow, ...] = field(default_factory=tuple)


_Query = TypeVar("_Query", bound="Select[*tuple[Any, ...]]")


def _filtered(query: _Query, profile: Profile, wanted: QueueFilter) -> _Query:
    query = query.where(
        ImportItemRow.tenant == profile.tenant,
        ImportItemRow.source_system == profile.source_system,
    )
    if wanted.state == "open":
        # as literals, so that the open queue's partial index serves the query
        query = query.where(
            ImportItemRow.review_state.in_([literal_column(f"'{s}'") for s in OPEN_QUEUE_STATES])
        )
    elif wanted.state == "reviewed":
        query = query.where(ImportItemRow.review_state.in_(sorted(REVIEWED_STATES)))
    if wanted.statuses:
        query = query.where(ImportItemRow.mapping_status.in_(sorted(wanted.statuses)))
    if wanted.strategies:
        query = query.where(ImportItemRow.mapping_strategy.in_(sorted(wanted.strategies)))
    if wanted.warnings:
        query = query.where(
            or_(*(ImportItemRow.warnings.like(contains_pattern(f"|{w}|"), escape=ESCAPE)
                  for w in sorted(wanted.warnings)))
        )  # fmt: skip
    if wanted.due_until:
        query = query.where(ImportItemRow.due <= wanted.due_until + "\uffff")
    for word in wanted.text.split()[:8]:
        pattern = contains_pattern(word.lower())
        query = query.where(
            or_(
                func.lower(func.coalesce(ImportItemRow.customer_name, "")).like(pattern, ESCAPE),
                func.lower(func.coalesce(ImportItemRow.city, "")).like(pattern, ESCAPE),
                func.lower(ImportItemRow.external_id).like(pattern, ESCAPE),
            )
        )
    return query


class QueueService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def count(self, profile: Profile, wanted: QueueFilter) -> int:
        query = _filtered(select(func.count()).select_from(ImportItemRow), profile, wanted)
        with self._store.unit_of_work() as session:
            return int(session.scalar(query) or 0)

    def page(
        self,
        profile: Profile,
        wanted: QueueFilter,
        *,
        sort: QueueSort = QueueSort.ARRIVAL,
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> QueuePage:
        column = _SORT_COLUMNS[sort]
        # rows without a value come last either way, on every backend
        order = [(column.desc() if descending else column.asc()).nulls_last()]
        if sort is not QueueSort.ARRIVAL:
            order.append(ImportItemRow.id.desc() if descending else ImportItemRow.id.asc())
        query = _filtered(
            select(
                ImportItemRow.id,
                ImportItemRow.external_id,
                ImportItemRow.mapping_status,
                ImportItemRow.warnings,
                ImportItemRow.customer_name,
                ImportItemRow.city,
                ImportItemRow.due,
                ImportItemRow.priority,
                ImportItemRow.review_state,
                ImportItemRow.created_at,
                ImportItemRow.mapping_strategy,
                ImportItemRow.claimed_by,
                ImportItemRow.claimed_until,
            ),
            profile,
            wanted,
        )
        query = query.order_by(*order).offset(max(0, offset)).limit(max(1, limit))
        with self._store.unit_of_work() as session:
            rows = tuple(
                QueueRow(
                    item_id=row.id,
                    external_id=row.external_id,
                    status=row.mapping_status,
                    warnings=tuple(w for w in (row.warnings or "").split("|") if w),
                    customer_name=row.customer_name,
                    city=row.city,
                    due=row.due,
                    priority=row.priority,
                    review_state=row.review_state,
                    created_at=row.created_at,
                    strategy=row.mapping_strategy,
                    claimed_by=row.claimed_by,
                    claimed_until=row.claimed_until,
                )
                for row in session.execute(query)
            )
        return QueuePage(offset=offset, rows=rows)

    def progress(self, profile: Profile) -> QueueProgress:
        """Reviewed items of all that needed or need a person (``312 of 1,204``)."""
        counted = sorted(OPEN_STATES | REVIEWED_STATES)
        query = (
            select(ImportItemRow.review_state, func.count())
            .where(
                ImportItemRow.tenant == profile.tenant,
                ImportItemRow.source_system == profile.source_system,
                ImportItemRow.review_state.in_(counted),
            )
            .group_by(ImportItemRow.review_state)
        )
        with self._store.unit_of_work() as session:
            counts = dict(session.execute(query).all())
        reviewed = sum(n for state, n in counts.items() if state in REVIEWED_STATES)
        return QueueProgress(reviewed=reviewed, total=sum(counts.values()))

    # -- resume where I stopped --------------------------------------------------------

    def remember_position(self, profile: Profile, item_id: int) -> None:
        key = _POSITION_KEY + profile.name
        with self._store.unit_of_work() as session:
            state = session.get(DeskStateRow, key)
            if state is None:
                session.add(DeskStateRow(key=key, value=str(item_id)))
            else:
                state.value = str(item_id)

    def position(self, profile: Profile) -> int | None:
        with self._store.unit_of_work() as session:
            state = session.get(DeskStateRow, _POSITION_KEY + profile.name)
            return int(state.value) if state is not None and state.value.isdigit() else None

    def index_of(
        self,
        profile: Profile,
        wanted: QueueFilter,
        item_id: int,
        *,
        sort: QueueSort = QueueSort.ARRIVAL,
        descending: bool = False,
    ) -> int | None:
        """The row number of the item in the queue as filtered and sorted (None: not in)."""
        column = _SORT_COLUMNS[sort]
        counted = _filtered(select(func.count()).select_from(ImportItemRow), profile, wanted)
        with self._store.unit_of_work() as session:
            if not session.scalar(counted.where(ImportItemRow.id == item_id)):
                return None  # not in this queue (or not at all)
            value = session.scalar(select(column).where(ImportItemRow.id == item_id))
            if sort is QueueSort.ARRIVAL:
                before = column > value if descending else column < value
            else:
                tie = ImportItemRow.id > item_id if descending else ImportItemRow.id < item_id
                if value is None:  # after every row with a value
                    before = or_(column.is_not(None), column.is_(None) & tie)
                else:
                    before = or_(column > value if descending else column < value,
                                 (column == value) & tie)  # fmt: skip
            return int(session.scalar(counted.where(before)) or 0)
