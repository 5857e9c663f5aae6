"""Fixtures of the sync tests: a sandbox server per test module, fresh for each test, and
an empty store of each kind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ordinavo_desk.store.database import Store
from tests.sandbox.harness import Sandbox, reset_sandbox
from tests.services.sync_harness import sync_sandbox


@pytest.fixture(scope="module")
def shared() -> Iterator[Sandbox]:
    with sync_sandbox() as running:
        yield running


@pytest.fixture
def sandbox(shared: Sandbox) -> Iterator[Sandbox]:
    """The module's server with fresh demo data and no faults."""
    with reset_sandbox(shared) as fresh:
        yield fresh


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store(db_url)
    try:
        yield opened
    finally:
        opened.dispose()
