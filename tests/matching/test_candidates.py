"""Candidate rows: one per (customer, location), ranked, capped, floored, labelled."""

from __future__ import annotations

import pytest

from ordinavo_desk.domain.enums import MappingStatus
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

NAME_AND_ADDRESS = "ExternalIdThenNameAndAddress"


def rows(result: object) -> list[tuple[int, int | None, float, str]]:
    return [
        (c.customer_id, c.customer_location_id, c.score, c.outcome)
        for c in result.candidates  # type: ignore[attr-defined]
    ]


def test_ties_break_by_customer_id_then_location_id() -> None:
    engine = engine_of(
        customer(7, "Gleich GmbH", locations=[location(71), location(70)]),
        customer(5, "Gleich AG", locations=[location(52), location(51)]),
        customer(6, "Gleich KG"),  # no locations: one row without a location
    )
    result = run(engine, item({"name": "Gleich"}, ESSEN_COORDS), strategy=NAME_AND_ADDRESS).result
    assert result.status is MappingStatus.WARNING  # four rows score 1.0 across customers
    assert [(c, loc) for c, loc, _, _ in rows(result)] == [
        (5, 51),
        (5, 52),
        (7, 70),
        (7, 71),
        (6, None),
    ]
    assert {outcome for *_, outcome in rows(result)[:4]} == {"ambiguous"}
    assert rows(result)[4][3] == "belowThreshold"


def test_at_most_max_candidates_and_none_below_floor() -> None:
    engine = engine_of(
        *[customer(i, f"Kette Filiale {i}", locations=[location(100 + i)]) for i in range(1, 16)],
        customer(
            99,
            "Ganz Anders",
            locations=[location(199, "Andere Str. 1", "99999", "Erfurt", None, None)],
        ),
    )
    result = run(
        engine, item({"name": "Kette Filiale"}, ESSEN), strategy=NAME_AND_ADDRESS, maxCandidates=4
    ).result
    assert len(result.candidates) == 4
    lowered = run(
        engine, item({"name": "Kette Filiale"}, ESSEN), strategy=NAME_AND_ADDRESS, maxCandidates=50
    ).result
    assert len(lowered.candidates) == 15
    assert all(c.score >= 0.5 for c in lowered.candidates)
    assert 99 not in {c.customer_id for c in lowered.candidates}
    floored = run(
        engine,
        item({"name": "Kette Filiale"}, ESSEN),
        strategy=NAME_AND_ADDRESS,
        maxCandidates=50,
        nameAndAddress={"floor": 1.0},
    ).result
    assert all(c.score == 1.0 for c in floored.candidates)


def test_reference_row_scores_one_at_the_linked_location() -> None:
    target = item(
        {"externalId": "CUST-10042", "name": "Rhein-Ruhr Medical Suply"},
        {"externalId": "LOC-DUS-01", **ESSEN},
    )
    result = run(standard_engine(), target).result
    top = result.candidates[0]
    assert (top.customer_id, top.customer_location_id, top.score, top.outcome) == (
        12,
        35,
        1.0,
        "confident",
    )
    assert [r.field for r in top.reasons] == ["customer.externalId"]
    # the other location of 12 keeps its name-and-address score
    other = {(c.customer_id, c.customer_location_id): c for c in result.candidates}
    assert other[(12, 34)].score < 1.0


def test_reached_customer_without_linked_location_scores_one_at_its_best_location() -> None:
    target = item({"externalId": "CUST-10042"}, {"street": "Königsallee 1", "postalCode": "40212"})
    result = run(standard_engine(), target).result
    assert rows(result)[0] == (12, 35, 1.0, "confident")


def test_customer_number_reaches_count_whatever_the_strategy() -> None:
    # under ExternalIdOnly nothing is linked, yet the number's customer is shown at 1.0
    result = run(
        standard_engine(),
        item({"externalId": "X", "customerNumber": "NFS-9"}),
        strategy="ExternalIdOnly",
    ).result
    assert result.status is MappingStatus.FAILED
    assert rows(result) == [(20, 40, 1.0, "ambiguous")]
    assert result.candidates[0].reasons[0].field == "customer.customerNumber"


def test_name_and_address_rows_are_shown_under_every_strategy() -> None:
    target = item({"externalId": "X", "name": "Rhein Ruhr Medical Supply"}, ESSEN)
    for strategy in ("ExternalIdOnly", "ExternalIdFirst", "ExternalIdThenCustomerNumber"):
        result = run(standard_engine(), target, strategy=strategy).result
        assert result.status is MappingStatus.FAILED
        assert rows(result)[0] == (12, 34, 1.0, "ambiguous")


@pytest.mark.parametrize("strategy", [NAME_AND_ADDRESS, "ExternalIdFirst"])
def test_linked_row_is_confident_and_others_by_threshold(strategy: str) -> None:
    engine = engine_of(
        customer(
            1,
            "Alpha Medizintechnik",
            ext=("A",),
            locations=[location(10), location(11, "Hachestraße 40")],
        ),
        customer(2, "Alpha Medizintechnik Nord", locations=[location(20, "Hachestraße 14")]),
    )
    result = run(
        engine, item({"externalId": "A", "name": "Alpha Medizintechnik"}, ESSEN), strategy=strategy
    ).result
    labelled = {(c, loc): outcome for c, loc, _, outcome in rows(result)}
    assert labelled[(1, 10)] == "confident"
    assert all(o != "confident" for key, o in labelled.items() if key != (1, 10))
    for c in result.candidates:
        if (c.customer_id, c.customer_location_id) != (1, 10):
            assert (c.outcome == "ambiguous") is (c.score >= 0.9)


def test_scores_and_contributions() -> None:
    result = run(
        standard_engine(),
        item({"name": "Rhein-Ruhr Medical Suply"}, {**ESSEN_COORDS, "latitude": 51.4513}),
        strategy=NAME_AND_ADDRESS,
    ).result
    top = result.candidates[0]
    assert 0.0 <= top.score <= 1.0
    assert sum(r.contribution for r in top.reasons) == pytest.approx(top.score, abs=1e-3)
    comparisons = {r.field: r.comparison for r in top.reasons}
    assert comparisons["customer.name"].startswith("fuzzy 0.9")
    assert comparisons["location.street"] == "exact"
    assert comparisons["location.coordinates"] == "33 m apart"


def test_no_candidates_for_not_applicable_or_skipped() -> None:
    target = item({"externalId": "CUST-10042"}, ESSEN, operation="cancel")
    assert run(standard_engine(), target).result.candidates == ()
