"""The reference feed of ``GET /review/reference``: the customers whose data changed since
a cursor, each with its locations, contacts and external references, as the wire sends
them. A customer's wire form is kept as JSON text until its data changes again, so that a
page of the feed is a few hundred stored strings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    and_,
    insert,
    select,
)
from sqlalchemy.orm import Session

from ordinavo_desk.domain.base import WireModel
from ordinavo_desk.domain.enums import CustomerStatus, ExternalType
from ordinavo_desk.domain.reference import Contact, Customer, ExternalRef, Location
from ordinavo_desk.matching.records import (
    CustomerRecord,
    LocationRecord,
    to_contact,
    to_customer,
    to_location,
)
from ordinavo_desk.sandbox.rows import (
    CustomerChangeRow,
    CustomerWireRow,
    RecordRow,
    RefRow,
)
from ordinavo_desk.sandbox.sandbox_store import (
    CHANGE_SEQ,
    SandboxStore,
    chunks,
    current_value,
    record_of,
)


def customers_changed_since(
    session: Session, tenant: str, since: int, limit: int
) -> tuple[list[dict[str, Any]], int, bool]:
    """Like ``customer_changes_page``, with the customers as dicts."""
    bodies, cursor, has_more = customer_changes_page(session, tenant, since, limit)
    return [json.loads(body) for body in bodies], cursor, has_more


def encode_json(value: Any) -> str:
    """JSON as the server's answers are encoded (what Starlette's JSONResponse does)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def customer_wire_bodies(session: Session, tenant: str, customer_ids: Sequence[int]) -> list[str]:
    """These customers' wire form as JSON text (unknown ids left out): stored ones as
    they are, the others built now and stored until the customer changes."""
    stored: dict[int, str] = {}
    for chunk in chunks(customer_ids):
        query = select(CustomerWireRow.customer_id, CustomerWireRow.body).where(
            CustomerWireRow.tenant == tenant, CustomerWireRow.customer_id.in_(chunk)
        )
        stored.update((cid, body) for cid, body in session.execute(query))
    missing = [cid for cid in customer_ids if cid not in stored]
    if missing:
        built = {
            view["id"]: encode_json(view) for view in customer_wire_views(session, tenant, missing)
        }
        rows = [{"tenant": tenant, "customer_id": cid, "body": body} for cid, body in built.items()]
        for chunk in chunks(rows, 5000):
            session.execute(insert(CustomerWireRow), chunk)
        stored.update(built)
    return [stored[cid] for cid in customer_ids if cid in stored]


def warm_wire_bodies(store: SandboxStore, batch: int = 2000) -> int:
    """Build the wire form of every customer that has none stored (a data file seeded
    before the feed kept them, or just seeded); answers how many were built."""
    built = 0
    while True:
        with store.unit_of_work() as session:
            query = (
                select(CustomerChangeRow.tenant, CustomerChangeRow.customer_id)
                .outerjoin(
                    CustomerWireRow,
                    and_(
                        CustomerWireRow.tenant == CustomerChangeRow.tenant,
                        CustomerWireRow.customer_id == CustomerChangeRow.customer_id,
                    ),
                )
                .where(CustomerWireRow.customer_id.is_(None))
                .limit(batch)
            )
            todo: dict[str, list[int]] = {}
            for tenant, cid in session.execute(query):
                todo.setdefault(tenant, []).append(cid)
            if not todo:
                return built
            for tenant, ids in todo.items():
                built += len(customer_wire_bodies(session, tenant, ids))


def customer_changes_page(
    session: Session, tenant: str, since: int, limit: int
) -> tuple[list[str], int, bool]:
    """Customers of ``tenant`` whose record, locations, contacts or references changed
    after ``since``, oldest change first, each as its wire form's JSON text: (customers,
    new cursor, more to come).

    Customers sharing the page's last change all come on this page, so that the cursor
    (that change) never splits one change across pages."""
    change = CustomerChangeRow
    newer = and_(change.tenant == tenant, change.change_seq > since)
    page: list[tuple[int, int]] = [
        (cid, seq)
        for cid, seq in session.execute(
            select(change.customer_id, change.change_seq)
            .where(newer)
            .order_by(change.change_seq, change.customer_id)
            .limit(limit)
        )
    ]
    if not page:
        return [], max(since, current_value(session, CHANGE_SEQ)), False
    last_id, cursor = page[-1]
    page += [
        (cid, seq)
        for cid, seq in session.execute(
            select(change.customer_id, change.change_seq)
            .where(
                change.tenant == tenant, change.change_seq == cursor, change.customer_id > last_id
            )
            .order_by(change.customer_id)
        )
    ]
    has_more = (
        session.execute(
            select(change.customer_id)
            .where(change.tenant == tenant, change.change_seq > cursor)
            .limit(1)
        ).first()
        is not None
    )
    return customer_wire_bodies(session, tenant, [cid for cid, _ in page]), cursor, has_more


def customer_view(session: Session, tenant: str, customer_id: int) -> Customer:
    """The customer with its locations, contacts and external references."""
    found = customer_views(session, tenant, [customer_id])
    if not found:
        raise LookupError(f"no customer {customer_id} in tenant {tenant}")
    return found[0]


