"""The sync bar against the sandbox on 127.0.0.1 and a real store: figures and
reachability, a real sync with progress and its summary while the UI thread keeps
running, offline and a refused key said plainly, a profile without a server."""

from __future__ import annotations

import time
from contextlib import AbstractContextManager

from PySide6.QtCore import Qt, QThread, QTimer
from pytestqt.qtbot import QtBot

from ordinavo_desk.connect.client import ConnectClient
from ordinavo_desk.connect.retry import RetryPolicy
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.connection import open_client
from ordinavo_desk.services.sync_run import SyncPhase, SyncProgress, SyncStop
from ordinavo_desk.store.database import Store
from ordinavo_desk.ui.review.sync_bar import SyncBar
from tests.sandbox.harness import Sandbox, running_sandbox
from tests.services.conflict_harness import decide, decide_on_server, keys_for, pulled
from tests.services.review_harness import local_profile
from tests.services.sync_harness import profile_for
from tests.services.test_sync_push import _server_decisions
from tests.ui.conftest import wait_for
from tests.ui.sync_harness import Services, Ticker, services


def one_try(
    url: str, key: str, timeout: float | None, retry: RetryPolicy | None
) -> AbstractContextManager[ConnectClient]:
    return open_client(url, key, 0.5, RetryPolicy(max_attempts=1))


def _bar(qtbot: QtBot, profile: Profile, given: Services) -> SyncBar:
    bar = SyncBar(
        profile, runner=given.runner, connection=given.connection, conflicts=given.conflicts
    )
    qtbot.addWidget(bar)
    bar.resize(1100, bar.sizeHint().height())
    bar.show()
    qtbot.waitExposed(bar)
    wait_for(lambda: bar.figures is not None and bar.probe is not None and not bar.busy)
    return bar


def test_a_sync_shows_progress_and_the_summary_and_never_holds_up_the_window(
    qtbot: QtBot, store: Store, sandbox: Sandbox
) -> None:
    profile = pulled(store, sandbox, 8)
    for n in range(7):
        decide(store, profile, f"AMB-{n}", kind="Choose", customerId=14)
    decide_on_server(sandbox, "AMB-6", kind="Choose", customerId=15)
    bar = _bar(qtbot, profile, services(store))
    assert bar.online.text() == "Online"
    assert bar.pending.text() == "7 to push"
    assert bar.reference_age.text() == "Reference data: just pulled"
    assert not bar.conflicts_button.isVisible()
    assert bar.sync_button.isEnabled() and "Ctrl+S" in bar.sync_button.text()

    steps: list[SyncProgress] = []
    finished: list[object] = []
    threads: set[bool] = set()

    def progressed(step: SyncProgress) -> None:
        steps.append(step)
        threads.add(QThread.currentThread() == bar.thread())

    bar.progressed.connect(progressed)
    bar.sync_finished.connect(finished.append)
    ticker = Ticker()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(ticker)
    timer.start()
    sandbox.faults("latency=100")  # every request takes a while: the sync lasts
    started = time.monotonic()
    qtbot.mouseClick(bar.sync_button, Qt.MouseButton.LeftButton)
    assert time.monotonic() - started < 0.5  # the click only starts the work
    assert bar.running and not bar.sync_button.isEnabled() and bar.progress.isVisible()
    assert bar.cancel_button.isVisible()
    wait_for(lambda: any(s.phase is SyncPhase.PUSH for s in steps))
    assert bar.status.text().startswith("Pushing ")
    ticks = ticker.ticks
    wait_for(lambda: bool(finished), timeout=30)
    seconds = time.monotonic() - started
    timer.stop()
    # the UI thread kept turning while the sync ran (a tick every 10 ms asked for)
    # (a blocked UI thread would get none; a loaded machine still gets one per 100 ms)
    assert seconds > 0.5 and ticker.ticks - ticks >= max(5, seconds * 10)

    assert not bar.running and bar.sync_button.isEnabled() and not bar.progress.isVisible()
    assert threads == {True}  # progress is shown on the UI thread only
    pushes = [s for s in steps if s.phase is SyncPhase.PUSH]
    assert pushes[0] == SyncProgress(SyncPhase.PUSH, 0, 7)
    assert pushes[-1] == SyncProgress(SyncPhase.PUSH, 7, 7)
    assert {SyncPhase.REFERENCE, SyncPhase.ITEMS} <= {s.phase for s in steps}
    assert bar.status.text().startswith("Sent 6 · 1 conflict(s) · 0 rejected · 0 retrying · ")
    assert "item(s) pulled" in bar.status.text()
    assert not bar.error.isVisible()
    wait_for(bar.conflicts_button.isVisible)
    assert bar.conflicts_button.text() == "1 conflict(s)"
    assert bar.pending.text() == "0 to push"
    decided = _server_decisions(sandbox)
    assert decided["AMB-0"] == ["Choose"] and decided["AMB-6"] == ["Choose"]  # bob's
    wait_for(lambda: not bar.busy)


