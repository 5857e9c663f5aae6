"""The read-ahead bookkeeping of the review workspace: kept views, freshness, the item
that waits for a read under way, and reads made stale by a reload."""

from __future__ import annotations

from typing import cast

from ordinavo_desk.services.item_view import ItemView
from ordinavo_desk.ui.review.read_ahead import ReadAhead


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _view(name: str) -> ItemView:
    return cast(ItemView, name)  # the bookkeeping only keeps and hands back views


def test_a_view_read_ahead_is_taken_once_and_fresh_for_a_while() -> None:
    clock = Clock()
    ahead = ReadAhead(fresh_for=10.0, clock=clock)
    assert ahead.wants(7)
    ahead.started(7)
    assert ahead.is_reading(7) and not ahead.wants(7)
    assert ahead.arrived(7, _view("seven"), stale=False) is None  # nobody waited: kept
    assert not ahead.is_reading(7) and not ahead.wants(7)
    clock.now += 9.0
    assert ahead.take(7) == (_view("seven"), True)
    assert ahead.take(7) is None  # taken once
    ahead.started(8)
    ahead.arrived(8, _view("eight"), stale=False)
    clock.now += 11.0
    assert ahead.take(8) == (_view("eight"), False)  # shown, and read again by the workspace


def test_the_item_waiting_for_its_read_gets_the_view_and_it_is_not_kept() -> None:
    ahead = ReadAhead()
    ahead.started(3)
    ahead.wait_for(3, generation=42)
    assert ahead.arrived(3, _view("three"), stale=False) == 42
    assert ahead.take(3) is None and ahead.wants(3)
    # a later read of another item is not taken for the waiting one
    ahead.started(4)
    ahead.wait_for(5, generation=43)
    assert ahead.arrived(4, _view("four"), stale=False) is None
    assert ahead.take(4) == (_view("four"), True)


def test_a_stale_read_is_not_kept_but_still_answers_who_waited() -> None:
    ahead = ReadAhead()
    ahead.started(1)
    assert ahead.arrived(1, _view("one"), stale=True) is None
    assert ahead.take(1) is None
    ahead.started(2)
    ahead.wait_for(2, generation=9)
    assert ahead.arrived(2, _view("two"), stale=True) == 9  # the workspace reads it again


def test_a_failed_read_tells_whether_someone_waited() -> None:
    ahead = ReadAhead()
    ahead.started(1)
    assert ahead.failed(1) is False and ahead.wants(1)
    ahead.started(2)
    ahead.wait_for(2, generation=5)
    assert ahead.failed(2) is True
    assert ahead.failed(2) is False  # it waits no more


def test_only_the_latest_views_are_kept_and_a_reload_forgets_them() -> None:
    ahead = ReadAhead(kept=2)
    for item in (1, 2, 3):
        ahead.started(item)
        ahead.arrived(item, _view(str(item)), stale=False)
    assert ahead.take(1) is None  # the oldest went
    assert ahead.take(3) == (_view("3"), True)
    ahead.forget()
    assert ahead.take(2) is None
