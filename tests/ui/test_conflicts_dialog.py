"""The conflicts dialog on real conflicts (a store pulled from the sandbox on 127.0.0.1,
items decided here and differently on the server first): both sides shown row by row,
resolved both ways from the keyboard, the result checked on the server after a push."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.conflict_service import ConflictService
from ordinavo_desk.store.database import Store
from ordinavo_desk.ui.review.conflicts_dialog import ConflictsDialog
from tests.sandbox.harness import Sandbox
from tests.services.conflict_harness import push, with_conflicts
from tests.services.test_sync_push import _outbox, _server_decisions, _server_items
from tests.ui.conftest import wait_for

#: Where the screenshot goes: docs/screenshots/ when scripts/screenshots.py runs the test.
SCREENSHOT = (
    Path(os.environ.get("ORDINAVO_DESK_SCREENSHOTS", tempfile.gettempdir())) / "conflict.png"
)


def _dialog(qtbot: QtBot, store: Store, profile: Profile) -> ConflictsDialog:
    dialog = ConflictsDialog(profile, ConflictService(store, author="carla"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.reload()
    wait_for(lambda: dialog.list.count() > 0 and not dialog.busy)
    return dialog


def _cells(dialog: ConflictsDialog, row: str) -> tuple[str, str]:
    local, server = dialog.rows[row]
    return local.text(), server.text()


def test_both_sides_are_shown_and_resolved_from_the_keyboard(
    qtbot: QtBot, store: Store, sandbox: Sandbox
) -> None:
    profile = with_conflicts(store, sandbox)
    dialog = _dialog(qtbot, store, profile)
    resolved: list[None] = []
    dialog.resolved.connect(lambda: resolved.append(None))
    assert dialog.list.count() == 2
    assert dialog.list.hasFocus() or dialog.list.currentRow() == 0

    # AMB-0: deferred on the server meanwhile; can be decided again
    assert dialog.list.currentRow() == 0
    assert dialog.title.text() == "AMB-0 · Oven service"
    assert "HTTP 412" in dialog.problem.text() and "version 2" in dialog.problem.text()
    assert _cells(dialog, "state") == ("Choose", "Deferred · Warning")
    local_customer, server_customer = _cells(dialog, "customer")
    assert local_customer.endswith("(#14)") and server_customer == "—"
    assert dialog.rows["customer"][0].font().bold()  # the sides differ
    assert _cells(dialog, "corrections") == ("location.street: Marktplatz 4a", "—")
    assert _cells(dialog, "author") == ("anna", "bob (Defer)")
    assert _cells(dialog, "version") == ("made on version 1", "version 2")
    assert dialog.decide_again_button.isEnabled() and not dialog.note.isVisible()
    dialog.resize(1000, 560)
    wait_for(lambda: True)
    assert dialog.grab().save(str(SCREENSHOT))

    # arrows move through the list: AMB-1 was decided otherwise on the server
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    assert dialog.title.text().startswith("AMB-1")
    assert _cells(dialog, "state") == ("Choose", "Decided · Mapped")
    assert _cells(dialog, "customer")[1].endswith("(#15)")
    assert _cells(dialog, "author") == ("anna", "bob (Choose)")
    assert not dialog.decide_again_button.isEnabled() and dialog.note.isVisible()
    assert "decided on the server" in dialog.note.text()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.list.count() == 2 and not dialog.busy  # not offered: only said why
    assert dialog.status.text() == dialog.note.text()

    # Enter keeps the server's state
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    wait_for(lambda: dialog.list.count() == 1 and not dialog.busy)
    assert "AMB-1: the server's state is kept" in dialog.status.text()
    assert dialog.title.text().startswith("AMB-0")  # the next one is selected

    # Ctrl+Enter decides again on the server's version
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for(lambda: dialog.list.count() == 0 and not dialog.busy)
    assert "AMB-0: Choose decided again on the server's version 2" in dialog.status.text()
    assert dialog.empty.isVisible() and not dialog.detail.isVisible()
    assert not dialog.take_server_button.isEnabled()
    assert len(resolved) == 2

    # what the server has after the next push
    assert [row.state for row in _outbox(store)] == ["superseded", "superseded", "sent",
                                                     "pending"]  # fmt: skip
    assert push(store, sandbox, profile) == (1, 0)
    server = _server_items(sandbox)
    assert (server["AMB-0"].review_state, server["AMB-0"].customer_id) == ("Decided", 14)
    assert (server["AMB-1"].review_state, server["AMB-1"].customer_id) == ("Decided", 15)
    decisions = _server_decisions(sandbox)
    assert decisions["AMB-0"] == ["Defer", "Choose"] and decisions["AMB-1"] == ["Choose"]


def test_a_failed_resolution_is_said_and_the_list_read_again(
    qtbot: QtBot, store: Store, sandbox: Sandbox
) -> None:
    profile = with_conflicts(store, sandbox)
    dialog = _dialog(qtbot, store, profile)
    # resolved elsewhere meanwhile (another desk on a shared store, or the command line)
    shown = dialog.current()
    assert shown is not None
    ConflictService(store).take_server(profile, shown.decision_id)
    dialog.take_server_button.click()
    wait_for(lambda: "could not be resolved" in dialog.status.text() and not dialog.busy)
    assert "not in conflict" in dialog.status.text()
    assert dialog.list.count() == 1
