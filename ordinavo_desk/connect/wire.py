"""Wire schemas of the review extension (``/review/...``) and of the health answer.

The public v1 DTOs (targets, batches, import jobs) live in ``ordinavo_desk.domain.connect``;
these are the shapes Ordinavo Desk adds. Field names are camelCase on the wire, unknown
fields are ignored, and open vocabularies (mapping status, warnings, review state) stay
plain strings so that a newer server never breaks an older desk.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from ordinavo_desk.domain.base import WireModel
from ordinavo_desk.domain.enums import DecisionKind, RejectReason
from ordinavo_desk.domain.mapping import MappingResult
from ordinavo_desk.domain.reference import Customer
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.domain.validators import OptionalText

#: The name a server lists in ``extensions`` when it offers the review extension.
REVIEW_EXTENSION = "review"


class ReviewState(StrEnum):
    """Where an item stands in review (the server may add states; compare as strings)."""

    NOT_NEEDED = "NotNeeded"
    OPEN = "Open"
    DEFERRED = "Deferred"
    DECIDED = "Decided"
    REJECTED = "Rejected"
    CANCELLED = "Cancelled"


class HealthInfo(WireModel):
    """``GET /integration/health``. A plain v1 server may send only ``status``."""

    status: str
    api_version: str | None = None
    tenant: str | None = None
    source_system: str | None = None
    scopes: tuple[str, ...] = ()
    settings: MappingSettings | None = None
    extensions: tuple[str, ...] = ()

    @property
    def review_extension(self) -> bool:
        return REVIEW_EXTENSION in self.extensions


class MappingLinks(WireModel):
    customer_id: int | None = None
    location_id: int | None = None
    contact_id: int | None = None


class CreatedRecords(WireModel):
    """Records a decision created (never deleted by a Revert, only flagged)."""

    customers: tuple[int, ...] = ()
    locations: tuple[int, ...] = ()
    contacts: tuple[int, ...] = ()


class ReviewItemSummary(WireModel):
    """One row of ``GET /review/items``. With ``include=mapping`` (a server that offers it)
    the row also carries the item's target and customerMapping, as ``GET
    /review/items/{id}`` gives them; otherwise both are None."""

    id: str
    external_id: str
    source_system: str
    status: str
    review_state: str
    warnings: tuple[str, ...] = ()
    version: int
    title: str | None = None
    customer_name: str | None = None
    city: str | None = None
    import_job_id: str | None = None
    updated_at: datetime
    target: dict[str, Any] | None = None
    customer_mapping: MappingResult | None = None


class ReviewPage(WireModel):
    items: tuple[ReviewItemSummary, ...] = ()
    next_cursor: str | None = None


class DecisionRequest(WireModel):
    """The body of ``POST /review/items/{id}/decision``.

    ``corrections`` are the reviewer's changes to the item's DTOs, keyed by DTO
    (``{"customer": {"name": …}, "location": {"latitude": …}}``).
    """

    kind: DecisionKind
    customer_id: int | None = None
    location_id: int | None = None
    contact_id: int | None = None
    new_location: bool = False
    new_contact: bool = False
    corrections: dict[str, dict[str, Any]] = Field(default_factory=dict)
    reason_code: RejectReason | None = None
    reason_text: OptionalText = None
    defer_until: date | None = None
    note: OptionalText = None
    author: OptionalText = None
    reverts_decision_id: OptionalText = None

    @model_validator(mode="after")
    def _kind_needs(self) -> DecisionRequest:
        if self.kind is DecisionKind.CHOOSE and self.customer_id is None:
            raise ValueError("customerId is required for Choose")
        if self.kind is DecisionKind.REJECT and self.reason_code is None:
            raise ValueError("reasonCode is required for Reject")
        unknown = set(self.corrections) - {"customer", "location", "contact"}
        if unknown:
            raise ValueError(f"corrections may name customer, location, contact, not {unknown}")
        return self


class DecisionRecord(WireModel):
    """A decision as the server recorded it. Decisions are never edited."""

    id: str
    item_id: str
    kind: DecisionKind
    author: str | None = None
    decided_at: datetime
    item_version: int
    status_before: str
    status_after: str
    links_before: MappingLinks = Field(default_factory=MappingLinks)
    links_after: MappingLinks = Field(default_factory=MappingLinks)
    corrections: dict[str, dict[str, Any]] = Field(default_factory=dict)
    reason_code: str | None = None
    reason_text: str | None = None
    defer_until: date | None = None
    note: str | None = None
    created: CreatedRecords = Field(default_factory=CreatedRecords)
    references_stored: bool = False
    reverted_by: str | None = None


class ReviewItemDetail(ReviewItemSummary):
    """``GET /review/items/{id}``: the item, its customerMapping with ranked candidates,
    and its decisions (oldest first)."""

    target: dict[str, Any] = Field(default_factory=dict)
    customer_mapping: MappingResult
    decisions: tuple[DecisionRecord, ...] = ()


class DecisionResult(WireModel):
    """The answer to a decision: the recorded decision and the item at its new version."""

    decision: DecisionRecord
    item: ReviewItemSummary


class ReferenceChanges(WireModel):
    """``GET /review/reference?since=``: customers (with their locations, contacts and
    external references) changed since the cursor; ``cursor`` is where to go on from."""

    customers: tuple[Customer, ...] = ()
    cursor: str
    has_more: bool = False
