"""Candidate search (blocking, then scoring) and the ranked candidate rows of a result."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ordinavo_desk.domain.enums import CandidateOutcome
from ordinavo_desk.domain.mapping import Candidate, Reason
from ordinavo_desk.matching.pair_scores import PairScore, PairScorer
from ordinavo_desk.matching.policy import ScoringPolicy
from ordinavo_desk.matching.scoring import Probe, name_similarities
from ordinavo_desk.matching.tenant_index import TenantIndex

EPSILON = 1e-9
RowKey = tuple[int, int | None]


def pair_order(pair: PairScore) -> tuple[float, int, int]:
    """Best score first, then lowest customer id, then lowest location id (none first)."""
    return (-pair.score, pair.customer_id, -1 if pair.location_id is None else pair.location_id)


@dataclass(frozen=True, slots=True)
class PairSearch:
    """The scored pairs of an item, best first, and the pairs left unscored because no
    score they could reach would matter (by customer, in the order found)."""

    pairs: list[PairScore]
    unscored: dict[int, list[int | None]]


def search_pairs(
    tenant: TenantIndex,
    probe: Probe,
    policy: ScoringPolicy,
    cutoff: float,
) -> PairSearch:
    """Score the pairs that share a blocking key with the item, best first.

    Locations come from the postal code, city and grid cells of the incoming address;
    customers from the exact normalised name and rare words of it: of those sharing the
    most words, the ones whose names resemble the item's most are kept. A customer found
    by name is scored at its locations found by address, or else at up to
    ``max_locations_per_customer`` of its locations; a customer without locations gets
    one pair without a location.

    Names are compared first, for all customers at once. A pair whose name does not
    resemble the item's can score at most the address share of the score; when that bound
    lies below ``cutoff`` (the lowest score any gate or the candidate list looks at), the
    pair is set aside unscored, since its score would change nothing.
    """
    limits = tenant.limits
    keys = probe.keys
    near = tenant.locations_near(
        keys.postal_code, keys.city, keys.latitude, keys.longitude, limits.max_address_locations
    )
    rows: dict[int, list[int | None]] = {}
    for location_id in near:
        location = tenant.location(location_id)
        if location is not None:
            rows.setdefault(location.customer_id, []).append(location_id)
    named: tuple[int, ...] = ()
    by_words: list[int] = []
    if probe.name_key:
        named = tenant.customers_named(probe.name_key)[: limits.max_name_customers]
        by_words = [
            customer_id
            for customer_id in tenant.customers_by_words(probe.name_key, limits.max_word_customers)
            if customer_id not in rows and customer_id not in named
        ]
    compared = {customer_id: tenant.name_key(customer_id) for customer_id in rows}
    for customer_id in (*named, *by_words):
        compared[customer_id] = tenant.name_key(customer_id)
    names = name_similarities(probe.name_key, compared, policy)
    # customers found by their name alone: the exact name, then the most similar names
    resembling = sorted(
        (customer_id for customer_id in by_words if customer_id in names),
        key=lambda customer_id: (-names[customer_id], customer_id),
    )
    for customer_id in (*named, *resembling)[: limits.max_name_customers]:
        if customer_id in rows:
            continue
        owned = tenant.location_ids(customer_id)
        rows[customer_id] = list(owned[: limits.max_locations_per_customer]) if owned else [None]
    bound = 0.0 if keys.is_empty else 1.0 - policy.name_weight
    scored: list[RowKey] = []
    unscored: dict[int, list[int | None]] = {}
    for customer_id, row_locations in rows.items():
        if customer_id in names or bound >= cutoff - EPSILON:
            scored.extend((customer_id, location_id) for location_id in row_locations)
        else:
            unscored[customer_id] = row_locations
    return PairSearch(score_pairs(tenant, probe, policy, scored, names), unscored)


def score_pairs(
    tenant: TenantIndex,
    probe: Probe,
    policy: ScoringPolicy,
    keys: Iterable[RowKey],
    names: Mapping[int, float] | None = None,
) -> list[PairScore]:
    """Score pairs, best first; ``names`` holds name similarities already computed (a
    customer missing from it does not resemble the item's name)."""
    if names is None:
        keys = list(keys)
        stored_names = {customer_id: tenant.name_key(customer_id) for customer_id, _ in keys}
        names = name_similarities(probe.name_key, stored_names, policy)
    scorer = PairScorer(probe, policy)
    scored: list[PairScore] = []
    for customer_id, location_id in keys:
        customer = tenant.customer(customer_id)
        if customer is None:
            continue
        location = tenant.location(location_id) if location_id is not None else None
        stored = tenant.address_keys(location) if location is not None else None
        scored.append(scorer.score(customer, location, stored, names.get(customer_id, 0.0)))
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
    # a row's reasons: a pair (written out only if the row is shown) or a reach's reason
    rows: dict[RowKey, tuple[float, PairScore | tuple[Reason, ...]]] = {
        (p.customer_id, p.location_id): (p.score, p) for p in pairs
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
        (key, score, source) for key, (score, source) in rows.items() if score >= floor - EPSILON
    ]
    kept.sort(key=lambda row: (-row[1], row[0][0], -1 if row[0][1] is None else row[0][1]))
    out: list[Candidate] = []
    for key, score, source in kept[:max_candidates]:
        reasons = source.reasons if isinstance(source, PairScore) else source
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
