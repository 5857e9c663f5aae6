"""Fixtures of the sync tests: a sandbox server per test module, fresh for each test, and
an empty store of each kind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ordinavo_desk.store.database import Store
from tests.services.sandbox_fixtures import sandbox, shared

__all__ = ["sandbox", "shared"]


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store(db_url)
    try:
        yield opened
    finally:
        opened.dispose()
