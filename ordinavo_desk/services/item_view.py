"""Everything the review window shows of one item, gathered in one unit of work.

The window asks for an :class:`ItemView` when the reviewer moves to an item: what came in
(customer, location, contact, the job's planning), the ranked candidates with the stored
records behind them and a field-by-field comparison with each, the warnings with the facts
their explanations name, the route readiness of the location and the item's latest
decision. Contact email, phone and mobile arrive masked; :meth:`ItemViewService.reveal`
gives them and records in the audit trail that they were revealed (never the values).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from ordinavo_desk.domain.base import WireModel
from ordinavo_desk.domain.decisions import RecordedDecision
from ordinavo_desk.domain.enums import CandidateOutcome, CustomerStatus, WarningCode
from ordinavo_desk.domain.errors import NotFoundError
from ordinavo_desk.domain.mapping import Candidate, MappingResult, Reason
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.domain.reference import Contact, Customer, Location
from ordinavo_desk.matching.geo import distance_m
from ordinavo_desk.matching.links import Links
from ordinavo_desk.services.item_state import current_links, current_status, default_author
from ordinavo_desk.store.audit_trail import AuditTrail
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.decision_repository import DecisionRepository, to_recorded
from ordinavo_desk.store.item_repository import ImportItemRepository
from ordinavo_desk.store.personal_data import PERSONAL_FIELDS
from ordinavo_desk.store.reference_repository import ReferenceRepository
from ordinavo_desk.store.rows import ContactRow
from ordinavo_desk.store.types import utcnow

#: What a masked personal value shows until it is revealed.
MASK = "\u2022\u2022\u2022\u2022\u2022\u2022"
#: How many candidates the window shows (keys 1–9 pick them).
MAX_CANDIDATES = 9

#: The fields the comparison shows, per DTO, in this order.
CUSTOMER_FIELDS = ("name", "customerNumber", "externalId", "type", "industry")
LOCATION_FIELDS = ("name", "street", "postalCode", "city", "country", "coordinates")
CONTACT_FIELDS = ("name", "role", "email", "phone", "mobile")

INCOMING_CONTACT = "incoming"


@dataclass(frozen=True, slots=True)
class FieldPair:
    """One row of the comparison: a DTO field as it came in and as the record has it."""

    section: str  # "customer" | "location" | "contact"
    field: str  # the DTO's field name (camelCase); "coordinates" and contact "name" combine
    incoming: str | None
    stored: str | None
    personal: bool = False

    @property
    def key(self) -> str:
        return f"{self.section}.{self.field}"

    @property
    def state(self) -> str:
        """``same`` (after case and spacing are set aside), ``differs``, ``incoming-only``
        (the record lacks what came in), ``stored-only`` (not given in the item) or
        ``empty``."""
        if self.incoming is None and self.stored is None:
            return "empty"
        if self.stored is None:
            return "incoming-only"
        if self.incoming is None:
            return "stored-only"
        return "same" if _plain(self.incoming) == _plain(self.stored) else "differs"


@dataclass(frozen=True, slots=True)
class CandidateView:
    rank: int
    customer_id: int
    location_id: int | None
    score: float
    outcome: CandidateOutcome
    reasons: tuple[Reason, ...]
    customer_name: str | None
    customer_number: str | None
    customer_status: CustomerStatus | None
    #: The candidate's location (the customer's others: ``ItemViewService.locations``).
    location: Location | None
    #: The customer's contact the comparison shows (the linked one, or one of the same
    #: name), personal fields masked.
    contact: Contact | None
    #: The item's current links point at this candidate.
    proposed: bool
    #: Between the incoming location and this candidate's, when both have coordinates.
    distance_m: float | None
    fields: tuple[FieldPair, ...]


@dataclass(frozen=True, slots=True)
class WarningView:
    """A warning code with the facts its explanation names (names of records, counts)."""

    code: str
    facts: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class RouteReadiness:
    """Whether Ordinavo can plan a route to the item's location with what is known.

    ``source`` says where the facts come from: the linked location ("location") or, where
    nothing is linked, what came in ("incoming").
    """

    source: str
    has_coordinates: bool
    work_minutes: int | None
    priority: str | None
    access_notes: str | None
    parking_notes: str | None

    @property
    def defaults_known(self) -> bool:
        return self.work_minutes is not None and bool(self.priority)

    @property
    def ready(self) -> bool:
        return self.has_coordinates and self.defaults_known


@dataclass(frozen=True, slots=True)
class JobFacts:
    title: str | None
    due: str | None
    window_start: str | None
    window_end: str | None
    priority: str | None
    work_minutes: int | None
    batch_id: str | None


@dataclass(frozen=True, slots=True)
class ItemView:
    item_id: int
    external_id: str
    source_system: str
    version: int
    #: The item's decision sequence when it was read: deciding on it with this value
    #: fails cleanly if someone else decided meanwhile.
    decision_seq: int
    status: str | None
    review_state: str
    links: Links
    mapping_is_current: bool
    job: JobFacts
    incoming_customer: Mapping[str, Any]
    incoming_location: Mapping[str, Any]
    incoming_contact: Mapping[str, Any]
    candidates: tuple[CandidateView, ...]
    warnings: tuple[WarningView, ...]
    explanation: tuple[str, ...]
    route: RouteReadiness
    latest: RecordedDecision | None
    claimed_by: str | None

    @property
    def proposed_rank(self) -> int | None:
        for candidate in self.candidates:
            if candidate.proposed:
                return candidate.rank
        return None

    @property
    def incoming_coordinates(self) -> tuple[float, float] | None:
        return _coordinates(self.incoming_location)


class ItemViewService:
    def __init__(self, store: Store, *, author: str | None = None) -> None:
        self._store = store
        self.author = author or default_author()

    def view(self, profile: Profile, item_id: int) -> ItemView:
        with self._store.unit_of_work() as session:
            return _build(session, profile, item_id)

    def locations(self, profile: Profile, customer_id: int) -> tuple[Location, ...]:
        """Every location of a customer of the profile's tenant, in id order (to choose
        another one than the candidate's)."""
        with self._store.unit_of_work() as session:
            customer = ReferenceRepository(session, profile.tenant).customer(customer_id)
        if customer is None:
            raise NotFoundError(
                f"customer {customer_id} does not exist in tenant '{profile.tenant}'"
            )
        return customer.locations

    def reveal(self, profile: Profile, item_id: int, contact: str | int) -> dict[str, str | None]:
        """The personal fields of the item's incoming contact (``"incoming"``) or of the
        stored contact with this id; the audit trail records who revealed which."""
        with self._store.unit_of_work() as session:
            decisions = DecisionRepository(session, profile.tenant)
            item = decisions.item(item_id)
            if contact == INCOMING_CONTACT:
                found: Mapping[str, Any] = (item.payload or {}).get("contact") or {}
                subject = "incoming contact"
            else:
                record = _contact(session, profile.tenant, int(contact))
                if record is None:
                    raise NotFoundError(
                        f"contact {contact} does not exist in tenant '{profile.tenant}'"
                    )
                found = record.model_dump(by_alias=True)
                subject = f"contact {int(contact)}"
            values = {name: _text(found.get(name)) for name in PERSONAL_FIELDS}
            AuditTrail(session, profile.tenant).append(
                actor=self.author,
                action="personal.revealed",
                subject_type="item",
                subject_id=f"{item.source_system}/{item.external_id}",
                after={
                    "of": subject,
                    "fields": sorted(name for name, value in values.items() if value),
                    "profile": profile.name,
                },
            )
            return values


