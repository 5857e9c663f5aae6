"""The search led by names: place postings that carry their customers' names, the
most similar names picked in native code, and rows set aside until someone asks."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from ordinavo_desk.domain.connect import Address
from ordinavo_desk.domain.enums import ExternalType
from ordinavo_desk.matching.blocking import NamedBlockTable
from ordinavo_desk.matching.candidates import search_pairs
from ordinavo_desk.matching.index import ReferenceIndex
from ordinavo_desk.matching.policy import DEFAULT_POLICY
from ordinavo_desk.matching.records import CustomerRecord, LocationRecord
from ordinavo_desk.matching.scoring import Probe, most_similar_names, name_similarity


def test_named_postings_keep_ids_and_names_aligned() -> None:
    table: NamedBlockTable[str] = NamedBlockTable(cap=3)
    for record_id, name in ((1, "alpha"), (2, "beta"), (3, "gamma")):
        table.add("k", record_id, name)
    table.remove("k", 2)
    assert table.get_named("k") == ([1, 3], ["alpha", "gamma"])
    table.remove("k", 9)  # not listed: nothing changes
    assert table.get_named("k") == ([1, 3], ["alpha", "gamma"])
    table.add("k", 4, "delta")
    table.add("k", 5, "epsilon")  # a fourth record: the key is common from now on
    assert table.get_named("k") == ((), ()) and table.is_common("k")
    table.add("k", 6, "zeta")
    assert table.get("k") == ()
    table.remove("k", 1)
    assert table.get_named("missing") == ((), ())


def _brute_force(incoming: str, names: list[str], ids: list[int], limit: int) -> list[float]:
    best: dict[int, float] = {}
    for record_id, name in zip(ids, names, strict=True):
        similarity = name_similarity(incoming, name, DEFAULT_POLICY)
        if similarity > 0.0:
            best[record_id] = max(best.get(record_id, 0.0), similarity)
    return sorted(best.values(), reverse=True)[:limit]


WORDS = ["bau", "baer", "meyer", "meier", "mayer", "kuhn", "haus", "technik", "dach", "nord"]


@pytest.mark.parametrize("seed", range(40))
def test_most_similar_names_are_the_best_of_a_full_comparison(seed: int) -> None:
    rng = random.Random(seed)
    distinct = [" ".join(rng.sample(WORDS, rng.randint(1, 3))) for _ in range(60)]
    repeats = rng.randint(1, 3)
    ids: list[int] = []
    names: list[str] = []
    for _ in range(repeats):  # a customer listed once per word it shares
        order = list(range(len(distinct)))
        rng.shuffle(order)
        ids += order
        names += [distinct[i] for i in order]
    incoming = " ".join(rng.sample(WORDS, rng.randint(1, 3)))
    limit = rng.randint(1, 12)
    found = most_similar_names(incoming, names, ids, DEFAULT_POLICY, limit=limit, repeats=repeats)
    # the similarities found are those of a full comparison, best first
    assert list(found.values()) == _brute_force(incoming, names, ids, limit)
    for record_id, similarity in found.items():
        assert similarity == name_similarity(incoming, distinct[record_id], DEFAULT_POLICY)
    ranked = list(found.items())
    assert ranked == sorted(ranked, key=lambda pair: (-pair[1], pair[0]))


def test_word_order_alone_finds_a_name() -> None:
    names = ["meyer bau", "nord technik", "bau meyer"]
    found = most_similar_names("bau meyer", names, [1, 2, 3], DEFAULT_POLICY, limit=2, repeats=1)
    assert found == {3: 1.0, 1: fuzz.token_sort_ratio("bau meyer", "meyer bau") / 100.0}


def _city_index() -> ReferenceIndex:
    customers = [
        CustomerRecord("t", 1, None, "Meyer Haustechnik"),
        CustomerRecord("t", 2, None, "Kuhn Dachbau"),
    ]
    locations = [
        LocationRecord("t", 10, 1, street="Zeil 1", postal_code="60313", city="Frankfurt"),
        LocationRecord("t", 11, 2, street="Zeil 3", postal_code="60313", city="Frankfurt"),
        LocationRecord("t", 12, 2, street="Ring 9", postal_code="20095", city="Hamburg"),
    ]
    return ReferenceIndex.from_rows(customers, locations)


def test_only_customers_whose_names_resemble_are_scored() -> None:
    tenant = _city_index().tenant("t")
    probe = Probe.of("Meyer Haustechnik", Address(street="Zeil 1", postal_code="60313"))
    search = search_pairs(tenant, probe, DEFAULT_POLICY, cutoff=0.5)
    assert [(p.customer_id, p.location_id) for p in search.pairs] == [(1, 10)]
    assert search.address_shared
    # Kuhn's location at the same postal code is set aside, and offered when asked for;
    # its Hamburg location shares no key with the item
    assert search.set_aside.get(2) == [11]
    assert search.set_aside.get(1) is None  # scored already


def test_every_pair_is_scored_when_the_address_alone_may_matter() -> None:
    tenant = _city_index().tenant("t")
    probe = Probe.of("Meyer Haustechnik", Address(street="Zeil 1", postal_code="60313"))
    search = search_pairs(tenant, probe, DEFAULT_POLICY, cutoff=0.3)
    assert {(p.customer_id, p.location_id) for p in search.pairs} == {(1, 10), (2, 11)}
    assert search.set_aside.get(2) is None


def test_a_renamed_customer_is_found_by_its_new_name_at_its_places() -> None:
    index = _city_index()
    index.update_field("t", ExternalType.CUSTOMER, 2, "name", "Schulz Gartenbau")
    tenant = index.tenant("t")
    probe = Probe.of("Schulz Gartenbau", Address(postal_code="20095", city="Hamburg"))
    pairs = search_pairs(tenant, probe, DEFAULT_POLICY, cutoff=0.5).pairs
    assert (pairs[0].customer_id, pairs[0].location_id, pairs[0].name_score) == (2, 12, 1.0)
    old = Probe.of("Kuhn Dachbau", Address(postal_code="20095", city="Hamburg"))
    assert search_pairs(tenant, old, DEFAULT_POLICY, cutoff=0.5).pairs == []


def test_a_moved_location_is_found_at_its_new_place() -> None:
    index = _city_index()
    index.update_field("t", ExternalType.LOCATION, 12, "postal_code", "80331")
    index.update_field("t", ExternalType.LOCATION, 12, "city", "München")
    tenant = index.tenant("t")
    elsewhere = Probe.of("Zahnarztpraxis Weber", Address(postal_code="80331", city="München"))
    assert search_pairs(tenant, elsewhere, DEFAULT_POLICY, cutoff=0.5).set_aside.get(2) == [12]
    before = Probe.of("Zahnarztpraxis Weber", Address(postal_code="20095", city="Hamburg"))
    search = search_pairs(tenant, before, DEFAULT_POLICY, cutoff=0.5)
    assert search.set_aside.get(2) is None and not search.address_shared
