"""Building the index in bulk (from a store's rows) gives the index that adding the same
records one by one gives, caps and conflicts included."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from benchmarks.datagen.world import generate
from ordinavo_desk.domain.enums import ExternalType
from ordinavo_desk.domain.errors import ConflictError
from ordinavo_desk.domain.reference import Customer
from ordinavo_desk.matching.index import ReferenceIndex
from ordinavo_desk.matching.policy import CandidateLimits
from ordinavo_desk.matching.records import (
    ContactRecord,
    CustomerRecord,
    ExternalRefRecord,
    ExternalRefRun,
    LocationRecord,
    RefRuns,
    add_to_runs,
    records_of,
)
from ordinavo_desk.matching.tenant_index import TenantIndex

Rows = tuple[
    list[CustomerRecord], list[LocationRecord], list[ContactRecord], list[ExternalRefRecord]
]


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> Rows:
    out: Path = tmp_path_factory.mktemp("bulk")
    generate(out, customers=600, items=10, seed=11)
    customers, locations, contacts, refs = [], [], [], []
    for line in (out / "reference.jsonl").read_text("utf-8").splitlines():
        c = Customer.model_validate_json(line)
        own = records_of(c, c.tenant or "acme")
        customers.append(own.customer)
        locations += own.locations
        contacts += own.contacts
        refs += own.refs
    return customers, locations, contacts, refs


def _one_by_one(rows: Rows, limits: CandidateLimits) -> ReferenceIndex:
    index = ReferenceIndex(limits)
    customers, locations, contacts, refs = rows
    for customer in customers:
        index.add_customer(customer)
    for location in locations:
        index.add_location(location)
    for contact in contacts:
        index.add_contact(contact)
    for ref in refs:
        index.add_external_ref(ref)
    return index


def _state(tenant: TenantIndex) -> dict[str, Any]:
    """Everything a tenant's index holds, in comparable form."""
    state: dict[str, Any] = {
        name: (dict(table._postings), set(table._common))
        for name, table in (
            ("words", tenant._words),
            ("postal", tenant._postal),
            ("cities", tenant._cities),
            ("cells", tenant._cells),
        )
    }
    state["numbers"] = dict(tenant._numbers._map)
    state["names"] = dict(tenant._names._map)
    state["refs"] = {key: dict(table) for key, table in tenant._refs.items()}
    state["customers"] = {
        i: (e.record, e.name_key, e.location_ids, e.contact_ids)
        for i, e in tenant._customers.items()
    }
    state["locations"] = dict(tenant._locations)
    state["contacts"] = dict(tenant._contacts)
    return state


@pytest.mark.parametrize("cap", [2000, 8])
def test_bulk_build_equals_adding_one_by_one(rows: Rows, cap: int) -> None:
    limits = CandidateLimits(block_cap=cap)
    bulk = ReferenceIndex.from_rows(*rows, limits=limits)
    single = _one_by_one(rows, limits)
    assert bulk.tenants == single.tenants and len(bulk.tenants) == 2
    for tenant in bulk.tenants:
        assert _state(bulk.tenant(tenant)) == _state(single.tenant(tenant))
    for kind in ExternalType:
        assert bulk.highest_id(kind) == single.highest_id(kind) > 0
    if cap == 8:  # the small cap made keys common, the bulk build saw it too
        assert bulk.tenant("acme")._cities._common and bulk.tenant("acme")._words._common


def _as_runs(refs: list[ExternalRefRecord]) -> list[ExternalRefRun]:
    runs: RefRuns = {}
    add_to_runs(runs, refs)
    return list(runs.values())


def test_references_in_runs_build_the_same_tables(rows: Rows) -> None:
    customers, locations, contacts, refs = rows
    runs = _as_runs(refs)
    assert len(runs) >= 4 and sum(len(r.external_ids) for r in runs) == len(refs)
    bulk = ReferenceIndex.from_rows(customers, locations, contacts, external_ref_runs=runs)
    single = _one_by_one(rows, CandidateLimits())
    for tenant in bulk.tenants:
        assert _state(bulk.tenant(tenant)) == _state(single.tenant(tenant))