def test_a_running_sync_can_be_cancelled(qtbot: QtBot, store: Store, sandbox: Sandbox) -> None:
    profile = pulled(store, sandbox, 3)
    decide(store, profile, "AMB-0", kind="Confirm")
    bar = _bar(qtbot, profile, services(store))
    sandbox.faults("latency=100")
    steps: list[SyncProgress] = []
    bar.progressed.connect(steps.append)
    qtbot.mouseClick(bar.sync_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: bool(steps))  # the push has started: it is not cut off
    qtbot.mouseClick(bar.cancel_button, Qt.MouseButton.LeftButton)
    assert bar.status.text() == "Stopping at the next safe point…"
    assert not bar.cancel_button.isEnabled()
    wait_for(lambda: bar.outcome is not None and not bar.busy, timeout=30)
    outcome = bar.outcome
    assert outcome is not None and outcome.problem is not None
    assert outcome.problem.stop is SyncStop.CANCELLED
    assert outcome.sent == 1 and outcome.pulled is None  # the push ran to its end
    assert bar.status.text().startswith("Sent 1 · 0 conflict(s)")
    assert bar.error.text().startswith("Cancelled:")
    assert bar.sync_button.isEnabled() and not bar.cancel_button.isVisible()


def test_ctrl_s_syncs_and_the_conflicts_open_from_the_bar(
    qtbot: QtBot, store: Store, sandbox: Sandbox
) -> None:
    profile = pulled(store, sandbox, 2)
    decide(store, profile, "AMB-0", kind="Choose", customerId=14)
    decide_on_server(sandbox, "AMB-0", kind="Defer")
    bar = _bar(qtbot, profile, services(store))
    bar.activateWindow()
    qtbot.waitActive(bar)
    changed: list[None] = []
    bar.data_changed.connect(lambda: changed.append(None))
    qtbot.keyClick(bar, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert bar.running
    wait_for(lambda: bar.outcome is not None and bar.conflicts_button.isVisible(), timeout=30)
    assert changed
    qtbot.mouseClick(bar.conflicts_button, Qt.MouseButton.LeftButton)
    dialog = bar.conflicts_dialog
    assert dialog is not None and dialog.isVisible()
    wait_for(lambda: dialog.list.count() == 1 and not dialog.busy)
    assert dialog.title.text().startswith("AMB-0")
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # keeps the server's state
    wait_for(lambda: dialog.list.count() == 0 and not dialog.busy)
    wait_for(lambda: not bar.conflicts_button.isVisible() and not bar.busy)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_offline_is_shown_and_a_sync_says_so_plainly(
    qtbot: QtBot, store: Store, sandbox: Sandbox
) -> None:
    with running_sandbox() as other:
        profile = profile_for(store, other)
        bar = _bar(qtbot, profile, services(store, client_factory=one_try))
        assert bar.online.text() == "Online"
    # the server is stopped: nobody listens on its port any more
    bar.check_server()
    wait_for(lambda: bar.online.text() == "Offline" and not bar.busy)
    assert bar.online.property("reachability") == "offline"
    assert bar.sync_button.isEnabled()  # it may be back by now: trying is allowed
    qtbot.mouseClick(bar.sync_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: bar.outcome is not None and not bar.busy, timeout=20)
    problem = bar.outcome.problem if bar.outcome else None
    assert problem is not None and problem.stop is SyncStop.UNREACHABLE
    assert bar.error.isVisible()
    assert bar.error.text().startswith(f"Offline: {profile.base_url} cannot be reached.")
    assert "Nothing was lost" in bar.error.text()


def test_a_refused_key_is_said_plainly(qtbot: QtBot, store: Store, sandbox: Sandbox) -> None:
    profile = profile_for(store, sandbox)
    refused = keys_for("acme", key="fio_unknown_key_0000")
    bar = _bar(qtbot, profile, services(store, keys=refused))
    assert bar.online.text() == "Online · key refused"
    qtbot.mouseClick(bar.sync_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: bar.outcome is not None and not bar.busy, timeout=20)
    assert "HTTP 401" in bar.error.text() and "valid key" in bar.error.text()
    assert "unauthorized" in bar.error.toolTip()  # the server's own words behind it
    # no key at all: the sync does not run, and says why
    bar2 = _bar(qtbot, profile, services(store, keys=keys_for()))
    assert bar2.online.text() == "No API key"
    qtbot.mouseClick(bar2.sync_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: bar2.error.isVisible() and not bar2.busy, timeout=20)
    assert "no API key" in bar2.error.text()
    assert bar2.outcome is None


def test_a_profile_without_a_server_cannot_sync(qtbot: QtBot, store: Store) -> None:
    profile = local_profile(store)
    bar = _bar(qtbot, profile, services(store, keys=keys_for("local")))
    assert bar.online.text() == "Local store"
    assert bar.reference_age.text() == "Local store: no server to pull from"
    assert not bar.sync_button.isEnabled() and not bar.sync_action.isEnabled()
    bar.start_sync()
    assert not bar.running
