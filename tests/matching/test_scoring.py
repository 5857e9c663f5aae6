"""The score: in [0, 1], rising with every signal, every part kept as a reason."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ordinavo_desk.domain.connect import Address
from ordinavo_desk.matching.normalize import normalize_name
from ordinavo_desk.matching.pair_scores import PairScore, score_pair
from ordinavo_desk.matching.policy import DEFAULT_POLICY, ScoringPolicy
from ordinavo_desk.matching.records import CustomerRecord, LocationRecord
from ordinavo_desk.matching.scoring import Probe

STORED_NAME = "Rhein-Ruhr Medical Supply GmbH"
STORED = LocationRecord(
    "t",
    34,
    12,
    street="Hachestraße 12",
    postal_code="45127",
    city="Essen",
    latitude=51.451,
    longitude=7.012,
)


def score(name: str | None, stored: LocationRecord | None = STORED, **address: Any) -> PairScore:
    customer = CustomerRecord("t", 12, name=STORED_NAME)
    probe = Probe.of(name, Address(**address) if address else None)
    return score_pair(probe, customer, normalize_name(STORED_NAME), stored, DEFAULT_POLICY)


FULL = {
    "street": "Hachestr. 12",
    "postal_code": "45127",
    "city": "Essen",
    "latitude": 51.451,
    "longitude": 7.012,
}


@pytest.mark.parametrize(
    ("worse", "better"),
    [
        # name: different < fuzzy < exact
        (dict(name="Ganz Anders", **FULL), dict(name="Rhein-Ruhr Medical Suply", **FULL)),
        (
            dict(name="Rhein-Ruhr Medical Suply", **FULL),
            dict(name="Rhein Ruhr Medical Supply", **FULL),
        ),
        # street: different < other house number < close house number < same
        (
            dict(FULL, name="X", street="Andere Allee 1"),
            dict(FULL, name="X", street="Hachestraße 40"),
        ),
        (
            dict(FULL, name="X", street="Hachestraße 40"),
            dict(FULL, name="X", street="Hachestraße 12a"),
        ),
        (dict(FULL, name="X", street="Hachestraße 12a"), dict(FULL, name="X")),
        # postal code
        (dict(FULL, name="X", postal_code="45128"), dict(FULL, name="X")),
        # city
        (dict(FULL, name="X", city="Bochum"), dict(FULL, name="X", city="Essen")),
        # distance
        (dict(FULL, name="X", latitude=51.47), dict(FULL, name="X", latitude=51.455)),
        (dict(FULL, name="X", latitude=51.455), dict(FULL, name="X")),
    ],
)
def test_score_rises_with_every_signal(worse: dict[str, Any], better: dict[str, Any]) -> None:
    assert score(**worse).score < score(**better).score


def test_reasons_per_signal_and_contributions_add_up() -> None:
    pair = score(
        "Rhein Ruhr Medical Suply",
        street="Hachestr. 12",
        postal_code="45127",
        city="Essen",
        latitude=51.4513,
        longitude=7.012,
    )
    assert [r.field for r in pair.reasons] == [
        "customer.name",
        "location.street",
        "location.postalCode",
        "location.city",
        "location.coordinates",
    ]
    assert sum(r.contribution for r in pair.reasons) == pytest.approx(pair.score, abs=1e-3)
    assert pair.reasons[4].comparison == "33 m apart"
    assert pair.reasons[1].incoming == "Hachestr. 12"
    assert pair.reasons[1].stored == "Hachestraße 12"


def test_missing_stored_values_and_missing_location() -> None:
    bare = LocationRecord("t", 1, 12)
    pair = score(STORED_NAME, bare, street="Hachestr. 12", postal_code="45127")
    assert [r.comparison for r in pair.reasons] == ["exact", "missing", "missing"]
    assert pair.score == pytest.approx(DEFAULT_POLICY.name_weight)
    assert score(STORED_NAME, None, street="Hachestr. 12").location_id is None


def test_name_alone_when_the_item_has_no_address() -> None:
    assert score(STORED_NAME, None).score == 1.0
    assert score(None, **FULL).score == pytest.approx(1 - DEFAULT_POLICY.name_weight)


TEXT = st.text(max_size=30)
COORD = st.floats(min_value=-60, max_value=60)


@given(TEXT, TEXT, TEXT, TEXT, st.one_of(st.none(), COORD), st.one_of(st.none(), COORD))
def test_score_always_lies_in_unit_interval(
    name: str, street: str, postal: str, city: str, lat: float | None, lon: float | None
) -> None:
    pair = score(name, street=street, postal_code=postal, city=city, latitude=lat, longitude=lon)
    assert 0.0 <= pair.score <= 1.0
    assert all(0.0 <= r.contribution <= 1.0 for r in pair.reasons)


@pytest.mark.parametrize(
    "bad", [{"name_weight": 1.2}, {"street_floor": -0.1}, {"distance_zero_m": 50.0}]
)
def test_policy_rejects_bad_values(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        ScoringPolicy(**bad)  # type: ignore[arg-type]


def test_policy_is_frozen_data() -> None:
    with pytest.raises(AttributeError):
        DEFAULT_POLICY.name_weight = 0.1  # type: ignore[misc]
