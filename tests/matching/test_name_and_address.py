"""ExternalIdThenNameAndAddress: the Strong and Ambiguity gates."""

from __future__ import annotations

from typing import Any

import pytest

from ordinavo_desk.domain.enums import ExternalType, MappingStatus, WarningCode
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
NAME_AND_ADDRESS = "ExternalIdThenNameAndAddress"
AUTO_ALL = {"customer": True, "location": True, "contact": True}


def map_(engine: Any, target: Any, **overrides: Any) -> Any:
    return run(engine, target, strategy=NAME_AND_ADDRESS, autoCreate=AUTO_ALL, **overrides)


@pytest.mark.parametrize(
    ("name", "address"),
    [
        ("Rhein-Ruhr Medical Supply GmbH", ESSEN),
        ("RHEIN RUHR MEDICAL SUPPLY", {"street": "Hachestr. 12", "postalCode": "45127"}),
        ("Rhein-Ruhr Medical Suppy GmbH", ESSEN_COORDS),  # a typo in the name
        # no postal code and no coordinates: same street, house number and city agree
        ("Rhein-Ruhr Medical Supply", {"street": "Hache Straße 12", "city": "ESSEN"}),
        # coordinates alone (the target-level address), within the agreement distance
        ("Rhein-Ruhr Medical Supply", {"latitude": 51.4512, "longitude": 7.0121}),
    ],
)
def test_strong_candidate_is_linked_with_its_location(name: str, address: dict[str, Any]) -> None:
    if "street" in address or "postalCode" in address:
        target = item({"externalId": "RRM", "name": name}, address)
    else:
        target = item({"externalId": "RRM", "name": name}, address=address)
    outcome = map_(standard_engine(), target)
    result = outcome.result
    assert (result.customer_id, result.customer_location_id) == (12, 34)
    refs = {(r.external_type, r.external_id) for r in outcome.changes.external_refs}
    assert (ExternalType.CUSTOMER, "RRM") in refs
    assert result.candidates[0].outcome == "confident"


def test_a_location_reference_wins_over_the_strong_candidates_location() -> None:
    target = item({"name": "Rhein-Ruhr Medical Supply"}, {"externalId": "LOC-DUS-01", **ESSEN})
    result = map_(standard_engine(), target).result
    assert (result.customer_id, result.customer_location_id) == (12, 35)
    assert W.TARGET_ADDRESS_DIFFERS_FROM_CUSTOMER_LOCATION in result.warnings


def test_two_customers_within_the_margin_are_ambiguous() -> None:
    engine = engine_of(
        customer(1, "Stadtwerke Service Nord", locations=[location(10)]),
        customer(2, "Stadtwerke Service Nordost", locations=[location(11)]),
    )
    outcome = map_(engine, item({"name": "Stadtwerke Service Nord"}, ESSEN_COORDS))
    result = outcome.result
    assert result.status is S.WARNING
    assert result.warnings == (W.AMBIGUOUS_NAME_AND_ADDRESS,)
    assert result.customer_id is None and outcome.changes.is_empty
    assert [c.outcome for c in result.candidates] == ["ambiguous", "ambiguous"]
    assert "closer than the margin" in result.explanation[-2]


def test_margin_against_another_customer_only() -> None:
    # two locations of one customer score alike: no ambiguity
    engine = engine_of(
        customer(1, "Stadtwerke Nord", locations=[location(10), location(11)]),
    )
    result = map_(engine, item({"name": "Stadtwerke Nord"}, ESSEN_COORDS)).result
    assert (result.customer_id, result.customer_location_id) == (1, 10)


def test_high_score_without_address_agreement_is_ambiguous() -> None:
    # 400 m away: the score passes the threshold, the address does not agree
    target = item(
        {"name": "Rhein-Ruhr Medical Supply"}, address={"latitude": 51.4546, "longitude": 7.012}
    )
    outcome = map_(standard_engine(), target)
    assert outcome.result.candidates[0].score >= 0.90
    assert outcome.result.warnings == (W.AMBIGUOUS_NAME_AND_ADDRESS,)
    assert "address does not agree" in outcome.result.explanation[-2]
    assert outcome.changes.is_empty


@pytest.mark.parametrize(
    "name",
    ["Rhein-Ruhr Medical Supply GmbH & Co. KG", "Rhein-Ruhr Medical Supplies"],
)
def test_a_known_name_at_a_new_address_blocks_creation(name: str) -> None:
    target = item(
        {"externalId": "NEW", "name": name},
        {"street": "Zeil 1", "postalCode": "60313", "city": "Frankfurt am Main"},
    )
    outcome = map_(standard_engine(), target)
    assert outcome.result.status is S.WARNING
    assert outcome.result.warnings == (W.AMBIGUOUS_NAME_AND_ADDRESS,)
    assert outcome.changes.is_empty  # autoCreate is on, and still nothing is created
    assert "alone scores" in outcome.result.explanation[-2]
    # the person deciding sees the known customer, below the threshold
    assert [(c.customer_id, c.outcome) for c in outcome.result.candidates] == [
        (12, "belowThreshold"),
        (12, "belowThreshold"),
    ]


def test_no_candidate_worth_linking_goes_on_to_creation() -> None:
    target = item({"externalId": "NEW", "name": "Völlig Anders Logistik"}, ESSEN_COORDS)
    outcome = map_(standard_engine(), target)
    assert outcome.result.status is S.CREATED
    assert outcome.result.customer_id == 32
    assert "no candidate worth linking" in outcome.result.explanation[1]
    # another business at the same address is no candidate (name 0, address at most 0.40)
    assert outcome.result.candidates == ()


def test_no_candidate_without_creation_fails() -> None:
    target = item({"externalId": "NEW", "name": "Völlig Anders Logistik"}, ESSEN_COORDS)
    result = run(standard_engine(), target, strategy=NAME_AND_ADDRESS).result
    assert result.status is S.FAILED
    assert result.warnings == (W.CUSTOMER_AUTO_CREATE_DISABLED,)


def test_gates_come_from_the_settings() -> None:
    target = item(
        {"name": "Rhein-Ruhr Medical Supply"}, {"street": "Hachestraße 12", "city": "Essen"}
    )
    strict = {"threshold": 1.0, "margin": 0.08, "floor": 0.5, "coordinateAgreementMeters": 150}
    assert map_(standard_engine(), target).result.customer_id == 12
    result = map_(standard_engine(), target, nameAndAddress=strict).result
    assert result.customer_id == 12  # an exact match scores 1.0
    fuzzy = item({"name": "Rhein-Ruhr Medical Suply"}, ESSEN)
    assert map_(standard_engine(), fuzzy).result.customer_id == 12
    # under threshold 1.0 the look-alike name reaches neither gate: a new customer is made
    assert map_(standard_engine(), fuzzy, nameAndAddress=strict).result.customer_id == 32
