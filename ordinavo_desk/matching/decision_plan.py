"""What a review decision does to the reference data (mapping-rules.md, "Review decisions").

Pure: the records are read through a ``RecordLookup`` (the engine's tenant index, or the
desk's store), and the result is a ``DecisionPlan``: the links after the decision, the
records it creates and the external references it stores. The sandbox server applies
plans to the decisions it receives; the desk applies them in local-store mode and checks
every decision with them before it goes to the outbox.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import ValidationError

from ordinavo_desk.domain.connect import ContactDto, InboundTarget, LocationDto
from ordinavo_desk.domain.enums import DecisionKind, ExternalType, Scope
from ordinavo_desk.domain.errors import DeskError, InputError
from ordinavo_desk.matching.changes import IndexChanges
from ordinavo_desk.matching.links import NO_LINKS, Links
from ordinavo_desk.matching.records import (
    ContactRecord,
    CustomerRecord,
    ExternalRefRecord,
    LocationRecord,
)

LINKING_KINDS = frozenset({DecisionKind.CONFIRM, DecisionKind.CHOOSE, DecisionKind.CREATE_NEW})


class RecordLookup(Protocol):
    """Reads one tenant's reference records."""

    def customer(self, customer_id: int) -> CustomerRecord | None: ...

    def location(self, location_id: int) -> LocationRecord | None: ...

    def contact(self, contact_id: int) -> ContactRecord | None: ...

    def customers_with_number(self, customer_number: str) -> tuple[int, ...]: ...

    def resolve(
        self, source_system: str, external_type: ExternalType, external_id: str
    ) -> int | None: ...


class DecisionConflictError(DeskError):
    """The decision cannot apply to the item or the records as they are now."""


class DecisionInvalidError(InputError):
    """The decision's corrections or the DTO it would create from are not valid.
    ``fields`` names each offending field (``corrections.location``) with its problems."""

    def __init__(self, message: str, fields: Mapping[str, list[str]]) -> None:
        self.fields = dict(fields)
        super().__init__(message, field=next(iter(self.fields), None))


