"""A naive matcher for comparison: every (customer, location) pair of the tenant scored
with the same score the engine uses, no blocking at all."""

from __future__ import annotations

from ordinavo_desk.matching.pair_scores import PairScore, PairScorer
from ordinavo_desk.matching.policy import DEFAULT_POLICY
from ordinavo_desk.matching.scoring import Probe, name_similarity
from ordinavo_desk.matching.tenant_index import TenantIndex


def full_scan_best(tenant: TenantIndex, probe: Probe) -> PairScore | None:
    """The best-scoring pair over the whole tenant (ties: lowest customer id)."""
    scorer = PairScorer(probe, DEFAULT_POLICY)
    best: PairScore | None = None
    for customer_id in tenant.customer_ids():
        customer = tenant.customer(customer_id)
        if customer is None:
            continue
        name_sim = name_similarity(probe.name_key, tenant.name_key(customer_id), DEFAULT_POLICY)
        location_ids = tenant.location_ids(customer_id) or (None,)
        for location_id in location_ids:
            location = tenant.location(location_id) if location_id is not None else None
            stored = tenant.address_keys(location) if location is not None else None
            pair = scorer.score(customer, location, stored, name_sim)
            if best is None or pair.score > best.score:
                best = pair
    return best
