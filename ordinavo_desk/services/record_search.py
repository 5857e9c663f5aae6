"""Searching the tenant's customers and locations offline, to choose a record the engine
did not propose. Every word of the query must occur (case-insensitive) in the customer's
name or number, or in the location's name, street, postal code or city."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select

from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.like import ESCAPE, contains_pattern
from ordinavo_desk.store.rows import CustomerRow, LocationRow

MAX_HITS = 200


@dataclass(frozen=True, slots=True)
class RecordHit:
    customer_id: int
    customer_name: str | None
    customer_number: str | None
    customer_status: str
    location_id: int | None
    location_name: str | None
    street: str | None
    postal_code: str | None
    city: str | None


def search_records(store: Store, profile: Profile, text: str, limit: int = 50) -> list[RecordHit]:
    """Customers (each with its matching locations, or with none) of the profile's tenant
    matching every word of ``text``; at most ``limit`` rows, customers by name."""
    words = [w for w in text.split() if w][:8]
    if not words:
        return []
    columns = (
        CustomerRow.name,
        CustomerRow.customer_number,
        LocationRow.name,
        LocationRow.street,
        LocationRow.postal_code,
        LocationRow.city,
    )
    conditions = [
        or_(*(func.lower(func.coalesce(c, "")).like(contains_pattern(w.lower()), escape=ESCAPE)
              for c in columns))
        for w in words
    ]  # fmt: skip
    query = (
        select(CustomerRow, LocationRow)
        .outerjoin(
            LocationRow,
            and_(
                LocationRow.tenant == CustomerRow.tenant, LocationRow.customer_id == CustomerRow.id
            ),
        )
        .where(CustomerRow.tenant == profile.tenant, *conditions)
        .order_by(CustomerRow.name, CustomerRow.id, LocationRow.id)
        .limit(min(max(1, limit), MAX_HITS))
    )
    with store.unit_of_work() as session:
        return [
            RecordHit(
                customer_id=customer.id,
                customer_name=customer.name,
                customer_number=customer.customer_number,
                customer_status=customer.status,
                location_id=location.id if location else None,
                location_name=location.name if location else None,
                street=location.street if location else None,
                postal_code=location.postal_code if location else None,
                city=location.city if location else None,
            )
            for customer, location in session.execute(query)
        ]
