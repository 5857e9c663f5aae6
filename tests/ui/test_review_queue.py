"""The review queue in the window, on a real store with the demo world's items: rows
load in the background, the model passes Qt's model tester, filters and search run in
the store, selecting a row shows the item."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ordinavo_desk.services.demo_service import demo_world
from ordinavo_desk.services.desk_services import open_services
from ordinavo_desk.services.import_service import ImportService
from ordinavo_desk.services.queue_service import QueueSort
from ordinavo_desk.store.database import Store
from ordinavo_desk.ui.context import DeskContext
from ordinavo_desk.ui.main_window import MainWindow
from ordinavo_desk.ui.queue_model import CUSTOMER_COLUMN, ITEM_ID_ROLE, QueueTableModel
from ordinavo_desk.ui.review.candidates_model import CUSTOMER as CANDIDATE_CUSTOMER
from ordinavo_desk.ui.review.compare_model import STORED
from tests.services.review_harness import local_profile
from tests.ui.conftest import wait_for


@pytest.fixture
def context(tmp_path: Path) -> Iterator[DeskContext]:
    store = Store(f"sqlite:///{tmp_path / 'desk.sqlite'}")
    try:
        profile = local_profile(store)
        world = demo_world()
        ImportService(store).load_reference(world.reference, "acme")
        ImportService(store).import_file(world.items, profile)
        yield DeskContext(profile, open_services(store))
    finally:
        store.dispose()


def _window(qtbot: QtBot, context: DeskContext) -> MainWindow:
    window = MainWindow(context=context)
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    qtbot.waitExposed(window)
    model = window.queue_model
    wait_for(lambda: model.rowCount() > 0 and model.is_loaded(0))
    return window


def _all_loaded(model: QueueTableModel) -> bool:
    return all(model.is_loaded(row) for row in range(0, model.rowCount(), 200))


def test_the_queue_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, context: DeskContext
) -> None:
    window = _window(qtbot, context)
    model = window.queue_model
    for row in range(model.rowCount()):
        model.queue_row(row)  # ask for every page
    wait_for(lambda: _all_loaded(model))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    open_items = context.queue.count(context.profile, window.queue_view.current_filter())
    assert model.rowCount() == open_items
    assert window.queue_view.count.text() == f"{open_items} item(s)"
    wait_for(lambda: "reviewed" in window.queue_view.progress.text())
    assert window.queue_view.progress.text().startswith("0 of ")


def test_search_filters_and_selection(qtbot: QtBot, context: DeskContext) -> None:
    window = _window(qtbot, context)
    view, model = window.queue_view, window.queue_model
    assert view is not None and window.item_panel is not None
    before = model.rowCount()
    qtbot.keyClicks(view.search, "Schmitz")
    wait_for(lambda: 0 < model.rowCount() < before and model.is_loaded(0))
    assert 0 < model.rowCount() < before
    names = {model.index(r, CUSTOMER_COLUMN).data() for r in range(model.rowCount())}
    assert all("schmitz" in name.lower() for name in names)

    schmitz = model.rowCount()
    view.status.setCurrentIndex(view.status.findData("Failed"))
    wait_for(lambda: model.rowCount() != schmitz and (model.rowCount() == 0 or model.is_loaded(0)))
    assert {model.index(r, 1).data() for r in range(model.rowCount())} <= {"Failed"}

    view.search.clear()
    view.status.setCurrentIndex(0)
    wait_for(lambda: model.rowCount() == before and model.is_loaded(0))
    view.table.setFocus()
    view.table.selectRow(0)
    first = model.index(0, 0).data(ITEM_ID_ROLE)
    item = context.review.item(context.profile, first)
    wait_for(lambda: window.item_panel.title.text().startswith(item.external_id))


def test_sorting_by_a_column_asks_the_store(qtbot: QtBot, context: DeskContext) -> None:
    window = _window(qtbot, context)
    view, model = window.queue_view, window.queue_model
    assert view is not None
    done = model.reloads
    view.table.sortByColumn(CUSTOMER_COLUMN, Qt.SortOrder.AscendingOrder)
    assert model.sort_key[0] is QueueSort.CUSTOMER
    wait_for(lambda: model.reloads > done and model.is_loaded(0))
    names = [model.index(r, CUSTOMER_COLUMN).data() for r in range(min(50, model.rowCount()))]
    present = [n for n in names if n]
    assert present == sorted(present)


def test_every_item_shows_its_own_candidates_and_comparison(
    qtbot: QtBot, context: DeskContext
) -> None:
    """Moving item by item, the candidates and the comparison change in place where the
    shape allows: what they show is always the item on screen, never the one before."""
    window = _window(qtbot, context)
    workspace, panel = window.workspace, window.item_panel
    assert workspace is not None and panel is not None
    model = window.queue_model
    window.queue_view.table.selectRow(0)
    counts = set()
    for row in range(min(40, model.rowCount())):
        item_id = model.index(row, 0).data(ITEM_ID_ROLE)
        wait_for(lambda item_id=item_id: panel.view is not None and panel.view.item_id == item_id)
        view = panel.view
        assert view is not None
        counts.add(len(view.candidates))
        shown = [
            panel.candidates_model.index(r, CANDIDATE_CUSTOMER).data()
            for r in range(panel.candidates_model.rowCount())
        ]
        names = [c.customer_name or f"customer {c.customer_id}" for c in view.candidates]
        assert len(shown) == len(names)
        assert all(text.startswith(name) for text, name in zip(shown, names, strict=True))
        selected = panel.selected_candidate()
        if view.candidates:
            assert selected is not None and selected.rank == (view.proposed_rank or 1)
            compared = {
                panel.compare_model.field_pair(r).key: panel.compare_model.index(r, STORED).data()  # type: ignore[union-attr]
                for r in range(panel.compare_model.rowCount())
            }
            stored_name = next(p.stored for p in selected.fields if p.key == "customer.name")
            assert compared["customer.name"] == (stored_name or "(none)")
        workspace.step_queue(1)
    assert len(counts) > 1  # both ways were taken: in place and reset
