"""The sandbox server's own small store: SQLite file or in memory.

Reference records, external references, import jobs, items, decisions and idempotency
keys. Every change of reference data gets the next value of one change sequence, which
is the cursor of ``GET /review/reference``; each customer remembers the latest change of
its data (``sandbox_customer_changes``), so that a page of that feed is one index range.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any, cast

from sqlalchemy import (
    Engine,
    Table,
    and_,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    union_all,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from ordinavo_desk.domain.base import WireModel
from ordinavo_desk.domain.enums import CustomerStatus, ExternalType
from ordinavo_desk.domain.reference import Contact, Customer, ExternalRef, Location
from ordinavo_desk.matching.changes import IndexChanges
from ordinavo_desk.matching.index import ReferenceIndex
from ordinavo_desk.matching.records import (
    ContactRecord,
    CustomerRecord,
    ExternalRefRecord,
    LocationRecord,
    contact_record,
    customer_record,
    location_record,
    refs_of,
    to_contact,
    to_customer,
    to_location,
)
from ordinavo_desk.sandbox.rows import (
    CustomerChangeRow,
    CustomerWireRow,
    MetaRow,
    RecordRow,
    RefRow,
    SandboxBase,
)

AnyRecord = CustomerRecord | LocationRecord | ContactRecord

_CHUNK = 500

_KIND_OF: dict[type[Any], ExternalType] = {
    CustomerRecord: ExternalType.CUSTOMER,
    LocationRecord: ExternalType.LOCATION,
    ContactRecord: ExternalType.CONTACT,
}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # a write-ahead log, synced at checkpoints: every answered write survives a crash of
    # the server process, and a commit costs no fsync of its own
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _record_data(record: AnyRecord) -> dict[str, Any]:
    data = record._asdict()
    del data["tenant"], data["id"]
    if isinstance(record, CustomerRecord):
        data["status"] = CustomerStatus(record.status).value
    return data


def _record_of(row: RecordRow) -> AnyRecord:
    data = dict(row.data)
    if row.kind == ExternalType.CUSTOMER:
        data["status"] = CustomerStatus(data.get("status", "Active"))
        return CustomerRecord(tenant=row.tenant, id=row.id, **data)
    if row.kind == ExternalType.LOCATION:
        return LocationRecord(tenant=row.tenant, id=row.id, **data)
    return ContactRecord(tenant=row.tenant, id=row.id, **data)


class SandboxStore:
    """Engine and sessions of the sandbox's database (``None``: in memory)."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self.engine: Engine = create_engine(
                "sqlite://",
                connect_args={"check_same_thread": False},
                poolclass=StaticPool,
            )
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(
                f"sqlite:///{path}", connect_args={"check_same_thread": False}
            )
        event.listen(self.engine, "connect", _sqlite_pragmas)
        SandboxBase.metadata.create_all(self.engine)
        # a data file written by an older sandbox gets the indexes added since
        for table in SandboxBase.metadata.sorted_tables:
            for index in table.indexes:
                index.create(self.engine, checkfirst=True)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self.unit_of_work() as session:
            _backfill_customer_changes(session)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()

    # -- reference data ------------------------------------------------------------------

    def is_empty(self) -> bool:
        with self.unit_of_work() as session:
            return session.execute(select(RecordRow.id).limit(1)).first() is None

    def seed(self, customers: Iterable[Customer], default_tenant: str) -> None:
        """Store reference data of the exchange format (checked by the index first), in
        bulk: each customer gets a change of its own."""
        customers = list(customers)
        ReferenceIndex.from_reference(customers, default_tenant)  # validates ids and refs
        with self.unit_of_work() as session:
            start = current_value(session, CHANGE_SEQ)
            records: list[dict[str, Any]] = []
            refs: list[dict[str, Any]] = []
            touched: list[dict[str, Any]] = []
            for seq, customer in enumerate(customers, start=start + 1):
                tenant = customer.tenant or default_tenant
                cid = customer.id
                own: list[AnyRecord] = [
                    customer_record(customer, tenant),
                    *(location_record(x, tenant, cid) for x in customer.locations),
                    *(contact_record(x, tenant, cid) for x in customer.contacts),
                ]
                records += [_record_values(record, seq) for record in own]
                found = refs_of(customer.external_refs, tenant, ExternalType.CUSTOMER, cid)
                for loc in customer.locations:
                    found += refs_of(loc.external_refs, tenant, ExternalType.LOCATION, loc.id)
                for con in customer.contacts:
                    found += refs_of(con.external_refs, tenant, ExternalType.CONTACT, con.id)
                refs += [_ref_values(ref, seq) for ref in found]
                touched.append({"tenant": tenant, "customer_id": cid, "change_seq": seq})
            for table, rows in (
                (RecordRow, records),
                (RefRow, refs),
                (CustomerChangeRow, touched),
            ):
                for chunk in _chunks(rows, 5000):
                    session.execute(insert(table), chunk)
            if customers:
                meta = session.get(MetaRow, CHANGE_SEQ)
                if meta is None:
                    session.add(MetaRow(name=CHANGE_SEQ, value=start + len(customers)))
                else:
                    meta.value = start + len(customers)

    def load_index(self) -> ReferenceIndex:
        with self.unit_of_work() as session:
            rows = session.scalars(select(RecordRow).order_by(RecordRow.kind, RecordRow.id))
            records = [_record_of(row) for row in rows]
            refs = [
                ExternalRefRecord(
                    r.tenant, r.source_system, ExternalType(r.external_type), r.external_id,
                    r.record_id,
                )
                for r in session.scalars(select(RefRow).order_by(RefRow.id))
            ]  # fmt: skip
        return ReferenceIndex.from_rows(
            [r for r in records if isinstance(r, CustomerRecord)],
            [r for r in records if isinstance(r, LocationRecord)],
            [r for r in records if isinstance(r, ContactRecord)],
            refs,
        )


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _record_values(record: AnyRecord, seq: int) -> dict[str, Any]:
    customer_id = record.id if isinstance(record, CustomerRecord) else record.customer_id
    return {
        "tenant": record.tenant,
        "kind": _KIND_OF[type(record)].value,
        "id": record.id,
        "customer_id": customer_id,
        "data": _record_data(record),
        "change_seq": seq,
        "flagged": False,
    }


