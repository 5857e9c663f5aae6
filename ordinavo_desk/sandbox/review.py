"""Reads of the review extension: the queue, one item with its candidates, and the
reference data changed since a cursor."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import String, exists, func, select
from sqlalchemy.orm import Session

from ordinavo_desk.connect.wire import ReviewState
from ordinavo_desk.domain.enums import Scope
from ordinavo_desk.sandbox.api_errors import SandboxApiError, invalid_request, not_found
from ordinavo_desk.sandbox.imports import ITEM_PREFIX, item_wire_id
from ordinavo_desk.sandbox.item_state import ItemState, read_item_state
from ordinavo_desk.sandbox.key_registry import KeyGrant
from ordinavo_desk.sandbox.reference_feed import customer_changes_page, encode_json
from ordinavo_desk.sandbox.rows import DecisionRow, ItemRow

_Found = TypeVar("_Found", ItemRow, ItemState)

MAX_PAGE = 500
QUEUE_STATES = (ReviewState.OPEN.value, ReviewState.DEFERRED.value)
#: The largest id the store's INTEGER columns hold (SQLite: signed 64 bit).
MAX_ROW_ID = 2**63 - 1


def whole_number(text: str) -> int | None:
    """``text`` as a whole number the store can hold (ASCII digits only), else ``None``.

    ``str.isdigit`` alone also accepts digits ``int`` cannot read (``"²"``), and ``int``
    reads numbers too large for the store's columns: both used to end in a 500.
    """
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value <= MAX_ROW_ID else None


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
    if isinstance(after, bool) or not isinstance(after, int) or not 0 <= after <= MAX_ROW_ID:
        raise invalid_request("cursor is not one this server gave out")
    return after


def parse_limit(value: str | None, default: int = 50) -> int:
    if value is None:
        return default
    limit = whole_number(value)
    if limit is None or not 1 <= limit <= MAX_PAGE:
        raise SandboxApiError(
            422,
            "validation_failed",
            f"limit must be a whole number from 1 to {MAX_PAGE}",
            field_errors={"limit": [f"must lie in 1..{MAX_PAGE}"]},
        )
    return limit


def etag(version: int) -> str:
    return f'"{version}"'


def summary(row: ItemRow | ItemState) -> dict[str, Any]:
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
    return _of_tenant(grant, wire_id, lambda number: session.get(ItemRow, number))


def find_item_state(session: Session, grant: KeyGrant, wire_id: str) -> ItemState:
    """Like ``find_item``, for a decision: the item's state, which it writes back."""
    return _of_tenant(grant, wire_id, lambda number: read_item_state(session, number))


def _of_tenant(grant: KeyGrant, wire_id: str, read: Callable[[int], _Found | None]) -> _Found:
    number = whole_number(wire_id.removeprefix(ITEM_PREFIX))
    found = read(number) if number is not None else None
    if found is None or found.tenant != grant.tenant:
        raise not_found(f"review item {wire_id}")
    return found


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
    include_mapping: bool = False,
) -> dict[str, Any]:
    """A page of the queue; ``include_mapping`` adds each item's target and
    customerMapping (as ``detail`` gives them, without the decisions), so that a desk
    pulling the queue needs no request per item."""
    conditions = [
        ItemRow.tenant == grant.tenant,
        ItemRow.needs_review.is_(True),
        ItemRow.review_state.in_(QUEUE_STATES),
    ]
    if statuses:
        conditions.append(ItemRow.status.in_(statuses))
    if warning is not None:
        # warnings are a JSON list (the sandbox store is SQLite): filtered in SQL; a plain
        # text search for the quoted code rules out most rows before the list is read
        codes = func.json_each(ItemRow.warnings).table_valued("value")
        if warning.isascii():
            conditions.append(func.instr(ItemRow.warnings, json.dumps(warning)) > 0)
        conditions.append(exists().select_from(codes).where(codes.c.value == warning))
    if cursor:
        conditions.append(ItemRow.id > decode_cursor(cursor))
    # keyset pagination: one row more than the page tells whether there is a next one
    if include_mapping:
        query = select(ItemRow).where(*conditions).order_by(ItemRow.id).limit(limit + 1)
        rows = list(session.scalars(query))
        more = len(rows) > limit
        rows = rows[:limit]
        items = [summary(row) for row in rows]
        for item, row in zip(items, rows, strict=True):
            item["target"] = row.target
            item["customerMapping"] = mapping_for(row, grant)
        last = rows[-1].id if rows else None
    else:
        found = session.execute(
            select(*_SUMMARY_COLUMNS).where(*conditions).order_by(ItemRow.id).limit(limit + 1)
        ).all()
        more = len(found) > limit
        found = found[:limit]
        items = [_summary_of(values) for values in found]
        last = found[-1][0] if found else None
    return {
        "items": items,
        "nextCursor": encode_cursor(last) if more and last is not None else None,
    }


def _json_text(path: str) -> Any:
    return func.json_extract(ItemRow.target, path, type_=String)


#: What a summary shows, read in SQL: the target's JSON is not decoded row by row.
_SUMMARY_COLUMNS = (
    ItemRow.id,
    ItemRow.external_id,
    ItemRow.source_system,
    ItemRow.status,
    ItemRow.review_state,
    ItemRow.warnings,
    ItemRow.version,
    _json_text("$.title"),
    _json_text("$.customer.name"),
    func.coalesce(
        func.nullif(_json_text("$.location.city"), ""), _json_text("$.address.city"), type_=String
    ),
    ItemRow.import_job_id,
    ItemRow.updated_at,
)


def _summary_of(values: Sequence[Any]) -> dict[str, Any]:
    """``summary`` from a row of ``_SUMMARY_COLUMNS``."""
    (item_id, external_id, source_system, status, review_state, warnings, version, title,
     customer_name, city, import_job_id, updated_at) = values  # fmt: skip
    return {
        "id": item_wire_id(item_id),
        "externalId": external_id,
        "sourceSystem": source_system,
        "status": status,
        "reviewState": review_state,
        "warnings": list(warnings),
        "version": version,
        "title": title,
        "customerName": customer_name,
        "city": city,
        "importJobId": import_job_id,
        "updatedAt": updated_at.isoformat(),
    }


def reference_changes(session: Session, grant: KeyGrant, since: str | None, limit: int) -> bytes:
    """The answer of ``GET /review/reference`` as JSON bytes."""
    start = 0
    if since:
        number = whole_number(since)
        if number is None:
            raise invalid_request("since is not a cursor this server gave out")
        start = number
    customers, cursor, has_more = customer_changes_page(session, grant.tenant, start, limit)
    # the customers are stored JSON texts: the answer is put together, not encoded again
    text = (
        '{"customers":['
        + ",".join(customers)
        + f'],"cursor":{encode_json(str(cursor))},"hasMore":{encode_json(has_more)}}}'
    )
    return text.encode("utf-8")
