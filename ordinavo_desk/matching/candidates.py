"""Candidate search (blocking, then scoring) and the ranked candidate rows of a result."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass

from ordinavo_desk.domain.enums import CandidateOutcome
from ordinavo_desk.domain.mapping import Candidate, Reason
from ordinavo_desk.matching.blocking import most_shared
from ordinavo_desk.matching.geo import cells_within
from ordinavo_desk.matching.pair_scores import PairScore, PairScorer
from ordinavo_desk.matching.policy import ScoringPolicy
from ordinavo_desk.matching.scoring import (
    AddressKeys,
    Probe,
    most_similar_names,
    name_similarities,
)
from ordinavo_desk.matching.tenant_index import TenantIndex

EPSILON = 1e-9
RowKey = tuple[int, int | None]


def pair_order(pair: PairScore) -> tuple[float, int, int]:
    """Best score first, then lowest customer id, then lowest location id (none first)."""
    return (-pair.score, pair.customer_id, -1 if pair.location_id is None else pair.location_id)


class SetAside:
    """Rows left unscored by a search: the locations of a customer that share an address
    key with the item while its name does not resemble the item's. They are worked out
    only for the customers someone asks about (those reached by a reference or a
    customer number, whose rows count whatever their score)."""

    __slots__ = ("_cells", "_keys", "_scored", "_tenant")

    def __init__(
        self, tenant: TenantIndex, keys: AddressKeys, cells: frozenset[int], scored: Set[int]
    ) -> None:
        self._tenant = tenant
        self._keys = keys
        self._cells = cells
        self._scored = scored

    def get(self, customer_id: int) -> list[int | None] | None:
        """The customer's unscored rows near the item, or None when it has none (or when
        its rows were scored)."""
        tenant, keys, cells = self._tenant, self._keys, self._cells
        if customer_id in self._scored or (
            keys.postal_code is None and keys.city is None and not cells
        ):
            return None
        near: list[int | None] = []
        for location_id in tenant.location_ids(customer_id):
            location = tenant.location(location_id)
            if location is None:
                continue
            if tenant.is_near(location, keys.postal_code, keys.city, cells):
                near.append(location_id)
        return near or None


#: What a search scoring every pair leaves aside: nothing.
NOTHING_SET_ASIDE: Mapping[int, list[int | None]] = {}


@dataclass(frozen=True, slots=True)
class PairSearch:
    """The scored pairs of an item, best first; whether some location shares an address
    key with the item; and the rows left unscored because no score they could reach would
    matter."""

    pairs: list[PairScore]
    address_shared: bool
    set_aside: SetAside | Mapping[int, list[int | None]]


def search_pairs(
    tenant: TenantIndex,
    probe: Probe,
    policy: ScoringPolicy,
    cutoff: float,
) -> PairSearch:
    """Score the pairs that share a blocking key with the item, best first.

    Locations come from the postal code, city and grid cells of the incoming address;
    customers from the exact normalised name and rare words of it: of those, the ones whose
    names resemble the item's most are kept. A customer found by name is scored at its
    locations found by address, or else at up to ``max_locations_per_customer`` of its
    locations nearest the item's address; a customer without locations gets one pair
    without a location.

    A pair whose name does not resemble the item's can score at most the address share
    of the score. When that bound lies below ``cutoff`` (the lowest score any gate or the
    candidate list looks at), only customers whose names resemble the item's matter: the
    names of every location's customer in the address blocks are compared in one native
    batch and only those that resemble are touched. Otherwise every pair found by address
    is scored (the ``max_address_locations`` sharing most keys).
    """
    if not probe.carries_signal:  # no name and no address: no block to look in
        return PairSearch([], False, NOTHING_SET_ASIDE)
    keys = probe.keys
    cells = (
        frozenset(cells_within(keys.latitude, keys.longitude, tenant.limits.geo_radius_m))
        if keys.latitude is not None and keys.longitude is not None
        else frozenset()
    )
    bound = 0.0 if keys.is_empty else 1.0 - policy.name_weight
    if bound >= cutoff - EPSILON:
        return _score_every_pair(tenant, probe, policy, cells)
    ids, place_names = tenant.places_named(keys.postal_code, keys.city, sorted(cells))
    resembles: dict[int, float] = {}  # location → its customer's name similarity
    hits: Counter[int] = Counter()  # location → address keys it shares with the item
    for position, similarity in name_similarities(probe.name_key, place_names, policy).items():
        resembles[ids[position]] = similarity
        hits[ids[position]] += 1
    rows: dict[int, list[int | None]] = {}
    similar: dict[int, float] = {}
    for location_id in most_shared(hits, tenant.limits.max_address_locations):
        location = tenant.location(location_id)
        if location is not None:
            rows.setdefault(location.customer_id, []).append(location_id)
            similar[location.customer_id] = resembles[location_id]
    similar.update(_similar_customers(tenant, probe, policy, rows))
    scored = [(c, location_id) for c, row in rows.items() for location_id in row]
    return PairSearch(
        score_pairs(tenant, probe, policy, scored, similar),
        bool(ids),
        SetAside(tenant, keys, cells, set(rows)),
    )


def _score_every_pair(
    tenant: TenantIndex, probe: Probe, policy: ScoringPolicy, cells: frozenset[int]
) -> PairSearch:
    """The search when a pair's address alone may matter: every location found by
    address is scored, whatever its customer's name."""
    keys = probe.keys
    near = tenant.locations_near(
        keys.postal_code, keys.city, cells, tenant.limits.max_address_locations
    )
    rows: dict[int, list[int | None]] = {}
    for location_id in near:
        location = tenant.location(location_id)
        if location is not None:
            rows.setdefault(location.customer_id, []).append(location_id)
    stored = {customer_id: tenant.name_key(customer_id) for customer_id in rows}
    similar = name_similarities(probe.name_key, stored, policy)
    similar.update(_similar_customers(tenant, probe, policy, rows))
    scored = [(c, location_id) for c, row in rows.items() for location_id in row]
    return PairSearch(
        score_pairs(tenant, probe, policy, scored, similar), bool(near), NOTHING_SET_ASIDE
    )


