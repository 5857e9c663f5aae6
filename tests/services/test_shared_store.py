"""Two desks on one PostgreSQL store: each sees the other's decisions and claims; two
people deciding one item at once get one decision and one clear conflict, never a silent
overwrite; the audit chain stays one chain."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.enums import DecisionKind
from ordinavo_desk.domain.errors import ConflictError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.services.status_service import desk_status
from ordinavo_desk.store.audit_trail import AuditTrail
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.decision_repository import ClaimedError, StaleItemError
from tests.services.review_harness import counts, item_id, review_store

pytestmark = pytest.mark.postgres


@pytest.fixture
def desks(postgres_url: str, tmp_path: Path) -> Iterator[tuple[Store, Store, Profile]]:
    with review_store(postgres_url, tmp_path) as (first, profile):
        second = Store(postgres_url)
        try:
            yield first, second, profile
        finally:
            second.dispose()


def test_each_desk_sees_the_others_decisions_and_claims(
    desks: tuple[Store, Store, Profile],
) -> None:
    first, second, profile = desks
    anna = ReviewService(first, author="anna")
    ben = ReviewService(second, author="ben")
    decided = anna.decide(
        profile, item_id(first, "JOB-AMB"), DecisionRequest(kind=DecisionKind.CONFIRM)
    )
    history = ben.history(profile, item_id(second, "JOB-AMB"))
    assert [(d.id, d.author, d.kind) for d in history] == [(decided.id, "anna", "Confirm")]
    assert desk_status(second, profile).decided_items == 1

    anna.claim(profile, item_id(first, "JOB-NEW"))
    with pytest.raises(ClaimedError, match="open by anna"):
        ben.claim(profile, item_id(second, "JOB-NEW"))
    with pytest.raises(ClaimedError):
        ben.decide(profile, item_id(second, "JOB-NEW"), DecisionRequest(kind=DecisionKind.DEFER))
    anna.release(profile, item_id(first, "JOB-NEW"))
    ben.claim(profile, item_id(second, "JOB-NEW"))


def test_two_people_deciding_one_item_at_once_get_one_decision_and_one_conflict(
    desks: tuple[Store, Store, Profile],
) -> None:
    first, second, profile = desks
    target = item_id(first, "JOB-AMB")
    before = counts(first)
    outcomes: dict[str, object] = {}
    start = threading.Barrier(2)

    def decide(name: str, store: Store, request: DecisionRequest) -> None:
        service = ReviewService(store, author=name)
        start.wait()
        try:
            outcomes[name] = service.decide(profile, target, request, seen_seq=0)
        except ConflictError as exc:
            outcomes[name] = exc

    threads = [
        threading.Thread(target=decide, args=("anna", first, DecisionRequest(kind=DecisionKind.CONFIRM))),
        threading.Thread(target=decide, args=("ben", second, DecisionRequest(
            kind=DecisionKind.CHOOSE, customer_id=11, location_id=41))),
    ]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    failures = [o for o in outcomes.values() if isinstance(o, ConflictError)]
    assert len(outcomes) == 2 and len(failures) == 1
    assert isinstance(failures[0], StaleItemError)
    assert "decided by someone else" in str(failures[0])
    after = counts(first)
    assert after["review_decisions"] == before["review_decisions"] + 1
    assert after["audit_events"] == before["audit_events"] + 1


def test_concurrent_decisions_keep_one_audit_chain(desks: tuple[Store, Store, Profile]) -> None:
    first, second, profile = desks
    ids = [item_id(first, name) for name in ("JOB-AMB", "JOB-NEW", "JOB-MAPPED")]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(name: str, store: Store) -> None:
        service = ReviewService(store, author=name)
        start.wait()
        try:
            for _round in range(3):
                for target in ids:
                    # the other desk may be first: it is told so, clearly
                    with contextlib.suppress(ConflictError):
                        service.decide(profile, target, DecisionRequest(kind=DecisionKind.DEFER))
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n, s)) for n, s in
               (("anna", first), ("ben", second))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert counts(first)["audit_events"] >= 3
    with first.unit_of_work() as session:
        assert AuditTrail(session, "acme").verify() is None
