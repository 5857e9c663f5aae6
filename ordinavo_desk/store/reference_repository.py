"""Customers, locations, contacts and external references of one tenant."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import Text, bindparam, delete, func, select, type_coerce
from sqlalchemy.orm import Session

from ordinavo_desk.domain.enums import ExternalType
from ordinavo_desk.domain.errors import ConflictError
from ordinavo_desk.domain.reference import Contact, Customer, ExternalRef, Location
from ordinavo_desk.matching.records import ContactRecord, CustomerRecord, LocationRecord
from ordinavo_desk.store.bulk import db_timestamp, insert_rows
from ordinavo_desk.store.personal_data import NOT_DECRYPTED, PERSONAL_FIELDS, decrypt_value
from ordinavo_desk.store.profile_repository import ensure_tenant
from ordinavo_desk.store.rows import ContactRow, CustomerRow, ExternalRefRow, LocationRow
from ordinavo_desk.store.types import utcnow

CHUNK = 500
T = TypeVar("T")

# The plain value fields of each record kind, as the matching records define them.
_KEYS = frozenset({"tenant", "id", "customer_id", "status"})
_CUSTOMER_FIELDS = tuple(f for f in CustomerRecord._fields if f not in _KEYS)
_LOCATION_FIELDS = tuple(f for f in LocationRecord._fields if f not in _KEYS)
_CONTACT_FIELDS = tuple(f for f in ContactRecord._fields if f not in _KEYS)
_REF_COLUMNS = (
    "tenant", "source_system", "external_type", "external_id", "record_id", "created_at",
)  # fmt: skip


def _shown(field: str, value: Any, masked: bool) -> Any:
    """A contact's field as read: personal ones decrypted, or ``NOT_DECRYPTED`` if
    ``masked``."""
    if field not in PERSONAL_FIELDS or value is None:
        return value
    return NOT_DECRYPTED if masked else decrypt_value(value)


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


# built once, of columns, not mapped rows: every item shown reads its candidates' records
# through these, and building a statement, or an ORM row, costs more than running it
_CUSTOMERS = (
    select(CustomerRow.id, CustomerRow.status, *(getattr(CustomerRow, f) for f in _CUSTOMER_FIELDS))
    .where(CustomerRow.tenant == bindparam("tenant"), CustomerRow.id.in_(bindparam("ids")))
    .order_by(CustomerRow.id)
)
_LOCATIONS = select(
    LocationRow.id, LocationRow.customer_id, *(getattr(LocationRow, f) for f in _LOCATION_FIELDS)
).where(LocationRow.tenant == bindparam("tenant"), LocationRow.customer_id.in_(bindparam("ids")))
_SOME_LOCATIONS = _LOCATIONS.where(LocationRow.id.in_(bindparam("only")))
# the personal fields as stored (encrypted): decrypted only when asked for, since a view
# shows them masked and decrypting every contact of every candidate cost a fifth of
# reading an item
_CONTACTS = select(
    ContactRow.id,
    ContactRow.customer_id,
    *(
        type_coerce(getattr(ContactRow, name), Text).label(name)
        if name in PERSONAL_FIELDS
        else getattr(ContactRow, name)
        for name in _CONTACT_FIELDS
    ),
).where(ContactRow.tenant == bindparam("tenant"), ContactRow.customer_id.in_(bindparam("ids")))
_REF_READ = (
    ExternalRefRow.id,
    ExternalRefRow.external_type,
    ExternalRefRow.record_id,
    ExternalRefRow.source_system,
    ExternalRefRow.external_id,
)
_REFS_OF_TYPES = select(*_REF_READ).where(
    ExternalRefRow.tenant == bindparam("tenant"),
    ExternalRefRow.external_type.in_(bindparam("types")),
    ExternalRefRow.record_id.in_(bindparam("ids")),
)
_CONTACT_LOCATION = select(ContactRow.location_id).where(
    ContactRow.tenant == bindparam("tenant"), ContactRow.id == bindparam("contact_id")
)

RefKey = tuple[str, str, str]  # (source_system, external_type, external_id)


def _ref_keys(ref_rows: Sequence[dict[str, Any]]) -> dict[tuple[str, str], list[str]]:
    """External ids by (source system, external type): queries by one such pair at a time,
    since SQLite uses no index for row-value IN lists."""
    keys: dict[tuple[str, str], list[str]] = {}
    for row in ref_rows:
        keys.setdefault((row["source_system"], row["external_type"]), []).append(row["external_id"])
    return keys


class ReferenceRepository:
    """Every query is scoped to the tenant given at construction."""

    def __init__(self, session: Session, tenant: str) -> None:
        self._session = session
        self.tenant = tenant

    # -- reads -------------------------------------------------------------------------

    def resolve(
        self, source_system: str, external_type: ExternalType, external_id: str
    ) -> int | None:
        """The record an external reference points at, within this tenant only."""
        query = select(ExternalRefRow.record_id).where(
            ExternalRefRow.tenant == self.tenant,
            ExternalRefRow.source_system == source_system,
            ExternalRefRow.external_type == external_type.value,
            ExternalRefRow.external_id == external_id.strip(),
        )
        return self._session.scalars(query).first()

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for name, row in (
            ("customers", CustomerRow),
            ("locations", LocationRow),
            ("contacts", ContactRow),
            ("externalRefs", ExternalRefRow),
        ):
            query = select(func.count()).select_from(row).where(row.tenant == self.tenant)
            result[name] = self._session.scalar(query) or 0
        return result

    def customer(self, customer_id: int) -> Customer | None:
        customers = self.customers([customer_id])
        return customers[0] if customers else None

    def customers(
        self,
        ids: Sequence[int],
        *,
        only_locations: Collection[int] | None = None,
        masked: bool = False,
        customer_refs_only: bool = False,
    ) -> list[Customer]:
        """The customers with these ids, with locations, contacts and references.

        ``only_locations``: of their locations only these (what a view of one item shows:
        a chain's hundreds of branches are read when someone asks for them).
        ``masked``: the contacts' personal fields are not decrypted; a value present
        reads ``NOT_DECRYPTED`` (for views that show them masked).
        ``customer_refs_only``: the locations and contacts come without their external
        references (a view compares the customer's only)."""
        out: list[Customer] = []
        for chunk in _chunks(ids):
            out.extend(
                self._load(
                    chunk, only_locations, masked=masked, customer_refs_only=customer_refs_only
                )
            )
        return out

    def contact_location(self, contact_id: int) -> int | None:
        """The location a contact of the tenant belongs to, if any."""
        return self._session.scalar(
            _CONTACT_LOCATION, {"tenant": self.tenant, "contact_id": contact_id}
        )

    def iter_customers(self, batch_size: int = 2000) -> Iterator[Customer]:
        """Every customer of the tenant in id order, streamed in batches."""
        last = None
        while True:
            query = select(CustomerRow.id).where(CustomerRow.tenant == self.tenant)
            if last is not None:
                query = query.where(CustomerRow.id > last)
            ids = list(self._session.scalars(query.order_by(CustomerRow.id).limit(batch_size)))
            if not ids:
                return
            yield from self._load(ids)
            last = ids[-1]

    def _load(
        self,
        customer_ids: Sequence[int],
        only_locations: Collection[int] | None = None,
        *,
        masked: bool = False,
        customer_refs_only: bool = False,
    ) -> list[Customer]:
        tenant = self.tenant
        # on the connection: these statements select columns, and the session's ORM layer
        # would only add its cost
        connection = self._session.connection()
        rows = connection.execute(_CUSTOMERS, {"tenant": tenant, "ids": customer_ids}).all()
        if not rows:
            return []
        ids = [row.id for row in rows]
        wanted = {"tenant": tenant, "ids": ids}
        # sorted here, not by the query: asked to order by id, SQLite (without statistics)
        # walks every location of the tenant in id order instead of the customer index
        found_locations = (
            connection.execute(_LOCATIONS, wanted)
            if only_locations is None
            else connection.execute(_SOME_LOCATIONS, {**wanted, "only": sorted(only_locations)})
        )
        locations = sorted(found_locations, key=lambda row: row.id)
        contacts = sorted(connection.execute(_CONTACTS, wanted), key=lambda row: row.id)
        refs = self._refs_for(
            {ExternalType.CUSTOMER: ids}
            if customer_refs_only
            else {
                ExternalType.CUSTOMER: ids,
                ExternalType.LOCATION: [loc.id for loc in locations],
                ExternalType.CONTACT: [con.id for con in contacts],
            }
        )
        by_customer_locs: dict[int, list[Location]] = {}
        for loc in locations:
            by_customer_locs.setdefault(loc.customer_id, []).append(
                Location(
                    id=loc.id,
                    external_refs=refs.get((ExternalType.LOCATION, loc.id), ()),
                    **{f: getattr(loc, f) for f in _LOCATION_FIELDS},
                )
            )
        by_customer_cons: dict[int, list[Contact]] = {}
        for con in contacts:
            by_customer_cons.setdefault(con.customer_id, []).append(
                Contact(
                    id=con.id,
                    external_refs=refs.get((ExternalType.CONTACT, con.id), ()),
                    **{f: _shown(f, getattr(con, f), masked) for f in _CONTACT_FIELDS},
                )
            )
        return [
            Customer(
                id=row.id,
                tenant=tenant,
                status=row.status,
                external_refs=refs.get((ExternalType.CUSTOMER, row.id), ()),
                locations=tuple(by_customer_locs.get(row.id, ())),
                contacts=tuple(by_customer_cons.get(row.id, ())),
                **{f: getattr(row, f) for f in _CUSTOMER_FIELDS},
            )
            for row in rows
        ]

    def _refs_for(
        self, ids_by_type: dict[ExternalType, list[int]]
    ) -> dict[tuple[ExternalType, int], tuple[ExternalRef, ...]]:
        """The references of these records, each record's in id order. Few records (a
        view of one item) are read in one query; many in chunks per type."""
        found: dict[tuple[ExternalType, int], list[ExternalRef]] = {}
        wanted = {(t, i) for t, ids in ids_by_type.items() for i in ids}
        if len(wanted) <= CHUNK:
            types = [t.value for t, ids in ids_by_type.items() if ids]
            every = sorted({i for _t, i in wanted})
            asked = [{"types": types, "ids": every}] if every else []
        else:
            asked = [
                {"types": [external_type.value], "ids": chunk}
                for external_type, ids in ids_by_type.items()
                for chunk in _chunks(ids)
            ]
        connection = self._session.connection()
        for parameters in asked:
            rows = connection.execute(_REFS_OF_TYPES, {"tenant": self.tenant, **parameters})
            for ref in sorted(rows, key=lambda row: row.id):
                key = (ExternalType(ref.external_type), ref.record_id)
                if key in wanted:
                    found.setdefault(key, []).append(
                        ExternalRef(source_system=ref.source_system, external_id=ref.external_id)
                    )
        return {key: tuple(value) for key, value in found.items()}

    # -- writes ------------------------------------------------------------------------

    def replace_customers(self, customers: Sequence[Customer]) -> None:
        """Store ``customers`` as the file gives them, replacing what this tenant held for
        them (their locations, contacts and references). A reference held by a record not
        being replaced is a conflict: references never move without a person."""
        ensure_tenant(self._session, self.tenant)
        for chunk in _chunks(customers):
            self._replace_chunk(chunk)
        self._session.flush()

    def apply_server_customers(self, customers: Sequence[Customer]) -> None:
        """Store customers as the server sends them (a page of its reference changes).

        Like ``replace_customers``, each customer's locations, contacts and references are
        replaced by the server's; but the server is the authority on where a reference
        points, so one that a record of this store not on the page still holds is moved
        to where the server says, instead of stopping the pull.
        """
        ensure_tenant(self._session, self.tenant)
        for chunk in _chunks(customers):
            self._replace_chunk(chunk, take_over_refs=True)
        self._session.flush()

    def _replace_chunk(self, chunk: Sequence[Customer], *, take_over_refs: bool = False) -> None:
        tenant = self.tenant
        session = self._session
        customer_ids = [c.id for c in chunk]
        file_loc_ids = [loc.id for c in chunk for loc in c.locations]
        file_con_ids = [con.id for c in chunk for con in c.contacts]
        # one query per condition: SQLite answers an OR of two IN lists with a scan of
        # every record of the tenant
        old_loc_ids: set[int] = set()
        old_con_ids: set[int] = set()
        for row, old, own in (
            (LocationRow, old_loc_ids, file_loc_ids),
            (ContactRow, old_con_ids, file_con_ids),
        ):
            for column, values in ((row.customer_id, customer_ids), (row.id, own)):
                for values_chunk in _chunks(values):
                    old.update(
                        session.scalars(
                            select(row.id).where(row.tenant == tenant, column.in_(values_chunk))
                        )
                    )
        for external_type, ids in (
            (ExternalType.CUSTOMER, customer_ids),
            (ExternalType.LOCATION, sorted(old_loc_ids | set(file_loc_ids))),
            (ExternalType.CONTACT, sorted(old_con_ids | set(file_con_ids))),
        ):
            for ids_chunk in _chunks(ids):
                session.execute(
                    delete(ExternalRefRow).where(
                        ExternalRefRow.tenant == tenant,
                        ExternalRefRow.external_type == external_type.value,
                        ExternalRefRow.record_id.in_(ids_chunk),
                    )
                )
        for ids_chunk in _chunks(sorted(old_con_ids)):
            session.execute(
                delete(ContactRow).where(ContactRow.tenant == tenant, ContactRow.id.in_(ids_chunk))
            )
        for ids_chunk in _chunks(sorted(old_loc_ids)):
            session.execute(
                delete(LocationRow).where(
                    LocationRow.tenant == tenant, LocationRow.id.in_(ids_chunk)
                )
            )
        session.execute(
            delete(CustomerRow).where(
                CustomerRow.tenant == tenant, CustomerRow.id.in_(customer_ids)
            )
        )

        ref_rows: list[dict[str, Any]] = []
        on_customer, on_location, on_contact = (kind.value for kind in ExternalType)
        for customer in chunk:
            ref_rows += self._ref_rows(on_customer, customer.id, customer.external_refs)
            for loc in customer.locations:
                ref_rows += self._ref_rows(on_location, loc.id, loc.external_refs)
            for con in customer.contacts:
                ref_rows += self._ref_rows(on_contact, con.id, con.external_refs)
        if take_over_refs:
            self._delete_refs(ref_rows)
        else:
            self._check_ref_conflicts(ref_rows)

        stamp = db_timestamp(session, utcnow())
        insert_rows(
            session,
            CustomerRow,
            ("tenant", "id", "status", "updated_at", *_CUSTOMER_FIELDS),
            [
                (tenant, c.id, c.status.value, stamp, *[getattr(c, f) for f in _CUSTOMER_FIELDS])
                for c in chunk
            ],
        )
        insert_rows(
            session,
            LocationRow,
            ("tenant", "id", "customer_id", "updated_at", *_LOCATION_FIELDS),
            [
                (tenant, loc.id, c.id, stamp, *[getattr(loc, f) for f in _LOCATION_FIELDS])
                for c in chunk
                for loc in c.locations
            ],
        )
        insert_rows(
            session,
            ContactRow,
            ("tenant", "id", "customer_id", "updated_at", *_CONTACT_FIELDS),
            [
                (tenant, con.id, c.id, stamp, *[getattr(con, f) for f in _CONTACT_FIELDS])
                for c in chunk
                for con in c.contacts
            ],
        )
        insert_rows(
            session,
            ExternalRefRow,
            _REF_COLUMNS,
            [(*(row[name] for name in _REF_COLUMNS[:-1]), stamp) for row in ref_rows],
        )

    def _ref_rows(
        self, external_type: str, record_id: int, refs: Sequence[ExternalRef]
    ) -> list[dict[str, Any]]:
        return [
            {
                "tenant": self.tenant,
                "source_system": ref.source_system,
                "external_type": external_type,
                "external_id": ref.external_id,
                "record_id": record_id,
            }
            for ref in refs
        ]

    def _delete_refs(self, ref_rows: Sequence[dict[str, Any]]) -> None:
        for (source, external_type), external_ids in _ref_keys(ref_rows).items():
            for ids_chunk in _chunks(external_ids):
                self._session.execute(
                    delete(ExternalRefRow).where(
                        ExternalRefRow.tenant == self.tenant,
                        ExternalRefRow.source_system == source,
                        ExternalRefRow.external_type == external_type,
                        ExternalRefRow.external_id.in_(ids_chunk),
                    )
                )

    def _check_ref_conflicts(self, ref_rows: Sequence[dict[str, Any]]) -> None:
        for (source, external_type), external_ids in _ref_keys(ref_rows).items():
            for ids_chunk in _chunks(external_ids):
                query = select(ExternalRefRow.external_id, ExternalRefRow.record_id).where(
                    ExternalRefRow.tenant == self.tenant,
                    ExternalRefRow.source_system == source,
                    ExternalRefRow.external_type == external_type,
                    ExternalRefRow.external_id.in_(ids_chunk),
                )
                clash = self._session.execute(query.order_by(ExternalRefRow.id)).first()
                if clash is not None:
                    external_id, record_id = clash
                    raise ConflictError(
                        f"external reference {external_type} '{external_id}' of {source} "
                        f"already points at {external_type.lower()} {record_id} in tenant "
                        f"'{self.tenant}'; references are never moved by a load"
                    )

    def add_external_ref(
        self, source_system: str, external_type: ExternalType, external_id: str, record_id: int
    ) -> None:
        """Store one reference; an existing key pointing elsewhere is a conflict."""
        existing = self.resolve(source_system, external_type, external_id)
        if existing is not None:
            if existing == record_id:
                return
            raise ConflictError(
                f"external reference {external_type.value} '{external_id}' of {source_system} "
                f"already points at {existing}"
            )
        ensure_tenant(self._session, self.tenant)
        self._session.add(
            ExternalRefRow(
                tenant=self.tenant,
                source_system=source_system,
                external_type=external_type.value,
                external_id=external_id.strip(),
                record_id=record_id,
            )
        )
        self._session.flush()