def customer_views(session: Session, tenant: str, customer_ids: Sequence[int]) -> list[Customer]:
    """These customers (in the given order; unknown ids left out) with their locations,
    contacts and external references, read in a few queries per chunk of ids."""
    out: dict[int, Customer] = {}
    for chunk in chunks(customer_ids):
        rows = list(
            session.scalars(
                select(RecordRow)
                .where(RecordRow.tenant == tenant, RecordRow.customer_id.in_(chunk))
                .order_by(RecordRow.id)
            )
        )
        ids_by_kind: dict[str, list[int]] = {}
        for row in rows:
            ids_by_kind.setdefault(row.kind, []).append(row.id)
        refs: dict[tuple[str, int], list[ExternalRef]] = {}
        for kind, record_id, source, external_id in _refs_of(session, tenant, ids_by_kind):
            refs.setdefault((kind, record_id), []).append(
                ExternalRef(source_system=source, external_id=external_id)
            )

        def refs_for(kind: ExternalType, record_id: int) -> tuple[ExternalRef, ...]:
            return tuple(refs.get((kind.value, record_id), ()))  # noqa: B023 - used at once

        customers: dict[int, CustomerRecord] = {}
        locations: dict[int, list[Location]] = {}
        contacts: dict[int, list[Contact]] = {}
        for row in rows:
            record = record_of(row)
            if isinstance(record, CustomerRecord):
                customers[record.id] = record
            elif isinstance(record, LocationRecord):
                located = to_location(record, refs_for(ExternalType.LOCATION, record.id))
                locations.setdefault(record.customer_id, []).append(located)
            else:
                contact = to_contact(record, refs_for(ExternalType.CONTACT, record.id))
                contacts.setdefault(record.customer_id, []).append(contact)
        for cid, customer in customers.items():
            out[cid] = to_customer(
                customer,
                refs_for(ExternalType.CUSTOMER, cid),
                tuple(locations.get(cid, ())),
                tuple(contacts.get(cid, ())),
            )
    return [out[cid] for cid in customer_ids if cid in out]


def _aliases(model: type[WireModel]) -> tuple[tuple[str, str], ...]:
    return tuple((name, info.alias or name) for name, info in model.model_fields.items())


_CUSTOMER_KEYS = _aliases(Customer)
_LOCATION_KEYS = _aliases(Location)
_CONTACT_KEYS = _aliases(Contact)


def _wire(keys: tuple[tuple[str, str], ...], data: dict[str, Any], **given: Any) -> dict[str, Any]:
    """A record in the exchange format's wire form (what ``model_dump(mode="json",
    by_alias=True)`` of its domain model gives), straight from its stored fields."""
    return {alias: given[name] if name in given else data.get(name) for name, alias in keys}


def customer_wire_views(
    session: Session, tenant: str, customer_ids: Sequence[int]
) -> list[dict[str, Any]]:
    """Like ``customer_views``, in wire form, built from the stored fields without model
    objects in between (the reference feed sends hundreds of customers per page)."""
    out: dict[int, dict[str, Any]] = {}
    for chunk in chunks(customer_ids):
        rows = session.execute(
            select(RecordRow.kind, RecordRow.id, RecordRow.customer_id, RecordRow.data)
            .where(RecordRow.tenant == tenant, RecordRow.customer_id.in_(chunk))
            .order_by(RecordRow.id)
        ).all()
        ids_by_kind: dict[str, list[int]] = {}
        for kind, record_id, _customer_id, _data in rows:
            ids_by_kind.setdefault(kind, []).append(record_id)
        refs: dict[tuple[str, int], list[dict[str, str]]] = {}
        for kind, record_id, source, external_id in _refs_of(session, tenant, ids_by_kind):
            refs.setdefault((kind, record_id), []).append(
                {"sourceSystem": source, "externalId": external_id}
            )
        locations: dict[int, list[dict[str, Any]]] = {}
        contacts: dict[int, list[dict[str, Any]]] = {}
        customers: dict[int, dict[str, Any]] = {}
        for kind, record_id, customer_id, data in rows:
            own = refs.get((kind, record_id), [])
            if kind == ExternalType.LOCATION:
                view = _wire(_LOCATION_KEYS, data, id=record_id, external_refs=own)
                locations.setdefault(customer_id, []).append(view)
            elif kind == ExternalType.CONTACT:
                view = _wire(_CONTACT_KEYS, data, id=record_id, external_refs=own)
                contacts.setdefault(customer_id, []).append(view)
            else:
                customers[record_id] = data | {"external_refs": own}
        for cid, data in customers.items():
            out[cid] = _wire(
                _CUSTOMER_KEYS,
                data,
                id=cid,
                tenant=tenant,
                status=data.get("status", CustomerStatus.ACTIVE.value),
                external_refs=data["external_refs"],
                locations=locations.get(cid, []),
                contacts=contacts.get(cid, []),
            )
    return [out[cid] for cid in customer_ids if cid in out]


def _refs_of(
    session: Session, tenant: str, ids_by_kind: dict[str, list[int]]
) -> list[tuple[str, int, str, str]]:
    """The external references of these records as (kind, record id, source system,
    external id), in the order they were stored."""
    found: list[tuple[int, str, int, str, str]] = []
    # one (kind, ids) query at a time: SQLite uses no index for row-value IN lists
    for kind, ids in ids_by_kind.items():
        for ids_chunk in chunks(ids):
            query = select(
                RefRow.id,
                RefRow.external_type,
                RefRow.record_id,
                RefRow.source_system,
                RefRow.external_id,
            ).where(
                RefRow.tenant == tenant,
                RefRow.external_type == kind,
                RefRow.record_id.in_(ids_chunk),
            )
            found.extend(
                (ref_id, ref_kind, record_id, source, external_id)
                for ref_id, ref_kind, record_id, source, external_id in session.execute(query)
            )
    return [(kind, record_id, source, ext) for _, kind, record_id, source, ext in sorted(found)]
