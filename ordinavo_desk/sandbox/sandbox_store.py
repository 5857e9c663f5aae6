"""The sandbox server's own small store: SQLite file or in memory.

Reference records, external references, import jobs, items, decisions and idempotency
keys. Every change of reference data gets the next value of one change sequence, which
is the cursor of ``GET /review/reference``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from ordinavo_desk.domain.enums import CustomerStatus, ExternalType
from ordinavo_desk.domain.reference import Customer, ExternalRef
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
from ordinavo_desk.sandbox.rows import MetaRow, RecordRow, RefRow, SandboxBase

AnyRecord = CustomerRecord | LocationRecord | ContactRecord

_KIND_OF: dict[type[Any], ExternalType] = {
    CustomerRecord: ExternalType.CUSTOMER,
    LocationRecord: ExternalType.LOCATION,
    ContactRecord: ExternalType.CONTACT,
}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
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
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

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
        """Store reference data of the exchange format (checked by the index first)."""
        customers = list(customers)
        ReferenceIndex.from_reference(customers, default_tenant)  # validates ids and refs
        changes: list[IndexChanges] = []
        for customer in customers:
            tenant = customer.tenant or default_tenant
            refs = refs_of(customer.external_refs, tenant, ExternalType.CUSTOMER, customer.id)
            for loc in customer.locations:
                refs += refs_of(loc.external_refs, tenant, ExternalType.LOCATION, loc.id)
            for con in customer.contacts:
                refs += refs_of(con.external_refs, tenant, ExternalType.CONTACT, con.id)
            cid = customer.id
            changes.append(
                IndexChanges(
                    tenant,
                    customers=(customer_record(customer, tenant),),
                    locations=tuple(location_record(x, tenant, cid) for x in customer.locations),
                    contacts=tuple(contact_record(x, tenant, cid) for x in customer.contacts),
                    external_refs=tuple(refs),
                )
            )
        with self.unit_of_work() as session:
            for change in changes:
                persist_changes(session, change)

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


def next_value(session: Session, name: str) -> int:
    row = session.get(MetaRow, name)
    if row is None:
        row = MetaRow(name=name, value=0)
        session.add(row)
    row.value += 1
    session.flush()
    return row.value


def current_value(session: Session, name: str) -> int:
    row = session.get(MetaRow, name)
    return row.value if row is not None else 0


CHANGE_SEQ = "reference_change"


def persist_changes(session: Session, changes: IndexChanges) -> None:
    """Write one item's IndexChanges (created records, updates, references)."""
    if changes.is_empty:
        return
    seq = next_value(session, CHANGE_SEQ)
    tenant = changes.tenant
    created: list[AnyRecord] = [*changes.customers, *changes.locations, *changes.contacts]
    for record in created:
        customer_id = record.id if isinstance(record, CustomerRecord) else record.customer_id
        session.add(
            RecordRow(
                tenant=tenant,
                kind=_KIND_OF[type(record)].value,
                id=record.id,
                customer_id=customer_id,
                data=_record_data(record),
                change_seq=seq,
            )
        )
    session.flush()
    for update in changes.updates:
        row = session.get(RecordRow, (tenant, update.kind.value, update.record_id))
        if row is not None:
            row.data = {**row.data, update.field: update.new}
            row.change_seq = seq
    for ref in changes.external_refs:
        session.add(
            RefRow(
                tenant=ref.tenant,
                source_system=ref.source_system,
                external_type=ref.external_type.value,
                external_id=ref.external_id.strip(),
                record_id=ref.record_id,
                change_seq=seq,
            )
        )
    session.flush()


def flag_records(session: Session, tenant: str, kind: ExternalType, ids: Iterable[int]) -> None:
    """Flag records a reverted decision created (they are never deleted)."""
    seq = next_value(session, CHANGE_SEQ)
    for record_id in ids:
        row = session.get(RecordRow, (tenant, kind.value, record_id))
        if row is not None:
            row.flagged = True
            row.change_seq = seq


def customers_changed_since(
    session: Session, tenant: str, since: int, limit: int
) -> tuple[list[Customer], int, bool]:
    """Customers of ``tenant`` whose record, locations, contacts or references changed
    after ``since``, oldest change first: (customers, new cursor, more to come)."""
    latest: dict[int, int] = {}
    for row in session.scalars(
        select(RecordRow).where(RecordRow.tenant == tenant, RecordRow.change_seq > since)
    ):
        latest[row.customer_id] = max(latest.get(row.customer_id, 0), row.change_seq)
    for ref in session.scalars(
        select(RefRow).where(RefRow.tenant == tenant, RefRow.change_seq > since)
    ):
        owner = session.get(RecordRow, (tenant, ref.external_type, ref.record_id))
        if owner is not None:
            latest[owner.customer_id] = max(latest.get(owner.customer_id, 0), ref.change_seq)
    ordered = sorted(latest.items(), key=lambda item: (item[1], item[0]))
    page = ordered[:limit]
    cursor = page[-1][1] if page else max(since, 0)
    # customers sharing the page's last sequence must all be on this page
    more = [entry for entry in ordered[limit:] if entry[1] == cursor]
    page += more
    has_more = len(ordered) > len(page)
    if not has_more and not page:
        cursor = max(since, current_value(session, CHANGE_SEQ))
    return [customer_view(session, tenant, cid) for cid, _ in page], cursor, has_more


def customer_view(session: Session, tenant: str, customer_id: int) -> Customer:
    """The customer with its locations, contacts and external references."""
    rows = list(
        session.scalars(
            select(RecordRow)
            .where(RecordRow.tenant == tenant, RecordRow.customer_id == customer_id)
            .order_by(RecordRow.id)
        )
    )
    refs: dict[tuple[str, int], list[ExternalRef]] = {}
    for ref in session.scalars(select(RefRow).where(RefRow.tenant == tenant).order_by(RefRow.id)):
        refs.setdefault((ref.external_type, ref.record_id), []).append(
            ExternalRef(source_system=ref.source_system, external_id=ref.external_id)
        )

    def refs_for(kind: ExternalType, record_id: int) -> tuple[ExternalRef, ...]:
        return tuple(refs.get((kind.value, record_id), ()))

    customer: CustomerRecord | None = None
    locations = []
    contacts = []
    for row in rows:
        record = _record_of(row)
        if isinstance(record, CustomerRecord):
            customer = record
        elif isinstance(record, LocationRecord):
            locations.append(to_location(record, refs_for(ExternalType.LOCATION, record.id)))
        else:
            contacts.append(to_contact(record, refs_for(ExternalType.CONTACT, record.id)))
    if customer is None:
        raise LookupError(f"no customer {customer_id} in tenant {tenant}")
    return to_customer(
        customer,
        refs_for(ExternalType.CUSTOMER, customer.id),
        tuple(locations),
        tuple(contacts),
    )
