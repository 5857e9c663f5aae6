"""One tenant's reference records read one at a time from the store, for decision plans
(``matching.decision_plan.RecordLookup``), without building a matching index."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ordinavo_desk.domain.enums import CustomerStatus, ExternalType
from ordinavo_desk.matching.blocking import customer_number_key
from ordinavo_desk.matching.records import ContactRecord, CustomerRecord, LocationRecord
from ordinavo_desk.store.reference_repository import ReferenceRepository
from ordinavo_desk.store.rows import ContactRow, CustomerRow, LocationRow

_ROWS: dict[ExternalType, Any] = {
    ExternalType.CUSTOMER: CustomerRow,
    ExternalType.LOCATION: LocationRow,
    ExternalType.CONTACT: ContactRow,
}


def _values(row: Any, fields: tuple[str, ...]) -> list[Any]:
    return [getattr(row, name) for name in fields]


class StoreRecordLookup:
    def __init__(self, session: Session, tenant: str) -> None:
        self._session = session
        self.tenant = tenant
        self._refs = ReferenceRepository(session, tenant)

    def _row(self, kind: ExternalType, record_id: int) -> Any:
        row = _ROWS[kind]
        return self._session.scalars(
            select(row).where(row.tenant == self.tenant, row.id == record_id)
        ).first()

    def customer(self, customer_id: int) -> CustomerRecord | None:
        row = self._row(ExternalType.CUSTOMER, customer_id)
        if row is None:
            return None
        record = CustomerRecord(self.tenant, *_values(row, CustomerRecord._fields[1:]))
        return record._replace(status=CustomerStatus(record.status))

    def location(self, location_id: int) -> LocationRecord | None:
        row = self._row(ExternalType.LOCATION, location_id)
        if row is None:
            return None
        return LocationRecord(self.tenant, *_values(row, LocationRecord._fields[1:]))

    def contact(self, contact_id: int) -> ContactRecord | None:
        row = self._row(ExternalType.CONTACT, contact_id)
        if row is None:
            return None
        return ContactRecord(self.tenant, *_values(row, ContactRecord._fields[1:]))

    def customers_with_number(self, customer_number: str) -> tuple[int, ...]:
        key = customer_number_key(customer_number)
        if key is None:
            return ()
        query = select(CustomerRow.id, CustomerRow.customer_number).where(
            CustomerRow.tenant == self.tenant,
            func.lower(func.trim(CustomerRow.customer_number)) == customer_number.strip().lower(),
        )
        return tuple(
            record_id
            for record_id, number in self._session.execute(query)
            if customer_number_key(number) == key
        )

    def resolve(
        self, source_system: str, external_type: ExternalType, external_id: str
    ) -> int | None:
        return self._refs.resolve(source_system, external_type, external_id)

    def highest_id(self, kind: ExternalType) -> int:
        """The highest id of the kind in the store (over every tenant: ids are global)."""
        row = _ROWS[kind]
        return int(self._session.scalar(select(func.max(row.id))) or 0)
