from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sandbox.harness import Sandbox, reset_sandbox, running_sandbox


@pytest.fixture(scope="module")
def shared_sandbox() -> Iterator[Sandbox]:
    """One server per test module (started and stopped with it)."""
    with running_sandbox() as running:
        yield running


@pytest.fixture
def sandbox(shared_sandbox: Sandbox) -> Iterator[Sandbox]:
    """The module's server with fresh demo data and no faults."""
    with reset_sandbox(shared_sandbox) as fresh:
        yield fresh
