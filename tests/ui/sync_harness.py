"""What the sync bar and conflicts dialog tests share: a sandbox on 127.0.0.1 per module
(fresh data per test), a SQLite store, and the services over it with an in-memory
keyring holding the profile's key."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ordinavo_desk.connect.keys import ApiKeyStore
from ordinavo_desk.services.conflict_service import ConflictService
from ordinavo_desk.services.connection import ClientFactory, open_client
from ordinavo_desk.services.connection_state import ConnectionStateService
from ordinavo_desk.services.sync_run import SyncRunner
from ordinavo_desk.store.database import Store
from tests.services.conflict_harness import keys_for


@dataclass(frozen=True)
class Services:
    runner: SyncRunner
    connection: ConnectionStateService
    conflicts: ConflictService


def services(
    store: Store,
    keys: ApiKeyStore | None = None,
    client_factory: ClientFactory = open_client,
) -> Services:
    keys = keys or keys_for("acme")
    return Services(
        SyncRunner(store, keys=keys, client_factory=client_factory),
        ConnectionStateService(store, keys=keys),
        ConflictService(store, author="carla"),
    )


@contextmanager
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{tmp_path / 'desk.sqlite'}")
    try:
        yield store
    finally:
        store.dispose()


class Ticker:
    """Counts the timer ticks the UI thread gets to, to show it never waits for work."""

    def __init__(self) -> None:
        self.ticks = 0

    def __call__(self) -> None:
        self.ticks += 1
