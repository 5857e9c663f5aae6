"""ReferenceIndex: the reference data of every tenant, indexed for the matching engine.

Build it from the exchange format (domain ``Customer`` objects) or from compact records
streamed by a store, then keep it current with the changes the engine returns. Lookups
never cross a tenant: each tenant has its own ``TenantIndex``.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import groupby
from operator import attrgetter
from typing import Any, TypeVar

from ordinavo_desk.domain.enums import ExternalType
from ordinavo_desk.domain.errors import ConflictError, InputError
from ordinavo_desk.domain.reference import Customer
from ordinavo_desk.matching.changes import IndexChanges
from ordinavo_desk.matching.policy import CandidateLimits
from ordinavo_desk.matching.records import (
    ContactRecord,
    CustomerRecord,
    ExternalRefRecord,
    ExternalRefRun,
    LocationRecord,
    records_of,
)
from ordinavo_desk.matching.tenant_index import TenantIndex

R = TypeVar("R", CustomerRecord, LocationRecord, ContactRecord)


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of records are added: they form
    no cycles, and repeated full collections over a growing heap would make the build
    quadratic.

    With ``freeze``, every object alive at the end is moved out of the collector's sight
    (``gc.freeze``) before it resumes: for an index that lives as long as the process,
    which the first collection would otherwise walk whole (seconds at a million
    customers). Cyclic garbage among frozen objects is never collected, so a process
    with other long-lived objects should not ask for it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


class ReferenceIndex:
    """Every tenant's customers, locations, contacts and external references.

    Ids are unique per record kind within a tenant; the highest id seen per kind is kept
    across all tenants, so that a created record (id = highest + 1) never collides with
    another record of its kind anywhere in the reference data.
    """

    def __init__(self, limits: CandidateLimits | None = None) -> None:
        self.limits = limits or CandidateLimits()
        self._tenants: dict[str, TenantIndex] = {}
        self._highest: dict[ExternalType, int] = dict.fromkeys(ExternalType, 0)

    # -- building -------------------------------------------------------------------------

    @classmethod
    def from_reference(
        cls,
        customers: Iterable[Customer],
        default_tenant: str,
        limits: CandidateLimits | None = None,
    ) -> ReferenceIndex:
        """Index customers of the exchange format; a customer without ``tenant`` belongs
        to ``default_tenant``. A duplicate id (per kind, across the data) or a duplicate
        external reference is an InputError naming the record."""
        index = cls(limits)
        with collector_paused():
            for position, customer in enumerate(customers):
                index.add_reference_customer(
                    customer, customer.tenant or default_tenant, f"customers[{position}]"
                )
        return index

    def add_reference_customer(self, customer: Customer, tenant: str, where: str = "") -> None:
        """Add a customer of the exchange format with its locations, contacts and
        references, all or nothing. A record id already indexed (per kind, in any tenant)
        or an external reference held by another record is an InputError whose field
        starts with ``where``, the customer's place in its file."""
        base = f"{where}." if where else ""
        records: list[tuple[str, ExternalType, int]] = [
            (f"{base}id", ExternalType.CUSTOMER, customer.id),
            *(
                (f"{base}locations[{i}].id", ExternalType.LOCATION, loc.id)
                for i, loc in enumerate(customer.locations)
            ),
            *(
                (f"{base}contacts[{i}].id", ExternalType.CONTACT, con.id)
                for i, con in enumerate(customer.contacts)
            ),
        ]
        mine: set[tuple[ExternalType, int]] = set()
        for path, kind, record_id in records:
            if (kind, record_id) in mine or self._holds(kind, record_id):
                raise InputError(f"duplicate {kind.lower()} id {record_id}", field=path)
            mine.add((kind, record_id))
        own = records_of(customer, tenant)
        target = self.tenant(tenant)
        keys: set[tuple[str, ExternalType, str]] = set()
        for ref in own.refs:
            key = (ref.source_system.strip(), ref.external_type, ref.external_id.strip())
            if key in keys or target.resolve(*key) is not None:
                raise InputError(
                    f"duplicate external reference {ref.external_type} "
                    f"{ref.external_id} ({ref.source_system})",
                    field=where or None,
                )
            keys.add(key)
        try:
            self.add_customer(own.customer)
            for location in own.locations:
                self.add_location(location)
            for contact in own.contacts:
                self.add_contact(contact)
            for ref in own.refs:
                self.add_external_ref(ref)
        except ConflictError as exc:  # checked above; kept as a last line of defence
            raise InputError(str(exc), field=where or None) from exc

    def _holds(self, kind: ExternalType, record_id: int) -> bool:
        """Whether any tenant has a record of this kind with this id."""
        return any(tenant.holds(kind, record_id) for tenant in self._tenants.values())

    @classmethod
    def from_rows(
        cls,
        customers: Iterable[CustomerRecord],
        locations: Iterable[LocationRecord] = (),
        contacts: Iterable[ContactRecord] = (),
        external_refs: Iterable[ExternalRefRecord] = (),
        limits: CandidateLimits | None = None,
        *,
        external_ref_runs: Iterable[ExternalRefRun] = (),
        long_lived: bool = False,
    ) -> ReferenceIndex:
        """Index compact records as a store streams them (customers first, so that every
        location and contact finds its customer); references may also come as runs of
        one source and type in two columns. An index that lives as long as the process (a
        server, a batch run) is built ``long_lived``: see ``collector_paused``."""
        index = cls(limits)
        with collector_paused(freeze=long_lived):
            index._add_all(ExternalType.CUSTOMER, customers, TenantIndex.add_customers)
            index._add_all(ExternalType.LOCATION, locations, TenantIndex.add_locations)
            index._add_all(ExternalType.CONTACT, contacts, TenantIndex.add_contacts)
            for tenant_name, refs in groupby(external_refs, key=attrgetter("tenant")):
                index._tenant_for_write(tenant_name).add_external_refs(refs)
            for run in external_ref_runs:
                index._tenant_for_write(run.tenant).add_external_ref_run(
                    run.source_system, run.external_type, run.external_ids, run.record_ids
                )
        return index

    def _add_all(
        self,
        kind: ExternalType,
        records: Iterable[R],
        add: Callable[[TenantIndex, Iterable[R]], int],
    ) -> None:
        """Add records of one kind in bulk, a run of one tenant's records at a time (rows
        of one tenant usually come together)."""
        for tenant_name, run in groupby(records, key=attrgetter("tenant")):
            highest = add(self._tenant_for_write(tenant_name), run)
            self._highest[kind] = max(self._highest[kind], highest)

    # -- reads ----------------------------------------------------------------------------

    def tenant(self, tenant: str) -> TenantIndex:
        """The tenant's index (an empty one for a tenant without reference data)."""
        found = self._tenants.get(tenant)
        return found if found is not None else TenantIndex(tenant, self.limits)

    @property
    def tenants(self) -> tuple[str, ...]:
        return tuple(sorted(self._tenants))

    def highest_id(self, kind: ExternalType) -> int:
        """The highest id of this record kind indexed so far (0 when none)."""
        return self._highest[kind]

    # -- writes ---------------------------------------------------------------------------

    def _tenant_for_write(self, tenant: str) -> TenantIndex:
        found = self._tenants.get(tenant)
        if found is None:
            found = self._tenants[tenant] = TenantIndex(tenant, self.limits)
        return found

    def _saw(self, kind: ExternalType, record_id: int) -> None:
        self._highest[kind] = max(self._highest[kind], record_id)

    def add_customer(self, record: CustomerRecord) -> None:
        self._tenant_for_write(record.tenant).add_customer(record)
        self._saw(ExternalType.CUSTOMER, record.id)

    def add_location(self, record: LocationRecord) -> None:
        self._tenant_for_write(record.tenant).add_location(record)
        self._saw(ExternalType.LOCATION, record.id)

    def add_contact(self, record: ContactRecord) -> None:
        self._tenant_for_write(record.tenant).add_contact(record)
        self._saw(ExternalType.CONTACT, record.id)

    def add_external_ref(self, ref: ExternalRefRecord) -> None:
        self._tenant_for_write(ref.tenant).add_external_ref(
            ref.source_system, ref.external_type, ref.external_id, ref.record_id
        )

    def update_field(
        self, tenant: str, kind: ExternalType, record_id: int, field: str, value: Any
    ) -> None:
        self._tenant_for_write(tenant).update_field(kind, record_id, field, value)

    def apply(self, changes: IndexChanges) -> None:
        """Apply what mapping one item changed, so that later items see it."""
        for customer in changes.customers:
            self.add_customer(customer)
        for location in changes.locations:
            self.add_location(location)
        for contact in changes.contacts:
            self.add_contact(contact)
        for update in changes.updates:
            self.update_field(
                changes.tenant, update.kind, update.record_id, update.field, update.new
            )
        for ref in changes.external_refs:
            self.add_external_ref(ref)