def _similar_customers(
    tenant: TenantIndex, probe: Probe, policy: ScoringPolicy, rows: dict[int, list[int | None]]
) -> dict[int, float]:
    """Customers found by their name alone, wherever they are: those with the exact
    name, then those sharing rare words whose names resemble the item's most, up to
    ``max_name_customers`` in all. One found by address already keeps its rows there;
    any other gets up to ``max_locations_per_customer`` of its locations nearest the
    item's address, or one row without a location. Returns the name similarity of each
    of them."""
    if not probe.name_key:
        return {}
    limits = tenant.limits
    named = tenant.customers_named(probe.name_key)[: limits.max_name_customers]
    ids, word_names, words = tenant.customers_by_words_named(probe.name_key)
    similar: dict[int, float] = dict.fromkeys(named, 1.0)
    best = most_similar_names(
        probe.name_key, word_names, ids, policy, limit=limits.max_name_customers, repeats=words
    )
    resembling = [customer_id for customer_id in best if customer_id not in similar]
    similar.update(best)
    for customer_id in (*named, *resembling)[: limits.max_name_customers]:
        if customer_id in rows:
            continue
        nearest = tenant.nearest_location_ids(
            customer_id, probe.keys, limits.max_locations_per_customer
        )
        rows[customer_id] = list(nearest) if nearest else [None]
    return similar


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
    compares_address = not probe.keys.is_empty  # else a stored address plays no part
    scored: list[PairScore] = []
    for customer_id, location_id in keys:
        customer = tenant.customer(customer_id)
        if customer is None:
            continue
        location = tenant.location(location_id) if location_id is not None else None
        stored = (
            tenant.address_keys(location) if location is not None and compares_address else None
        )
        scored.append(scorer.score(customer, location, stored, names.get(customer_id, 0.0)))
    scored.sort(key=pair_order)
    return scored


@dataclass(frozen=True, slots=True)
class Reach:
    """A customer reached by an external reference or a customer number. Its row scores
    ``reference_score`` and carries the reason that reached it (written out when shown)."""

    customer_id: int
    #: The location the reference names (a location reference, or a contact's location).
    location_id: int | None
    #: The field that reached the customer, the incoming and the stored value, and how
    #: they compared.
    field: str
    incoming: str
    stored: str
    comparison: str

    def reason(self, contribution: float) -> Reason:
        return Reason(
            field=self.field,
            incoming=self.incoming,
            stored=self.stored,
            comparison=self.comparison,
            contribution=contribution,
        )


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
    rows: dict[RowKey, tuple[float, PairScore | Reach]] = {
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
        rows[row] = (policy.reference_score, reach)

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
        reasons = (
            source.reasons
            if isinstance(source, PairScore)
            else (source.reason(policy.reference_score),)
        )
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
                score=float(score),
                outcome=outcome,
                reasons=reasons,
            )
        )
    return tuple(out)
