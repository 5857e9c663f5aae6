"""Mapping at import and on remap: results stored per version, created records persisted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ordinavo_desk.domain.enums import ExternalType, MappingStatus, Strategy
from ordinavo_desk.domain.profile import Profile, default_profile
from ordinavo_desk.domain.settings import AutoCreate
from ordinavo_desk.services.import_service import ImportService
from ordinavo_desk.services.mapping_service import MappingService
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.item_repository import ImportItemRepository
from ordinavo_desk.store.reference_repository import ReferenceRepository

REFERENCE = {
    "customers": [
        {
            "id": 12,
            "customerNumber": "RRM-001",
            "name": "Rhein-Ruhr Medical Supply GmbH",
            "externalRefs": [{"sourceSystem": "sap-erp", "externalId": "CUST-10042"}],
            "locations": [
                {
                    "id": 34,
                    "street": "Hachestrasse 12",
                    "postalCode": "45127",
                    "city": "Essen",
                    "latitude": 51.451,
                    "longitude": 7.012,
                }
            ],
        }
    ]
}


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    store = Store(db_url)
    ProfileService(store).ensure_default()
    path = tmp_path / "ref.json"
    path.write_text(json.dumps(REFERENCE), encoding="utf-8")
    ImportService(store).load_reference(path, "acme")
    yield store
    store.dispose()


def _lines(path: Path, *items: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


def _mapping(store: Store, external_id: str):  # type: ignore[no-untyped-def]
    with store.unit_of_work() as session:
        item = ImportItemRepository(session, "acme").find("sap-erp", external_id)
    assert item is not None
    return item


def test_import_maps_items_and_stores_result_with_version(store: Store, tmp_path: Path) -> None:
    path = _lines(
        tmp_path / "i.jsonl",
        {"externalId": "J1", "customer": {"externalId": "CUST-10042"}},
        {"externalId": "J2", "title": "no mapping data"},
    )
    summary = ImportService(store).import_file(path, default_profile())
    assert summary.statuses == {MappingStatus.MAPPED: 1, MappingStatus.NOT_APPLICABLE: 1}
    j1 = _mapping(store, "J1")
    assert j1.mapping_is_current and j1.mapping.customer_id == 12
    assert j1.mapping.candidates[0].customer_id == 12
    # A changed payload is re-mapped for its new version.
    _lines(path, {"externalId": "J1", "customer": {"externalId": "UNKNOWN-1", "name": "Neu"}})
    ImportService(store).import_file(path, default_profile())
    j1 = _mapping(store, "J1")
    assert (j1.version, j1.mapping_version) == (2, 2)
    assert j1.mapping.status is MappingStatus.FAILED
    assert "CustomerAutoCreateDisabled" in j1.mapping.warnings


def test_created_records_are_stored_and_seen_by_later_items(store: Store, tmp_path: Path) -> None:
    base = default_profile()
    profile = Profile(
        name="create",
        settings=base.settings.model_copy(
            update={"auto_create": AutoCreate(customer=True, location=True, contact=True)}
        ),
    )
    new_customer = {"externalId": "NEW-7", "name": "Bäckerei Kamps", "customerNumber": "K-7"}
    path = _lines(
        tmp_path / "i.jsonl",
        {"externalId": "J1", "customer": new_customer,
         "location": {"street": "Kettwiger Str. 1", "postalCode": "45127", "city": "Essen",
                      "latitude": 51.455, "longitude": 7.013}},
        {"externalId": "J2", "customer": {"externalId": "NEW-7"}},
    )  # fmt: skip
    summary = ImportService(store).import_file(path, profile)
    assert summary.statuses.get(MappingStatus.CREATED) == 1
    j1, j2 = _mapping(store, "J1"), _mapping(store, "J2")
    assert j1.mapping.customer_id == 13  # one above the highest customer id
    assert j2.mapping.customer_id == 13 and j2.mapping.status is not MappingStatus.CREATED
    with store.unit_of_work() as session:
        repo = ReferenceRepository(session, "acme")
        assert repo.resolve("sap-erp", ExternalType.CUSTOMER, "NEW-7") == 13
        created = repo.customer(13)
        assert created is not None and created.name == "Bäckerei Kamps"
        assert [loc.postal_code for loc in created.locations] == ["45127"]


def test_remap_reruns_the_profile_rules(store: Store, tmp_path: Path) -> None:
    path = _lines(
        tmp_path / "i.jsonl", {"externalId": "J1", "customer": {"externalId": "CUST-10042"}}
    )
    ImportService(store).import_file(path, default_profile())
    manual = default_profile().settings.model_copy(update={"strategy": Strategy.MANUAL_ONLY})
    summary = MappingService(store).remap(Profile(name="default", settings=manual))
    assert summary.by_status == {MappingStatus.SKIPPED: 1}
    j1 = _mapping(store, "J1")
    assert j1.mapping.status is MappingStatus.SKIPPED and j1.mapping.customer_id is None
    assert j1.mapping.candidates[0].customer_id == 12
