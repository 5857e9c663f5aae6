"""Applying a person's decision to an item (mapping-rules.md, "Review decisions").

The caller has checked the Idempotency-Key and If-Match; this checks the item's state
and the chosen records (409 when the decision cannot apply) and the scopes.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from ordinavo_desk.connect.wire import DecisionRequest, ReviewState
from ordinavo_desk.domain.enums import DecisionKind, ExternalType, MappingStatus, Scope
from ordinavo_desk.matching.decision_plan import (
    LINKING_KINDS,
    DecisionConflictError,
    DecisionInput,
    DecisionInvalidError,
    DecisionPlan,
    DecisionScopeError,
    NextId,
    plan_decision,
)
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.matching.links import Links
from ordinavo_desk.sandbox.api_errors import conflict, missing_scope, validation_failed
from ordinavo_desk.sandbox.imports import item_wire_id
from ordinavo_desk.sandbox.item_state import ItemState, write_item_state
from ordinavo_desk.sandbox.key_registry import KeyGrant
from ordinavo_desk.sandbox.review import summary
from ordinavo_desk.sandbox.rows import DecisionRow
from ordinavo_desk.sandbox.sandbox_store import flag_records, persist_changes
from ordinavo_desk.store.types import utcnow

DECISION_PREFIX = "dec_"
#: What a decision changes in the item's stored result: a decision keeps these as they
#: were (for a Revert), not the whole result with its candidates.
DECIDED_RESULT_KEYS = (
    "status",
    "warnings",
    "customerId",
    "customerLocationId",
    "customerContactId",
    "explanation",
)
_DECISIONS = cast("Table", DecisionRow.__table__)
_LAST_DECISION = select(func.max(_DECISIONS.c.id))
_KEEP_DECISION = insert(_DECISIONS)


def _snapshot(row: ItemState) -> dict[str, Any]:
    result = row.result
    return {
        "status": row.status,
        "warnings": list(row.warnings),
        "customerId": row.customer_id,
        "locationId": row.location_id,
        "contactId": row.contact_id,
        "reviewState": row.review_state,
        "resultKept": {key: result[key] for key in DECIDED_RESULT_KEYS if key in result},
    }


def _restored_result(current: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    """The item's result as it was before a decision (which changed only the kept keys)."""
    if "result" in before:  # a decision stored with the whole result
        return dict(before["result"])
    restored = {key: value for key, value in current.items() if key not in DECIDED_RESULT_KEYS}
    restored.update(before["resultKept"])
    return restored


def _links(snapshot: dict[str, Any]) -> dict[str, int | None]:
    return {
        "customerId": snapshot["customerId"],
        "locationId": snapshot["locationId"],
        "contactId": snapshot["contactId"],
    }


def _next_id(engine: MappingEngine) -> NextId:
    """Sandbox ids are unique across tenants, as the server's are."""
    return lambda kind, made: engine.index.highest_id(kind) + made + 1


def _plan(
    engine: MappingEngine, grant: KeyGrant, row: ItemState, request: DecisionRequest
) -> DecisionPlan:
    candidates = row.result.get("candidates") or []
    top = candidates[0] if candidates else None
    item = DecisionInput(
        tenant=grant.tenant,
        source_system=grant.source_system,
        payload=row.target,
        linked=Links(row.customer_id, row.location_id, row.contact_id),
        top_candidate=(top["customerId"], top.get("customerLocationId")) if top else None,
    )
    try:
        return plan_decision(
            engine.index.tenant(grant.tenant),
            item,
            kind=request.kind,
            chosen=Links(request.customer_id, request.location_id, request.contact_id),
            new_location=request.new_location,
            new_contact=request.new_contact,
            corrections=request.corrections,
            can_write=grant.has(Scope.CUSTOMERS_WRITE),
            next_id=_next_id(engine),
        )
    except DecisionScopeError as exc:
        raise missing_scope(exc.scope) from None
    except DecisionInvalidError as exc:
        raise validation_failed(exc.message, exc.fields) from None
    except DecisionConflictError as exc:
        raise conflict(str(exc)) from None


def apply_decision(
    session: Session,
    engine: MappingEngine,
    grant: KeyGrant,
    row: ItemState,
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
    plan = DecisionPlan(grant.tenant)
    if request.kind in LINKING_KINDS:
        plan = _plan(engine, grant, row, request)
        changes = plan.changes()
        persist_changes(session, changes)
        engine.apply(changes)
        row.status = (
            MappingStatus.CREATED.value if changes.created_any else MappingStatus.MAPPED.value
        )
        row.warnings = []
        links = plan.links
        row.customer_id, row.location_id = links.customer_id, links.location_id
        row.contact_id = links.contact_id
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
    return _record(session, row, request, before, created=plan.created, stored=bool(plan.refs))


def _record(
    session: Session,
    row: ItemState,
    request: DecisionRequest,
    before: dict[str, Any],
    *,
    created: dict[str, list[int]],
    stored: bool,
) -> dict[str, Any]:
    version_seen = row.version
    row.version += 1
    row.updated_at = utcnow()
    write_item_state(session, row)
    # one request at a time writes to the sandbox's store: the next id is known before the
    # row is written, which is then written once, whole
    decision_id = (session.execute(_LAST_DECISION).scalar() or 0) + 1
    record = {
        "id": f"{DECISION_PREFIX}{decision_id}",
        "itemId": item_wire_id(row.id),
        "kind": request.kind.value,
        "author": request.author,
        "decidedAt": utcnow().isoformat(),
        "itemVersion": version_seen,
        "statusBefore": before["status"],
        "statusAfter": row.status,
        "linksBefore": _links(before),
        "linksAfter": {
            "customerId": row.customer_id,
            "locationId": row.location_id,
            "contactId": row.contact_id,
        },
        "corrections": request.corrections,
        "reasonCode": request.reason_code.value if request.reason_code else None,
        "reasonText": request.reason_text,
        "deferUntil": request.defer_until.isoformat() if request.defer_until else None,
        "note": request.note,
        "created": created,
        "referencesStored": stored,
        "revertedBy": None,
    }
    session.execute(
        _KEEP_DECISION,
        {
            "id": decision_id,
            "tenant": row.tenant,
            "item_id": row.id,
            "record": record,
            "before": before,
            "reverted_by": None,
        },
    )
    return {"decision": record, "item": summary(row)}


def _revert(
    session: Session, grant: KeyGrant, row: ItemState, request: DecisionRequest
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
    row.result = _restored_result(row.result, restored)
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