# -- building the view --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Incoming:
    """What came in with the item (its DTOs as the payload has them)."""

    customer: Mapping[str, Any]
    location: Mapping[str, Any]
    contact: Mapping[str, Any]
    source_system: str

    @classmethod
    def of(cls, payload: Mapping[str, Any], source_system: str) -> Incoming:
        return cls(
            customer=payload.get("customer") or {},
            location=payload.get("location") or payload.get("address") or {},
            contact=payload.get("contact") or {},
            source_system=source_system,
        )


def _build(session: Session, profile: Profile, item_id: int) -> ItemView:
    tenant = profile.tenant
    decisions = DecisionRepository(session, tenant)
    row = decisions.item(item_id)
    stored = ImportItemRepository(session, tenant).get(item_id)
    latest = decisions.latest(item_id)
    links = current_links(row, latest[0] if latest else None)
    payload = stored.payload
    incoming = Incoming.of(payload, row.source_system)
    mapping = stored.mapping if stored.mapping_is_current else None
    ranked = mapping.candidates[:MAX_CANDIDATES] if mapping is not None else ()

    wanted = [c.customer_id for c in ranked]
    if links.customer_id is not None:
        wanted.append(links.customer_id)
    references = ReferenceRepository(session, tenant)
    # of the customers' locations only those the view shows
    shown = {c.customer_location_id for c in ranked} | {links.location_id}
    if links.contact_id is not None:
        shown.add(references.contact_location(links.contact_id))
    customers = {
        c.id: c
        for c in references.customers(
            sorted(set(wanted)),
            only_locations={i for i in shown if i is not None},
            masked=True,
            customer_refs_only=True,
        )
    }
    candidates = tuple(
        _candidate(rank, c, customers.get(c.customer_id), links, incoming)
        for rank, c in enumerate(ranked, start=1)
    )
    linked_customer = customers.get(links.customer_id) if links.customer_id is not None else None
    linked_location = _location_of(linked_customer, links.location_id)
    now = utcnow()
    claimed_by = (
        row.claimed_by
        if row.claimed_by and row.claimed_until is not None and row.claimed_until > now
        else None
    )
    return ItemView(
        item_id=row.id,
        external_id=row.external_id,
        source_system=row.source_system,
        version=row.version,
        decision_seq=row.decision_seq,
        status=current_status(row, latest[0] if latest else None),
        review_state=row.review_state,
        links=links,
        mapping_is_current=mapping is not None,
        job=_job(payload, stored.batch_id),
        incoming_customer=dict(incoming.customer),
        incoming_location=dict(incoming.location),
        incoming_contact=_masked(incoming.contact),
        candidates=candidates,
        warnings=tuple(
            _warning(code, mapping, customers, links, incoming)
            for code in (mapping.warnings if mapping is not None else ())
        ),
        explanation=mapping.explanation if mapping is not None else (),
        route=_route(linked_location, incoming.location),
        latest=to_recorded(latest[0], row, latest[1]) if latest else None,
        claimed_by=claimed_by,
    )


