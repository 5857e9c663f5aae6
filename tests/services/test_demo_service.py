"""The demo store: built from the bundled demo world on first use, kept, reset on demand."""

from __future__ import annotations

import json
from pathlib import Path

from ordinavo_desk.domain.enums import MappingStatus
from ordinavo_desk.resources import resource_path
from ordinavo_desk.services.demo_service import (
    DEMO_CURRENT_PROFILE,
    demo_store_path,
    demo_world,
    open_demo_store,
)
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.store.item_repository import ImportItemRepository
from tests.test_cli import run


def test_demo_store_is_built_from_the_demo_world_and_kept() -> None:
    world = demo_world()
    item_count = sum(1 for line in world.items.read_text(encoding="utf-8").splitlines() if line)
    store = open_demo_store()
    try:
        profiles, current = ProfileService(store).list()
        assert current == DEMO_CURRENT_PROFILE
        assert {p.name for p in profiles} == {path.stem for path in world.settings}
        with store.unit_of_work() as session:
            items = ImportItemRepository(session, "acme").page(limit=10_000)
        assert len(items) == item_count
        assert all(item.mapping_is_current for item in items)
        statuses = {item.mapping_status for item in items}
        assert MappingStatus.WARNING in statuses and MappingStatus.MAPPED in statuses
        # Kept between runs: a change survives reopening.
        with store.unit_of_work() as session:
            ImportItemRepository(session, "acme").set_mapping(
                items[0].id,
                items[0].version,
                items[0].mapping.model_copy(update={"warnings": ("Kept",)}),
            )
    finally:
        store.dispose()
    reopened = open_demo_store()
    try:
        with reopened.unit_of_work() as session:
            assert ImportItemRepository(session, "acme").get(items[0].id).mapping.warnings == (
                "Kept",
            )
    finally:
        reopened.dispose()
    reset = open_demo_store(reset=True)
    try:
        with reset.unit_of_work() as session:
            first = ImportItemRepository(session, "acme").page(limit=1)[0]
        assert first.mapping.warnings != ("Kept",)
    finally:
        reset.dispose()
    assert not Path(f"{demo_store_path()}.partial").exists()


def test_demo_world_files_are_found() -> None:
    reference = resource_path("demo", "reference.json")
    assert reference is not None
    assert len(json.loads(reference.read_text(encoding="utf-8"))["customers"]) >= 300


def test_demo_command_without_window() -> None:
    result = run("demo", "--no-window")
    assert result.returncode == 0, result.stderr
    assert "items, profile 'name-and-address'" in result.stdout
    assert "building the demo store" in result.stderr
    again = run("demo", "--no-window")
    assert "building" not in again.stderr