def _ref_values(ref: ExternalRefRecord, seq: int) -> dict[str, Any]:
    return {
        "tenant": ref.tenant,
        "source_system": ref.source_system,
        "external_type": ref.external_type.value,
        "external_id": ref.external_id.strip(),
        "record_id": ref.record_id,
        "change_seq": seq,
    }


def _backfill_customer_changes(session: Session) -> None:
    """Fill ``sandbox_customer_changes`` for a data file written before it existed."""
    if session.execute(select(CustomerChangeRow.customer_id).limit(1)).first() is not None:
        return
    if session.execute(select(RecordRow.id).limit(1)).first() is None:
        return
    owner = and_(
        RecordRow.tenant == RefRow.tenant,
        RecordRow.kind == RefRow.external_type,
        RecordRow.id == RefRow.record_id,
    )
    changes = union_all(
        select(RecordRow.tenant, RecordRow.customer_id, RecordRow.change_seq),
        select(RefRow.tenant, RecordRow.customer_id, RefRow.change_seq).join(RecordRow, owner),
    ).subquery()
    latest = select(
        changes.c.tenant, changes.c.customer_id, func.max(changes.c.change_seq)
    ).group_by(changes.c.tenant, changes.c.customer_id)
    session.execute(
        insert(CustomerChangeRow).from_select(["tenant", "customer_id", "change_seq"], latest)
    )


_RECORDS = cast("Table", RecordRow.__table__)
_REFS = cast("Table", RefRow.__table__)
_CHANGES = cast("Table", CustomerChangeRow.__table__)
_META = cast("Table", MetaRow.__table__)
_WIRE = cast("Table", CustomerWireRow.__table__)

