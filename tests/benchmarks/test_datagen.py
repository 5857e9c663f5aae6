"""The generator of realistic test data: valid, unique, plausible, deterministic."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from benchmarks.datagen.cities import CITIES, CITY_BY_NAME
from benchmarks.datagen.cli import main
from benchmarks.datagen.items import KINDS
from benchmarks.datagen.reference import distance_km
from benchmarks.datagen.world import generate
from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.reference import Customer
from ordinavo_desk.domain.settings import MappingSettings

CUSTOMERS = 600
ITEMS = 300


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world")
    generate(out, customers=CUSTOMERS, items=ITEMS, seed=11)
    return out


@pytest.fixture(scope="module")
def customers(world: Path) -> list[Customer]:
    return [Customer.model_validate(c) for c in _lines(world / "reference.jsonl")]


def test_reference_validates_and_ids_are_unique(customers: list[Customer]) -> None:
    assert len(customers) == CUSTOMERS
    for kind, ids in (
        ("customer", [c.id for c in customers]),
        ("location", [loc.id for c in customers for loc in c.locations]),
        ("contact", [k.id for c in customers for k in c.contacts]),
    ):
        assert len(ids) == len(set(ids)), kind


def test_external_refs_unique_per_tenant_source_and_type(customers: list[Customer]) -> None:
    keys: Counter[tuple[str, str, str, str]] = Counter()
    for c in customers:
        assert c.tenant is not None
        for ref in c.external_refs:
            keys[(c.tenant, ref.source_system, "Customer", ref.external_id)] += 1
        for loc in c.locations:
            for ref in loc.external_refs:
                keys[(c.tenant, ref.source_system, "Location", ref.external_id)] += 1
        for con in c.contacts:
            for ref in con.external_refs:
                keys[(c.tenant, ref.source_system, "Contact", ref.external_id)] += 1
    assert keys and max(keys.values()) == 1


def test_two_tenants_share_customer_ids(customers: list[Customer]) -> None:
    by_tenant: dict[str, set[str]] = {}
    for c in customers:
        assert c.tenant is not None
        by_tenant.setdefault(c.tenant, set()).update(
            r.external_id for r in c.external_refs if r.source_system == "sap-erp"
        )
    assert set(by_tenant) == {"acme", "borealis"}
    shared = by_tenant["acme"] & by_tenant["borealis"]
    assert any(ref.startswith("CUST-") for ref in shared)
    assert by_tenant["borealis"] - by_tenant["acme"]  # some are known only in borealis


def test_postal_codes_and_coordinates_fit_their_cities(customers: list[Customer]) -> None:
    locations = [loc for c in customers for loc in c.locations]
    without = 0
    for loc in locations:
        assert loc.city is not None and loc.postal_code is not None
        city = CITY_BY_NAME[loc.city]
        assert city.fits(loc.postal_code), (loc.city, loc.postal_code)
        assert loc.region == city.region and loc.country == "DE"
        if loc.latitude is None or loc.longitude is None:
            without += 1
            continue
        here = type(city)("x", city.state, 0, 0, loc.latitude, loc.longitude, city.area_code, 1)
        assert distance_km(city, here) <= city.radius_km + 0.1
    assert 0.02 < without / len(locations) < 0.09


def test_shape_of_the_world(customers: list[Customer]) -> None:
    sizes = Counter(len(c.locations) for c in customers)
    assert sizes[1] > CUSTOMERS * 0.4  # most are single sites
    assert any(n >= 10 for n in sizes)  # chains
    assert any(n >= 100 for n in sizes)  # a few very large ones
    statuses = Counter(c.status.value for c in customers)
    assert statuses["Archived"] and statuses["Blocked"]
    numbers = Counter((c.tenant, c.customer_number) for c in customers)
    assert max(numbers.values()) >= 2  # a few customer numbers given twice
    legal = ("GmbH", "AG", "KG", "e.K.", "OHG", "UG (haftungsbeschränkt)", "mbH")
    assert sum(1 for c in customers if c.name and c.name.endswith(legal)) > CUSTOMERS * 0.7
    assert any(k.location_id is not None for c in customers for k in c.contacts)
    assert len({loc.city for c in customers for loc in c.locations}) > 50


def test_items_validate_and_every_kind_is_present(world: Path) -> None:
    items = _lines(world / "items.jsonl")
    truth = _lines(world / "truth.jsonl")
    assert len(items) == len(truth) == ITEMS
    targets = [InboundTarget.model_validate(item) for item in items]
    assert [t.external_id for t in targets] == [t["externalId"] for t in truth]
    assert len({t.external_id for t in targets}) == ITEMS
    assert all(t.source_system == "sap-erp" for t in targets)
    assert {t["kind"] for t in truth} == set(KINDS)
    for item in items:  # camelCase on the wire, as the Connect API takes it
        assert "external_id" not in json.dumps(item)


def test_truth_points_at_records_of_the_main_tenant(world: Path, customers: list[Customer]) -> None:
    by_id = {c.id: c for c in customers}
    for t in _lines(world / "truth.jsonl"):
        assert t["tenant"] == "acme"
        cid = t["customerId"]
        if cid is None or cid == "new":
            continue
        customer = by_id[cid]
        assert customer.tenant == "acme"
        loc = t["customerLocationId"]
        if isinstance(loc, int):
            assert loc in {x.id for x in customer.locations}
        con = t["customerContactId"]
        if isinstance(con, int):
            assert con in {x.id for x in customer.contacts}


def test_perturbations_are_what_their_kind_says(world: Path, customers: list[Customer]) -> None:
    by_id = {c.id: c for c in customers}
    locations = {loc.id: loc for c in customers for loc in c.locations}
    items = {i["externalId"]: i for i in _lines(world / "items.jsonl")}
    seen: Counter[str] = Counter()
    for t in _lines(world / "truth.jsonl"):
        item = items[t["externalId"]]
        kind = t["kind"]
        if kind == "postal-code-slip":
            stored = locations[t["customerLocationId"]].postal_code
            assert stored is not None
            given = item["location"]["postalCode"]
            assert sum(a != b for a, b in zip(given, stored, strict=True)) == 1
        elif kind == "legal-form-dropped":
            assert item["customer"]["name"] != by_id[t["customerId"]].name
        elif kind == "external-id-only":
            assert set(item["customer"]) == {"externalId"}
        elif kind == "customer-number-only":
            assert set(item["customer"]) == {"customerNumber"} and "location" not in item
        elif kind == "no-mapping-data":
            assert not {"customer", "location", "contact"} & set(item)
        elif kind == "look-alike":
            assert item["customer"]["name"] == by_id[_same_name(customers, item)].name
        elif kind == "other-tenant-id":
            assert item["customer"]["externalId"].startswith("CUST-")
            assert t["customerId"] == "new"
        seen[kind] += 1
    assert seen["postal-code-slip"] and seen["look-alike"] and seen["other-tenant-id"]


def _same_name(customers: list[Customer], item: dict[str, Any]) -> int:
    return next(c.id for c in customers if c.name == item["customer"]["name"])


def test_settings_files_are_valid(world: Path) -> None:
    strategies = set()
    for path in sorted(world.glob("settings-*.json")):
        settings = MappingSettings.model_validate_json(path.read_text(encoding="utf-8"))
        strategies.add(settings.strategy.value)
        assert settings.tenant == "acme" and settings.source_system == "sap-erp"
    assert len(strategies) == 5


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    outputs = []
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        assert main(["--customers", "150", "--items", "60", "--seed", str(seed),
                     "--out", str(tmp_path / name), "--quiet"]) == 0  # fmt: skip
        outputs.append({p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir())})
    assert outputs[0] == outputs[1]
    assert outputs[0]["reference.jsonl"] != outputs[2]["reference.jsonl"]


def test_city_table_is_plausible() -> None:
    assert len(CITIES) >= 150
    assert len(CITY_BY_NAME) == len(CITIES)
    for city in CITIES:
        assert 47.2 < city.latitude < 55.1 and 5.8 < city.longitude < 15.1, city.name
        assert 1000 <= city.postal_low <= city.postal_high <= 99999, city.name
