"""The review queue in SQL: filters, text search, sorting, paging, progress, resume."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.enums import DecisionKind
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.demo_service import demo_world
from ordinavo_desk.services.import_service import ImportService
from ordinavo_desk.services.queue_service import QueueFilter, QueueService, QueueSort
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.store.database import Store
from tests.services.review_harness import item_id, local_profile


@pytest.fixture
def queue(db_url: str) -> Iterator[tuple[Store, Profile]]:
    """The demo world's 200 items under name-and-address rules without auto-creation."""
    store = Store(db_url)
    try:
        profile = local_profile(store)
        world = demo_world()
        ImportService(store).load_reference(world.reference, "acme")
        ImportService(store).import_file(world.items, profile)
        yield store, profile
    finally:
        store.dispose()


def test_filters_search_sorting_and_paging_cover_every_item(
    queue: tuple[Store, Profile],
) -> None:
    store, profile = queue
    service = QueueService(store)
    everything = QueueFilter(state="")
    total = service.count(profile, everything)
    assert total == len(demo_world().items.read_text(encoding="utf-8").splitlines())
    rows = [r for offset in range(0, total, 64)
            for r in service.page(profile, everything, offset=offset, limit=64).rows]  # fmt: skip
    assert len({r.item_id for r in rows}) == total  # pages neither overlap nor leave gaps

    warned = QueueFilter(state="", warnings=frozenset({"AmbiguousNameAndAddress"}))
    ambiguous = service.page(profile, warned, limit=500).rows
    assert ambiguous and all("AmbiguousNameAndAddress" in r.warnings for r in ambiguous)
    assert service.count(profile, warned) == len(ambiguous)
    assert len(ambiguous) == sum("AmbiguousNameAndAddress" in r.warnings for r in rows)

    failed = QueueFilter(state="", statuses=frozenset({"Failed"}))
    assert {r.status for r in service.page(profile, failed, limit=500).rows} == {"Failed"}

    munich = service.page(profile, QueueFilter(state="", text="münchen"), limit=500).rows
    assert munich and all("münchen" in (r.city or "").lower() for r in munich)
    by_id = service.page(profile, QueueFilter(state="", text="JOB-2026-000018"), limit=5).rows
    assert [r.external_id for r in by_id] == ["JOB-2026-000018"]
    assert service.count(profile, QueueFilter(state="", text="%")) == 0  # taken literally

    names = [r.customer_name for r in
             service.page(profile, everything, sort=QueueSort.CUSTOMER, limit=500).rows]  # fmt: skip
    known = [n for n in names if n is not None]
    assert known == sorted(known)
    due = [r.due for r in service.page(profile, everything, sort=QueueSort.DUE,
                                       descending=True, limit=500).rows if r.due]  # fmt: skip
    assert due == sorted(due, reverse=True)
    soon = QueueFilter(state="", due_until=min(due))
    assert {r.due for r in service.page(profile, soon, limit=500).rows} == {min(due)}


def test_progress_resume_and_the_row_of_an_item(queue: tuple[Store, Profile]) -> None:
    store, profile = queue
    service = QueueService(store)
    start = service.progress(profile)
    assert start.reviewed == 0 and start.total == service.count(profile, QueueFilter()) > 20
    target = item_id(store, "JOB-2026-000018")
    ReviewService(store).decide(profile, target, DecisionRequest(kind=DecisionKind.DEFER))
    assert service.progress(profile).reviewed == 0  # deferred is not reviewed
    ReviewService(store).decide(profile, target, DecisionRequest(kind=DecisionKind.CONFIRM))
    assert service.progress(profile).reviewed == 1
    open_items = QueueFilter()
    assert service.index_of(profile, open_items, target) is None  # reviewed: not open
    assert service.count(profile, QueueFilter(state="reviewed")) == 1

    other = item_id(store, "JOB-2026-000011")
    for sort in QueueSort:
        for descending in (False, True):
            index = service.index_of(profile, open_items, other, sort=sort,
                                     descending=descending)  # fmt: skip
            if index is None:
                continue
            page = service.page(profile, open_items, sort=sort, descending=descending,
                                offset=index, limit=1)  # fmt: skip
            assert page.rows[0].item_id == other, (sort, descending)
    assert service.position(profile) is None
    service.remember_position(profile, other)
    assert service.position(profile) == other
