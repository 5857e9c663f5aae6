"""Qt test helpers: every UI test must leave no top-level window behind."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from ordinavo_desk.store.database import Store
from tests.services.sandbox_fixtures import sandbox, shared
from tests.ui.sync_harness import sqlite_store

#: Fixtures of the window tests that sync: a sandbox per module, fresh per test.
__all__ = ["sandbox", "shared"]


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a top-level widget open (register widgets with qtbot)."""
    before = set(qapp.topLevelWidgets())
    yield
    # Widgets closed with deleteLater() or WA_DeleteOnClose go away here.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    leaked = [w for w in qapp.topLevelWidgets() if w not in before and w.isVisible()]
    names = [w.objectName() or type(w).__name__ for w in leaked]
    for widget in leaked:  # close them, so that one leak does not fail the next tests too
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not leaked, f"top-level widgets left open: {names}"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty SQLite store of the test."""
    with sqlite_store(tmp_path) as opened:
        yield opened


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Process events until ``condition()`` holds, sleeping in Python between rounds so
    that worker threads get the interpreter (QTest.qWait may keep it)."""
    deadline = time.monotonic() + timeout
    while True:
        QApplication.processEvents()
        if condition():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(0.01)
