"""Compact, immutable records the reference index keeps (one tuple per record).

At a million customers, one pydantic object per record would cost too much memory and
time; these named tuples hold the same fields. A store streams them directly; the
exchange format (domain ``Customer``) converts with the functions below.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import NamedTuple

from ordinavo_desk.domain.enums import CustomerStatus, ExternalType
from ordinavo_desk.domain.reference import Contact, Customer, ExternalRef, Location

FieldValue = str | int | float | None


class CustomerRecord(NamedTuple):
    tenant: str
    id: int
    customer_number: str | None = None
    name: str | None = None
    type: str | None = None
    industry: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    status: CustomerStatus = CustomerStatus.ACTIVE


class LocationRecord(NamedTuple):
    tenant: str
    id: int
    customer_id: int
    name: str | None = None
    type: str | None = None
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    default_estimated_work_minutes: int | None = None
    default_priority: str | None = None
    access_notes: str | None = None
    parking_notes: str | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class ContactRecord(NamedTuple):
    tenant: str
    id: int
    customer_id: int
    location_id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    display_name: str | None = None
    role: str | None = None
    department: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    preferred_contact_method: str | None = None


class ExternalRefRecord(NamedTuple):
    """An external reference ``(tenant, sourceSystem, externalType, externalId)`` and the
    id of the record it points at."""

    tenant: str
    source_system: str
    external_type: ExternalType
    external_id: str
    record_id: int


class ExternalRefRun(NamedTuple):
    """The external references of one tenant, source system and type as two columns: the
    external ids and the ids of the records they point at (a bulk load's form)."""

    tenant: str
    source_system: str
    external_type: ExternalType
    external_ids: list[str]
    record_ids: list[int]


#: Runs of references by tenant, source system and type.
RefRuns = dict[tuple[str, str, ExternalType], ExternalRefRun]


def add_to_runs(runs: RefRuns, refs: Iterable[ExternalRefRecord]) -> None:
    """Append references to the runs of their tenant, source and type (in their order)."""
    for ref in refs:
        key = (ref.tenant, ref.source_system, ref.external_type)
        run = runs.get(key)
        if run is None:
            run = runs[key] = ExternalRefRun(*key, [], [])
        run.external_ids.append(ref.external_id)
        run.record_ids.append(ref.record_id)


AnyRecord = CustomerRecord | LocationRecord | ContactRecord

#: Fields an import may write to a record (``customerNumber`` is never changed by one).
CUSTOMER_UPDATABLE: tuple[str, ...] = ("name", "type", "industry", "email", "phone", "website")
LOCATION_UPDATABLE: tuple[str, ...] = (
    "name", "type", "street", "postal_code", "city", "region", "country", "latitude",
    "longitude", "default_estimated_work_minutes", "default_priority", "access_notes",
    "parking_notes",
)  # fmt: skip
CONTACT_UPDATABLE: tuple[str, ...] = (
    "first_name", "last_name", "display_name", "role", "department", "email", "phone",
    "mobile", "preferred_contact_method",
)  # fmt: skip


# -- conversion from and to the exchange format -------------------------------------------


def shared(value: str | None) -> str | None:
    """One string object for values that repeat across records (cities, postal codes,
    types, given names and family names): a million records keep a few thousand strings
    instead of a million copies."""
    return sys.intern(value) if value is not None else None


#: Fields whose values repeat across records, kept as shared strings.
SHARED_CUSTOMER_FIELDS = frozenset({"type", "industry"})
SHARED_LOCATION_FIELDS = frozenset(
    {"name", "type", "postal_code", "city", "region", "country", "default_priority"}
)
SHARED_CONTACT_FIELDS = frozenset(
    {"first_name", "last_name", "role", "department", "preferred_contact_method"}
)


def customer_record(customer: Customer, tenant: str) -> CustomerRecord:
    return CustomerRecord(
        tenant=tenant,
        id=customer.id,
        customer_number=customer.customer_number,
        name=customer.name,
        type=shared(customer.type),
        industry=shared(customer.industry),
        email=customer.email,
        phone=customer.phone,
        website=customer.website,
        status=customer.status,
    )


def location_record(location: Location, tenant: str, customer_id: int) -> LocationRecord:
    return LocationRecord(
        tenant,
        location.id,
        customer_id,
        shared(location.name),
        shared(location.type),
        location.street,
        shared(location.postal_code),
        shared(location.city),
        shared(location.region),
        shared(location.country),
        location.latitude,
        location.longitude,
        location.default_estimated_work_minutes,
        shared(location.default_priority),
        location.access_notes,
        location.parking_notes,
    )


def contact_record(contact: Contact, tenant: str, customer_id: int) -> ContactRecord:
    return ContactRecord(
        tenant,
        contact.id,
        customer_id,
        contact.location_id,
        shared(contact.first_name),
        shared(contact.last_name),
        contact.display_name,
        shared(contact.role),
        shared(contact.department),
        contact.email,
        contact.phone,
        contact.mobile,
        shared(contact.preferred_contact_method),
    )


def refs_of(
    refs: tuple[ExternalRef, ...], tenant: str, external_type: ExternalType, record_id: int
) -> list[ExternalRefRecord]:
    return [
        ExternalRefRecord(
            tenant, sys.intern(ref.source_system), external_type, ref.external_id, record_id
        )
        for ref in refs
    ]


class CustomerRecords(NamedTuple):
    """A customer of the exchange format as the records a store keeps: the customer, its
    locations and contacts, and every external reference of the three."""

    customer: CustomerRecord
    locations: list[LocationRecord]
    contacts: list[ContactRecord]
    refs: list[ExternalRefRecord]


def records_of(customer: Customer, tenant: str) -> CustomerRecords:
    refs = refs_of(customer.external_refs, tenant, ExternalType.CUSTOMER, customer.id)
    for loc in customer.locations:
        refs += refs_of(loc.external_refs, tenant, ExternalType.LOCATION, loc.id)
    for con in customer.contacts:
        refs += refs_of(con.external_refs, tenant, ExternalType.CONTACT, con.id)
    return CustomerRecords(
        customer_record(customer, tenant),
        [location_record(loc, tenant, customer.id) for loc in customer.locations],
        [contact_record(con, tenant, customer.id) for con in customer.contacts],
        refs,
    )


def to_location(record: LocationRecord, refs: tuple[ExternalRef, ...] = ()) -> Location:
    data = record._asdict()
    del data["tenant"], data["customer_id"]
    return Location(**data, external_refs=refs)


def to_contact(record: ContactRecord, refs: tuple[ExternalRef, ...] = ()) -> Contact:
    data = record._asdict()
    del data["tenant"], data["customer_id"]
    return Contact(**data, external_refs=refs)


def to_customer(
    record: CustomerRecord,
    refs: tuple[ExternalRef, ...] = (),
    locations: tuple[Location, ...] = (),
    contacts: tuple[Contact, ...] = (),
) -> Customer:
    return Customer(**record._asdict(), external_refs=refs, locations=locations, contacts=contacts)
