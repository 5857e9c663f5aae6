"""A sandbox server per test module, fresh for each test: fixtures imported by the
conftest of the sync tests and by the window tests that sync."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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
