"""ReferenceIndex: the reference data of every tenant, indexed for the matching engine.

Build it from the exchange format (domain ``Customer`` objects) or from compact records
streamed by a store, then keep it current with the changes the engine returns. Lookups
never cross a tenant: each tenant has its own ``TenantIndex``.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
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
    LocationRecord,
    contact_record,
    customer_record,
    location_record,
    refs_of,
)
from ordinavo_desk.matching.tenant_index import TenantIndex

R = TypeVar("R", CustomerRecord, LocationRecord, ContactRecord)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of records are added: they form
    no cycles, and repeated full collections over a growing heap would make the build
    quadratic."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
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
        with _collector_paused():
            index._add_reference(customers, default_tenant)
        return index

    def _add_reference(self, customers: Iterable[Customer], default_tenant: str) -> None:
        index = self
        seen: dict[ExternalType, set[int]] = {kind: set() for kind in ExternalType}
        for position, customer in enumerate(customers):
            where = f"customers[{position}]"
            tenant = customer.tenant or default_tenant
            records: list[tuple[str, ExternalType, int]] = [
                (where, ExternalType.CUSTOMER, customer.id),
                *(
                    (f"{where}.locations[{i}]", ExternalType.LOCATION, loc.id)
                    for i, loc in enumerate(customer.locations)
                ),
                *(
                    (f"{where}.contacts[{i}]", ExternalType.CONTACT, con.id)
                    for i, con in enumerate(customer.contacts)
                ),
            ]
            for path, kind, record_id in records:
                if record_id in seen[kind]:
                    raise InputError(f"duplicate {kind.lower()} id {record_id}", field=f"{path}.id")
                seen[kind].add(record_id)
            try:
                index.add_customer(customer_record(customer, tenant))
                for loc in customer.locations:
                    index.add_location(location_record(loc, tenant, customer.id))
                for con in customer.contacts:
                    index.add_contact(contact_record(con, tenant, customer.id))
                refs = refs_of(customer.external_refs, tenant, ExternalType.CUSTOMER, customer.id)
                for loc in customer.locations:
                    refs += refs_of(loc.external_refs, tenant, ExternalType.LOCATION, loc.id)
                for con in customer.contacts:
                    refs += refs_of(con.external_refs, tenant, ExternalType.CONTACT, con.id)
                for ref in refs:
                    if (
                        index.tenant(tenant).resolve(
                            ref.source_system, ref.external_type, ref.external_id
                        )
                        is not None
                    ):
                        raise ConflictError(
                            f"duplicate external reference {ref.external_type} "
                            f"{ref.external_id} ({ref.source_system})"
                        )
                    index.add_external_ref(ref)
            except ConflictError as exc:
                raise InputError(str(exc), field=where) from exc

    @classmethod
    def from_rows(
        cls,
        customers: Iterable[CustomerRecord],
        locations: Iterable[LocationRecord] = (),
        contacts: Iterable[ContactRecord] = (),
        external_refs: Iterable[ExternalRefRecord] = (),
        limits: CandidateLimits | None = None,
    ) -> ReferenceIndex:
        """Index compact records as a store streams them (customers first, so that every
        location and contact finds its customer)."""
        index = cls(limits)
        with _collector_paused():
            index._add_all(ExternalType.CUSTOMER, customers, TenantIndex.add_customer)
            index._add_all(ExternalType.LOCATION, locations, TenantIndex.add_location)
            index._add_all(ExternalType.CONTACT, contacts, TenantIndex.add_contact)
            for ref in external_refs:
                index.add_external_ref(ref)
        return index

    def _add_all(
        self,
        kind: ExternalType,
        records: Iterable[R],
        add: Callable[[TenantIndex, R], None],
    ) -> None:
        """Add records of one kind in bulk (rows of one tenant usually come together)."""
        highest = self._highest[kind]
        tenant_name: str | None = None
        tenant: TenantIndex | None = None
        for record in records:
            if record.tenant != tenant_name or tenant is None:
                tenant_name = record.tenant
                tenant = self._tenant_for_write(tenant_name)
            add(tenant, record)
            highest = max(highest, record.id)
        self._highest[kind] = highest

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
