"""The demo store: a store of its own, created from the bundled demo world on first use.

The demo world (``resources/demo/``) brings reference data, import items and one mapping
settings file per demo profile. The store is built in a temporary file that replaces the
demo store only when complete, so an interrupted build never leaves half a demo behind.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ordinavo_desk.domain.errors import StoreError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.resources import resource_path
from ordinavo_desk.services.payload_files import read_settings_document, settings_from
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.store.database import Store, data_dir

#: The demo profile that is current after a build: it shows candidates and warnings.
DEMO_CURRENT_PROFILE = "name-and-address"
DEMO_TENANT = "acme"


@dataclass(frozen=True, slots=True)
class DemoWorld:
    reference: Path
    items: Path
    settings: tuple[Path, ...]


def demo_world() -> DemoWorld:
    reference = resource_path("demo", "reference.json")
    items = resource_path("demo", "items.jsonl")
    if reference is None or items is None:
        raise StoreError("the demo world (resources/demo) is not part of this installation")
    settings = tuple(sorted((reference.parent / "settings").glob("*.json")))
    return DemoWorld(reference=reference, items=items, settings=settings)


def demo_store_path() -> Path:
    return data_dir() / "demo.sqlite"


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def build_demo_store(path: Path, world: DemoWorld) -> None:
    """Create the demo store at ``path`` from ``world`` (replacing what was there)."""
    # the importer (and the matching engine with it) loads only when a store is built
    from ordinavo_desk.services.import_service import ImportService  # noqa: PLC0415

    partial = path.with_name(path.name + ".partial")
    _remove_database(partial)
    store = Store(_sqlite_url(partial))
    try:
        profiles = ProfileService(store)
        for settings_file in world.settings:
            settings = settings_from(read_settings_document(settings_file), file=str(settings_file))
            profiles.save(Profile(name=settings_file.stem, settings=settings))
        current = profiles.use(DEMO_CURRENT_PROFILE)
        service = ImportService(store)
        service.load_reference(world.reference, DEMO_TENANT)
        service.import_file(world.items, current)
    finally:
        store.dispose()
    _remove_database(path)
    os.replace(partial, path)


def open_demo_store(*, reset: bool = False) -> Store:
    """The demo store, built from the demo world when missing or when ``reset``."""
    path = demo_store_path()
    if reset or not path.exists():
        build_demo_store(path, demo_world())
    return Store(_sqlite_url(path))
