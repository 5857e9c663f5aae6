"""A sandbox for the sync and profile tests: the harness's keys plus a read-only key and a
key without the health scope; stores and profiles pointing at it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import MetaData, select
from sqlalchemy.engine import Engine

from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.sandbox.faults import FaultInjector
from ordinavo_desk.sandbox.key_registry import KeyGrant, KeyRegistry
from ordinavo_desk.sandbox.sandbox_service import SandboxService
from ordinavo_desk.sandbox.server import SandboxServer
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.store.database import Store
from tests.sandbox.harness import (
    SETTINGS,
    SOURCE,
    RecordingSleep,
    Sandbox,
    fresh_store,
    grants_for_tests,
)

READONLY_KEY = "fio_test_readonly_0005"
NOHEALTH_KEY = "fio_test_nohealth_0006"

AMBIGUOUS: dict[str, Any] = {
    "title": "Oven service",
    "customer": {"name": "Bäckerei Müller"},
    "location": {"street": "Marktplatz 4", "postalCode": "50667", "city": "Köln"},
}
GLOBEX_AMBIGUOUS: dict[str, Any] = {
    "title": "Dock check",
    "customer": {"name": "Globex Logistik"},
    "location": {"street": "Dock Road 9", "postalCode": "10115", "city": "Berlin"},
}
MAPPED: dict[str, Any] = {
    "externalId": "JOB-REF",
    "customer": {"externalId": "CUST-10042"},
    "location": {"externalId": "LOC-ESSEN-01"},
}


def grants() -> list[KeyGrant]:
    return [
        *grants_for_tests(),
        KeyGrant.create(name="readonly", key=READONLY_KEY, tenant="acme", source_system=SOURCE,
                        scopes=["integration.health.read", "customers.read", "import_jobs.read"],
                        settings=SETTINGS),
        KeyGrant.create(name="nohealth", key=NOHEALTH_KEY, tenant="acme", source_system=SOURCE,
                        scopes=["customers.map", "customers.read"], settings=SETTINGS),
    ]  # fmt: skip


@contextmanager
def sync_sandbox() -> Iterator[Sandbox]:
    """A sandbox on loopback with fresh demo data and the keys above."""
    service = SandboxService(fresh_store(), KeyRegistry(grants()), faults=FaultInjector())
    server = SandboxServer(service)
    try:
        with server, httpx.Client() as http:
            yield Sandbox(server, service, RecordingSleep(), http)
    finally:
        service.store.dispose()


def ambiguous_items(sandbox: Sandbox, key: str, prefix: str, count: int) -> None:
    """``count`` items that wait for a person (two look-alike customers)."""
    body = GLOBEX_AMBIGUOUS if prefix.startswith("GX") else AMBIGUOUS
    targets = [{**body, "externalId": f"{prefix}-{n}"} for n in range(count)]
    sandbox.client(key).import_batch(targets)


def profile_for(
    store: Store, sandbox: Sandbox, name: str = "acme", tenant: str = "acme"
) -> Profile:
    source = SOURCE if tenant == "acme" else "crm"
    profile = Profile(
        name=name,
        settings=MappingSettings.model_validate({**SETTINGS, "tenant": tenant,
                                                 "sourceSystem": source}),
        base_url=sandbox.base_url,
    )  # fmt: skip
    ProfileService(store).save(profile)
    return profile


def every_row_as_text(engine: Engine) -> str:
    """Every value of every table of the store, as one text (to search it for secrets)."""
    metadata = MetaData()
    metadata.reflect(engine)
    parts: list[str] = []
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table)):
                parts.append(repr(tuple(row)))
    return "\n".join(parts)
