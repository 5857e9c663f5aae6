"""Items that carry nothing but references, each resolving cleanly: linked without the
general run.

An integration that always sends its ids (the usual case once the first imports have
been mapped) sends items whose customer, location and contact are references only (or
no customer, and a location reference whose owner is linked). When those resolve to a
customer, to one of its locations and to one of its contacts (at that
location, or at none), the rules link them by reference and have nothing else to do
than warn of an archived or blocked customer and of a location without coordinates: no
fallback, no creation, no update, no search. This module writes that result directly,
the same result the general run writes, with a fraction of the work.

Anything else returns ``None`` and takes the general run: a name, a customer number, an
address or any other field; a reference that does not resolve or points at another
customer's record; a contact reference alone; a contact at another location than the
linked one; a candidate floor of 0 (rows scoring 0 would be shown as well).
``tests/matching/test_reference_only.py`` maps generated data and the demo world both
ways and requires identical outcomes.
"""

from __future__ import annotations

from pydantic import BaseModel

from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.enums import (
    CandidateOutcome,
    CustomerStatus,
    ExternalType,
    MappingStatus,
    WarningCode,
)
from ordinavo_desk.domain.mapping import Candidate, MappingResult
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.matching.blocking import external_id_key
from ordinavo_desk.matching.candidates import Reach
from ordinavo_desk.matching.customer_resolution import inactive_customer_step, owner_step
from ordinavo_desk.matching.explain import (
    Step,
    contact_reference_step,
    customer_reference_step,
    location_reference_step,
    ref_text,
    render,
)
from ordinavo_desk.matching.index import ReferenceIndex
from ordinavo_desk.matching.item_run import EPSILON
from ordinavo_desk.matching.links import Links
from ordinavo_desk.matching.location_resolution import missing_coordinates_step
from ordinavo_desk.matching.policy import ScoringPolicy
from ordinavo_desk.matching.records import LocationRecord


def _reference_alone(dto: BaseModel) -> str | None:
    """The DTO's external id (trimmed) when it carries nothing else, else None."""
    ref: str | None = None
    for name, value in dto.__dict__.items():
        if value is None:
            continue
        if name != "external_id":
            return None
        ref = external_id_key(value)
    return ref


def map_reference_only(
    index: ReferenceIndex,
    target: InboundTarget,
    settings: MappingSettings,
    policy: ScoringPolicy,
    *,
    detailed: bool,
) -> tuple[MappingResult, Links] | None:
    """The result of an item of references only that resolve cleanly, else None (see the
    module docstring). Call it after the checks for NotApplicable, Skipped and
    ManualOnly."""
    if target.address is not None or settings.name_and_address.floor <= EPSILON:
        return None
    # "" where the item has no such DTO, None where the DTO carries more than a reference
    customer_ref = _reference_alone(target.customer) if target.customer is not None else ""
    location_ref = _reference_alone(target.location) if target.location is not None else ""
    contact_ref = _reference_alone(target.contact) if target.contact is not None else ""
    if customer_ref is None or location_ref is None or contact_ref is None:
        return None
    if not customer_ref and not location_ref:  # nothing, or a contact's owner
        return None

    tenant = index.tenant(settings.tenant)
    source = settings.source_system
    location: LocationRecord | None = None
    if location_ref:
        found = tenant.resolve(source, ExternalType.LOCATION, location_ref)
        location = tenant.location(found) if found is not None else None
        if location is None:
            return None
    steps: list[Step]
    if customer_ref:
        found = tenant.resolve(source, ExternalType.CUSTOMER, customer_ref)
        customer = tenant.customer(found) if found is not None else None
        if customer is None:
            return None
        steps = [customer_reference_step(ref_text(customer_ref, source), customer.id)]
        reached_by, reached_ref = "customer.externalId", customer_ref
    else:  # no customer in the item: the owner of the referenced location
        assert location is not None
        customer = tenant.customer(location.customer_id)
        if customer is None:
            return None
        steps = [owner_step(customer.id, "location")]
        reached_by, reached_ref = "location.externalId", location_ref
    if location is not None and location.customer_id != customer.id:
        return None
    warnings: list[str] = []
    if customer.status is not CustomerStatus.ACTIVE:
        warnings.append(WarningCode.CUSTOMER_ARCHIVED_OR_BLOCKED.value)
        steps.append(inactive_customer_step(customer.id, customer.status))

    location_id: int | None = None
    if location is not None:
        location_id = location.id
        ref = ref_text(location_ref, source)
        steps.append(location_reference_step(ref, location.id, customer.id))
        if not location.has_coordinates:
            warnings.append(WarningCode.LOCATION_MISSING_COORDINATES.value)
            steps.append(missing_coordinates_step(location.id))

    contact_id: int | None = None
    if contact_ref:
        found = tenant.resolve(source, ExternalType.CONTACT, contact_ref)
        contact = tenant.contact(found) if found is not None else None
        if contact is None or contact.customer_id != customer.id:
            return None
        if contact.location_id is not None and contact.location_id != location_id:
            # at another location than the linked one (a warning), or at a location while
            # none is linked: fine only when it is one of the customer's
            at = tenant.location(contact.location_id) if location_id is None else None
            if at is None or at.customer_id != customer.id:
                return None
        contact_id = contact.id
        ref = ref_text(contact_ref, source)
        steps.append(contact_reference_step(ref, contact.id, contact.location_id, customer.id))

    candidates: tuple[Candidate, ...] = ()
    if detailed and settings.max_candidates > 0:
        # the customer's first reach (its reference, else the location's) is shown at
        # the linked location, else at the customer's lowest location id (every
        # location scores 0 against an item without a name or an address; the
        # contact's location is one of the customer's)
        row = location_id
        if row is None:
            row = min(tenant.location_ids(customer.id), default=None)
        score = float(policy.reference_score)
        reach = Reach(customer.id, row, reached_by, reached_ref, reached_ref, "reference")
        candidates = (
            Candidate(
                customer_id=customer.id,
                customer_location_id=row,
                score=score,
                outcome=CandidateOutcome.CONFIDENT,
                reasons=(reach.reason(score),),
            ),
        )
    result = MappingResult(
        item_external_id=target.external_id,
        status=MappingStatus.WARNING if warnings else MappingStatus.MAPPED,
        customer_id=customer.id if detailed else None,
        customer_location_id=location_id if detailed else None,
        customer_contact_id=contact_id if detailed else None,
        warnings=tuple(warnings),
        candidates=candidates,
        explanation=render(steps, detailed=detailed),
    )
    return result, Links(customer.id, location_id, contact_id)