def _candidate(
    rank: int, found: Candidate, customer: Customer | None, links: Links, incoming: Incoming
) -> CandidateView:
    location = _location_of(customer, found.customer_location_id)
    contact = _contact_for(customer, links, incoming.contact, found.customer_id)
    incoming_at = _coordinates(incoming.location)
    stored_at = _coordinates(_fields_of(location)) if location else None
    distance = (
        distance_m(incoming_at[0], incoming_at[1], stored_at[0], stored_at[1])
        if incoming_at is not None and stored_at is not None
        else None
    )
    return CandidateView(
        rank=rank,
        customer_id=found.customer_id,
        location_id=found.customer_location_id,
        score=found.score,
        outcome=found.outcome,
        reasons=found.reasons,
        customer_name=customer.name if customer else None,
        customer_number=customer.customer_number if customer else None,
        customer_status=customer.status if customer else None,
        location=location,
        contact=_masked_contact(contact),
        proposed=links.customer_id == found.customer_id
        and (links.location_id is None or links.location_id == found.customer_location_id),
        distance_m=distance,
        fields=compare_fields(incoming, customer, location, contact),
    )


def compare_fields(
    incoming: Incoming,
    customer: Customer | None,
    location: Location | None,
    contact: Contact | None,
) -> tuple[FieldPair, ...]:
    """The comparison rows of the item against one candidate (personal values masked).
    The stored external ID is the customer's in the item's source system."""
    stored_customer = _fields_of(customer) if customer else {}
    if customer is not None:
        stored_customer["externalId"] = (
            ", ".join(
                ref.external_id
                for ref in customer.external_refs
                if ref.source_system == incoming.source_system
            )
            or None
        )
    stored_location = _fields_of(location) if location else {}
    stored_contact = _fields_of(contact) if contact else {}
    customer_in, location_in, contact_in = incoming.customer, incoming.location, incoming.contact
    rows: list[FieldPair] = []
    for name in CUSTOMER_FIELDS:
        rows.append(
            FieldPair("customer", name, _text(customer_in.get(name)),
                      _text(stored_customer.get(name)))
        )  # fmt: skip
    for name in LOCATION_FIELDS:
        if name == "coordinates":
            rows.append(
                FieldPair("location", name, _coordinates_text(location_in),
                          _coordinates_text(stored_location))
            )  # fmt: skip
            continue
        rows.append(
            FieldPair("location", name, _text(location_in.get(name)),
                      _text(stored_location.get(name)))
        )  # fmt: skip
    if contact_in or contact is not None:
        for name in CONTACT_FIELDS:
            if name == "name":
                rows.append(
                    FieldPair("contact", name, _person(contact_in), _person(stored_contact))
                )
                continue
            personal = name in PERSONAL_FIELDS
            given, stored = _text(contact_in.get(name)), _text(stored_contact.get(name))
            if personal:
                given = MASK if given else None
                stored = MASK if stored else None
            rows.append(FieldPair("contact", name, given, stored, personal))
    return tuple(rows)


