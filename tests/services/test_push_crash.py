"""Killing a push with SIGKILL at any moment loses no decision and duplicates none: after
a restart and another push, the server holds each decision exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.enums import DecisionKind
from ordinavo_desk.sandbox.rows import DecisionRow
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.services.sync_service import SyncService
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.item_repository import ImportItemRepository
from ordinavo_desk.store.rows import OutboxRow
from tests.sandbox.harness import FULL_KEY, Sandbox
from tests.services.sync_harness import ambiguous_items, profile_for, sync_sandbox

ITEMS = 120
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with sync_sandbox() as running:
        yield running


def _child(db_url: str, sandbox: Sandbox) -> subprocess.Popen[str]:
    env = {**os.environ, "ORDINAVO_DESK_API_KEY": FULL_KEY}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.services.push_child", db_url, sandbox.base_url, "acme"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_after(db_url: str, sandbox: Sandbox, handled: int) -> None:
    """Start a push and kill it with SIGKILL once it has handled ``handled`` more."""
    with _child(db_url, sandbox) as child:
        assert child.stdout is not None
        seen = 0
        for line in child.stdout:
            if line.strip().isdigit():
                seen = int(line)
            if seen >= handled:
                break
        child.send_signal(signal.SIGKILL)
        _out, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err


def test_kill_9_during_a_push_loses_nothing_and_duplicates_nothing(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path / 'desk.sqlite'}"
    store = Store(db_url)
    ambiguous_items(sandbox, FULL_KEY, "AMB", ITEMS)
    profile = profile_for(store, sandbox)
    SyncService(store).pull(profile, sandbox.client())
    review = ReviewService(store, author="anna")
    with store.unit_of_work() as session:
        ids = [item.id for item in ImportItemRepository(session, "acme").page(limit=ITEMS)]
    for item_id in ids:
        review.decide(profile, item_id, DecisionRequest(kind=DecisionKind.CONFIRM))
    # slow answers widen the moments between the server's commit and the desk's
    sandbox.faults("latency=5-15,drop=0.1,seed=3")
    for handled in (7, 23, 41):
        _kill_after(db_url, sandbox, handled)
    sandbox.faults("none")
    with _child(db_url, sandbox) as child:
        out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert out.strip().splitlines()[-1].startswith("sent=")

    with store.unit_of_work() as session:
        states = list(session.scalars(select(OutboxRow.state)))
    assert states == ["sent"] * ITEMS
    with sandbox.service.store.unit_of_work() as session:
        per_item: dict[int, int] = {}
        for row in session.scalars(select(DecisionRow)):
            per_item[row.item_id] = per_item.get(row.item_id, 0) + 1
    assert len(per_item) == ITEMS
    assert set(per_item.values()) == {1}
    store.dispose()
