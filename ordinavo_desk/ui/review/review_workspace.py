"""The review workspace: the queue beside the selected item, the decision buttons, and
every keyboard shortcut of a review.

Keys (also on the buttons): Enter confirm the candidate in view (Confirm when it is the
proposed one, else Choose it) · 1–9 compare candidate n · L the candidate's other
locations or a new one · / search all records · E correct fields · N create new ·
R reject · D defer · J/K next/previous · Ctrl+Z undo (again for earlier steps) ·
Ctrl+B confirm confident items of the selection · Ctrl+Shift+P reveal personal data.

All store work runs in the background (``Background``); the widgets only show what comes
back. After a decision the queue reloads and the next undecided item is selected; related
items are offered with a preview.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.domain.decisions import RecordedDecision
from ordinavo_desk.domain.enums import DecisionKind
from ordinavo_desk.services.item_view import ItemView
from ordinavo_desk.services.queue_service import QueueFilter
from ordinavo_desk.ui.background import Background
from ordinavo_desk.ui.context import DeskContext
from ordinavo_desk.ui.queue_model import QueueTableModel
from ordinavo_desk.ui.queue_view import QueueView
from ordinavo_desk.ui.review import decision_flows as flows
from ordinavo_desk.ui.review.decision_actions import (
    build_actions,
    decision_bar,
    linked,
    update_actions,
)
from ordinavo_desk.ui.review.personal_data import reveal_personal_data
from ordinavo_desk.ui.review.queue_rows import QueueRows
from ordinavo_desk.ui.review.read_ahead import ReadAhead
from ordinavo_desk.ui.review.review_panel import ReviewPanel

if TYPE_CHECKING:
    from ordinavo_desk.domain.reference import Location

LINKING = {DecisionKind.CONFIRM.value, DecisionKind.CHOOSE.value}
#: How long an item stays on screen before its position is remembered.
SETTLE_MS = 120
#: Posted with low priority when an item is shown, so that it arrives after the window's
#: layout and paint of the item (posted with the same priority, earlier): the read ahead
#: of the next item then does not hold the interpreter while the item is painted.
_PAINTED = QEvent.Type(QEvent.registerEventType())


@dataclass(frozen=True, slots=True)
class UndoStep:
    """One step of the session's undo history: the items a step decided (one, or many
    for related items and bulk confirmations)."""

    item_ids: tuple[int, ...]
    label: str


class ReviewWorkspace(QWidget):
    #: A message for the status bar.
    message = Signal(str)
    #: Emitted after each decision or undo has been recorded (tests and the sync bar).
    recorded = Signal(object)
    #: An item's view is on screen (the ItemView).
    item_shown = Signal(object)

    def __init__(
        self, context: DeskContext, background: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewWorkspace")
        self.context = context
        self.profile = context.profile
        self.background = background
        self.queue_rows = QueueRows(context, context.profile, background, self.report_error)
        self._view_generation = 0
        self._busy = False
        self._pending_row: int | None = None
        self._pending_item: int | None = None
        #: The item on screen (kept across reloads of the queue) and whether one runs.
        self._current_item: int | None = None
        self._reloading = False
        # views read ahead (the next item's); dropped on every reload
        self._ahead = ReadAhead()
        #: The item (by generation) whose next one is read ahead once it is painted.
        self._ahead_of = 0
        self.undo_steps: list[UndoStep] = []
        self.last_refusal: str | None = None
        self.dialog: QWidget | None = None
        #: Views shown (tests wait on it).
        self.views_shown = 0

        self.queue_model = QueueTableModel(
            self.queue_rows.count, self.queue_rows.page, background, self
        )
        self.queue_rows.model = self.queue_model  # its sort orders lookups
        self.queue_view = QueueView(self.queue_model)
        self.panel = ReviewPanel()
        self.actions_by_name: dict[str, QAction] = {}
        self._build_actions()
        self.bar = decision_bar(self.actions_by_name)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        # the panel scrolls where the window is too small for it; and what changes within
        # it from item to item (labels, the candidates' height) lays out the panel only,
        # not the whole window
        scroller = QScrollArea()
        scroller.setObjectName("panelScroller")
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the queue and panel
        scroller.setWidget(self.panel)
        right_layout.addWidget(scroller, 1)
        right_layout.addWidget(self.bar)
        splitter = QSplitter()
        splitter.setObjectName("reviewSplitter")
        splitter.addWidget(self.queue_view)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([440, 1060])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        self.queue_view.filter_changed.connect(self._filter_changed)
        self.queue_view.item_selected.connect(self._item_selected)
        self.queue_model.loaded.connect(self._loaded)
        self.queue_model.modelAboutToBeReset.connect(self._reload_started)
        self.queue_model.failed.connect(self.report_error)
        self.panel.reveal_requested.connect(self.reveal)
        self.queue_model.reload()

    # -- the queue -------------------------------------------------------------------------

    def _filter_changed(self, wanted: QueueFilter) -> None:
        self.queue_rows.filter = wanted
        self.queue_model.reload()

    def _reload_started(self) -> None:
        self._reloading = True
        self._ahead.forget()

    def _loaded(self, count: int) -> None:
        self._reloading = False
        self.queue_rows.progress(self.queue_view.show_progress)
        if self._pending_item is not None:
            item_id, self._pending_item = self._pending_item, None
            self._select_item(item_id)
            return
        if self._pending_row is not None:
            row, self._pending_row = self._pending_row, None
            self._select_row(min(row, count - 1))
            return
        if not count or self.queue_view.table.currentIndex().isValid():
            return
        if self._current_item is not None:
            # the same item again, if still listed (unless the reviewer picked one meanwhile)
            self._select_item(self._current_item, unless_picked=True)
        else:
            self._resume()

    def _resume(self) -> None:
        """Select the item where the reviewer stopped last time (else the first)."""

        def found(row: int | None) -> None:
            if self.queue_view.table.currentIndex().isValid():
                return  # the reviewer picked an item meanwhile
            self._select_row(row if row is not None else 0)

        self.queue_rows.remembered_row(found)

    def open_item(self, item_id: int) -> None:
        """Select the item in the queue; where the queue's filter hides it, show every
        item (so that a decided item can be opened too)."""

        def found(row: int | None) -> None:
            self._pending_item = item_id
            if row is None:
                self.queue_view.show_everything()  # reloads; the item is selected then
            elif self.queue_model.reloads:
                self._pending_item = None
                self._select_item(item_id)
            # else: the first load is on its way and selects the item when it arrives

        self.queue_rows.row_of(item_id, found)

    def _select_item(self, item_id: int, *, unless_picked: bool = False) -> None:
        def found(row: int | None) -> None:
            if unless_picked and self.queue_view.table.currentIndex().isValid():
                return
            self._select_row(row if row is not None else 0)

        self.queue_rows.row_of(item_id, found)

    def _select_row(self, row: int) -> None:
        table = self.queue_view.table
        if row < 0 or row >= self.queue_model.rowCount():
            self.panel.show_view(None)
            self.update_actions()
            return
        index = self.queue_model.index(row, 0)
        table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        table.scrollTo(index)
        focus = QApplication.focusWidget()
        typed_in = isinstance(focus, QLineEdit) and bool(focus.text())
        if self.dialog is None and not typed_in and not self.panel.editing():
            # the keyboard follows the selection, never out of a field being typed in
            table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.queue_model.queue_row(row) is None:
            # the row's page is on its way: show the item when it arrives
            self.queue_model.dataChanged.connect(self._row_arrived)

    def _row_arrived(self, *_args: object) -> None:
        index = self.queue_view.table.currentIndex()
        if index.isValid() and self.queue_model.queue_row(index.row()) is not None:
            self.queue_model.dataChanged.disconnect(self._row_arrived)
            self.queue_view.emit_current()

    def step_queue(self, step: int) -> None:
        table = self.queue_view.table
        row = table.currentIndex().row()
        wanted = max(0, min(self.queue_model.rowCount() - 1, (row if row >= 0 else -1) + step))
        self._select_row(wanted)

    # -- the item --------------------------------------------------------------------------

    def _item_selected(self, item_id: int | None) -> None:
        self._view_generation += 1
        generation = self._view_generation
        if item_id is None:
            waiting = (
                self._reloading
                or self._pending_row is not None
                or self._pending_item is not None
                or self.queue_view.table.currentIndex().isValid()  # its row is loading
            )
            if not waiting:
                self._current_item = None
                self.panel.show_view(None)
                self.update_actions()
            return
        self._current_item = item_id
        read_ahead = self._ahead.take(item_id)
        if read_ahead is not None:
            # read ahead while the reviewer looked at the item before: shown at once; read
            # again only when that was a while ago (a decision made on a view that has
            # gone stale is refused cleanly anyway: it carries the sequence it saw)
            view, fresh = read_ahead
            self._show(generation, view)
            if fresh:
                self._remember(item_id)
                return
            self._read(generation, item_id, view)
        elif self._ahead.is_reading(item_id):
            # its read ahead is under way: shown when it arrives, not read twice
            self._ahead.wait_for(item_id, generation)
        else:
            self._read(generation, item_id, None)

    def _read(self, generation: int, item_id: int, cached: ItemView | None) -> None:
        context = self.context

        def fresh(view: ItemView) -> None:
            if view == cached:  # nothing changed since it was read ahead
                if generation == self._view_generation:
                    self._remember(item_id)
                return
            if self._show(generation, view):
                self._remember(item_id)

        self.background.submit(
            lambda: context.views.view(self.profile, item_id), fresh, self.report_error
        )

    def _remember(self, item_id: int) -> None:
        """Read the next item ahead as soon as this one is painted (J is the most common
        next key), and remember this one ("resume where I stopped") once the reviewer
        stays on it a moment."""
        generation = self._view_generation
        self._ahead_of = generation
        QCoreApplication.postEvent(
            self, QEvent(_PAINTED), int(Qt.EventPriority.LowEventPriority.value)
        )

        def later() -> None:
            if generation != self._view_generation:
                return  # moved on: not worth remembering
            context = self.context
            self.background.submit(
                lambda: context.queue.remember_position(self.profile, item_id),
                lambda _none: None,
                self.report_error,
            )

        QTimer.singleShot(SETTLE_MS, self, later)  # dropped with the workspace

    def customEvent(self, event: QEvent) -> None:
        if event.type() == _PAINTED:
            if self._ahead_of == self._view_generation:  # still on the item
                self._read_ahead_now()
            return
        super().customEvent(event)

    def _read_ahead_now(self) -> None:
        row = self.queue_view.table.currentIndex().row() + 1
        following = self.queue_model.queue_row(row) if row > 0 else None
        if following is None:
            return
        item_id = following.item_id
        if not self._ahead.wants(item_id):
            return
        context, reloads = self.context, self.queue_model.reloads
        self._ahead.started(item_id)

        def arrived(view: ItemView) -> None:
            stale = reloads != self.queue_model.reloads  # a decision, a filter meanwhile
            waiting = self._ahead.arrived(item_id, view, stale=stale)
            if waiting is None:
                return
            if stale:
                self._read(waiting, item_id, None)
            elif self._show(waiting, view):
                self._remember(item_id)

        def failed(error: BaseException) -> None:
            if self._ahead.failed(item_id):
                self.report_error(error)

        self.background.submit(lambda: context.views.view(self.profile, item_id), arrived, failed)

    def _show(self, generation: int, view: ItemView) -> bool:
        if generation != self._view_generation:
            return False  # the reviewer moved on meanwhile
        self.panel.show_view(view)
        self.views_shown += 1
        self.update_actions()
        self.item_shown.emit(view)
        return True

    @property
    def view(self) -> ItemView | None:
        return self.panel.view

    # -- actions ---------------------------------------------------------------------------

    def _build_actions(self) -> None:
        slots = {
            "confirmAction": self.confirm,
            "locationsAction": self.pick_location,
            "searchAction": self.search_records,
            "correctAction": self.correct,
            "createAction": self.create_new,
            "rejectAction": self.reject,
            "deferAction": self.defer,
            "undoAction": self.undo,
            "nextAction": lambda: self.step_queue(1),
            "previousAction": lambda: self.step_queue(-1),
            "bulkAction": self.bulk_confirm,
            "revealAction": self.reveal,
        }
        self.actions_by_name.update(
            build_actions(self, slots, lambda rank: partial(self.panel.select_candidate, rank))
        )
        self.update_actions()

    def update_actions(self) -> None:
        update_actions(
            self.actions_by_name,
            self.view,
            self.profile.settings,
            can_reveal=self.panel.reveal.isEnabled(),
            undo_label=self.undo_steps[-1].label if self.undo_steps else None,
        )

    # -- deciding --------------------------------------------------------------------------

    def confirm(self) -> None:
        if self.panel.typing():
            self.queue_view.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        view = self.view
        if view is None:
            return
        candidate = self.panel.selected_candidate()
        if (
            candidate is None
            or candidate.proposed
            or (view.proposed_rank is None and not linked(view) and candidate.rank == 1)
        ):
            request = flows.requests().confirm()
            label = self.tr("Confirm")
        else:
            request = flows.requests().choose(candidate.customer_id, candidate.location_id)
            label = self.tr("Choose {name}").format(
                name=candidate.customer_name or candidate.customer_id
            )
        self.decide(view, request, label)

    def pick_location(self) -> None:
        view, candidate = self.view, self.panel.selected_candidate()
        if view is None or candidate is None:
            return
        context, customer_id = self.context, candidate.customer_id

        def opened(locations: tuple[Location, ...]) -> None:
            if self.view is not view or self.dialog is not None:
                return  # moved on meanwhile
            flows.pick_location(self, view, candidate, locations)

        self.background.submit(
            lambda: context.views.locations(self.profile, customer_id), opened, self.report_error
        )

    def search_records(self) -> None:
        if self.view is not None:
            flows.search_records(self, self.view)

    def correct(self) -> None:
        self.panel.start_correcting()

    def create_new(self) -> None:
        view = self.view
        if view is None or self.panel.typing():
            return
        corrections = self.panel.compare_model.corrections()
        self.decide(view, flows.requests().create_new(corrections), self.tr("Create new"))

    def reject(self) -> None:
        if self.view is not None:
            flows.reject(self, self.view)

    def defer(self) -> None:
        if self.view is not None:
            flows.defer(self, self.view)

    def open_dialog(self, dialog: Any, accepted: Callable[[], None]) -> None:
        """Open a dialog window-modal without blocking; ``accepted`` runs on OK."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(accepted)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, _code: int) -> None:
        """The keyboard goes back to the queue."""
        self.dialog = None
        self.window().activateWindow()
        self.queue_view.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def decide(self, view: ItemView, request: Any, label: str) -> None:
        if self._busy:
            return
        self._busy = True
        context, item_id, seq = self.context, view.item_id, view.decision_seq
        row = self.queue_view.table.currentIndex().row()

        def done(recorded: RecordedDecision) -> None:
            self._busy = False
            self.undo_steps.append(UndoStep((item_id,), f"{label} ({view.external_id})"))
            self.message.emit(
                self.tr("{what}: {item} recorded.").format(what=label, item=view.external_id)
            )
            self.panel.compare_model.clear_corrections()
            self._after(row)
            self.recorded.emit(recorded)
            if recorded.kind in LINKING:
                self._offer_related(recorded)

        def failed(error: BaseException) -> None:
            self._busy = False
            self._refused(error)
            self._item_selected(item_id)  # show the item as it is now

        self.background.submit(
            lambda: context.review.decide(self.profile, item_id, request, seen_seq=seq),
            done,
            failed,
        )

    def _after(self, row: int) -> None:
        """Reload the queue and select the item now at ``row`` (the next undecided one
        while the queue shows open items)."""
        self._pending_row = max(0, row)
        self.queue_model.reload()
        self.update_actions()

    # -- related items ---------------------------------------------------------------------

    def _offer_related(self, recorded: RecordedDecision) -> None:
        context = self.context
        self.background.submit(
            lambda: context.tools.related(self.profile, recorded.id),
            lambda items: flows.offer_related(self, recorded, items),
            self.report_error,
        )

    def decide_many(self, decisions: list[tuple[int, Any]], label: str) -> None:
        if self._busy or not decisions:
            return
        self._busy = True
        context = self.context
        row = self.queue_view.table.currentIndex().row()

        def done(recorded: list[RecordedDecision]) -> None:
            self._busy = False
            self.undo_steps.append(UndoStep(tuple(item for item, _ in decisions), label))
            self.message.emit(self.tr("{what} recorded.").format(what=label))
            self._after(row)
            self.recorded.emit(recorded)

        def failed(error: BaseException) -> None:
            self._busy = False
            self._refused(error)

        self.background.submit(
            lambda: context.review.decide_many(self.profile, decisions), done, failed
        )

    # -- bulk ------------------------------------------------------------------------------

    def bulk_confirm(self) -> None:
        ids = self.queue_view.selected_item_ids()
        if not ids:
            self.message.emit(self.tr("Select the items to confirm first (Shift+↓ or Ctrl+A)."))
            return
        flows.bulk_confirm(self, ids)

    def count_label(self, what: Literal["related", "bulk"], count: int) -> str:
        """The label of a step deciding ``count`` related items or a bulk confirmation
        (plural forms translated in the workspace's context)."""
        if what == "related":
            return self.tr("%n related item(s)", "", count)
        return self.tr("bulk confirmation of %n item(s)", "", count)

    # -- undo ------------------------------------------------------------------------------

    def undo(self) -> None:
        if self._busy or not self.undo_steps or self.panel.typing():
            return
        step = self.undo_steps[-1]
        self._busy = True
        context = self.context

        def done(recorded: list[RecordedDecision]) -> None:
            self._busy = False
            self.undo_steps.pop()
            self.message.emit(self.tr("Undone: {what}.").format(what=step.label))
            self._pending_item = step.item_ids[0]
            self.queue_model.reload()
            self.update_actions()
            self.recorded.emit(recorded)

        def failed(error: BaseException) -> None:
            self._busy = False
            self._refused(error)

        self.background.submit(
            lambda: context.review.undo_many(self.profile, list(step.item_ids)), done, failed
        )

    # -- personal data ---------------------------------------------------------------------

    def reveal(self) -> None:
        reveal_personal_data(self)

    # -- errors ----------------------------------------------------------------------------

    def report_error(self, error: object) -> None:
        self.message.emit(self.tr("Error: {error}").format(error=error))

    def _refused(self, error: BaseException) -> None:
        """A decision or undo that was not recorded: said in a box, nothing was written."""
        self.report_error(error)
        self.last_refusal = str(error)
        if self.dialog is None:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Not recorded"),
                self.tr("Nothing was recorded: {error}").format(error=error),
                parent=self,
            )
            box.setObjectName("refusalBox")
            self.open_dialog(box, lambda: None)
