"""Applying a person's decision to an item (mapping-rules.md, "Review decisions").

The caller has checked the Idempotency-Key and If-Match; this checks the item's state
and the chosen records (409 when the decision cannot apply) and the scopes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ordinavo_desk.connect.wire import DecisionRequest, ReviewState
from ordinavo_desk.domain.connect import ContactDto, InboundTarget, LocationDto
from ordinavo_desk.domain.enums import DecisionKind, ExternalType, MappingStatus, Scope
from ordinavo_desk.matching.changes import IndexChanges
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.matching.records import (
    ContactRecord,
    CustomerRecord,
    ExternalRefRecord,
    LocationRecord,
)
from ordinavo_desk.matching.tenant_index import TenantIndex
from ordinavo_desk.sandbox.api_errors import conflict, missing_scope, validation_failed
from ordinavo_desk.sandbox.imports import item_wire_id
from ordinavo_desk.sandbox.key_registry import KeyGrant
from ordinavo_desk.sandbox.review import summary
from ordinavo_desk.sandbox.rows import DecisionRow, ItemRow
from ordinavo_desk.sandbox.sandbox_store import flag_records, persist_changes
from ordinavo_desk.store.types import utcnow

DECISION_PREFIX = "dec_"
_LINKING = {DecisionKind.CONFIRM, DecisionKind.CHOOSE, DecisionKind.CREATE_NEW}


def _snapshot(row: ItemRow) -> dict[str, Any]:
    return {
        "status": row.status,
        "warnings": list(row.warnings),
        "customerId": row.customer_id,
        "locationId": row.location_id,
        "contactId": row.contact_id,
        "reviewState": row.review_state,
        "result": row.result,
    }


def _links(snapshot: dict[str, Any]) -> dict[str, int | None]:
    return {
        "customerId": snapshot["customerId"],
        "locationId": snapshot["locationId"],
        "contactId": snapshot["contactId"],
    }


class _Plan:
    """What a linking decision will do: links, created records, stored references."""

    def __init__(self, grant: KeyGrant, engine: MappingEngine) -> None:
        self.grant = grant
        self.engine = engine
        self.tenant: TenantIndex = engine.index.tenant(grant.tenant)
        self.customer_id: int | None = None
        self.location_id: int | None = None
        self.contact_id: int | None = None
        self.customers: list[CustomerRecord] = []
        self.locations: list[LocationRecord] = []
        self.contacts: list[ContactRecord] = []
        self.refs: list[ExternalRefRecord] = []

    def _next_id(self, kind: ExternalType, made: int) -> int:
        return self.engine.index.highest_id(kind) + made + 1

    def need_write(self) -> None:
        if not self.grant.has(Scope.CUSTOMERS_WRITE):
            raise missing_scope(Scope.CUSTOMERS_WRITE)

    def link_existing(
        self, customer_id: int, location_id: int | None, contact_id: int | None
    ) -> None:
        if self.tenant.customer(customer_id) is None:
            raise conflict(f"customer {customer_id} no longer exists")
        location = self.tenant.location(location_id) if location_id is not None else None
        if location_id is not None and (location is None or location.customer_id != customer_id):
            raise conflict(f"location {location_id} is not a location of customer {customer_id}")
        contact = self.tenant.contact(contact_id) if contact_id is not None else None
        if contact_id is not None and (contact is None or contact.customer_id != customer_id):
            raise conflict(f"contact {contact_id} is not a contact of customer {customer_id}")
        self.customer_id, self.location_id, self.contact_id = customer_id, location_id, contact_id

    def create_customer(self, target: InboundTarget) -> None:
        self.need_write()
        dto = target.customer
        if dto is None or dto.name is None:
            raise validation_failed(
                "CreateNew needs a customer name", {"corrections.customer.name": ["required"]}
            )
        number = dto.customer_number
        if number is not None and self.tenant.customers_with_number(number):
            number = None  # held by another customer: the new one gets none
        record = CustomerRecord(
            tenant=self.grant.tenant,
            id=self._next_id(ExternalType.CUSTOMER, 0),
            customer_number=number,
            name=dto.name,
            type=dto.type,
            industry=dto.industry,
            email=dto.email,
            phone=dto.phone,
            website=dto.website,
        )
        self.customers.append(record)
        self.customer_id, self.location_id, self.contact_id = record.id, None, None

    def create_location(self, target: InboundTarget) -> None:
        self.need_write()
        assert self.customer_id is not None
        dto = target.location or LocationDto()
        address = target.incoming_address()
        if address is None or not address.has_street_or_postal_code:
            raise validation_failed(
                "a new location needs a street or a postal code",
                {"corrections.location": ["street or postalCode required"]},
            )
        data = dto.model_dump(exclude={"external_id"})
        data.update(address.model_dump())
        record = LocationRecord(
            tenant=self.grant.tenant,
            id=self._next_id(ExternalType.LOCATION, len(self.locations)),
            customer_id=self.customer_id,
            **data,
        )
        self.locations.append(record)
        self.location_id = record.id

    def create_contact(self, target: InboundTarget) -> None:
        self.need_write()
        assert self.customer_id is not None
        dto = target.contact or ContactDto()
        if not (dto.display_name or dto.last_name or dto.email or dto.phone):
            raise validation_failed(
                "a new contact needs a name, an email or a phone",
                {"corrections.contact": ["displayName, lastName, email or phone required"]},
            )
        data = dto.model_dump(exclude={"external_id"})
        record = ContactRecord(
            tenant=self.grant.tenant,
            id=self._next_id(ExternalType.CONTACT, len(self.contacts)),
            customer_id=self.customer_id,
            location_id=self.location_id,
            **data,
        )
        self.contacts.append(record)
        self.contact_id = record.id

    def store_references(self, target: InboundTarget) -> bool:
        """With customers.write: the item's external ids now point at the decided records."""
        if not self.grant.has(Scope.CUSTOMERS_WRITE):
            return False
        wanted = [
            (ExternalType.CUSTOMER, target.customer, self.customer_id),
            (ExternalType.LOCATION, target.location, self.location_id),
            (ExternalType.CONTACT, target.contact, self.contact_id),
        ]
        for kind, dto, record_id in wanted:
            external_id = dto.external_id if dto is not None else None
            if external_id is None or record_id is None:
                continue
            held = self.tenant.resolve(self.grant.source_system, kind, external_id)
            if held == record_id:
                continue
            if held is not None:
                raise conflict(
                    f"{kind.value} reference {external_id} already points at {held}; "
                    "references are never moved"
                )
            self.refs.append(
                ExternalRefRecord(
                    self.grant.tenant, self.grant.source_system, kind, external_id, record_id
                )
            )
        return bool(self.refs)

    def changes(self) -> IndexChanges:
        return IndexChanges(
            self.grant.tenant,
            customers=tuple(self.customers),
            locations=tuple(self.locations),
            contacts=tuple(self.contacts),
            external_refs=tuple(self.refs),
        )


