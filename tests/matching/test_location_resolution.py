"""Location resolution after the customer."""

from __future__ import annotations

from typing import Any

import pytest

from ordinavo_desk.domain.enums import ExternalType, MappingStatus, WarningCode
from ordinavo_desk.matching.changes import FieldUpdate
from tests.matching.builders import (
    ESSEN,
    ESSEN_COORDS,
    customer,
    engine_of,
    item,
    location,
    run,
    standard_engine,
)

S = MappingStatus
W = WarningCode
AUTO_LOCATION = {"location": True}


def test_location_reference_links() -> None:
    result = run(
        standard_engine(), item({"externalId": "CUST-10042"}, {"externalId": "LOC-DUS-01"})
    ).result
    assert result.customer_location_id == 35
    assert result.status is S.MAPPED


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ({"street": "Hachestr. 12", "postalCode": "45127"}, 34),  # postal + street agree
        ({"street": "Königsallee 1", "postalCode": "40212", "city": "Düsseldorf"}, 35),
        ({"street": "Hachestraße 12", "postalCode": "45128"}, None),  # postal differs
        ({"street": "Hachestraße 14", "postalCode": "45127"}, None),  # house number differs
        ({"postalCode": "45127"}, None),  # no street to agree
    ],
)
def test_location_by_address(address: dict[str, Any], expected: int | None) -> None:
    outcome = run(
        standard_engine(), item({"externalId": "CUST-10042"}, {"externalId": "LOC-NEW", **address})
    )
    assert outcome.result.customer_location_id == expected
    if expected is not None:
        assert outcome.changes.external_refs[0].external_id == "LOC-NEW"
        assert outcome.changes.external_refs[0].record_id == expected
    else:
        assert outcome.result.warnings[0] == W.LOCATION_AUTO_CREATE_DISABLED


def test_location_by_coordinates_within_agreement_distance() -> None:
    target = item({"externalId": "CUST-10042"}, address={"latitude": 51.2255, "longitude": 6.7807})
    assert run(standard_engine(), target).result.customer_location_id == 35


def test_nearest_then_best_street_then_lowest_id() -> None:
    near_a = location(10, "Hachestraße 12", lat=51.4510, lon=7.0120)
    near_b = location(11, "Hachestraße 12", lat=51.4515, lon=7.0120)
    no_coords_c = location(9, "Hachestraße 12", lat=None, lon=None)
    no_coords_d = location(8, "Hachestraße 12", lat=None, lon=None)
    engine = engine_of(
        customer(1, ext=("C",), locations=[no_coords_c, near_b, near_a, no_coords_d])
    )
    nearest = run(
        engine, item({"externalId": "C"}, {**ESSEN, "latitude": 51.4514, "longitude": 7.012})
    )
    assert nearest.result.customer_location_id == 11
    no_coordinates = run(engine, item({"externalId": "C"}, ESSEN))
    assert no_coordinates.result.customer_location_id == 8


def test_external_id_only_links_locations_by_reference_alone() -> None:
    target = item({"externalId": "CUST-10042"}, {"externalId": "LOC-NEW", **ESSEN_COORDS})
    outcome = run(standard_engine(), target, strategy="ExternalIdOnly")
    assert outcome.result.customer_location_id is None
    assert outcome.result.warnings == (W.LOCATION_AUTO_CREATE_DISABLED,)
    assert outcome.result.status is S.WARNING


def test_location_is_created_with_autocreate() -> None:
    target = item(
        {"externalId": "CUST-10042"},
        {
            "externalId": "LOC-NEW",
            "name": "Depot",
            "street": "Neuer Weg 1",
            "postalCode": "45127",
            "city": "Essen",
            "latitude": 51.46,
            "longitude": 7.02,
        },
    )
    outcome = run(standard_engine(), target, autoCreate=AUTO_LOCATION)
    assert outcome.result.status is S.CREATED
    assert outcome.result.customer_location_id == 52  # highest location id 51, plus one
    (created,) = outcome.changes.locations
    assert (created.customer_id, created.name, created.street, created.latitude) == (
        12,
        "Depot",
        "Neuer Weg 1",
        51.46,
    )
    assert outcome.changes.external_refs[0][2:] == (ExternalType.LOCATION, "LOC-NEW", 52)


