"""Candidate search stays bounded whatever the size of the tenant."""

from __future__ import annotations

from ordinavo_desk.domain.connect import Address
from ordinavo_desk.matching.candidates import search_pairs
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.matching.index import ReferenceIndex
from ordinavo_desk.matching.policy import DEFAULT_POLICY, CandidateLimits
from ordinavo_desk.matching.records import CustomerRecord, LocationRecord
from ordinavo_desk.matching.scoring import Probe
from tests.matching.builders import item, settings


def big_city_index(customers: int, limits: CandidateLimits) -> ReferenceIndex:
    """Every customer a "Service" business with two locations in one postal code."""
    return ReferenceIndex.from_rows(
        (
            CustomerRecord("t", i, f"K{i}", f"Service Partner {i:05d} GmbH")
            for i in range(1, customers + 1)
        ),
        (
            LocationRecord(
                "t",
                2 * i + j,
                i,
                street=f"Hauptstraße {j + 1}",
                postal_code="10115",
                city="Berlin",
                latitude=52.53,
                longitude=13.38,
            )
            for i in range(1, customers + 1)
            for j in range(2)
        ),
        limits=limits,
    )


def test_common_keys_do_not_explode_the_search() -> None:
    limits = CandidateLimits(block_cap=300, max_locations_per_customer=5)
    index = big_city_index(2000, limits)
    probe = Probe.of(
        "Service Partner 01234", Address(street="Hauptstraße 1", postal_code="10115", city="Berlin")
    )
    pairs = search_pairs(index.tenant("t"), probe, DEFAULT_POLICY, cutoff=0.5).pairs
    # "service", "partner", the postal code, the city and the grid cell are all common;
    # the rare word "01234" finds the one customer
    assert {p.customer_id for p in pairs} == {1234}
    assert len(pairs) <= limits.max_locations_per_customer


def test_exact_lookups_are_never_capped() -> None:
    index = big_city_index(1000, CandidateLimits(block_cap=50))
    engine = MappingEngine(index)
    profile = settings(tenant="t", strategy="ExternalIdThenCustomerNumber")
    assert engine.map_item(item({"customerNumber": "k777"}), profile).result.customer_id == 777


def test_the_index_keeps_compact_records() -> None:
    index = big_city_index(10, CandidateLimits())
    tenant = index.tenant("t")
    assert type(tenant.customer(3)) is CustomerRecord
    assert type(tenant.location(7)) is LocationRecord
