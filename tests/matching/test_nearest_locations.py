"""A customer found by name alone, or reached by reference, is offered at its locations
nearest the incoming address."""

from __future__ import annotations

from ordinavo_desk.matching.index import ReferenceIndex
from ordinavo_desk.matching.policy import CandidateLimits
from ordinavo_desk.matching.records import CustomerRecord, LocationRecord
from ordinavo_desk.matching.scoring import AddressKeys, address_keys


def _chain() -> ReferenceIndex:
    branches = [
        LocationRecord("t", 1, 1, postal_code="20095", city="Hamburg", latitude=53.55, longitude=10.0),
        LocationRecord("t", 2, 1, postal_code="80331", city="München", latitude=48.137, longitude=11.575),
        LocationRecord("t", 3, 1, postal_code="80333", city="München", latitude=48.145, longitude=11.57),
        LocationRecord("t", 4, 1, postal_code="80331", city="München"),
        LocationRecord("t", 5, 1, postal_code="50667", city="Köln", latitude=50.94, longitude=6.96),
        LocationRecord("t", 6, 1, postal_code="85737", city="Ismaning", latitude=48.22, longitude=11.67),
    ]  # fmt: skip
    return ReferenceIndex.from_rows(
        [CustomerRecord("t", 1, None, "Filialkette")], branches, limits=CandidateLimits()
    )


def _keys(
    postal_code: str | None = None,
    city: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
) -> AddressKeys:
    return address_keys(
        street=None,
        postal_code=postal_code,
        city=city,
        country=None,
        latitude=latitude,
        longitude=longitude,
    )


def test_same_postal_code_then_same_city_then_distance() -> None:
    tenant = _chain().tenant("t")
    keys = _keys(postal_code="80331", city="München", latitude=48.14, longitude=11.58)
    assert tenant.nearest_location_ids(1, keys, 4) == [2, 4, 3, 6]


def test_without_coordinates_the_ids_decide_after_postal_code_and_city() -> None:
    tenant = _chain().tenant("t")
    keys = _keys(city="Köln")
    assert tenant.nearest_location_ids(1, keys, 3) == [5, 1, 2]


def test_a_customer_with_few_locations_keeps_them_all_in_order() -> None:
    tenant = _chain().tenant("t")
    assert tenant.nearest_location_ids(1, _keys(), 10) == [1, 2, 3, 4, 5, 6]
    assert tenant.nearest_location_ids(99, _keys(), 3) == []
