"""A review window on a real SQLite store with the demo world's reference data and a few
items whose outcome is known (see tests/services/review_harness.py), driven by keys."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.demo_service import demo_world
from ordinavo_desk.services.desk_services import open_services
from ordinavo_desk.services.import_service import ImportService
from ordinavo_desk.store.database import Store
from ordinavo_desk.ui.context import DeskContext
from ordinavo_desk.ui.main_window import MainWindow
from ordinavo_desk.ui.review.review_workspace import ReviewWorkspace
from tests.services.review_harness import AMBIGUOUS, MAPPED, UNKNOWN, import_items, local_profile
from tests.ui.conftest import wait_for

#: Same customer external ID as JOB-AMB: offered as a related item after JOB-AMB.
AMBIGUOUS_AGAIN: dict[str, Any] = {**AMBIGUOUS, "externalId": "JOB-AMB-2", "title": "again"}
#: Nobody the tenant knows, to be chosen by searching.
SEARCHED: dict[str, Any] = {
    "externalId": "JOB-SEARCH",
    "customer": {"name": "Zahnlabor Berger", "externalId": "ERP-BERGER"},
    "location": {"street": "Unbekannt 1", "postalCode": "14467", "city": "Potsdam"},
}
#: Linked by external ID like JOB-MAPPED (a confident top candidate, one warning).
MAPPED_AGAIN: dict[str, Any] = {**MAPPED, "externalId": "JOB-MAPPED-2"}

ITEMS = (AMBIGUOUS, UNKNOWN, MAPPED, AMBIGUOUS_AGAIN, SEARCHED, MAPPED_AGAIN)


@contextmanager
def review_context(tmp: Path) -> Iterator[DeskContext]:
    store = Store(f"sqlite:///{tmp / 'desk.sqlite'}")
    try:
        profile: Profile = local_profile(store)
        ImportService(store).load_reference(demo_world().reference, "acme")
        import_items(store, profile, tmp, *ITEMS)
        yield DeskContext(profile, open_services(store))
    finally:
        store.dispose()


def open_window(qtbot: QtBot, context: DeskContext) -> MainWindow:
    window = MainWindow(context=context)
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    wait_for(window.isActiveWindow)
    workspace = window.workspace
    assert workspace is not None
    wait_for(lambda: workspace.views_shown > 0 and workspace.view is not None)
    return window


def press(
    key: Qt.Key | str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key as the reviewer types it: to whatever has the keyboard."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "nothing has the keyboard"
    if isinstance(key, str):
        QTest.keyClick(target, key, modifier)
    else:
        QTest.keyClick(target, key, modifier)
    QApplication.processEvents()


def type_text(text: str) -> None:
    """Type ``text`` into what has the keyboard (umlauts too, which QTest.keyClicks
    cannot send)."""
    target = QApplication.focusWidget()
    assert target is not None
    for char in text:
        key = Qt.Key(ord(char.upper())) if char.isascii() and char.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            )
    QApplication.processEvents()


def settle(workspace: ReviewWorkspace, shown_before: int) -> None:
    """Wait until the decision went through and the next item is on screen."""
    wait_for(lambda: not workspace._busy and workspace.views_shown > shown_before)
    workspace.background.wait()
    wait_for(lambda: workspace.background.pending == 0)


def dialog(workspace: ReviewWorkspace, name: str) -> QWidget:
    wait_for(lambda: workspace.dialog is not None and workspace.dialog.objectName() == name)
    found = workspace.dialog
    assert found is not None
    wait_for(found.isVisible)
    return found
