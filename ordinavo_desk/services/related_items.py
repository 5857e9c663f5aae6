"""Items a decision would settle too (the review service's "related items").

After a linking decision, the open items of the same tenant and source system that carry
the same customer external ID, or the same incoming customer in the same batch, are
mapped again as if their customer were the decided one: the engine runs on an index of
that customer alone (its locations, contacts and references), so the location and contact
rules pick within it. Each related item gets a proposed Choose, shown before anything is
recorded; ``ReviewService.decide_many`` then records the chosen ones in one step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.decisions import OPEN_STATES
from ordinavo_desk.domain.enums import DecisionKind, Strategy
from ordinavo_desk.domain.errors import InputError, NotFoundError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.domain.reference import Customer, ExternalRef
from ordinavo_desk.domain.settings import AutoCreate, MappingSettings
from ordinavo_desk.matching.decision_plan import LINKING_KINDS, corrected_target
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.matching.index import ReferenceIndex
from ordinavo_desk.matching.links import Links
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.decision_repository import DecisionRepository
from ordinavo_desk.store.reference_repository import ReferenceRepository
from ordinavo_desk.store.rows import ImportItemRow

#: The external ID the decided customer is known by in the one-customer index.
_DECIDED = "decided-customer"
_LIMIT = 500


@dataclass(frozen=True, slots=True)
class RelatedItem:
    item_id: int
    external_id: str
    #: Why it is related: "externalId" (same customer external ID) or "batch" (same
    #: incoming customer in the same batch).
    because: str
    status_before: str | None
    links: Links
    #: Warnings of mapping the item to the decided customer (e.g. a location not found).
    warnings: tuple[str, ...]
    proposal: DecisionRequest


def _customer_of(payload: dict[str, Any]) -> dict[str, Any]:
    customer = payload.get("customer")
    return (
        {k: v for k, v in customer.items() if v is not None} if isinstance(customer, dict) else {}
    )


def _candidates(
    session: Session, profile: Profile, item: ImportItemRow, external_id: str | None
) -> list[tuple[ImportItemRow, str]]:
    base = select(ImportItemRow).where(
        ImportItemRow.tenant == profile.tenant,
        ImportItemRow.source_system == item.source_system,
        ImportItemRow.review_state.in_(sorted(OPEN_STATES)),
        ImportItemRow.id != item.id,
    )
    found: dict[int, tuple[ImportItemRow, str]] = {}
    if external_id:
        column = ImportItemRow.payload["customer"]["externalId"].as_string()
        for row in session.scalars(base.where(column == external_id).limit(_LIMIT)):
            found[row.id] = (row, "externalId")
    if item.batch_id:
        incoming = _customer_of(item.payload)
        same_batch = base.where(ImportItemRow.batch_id == item.batch_id).limit(_LIMIT)
        for row in session.scalars(same_batch):
            if incoming and row.id not in found and _customer_of(row.payload) == incoming:
                found[row.id] = (row, "batch")
    return sorted(found.values(), key=lambda pair: pair[0].id)


def _one_customer_engine(customer: Customer, tenant: str, source_system: str) -> MappingEngine:
    known = ExternalRef(source_system=source_system, external_id=_DECIDED)
    decided = customer.model_copy(update={"external_refs": (*customer.external_refs, known)})
    index = ReferenceIndex()
    index.add_reference_customer(decided, tenant)
    return MappingEngine(index)


def related_items(store: Store, profile: Profile, decision_id: int) -> list[RelatedItem]:
    """The open items the decision ``decision_id`` would settle too, with a proposal each."""
    with store.unit_of_work() as session:
        decisions = DecisionRepository(session, profile.tenant)
        decision = decisions.decision(decision_id)
        if decision is None:
            raise NotFoundError(f"no decision {decision_id} in tenant '{profile.tenant}'")
        if decision.kind not in {k.value for k in LINKING_KINDS}:
            return []
        customer_id = decision.links_after.get("customerId")
        if customer_id is None:
            return []  # created on the server, not known here yet
        item = decisions.item(decision.item_id)
        target = corrected_target(item.payload, decision.corrections)
        external_id = target.customer.external_id if target.customer else None
        related = _candidates(session, profile, item, external_id)
        customer = ReferenceRepository(session, profile.tenant).customer(customer_id)
        if customer is None or not related:
            return []
        settings = profile.settings.model_copy(
            update={"strategy": Strategy.EXTERNAL_ID_FIRST, "auto_create": AutoCreate(),
                    "auto_update": False}
        )  # fmt: skip
        engine = _one_customer_engine(customer, profile.tenant, item.source_system)
        proposals = (_proposal(engine, settings, row, because) for row, because in related)
        return [found for found in proposals if found is not None]


def _proposal(
    engine: MappingEngine, settings: MappingSettings, row: ImportItemRow, because: str
) -> RelatedItem | None:
    data = dict(row.payload)
    data["customer"] = {**(data.get("customer") or {}), "externalId": _DECIDED}
    try:
        outcome = engine.map_item(corrected_target(data, {}), settings)
    except InputError:  # e.g. corrections it would need first: a person decides it alone
        return None
    links = outcome.links
    if links.customer_id is None:
        return None
    proposal = DecisionRequest(
        kind=DecisionKind.CHOOSE,
        customer_id=links.customer_id,
        location_id=links.location_id,
        contact_id=links.contact_id,
    )
    return RelatedItem(
        item_id=row.id,
        external_id=row.external_id,
        because=because,
        status_before=row.mapping_status,
        links=links,
        warnings=tuple(outcome.result.warnings),
        proposal=proposal,
    )
