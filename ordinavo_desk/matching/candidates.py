"""Candidate search (blocking, then scoring) and the ranked candidate rows of a result."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ordinavo_desk.domain.enums import CandidateOutcome
from ordinavo_desk.domain.mapping import Candidate, Reason
from ordinavo_desk.matching.policy import ScoringPolicy
from ordinavo_desk.matching.scoring import PairScore, Probe, score_pair
from ordinavo_desk.matching.tenant_index import TenantIndex

EPSILON = 1e-9
RowKey = tuple[int, int | None]


def pair_order(pair: PairScore) -> tuple[float, int, int]:
    """Best score first, then lowest customer id, then lowest location id (none first)."""
    return (-pair.score, pair.customer_id, -1 if pair.location_id is None else pair.location_id)


def search_pairs(
    tenant: TenantIndex,
    probe: Probe,
    policy: ScoringPolicy,
    extra_customers: Iterable[int] = (),
) -> list[PairScore]:
    """Score the pairs that share a blocking key with the item, plus every customer in
    ``extra_customers`` (reached by reference or customer number), best first.

    Locations come from the postal code, city and grid cells of the incoming address;
    customers from the exact normalised name and rare words of it. A customer found by
    name is scored at its locations found by address, or else at up to
    ``max_locations_per_customer`` of its locations; a customer without locations gets
    one pair without a location.
    """
    limits = tenant.limits
    keys = probe.keys
    near = tenant.locations_near(
        keys.postal_code, keys.city, keys.latitude, keys.longitude, limits.max_address_locations
    )
    pairs: dict[RowKey, None] = {}
    by_customer: dict[int, list[int]] = {}
    for location_id in near:
        location = tenant.location(location_id)
        if location is not None:
            pairs[(location.customer_id, location_id)] = None
            by_customer.setdefault(location.customer_id, []).append(location_id)
    by_name: list[int] = []
    if probe.name_key:
        by_name.extend(tenant.customers_named(probe.name_key)[: limits.max_name_customers])
        by_name.extend(tenant.customers_by_words(probe.name_key, limits.max_name_customers))
    customers = [*list(dict.fromkeys(by_name))[: limits.max_name_customers], *extra_customers]
    for customer_id in dict.fromkeys(customers):
        if customer_id in by_customer:
            continue
        location_ids = tenant.location_ids(customer_id)
        if not location_ids:
            pairs[(customer_id, None)] = None
        for location_id in location_ids[: limits.max_locations_per_customer]:
            pairs[(customer_id, location_id)] = None
    return score_pairs(tenant, probe, policy, pairs)


def score_pairs(
    tenant: TenantIndex, probe: Probe, policy: ScoringPolicy, keys: Iterable[RowKey]
) -> list[PairScore]:
    scored: list[PairScore] = []
    for customer_id, location_id in keys:
        customer = tenant.customer(customer_id)
        if customer is None:
            continue
        location = tenant.location(location_id) if location_id is not None else None
        scored.append(score_pair(probe, customer, tenant.name_key(customer_id), location, policy))
    scored.sort(key=pair_order)
    return scored


@dataclass(frozen=True, slots=True)
class Reach:
    """A customer reached by an external reference or a customer number. Its row scores
    ``reference_score`` and carries the reason that reached it."""

    customer_id: int
    #: The location the reference names (a location reference, or a contact's location).
    location_id: int | None
    reason: Reason


def build_candidates(
    pairs: Sequence[PairScore],
    reaches: Sequence[Reach],
    linked: RowKey | None,
    *,
    threshold: float,
    floor: float,
    max_candidates: int,
    policy: ScoringPolicy,
) -> tuple[Candidate, ...]:
    """One row per (customer, location), ranked, capped and labelled.

    ``linked`` is the row that was linked (customer and existing location); when its
    location is not among the pairs (none linked, or a new one created), the customer's
    reached row or else its best-scoring row stands for it.
    """
    rows: dict[RowKey, tuple[float, tuple[Reason, ...]]] = {
        (p.customer_id, p.location_id): (p.score, p.reasons) for p in pairs
    }
    best_of: dict[int, RowKey] = {}
    for p in pairs:  # pairs are best first
        best_of.setdefault(p.customer_id, (p.customer_id, p.location_id))

    reached_rows: dict[int, RowKey] = {}
    for reach in reaches:
        if reach.customer_id in reached_rows:
            continue  # the first reason that reached a customer is the one shown
        row: RowKey | None = None
        if linked is not None and linked[0] == reach.customer_id and linked in rows:
            row = linked
        elif reach.location_id is not None and (reach.customer_id, reach.location_id) in rows:
            row = (reach.customer_id, reach.location_id)
        else:
            row = best_of.get(reach.customer_id, (reach.customer_id, None))
        reached_rows[reach.customer_id] = row
        rows[row] = (policy.reference_score, (reach.reason,))

    confident: RowKey | None = None
    if linked is not None:
        if linked in rows:
            confident = linked
        else:
            confident = reached_rows.get(linked[0]) or best_of.get(linked[0])

    kept = [
        (key, score, reasons) for key, (score, reasons) in rows.items() if score >= floor - EPSILON
    ]
    kept.sort(key=lambda row: (-row[1], row[0][0], -1 if row[0][1] is None else row[0][1]))
    out: list[Candidate] = []
    for key, score, reasons in kept[:max_candidates]:
        if key == confident:
            outcome = CandidateOutcome.CONFIDENT
        elif score >= threshold - EPSILON:
            outcome = CandidateOutcome.AMBIGUOUS
        else:
            outcome = CandidateOutcome.BELOW_THRESHOLD
        out.append(
            Candidate(
                customer_id=key[0],
                customer_location_id=key[1],
                score=score,
                outcome=outcome,
                reasons=reasons,
            )
        )
    return tuple(out)