def _corrected_target(row: ItemRow, request: DecisionRequest) -> InboundTarget:
    data = dict(row.target)
    for dto, fields in request.corrections.items():
        base = data.get(dto) if isinstance(data.get(dto), dict) else {}
        data[dto] = {**(base or {}), **fields}
    try:
        return InboundTarget.model_validate(data)
    except ValueError as exc:
        raise validation_failed(f"the corrections are not valid: {exc}", {}) from None


def _plan_links(plan: _Plan, row: ItemRow, request: DecisionRequest, target: InboundTarget) -> None:
    if request.kind is DecisionKind.CONFIRM:
        customer_id, location_id, contact_id = row.customer_id, row.location_id, row.contact_id
        candidates = row.result.get("candidates") or []
        if customer_id is None and candidates:
            top = candidates[0]
            customer_id, location_id = top["customerId"], top.get("customerLocationId")
        if customer_id is None:
            raise conflict("nothing to confirm: no customer is linked and there is no candidate")
        plan.link_existing(customer_id, location_id, contact_id)
    elif request.kind is DecisionKind.CHOOSE:
        assert request.customer_id is not None
        plan.link_existing(request.customer_id, request.location_id, request.contact_id)
        if request.new_location:
            plan.create_location(target)
        if request.new_contact:
            plan.create_contact(target)
    else:
        plan.create_customer(target)
        if target.incoming_address() is not None:
            plan.create_location(target)
        if target.contact is not None:
            plan.create_contact(target)


