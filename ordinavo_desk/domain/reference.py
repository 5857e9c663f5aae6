"""Reference data of a tenant: customers, locations, contacts and external references.

This is the exchange format of ``reference load`` and ``match --reference``: customers
with nested locations, contacts and ``externalRefs``. An external reference's type is
where it stands (on a customer, a location or a contact).
"""

from __future__ import annotations

from pydantic import Field

from ordinavo_desk.domain.base import WireModel
from ordinavo_desk.domain.enums import CustomerStatus, ExternalType
from ordinavo_desk.domain.validators import (
    CountryCode,
    Latitude,
    Longitude,
    NonNegativeMinutes,
    OptionalText,
    RequiredText,
)


class ExternalRef(WireModel):
    source_system: RequiredText
    external_id: RequiredText


class Location(WireModel):
    id: int
    name: OptionalText = None
    type: OptionalText = None
    street: OptionalText = None
    postal_code: OptionalText = None
    city: OptionalText = None
    region: OptionalText = None
    country: CountryCode | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    default_estimated_work_minutes: NonNegativeMinutes | None = None
    default_priority: OptionalText = None
    access_notes: OptionalText = None
    parking_notes: OptionalText = None
    external_refs: tuple[ExternalRef, ...] = ()

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Contact(WireModel):
    id: int
    location_id: int | None = None
    first_name: OptionalText = None
    last_name: OptionalText = None
    display_name: OptionalText = None
    role: OptionalText = None
    department: OptionalText = None
    email: OptionalText = None
    phone: OptionalText = None
    mobile: OptionalText = None
    preferred_contact_method: OptionalText = None
    external_refs: tuple[ExternalRef, ...] = ()


class Customer(WireModel):
    id: int
    tenant: OptionalText = None
    customer_number: OptionalText = None
    name: OptionalText = None
    type: OptionalText = None
    industry: OptionalText = None
    email: OptionalText = None
    phone: OptionalText = None
    website: OptionalText = None
    status: CustomerStatus = CustomerStatus.ACTIVE
    external_refs: tuple[ExternalRef, ...] = ()
    locations: tuple[Location, ...] = ()
    contacts: tuple[Contact, ...] = ()


class ReferenceData(WireModel):
    customers: tuple[Customer, ...] = Field(default_factory=tuple)


class ExternalRefKey(WireModel):
    """The tenant-safe key of an external reference."""

    tenant: RequiredText
    source_system: RequiredText
    external_type: ExternalType
    external_id: RequiredText
