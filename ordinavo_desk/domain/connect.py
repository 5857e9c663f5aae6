"""Connect API v1 data transfer objects: targets, batches, import jobs, mapping results.

Both documented spellings are accepted where the public pages disagree: a batch's
``targets`` or ``items``, and the two planning vocabularies.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from ordinavo_desk.domain.base import WireModel
from ordinavo_desk.domain.enums import ImportJobStatus, Operation
from ordinavo_desk.domain.validators import (
    CountryCode,
    Latitude,
    Longitude,
    NonNegativeMinutes,
    OptionalExternalId,
    OptionalText,
    RequiredText,
)


class Address(WireModel):
    street: OptionalText = None
    postal_code: OptionalText = None
    city: OptionalText = None
    country: CountryCode | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None

    @property
    def has_street_or_postal_code(self) -> bool:
        return bool(self.street or self.postal_code)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class CustomerDto(WireModel):
    external_id: OptionalExternalId = None
    customer_number: OptionalText = None
    name: OptionalText = None
    type: OptionalText = None
    industry: OptionalText = None
    email: OptionalText = None
    phone: OptionalText = None
    website: OptionalText = None


class LocationDto(WireModel):
    external_id: OptionalExternalId = None
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

    def address(self) -> Address:
        return Address(
            street=self.street,
            postal_code=self.postal_code,
            city=self.city,
            country=self.country,
            latitude=self.latitude,
            longitude=self.longitude,
        )


class ContactDto(WireModel):
    external_id: OptionalExternalId = None
    first_name: OptionalText = None
    last_name: OptionalText = None
    display_name: OptionalText = None
    role: OptionalText = None
    department: OptionalText = None
    email: OptionalText = None
    phone: OptionalText = None
    mobile: OptionalText = None
    preferred_contact_method: OptionalText = None


class Planning(WireModel):
    """Planning data in either documented vocabulary; values are kept as sent."""

    due_date: OptionalText = None
    preferred_time_window_start: OptionalText = None
    preferred_time_window_end: OptionalText = None
    route_date: OptionalText = None
    due_at_utc: OptionalText = None
    time_window_start_utc: OptionalText = None
    time_window_end_utc: OptionalText = None
    fixed_time: bool | None = None
    priority: OptionalText = None
    estimated_work_minutes: NonNegativeMinutes | None = None

    @property
    def due(self) -> str | None:
        """The due date in whichever spelling was sent."""
        return self.due_date or self.due_at_utc or self.route_date

    @property
    def window_start(self) -> str | None:
        return self.preferred_time_window_start or self.time_window_start_utc

    @property
    def window_end(self) -> str | None:
        return self.preferred_time_window_end or self.time_window_end_utc


class BusinessValue(WireModel):
    expected_revenue: float | None = Field(default=None, ge=0)
    customer_tier: OptionalText = None
    close_probability: float | None = Field(default=None, ge=0, le=1)


class InboundTarget(WireModel):
    """One job as ``POST /inbound/targets`` takes it."""

    source_system: OptionalText = None
    external_id: RequiredText
    external_type: OptionalText = None
    operation: Operation = Operation.UPSERT
    template_key: OptionalText = None
    title: OptionalText = None
    description: OptionalText = None
    customer: CustomerDto | None = None
    location: LocationDto | None = None
    contact: ContactDto | None = None
    address: Address | None = None
    planning: Planning | None = None
    business_value: BusinessValue | None = None
    custom_fields: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _drop_blank_dtos(self) -> InboundTarget:
        # A DTO whose every field is absent ({}, only unknown keys, only blank values)
        # counts as absent. Their fields are all scalars.
        for name in ("customer", "location", "contact", "address"):
            dto = getattr(self, name)
            if dto is not None and all(value is None for value in dto.__dict__.values()):
                object.__setattr__(self, name, None)
        return self

    @property
    def has_mapping_data(self) -> bool:
        return any(dto is not None for dto in (self.customer, self.location, self.contact))

    def incoming_address(self) -> Address | None:
        """The location DTO's address when it has a street or postal code, else ``address``."""
        location = self.location
        if location is not None and (location.street or location.postal_code):
            return location.address()
        return self.address


class TargetBatch(WireModel):
    """``POST /inbound/targets/batch``: the array is ``targets`` or ``items``."""

    source_system: OptionalText = None
    batch_id: OptionalText = None
    operation: Operation | None = None
    targets: list[dict[str, Any]] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _items_spelling(cls, data: object) -> object:
        if isinstance(data, dict) and "targets" not in data and "items" in data:
            data = {**data, "targets": data["items"]}
        return data


class CustomerMapping(WireModel):
    """The customerMapping of an import item as the server sends it (warnings are open)."""

    status: str
    customer_id: int | None = None
    customer_location_id: int | None = None
    customer_contact_id: int | None = None
    warnings: list[str] = Field(default_factory=list)


class ImportItem(WireModel):
    """One item of an ImportJob: the server's answer for one target."""

    external_id: str
    status: str
    target_id: OptionalText = None
    warnings: list[str] = Field(default_factory=list)
    error_code: OptionalText = None
    error_message: OptionalText = None
    customer_mapping: CustomerMapping | None = None


class ImportJobLinks(WireModel):
    import_job: OptionalText = None


class ImportJob(WireModel):
    import_job_id: str
    status: ImportJobStatus
    total_items: int = Field(default=0, ge=0)
    created_items: int = Field(default=0, ge=0)
    updated_items: int = Field(default=0, ge=0)
    cancelled_items: int = Field(default=0, ge=0)
    rejected_items: int = Field(default=0, ge=0)
    warning_items: int = Field(default=0, ge=0)
    items: list[ImportItem] = Field(default_factory=list)
    links: ImportJobLinks | None = None
