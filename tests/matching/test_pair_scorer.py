"""The fast scorer gives every pair exactly the numbers of the explained score."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ordinavo_desk.domain.connect import Address, InboundTarget
from ordinavo_desk.domain.reference import ReferenceData
from ordinavo_desk.matching.normalize import normalize_name
from ordinavo_desk.matching.pair_scores import PairScore, PairScorer, score_pair
from ordinavo_desk.matching.policy import DEFAULT_POLICY, ScoringPolicy
from ordinavo_desk.matching.records import CustomerRecord, LocationRecord
from ordinavo_desk.matching.scoring import Probe, location_keys, name_similarity

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
NO_DISTANCE_POLICY = ScoringPolicy(name_weight=0.5, street_weight=0.2, distance_weight=0.4)


def _numbers(pair: PairScore) -> tuple[object, ...]:
    return (
        pair.customer_id,
        pair.location_id,
        pair.score,
        pair.name_score,
        pair.distance_m,
        pair.same_postal_code,
        pair.same_street_and_city,
    )


def _both(
    probe: Probe,
    customer: CustomerRecord,
    location: LocationRecord | None,
    policy: ScoringPolicy = DEFAULT_POLICY,
) -> tuple[PairScore, PairScore]:
    name_key = normalize_name(customer.name) if customer.name else ""
    explained = score_pair(probe, customer, name_key, location, policy)
    stored = location_keys(location) if location is not None else None
    fast = PairScorer(probe, policy).score(
        customer, location, stored, name_similarity(probe.name_key, name_key, policy)
    )
    return explained, fast


@cache
def _demo() -> tuple[list[Probe], list[tuple[CustomerRecord, LocationRecord | None]]]:
    reference = ReferenceData.model_validate_json((DEMO / "reference.json").read_text("utf-8"))
    pairs: list[tuple[CustomerRecord, LocationRecord | None]] = []
    for c in reference.customers:
        customer = CustomerRecord("t", c.id, name=c.name)
        pairs.append((customer, None))
        for loc in c.locations[:3]:
            pairs.append(
                (
                    customer,
                    LocationRecord(
                        "t",
                        loc.id,
                        c.id,
                        street=loc.street,
                        postal_code=loc.postal_code,
                        city=loc.city,
                        country=loc.country,
                        latitude=loc.latitude,
                        longitude=loc.longitude,
                    ),
                )
            )
    probes = []
    for line in (DEMO / "items.jsonl").read_text("utf-8").splitlines()[::4]:
        target = InboundTarget.model_validate_json(line)
        name = target.customer.name if target.customer else None
        probes.append(Probe.of(name, target.incoming_address()))
    return probes, pairs


def test_demo_items_against_demo_locations() -> None:
    probes, pairs = _demo()
    compared = 0
    for probe in probes:
        for customer, location in pairs:
            explained, fast = _both(probe, customer, location)
            assert _numbers(fast) == _numbers(explained), (probe.name, customer.id, location)
            compared += 1
    assert compared > 10_000


def test_reasons_add_up_to_the_score() -> None:
    probes, pairs = _demo()
    for probe in probes[:10]:
        for customer, location in pairs[:200]:
            _, fast = _both(probe, customer, location)
            total = sum(r.contribution for r in fast.reasons)
            assert abs(total - fast.score) < 1e-3


STREETS = st.sampled_from(
    ["Hachestraße 12", "Hachestr. 12a", "Hachestrasse 14", "Kruppstr. 5", "Hauptstraße", None]
)
POSTAL = st.sampled_from(["45127", "45128", "10115", None])
CITIES = st.sampled_from(["Essen", "Essen-Rüttenscheid", "Esen", "Berlin", None])
COORD = st.one_of(st.none(), st.floats(min_value=51.40, max_value=51.50))
NAMES = st.sampled_from(
    ["Rhein-Ruhr Medical Supply GmbH", "Rhein Ruhr Medical", "Ruhr Medizin AG", "", None]
)


@settings(max_examples=300, deadline=None)
@given(
    NAMES,
    NAMES,
    STREETS,
    STREETS,
    POSTAL,
    POSTAL,
    CITIES,
    CITIES,
    COORD,
    COORD,
    st.booleans(),
    st.sampled_from([DEFAULT_POLICY, NO_DISTANCE_POLICY]),
)
def test_any_pair_scores_the_same_both_ways(
    incoming_name: str | None,
    stored_name: str | None,
    incoming_street: str | None,
    stored_street: str | None,
    incoming_postal: str | None,
    stored_postal: str | None,
    incoming_city: str | None,
    stored_city: str | None,
    incoming_lat: float | None,
    stored_lat: float | None,
    with_location: bool,
    policy: ScoringPolicy,
) -> None:
    probe = Probe.of(
        incoming_name,
        Address(
            street=incoming_street,
            postal_code=incoming_postal,
            city=incoming_city,
            latitude=incoming_lat,
            longitude=7.0 if incoming_lat is not None else None,
        ),
    )
    customer = CustomerRecord("t", 1, name=stored_name)
    location = (
        LocationRecord(
            "t",
            2,
            1,
            street=stored_street,
            postal_code=stored_postal,
            city=stored_city,
            latitude=stored_lat,
            longitude=7.01 if stored_lat is not None else None,
        )
        if with_location
        else None
    )
    explained, fast = _both(probe, customer, location, policy)
    assert _numbers(fast) == _numbers(explained)
    assert fast.reasons == explained.reasons