# The write path of a decision or an import in Core statements, built once: the ORM's
# unit of work cost more than the writes themselves. RecordRow, RefRow, MetaRow and
# CustomerChangeRow are written only here, so no session holds a stale object of them.
_INSERT_RECORDS = insert(_RECORDS)
_INSERT_REFS = insert(_REFS)
_RECORD_KEY = and_(
    _RECORDS.c.tenant == bindparam("r_tenant"),
    _RECORDS.c.kind == bindparam("r_kind"),
    _RECORDS.c.id == bindparam("r_id"),
)
_RECORD_OWNER = select(_RECORDS.c.customer_id, _RECORDS.c.data).where(_RECORD_KEY)
_UPDATE_RECORD = (
    update(_RECORDS)
    .where(_RECORD_KEY)
    .values(data=bindparam("r_data"), change_seq=bindparam("r_seq"))
)
_FLAG_RECORD = (
    update(_RECORDS)
    .where(_RECORD_KEY)
    .values(flagged=True, change_seq=bindparam("r_seq"))
    .returning(_RECORDS.c.customer_id)
)
_touch = sqlite_insert(_CHANGES)
_TOUCH = _touch.on_conflict_do_update(
    index_elements=[_CHANGES.c.tenant, _CHANGES.c.customer_id],
    set_={"change_seq": func.max(_CHANGES.c.change_seq, _touch.excluded.change_seq)},
)
_FORGET_WIRE = delete(_WIRE).where(
    _WIRE.c.tenant == bindparam("w_tenant"),
    _WIRE.c.customer_id.in_(bindparam("w_ids", expanding=True)),
)
_BUMP = (
    update(_META)
    .where(_META.c.name == bindparam("m_name"))
    .values(value=_META.c.value + 1)
    .returning(_META.c.value)
)
_FIRST = insert(_META)
_CURRENT = select(_META.c.value).where(_META.c.name == bindparam("m_name"))


def touch_customers(session: Session, tenant: str, customer_ids: Iterable[int], seq: int) -> None:
    """Record ``seq`` as the latest change of these customers' reference data (and forget
    their wire form, which no longer holds)."""
    touched = sorted(set(customer_ids))
    if not touched:
        return
    session.execute(
        _TOUCH, [{"tenant": tenant, "customer_id": cid, "change_seq": seq} for cid in touched]
    )
    for chunk in _chunks(touched):
        session.execute(_FORGET_WIRE, {"w_tenant": tenant, "w_ids": list(chunk)})


def next_value(session: Session, name: str) -> int:
    value = session.execute(_BUMP, {"m_name": name}).scalar()
    if value is None:
        session.execute(_FIRST, {"name": name, "value": 1})
        return 1
    return int(value)


def current_value(session: Session, name: str) -> int:
    value = session.execute(_CURRENT, {"m_name": name}).scalar()
    return int(value) if value is not None else 0


CHANGE_SEQ = "reference_change"


def _key(tenant: str, kind: ExternalType, record_id: int) -> dict[str, Any]:
    return {"r_tenant": tenant, "r_kind": kind.value, "r_id": record_id}


def persist_changes(session: Session, changes: IndexChanges) -> None:
    """Write one item's IndexChanges (created records, updates, references)."""
    if changes.is_empty:
        return
    seq = next_value(session, CHANGE_SEQ)
    tenant = changes.tenant
    created: list[AnyRecord] = [*changes.customers, *changes.locations, *changes.contacts]
    values = [_record_values(record, seq) for record in created]
    touched: set[int] = {value["customer_id"] for value in values}
    if values:
        session.execute(_INSERT_RECORDS, values)
    for change in changes.updates:
        key = _key(tenant, change.kind, change.record_id)
        found = session.execute(_RECORD_OWNER, key).first()
        if found is not None:
            data = {**found.data, change.field: change.new}
            session.execute(_UPDATE_RECORD, {**key, "r_data": data, "r_seq": seq})
            touched.add(found.customer_id)
    for ref in changes.external_refs:
        owner = session.execute(
            _RECORD_OWNER, _key(tenant, ref.external_type, ref.record_id)
        ).first()
        if owner is not None:
            touched.add(owner.customer_id)
    if changes.external_refs:
        session.execute(_INSERT_REFS, [_ref_values(ref, seq) for ref in changes.external_refs])
    touch_customers(session, tenant, touched, seq)


def flag_records(session: Session, tenant: str, kind: ExternalType, ids: Iterable[int]) -> None:
    """Flag records a reverted decision created (they are never deleted)."""
    seq = next_value(session, CHANGE_SEQ)
    touched: set[int] = set()
    for record_id in ids:
        owner = session.execute(_FLAG_RECORD, {**_key(tenant, kind, record_id), "r_seq": seq})
        touched.update(owner.scalars())
    touch_customers(session, tenant, touched, seq)


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
    for chunk in _chunks(customer_ids):
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
        for chunk in _chunks(rows, 5000):
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
    for chunk in _chunks(customer_ids):
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
            record = _record_of(row)
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
    for chunk in _chunks(customer_ids):
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
        for ids_chunk in _chunks(ids):
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
