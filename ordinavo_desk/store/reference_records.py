"""The store's reference data as the matching index takes it: compact records, streamed,
and the engine's changes (created records, stored references, updates) written back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from ordinavo_desk.domain.enums import CustomerStatus, ExternalType
from ordinavo_desk.matching.changes import IndexChanges
from ordinavo_desk.matching.index import ReferenceIndex
from ordinavo_desk.matching.records import (
    SHARED_CONTACT_FIELDS,
    SHARED_CUSTOMER_FIELDS,
    SHARED_LOCATION_FIELDS,
    ContactRecord,
    CustomerRecord,
    ExternalRefRecord,
    LocationRecord,
    shared,
)
from ordinavo_desk.store.profile_repository import ensure_tenant
from ordinavo_desk.store.rows import ContactRow, CustomerRow, ExternalRefRow, LocationRow

_STREAM_BATCH = 5000
_ROW_OF_KIND: dict[ExternalType, Any] = {
    ExternalType.CUSTOMER: CustomerRow,
    ExternalType.LOCATION: LocationRow,
    ExternalType.CONTACT: ContactRow,
}


class ReferenceRecords:
    """Reads and writes one tenant's reference data in the index's record form."""

    def __init__(self, session: Session, tenant: str) -> None:
        self._session = session
        self.tenant = tenant

    def _stream(self, row: Any, fields: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
        columns = [getattr(row, name) for name in fields]
        query = select(*columns).where(row.tenant == self.tenant).order_by(row.id)
        result = self._session.execute(query.execution_options(yield_per=_STREAM_BATCH))
        for values in result:
            yield tuple(values)

    def customers(self) -> Iterator[CustomerRecord]:
        fields = tuple(f for f in CustomerRecord._fields if f != "tenant")
        share = _sharing(fields, SHARED_CUSTOMER_FIELDS)
        for values in self._stream(CustomerRow, fields):
            record = CustomerRecord(self.tenant, *share(values))
            yield record._replace(status=CustomerStatus(record.status))

    def locations(self) -> Iterator[LocationRecord]:
        fields = tuple(f for f in LocationRecord._fields if f != "tenant")
        share = _sharing(fields, SHARED_LOCATION_FIELDS)
        for values in self._stream(LocationRow, fields):
            yield LocationRecord(self.tenant, *share(values))

    def contacts(self) -> Iterator[ContactRecord]:
        fields = tuple(f for f in ContactRecord._fields if f != "tenant")
        share = _sharing(fields, SHARED_CONTACT_FIELDS)
        for values in self._stream(ContactRow, fields):
            yield ContactRecord(self.tenant, *share(values))

    def external_refs(self) -> Iterator[ExternalRefRecord]:
        query = (
            select(
                ExternalRefRow.source_system,
                ExternalRefRow.external_type,
                ExternalRefRow.external_id,
                ExternalRefRow.record_id,
            )
            .where(ExternalRefRow.tenant == self.tenant)
            .order_by(ExternalRefRow.id)
        )
        result = self._session.execute(query.execution_options(yield_per=_STREAM_BATCH))
        for source, kind, external_id, record_id in result:
            yield ExternalRefRecord(self.tenant, source, ExternalType(kind), external_id, record_id)

    def build_index(self) -> ReferenceIndex:
        """The tenant's matching index, built from streamed rows."""
        return ReferenceIndex.from_rows(
            self.customers(), self.locations(), self.contacts(), self.external_refs()
        )

    def apply(self, changes: IndexChanges) -> None:
        """Write what mapping one item changed, in the order the engine gives."""
        if changes.is_empty:
            return
        if changes.tenant != self.tenant:
            raise ValueError(f"changes of tenant {changes.tenant!r} given to {self.tenant!r}")
        ensure_tenant(self._session, self.tenant)
        session = self._session
        if changes.customers:
            rows = [r._asdict() | {"status": r.status.value} for r in changes.customers]
            session.execute(insert(CustomerRow), rows)
        if changes.locations:
            session.execute(insert(LocationRow), [r._asdict() for r in changes.locations])
        if changes.contacts:
            session.execute(insert(ContactRow), [r._asdict() for r in changes.contacts])
        for change in changes.updates:
            row = _ROW_OF_KIND[change.kind]
            session.execute(
                update(row)
                .where(row.tenant == self.tenant, row.id == change.record_id)
                .values({change.field: change.new})
            )
        if changes.external_refs:
            session.execute(
                insert(ExternalRefRow),
                [
                    {
                        "tenant": ref.tenant,
                        "source_system": ref.source_system,
                        "external_type": ref.external_type.value,
                        "external_id": ref.external_id,
                        "record_id": ref.record_id,
                    }
                    for ref in changes.external_refs
                ],
            )
        session.flush()

    def remove_external_refs(self, refs: list[ExternalRefRecord]) -> None:
        """Delete exactly these references (a local decision that stored them was undone)."""
        for ref in refs:
            self._session.execute(
                delete(ExternalRefRow).where(
                    ExternalRefRow.tenant == self.tenant,
                    ExternalRefRow.source_system == ref.source_system,
                    ExternalRefRow.external_type == ref.external_type.value,
                    ExternalRefRow.external_id == ref.external_id,
                    ExternalRefRow.record_id == ref.record_id,
                )
            )
        self._session.flush()


def _sharing(
    fields: tuple[str, ...], shared_fields: frozenset[str]
) -> Callable[[tuple[Any, ...]], list[Any]]:
    """A function that turns a row's repeating text values into shared strings."""
    positions = frozenset(i for i, name in enumerate(fields) if name in shared_fields)

    def share(values: tuple[Any, ...]) -> list[Any]:
        return [
            shared(v) if i in positions and isinstance(v, str) else v for i, v in enumerate(values)
        ]

    return share
