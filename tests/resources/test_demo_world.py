"""The bundled demo world: valid data, every status and warning, traps that end as intended.

Each settings file of resources/demo/settings is run on its own, as ``match`` would run
it: the items in file order against the demo reference, records created for one item
visible to the items after it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from benchmarks.datagen.cities import CITY_BY_NAME
from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.enums import MappingStatus, WarningCode
from ordinavo_desk.domain.mapping import MappingResult
from ordinavo_desk.domain.reference import ReferenceData
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.matching.index import ReferenceIndex

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
PROFILES = (
    "external-id-first",
    "name-and-address",
    "customer-number",
    "external-id-only",
    "manual-only",
    "auto-update",
    "read-only-scopes",
)


@cache
def reference() -> ReferenceData:
    return ReferenceData.model_validate_json((DEMO / "reference.json").read_text("utf-8"))


@cache
def items() -> tuple[InboundTarget, ...]:
    lines = (DEMO / "items.jsonl").read_text("utf-8").splitlines()
    return tuple(InboundTarget.model_validate_json(line) for line in lines)


@cache
def results(profile: str) -> dict[str, MappingResult]:
    settings = MappingSettings.model_validate_json(
        (DEMO / "settings" / f"{profile}.json").read_text("utf-8")
    )
    engine = MappingEngine(ReferenceIndex.from_reference(reference().customers, "acme"))
    return {o.result.item_external_id: o.result for o in engine.map_items(items(), settings)}


def test_settings_files_are_the_documented_profiles() -> None:
    assert sorted(p.stem for p in (DEMO / "settings").glob("*.json")) == sorted(PROFILES)


def test_reference_is_a_realistic_valid_world() -> None:
    customers = reference().customers
    assert 280 <= len(customers) <= 320
    assert {c.tenant for c in customers} == {"acme", "borealis"}
    ReferenceIndex.from_reference(customers, "acme")  # unique ids and references
    sources = {r.source_system for c in customers for r in c.external_refs}
    assert {"sap-erp", "crm"} <= sources
    sizes = sorted(len(c.locations) for c in customers)
    assert sizes[0] == 1 and sizes[-1] >= 20  # from single shops to chains
    for c in customers:
        for loc in c.locations:
            assert loc.city is not None and loc.postal_code is not None
            city = CITY_BY_NAME[loc.city]
            assert city.fits(loc.postal_code), (c.id, loc.id, loc.city, loc.postal_code)
            if loc.latitude is not None and loc.longitude is not None:
                assert abs(loc.latitude - city.latitude) < 0.2, (c.id, loc.id)
                assert abs(loc.longitude - city.longitude) < 0.3, (c.id, loc.id)


def test_items_are_for_acme_from_sap_erp_with_truth() -> None:
    targets = items()
    assert 180 <= len(targets) <= 220
    assert all(t.source_system == "sap-erp" for t in targets)
    assert len({t.external_id for t in targets}) == len(targets)
    truth = [json.loads(x) for x in (DEMO / "truth.jsonl").read_text("utf-8").splitlines()]
    assert [t["externalId"] for t in truth] == [t.external_id for t in targets]


def test_the_profiles_together_show_every_status_and_warning() -> None:
    statuses = {r.status for p in PROFILES for r in results(p).values()}
    warnings = {w for p in PROFILES for r in results(p).values() for w in r.warnings}
    assert statuses == set(MappingStatus)
    assert warnings == {w.value for w in WarningCode}


# (profile, item, status, customer, location, warnings): what each trap must show.
TRAPS = [
    ("external-id-first", "JOB-2026-000001", "Mapped", 1, 1, ()),
    ("external-id-first", "JOB-2026-000002", "Warning", 1, 1, ("ContactLocationMismatch",)),
    ("external-id-first", "JOB-2026-000003", "Warning", 1, 1,
     ("TargetAddressDiffersFromCustomerLocation",)),
    ("auto-update", "JOB-2026-000003", "Updated", 1, 1, ()),
    ("external-id-first", "JOB-2026-000004", "Created", 1, None, ()),
    ("external-id-only", "JOB-2026-000004", "Warning", 1, None, ("LocationAutoCreateDisabled",)),
    ("external-id-only", "JOB-2026-000005", "Warning", 1, 1, ("ContactAutoCreateDisabled",)),
    ("external-id-first", "JOB-2026-000006", "Warning", 2, 4, ("LocationMissingCoordinates",)),
    ("external-id-first", "JOB-2026-000007", "Warning", 3, 5, ("CustomerArchivedOrBlocked",)),
    ("external-id-first", "JOB-2026-000008", "Warning", 4, None, ("CustomerArchivedOrBlocked",)),
    ("customer-number", "JOB-2026-000009", "Warning", None, None, ("AmbiguousCustomerNumber",)),
    ("name-and-address", "JOB-2026-000009", "Mapped", 5, 7, ()),
    ("name-and-address", "JOB-2026-000010", "Mapped", 8, 10, ()),
    ("external-id-first", "JOB-2026-000010", "Mapped", 8, 10, ()),
    ("name-and-address", "JOB-2026-000011", "Warning", None, None, ("AmbiguousNameAndAddress",)),
    ("name-and-address", "JOB-2026-000012", "Warning", None, None, ("AmbiguousNameAndAddress",)),
    ("external-id-first", "JOB-2026-000013", "Mapped", 9, 18, ()),
    ("external-id-first", "JOB-2026-000014", "Failed", None, None, ("LocationCustomerMismatch",)),
    ("external-id-first", "JOB-2026-000015", "Failed", None, None, ("ContactCustomerMismatch",)),
    ("external-id-first", "JOB-2026-000016", "Failed", None, None,
     ("CustomerAutoCreateDisabled",)),
    ("external-id-first", "JOB-2026-000017", "Mapped", 1, None, ()),
    ("external-id-first", "JOB-2026-000018", "Warning", None, None, ("AmbiguousNameAndAddress",)),
    ("external-id-first", "JOB-2026-000019", "Failed", None, None,
     ("CustomerAutoCreateDisabled",)),
    ("name-and-address", "JOB-2026-000019", "Created", None, None, ()),
    ("name-and-address", "JOB-2026-000021", "Failed", None, None, ()),
    ("name-and-address", "JOB-2026-000022", "Warning", None, None, ("AmbiguousCustomerNumber",)),
    ("external-id-first", "JOB-2026-000023", "NotApplicable", None, None, ()),
    ("external-id-first", "JOB-2026-000024", "NotApplicable", None, None, ()),
    ("auto-update", "JOB-2026-000025", "Updated", 12, 42, ()),
    ("external-id-first", "JOB-2026-000025", "Mapped", 12, 42, ()),
    ("name-and-address", "JOB-2026-000026", "Mapped", 13, 43, ()),
    ("name-and-address", "JOB-2026-000027", "Mapped", 14, 44, ()),
    ("name-and-address", "JOB-2026-000028", "Warning", None, None, ("AmbiguousNameAndAddress",)),
    ("external-id-first", "JOB-2026-000029", "Failed", None, None, ()),
    ("external-id-first", "JOB-2026-000030", "Mapped", 1, 2, ()),
    ("customer-number", "JOB-2026-000031", "Mapped", 1, None, ()),
    ("manual-only", "JOB-2026-000001", "Skipped", None, None, ()),
    ("read-only-scopes", "JOB-2026-000001", "Skipped", None, None, ()),
]  # fmt: skip


@pytest.mark.parametrize(("profile", "item", "status", "customer", "location", "warnings"), TRAPS)
def test_trap_items_end_as_intended(
    profile: str,
    item: str,
    status: str,
    customer: int | None,
    location: int | None,
    warnings: tuple[str, ...],
) -> None:
    result = results(profile)[item]
    assert result.status == status
    assert tuple(result.warnings) == warnings
    if customer is not None or status in ("Warning", "Failed", "Skipped"):
        assert result.customer_id == customer
    if location is not None:
        assert result.customer_location_id == location


def test_an_id_known_only_in_the_other_tenant_never_links() -> None:
    borealis = {c.id for c in reference().customers if c.tenant == "borealis"}
    for profile in PROFILES:
        for item in ("JOB-2026-000016", "JOB-2026-000017"):
            assert results(profile)[item].customer_id not in borealis
    created = results("name-and-address")["JOB-2026-000016"]
    assert created.status == "Created"
    assert created.customer_id is not None and created.customer_id > 300


def test_a_created_customer_is_seen_by_the_next_item() -> None:
    first = results("name-and-address")["JOB-2026-000019"]
    again = results("name-and-address")["JOB-2026-000020"]
    assert first.status == "Created" and again.status == "Mapped"
    assert again.customer_id == first.customer_id


def test_no_linked_customer_contradicts_the_truth_under_name_and_address() -> None:
    truth = {
        t["externalId"]: t
        for t in map(json.loads, (DEMO / "truth.jsonl").read_text("utf-8").splitlines())
    }
    for item_id, result in results("name-and-address").items():
        expected = truth[item_id]["customerId"]
        if result.customer_id is None or expected == "new":
            continue
        assert result.customer_id == expected, item_id