class DecisionScopeError(DeskError):
    """The decision needs a scope the key (or profile) lacks."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        super().__init__(f"this decision needs the scope {scope.value}")


@dataclass(frozen=True, slots=True)
class DecisionInput:
    """What the decision is made on: the item's target, its current links and its top
    candidate (customer, location)."""

    tenant: str
    source_system: str
    payload: Mapping[str, Any]
    linked: Links = NO_LINKS
    top_candidate: tuple[int, int | None] | None = None


@dataclass(slots=True)
class DecisionPlan:
    tenant: str
    links: Links = NO_LINKS
    customers: list[CustomerRecord] = field(default_factory=list)
    locations: list[LocationRecord] = field(default_factory=list)
    contacts: list[ContactRecord] = field(default_factory=list)
    refs: list[ExternalRefRecord] = field(default_factory=list)

    def changes(self) -> IndexChanges:
        return IndexChanges(
            self.tenant,
            customers=tuple(self.customers),
            locations=tuple(self.locations),
            contacts=tuple(self.contacts),
            external_refs=tuple(self.refs),
        )

    @property
    def created(self) -> dict[str, list[int]]:
        return {
            "customers": [record.id for record in self.customers],
            "locations": [record.id for record in self.locations],
            "contacts": [record.id for record in self.contacts],
        }


def corrected_target(payload: Mapping[str, Any], corrections: Mapping[str, Any]) -> InboundTarget:
    """The item's target with the reviewer's corrections (keyed by DTO) laid over it."""
    data = dict(payload)
    for dto, fields in corrections.items():
        base = data.get(dto)
        data[dto] = {**(base if isinstance(base, dict) else {}), **fields}
    try:
        return InboundTarget.model_validate(data)
    except ValidationError as exc:
        problems: dict[str, list[str]] = {}
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"])
            problems.setdefault(f"corrections.{where}", []).append(error["msg"])
        raise DecisionInvalidError(
            f"the corrections are not valid: {'; '.join(problems)}", problems
        ) from None


#: Gives the id of the n-th record of a kind created by one decision (n from 0).
NextId = Callable[[ExternalType, int], int]


class _Planner:
    def __init__(
        self, lookup: RecordLookup, item: DecisionInput, can_write: bool, next_id: NextId
    ) -> None:
        self.lookup = lookup
        self.item = item
        self.can_write = can_write
        self.next_id = next_id
        self.plan = DecisionPlan(item.tenant)

    def need_write(self) -> None:
        if not self.can_write:
            raise DecisionScopeError(Scope.CUSTOMERS_WRITE)

    def link_existing(
        self, customer_id: int, location_id: int | None, contact_id: int | None
    ) -> None:
        if self.lookup.customer(customer_id) is None:
            raise DecisionConflictError(f"customer {customer_id} does not exist (any more)")
        location = self.lookup.location(location_id) if location_id is not None else None
        if location_id is not None and (location is None or location.customer_id != customer_id):
            raise DecisionConflictError(
                f"location {location_id} is not a location of customer {customer_id}"
            )
        contact = self.lookup.contact(contact_id) if contact_id is not None else None
        if contact_id is not None and (contact is None or contact.customer_id != customer_id):
            raise DecisionConflictError(
                f"contact {contact_id} is not a contact of customer {customer_id}"
            )
        self.plan.links = Links(customer_id, location_id, contact_id)

    def create_customer(self, target: InboundTarget) -> None:
        self.need_write()
        dto = target.customer
        if dto is None or dto.name is None:
            raise DecisionInvalidError(
                "CreateNew needs a customer name", {"corrections.customer.name": ["required"]}
            )
        number = dto.customer_number
        if number is not None and self.lookup.customers_with_number(number):
            number = None  # held by another customer: the new one gets none
        record = CustomerRecord(
            tenant=self.item.tenant,
            id=self.next_id(ExternalType.CUSTOMER, 0),
            customer_number=number,
            name=dto.name,
            type=dto.type,
            industry=dto.industry,
            email=dto.email,
            phone=dto.phone,
            website=dto.website,
        )
        self.plan.customers.append(record)
        self.plan.links = Links(record.id)

    def create_location(self, target: InboundTarget) -> None:
        self.need_write()
        links = self.plan.links
        assert links.customer_id is not None
        dto = target.location or LocationDto()
        address = target.incoming_address()
        if address is None or not address.has_street_or_postal_code:
            raise DecisionInvalidError(
                "a new location needs a street or a postal code",
                {"corrections.location": ["street or postalCode required"]},
            )
        data = dto.model_dump(exclude={"external_id"})
        data.update(address.model_dump())
        record = LocationRecord(
            tenant=self.item.tenant,
            id=self.next_id(ExternalType.LOCATION, len(self.plan.locations)),
            customer_id=links.customer_id,
            **data,
        )
        self.plan.locations.append(record)
        self.plan.links = Links(links.customer_id, record.id, links.contact_id)

    def create_contact(self, target: InboundTarget) -> None:
        self.need_write()
        links = self.plan.links
        assert links.customer_id is not None
        dto = target.contact or ContactDto()
        if not (dto.display_name or dto.last_name or dto.email or dto.phone):
            raise DecisionInvalidError(
                "a new contact needs a name, an email or a phone",
                {"corrections.contact": ["displayName, lastName, email or phone required"]},
            )
        record = ContactRecord(
            tenant=self.item.tenant,
            id=self.next_id(ExternalType.CONTACT, len(self.plan.contacts)),
            customer_id=links.customer_id,
            location_id=links.location_id,
            **dto.model_dump(exclude={"external_id"}),
        )
        self.plan.contacts.append(record)
        self.plan.links = Links(links.customer_id, links.location_id, record.id)

    def store_references(self, target: InboundTarget) -> None:
        """With customers.write: the item's external ids point at the decided records."""
        if not self.can_write:
            return
        links = self.plan.links
        wanted = (
            (ExternalType.CUSTOMER, target.customer, links.customer_id),
            (ExternalType.LOCATION, target.location, links.location_id),
            (ExternalType.CONTACT, target.contact, links.contact_id),
        )
        for kind, dto, record_id in wanted:
            external_id = dto.external_id if dto is not None else None
            if external_id is None or record_id is None:
                continue
            held = self.lookup.resolve(self.item.source_system, kind, external_id)
            if held == record_id:
                continue
            if held is not None:
                raise DecisionConflictError(
                    f"{kind.value} reference {external_id} already points at {held}; "
                    "references are never moved"
                )
            self.plan.refs.append(
                ExternalRefRecord(
                    self.item.tenant, self.item.source_system, kind, external_id, record_id
                )
            )


def plan_decision(
    lookup: RecordLookup,
    item: DecisionInput,
    *,
    kind: DecisionKind,
    chosen: Links = NO_LINKS,
    new_location: bool = False,
    new_contact: bool = False,
    corrections: Mapping[str, Any] | None = None,
    can_write: bool,
    next_id: NextId,
) -> DecisionPlan:
    """The plan of a linking decision (Confirm, Choose, CreateNew). Raises
    DecisionConflictError, DecisionInvalidError or DecisionScopeError."""
    if kind not in LINKING_KINDS:
        raise ValueError(f"{kind.value} links nothing")
    planner = _Planner(lookup, item, can_write, next_id)
    target = corrected_target(item.payload, corrections or {})
    if kind is DecisionKind.CONFIRM:
        linked = item.linked
        if linked.customer_id is None and item.top_candidate is not None:
            customer_id, location_id = item.top_candidate
            linked = Links(customer_id, location_id, linked.contact_id)
        if linked.customer_id is None:
            raise DecisionConflictError(
                "nothing to confirm: no customer is linked and there is no candidate"
            )
        planner.link_existing(linked.customer_id, linked.location_id, linked.contact_id)
    elif kind is DecisionKind.CHOOSE:
        if chosen.customer_id is None:
            raise DecisionInvalidError("Choose needs a customer", {"customerId": ["required"]})
        planner.link_existing(chosen.customer_id, chosen.location_id, chosen.contact_id)
        if new_location:
            planner.create_location(target)
        if new_contact:
            planner.create_contact(target)
    else:
        planner.create_customer(target)
        if target.incoming_address() is not None:
            planner.create_location(target)
        if target.contact is not None:
            planner.create_contact(target)
    planner.store_references(target)
    return planner.plan