def _warning(
    code: str,
    mapping: MappingResult | None,
    customers: Mapping[int, Customer],
    links: Links,
    incoming: Incoming,
) -> WarningView:
    location_in, customer_in = incoming.location, incoming.customer
    facts: dict[str, str] = {}
    linked = customers.get(links.customer_id) if links.customer_id is not None else None
    location = _location_of(linked, links.location_id)
    incoming_place = _place(location_in) or "?"
    if code == WarningCode.CONTACT_LOCATION_MISMATCH:
        contact = _contact_of(linked, links.contact_id)
        at = _location_of(linked, contact.location_id) if contact else None
        facts["contact"] = _person(_fields_of(contact)) or "?" if contact else "?"
        facts["contact_location"] = _place_of(at) or "?"
        facts["item_location"] = _place_of(location) or incoming_place
    elif code == WarningCode.LOCATION_MISSING_COORDINATES:
        facts["location"] = _place_of(location) or incoming_place
    elif code == WarningCode.CUSTOMER_ARCHIVED_OR_BLOCKED:
        facts["customer"] = (linked.name if linked else None) or "?"
        facts["status"] = linked.status.value if linked else "?"
    elif code == WarningCode.AMBIGUOUS_CUSTOMER_NUMBER:
        facts["number"] = _text(customer_in.get("customerNumber")) or "?"
        facts["count"] = str(
            sum(1 for c in customers.values()
                if c.customer_number and c.customer_number == customer_in.get("customerNumber"))
            or len(mapping.candidates if mapping else ())
        )  # fmt: skip
    elif code == WarningCode.AMBIGUOUS_NAME_AND_ADDRESS:
        close = [c for c in (mapping.candidates if mapping else ())
                 if c.outcome is CandidateOutcome.AMBIGUOUS] or list(
            mapping.candidates[:2] if mapping else ())  # fmt: skip
        facts["count"] = str(len(close))
        names = [
            (customers[c.customer_id].name or "?") for c in close[:2] if c.customer_id in customers
        ]
        facts["first"] = names[0] if names else "?"
        facts["second"] = names[1] if len(names) > 1 else "?"
    elif code == WarningCode.TARGET_ADDRESS_DIFFERS_FROM_CUSTOMER_LOCATION:
        facts["incoming"] = incoming_place
        facts["stored"] = _place_of(location) or "?"
    elif code in {WarningCode.LOCATION_CUSTOMER_MISMATCH, WarningCode.CONTACT_CUSTOMER_MISMATCH}:
        # the customer the item's own signals point at: the linked one, else the best
        signalled = linked
        if signalled is None and mapping is not None and mapping.candidates:
            signalled = customers.get(mapping.candidates[0].customer_id)
        facts["customer"] = (signalled.name if signalled else None) or "?"
    return WarningView(code, facts)


def _route(location: Location | None, location_in: Mapping[str, Any]) -> RouteReadiness:
    if location is not None:
        return RouteReadiness(
            source="location",
            has_coordinates=_coordinates(_fields_of(location)) is not None,
            work_minutes=location.default_estimated_work_minutes,
            priority=location.default_priority,
            access_notes=location.access_notes,
            parking_notes=location.parking_notes,
        )
    minutes = location_in.get("defaultEstimatedWorkMinutes")
    return RouteReadiness(
        source="incoming",
        has_coordinates=_coordinates(location_in) is not None,
        work_minutes=int(minutes) if isinstance(minutes, int | float) else None,
        priority=_text(location_in.get("defaultPriority")),
        access_notes=_text(location_in.get("accessNotes")),
        parking_notes=_text(location_in.get("parkingNotes")),
    )