def apply_decision(
    session: Session,
    engine: MappingEngine,
    grant: KeyGrant,
    row: ItemRow,
    request: DecisionRequest,
) -> dict[str, Any]:
    """Apply ``request`` to the item; answers the DecisionResult (wire form)."""
    if not grant.has(Scope.CUSTOMERS_MAP):
        raise missing_scope(Scope.CUSTOMERS_MAP)
    if row.review_state == ReviewState.CANCELLED:
        raise conflict("the item was cancelled")
    if request.kind is DecisionKind.REVERT:
        return _revert(session, grant, row, request)
    if row.review_state not in {ReviewState.OPEN, ReviewState.DEFERRED}:
        raise conflict(f"the item is {row.review_state}; revert its decision first")
    before = _snapshot(row)
    target = _corrected_target(row, request)
    plan = _Plan(grant, engine)
    stored = False
    if request.kind in _LINKING:
        _plan_links(plan, row, request, target)
        stored = plan.store_references(target)
        changes = plan.changes()
        persist_changes(session, changes)
        engine.apply(changes)
        row.status = (
            MappingStatus.CREATED.value if changes.created_any else MappingStatus.MAPPED.value
        )
        row.warnings = []
        row.customer_id, row.location_id = plan.customer_id, plan.location_id
        row.contact_id = plan.contact_id
        row.review_state = ReviewState.DECIDED.value
    elif request.kind is DecisionKind.REJECT:
        row.customer_id = row.location_id = row.contact_id = None
        row.review_state = ReviewState.REJECTED.value
    else:
        row.review_state = ReviewState.DEFERRED.value
    result = dict(row.result)
    result.update(status=row.status, warnings=list(row.warnings))
    if row.result_detailed:
        result.update(
            customerId=row.customer_id,
            customerLocationId=row.location_id,
            customerContactId=row.contact_id,
        )
    result["explanation"] = [*result.get("explanation", []), f"decided: {request.kind.value}"]
    row.result = result
    created = {
        "customers": [r.id for r in plan.customers],
        "locations": [r.id for r in plan.locations],
        "contacts": [r.id for r in plan.contacts],
    }
    return _record(session, row, request, before, created=created, stored=stored)


def _record(
    session: Session,
    row: ItemRow,
    request: DecisionRequest,
    before: dict[str, Any],
    *,
    created: dict[str, list[int]],
    stored: bool,
) -> dict[str, Any]:
    version_seen = row.version
    row.version += 1
    row.updated_at = utcnow()
    decision = DecisionRow(tenant=row.tenant, item_id=row.id, record={}, before=before)
    session.add(decision)
    session.flush()
    record = {
        "id": f"{DECISION_PREFIX}{decision.id}",
        "itemId": item_wire_id(row.id),
        "kind": request.kind.value,
        "author": request.author,
        "decidedAt": utcnow().isoformat(),
        "itemVersion": version_seen,
        "statusBefore": before["status"],
        "statusAfter": row.status,
        "linksBefore": _links(before),
        "linksAfter": _links(_snapshot(row)),
        "corrections": request.corrections,
        "reasonCode": request.reason_code.value if request.reason_code else None,
        "reasonText": request.reason_text,
        "deferUntil": request.defer_until.isoformat() if request.defer_until else None,
        "note": request.note,
        "created": created,
        "referencesStored": stored,
        "revertedBy": None,
    }
    decision.record = record
    session.flush()
    return {"decision": record, "item": summary(row)}


def _revert(
    session: Session, grant: KeyGrant, row: ItemRow, request: DecisionRequest
) -> dict[str, Any]:
    latest = session.scalars(
        select(DecisionRow)
        .where(DecisionRow.item_id == row.id, DecisionRow.reverted_by.is_(None))
        .order_by(DecisionRow.id.desc())
    ).first()
    if latest is None or latest.record.get("kind") == DecisionKind.REVERT:
        raise conflict("there is no decision to revert")
    wanted = request.reverts_decision_id
    if wanted is not None and wanted != latest.record["id"]:
        raise conflict(f"only the latest decision ({latest.record['id']}) can be reverted")
    before = _snapshot(row)
    restored = latest.before
    row.status = restored["status"]
    row.warnings = list(restored["warnings"])
    row.customer_id = restored["customerId"]
    row.location_id = restored["locationId"]
    row.contact_id = restored["contactId"]
    row.result = restored["result"]
    row.review_state = ReviewState.OPEN.value
    created = latest.record.get("created") or {}
    for kind, name in (
        (ExternalType.CUSTOMER, "customers"),
        (ExternalType.LOCATION, "locations"),
        (ExternalType.CONTACT, "contacts"),
    ):
        if created.get(name):
            flag_records(session, grant.tenant, kind, created[name])
    nothing: dict[str, list[int]] = {"customers": [], "locations": [], "contacts": []}
    answer = _record(session, row, request, before, created=nothing, stored=False)
    latest.reverted_by = int(answer["decision"]["id"].removeprefix(DECISION_PREFIX))
    latest.record = {**latest.record, "revertedBy": answer["decision"]["id"]}
    return answer
