"""Items of references only are linked without the general run, with the same outcome.

The engine maps generated data and the demo world twice under every profile (with and
without ``customers.read``): once as it does, once with the shortcut switched off, and
requires identical outcomes for every item: the whole result (status, links, warnings,
candidates with their reasons, explanation), what it changes, what it links. The cases
the shortcut must leave to the general run are checked one by one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.datagen.world import generate
from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.reference import Customer
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.matching import engine as engine_module
from ordinavo_desk.matching.engine import ItemOutcome, MappingEngine
from ordinavo_desk.matching.index import ReferenceIndex
from ordinavo_desk.matching.policy import DEFAULT_POLICY
from ordinavo_desk.matching.reference_only import map_reference_only
from tests.matching.builders import index_of, item, settings, standard_customers
from tests.matching.worlds import demo_settings, demo_world, generated_world


def _map_all(
    customers: list[Customer], items: list[InboundTarget], settings: MappingSettings
) -> list[ItemOutcome]:
    engine = MappingEngine(ReferenceIndex.from_reference(customers, settings.tenant))
    return [engine.map_and_apply(target, settings) for target in items]


def _both_ways(
    monkeypatch: pytest.MonkeyPatch,
    customers: list[Customer],
    items: list[InboundTarget],
    settings: MappingSettings,
) -> int:
    """Map both ways, require the same outcomes; return how many took the shortcut."""
    taken = 0

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal taken
        found = map_reference_only(*args, **kwargs)
        taken += found is not None
        return found

    with monkeypatch.context() as patched:
        patched.setattr(engine_module, "map_reference_only", counted)
        fast = _map_all(customers, items, settings)
    with monkeypatch.context() as patched:
        patched.setattr(engine_module, "map_reference_only", lambda *_a, **_k: None)
        full = _map_all(customers, items, settings)
    for a, b in zip(fast, full, strict=True):
        assert a.result == b.result, a.result.item_external_id
        assert a.changes == b.changes, a.result.item_external_id
        assert a.links == b.links, a.result.item_external_id
    return taken


def _variants(raw: dict[str, Any]) -> list[MappingSettings]:
    without_read = [s for s in raw.get("scopes", []) if s != "customers.read"]
    return [
        MappingSettings.model_validate(raw),
        MappingSettings.model_validate({**raw, "scopes": without_read}),
    ]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate(out, customers=800, items=600, seed=11)
    return out


@pytest.mark.parametrize(
    "profile",
    [
        "external-id-then-name-and-address",
        "external-id-first",
        "external-id-then-customer-number",
        "external-id-only",
    ],
)
def test_generated_data_maps_the_same_both_ways(
    generated: Path, profile: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = json.loads((generated / f"settings-{profile}.json").read_text("utf-8"))
    customers, items = generated_world(generated)
    for variant in _variants(raw):
        taken = _both_ways(monkeypatch, customers, items, variant)
        assert taken >= 15, taken  # the comparison covers the shortcut, not only the rest


@pytest.mark.parametrize(
    "profile", ["name-and-address", "external-id-first", "external-id-only", "auto-update"]
)
def test_demo_world_maps_the_same_both_ways(profile: str, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = demo_settings(profile)
    customers, items = demo_world()
    for variant in _variants(raw):
        _both_ways(monkeypatch, customers, items, variant)


# -- what the shortcut takes and what it leaves to the general run ---------------------------

INDEX = index_of(*standard_customers())


def _shortcut(**dtos: Any) -> Any:
    return map_reference_only(INDEX, item(**dtos), settings(), DEFAULT_POLICY, detailed=True)


def test_references_of_one_active_customer_take_the_shortcut() -> None:
    found = _shortcut(
        customer={"externalId": "CUST-10042"},
        location={"externalId": "LOC-ESSEN-01"},
        contact={"externalId": "CONT-44"},
    )
    assert found is not None
    result, links = found
    assert (links.customer_id, links.location_id, links.contact_id) == (12, 34, 56)
    assert result.status == "Mapped" and result.warnings == ()
    assert [(c.customer_id, c.customer_location_id, c.score) for c in result.candidates] == [
        (12, 34, 1.0)
    ]


def test_the_owner_of_a_referenced_location_takes_the_shortcut() -> None:
    found = _shortcut(location={"externalId": "LOC-DUS-01"}, contact={"externalId": "CONT-45"})
    assert found is not None
    result, links = found
    assert (links.customer_id, links.location_id, links.contact_id) == (12, 35, 57)
    assert result.explanation[0] == (
        "no customer in the item: customer 12 owns the referenced location"
    )
    (candidate,) = result.candidates
    assert (candidate.customer_id, candidate.customer_location_id) == (12, 35)
    assert [r.field for r in candidate.reasons] == ["location.externalId"]


@pytest.mark.parametrize(
    "dtos",
    [
        # more than a reference
        {"customer": {"externalId": "CUST-10042", "name": "Rhein-Ruhr Medical"}},
        {"customer": {"externalId": "CUST-10042", "customerNumber": "RRM-001"}},
        {"customer": {"externalId": "CUST-10042"}, "location": {"externalId": "LOC-ESSEN-01", "city": "Essen"}},
        {"customer": {"externalId": "CUST-10042"}, "contact": {"externalId": "CONT-44", "email": "a@b.de"}},
        {"customer": {"externalId": "CUST-10042"}, "address": {"postalCode": "45127"}},
        # no customer and no location reference, or a reference that does not resolve
        {"contact": {"externalId": "CONT-44"}},
        {"customer": {"externalId": "CUST-UNKNOWN"}},
        {"location": {"externalId": "LOC-UNKNOWN"}},
        # a location or a contact of another customer, or one that does not resolve
        {"customer": {"externalId": "CUST-20"}, "location": {"externalId": "LOC-ESSEN-01"}},
        {"customer": {"externalId": "CUST-10042"}, "location": {"externalId": "LOC-UNKNOWN"}},
        {"customer": {"externalId": "CUST-20"}, "contact": {"externalId": "CONT-44"}},
        # a contact at another location than the linked one
        {"customer": {"externalId": "CUST-10042"}, "location": {"externalId": "LOC-DUS-01"}, "contact": {"externalId": "CONT-44"}},
    ],
)  # fmt: skip
def test_anything_else_takes_the_general_run(dtos: dict[str, Any]) -> None:
    assert _shortcut(**dtos) is None


@pytest.mark.parametrize(
    ("dtos", "warnings", "row"),
    [
        ({"customer": {"externalId": "CUST-21"}}, ("CustomerArchivedOrBlocked",), 41),
        ({"customer": {"externalId": "CUST-22"}}, ("CustomerArchivedOrBlocked",), None),
        (
            {"customer": {"externalId": "CUST-20"}, "location": {"externalId": "LOC-HH-40"}},
            ("LocationMissingCoordinates",),
            40,
        ),
        # a contact at a location while none is linked: the customer's lowest location
        ({"customer": {"externalId": "CUST-10042"}, "contact": {"externalId": "CONT-45"}}, (), 34),
    ],
)
def test_what_the_shortcut_warns_of(
    dtos: dict[str, Any], warnings: tuple[str, ...], row: int | None
) -> None:
    found = _shortcut(**dtos)
    assert found is not None
    result, _links = found
    assert result.warnings == warnings
    assert result.status == ("Warning" if warnings else "Mapped")
    assert [c.customer_location_id for c in result.candidates] == [row]


def test_a_floor_of_zero_takes_the_general_run() -> None:
    target = item(customer={"externalId": "CUST-10042"})
    zero_floor = settings(nameAndAddress={"floor": 0.0, "threshold": 0.9, "margin": 0.08})
    assert map_reference_only(INDEX, target, zero_floor, DEFAULT_POLICY, detailed=True) is None
