"""ReferenceIndex: tenant-safe references, customer numbers, blocking, updates, ids."""

from __future__ import annotations

import pytest

from ordinavo_desk.domain.enums import ExternalType
from ordinavo_desk.domain.errors import ConflictError, InputError
from ordinavo_desk.domain.reference import Customer
from ordinavo_desk.matching.changes import FieldUpdate, IndexChanges
from ordinavo_desk.matching.geo import cells_within
from ordinavo_desk.matching.index import ReferenceIndex
from ordinavo_desk.matching.policy import CandidateLimits
from ordinavo_desk.matching.records import (
    ContactRecord,
    CustomerRecord,
    ExternalRefRecord,
    LocationRecord,
)
from tests.matching.builders import contact, customer, index_of, location, refs

C, L, K = ExternalType.CUSTOMER, ExternalType.LOCATION, ExternalType.CONTACT


def test_references_never_cross_tenant_source_or_type() -> None:
    index = index_of(
        customer(1, ext=("CUST-1",), tenant="a", locations=[location(10, ext=("CUST-1",))]),
        customer(2, externalRefs=refs("CUST-1", source="crm"), tenant="a"),
        customer(3, ext=("CUST-1",), tenant="b"),
    )
    assert index.tenant("a").resolve("sap-erp", C, "CUST-1") == 1
    assert index.tenant("a").resolve("crm", C, "CUST-1") == 2
    assert index.tenant("a").resolve("sap-erp", L, "CUST-1") == 10
    assert index.tenant("b").resolve("sap-erp", C, "CUST-1") == 3
    assert index.tenant("b").resolve("crm", C, "CUST-1") is None
    assert index.tenant("c").resolve("sap-erp", C, "CUST-1") is None


def test_external_ids_compare_trimmed_and_case_sensitive() -> None:
    index = index_of(customer(1, ext=("CUST-1",)))
    tenant = index.tenant("acme")
    assert tenant.resolve("sap-erp", C, "  CUST-1 ") == 1
    assert tenant.resolve("sap-erp", C, "cust-1") is None


def test_customer_numbers_trimmed_case_insensitive_per_tenant() -> None:
    index = index_of(customer(1, number="RRM-001"), customer(2, number=" rrm-001 ", tenant="other"))
    assert index.tenant("acme").customers_with_number("rrm-001  ") == (1,)
    assert index.tenant("other").customers_with_number("RRM-001") == (2,)


def test_records_may_hold_several_references() -> None:
    index = index_of(customer(1, ext=("OLD-1", "NEW-1")))
    assert index.tenant("acme").resolve("sap-erp", C, "OLD-1") == 1
    assert index.tenant("acme").resolve("sap-erp", C, "NEW-1") == 1


def test_customer_without_tenant_takes_the_default() -> None:
    index = index_of(customer(1, tenant=None, ext=("X",)))
    assert index.tenant("acme").customer(1) is not None


@pytest.mark.parametrize(
    "customers",
    [
        [customer(1), customer(1)],
        [customer(1, locations=[location(5)]), customer(2, locations=[location(5)])],
        [customer(1, contacts=[contact(7)]), customer(2, contacts=[contact(7)])],
        [customer(1, ext=("X",)), customer(2, ext=("X",))],
    ],
)
def test_duplicates_in_reference_data_are_errors(customers: list[dict[str, object]]) -> None:
    with pytest.raises(InputError):
        ReferenceIndex.from_reference([Customer.model_validate(c) for c in customers], "acme")


def test_highest_ids_per_kind() -> None:
    index = index_of(
        customer(12, locations=[location(34)], contacts=[contact(56)]),
        customer(3, tenant="other", locations=[location(90)]),
    )
    assert index.highest_id(C) == 12
    assert index.highest_id(L) == 90
    assert index.highest_id(K) == 56


def test_build_from_rows_and_incremental_changes() -> None:
    index = ReferenceIndex.from_rows(
        [CustomerRecord("t", 1, "N-1", "Alpha Logistik GmbH")],
        [LocationRecord("t", 2, 1, street="Hauptstr. 1", postal_code="10115", city="Berlin")],
        [ContactRecord("t", 3, 1, 2, display_name="Eva Ring")],
        [ExternalRefRecord("t", "crm", C, "A-1", 1)],
    )
    tenant = index.tenant("t")
    assert tenant.resolve("crm", C, "A-1") == 1
    assert tenant.location_ids(1) == (2,)
    assert tenant.contact_ids(1) == (3,)
    index.apply(
        IndexChanges(
            tenant="t",
            customers=(CustomerRecord("t", 4, None, "Beta Bau"),),
            locations=(LocationRecord("t", 5, 4, postal_code="80331", city="München"),),
            updates=(
                FieldUpdate(C, 1, "name", "Alpha Logistik GmbH", "Gamma Logistik"),
                FieldUpdate(L, 2, "postal_code", "10115", "10117"),
            ),
            external_refs=(ExternalRefRecord("t", "crm", L, "L-5", 5),),
        )
    )
    assert tenant.resolve("crm", L, "L-5") == 5
    assert tenant.customers_named("gamma logistik") == (1,)
    assert tenant.customers_named("alpha logistik") == ()
    assert tenant.customers_by_words_named("gamma") == ([1], ["gamma logistik"], 1)
    assert tenant.locations_near("10117", None, (), 10) == [2]
    assert tenant.locations_near("10115", None, (), 10) == []
    assert tenant.locations_near("80331", None, (), 10) == [5]
    assert index.highest_id(C) == 4


def test_a_reference_never_moves_to_another_record() -> None:
    index = index_of(customer(1, ext=("X",)), customer(2))
    with pytest.raises(ConflictError):
        index.add_external_ref(ExternalRefRecord("acme", "sap-erp", C, "X", 2))
    index.add_external_ref(ExternalRefRecord("acme", "sap-erp", C, "X", 1))  # same record: fine
    with pytest.raises(ConflictError):
        index.add_external_ref(ExternalRefRecord("acme", "sap-erp", C, "Y", 99))


def test_common_blocking_keys_stop_being_listed() -> None:
    limits = CandidateLimits(block_cap=3)
    index = ReferenceIndex.from_rows(
        [CustomerRecord("t", i, None, f"Service Partner {i:03d}") for i in range(1, 6)],
        [LocationRecord("t", 100 + i, i, postal_code="10115", city="Berlin") for i in range(1, 6)],
        limits=limits,
    )
    tenant = index.tenant("t")
    assert tenant.customers_by_words_named("service") == ([], [], 0)  # common: no block
    assert tenant.customers_by_words_named("service partner 004")[0] == [4]
    assert tenant.locations_near("10115", "berlin", (), 10) == []


def test_locations_near_ranks_by_shared_keys_then_id() -> None:
    index = index_of(
        customer(
            1,
            locations=[
                location(10, postal_code="45127", city="Essen", lat=None, lon=None),
                location(11, postal_code="45128", city="Essen", lat=None, lon=None),
                location(12, postal_code="45127", city="Bochum", lat=51.0, lon=7.0),
            ],
        ),
    )
    near = index.tenant("acme").locations_near(
        "45127", "essen", cells_within(51.0, 7.0, 1500.0), 10
    )
    assert near == [10, 12, 11]
