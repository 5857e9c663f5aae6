"""Reference data in the store: tenant-safe external references, replace semantics."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ordinavo_desk.domain.enums import ExternalType
from ordinavo_desk.domain.errors import ConflictError
from ordinavo_desk.domain.reference import Customer
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.reference_repository import ReferenceRepository
from ordinavo_desk.store.rows import ExternalRefRow, LocationRow


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store(db_url)
    yield store
    store.dispose()


def _customer(cid: int, ref: str, source: str = "sap", loc_id: int | None = None) -> Customer:
    raw: dict[str, object] = {
        "id": cid,
        "name": f"Customer {cid}",
        "externalRefs": [{"sourceSystem": source, "externalId": ref}],
    }
    if loc_id is not None:
        raw["locations"] = [
            {
                "id": loc_id,
                "street": "Hachestrasse 12",
                "postalCode": "45127",
                "externalRefs": [{"sourceSystem": source, "externalId": ref}],
            }
        ]
        raw["contacts"] = [
            {
                "id": loc_id * 10,
                "locationId": loc_id,
                "displayName": "Anna Weber",
                "externalRefs": [{"sourceSystem": source, "externalId": ref}],
            }
        ]
    return Customer.model_validate(raw)


def test_same_external_id_resolves_separately_per_tenant_source_and_type(store: Store) -> None:
    with store.unit_of_work() as session:
        ReferenceRepository(session, "tenant-a").replace_customers(
            [_customer(1, "CUST-1", "sap", loc_id=11), _customer(2, "CUST-1", "crm")]
        )
        ReferenceRepository(session, "tenant-b").replace_customers([_customer(1, "CUST-1", "sap")])
        ReferenceRepository(session, "tenant-b").replace_customers([_customer(7, "CUST-7", "sap")])

    with store.unit_of_work() as session:
        a = ReferenceRepository(session, "tenant-a")
        b = ReferenceRepository(session, "tenant-b")
        c = ReferenceRepository(session, "tenant-c")
        assert a.resolve("sap", ExternalType.CUSTOMER, "CUST-1") == 1
        assert a.resolve("crm", ExternalType.CUSTOMER, "CUST-1") == 2
        assert a.resolve("sap", ExternalType.LOCATION, "CUST-1") == 11
        assert a.resolve("sap", ExternalType.CONTACT, "CUST-1") == 110
        assert a.resolve("crm", ExternalType.LOCATION, "CUST-1") is None
        assert a.resolve("sap", ExternalType.CUSTOMER, "cust-1") is None  # case-sensitive
        assert a.resolve("sap", ExternalType.CUSTOMER, " CUST-1 ") == 1  # trimmed
        assert b.resolve("sap", ExternalType.CUSTOMER, "CUST-1") == 1
        assert b.resolve("crm", ExternalType.CUSTOMER, "CUST-1") is None
        assert b.resolve("sap", ExternalType.LOCATION, "CUST-1") is None
        assert a.resolve("sap", ExternalType.CUSTOMER, "CUST-7") is None
        assert c.resolve("sap", ExternalType.CUSTOMER, "CUST-1") is None
        # Reads are scoped: tenant-b's customer 1 has no locations, tenant-a's has one.
        assert [loc.id for loc in a.customers([1])[0].locations] == [11]
        assert b.customers([1])[0].locations == ()


def test_unique_key_is_enforced_by_the_database(store: Store) -> None:
    with store.unit_of_work() as session:
        ReferenceRepository(session, "t").replace_customers([_customer(1, "X"), _customer(2, "Y")])
    with pytest.raises(IntegrityError), store.unit_of_work() as session:
        session.add(
            ExternalRefRow(
                tenant="t",
                source_system="sap",
                external_type="Customer",
                external_id="X",
                record_id=2,
            )
        )
        session.flush()


def test_a_reference_of_another_record_is_a_conflict_and_nothing_changes(store: Store) -> None:
    with store.unit_of_work() as session:
        ReferenceRepository(session, "t").replace_customers([_customer(1, "X", loc_id=5)])
    with (
        pytest.raises(ConflictError, match="already points at customer 1"),
        store.unit_of_work() as s,
    ):
        ReferenceRepository(s, "t").replace_customers([_customer(2, "Z"), _customer(3, "X")])
    with store.unit_of_work() as session:
        repo = ReferenceRepository(session, "t")
        assert repo.counts() == {"customers": 1, "locations": 1, "contacts": 1, "externalRefs": 3}


def test_reloading_a_customer_replaces_its_locations_contacts_and_references(store: Store) -> None:
    with store.unit_of_work() as session:
        ReferenceRepository(session, "t").replace_customers([_customer(1, "OLD", loc_id=5)])
    with store.unit_of_work() as session:
        ReferenceRepository(session, "t").replace_customers([_customer(1, "NEW", loc_id=6)])
    with store.unit_of_work() as session:
        repo = ReferenceRepository(session, "t")
        assert repo.resolve("sap", ExternalType.CUSTOMER, "OLD") is None
        assert repo.resolve("sap", ExternalType.CUSTOMER, "NEW") == 1
        assert session.scalars(select(LocationRow.id)).all() == [6]
        customer = repo.customer(1)
        assert customer is not None
        assert [c.id for c in customer.contacts] == [60]
        assert customer.contacts[0].location_id == 6


def test_iter_customers_streams_everything_in_id_order(store: Store) -> None:
    with store.unit_of_work() as session:
        ReferenceRepository(session, "t").replace_customers(
            [_customer(i, f"R{i}") for i in range(1, 26)]
        )
        ReferenceRepository(session, "u").replace_customers([_customer(99, "R99")])
    with store.unit_of_work() as session:
        ids = [c.id for c in ReferenceRepository(session, "t").iter_customers(batch_size=7)]
    assert ids == list(range(1, 26))


def test_customers_read_back_whole_or_with_only_the_customers_references(store: Store) -> None:
    stored = [_customer(1, "C1", loc_id=5), _customer(2, "C2", loc_id=6)]
    with store.unit_of_work() as session:
        ReferenceRepository(session, "t").replace_customers(stored)
        ReferenceRepository(session, "u").replace_customers([_customer(1, "OTHER", loc_id=5)])
    with store.unit_of_work() as session:
        repo = ReferenceRepository(session, "t")
        # in id order; unknown ids left out
        assert repo.customers([2, 1, 3]) == [c.model_copy(update={"tenant": "t"}) for c in stored]
        lean = repo.customers([1, 2], customer_refs_only=True)
    assert [c.external_refs for c in lean] == [c.external_refs for c in stored]
    assert [loc.external_refs for c in lean for loc in c.locations] == [(), ()]
    assert [con.external_refs for c in lean for con in c.contacts] == [(), ()]
    assert [c.locations[0].street for c in lean] == ["Hachestrasse 12"] * 2
