"""Decisions the server refused, side by side with the server's state, and resolving them.

The list of conflicts is on the left; for the selected one, the local decision and the
server's item as it was when the push was refused are shown row by row (differences in
bold), with the problem above. Two ways out (review-and-sync.md, "Conflicts"):

- **Keep the server's state** (Enter): the local decision is undone and never sent; the
  next sync brings the item as the server has it. Nothing leaves the desk, so it is the
  default of the keyboard.
- **Decide again on the server's version** (Ctrl+Enter): the same decision, recorded
  anew on the server's version; it goes out with the next sync. Not offered when the
  item is no longer open on the server (the note says why).

Arrows move through the list, Alt+K and Alt+D press the buttons, Escape closes. After
each resolution the list is read again and the next conflict is selected. Reading and
resolving run on the background pool; the dialog shows plain values only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.domain.decisions import RecordedDecision
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.conflict_service import (
    Conflict,
    ConflictService,
    DecideAgainBlock,
    LinkedRecord,
)
from ordinavo_desk.ui.background import Background

DECISION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ConflictsDialog(QDialog):
    #: A conflict was resolved (the store changed: the queue and counts should reload).
    resolved = Signal()
    #: The list was read again (its number of conflicts).
    loaded = Signal(int)

    def __init__(
        self,
        profile: Profile,
        conflicts: ConflictService,
        *,
        background: Background | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(self.tr("Conflicts with the server"))
        self.resize(980, 560)
        self.profile = profile
        self._service = conflicts
        self.background = background or Background(self)
        self._conflicts: dict[int, Conflict] = {}
        self._working = False
        self._loading = False
        self._generation = 0
        self._select_row = 0

        self.list = QListWidget()
        self.list.setObjectName("conflictList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setMinimumWidth(240)
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.currentItemChanged.connect(lambda _now, _before: self._show_current())

        self.title = QLabel()
        self.title.setObjectName("conflictTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.problem = QLabel()
        self.problem.setObjectName("conflictProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setFrameShape(QFrame.Shape.StyledPanel)
        self.problem.setMargin(6)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.compare = QFrame()
        self.compare.setObjectName("conflictCompare")
        self.compare.setFrameShape(QFrame.Shape.StyledPanel)
        self.grid = QGridLayout(self.compare)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        self._heading(0, self.tr("Your decision"), 1)
        self._heading(0, self.tr("On the server"), 2)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        for row, (key, label) in enumerate(self._row_labels().items(), start=1):
            name = QLabel(label)
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            local, server = self._cell(f"local_{key}"), self._cell(f"server_{key}")
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(local, row, 1)
            self.grid.addWidget(server, row, 2)
            self.rows[key] = (local, server)

        self.note = QLabel()
        self.note.setObjectName("conflictNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)

        self.take_server_button = QPushButton(self.tr("&Keep the server's state"))
        self.take_server_button.setObjectName("takeServerButton")
        self.take_server_button.setToolTip(
            self.tr(
                "Undo your decision: it is never sent, and the next sync brings the item "
                "as the server has it (Enter)"
            )
        )
        self.take_server_button.setDefault(True)
        self.take_server_button.clicked.connect(self.take_server)
        self.decide_again_button = QPushButton(self.tr("&Decide again on the server's version"))
        self.decide_again_button.setObjectName("decideAgainButton")
        self.decide_again_button.setAutoDefault(False)
        self.decide_again_button.setToolTip(
            self.tr(
                "Record the same decision again on the server's version; it goes out with "
                "the next sync (Ctrl+Enter)"
            )
        )
        self.decide_again_button.clicked.connect(self.decide_again)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.decide_again)
        actions = QHBoxLayout()
        actions.addWidget(self.take_server_button)
        actions.addWidget(self.decide_again_button)
        actions.addStretch(1)
        self.hint = QLabel(
            self.tr("Enter keeps the server's state · Ctrl+Enter decides again · Esc closes")
        )
        self.hint.setObjectName("conflictHint")
        self.hint.setEnabled(False)

        self.detail = QWidget()
        detail = QVBoxLayout(self.detail)
        detail.setContentsMargins(8, 0, 0, 0)
        detail.addWidget(self.title)
        detail.addWidget(self.problem)
        detail.addWidget(self.compare)
        detail.addWidget(self.note)
        detail.addSpacing(6)
        detail.addLayout(actions)
        detail.addWidget(self.hint)
        detail.addStretch(1)

        self.empty = QLabel(
            self.tr(
                "No conflicts: the server took every decision it was sent, or they are resolved."
            )
        )
        self.empty.setObjectName("conflictEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        splitter = QSplitter()
        splitter.setObjectName("conflictSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail)
        right_layout.addWidget(self.empty, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 720])

        self.status = QLabel()
        self.status.setObjectName("conflictStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        close.setObjectName("conflictClose")
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self._show_current()
        self.list.setFocus()

    # -- reading ---------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._working or self._loading

    def reload(self) -> None:
        """Read the conflicts again (off the UI thread)."""
        self._loading = True
        self._generation += 1
        generation = self._generation
        self._update_buttons()
        profile = self.profile

        def done(conflicts: list[Conflict]) -> None:
            if generation == self._generation:  # an older read answering late is dropped
                self._show_conflicts(conflicts)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._failed_loading(error)

        self.background.submit(lambda: self._service.conflicts(profile), done, failed)

    def _show_conflicts(self, conflicts: list[Conflict]) -> None:
        self._loading = False
        self._conflicts = {conflict.decision_id: conflict for conflict in conflicts}
        self.list.blockSignals(True)
        self.list.clear()
        for conflict in conflicts:
            entry = QListWidgetItem(self._list_text(conflict))
            entry.setData(DECISION_ID_ROLE, conflict.decision_id)
            entry.setToolTip(conflict.problem.message)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        if conflicts:
            self.list.setCurrentRow(min(self._select_row, len(conflicts) - 1))
        self._show_current()
        self.loaded.emit(len(conflicts))

    def _failed_loading(self, error: BaseException) -> None:
        self._loading = False
        self.status.setText(self.tr("Could not read the conflicts: {error}").format(error=error))
        self._update_buttons()

    def current(self) -> Conflict | None:
        entry = self.list.currentItem()
        if entry is None:
            return None
        return self._conflicts.get(entry.data(DECISION_ID_ROLE))

    # -- resolving -------------------------------------------------------------------------

    def take_server(self) -> None:
        conflict = self.current()
        if conflict is None or self.busy:
            return
        profile = self.profile
        self._resolve(
            conflict,
            lambda: self._service.take_server(profile, conflict.decision_id),
            lambda _undo: self.tr(
                "{item}: the server's state is kept; your decision is not sent, and the next "
                "sync brings the item as the server has it."
            ).format(item=conflict.item_external_id),
        )

    def decide_again(self) -> None:
        conflict = self.current()
        if conflict is None or self.busy:
            return
        if not conflict.can_decide_again:  # Ctrl+Enter on one that cannot: say why
            self.status.setText(self._block_text(conflict))
            return
        profile = self.profile
        self._resolve(
            conflict,
            lambda: self._service.decide_again(profile, conflict.decision_id),
            lambda decision: self.tr(
                "{item}: {kind} decided again on the server's version {version}; it goes out "
                "with the next sync."
            ).format(
                item=conflict.item_external_id,
                kind=self._kind_text(decision.kind),
                version=conflict.server.version,
            ),
        )

    def _resolve(self, conflict: Conflict, work: Any, message: Any) -> None:
        self._working = True
        self._select_row = max(0, self.list.currentRow())
        self._update_buttons()
        self.status.setText(self.tr("Resolving {item}…").format(item=conflict.item_external_id))

        def done(decision: RecordedDecision) -> None:
            self._working = False
            self.status.setText(message(decision))
            self.resolved.emit()
            self.reload()

        def failed(error: BaseException) -> None:
            self._working = False
            self.status.setText(
                self.tr("{item} could not be resolved: {error}").format(
                    item=conflict.item_external_id, error=error
                )
            )
            self.reload()

        self.background.submit(work, done, failed)

    # -- showing ---------------------------------------------------------------------------

    def _show_current(self) -> None:
        conflict = self.current()
        has_any = self.list.count() > 0
        self.detail.setVisible(has_any)
        self.empty.setVisible(not has_any)
        if conflict is not None:
            self._show_conflict(conflict)
        self._update_buttons()

    def _show_conflict(self, conflict: Conflict) -> None:
        local, server = conflict.local, conflict.server
        title = server.title or conflict.item_customer or ""
        self.title.setText(
            f"{conflict.item_external_id} · {title}" if title else conflict.item_external_id
        )
        problem = conflict.problem
        code = " ".join(p for p in (f"HTTP {problem.status}" if problem.status else "",
                                    problem.code or "") if p)  # fmt: skip
        self.problem.setText(
            self.tr("The server refused your decision ({code}): {message}").format(
                code=code or self.tr("no status"), message=problem.message
            )
            if code
            else self.tr("The server refused your decision: {message}").format(
                message=problem.message
            )
        )
        self.problem.setToolTip(
            self.tr("Correlation id: {id}").format(id=problem.correlation_id)
            if problem.correlation_id
            else ""
        )
        unknown = self.tr("(not kept)")
        dash = "—"
        values: dict[str, tuple[str, str]] = {
            "state": (
                self._kind_text(local.kind)
                + (f" · {local.reason_code}" if local.reason_code else ""),
                " · ".join(
                    p for p in (self._state_text(server.review_state), server.status or "") if p
                )
                if server.known
                else unknown,
            ),
            "customer": (self._record(local.customer), self._record(server.customer)),
            "location": (self._record(local.location), self._record(server.location)),
            "contact": (self._record(local.contact), self._record(server.contact)),
            "corrections": (self._corrections(local.corrections), dash),
            "author": (
                local.author,
                self.tr("{who} ({kind})").format(
                    who=server.decided_by or self.tr("someone"),
                    kind=self._kind_text(server.decision_kind),
                )
                if server.decision_kind
                else dash,
            ),
            "time": (
                self._time(local.decided_at),
                self._time(server.decided_at or server.updated_at) if server.known else unknown,
            ),
            "version": (
                self.tr("made on version {v}").format(v=local.server_version)
                if local.server_version is not None
                else dash,
                self.tr("version {v}").format(v=server.version)
                if server.version is not None
                else dash,
            ),
        }
        compared = {"customer", "location", "contact", "version"}
        for key, (local_text, server_text) in values.items():
            local_label, server_label = self.rows[key]
            local_label.setText(local_text)
            server_label.setText(server_text)
            differs = key in compared and server.known and local_text != server_text
            for label in (local_label, server_label):
                font = label.font()
                font.setBold(differs)
                label.setFont(font)
        self.note.setText(self._block_text(conflict))
        self.note.setVisible(not conflict.can_decide_again)

    def _update_buttons(self) -> None:
        conflict = self.current()
        free = not self.busy and conflict is not None
        self.take_server_button.setEnabled(free)
        self.decide_again_button.setEnabled(
            free and conflict is not None and conflict.can_decide_again
        )

    # -- wording ---------------------------------------------------------------------------

    def _row_labels(self) -> dict[str, str]:
        return {
            "state": self.tr("Decision / state"),
            "customer": self.tr("Customer"),
            "location": self.tr("Location"),
            "contact": self.tr("Contact"),
            "corrections": self.tr("Corrections"),
            "author": self.tr("Decided by"),
            "time": self.tr("When"),
            "version": self.tr("Item version"),
        }

    def _kind_text(self, kind: str | None) -> str:
        texts = {
            "Confirm": self.tr("Confirm"),
            "Choose": self.tr("Choose"),
            "CreateNew": self.tr("Create new"),
            "Reject": self.tr("Reject"),
            "Defer": self.tr("Defer"),
            "Revert": self.tr("Revert"),
            "Undo": self.tr("Undo"),
        }
        return texts.get(kind or "", kind or "—")

    def _state_text(self, state: str | None) -> str:
        texts = {
            "Open": self.tr("Open"),
            "Deferred": self.tr("Deferred"),
            "Decided": self.tr("Decided"),
            "Rejected": self.tr("Rejected"),
            "Cancelled": self.tr("Cancelled"),
            "NotNeeded": self.tr("Not needed"),
        }
        return texts.get(state or "", state or "")

    def _block_text(self, conflict: Conflict) -> str:
        block = conflict.decide_again_blocked
        if block is DecideAgainBlock.SERVER_ITEM_CLOSED:
            return self.tr(
                "The item is {state} on the server, so it takes no other decision there: "
                "keep the server's state."
            ).format(state=self._state_text(conflict.server.review_state).lower())
        if block is DecideAgainBlock.SERVER_VERSION_UNKNOWN:
            return self.tr(
                "The server's version of the item was not kept with the conflict: keep the "
                "server's state, sync, and decide the item again."
            )
        if block is DecideAgainBlock.NOT_BY_REVIEW:
            return self.tr(
                "This decision reaches the server by re-import (plain v1), which has no "
                "versions to decide on: keep the server's state."
            )
        return ""

    def _list_text(self, conflict: Conflict) -> str:
        who = conflict.item_customer or conflict.server.title or ""
        first = f"{conflict.item_external_id} · {who}" if who else conflict.item_external_id
        status = f"HTTP {conflict.problem.status}" if conflict.problem.status else ""
        second = " · ".join(p for p in (self._kind_text(conflict.local.kind), status) if p)
        return f"{first}\n{second}"

    def _record(self, record: LinkedRecord | None) -> str:
        if record is None:
            return "—"
        if record.name:
            return self.tr("{name} (#{id})").format(name=record.name, id=record.id)
        return self.tr("#{id} (not in the reference data yet)").format(id=record.id)

    def _corrections(self, corrections: dict[str, dict[str, Any]]) -> str:
        lines = [
            f"{part}.{name}: {value}"
            for part, fields in sorted(corrections.items())
            for name, value in sorted(fields.items())
        ]
        return "\n".join(lines) if lines else "—"

    def _time(self, when: datetime | None) -> str:
        if when is None:
            return "—"
        stamp = QDateTime.fromSecsSinceEpoch(int(when.timestamp()), QTimeZone.utc())
        return QLocale().toString(stamp.toLocalTime(), QLocale.FormatType.ShortFormat)

    # -- helpers ---------------------------------------------------------------------------

    def _heading(self, row: int, text: str, column: int) -> None:
        label = QLabel(text)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        self.grid.addWidget(label, row, column)

    @staticmethod
    def _cell(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label