def test_created_location_without_coordinates_warns() -> None:
    target = item({"externalId": "CUST-10042"}, {"street": "Neuer Weg 1", "postalCode": "45127"})
    outcome = run(standard_engine(), target, autoCreate=AUTO_LOCATION)
    assert outcome.result.warnings == (W.LOCATION_MISSING_COORDINATES,)
    assert outcome.result.status is S.WARNING
    assert len(outcome.changes.locations) == 1


def test_location_created_from_the_target_level_address() -> None:
    target = item(
        {"externalId": "CUST-10042"},
        address={
            "street": "Zeil 1",
            "postalCode": "60313",
            "city": "Frankfurt",
            "country": "DE",
            "latitude": 50.11,
            "longitude": 8.68,
        },
    )
    outcome = run(standard_engine(), target, autoCreate=AUTO_LOCATION)
    (created,) = outcome.changes.locations
    assert (created.street, created.postal_code, created.city, created.country) == (
        "Zeil 1",
        "60313",
        "Frankfurt",
        "DE",
    )


def test_location_dto_without_street_or_postal_code_uses_the_target_address() -> None:
    target = item(
        {"externalId": "CUST-10042"},
        {"name": "Somewhere", "city": "Berlin"},
        address={"street": "Königsallee 1", "postalCode": "40212"},
    )
    assert run(standard_engine(), target).result.customer_location_id == 35


def test_no_location_dto_and_no_address_resolves_no_location() -> None:
    outcome = run(standard_engine(), item({"externalId": "CUST-10042"}), autoCreate=AUTO_LOCATION)
    assert outcome.result.customer_location_id is None
    assert outcome.result.warnings == ()
    assert outcome.changes.is_empty


@pytest.mark.parametrize(
    ("incoming", "warns"),
    [
        ({"street": "Hachestraße 14", "postalCode": "45127"}, True),
        ({"street": "Hachestraße 12", "postalCode": "45128"}, True),
        ({"street": "Hachestr. 12", "postalCode": "45127", "city": "Essen-Mitte"}, False),
        ({"postalCode": "45127"}, False),  # fields the item does not carry are not compared
        ({"street": "Hachestrasse", "postalCode": "45127"}, False),  # no house number given
        ({"city": "Bochum"}, False),  # city alone: not compared, no street or postal code
    ],
)
def test_target_address_differs_from_customer_location(
    incoming: dict[str, Any], warns: bool
) -> None:
    target = item({"externalId": "CUST-10042"}, {"externalId": "LOC-ESSEN-01", **incoming})
    warnings = run(standard_engine(), target).result.warnings
    assert (W.TARGET_ADDRESS_DIFFERS_FROM_CUSTOMER_LOCATION in warnings) is warns


def test_linked_location_without_coordinates_warns() -> None:
    result = run(
        standard_engine(), item({"externalId": "CUST-20"}, {"externalId": "LOC-HH-40"})
    ).result
    assert result.warnings == (W.LOCATION_MISSING_COORDINATES,)


def test_autoupdate_writes_location_fields_before_the_address_checks() -> None:
    target = item(
        {"externalId": "CUST-20"},
        {
            "externalId": "LOC-HH-40",
            "street": "Am Sandtorkai 7",
            "latitude": 53.54,
            "longitude": 9.99,
            "accessNotes": "  Gate B  ",
        },
    )
    outcome = run(standard_engine(), target, autoUpdate=True)
    assert outcome.result.warnings == ()
    assert outcome.result.status is S.UPDATED
    assert outcome.changes.updates == (
        FieldUpdate(ExternalType.LOCATION, 40, "street", "Am Sandtorkai 5", "Am Sandtorkai 7"),
        FieldUpdate(ExternalType.LOCATION, 40, "latitude", None, 53.54),
        FieldUpdate(ExternalType.LOCATION, 40, "longitude", None, 9.99),
        FieldUpdate(ExternalType.LOCATION, 40, "access_notes", None, "Gate B"),
    )


def test_location_linked_by_address_is_never_updated() -> None:
    target = item(
        {"externalId": "CUST-10042"},
        {"street": "Hachestr. 12", "postalCode": "45127", "accessNotes": "new"},
    )
    outcome = run(standard_engine(), target, autoUpdate=True)
    assert outcome.result.customer_location_id == 34
    assert outcome.changes.updates == ()