def test_bulk_build_of_tenants_in_several_runs(rows: Rows) -> None:
    customers, locations, contacts, refs = rows
    # the rows of each tenant split in two runs: the second run adds to the first
    shuffled = (
        customers[::2] + customers[1::2],
        locations,
        contacts,
        refs[::2] + refs[1::2],
    )
    bulk = ReferenceIndex.from_rows(*shuffled, limits=CandidateLimits(block_cap=8))
    single = _one_by_one(rows, CandidateLimits(block_cap=8))
    for tenant in bulk.tenants:
        a, b = _state(bulk.tenant(tenant)), _state(single.tenant(tenant))
        assert a["refs"] == b["refs"] and a["numbers"].keys() == b["numbers"].keys()
        assert a["words"][1] == b["words"][1]  # the same words are common


@pytest.mark.parametrize(
    "bad",
    [
        {"locations": [LocationRecord("t", 7, 99)]},  # no such customer
        {"locations": [LocationRecord("t", 7, 1), LocationRecord("t", 7, 1)]},
        {"customers": [CustomerRecord("t", 1, None, "Again")]},
        {"contacts": [ContactRecord("t", 3, 99)]},
        {"external_refs": [ExternalRefRecord("t", "crm", ExternalType.LOCATION, "L", 404)]},
        {"external_refs": [ExternalRefRecord("t", " ", ExternalType.CUSTOMER, "K", 1)]},
        {"external_refs": [ExternalRefRecord("t", "crm", ExternalType.CUSTOMER, "  ", 1)]},
        {
            "external_refs": [
                ExternalRefRecord("t", "crm", ExternalType.CUSTOMER, "K", 1),
                ExternalRefRecord("t", "crm", ExternalType.CUSTOMER, "K ", 2),
            ]
        },
    ],
)
def test_bulk_build_raises_the_conflicts_of_single_adds(bad: dict[str, list[Any]]) -> None:
    base: dict[str, list[Any]] = {
        "customers": [CustomerRecord("t", 1, None, "Alpha Bau"), CustomerRecord("t", 2)],
        "locations": [],
        "contacts": [],
        "external_refs": [],
    }
    for key, extra in bad.items():
        base[key] = base[key] + extra
    with pytest.raises(ConflictError) as as_records:
        ReferenceIndex.from_rows(**base)
    if base["external_refs"]:  # the same references in runs raise the same conflict
        runs = _as_runs(base.pop("external_refs"))
        with pytest.raises(ConflictError) as in_runs:
            ReferenceIndex.from_rows(**base, external_ref_runs=runs)
        assert str(in_runs.value) == str(as_records.value)


def test_records_before_a_conflict_stay_indexed_and_listed() -> None:
    index = ReferenceIndex.from_rows([CustomerRecord("t", 1, None, "Alpha Bau")])
    tenant = index.tenant("t")
    with pytest.raises(ConflictError):
        tenant.add_locations(
            [LocationRecord("t", 5, 1, postal_code="10115"), LocationRecord("t", 6, 42)]
        )
    assert tenant.location_ids(1) == (5,)
    assert tenant.locations_near("10115", None, (), 10) == [5]


def test_a_long_lived_index_is_kept_out_of_the_collectors_sight(rows: Rows) -> None:
    gc.collect()
    gc.unfreeze()
    try:
        ReferenceIndex.from_rows(*rows)
        assert gc.get_freeze_count() == 0 and gc.isenabled()
        index = ReferenceIndex.from_rows(*rows, long_lived=True)
        frozen = gc.get_freeze_count()
        assert frozen > len(rows[0])  # at least the customers' entries
        assert gc.isenabled()
        assert index.tenant("acme").customer_count > 0
    finally:
        gc.unfreeze()
