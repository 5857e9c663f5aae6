"""Import items: upsert by external id as new versions, tenant-scoped reads."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.enums import ItemOrigin, MappingStatus
from ordinavo_desk.domain.errors import NotFoundError
from ordinavo_desk.domain.mapping import MappingResult
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.item_repository import ImportItemRepository


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store(db_url)
    yield store
    store.dispose()


def _upsert(store: Store, tenant: str, payload: dict[str, object]):  # type: ignore[no-untyped-def]
    target = InboundTarget.model_validate(payload)
    with store.unit_of_work() as session:
        return ImportItemRepository(session, tenant).upsert(
            "sap", target, payload, origin=ItemOrigin.FILE, origin_detail="f.jsonl:1"
        )


def test_reimport_is_a_new_version_never_a_duplicate(store: Store) -> None:
    first = _upsert(store, "t", {"externalId": "JOB-1", "title": "Service"})
    same = _upsert(store, "t", {"externalId": "JOB-1", "title": "Service"})
    changed = _upsert(store, "t", {"externalId": "JOB-1", "title": "Service, 2nd visit"})
    assert (first.created, first.version) == (True, 1)
    assert (same.created, same.changed, same.version) == (False, False, 1)
    assert (changed.created, changed.changed, changed.version) == (False, True, 2)
    assert first.item_id == same.item_id == changed.item_id
    with store.unit_of_work() as session:
        repo = ImportItemRepository(session, "t")
        assert repo.count() == 1
        item = repo.get(first.item_id)
        assert item.version == 2
        assert item.payload["title"] == "Service, 2nd visit"


def test_items_are_tenant_scoped(store: Store) -> None:
    a = _upsert(store, "a", {"externalId": "JOB-1"})
    b = _upsert(store, "b", {"externalId": "JOB-1"})
    assert a.item_id != b.item_id
    with store.unit_of_work() as session:
        with pytest.raises(NotFoundError):
            ImportItemRepository(session, "a").get(b.item_id)
        assert ImportItemRepository(session, "a").count() == 1


def test_mapping_result_is_stored_with_the_version_it_was_computed_for(store: Store) -> None:
    outcome = _upsert(store, "t", {"externalId": "JOB-1", "customer": {"name": "Acme"}})
    result = MappingResult(
        item_external_id="JOB-1", status=MappingStatus.WARNING, warnings=("SomeServerCode",)
    )
    with store.unit_of_work() as session:
        ImportItemRepository(session, "t").set_mapping(outcome.item_id, 1, result)
    _upsert(store, "t", {"externalId": "JOB-1", "customer": {"name": "Acme GmbH"}})
    with store.unit_of_work() as session:
        item = ImportItemRepository(session, "t").get(outcome.item_id)
    assert item.mapping == result
    assert item.mapping_version == 1 and item.version == 2
    assert not item.mapping_is_current
