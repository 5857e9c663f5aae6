"""A decided item as a Connect upsert: its target, as corrected, pointing at the decided
records by the external IDs they have in the item's source system (the customer must have
one; a location or contact without one goes by its address or name). Used to write
decisions back to a plain v1 server and to export confirmed mappings."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.enums import DecisionKind, ExternalType, Operation
from ordinavo_desk.domain.errors import DeskError
from ordinavo_desk.matching.decision_plan import DecisionInvalidError, corrected_target
from ordinavo_desk.store.rows import ExternalRefRow, ImportItemRow, ReviewDecisionRow

_DTOS = (
    ("customer", ExternalType.CUSTOMER, "customerId"),
    ("location", ExternalType.LOCATION, "locationId"),
    ("contact", ExternalType.CONTACT, "contactId"),
)


class NotExpressibleError(DeskError):
    """The decision cannot be said as a re-import of its item."""


def reference_of(
    session: Session,
    tenant: str,
    source_system: str,
    kind: ExternalType,
    record_id: int,
    *,
    preferred: str | None = None,
) -> str | None:
    """An external ID of the record in the source system: ``preferred`` if it is one."""
    found = list(
        session.scalars(
            select(ExternalRefRow.external_id)
            .where(
                ExternalRefRow.tenant == tenant,
                ExternalRefRow.source_system == source_system,
                ExternalRefRow.external_type == kind.value,
                ExternalRefRow.record_id == record_id,
            )
            .order_by(ExternalRefRow.id)
        )
    )
    if preferred is not None and preferred.strip() in found:
        return preferred.strip()
    return found[0] if found else None


def upsert_target(
    session: Session,
    tenant: str,
    item: ImportItemRow,
    decision: ReviewDecisionRow,
    *,
    creates_records: bool,
) -> InboundTarget:
    """The upsert that says ``decision`` (a linking one). ``creates_records``: whether
    the receiving side creates records from it (an export); a plain v1 server creates
    them only by its own auto-create rules, so a decision that creates is not expressible
    there."""
    kind = decision.kind
    request = decision.payload.get("request") or {}
    if kind in {DecisionKind.REJECT.value, DecisionKind.DEFER.value}:
        raise NotExpressibleError(
            f"a server without the review extension has no way to record {kind}"
        )
    if kind not in {k.value for k in (DecisionKind.CONFIRM, DecisionKind.CHOOSE,
                                      DecisionKind.CREATE_NEW)}:  # fmt: skip
        raise NotExpressibleError(f"a re-import cannot say {kind}")
    creates = (
        kind == DecisionKind.CREATE_NEW.value
        or request.get("newLocation")
        or request.get("newContact")
    )
    if creates and not creates_records:
        raise NotExpressibleError(
            "a server without the review extension creates records only by its own "
            "auto-create rules; create the record in Ordinavo, pull, and choose it"
        )
    try:
        target = corrected_target(item.payload, decision.corrections)
    except DecisionInvalidError as exc:
        raise NotExpressibleError(str(exc)) from None
    data = target.model_dump(mode="json", by_alias=True, exclude_none=True)
    for dto, ref_kind, link in _DTOS:
        record_id = decision.links_after.get(link)
        if record_id is None:
            continue
        # a server resolves the references it holds: the oldest one (loaded or pulled)
        # rather than one the desk's own mapping may have stored; an export keeps the
        # item's own ID where it points at the record
        given = (data.get(dto) or {}).get("externalId") if creates_records else None
        reference = reference_of(
            session, tenant, item.source_system, ref_kind, record_id, preferred=given
        )
        if reference is None and ref_kind is ExternalType.CUSTOMER:
            raise NotExpressibleError(
                f"customer {record_id} has no external reference in source system "
                f"'{item.source_system}', so a re-import cannot point at it"
            )
        if reference is None:
            # no reference: the receiving side finds the location or contact within the
            # decided customer by its address or name, as sent
            (data.get(dto) or {}).pop("externalId", None)
            continue
        data[dto] = {**(data.get(dto) or {}), "externalId": reference}
    data["operation"] = Operation.UPSERT.value
    data["sourceSystem"] = item.source_system
    return InboundTarget.model_validate(data)
