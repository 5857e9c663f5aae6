"""Records created from an item's DTOs, and the field updates an import writes."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from ordinavo_desk.domain.connect import Address, ContactDto, CustomerDto, LocationDto
from ordinavo_desk.domain.enums import CustomerStatus, ExternalType
from ordinavo_desk.matching.changes import FieldUpdate
from ordinavo_desk.matching.records import (
    CONTACT_UPDATABLE,
    CUSTOMER_UPDATABLE,
    LOCATION_UPDATABLE,
    AnyRecord,
    ContactRecord,
    CustomerRecord,
    FieldValue,
    LocationRecord,
)

_ADDRESS_FIELDS = ("street", "postal_code", "city", "country", "latitude", "longitude")


def _trimmed(value: Any) -> FieldValue:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, str | int | float) or value is None:
        return value
    return str(value)


def dto_values(dto: BaseModel | None, fields: tuple[str, ...]) -> dict[str, FieldValue]:
    """The DTO's fields among ``fields`` that it carries (trimmed; absent and null left out)."""
    if dto is None:
        return {}
    out: dict[str, FieldValue] = {}
    for name in fields:
        value = _trimmed(getattr(dto, name, None))
        if value is not None:
            out[name] = value
    return out


def field_updates(
    kind: ExternalType, record: AnyRecord, values: dict[str, FieldValue]
) -> list[FieldUpdate]:
    """The fields whose incoming value differs from the stored one, in field order."""
    current = record._asdict()
    return [
        FieldUpdate(kind, record.id, name, current[name], value)
        for name, value in values.items()
        if current[name] != value
    ]


def updates_for_customer(record: CustomerRecord, dto: CustomerDto) -> list[FieldUpdate]:
    return field_updates(ExternalType.CUSTOMER, record, dto_values(dto, CUSTOMER_UPDATABLE))


def updates_for_location(record: LocationRecord, dto: LocationDto) -> list[FieldUpdate]:
    return field_updates(ExternalType.LOCATION, record, dto_values(dto, LOCATION_UPDATABLE))


def updates_for_contact(record: ContactRecord, dto: ContactDto) -> list[FieldUpdate]:
    return field_updates(ExternalType.CONTACT, record, dto_values(dto, CONTACT_UPDATABLE))


R = TypeVar("R", CustomerRecord, LocationRecord, ContactRecord)


def applied(record: R, updates: list[FieldUpdate]) -> R:
    """The record with ``updates`` written to it."""
    if not updates:
        return record
    values: dict[str, Any] = {u.field: u.new for u in updates}
    return record._replace(**values)


def new_customer(dto: CustomerDto, tenant: str, record_id: int) -> CustomerRecord:
    values = dto_values(dto, ("customer_number", *CUSTOMER_UPDATABLE))
    return CustomerRecord(tenant=tenant, id=record_id, status=CustomerStatus.ACTIVE, **values)  # type: ignore[arg-type]


def new_location(
    dto: LocationDto | None,
    address: Address | None,
    tenant: str,
    record_id: int,
    customer_id: int,
) -> LocationRecord:
    """A location from the location DTO, its address from the incoming address (a DTO
    field fills in where that address lacks one)."""
    values = dto_values(dto, LOCATION_UPDATABLE)
    for name, value in dto_values(address, _ADDRESS_FIELDS).items():
        values[name] = value
    return LocationRecord(tenant=tenant, id=record_id, customer_id=customer_id, **values)  # type: ignore[arg-type]


def new_contact(
    dto: ContactDto, tenant: str, record_id: int, customer_id: int, location_id: int | None
) -> ContactRecord:
    """A contact from the DTO; without a display name, first and last name make one."""
    values = dto_values(dto, CONTACT_UPDATABLE)
    if "display_name" not in values:
        parts = [values.get("first_name"), values.get("last_name")]
        display = " ".join(str(p) for p in parts if p)
        if display:
            values["display_name"] = display
    return ContactRecord(
        tenant=tenant,
        id=record_id,
        customer_id=customer_id,
        location_id=location_id,
        **values,  # type: ignore[arg-type]
    )