def _job(payload: Mapping[str, Any], batch_id: str | None) -> JobFacts:
    planning: Mapping[str, Any] = payload.get("planning") or {}
    minutes = planning.get("estimatedWorkMinutes")
    return JobFacts(
        title=_text(payload.get("title")),
        due=_text(planning.get("dueDate") or planning.get("dueAtUtc")),
        window_start=_text(
            planning.get("preferredTimeWindowStart") or planning.get("timeWindowStartUtc")
        ),
        window_end=_text(
            planning.get("preferredTimeWindowEnd") or planning.get("timeWindowEndUtc")
        ),
        priority=_text(planning.get("priority")),
        work_minutes=int(minutes) if isinstance(minutes, int | float) else None,
        batch_id=batch_id,
    )


# -- small helpers ------------------------------------------------------------------------------


def _contact(session: Session, tenant: str, contact_id: int) -> Contact | None:
    row = session.get(ContactRow, (tenant, contact_id))
    if row is None:
        return None
    return Contact(
        id=row.id,
        location_id=row.location_id,
        first_name=row.first_name,
        last_name=row.last_name,
        display_name=row.display_name,
        email=row.email,
        phone=row.phone,
        mobile=row.mobile,
    )


def _location_of(customer: Customer | None, location_id: int | None) -> Location | None:
    if customer is None or location_id is None:
        return None
    return next((loc for loc in customer.locations if loc.id == location_id), None)


def _contact_of(customer: Customer | None, contact_id: int | None) -> Contact | None:
    if customer is None or contact_id is None:
        return None
    return next((con for con in customer.contacts if con.id == contact_id), None)


def _contact_for(
    customer: Customer | None, links: Links, contact_in: Mapping[str, Any], customer_id: int
) -> Contact | None:
    """The contact to compare with: the linked one where this is the linked customer,
    else one of the customer's contacts with the incoming contact's name."""
    if customer is None:
        return None
    if links.customer_id == customer_id and links.contact_id is not None:
        linked = _contact_of(customer, links.contact_id)
        if linked is not None:
            return linked
    wanted = _plain(_person(contact_in))
    if not wanted:
        return None
    return next(
        (c for c in customer.contacts if _plain(_person(_fields_of(c))) == wanted),
        None,
    )


def _masked(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: (MASK if key in PERSONAL_FIELDS and value else value) for key, value in values.items()
    }


def _masked_contact(contact: Contact | None) -> Contact | None:
    if contact is None:
        return None
    return contact.model_copy(
        update={name: MASK for name in PERSONAL_FIELDS if getattr(contact, name)}
    )


def _fields_of(record: WireModel) -> dict[str, Any]:
    """A record's own fields by their wire names, as ``model_dump(by_alias=True)`` has
    them but without serialising (a view reads a few fields of every candidate's records;
    nested records stay models)."""
    names = _WIRE_NAMES.get(type(record))
    if names is None:
        names = tuple(
            (field, info.alias or field) for field, info in type(record).model_fields.items()
        )
        _WIRE_NAMES[type(record)] = names
    return {alias: getattr(record, field) for field, alias in names}


_WIRE_NAMES: dict[type[WireModel], tuple[tuple[str, str], ...]] = {}


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _plain(value: str | None) -> str:
    return " ".join((value or "").casefold().split())


def _person(values: Mapping[str, Any]) -> str | None:
    shown = _text(values.get("displayName"))
    if shown:
        return shown
    parts = [_text(values.get("firstName")), _text(values.get("lastName"))]
    return " ".join(p for p in parts if p) or None


def _coordinates(values: Mapping[str, Any]) -> tuple[float, float] | None:
    lat, lon = values.get("latitude"), values.get("longitude")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)) or (lat == 0 and lon == 0):
        return None
    return float(lat), float(lon)


def _coordinates_text(values: Mapping[str, Any]) -> str | None:
    found = _coordinates(values)
    return f"{found[0]:.5f}, {found[1]:.5f}" if found else None


def _place(values: Mapping[str, Any]) -> str | None:
    name = _text(values.get("name"))
    street = _text(values.get("street"))
    city = _text(values.get("city"))
    if name:
        return name
    return ", ".join(p for p in (street, city) if p) or None


def _place_of(location: Location | None) -> str | None:
    return _place(_fields_of(location)) if location else None
