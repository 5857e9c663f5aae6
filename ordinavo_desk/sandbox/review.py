"""Reads of the review extension: the queue, one item with its candidates, and the
reference data changed since a cursor."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ordinavo_desk.connect.wire import ReviewState
from ordinavo_desk.domain.enums import Scope
from ordinavo_desk.sandbox.api_errors import SandboxApiError, invalid_request, not_found
from ordinavo_desk.sandbox.imports import ITEM_PREFIX, item_wire_id
from ordinavo_desk.sandbox.key_registry import KeyGrant
from ordinavo_desk.sandbox.rows import DecisionRow, ItemRow
from ordinavo_desk.sandbox.sandbox_store import customers_changed_since

MAX_PAGE = 200
QUEUE_STATES = (ReviewState.OPEN.value, ReviewState.DEFERRED.value)


def encode_cursor(after_id: int) -> str:
    raw = json.dumps({"after": after_id}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        after = data["after"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise invalid_request("cursor is not one this server gave out") from None
    if not isinstance(after, int):
        raise invalid_request("cursor is not one this server gave out")
    return after


def parse_limit(value: str | None, default: int = 50) -> int:
    if value is None:
        return default
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise SandboxApiError(
            422,
            "validation_failed",
            f"limit must be a whole number from 1 to {MAX_PAGE}",
            field_errors={"limit": [f"must lie in 1..{MAX_PAGE}"]},
        )
    return int(value)


def etag(version: int) -> str:
    return f'"{version}"'


def summary(row: ItemRow) -> dict[str, Any]:
    target = row.target
    customer = target.get("customer") or {}
    location = target.get("location") or {}
    address = target.get("address") or {}
    return {
        "id": item_wire_id(row.id),
        "externalId": row.external_id,
        "sourceSystem": row.source_system,
        "status": row.status,
        "reviewState": row.review_state,
        "warnings": list(row.warnings),
        "version": row.version,
        "title": target.get("title"),
        "customerName": customer.get("name"),
        "city": location.get("city") or address.get("city"),
        "importJobId": row.import_job_id,
        "updatedAt": row.updated_at.isoformat(),
    }


def mapping_for(row: ItemRow, reader: KeyGrant) -> dict[str, Any]:
    """The item's customerMapping as ``reader`` may see it (mapping-rules.md, Scopes)."""
    result = dict(row.result)
    if reader.has(Scope.CUSTOMERS_READ):
        return result
    result.update(customerId=None, customerLocationId=None, customerContactId=None)
    result["candidates"] = []
    if row.result_detailed:
        result["explanation"] = []
    return result


def find_item(session: Session, grant: KeyGrant, wire_id: str) -> ItemRow:
    """The item of the key's tenant; another tenant's item is simply not found."""
    number = wire_id.removeprefix(ITEM_PREFIX)
    row = session.get(ItemRow, int(number)) if number.isdigit() else None
    if row is None or row.tenant != grant.tenant:
        raise not_found(f"review item {wire_id}")
    return row


def detail(session: Session, row: ItemRow, reader: KeyGrant) -> dict[str, Any]:
    decisions = session.scalars(
        select(DecisionRow).where(DecisionRow.item_id == row.id).order_by(DecisionRow.id)
    )
    return {
        **summary(row),
        "target": row.target,
        "customerMapping": mapping_for(row, reader),
        "decisions": [d.record for d in decisions],
    }


def list_items(
    session: Session,
    grant: KeyGrant,
    *,
    statuses: Sequence[str],
    warning: str | None,
    cursor: str | None,
    limit: int,
) -> dict[str, Any]:
    query = select(ItemRow).where(
        ItemRow.tenant == grant.tenant,
        ItemRow.needs_review.is_(True),
        ItemRow.review_state.in_(QUEUE_STATES),
    )
    if statuses:
        query = query.where(ItemRow.status.in_(statuses))
    if cursor:
        query = query.where(ItemRow.id > decode_cursor(cursor))
    rows: list[ItemRow] = []
    # warnings are a JSON list: filtered here, reading rows until the page is full
    for row in session.scalars(query.order_by(ItemRow.id)):
        if warning is None or warning in row.warnings:
            rows.append(row)
            if len(rows) > limit:
                break
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "items": [summary(row) for row in rows],
        "nextCursor": encode_cursor(rows[-1].id) if more else None,
    }


def reference_changes(
    session: Session, grant: KeyGrant, since: str | None, limit: int
) -> dict[str, Any]:
    start = 0
    if since:
        if not since.isdigit():
            raise invalid_request("since is not a cursor this server gave out")
        start = int(since)
    customers, cursor, has_more = customers_changed_since(session, grant.tenant, start, limit)
    return {
        "customers": [c.model_dump(mode="json", by_alias=True) for c in customers],
        "cursor": str(cursor),
        "hasMore": has_more,
    }
