"""A whole review with the keyboard only, on a real store: compare candidates (1–9),
choose one (Enter), settle related items from their preview, undo several steps (Ctrl+Z),
reject (R), correct fields in place (E) and create new (N), defer (D), choose a new
location (L), search all records (/), confirm (Enter), filter and search the queue, and a
bulk confirmation with its preview, undone as one step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from ordinavo_desk.domain.decisions import RecordedDecision
from ordinavo_desk.ui.context import DeskContext
from ordinavo_desk.ui.review.compare_model import INCOMING
from ordinavo_desk.ui.review.preview_dialogs import BulkConfirmDialog, RelatedItemsDialog
from ordinavo_desk.ui.review.record_search_dialog import RecordSearchDialog
from ordinavo_desk.ui.review.review_workspace import ReviewWorkspace
from tests.ui.conftest import wait_for
from tests.ui.review_window_harness import (
    dialog,
    open_window,
    press,
    review_context,
    settle,
    type_text,
)

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def context(tmp_path: Path) -> Iterator[DeskContext]:
    with review_context(tmp_path) as opened:
        yield opened


def _history(context: DeskContext, external_id: str) -> list[RecordedDecision]:
    item_id = context.review.find_item(context.profile, external_id)
    return context.review.history(context.profile, item_id)


def _latest(context: DeskContext, external_id: str) -> RecordedDecision:
    return _history(context, external_id)[-1]


def _state(context: DeskContext, external_id: str) -> str:
    item_id = context.review.find_item(context.profile, external_id)
    return context.views.view(context.profile, item_id).review_state


def _on(workspace: ReviewWorkspace, external_id: str) -> None:
    wait_for(lambda: workspace.view is not None and workspace.view.external_id == external_id)


def _step(
    workspace: ReviewWorkspace,
    key: K | str,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    shown = workspace.views_shown
    press(key, modifier)
    settle(workspace, shown)


def test_a_whole_review_with_the_keyboard(
    qtbot: QtBot, qtmodeltester: object, context: DeskContext
) -> None:
    window = open_window(qtbot, context)
    workspace = window.workspace
    assert workspace is not None
    panel = workspace.panel
    _on(workspace, "JOB-AMB")

    # 1–9 compare candidates; Enter chooses the one in view (not the rules' proposal)
    assert panel.selected_candidate() is not None and panel.selected_candidate().rank == 1
    press("2")
    second = panel.selected_candidate()
    assert second is not None and second.rank == 2
    assert panel.compare_title.text().startswith("Compared with candidate 2")
    press(K.Key_Return)
    related = dialog(workspace, "relatedItems")
    assert isinstance(related, RelatedItemsDialog)
    chosen = _latest(context, "JOB-AMB")
    assert chosen.kind == "Choose"
    assert chosen.links_after["customerId"] == second.customer_id
    assert [r.external_id for r in related.model.rows] == ["JOB-AMB-2"]
    qtmodeltester.check(related.model)  # type: ignore[attr-defined]

    # the related item, settled from its preview with Enter
    shown = workspace.views_shown
    press(K.Key_Return)
    wait_for(lambda: _state(context, "JOB-AMB-2") == "decided")
    settle(workspace, shown)
    assert _latest(context, "JOB-AMB-2").links_after["customerId"] == second.customer_id
    assert len(workspace.undo_steps) == 2

    # Ctrl+Z twice: the related item, then the choice
    _step(workspace, K.Key_Z, CTRL)
    assert _state(context, "JOB-AMB-2") == "pending"
    assert _state(context, "JOB-AMB") == "decided"
    _step(workspace, K.Key_Z, CTRL)
    assert _state(context, "JOB-AMB") == "pending"
    assert _latest(context, "JOB-AMB").kind == "Undo"
    assert not workspace.undo_steps
    _on(workspace, "JOB-AMB")

    # R: reject with a reason code (keyboard in the dialog) and a text
    press("r")
    dialog(workspace, "rejectDialog")
    press(K.Key_Down)  # NotOurCustomer → DuplicateJob
    press(K.Key_Tab)
    type_text("same job twice")
    shown = workspace.views_shown
    press(K.Key_Return)
    settle(workspace, shown)
    assert workspace.dialog is None
    rejected = _latest(context, "JOB-AMB")
    assert (rejected.kind, rejected.reason_code, rejected.reason_text) == (
        "Reject", "DuplicateJob", "same job twice",
    )  # fmt: skip

    # focus moved on to the next undecided item; E corrects the name in place, N creates
    _on(workspace, "JOB-NEW")
    press("e")
    compare = panel.compare
    assert compare.state() == compare.State.EditingState
    assert compare.currentIndex().column() == INCOMING
    press(K.Key_A, CTRL)
    type_text("Völlig Neue Firma AG")
    press(K.Key_Return)  # ends the edit; decides nothing
    assert compare.state() != compare.State.EditingState
    assert len(_history(context, "JOB-NEW")) == 0
    assert panel.compare_model.corrections() == {"customer": {"name": "Völlig Neue Firma AG"}}
    _step(workspace, "n")
    created = _latest(context, "JOB-NEW")
    assert created.kind == "CreateNew"
    assert created.corrections == {"customer": {"name": "Völlig Neue Firma AG"}}
    assert created.links_after["customerId"] is not None

    # D: defer with a note; a deferred item stays in the queue, J moves on
    _on(workspace, "JOB-MAPPED")
    press("d")
    dialog(workspace, "deferDialog")
    type_text("call back on Monday")
    _step(workspace, K.Key_Return)
    deferred = _latest(context, "JOB-MAPPED")
    assert deferred.kind == "Defer"
    assert deferred.payload["request"]["note"] == "call back on Monday"
    _on(workspace, "JOB-MAPPED")
    _step(workspace, "j")
    _on(workspace, "JOB-AMB-2")

    # L: the candidate's locations, and a new one for it
    press("l")
    picker = dialog(workspace, "locationPicker")
    assert [row.label for row in picker.model.rows] == ["Hauptsitz", "New location"]
    press(K.Key_Down)
    _step(workspace, K.Key_Return)
    new_location = _latest(context, "JOB-AMB-2")
    assert new_location.kind == "Choose"
    assert new_location.payload["request"]["newLocation"] is True

    # /: search every record of the tenant and choose one the rules did not propose
    _on(workspace, "JOB-SEARCH")
    press("/")
    search = dialog(workspace, "recordSearch")
    assert isinstance(search, RecordSearchDialog)
    press(K.Key_A, CTRL)
    type_text("Berger Zahntechnik")
    wait_for(lambda: search.searches > 0 and search.model.rowCount() > 0)
    hit = search.choice()
    assert hit is not None and hit.customer_name == "Berger Zahntechnik Potsdam GmbH"
    _step(workspace, K.Key_Return)
    searched = _latest(context, "JOB-SEARCH")
    assert (searched.kind, searched.links_after["customerId"]) == ("Choose", hit.customer_id)

    # Enter on the proposed candidate confirms it
    _on(workspace, "JOB-MAPPED-2")
    proposed = workspace.view
    assert proposed is not None and proposed.proposed_rank == 1
    _step(workspace, K.Key_Return)
    confirmed = _latest(context, "JOB-MAPPED-2")
    assert confirmed.kind == "Confirm"
    assert confirmed.links_after["customerId"] == proposed.links.customer_id

    # progress counts what was reviewed
    wait_for(lambda: workspace.queue_view.progress.text().startswith("5 of 6 "))


def test_filter_and_search_the_queue_with_the_keyboard(qtbot: QtBot, context: DeskContext) -> None:
    window = open_window(qtbot, context)
    workspace = window.workspace
    assert workspace is not None
    queue, model = workspace.queue_view, workspace.queue_model
    everything = model.rowCount()
    queue.search.setFocus()
    type_text("Schmitz")
    wait_for(lambda: model.rowCount() == 2 and model.is_loaded(0))
    names = {model.queue_row(r).customer_name for r in range(2)}  # type: ignore[union-attr]
    assert names == {"Schmitz Sanitär GmbH"}
    press(K.Key_Return)  # ends the typing (the keyboard goes to the list); decides nothing
    assert queue.table.hasFocus()
    assert workspace.undo_steps == []
    assert _history(context, "JOB-AMB") == []
    queue.search.setFocus()
    press(K.Key_A, CTRL)
    press(K.Key_Backspace)
    wait_for(lambda: model.rowCount() == everything and model.is_loaded(0))
    queue.warning.setFocus()
    queue.warning.setCurrentIndex(queue.warning.findData("CustomerAutoCreateDisabled"))
    wait_for(lambda: model.rowCount() < everything and model.is_loaded(0))
    for row in range(model.rowCount()):
        assert "CustomerAutoCreateDisabled" in model.queue_row(row).warnings  # type: ignore[union-attr]


def test_bulk_confirmation_previews_and_undoes_as_one_step(
    qtbot: QtBot, qtmodeltester: object, context: DeskContext
) -> None:
    window = open_window(qtbot, context)
    workspace = window.workspace
    assert workspace is not None
    table = workspace.queue_view.table
    table.setFocus()
    press(K.Key_A, CTRL)  # select every row of the queue
    wait_for(
        lambda: len(workspace.queue_view.selected_item_ids()) == workspace.queue_model.rowCount()
    )
    press(K.Key_B, CTRL)
    bulk = dialog(workspace, "bulkConfirm")
    assert isinstance(bulk, BulkConfirmDialog)
    wait_for(lambda: bulk.previews > 0)
    qtmodeltester.check(bulk.model)  # type: ignore[attr-defined]
    lines = {line.external_id: line for line in bulk.lines}
    # the two linked items have a warning, so by default nothing runs
    assert not bulk.run.isEnabled()
    assert lines["JOB-AMB"].skip is not None and lines["JOB-AMB"].skip.value == "not-confident"
    assert lines["JOB-MAPPED"].skip is not None and lines["JOB-MAPPED"].skip.value == "warnings"
    # allowing their warning kind makes them run; the preview says so before anything runs
    previews = bulk.previews
    bulk.allow["LocationAutoCreateDisabled"].setChecked(True)
    wait_for(lambda: bulk.previews > previews)
    assert {line.external_id for line in bulk.to_run()} == {"JOB-MAPPED", "JOB-MAPPED-2"}
    assert _history(context, "JOB-MAPPED") == []
    assert bulk.run.isEnabled()
    shown = workspace.views_shown
    bulk.run.setFocus()
    press(K.Key_Return)
    wait_for(lambda: _state(context, "JOB-MAPPED-2") == "decided")
    settle(workspace, shown)
    assert _state(context, "JOB-MAPPED") == "decided"
    assert _state(context, "JOB-AMB") == "pending"
    assert len(workspace.undo_steps) == 1
    # one Ctrl+Z undoes the whole bulk step
    _step(workspace, K.Key_Z, CTRL)
    assert _state(context, "JOB-MAPPED") == "pending"
    assert _state(context, "JOB-MAPPED-2") == "pending"


def test_the_review_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, context: DeskContext
) -> None:
    window = open_window(qtbot, context)
    workspace = window.workspace
    assert workspace is not None
    _on(workspace, "JOB-AMB")
    panel = workspace.panel
    qtmodeltester.check(panel.candidates_model)  # type: ignore[attr-defined]
    qtmodeltester.check(panel.compare_model)  # type: ignore[attr-defined]
    press("/")
    search = dialog(workspace, "recordSearch")
    assert isinstance(search, RecordSearchDialog)
    wait_for(lambda: search.searches > 0)
    qtmodeltester.check(search.model)  # type: ignore[attr-defined]
    press(K.Key_Escape)
    wait_for(lambda: workspace.dialog is None)
    press("l")
    picker = dialog(workspace, "locationPicker")
    qtmodeltester.check(picker.model)  # type: ignore[attr-defined]
    press(K.Key_Escape)
    wait_for(lambda: workspace.dialog is None)


def test_personal_data_is_masked_until_revealed_and_the_reveal_is_audited(
    qtbot: QtBot, context: DeskContext, tmp_path: Path
) -> None:
    from ordinavo_desk.store.database import Store
    from ordinavo_desk.store.rows import AuditEventRow

    window = open_window(qtbot, context)
    workspace = window.workspace
    assert workspace is not None
    _on(workspace, "JOB-AMB")
    model = workspace.panel.compare_model
    email = model.row_of("contact.email")
    assert model.index(email, INCOMING).data() == "\u2022" * 6
    press(K.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    wait_for(
        lambda: (
            model.index(model.row_of("contact.email"), INCOMING).data() == "jana@schmitz.example"
        )
    )
    store = Store(f"sqlite:///{tmp_path / 'desk.sqlite'}")
    try:
        with store.unit_of_work() as session:
            events = list(
                session.scalars(
                    select(AuditEventRow).where(AuditEventRow.action == "personal.revealed")
                )
            )
    finally:
        store.dispose()
    assert len(events) == 1
    assert events[0].after is not None and events[0].after["fields"] == ["email"]
    assert "jana@schmitz.example" not in str(events[0].after)


def test_the_profile_switcher_changes_tenant_and_queue(
    qtbot: QtBot, context: DeskContext, tmp_path: Path
) -> None:
    from ordinavo_desk.store.database import Store
    from tests.services.review_harness import import_items, local_profile

    store = Store(f"sqlite:///{tmp_path / 'desk.sqlite'}")
    try:
        other = local_profile(store, name="beta-crm", tenant="beta", sourceSystem="crm")
        (tmp_path / "beta").mkdir()
        import_items(store, other, tmp_path / "beta", {**UNKNOWN_BETA})
    finally:
        store.dispose()
    window = open_window(qtbot, context)
    workspace = window.workspace
    assert workspace is not None
    acme_rows = workspace.queue_model.rowCount()
    box = window.profile_box
    wait_for(lambda: box.findData("beta-crm") >= 0)
    index = box.findData("beta-crm")
    box.setCurrentIndex(index)
    box.activated.emit(index)
    wait_for(lambda: window.context is not None and window.context.profile.name == "beta-crm")
    switched = window.workspace
    assert switched is not None and switched is not workspace
    wait_for(lambda: switched.views_shown > 0 and switched.view is not None)
    assert switched.queue_model.rowCount() == 1 != acme_rows
    assert switched.view is not None and switched.view.external_id == "JOB-BETA"
    # the settings open on the same services (Ctrl+,)
    switched.queue_view.table.setFocus()
    press(K.Key_Comma, CTRL)
    wait_for(lambda: window.settings_dialog is not None and window.settings_dialog.isVisible())
    window.settings_dialog.close()


UNKNOWN_BETA = {
    "externalId": "JOB-BETA",
    "customer": {"name": "Beta Kunde GmbH", "externalId": "B-1"},
    "location": {"street": "Betaweg 1", "postalCode": "10115", "city": "Berlin"},
}


def test_differences_are_marked_by_a_delegate_on_the_differing_rows_only(
    qtbot: QtBot, context: DeskContext
) -> None:
    from ordinavo_desk.ui.review.compare_delegate import CompareDelegate, mark_colour
    from ordinavo_desk.ui.review.compare_model import DIFF_ROLE, STATE_ROLE

    window = open_window(qtbot, context)
    workspace = window.workspace
    assert workspace is not None
    _on(workspace, "JOB-AMB")
    panel = workspace.panel
    model, table = panel.compare_model, panel.compare

    def with_marks(row: int) -> bool:
        return bool(model.index(row, INCOMING).data(DIFF_ROLE)) and model.index(row, INCOMING).data(
            STATE_ROLE
        ) in {"differs", "corrected"}

    def delegated() -> set[int]:
        return {
            row
            for row in range(model.rowCount())
            if isinstance(table.itemDelegateForRow(row), CompareDelegate)
        }

    marked = {row for row in range(model.rowCount()) if with_marks(row)}
    assert marked, "the ambiguous item differs from its candidate somewhere"
    assert delegated() == marked == set(model.marked_rows)

    # what is painted: the marker's colour within the marked row, none in a row without
    table.clearSelection()
    table.setCurrentIndex(model.index(-1, -1))
    image = table.viewport().grab().toImage()
    colour = mark_colour(table.palette())

    def marker_pixels(row: int) -> int:
        top, height = table.rowViewportPosition(row), table.rowHeight(row)
        left = table.columnViewportPosition(INCOMING)
        width = table.columnWidth(INCOMING) * 2
        found = 0
        for y in range(top, top + height, 2):
            for x in range(left, left + width, 2):
                pixel = image.pixelColor(x, y)
                if abs(pixel.hue() - colour.hue()) <= 8 and pixel.saturation() > 60:
                    found += 1
        return found

    assert marker_pixels(min(marked)) > 0
    unmarked = next(row for row in range(model.rowCount()) if row not in marked)
    assert marker_pixels(unmarked) == 0

    # a correction that makes a row differ gets the row its delegate; undoing it drops it
    row = model.row_of("customer.name")
    before = row in marked
    assert model.setData(model.index(row, INCOMING), "Ganz Andere Firma GmbH")
    assert row in model.marked_rows and row in delegated()
    original = model.field_pair(row)
    assert original is not None
    model.setData(model.index(row, INCOMING), original.incoming or "")
    assert (row in delegated()) is before
