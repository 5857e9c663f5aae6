"""Importing targets: each item on its own, mapped by the matching engine with the key's
settings, stored as an item of the sandbox, summed up as an ImportJob."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ordinavo_desk.connect.wire import ReviewState
from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.enums import ImportJobStatus, Operation, Scope
from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.domain.mapping import needs_review
from ordinavo_desk.domain.validation import field_path, input_error_from
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.sandbox.key_registry import KeyGrant
from ordinavo_desk.sandbox.rows import ItemRow, JobRow
from ordinavo_desk.sandbox.sandbox_store import next_value, persist_changes
from ordinavo_desk.store.types import utcnow

ITEM_PREFIX = "ri_"


def item_wire_id(item_id: int) -> str:
    return f"{ITEM_PREFIX}{item_id}"


class _ItemRejectedError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _parse_target(raw: object, defaults: dict[str, Any], grant: KeyGrant) -> InboundTarget:
    if not isinstance(raw, dict):
        raise _ItemRejectedError("invalid_request", "a target must be a JSON object")
    data = {**{k: v for k, v in defaults.items() if v is not None and k not in raw}, **raw}
    external_id = data.get("externalId")
    if not isinstance(external_id, str) or not external_id.strip():
        raise _ItemRejectedError(
            "missing_external_id", "externalId is required and must not be empty"
        )
    try:
        target = InboundTarget.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        error = input_error_from(exc)
        code = (
            "invalid_operation"
            if field_path(tuple(first["loc"])) == "operation"
            else "validation_failed"
        )
        raise _ItemRejectedError(code, error.describe()) from None
    named = target.source_system
    if named is not None and named != grant.source_system:
        raise _ItemRejectedError(
            "invalid_source_system",
            f"sourceSystem '{named}' is not this key's source system '{grant.source_system}'",
        )
    return target


def _customer_mapping(row: ItemRow) -> dict[str, Any]:
    return {
        "status": row.status,
        "customerId": row.customer_id,
        "customerLocationId": row.location_id,
        "customerContactId": row.contact_id,
        "warnings": list(row.warnings),
    }


def import_one(
    session: Session,
    engine: MappingEngine,
    grant: KeyGrant,
    raw: object,
    *,
    defaults: dict[str, Any],
    job_id: str,
) -> dict[str, Any]:
    """Import one target; answers its ImportJob item (rejections included)."""
    external_id = raw.get("externalId") if isinstance(raw, dict) else None
    try:
        target = _parse_target(raw, defaults, grant)
        return _store_target(session, engine, grant, target, job_id)
    except _ItemRejectedError as rejected:
        return {
            "externalId": external_id if isinstance(external_id, str) else "",
            "status": "Rejected",
            "targetId": None,
            "warnings": [],
            "errorCode": rejected.code,
            "errorMessage": rejected.message,
        }


def _store_target(
    session: Session,
    engine: MappingEngine,
    grant: KeyGrant,
    target: InboundTarget,
    job_id: str,
) -> dict[str, Any]:
    row = session.scalars(
        select(ItemRow).where(
            ItemRow.tenant == grant.tenant,
            ItemRow.source_system == grant.source_system,
            ItemRow.external_id == target.external_id,
        )
    ).first()
    live = row is not None and row.review_state != ReviewState.CANCELLED
    operation = target.operation
    if operation is Operation.CREATE and live:
        raise _ItemRejectedError("already_exists", f"target {target.external_id} exists already")
    if operation in {Operation.UPDATE, Operation.CANCEL} and not live:
        raise _ItemRejectedError(
            "not_found", f"no target {target.external_id} to {operation.value}"
        )
    try:
        outcome = engine.map_item(target, grant.settings)
    except InputError as exc:
        raise _ItemRejectedError("validation_failed", exc.describe()) from None
    persist_changes(session, outcome.changes)
    engine.apply(outcome.changes)
    result = outcome.result
    created = row is None
    if row is None:
        row = ItemRow(tenant=grant.tenant, source_system=grant.source_system, version=0)
        row.external_id = target.external_id
        session.add(row)
    row.version += 1
    row.target = target.to_wire()
    row.result = result.to_result_json()
    row.result_detailed = grant.has(Scope.CUSTOMERS_READ)
    row.status = result.status.value
    row.warnings = list(result.warnings)
    row.customer_id = outcome.links.customer_id
    row.location_id = outcome.links.location_id
    row.contact_id = outcome.links.contact_id
    row.import_job_id = job_id
    row.updated_at = utcnow()
    if operation is Operation.CANCEL:
        row.needs_review = False
        row.review_state = ReviewState.CANCELLED.value
        item_status = "Cancelled"
    else:
        row.needs_review = needs_review(result.status, grant.settings.strategy)
        row.review_state = (
            ReviewState.OPEN.value if row.needs_review else ReviewState.NOT_NEEDED.value
        )
        item_status = "Created" if created else "Updated"
    session.flush()
    return {
        "externalId": target.external_id,
        "status": item_status,
        "targetId": f"tgt_{row.id}",
        "reviewItemId": item_wire_id(row.id),
        "warnings": list(result.warnings),
        "errorCode": None,
        "errorMessage": None,
        "customerMapping": _customer_mapping(row),
    }


def run_import(
    session: Session,
    engine: MappingEngine,
    grant: KeyGrant,
    raw_targets: list[object],
    defaults: dict[str, Any],
) -> dict[str, Any]:
    """Import the targets in order (each sees what the ones before it created) and store
    the ImportJob; answers it with full detail (see ``job_for``)."""
    job_id = f"job_{next_value(session, 'import_job'):06d}"
    items = [
        import_one(session, engine, grant, raw, defaults=defaults, job_id=job_id)
        for raw in raw_targets
    ]
    counts = {s: sum(1 for i in items if i["status"] == s) for s in ("Created", "Updated")}
    cancelled = sum(1 for i in items if i["status"] == "Cancelled")
    rejected = sum(1 for i in items if i["status"] == "Rejected")
    if not items or rejected == len(items):
        status = ImportJobStatus.FAILED
    elif rejected:
        status = ImportJobStatus.PARTIALLY_FAILED
    else:
        status = ImportJobStatus.COMPLETED
    body: dict[str, Any] = {
        "importJobId": job_id,
        "status": status.value,
        "totalItems": len(items),
        "createdItems": counts["Created"],
        "updatedItems": counts["Updated"],
        "cancelledItems": cancelled,
        "rejectedItems": rejected,
        "warningItems": sum(1 for i in items if i["warnings"]),
        "items": items,
        "links": {"importJob": f"/import-jobs/{job_id}"},
    }
    session.add(JobRow(id=job_id, tenant=grant.tenant, body=body))
    session.flush()
    return body


def job_for(body: dict[str, Any], reader: KeyGrant) -> dict[str, Any]:
    """The job as ``reader`` may see it: customerMapping only with a customer scope,
    record ids only with ``customers.read``."""
    may_map = reader.has(Scope.CUSTOMERS_MAP) or reader.has(Scope.CUSTOMERS_READ)
    may_read = reader.has(Scope.CUSTOMERS_READ)
    items = []
    for item in body.get("items", []):
        copy = dict(item)
        mapping = copy.get("customerMapping")
        if mapping is not None and not may_map:
            del copy["customerMapping"]
        elif mapping is not None and not may_read:
            copy["customerMapping"] = {
                **mapping,
                "customerId": None,
                "customerLocationId": None,
                "customerContactId": None,
            }
        items.append(copy)
    return {**body, "items": items}
