"""The sandbox server's own small store: SQLite file or in memory.

Reference records, external references, import jobs, items, decisions and idempotency
keys. Every change of reference data gets the next value of one change sequence, which
is the cursor of ``GET /review/reference``; each customer remembers the latest change of
its data (``sandbox_customer_changes``), so that a page of that feed is one index range.
"""

from __future__ import annotations

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

from ordinavo_desk.domain.enums import CustomerStatus, ExternalType
from ordinavo_desk.domain.reference import Customer
from ordinavo_desk.matching.changes import IndexChanges
from ordinavo_desk.matching.index import ReferenceIndex
from ordinavo_desk.matching.records import (
    ContactRecord,
    CustomerRecord,
    ExternalRefRecord,
    LocationRecord,
    records_of,
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


def record_of(row: RecordRow) -> AnyRecord:
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
                own = records_of(customer, tenant)
                kept: list[AnyRecord] = [own.customer, *own.locations, *own.contacts]
                records += [_record_values(record, seq) for record in kept]
                refs += [_ref_values(ref, seq) for ref in own.refs]
                touched.append({"tenant": tenant, "customer_id": cid, "change_seq": seq})
            for table, rows in (
                (RecordRow, records),
                (RefRow, refs),
                (CustomerChangeRow, touched),
            ):
                for chunk in chunks(rows, 5000):
                    session.execute(insert(table), chunk)
            if customers:
                session.execute(_SET, {"name": CHANGE_SEQ, "value": start + len(customers)})

    def load_index(self) -> ReferenceIndex:
        with self.unit_of_work() as session:
            rows = session.scalars(select(RecordRow).order_by(RecordRow.kind, RecordRow.id))
            records = [record_of(row) for row in rows]
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
            long_lived=True,  # the index lives as long as the server (it freezes them too)
        )


def chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
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
    sqlite_insert(_META)
    .values(name=bindparam("m_name"), value=1)
    .on_conflict_do_update(index_elements=[_META.c.name], set_={"value": _META.c.value + 1})
    .returning(_META.c.value)
)
_set = sqlite_insert(_META)
_SET = _set.on_conflict_do_update(
    index_elements=[_META.c.name], set_={"value": _set.excluded.value}
)
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
    for chunk in chunks(touched):
        session.execute(_FORGET_WIRE, {"w_tenant": tenant, "w_ids": list(chunk)})


def next_value(session: Session, name: str) -> int:
    return int(session.execute(_BUMP, {"m_name": name}).scalar_one())


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
