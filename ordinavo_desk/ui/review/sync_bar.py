"""The connection and sync strip of the window: whether the profile's server answers, how
old the reference data is, what waits to be pushed, the conflicts (a button that opens
them side by side), and the Sync button (Ctrl+S) with its progress and summary.

Everything that touches the store or the network runs on the strip's own background
pool (a long sync never holds up the window's queue loads); the sync's progress comes
back through a queued signal. The strip only words what the services answer.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.conflict_service import ConflictService
from ordinavo_desk.services.connection_state import (
    ConnectionStateService,
    DeskFigures,
    Probe,
    Reachability,
)
from ordinavo_desk.services.sync_run import (
    SyncOutcome,
    SyncPhase,
    SyncProblem,
    SyncProgress,
    SyncRunner,
    SyncStop,
)
from ordinavo_desk.ui.background import Background
from ordinavo_desk.ui.review.conflicts_dialog import ConflictsDialog

#: Progress steps reach the window at most this often (a push reports every decision).
_PROGRESS_EVERY = 0.05
_DOT_SIZE = 10
_GREEN, _RED, _AMBER, _GREY = "#2e7d32", "#c62828", "#ef6c00", "#9e9e9e"


class _ProgressRelay(QObject):
    """Lives on the UI thread; ``step`` is emitted from the sync's worker thread, so
    its slot runs queued on the UI thread."""

    step = Signal(object)


class SyncBar(QWidget):
    """The strip. ``runner``, ``connection`` and ``conflicts`` are the services over the
    window's store; the strip calls them on its own background pool."""

    #: After each sync that ran (a SyncOutcome), whatever it achieved.
    sync_finished = Signal(object)
    #: The store changed (a sync, or a conflict resolved): the queue should reload.
    data_changed = Signal()
    #: Each progress step of a running sync (a SyncProgress), on the UI thread.
    progressed = Signal(object)

    def __init__(
        self,
        profile: Profile,
        *,
        runner: SyncRunner,
        connection: ConnectionStateService,
        conflicts: ConflictService,
        parent: QWidget | None = None,
        figures_interval_ms: int = 15_000,
        probe_interval_ms: int = 60_000,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncBar")
        self.profile = profile
        self._runner = runner
        self._connection = connection
        self._conflicts = conflicts
        self.background = Background(self, threads=2)
        self._relay = _ProgressRelay(self)
        self._relay.step.connect(self._on_progress)
        self._cancel: threading.Event | None = None
        self._probing = False
        self._counting = False
        self._recount = False
        self.figures: DeskFigures | None = None
        self.probe: Probe | None = None
        self.outcome: SyncOutcome | None = None
        self.conflicts_dialog: ConflictsDialog | None = None

        self.online_dot = QLabel()
        self.online_dot.setObjectName("syncOnlineDot")
        self.online = QLabel(self.tr("Checking the server…"))
        self.online.setObjectName("syncOnline")
        self.reference_age = QLabel()
        self.reference_age.setObjectName("syncReferenceAge")
        self.pending = QLabel()
        self.pending.setObjectName("syncPending")
        self.conflicts_button = QPushButton()
        self.conflicts_button.setObjectName("syncConflicts")
        self.conflicts_button.setFlat(True)
        self.conflicts_button.setCursor(Qt.CursorShape.PointingHandCursor)
        link = self.conflicts_button.font()
        link.setUnderline(True)
        link.setBold(True)
        self.conflicts_button.setFont(link)
        colours = self.conflicts_button.palette()
        colours.setColor(self.conflicts_button.foregroundRole(), QColor(_RED))
        self.conflicts_button.setPalette(colours)
        self.conflicts_button.setToolTip(
            self.tr("Decisions the server refused: compare them with the server and resolve")
        )
        self.conflicts_button.clicked.connect(self.open_conflicts)
        self.conflicts_button.hide()

        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("syncStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.error = QLabel()
        self.error.setObjectName("syncError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        palette = self.error.palette()
        palette.setColor(self.error.foregroundRole(), QColor(_RED))
        self.error.setPalette(palette)
        self.error.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.setToolTip(
            self.tr("Stop after the push, or after the page being pulled; nothing is lost")
        )
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()

        self.sync_action = QAction(self.tr("&Sync"), self)
        self.sync_action.setObjectName("syncAction")
        self.sync_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_S))
        self.sync_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.sync_action.triggered.connect(self.start_sync)
        self.addAction(self.sync_action)
        shortcut = self.sync_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.sync_button = QPushButton(self.tr("Sync  {shortcut}").format(shortcut=shortcut))
        self.sync_button.setObjectName("syncButton")
        self.sync_button.setToolTip(
            self.tr("Push the decisions waiting here, then pull from the server ({shortcut})")
            .format(shortcut=shortcut)
        )  # fmt: skip
        self.sync_button.clicked.connect(self.start_sync)

        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.online_dot)
        row.addWidget(self.online)
        row.addWidget(_separator())
        row.addWidget(self.reference_age)
        row.addWidget(_separator())
        row.addWidget(self.pending)
        row.addWidget(self.conflicts_button)
        row.addStretch(1)
        row.addWidget(self.progress)
        row.addWidget(self.status)
        row.addWidget(self.cancel_button)
        row.addWidget(self.sync_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)  # under the strip: the whole message, wrapped

        self._show_reachability(None)
        self._update_buttons()
        self._figures_timer = QTimer(self)
        self._figures_timer.setInterval(figures_interval_ms)
        self._figures_timer.timeout.connect(self.refresh_figures)
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(probe_interval_ms)
        self._probe_timer.timeout.connect(self.check_server)
        if self.has_server:
            self._probe_timer.start()
        self._figures_timer.start()
        self.refresh()

    # -- state -----------------------------------------------------------------------------

    @property
    def has_server(self) -> bool:
        return bool(self.profile.base_url)

    @property
    def running(self) -> bool:
        return self._cancel is not None

    @property
    def busy(self) -> bool:
        """Work of the strip is under way (tests wait for it to settle)."""
        return self.background.pending > 0

    def refresh(self) -> None:
        """Read the figures again and ask the server whether it answers."""
        self.refresh_figures()
        self.check_server()

    def refresh_figures(self) -> None:
        """Read the pending count, conflicts and reference age again (the window calls
        this after recording a decision)."""
        if self._counting:  # the one under way may have read too early: read once more
            self._recount = True
            return
        self._counting = True
        self._recount = False
        profile = self.profile
        self.background.submit(
            lambda: self._connection.figures(profile), self._show_figures, self._figures_failed
        )

    def check_server(self) -> None:
        if self._probing or self.running:
            return
        self._probing = True
        profile = self.profile
        self.background.submit(
            lambda: self._connection.probe(profile), self._show_probe, self._probe_failed
        )

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the strip's work (on closing the window): a running sync is asked to
        stop at its next safe point first."""
        self.cancel()
        return self.background.wait(msecs)

    # -- sync ------------------------------------------------------------------------------

    def start_sync(self) -> None:
        if self.running or not self.has_server:
            return
        cancel = threading.Event()
        self._cancel = cancel
        self.outcome = None
        self.error.hide()
        self.error.clear()
        self.status.setText(self.tr("Starting the sync…"))
        self.progress.setRange(0, 0)  # busy until the first step says more
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self._update_buttons()
        profile, runner, relay = self.profile, self._runner, self._relay
        last_phase: SyncPhase | None = None
        last_at = 0.0

        def report(step: SyncProgress) -> None:  # on the worker thread
            nonlocal last_phase, last_at
            now = time.monotonic()
            final = step.total is not None and step.done >= step.total
            if step.phase != last_phase or final or now - last_at >= _PROGRESS_EVERY:
                last_phase, last_at = step.phase, now
                relay.step.emit(step)

        self.background.submit(
            lambda: runner.run(profile, progress=report, cancel=cancel),
            self._sync_done,
            self._sync_failed,
        )

    def cancel(self) -> None:
        if self._cancel is None:
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Stopping at the next safe point…"))

    def _on_progress(self, step: SyncProgress) -> None:
        if self._cancel is None:  # a late step of a sync that has ended
            return
        stopping = self._cancel.is_set()  # keep saying so until it has stopped
        if step.phase is SyncPhase.PUSH:
            total = step.total or 0
            if total:
                self.progress.setRange(0, total)
                self.progress.setValue(step.done)
            text = self.tr("Pushing {done} of {total}…").format(done=step.done, total=total)
        else:
            self.progress.setRange(0, 0)
            text = {
                SyncPhase.HEALTH: self.tr("Asking the server…"),
                SyncPhase.REFERENCE: self.tr("Pulling reference data: %n customer(s)…", "",
                                             step.done),
                SyncPhase.ITEMS: self.tr("Pulling review items: %n item(s)…", "", step.done),
            }.get(step.phase, "")  # fmt: skip
        if not stopping:
            self.status.setText(text)
        self.progressed.emit(step)

    def _finish_run(self) -> None:
        self._cancel = None
        self.progress.hide()
        self.cancel_button.hide()
        self._update_buttons()

    def _sync_done(self, outcome: SyncOutcome) -> None:
        self._finish_run()
        self.outcome = outcome
        did_something = outcome.sent or outcome.conflicts or outcome.rejected or outcome.held
        if outcome.problem is None or did_something or outcome.pulled is not None:
            self.status.setText(self.summary_text(outcome))
        else:
            self.status.setText(self.tr("Nothing was sent."))
        if outcome.problem is not None:
            self._show_error(self.problem_text(outcome.problem, outcome.base_url),
                             outcome.problem.message)  # fmt: skip
            if outcome.problem.stop is SyncStop.UNREACHABLE:
                self._show_reachability(Reachability.OFFLINE)
            elif outcome.problem.stop is SyncStop.KEY_REFUSED:
                self._show_reachability(Reachability.KEY_REFUSED)
        else:
            self._show_reachability(Reachability.ONLINE)
        self.refresh_figures()
        self.sync_finished.emit(outcome)
        self.data_changed.emit()

    def _sync_failed(self, error: BaseException) -> None:
        self._finish_run()
        self.status.setText(self.tr("The sync did not run."))
        self._show_error(str(error), str(error))
        self.refresh_figures()

    # -- wording ---------------------------------------------------------------------------

    def summary_text(self, outcome: SyncOutcome) -> str:
        parts: list[str] = []
        if outcome.pushed is not None:
            parts += [
                self.tr("Sent %n", "", outcome.sent),
                self.tr("%n conflict(s)", "", outcome.conflicts),
                self.tr("%n rejected", "", outcome.rejected),
                self.tr("%n retrying", "", outcome.retrying),
            ]
            if outcome.held:
                parts.append(self.tr("%n held", "", outcome.held))
        if outcome.pulled is not None:
            parts.append(self.tr("%n item(s) pulled", "", outcome.pulled_items))
            if outcome.reference_changes:
                parts.append(self.tr("%n customer(s) updated", "", outcome.reference_changes))
        if not parts:
            return self.tr("Nothing was done.")
        return " · ".join(parts)

    def problem_text(self, problem: SyncProblem, url: str) -> str:
        if problem.stop is SyncStop.KEY_REFUSED:
            return self.tr(
                "The server refused the API key (HTTP 401): connect the profile again "
                "with a valid key."
            )
        if problem.stop is SyncStop.FORBIDDEN:
            if problem.required_scope:
                return self.tr(
                    "The key lacks the scope {scope} (HTTP 403): ask your Ordinavo "
                    "administrator to grant it."
                ).format(scope=problem.required_scope)
            return self.tr("The key may not do this (HTTP 403): {detail}").format(
                detail=problem.message
            )
        if problem.stop is SyncStop.UNREACHABLE:
            return self.tr(
                "Offline: {url} cannot be reached. Nothing was lost; sync again when it is back."
            ).format(url=url)
        if problem.stop is SyncStop.SERVER_BUSY:
            return self.tr(
                "The server is busy or failing; nothing was lost, sync again later ({detail})."
            ).format(detail=problem.message)
        if problem.stop is SyncStop.CANCELLED:
            return self.tr("Cancelled: what was stored stays stored, the next sync goes on.")
        if problem.stop is SyncStop.MISMATCH:
            return self.tr("The server does not fit this profile: {detail}").format(
                detail=problem.message
            )
        return self.tr("The server refused the pull: {detail}").format(detail=problem.message)

    def _age_text(self, age: timedelta | None) -> str:
        if age is None:
            return self.tr("Reference data: never pulled")
        minutes = int(age.total_seconds() // 60)
        if minutes < 1:
            return self.tr("Reference data: just pulled")
        if minutes < 120:
            return self.tr("Reference data: %n min old", "", minutes)
        hours = minutes // 60
        if hours < 48:
            return self.tr("Reference data: %n h old", "", hours)
        return self.tr("Reference data: %n day(s) old", "", hours // 24)

    # -- figures and reachability ----------------------------------------------------------

    def _show_figures(self, figures: DeskFigures) -> None:
        self._counting = False
        if self._recount:
            self.refresh_figures()
        self.figures = figures
        if not figures.has_server:
            self.reference_age.setText(self.tr("Local store: no server to pull from"))
            self.reference_age.setToolTip("")
        else:
            self.reference_age.setText(self._age_text(figures.reference_age))
            pulled = figures.reference_pulled_at
            self.reference_age.setToolTip(
                self.tr("Last complete pull: {at} UTC").format(at=f"{pulled:%Y-%m-%d %H:%M}")
                if pulled is not None
                else ""
            )
        self.pending.setText(self.tr("%n to push", "", figures.waiting))
        needs_person = figures.rejected + figures.held
        self.pending.setToolTip(
            self.tr("%n more need a person (rejected or held): see 'ordinavo-desk status'", "",
                    needs_person)
            if needs_person
            else ""
        )  # fmt: skip
        self.conflicts_button.setText(self.tr("%n conflict(s)", "", figures.conflicts))
        self.conflicts_button.setVisible(figures.conflicts > 0)

    def _figures_failed(self, error: BaseException) -> None:
        self._counting = False
        self._recount = False
        self._show_error(self.tr("Could not read the sync figures: {error}").format(error=error),
                         str(error))  # fmt: skip

    def _show_probe(self, probe: Probe) -> None:
        self._probing = False
        self.probe = probe
        if self.running:
            return
        self._show_reachability(probe.reachability, probe)

    def _probe_failed(self, error: BaseException) -> None:
        self._probing = False
        self._show_reachability(Reachability.OFFLINE)
        self.online.setToolTip(str(error))

    def _show_reachability(self, state: Reachability | None, probe: Probe | None = None) -> None:
        texts = {
            None: (self.tr("Checking the server…"), _GREY),
            Reachability.ONLINE: (self.tr("Online"), _GREEN),
            Reachability.OFFLINE: (self.tr("Offline"), _RED),
            Reachability.KEY_REFUSED: (self.tr("Online · key refused"), _AMBER),
            Reachability.FORBIDDEN: (self.tr("Online · key may not check"), _AMBER),
            Reachability.NO_KEY: (self.tr("No API key"), _AMBER),
            Reachability.LOCAL_STORE: (self.tr("Local store"), _GREY),
        }
        if not self.has_server:
            state = Reachability.LOCAL_STORE
        text, colour = texts[state]
        self.online.setText(text)
        self.online_dot.setPixmap(_dot(colour, self.devicePixelRatioF()))
        self.online.setProperty("reachability", state.value if state else "")
        tip = self.profile.base_url or self.tr("This profile has no server (local-store mode)")
        if probe is not None and probe.latency_ms is not None and state is Reachability.ONLINE:
            tip = self.tr("{url} answered in {ms} ms").format(
                url=probe.base_url, ms=round(probe.latency_ms)
            )
        elif probe is not None and probe.detail:
            tip = f"{probe.base_url}: {probe.detail}"
        self.online.setToolTip(tip)
        self.online_dot.setToolTip(tip)

    def _show_error(self, text: str, detail: str) -> None:
        self.error.setText(text)
        self.error.setToolTip(detail)
        self.error.show()

    def _update_buttons(self) -> None:
        enabled = self.has_server and not self.running
        self.sync_button.setEnabled(enabled)
        self.sync_action.setEnabled(enabled)
        if not self.has_server:
            self.sync_button.setToolTip(
                self.tr("This profile has no server: connect it to sync (profile connect)")
            )

    # -- conflicts -------------------------------------------------------------------------

    def open_conflicts(self) -> ConflictsDialog:
        """Open the conflicts side by side (window-modal, without blocking)."""
        if self.conflicts_dialog is None:
            self.conflicts_dialog = ConflictsDialog(
                self.profile, self._conflicts, background=self.background, parent=self
            )
            self.conflicts_dialog.resolved.connect(self._resolved)
            self.conflicts_dialog.finished.connect(lambda _code: self.refresh_figures())
        self.conflicts_dialog.reload()
        self.conflicts_dialog.open()
        return self.conflicts_dialog

    def _resolved(self) -> None:
        self.refresh_figures()
        self.data_changed.emit()


def _separator() -> QLabel:
    label = QLabel("·")
    label.setEnabled(False)
    return label


def _dot(colour: str, ratio: float) -> QPixmap:
    size = round(_DOT_SIZE * ratio)
    pixmap = QPixmap(size, size)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, _DOT_SIZE - 2, _DOT_SIZE - 2)
    painter.end()
    return pixmap
