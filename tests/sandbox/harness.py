"""A sandbox server on 127.0.0.1 for tests, and clients that talk to it over a socket."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx

from ordinavo_desk.connect.client import ClientSettings, ConnectClient
from ordinavo_desk.connect.retry import Retrier, RetryPolicy
from ordinavo_desk.domain.enums import Scope
from ordinavo_desk.sandbox.api_errors import ErrorFormat
from ordinavo_desk.sandbox.faults import FaultInjector
from ordinavo_desk.sandbox.key_registry import KeyGrant, KeyRegistry, RateLimitSpec
from ordinavo_desk.sandbox.sandbox_service import SandboxOptions, SandboxService
from ordinavo_desk.sandbox.sandbox_store import SandboxStore
from ordinavo_desk.sandbox.seed import DEMO_TENANT, demo_reference
from ordinavo_desk.sandbox.server import SandboxServer

FULL_KEY = "fio_test_full_0001"
MAPPER_KEY = "fio_test_mapper_0002"
GLOBEX_KEY = "fio_test_globex_0003"
LIMITED_KEY = "fio_test_limited_0004"
SOURCE = "sap-erp"
SETTINGS = {
    "strategy": "ExternalIdThenNameAndAddress",
    "autoCreate": {"customer": False, "location": True, "contact": True},
}


def grants_for_tests() -> list[KeyGrant]:
    every = list(Scope)
    return [
        KeyGrant.create(name="full", key=FULL_KEY, tenant="acme", source_system=SOURCE,
                        scopes=every, settings=SETTINGS),
        KeyGrant.create(name="mapper", key=MAPPER_KEY, tenant="acme", source_system=SOURCE,
                        scopes=["integration.health.read", "targets.write", "import_jobs.read",
                                "customers.map"],
                        settings=SETTINGS),
        KeyGrant.create(name="globex", key=GLOBEX_KEY, tenant="globex", source_system="crm",
                        scopes=every, settings=SETTINGS),
        KeyGrant.create(name="limited", key=LIMITED_KEY, tenant="acme", source_system=SOURCE,
                        scopes=every, settings=SETTINGS,
                        rate_limit=RateLimitSpec(limit=2, window_seconds=60)),
    ]  # fmt: skip


@dataclass
class RecordingSleep:
    """Records the waits instead of sleeping."""

    delays: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@dataclass
class Sandbox:
    server: SandboxServer
    service: SandboxService
    sleep: RecordingSleep
    http: httpx.Client

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def client(self, key: str = FULL_KEY, **policy: float) -> ConnectClient:
        retry = RetryPolicy(**policy)  # type: ignore[arg-type]
        settings = ClientSettings(base_url=self.base_url, retry=retry, read_timeout=5.0)
        retrier = Retrier(retry, sleep=self.sleep, rand=lambda: 0.0)
        return ConnectClient(self.http, key, settings, retrier=retrier)

    def faults(self, spec: str) -> None:
        self.service.faults.configure(spec)


def fresh_store() -> SandboxStore:
    store = SandboxStore(None)
    store.seed(demo_reference(), DEMO_TENANT)
    return store


@contextmanager
def running_sandbox(
    *,
    review_extension: bool = True,
    error_format: ErrorFormat = ErrorFormat.ENVELOPE,
    extra_grants: Sequence[KeyGrant] = (),
) -> Iterator[Sandbox]:
    """A server with fresh demo data; ``reset_sandbox`` gives the next test a fresh start.
    ``extra_grants`` are keys beside those of ``grants_for_tests``."""
    service = SandboxService(
        fresh_store(),
        KeyRegistry([*grants_for_tests(), *extra_grants]),
        faults=FaultInjector(),
        options=SandboxOptions(review_extension=review_extension, error_format=error_format),
    )
    server = SandboxServer(service)
    try:
        with server, httpx.Client() as http:
            yield Sandbox(server, service, RecordingSleep(), http)
    finally:
        service.store.dispose()


@contextmanager
def reset_sandbox(shared: Sandbox) -> Iterator[Sandbox]:
    """The shared server with fresh data, no faults and an empty sleep record."""
    shared.service.reset(fresh_store()).dispose()
    shared.sleep.delays.clear()
    try:
        yield shared
    finally:
        shared.service.faults.configure(None)
