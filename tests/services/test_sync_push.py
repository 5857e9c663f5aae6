"""Pushing decisions to the sandbox over HTTP on 127.0.0.1: every outcome of the retry
table, order per item, exactly-once delivery under faults, plain v1 write-back."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.decisions import RecordedDecision
from ordinavo_desk.domain.enums import DecisionKind
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.sandbox.imports import item_wire_id
from ordinavo_desk.sandbox.rows import DecisionRow, ItemRow
from ordinavo_desk.services.connection import open_client
from ordinavo_desk.services.push_service import PushService, PushStoppedError, PushSummary
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.services.sync_service import SyncService
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.item_repository import ImportItemRepository
from ordinavo_desk.store.rows import CustomerRow, ImportItemRow, OutboxRow, ReviewDecisionRow
from tests.sandbox.harness import FULL_KEY, LIMITED_KEY, Sandbox
from tests.services.sync_harness import (
    READONLY_KEY,
    ambiguous_items,
    profile_for,
)


def _pulled(store: Store, sandbox: Sandbox, count: int = 3) -> Profile:
    ambiguous_items(sandbox, FULL_KEY, "AMB", count)
    profile = profile_for(store, sandbox)
    SyncService(store).pull(profile, sandbox.client())
    return profile


def _id(store: Store, external_id: str) -> int:
    with store.unit_of_work() as session:
        found = ImportItemRepository(session, "acme").find("sap-erp", external_id)
        assert found is not None
        return found.id


def _decide(store: Store, profile: Profile, external_id: str, **fields: Any) -> RecordedDecision:
    return ReviewService(store, author="anna").decide(
        profile, _id(store, external_id), DecisionRequest.model_validate(fields)
    )


def _push(store: Store, sandbox: Sandbox, profile: Profile, key: str = FULL_KEY) -> PushSummary:
    return PushService(store).push(profile, sandbox.client(key))


def _server_items(sandbox: Sandbox) -> dict[str, ItemRow]:
    with sandbox.service.store.unit_of_work() as session:
        rows = session.scalars(select(ItemRow)).all()
        for row in rows:
            session.expunge(row)
        return {row.external_id: row for row in rows}


def _server_decisions(sandbox: Sandbox) -> dict[str, list[str]]:
    """Decision kinds per item external id, as the server recorded them."""
    items = {row.id: row.external_id for row in _server_items(sandbox).values()}
    found: dict[str, list[str]] = {}
    with sandbox.service.store.unit_of_work() as session:
        for row in session.scalars(select(DecisionRow).order_by(DecisionRow.id)):
            found.setdefault(items[row.item_id], []).append(row.record["kind"])
    return found


def _outbox(store: Store) -> list[OutboxRow]:
    with store.unit_of_work() as session:
        rows = list(session.scalars(select(OutboxRow).order_by(OutboxRow.id)))
        for row in rows:
            session.expunge(row)
        return rows


def test_every_kind_of_decision_is_sent_and_lands_on_the_server(
    store: Store, sandbox: Sandbox
) -> None:
    profile = _pulled(store, sandbox, 5)
    _decide(store, profile, "AMB-0", kind="Confirm")
    _decide(store, profile, "AMB-1", kind="Choose", customerId=15)
    _decide(store, profile, "AMB-2", kind="Reject", reasonCode="DuplicateJob", reasonText="twice")
    _decide(store, profile, "AMB-3", kind="Defer", deferUntil="2026-12-24", note="after Xmas")
    _decide(store, profile, "AMB-4", kind="CreateNew",
            corrections={"customer": {"name": "Bäckerei Müller Zweigstelle"}})  # fmt: skip
    summary = _push(store, sandbox, profile)
    assert (summary.sent, summary.conflicts, summary.rejected, summary.retrying) == (5, 0, 0, 0)
    server = _server_items(sandbox)
    assert {k: server[k].review_state for k in server} == {
        "AMB-0": "Decided", "AMB-1": "Decided", "AMB-2": "Rejected", "AMB-3": "Deferred",
        "AMB-4": "Decided",
    }  # fmt: skip
    assert server["AMB-1"].customer_id == 15
    assert server["AMB-4"].status == "Created"
    assert all(row.state == "sent" and row.server_decision_id for row in _outbox(store))
    with store.unit_of_work() as session:
        versions = {
            row.external_id: row.server_version for row in session.scalars(select(ImportItemRow))
        }
    assert versions == {key: "2" for key in server}  # each item moved on by its decision
    assert _push(store, sandbox, profile).sent == 0  # nothing is sent twice


def test_decisions_made_offline_one_after_another_go_out_in_order(
    store: Store, sandbox: Sandbox
) -> None:
    profile = _pulled(store, sandbox, 1)
    _decide(store, profile, "AMB-0", kind="Defer", note="call first")
    _decide(store, profile, "AMB-0", kind="Choose", customerId=14)
    summary = _push(store, sandbox, profile)
    assert (summary.sent, summary.conflicts) == (2, 0)
    assert _server_decisions(sandbox) == {"AMB-0": ["Defer", "Choose"]}
    assert _server_items(sandbox)["AMB-0"].customer_id == 14


def test_undo_before_the_push_sends_nothing_and_after_it_sends_a_revert(
    store: Store, sandbox: Sandbox
) -> None:
    profile = _pulled(store, sandbox, 2)
    review = ReviewService(store, author="anna")
    _decide(store, profile, "AMB-0", kind="Confirm")
    review.undo(profile, _id(store, "AMB-0"))
    _decide(store, profile, "AMB-1", kind="Choose", customerId=15)
    assert _push(store, sandbox, profile).sent == 1
    assert [row.state for row in _outbox(store)] == ["superseded", "sent"]
    review.undo(profile, _id(store, "AMB-1"))  # already sent: a Revert goes out
    summary = _push(store, sandbox, profile)
    assert summary.sent == 1
    assert _server_decisions(sandbox) == {"AMB-1": ["Choose", "Revert"]}
    server = _server_items(sandbox)["AMB-1"]
    assert (server.review_state, server.customer_id) == ("Open", None)


def test_a_stale_item_is_a_conflict_kept_with_both_versions(store: Store, sandbox: Sandbox) -> None:
    profile = _pulled(store, sandbox, 2)
    _decide(store, profile, "AMB-0", kind="Confirm")
    _decide(store, profile, "AMB-1", kind="Confirm")
    # meanwhile someone else decides AMB-0 on the server
    other = sandbox.client()
    detail = other.review_item(item_wire_id(_server_items(sandbox)["AMB-0"].id))
    other.decide(detail.id, DecisionRequest(kind=DecisionKind.CHOOSE, customer_id=15),
                 version=detail.version, idempotency_key="someone-else")  # fmt: skip
    summary = _push(store, sandbox, profile)
    assert (summary.sent, summary.conflicts) == (1, 1)
    conflict = _outbox(store)[0]
    assert conflict.state == "conflict"
    assert conflict.response is not None
    assert conflict.response["problem"]["status"] == 412
    assert conflict.response["serverItem"]["customerMapping"]["customerId"] == 15
    attention = ReviewService(store).needing_attention(profile)
    assert [d.item_external_id for d in attention] == ["AMB-0"]
    # the pull keeps the local decision until a person resolves it ...
    assert SyncService(store).pull(profile, sandbox.client()).items.departed == 0
    with store.unit_of_work() as session:
        row = session.get(ImportItemRow, _id(store, "AMB-0"))
        assert row is not None and row.server_version == "1"
    # ... taking the server's version: the local decision is superseded, the pull updates
    ReviewService(store).undo(profile, _id(store, "AMB-0"))
    assert SyncService(store).pull(profile, sandbox.client()).items.departed == 1
    with store.unit_of_work() as session:
        row = session.get(ImportItemRow, _id(store, "AMB-0"))
        assert row is not None and row.review_state == "decided"
    assert _server_decisions(sandbox)["AMB-0"] == ["Choose"]


def test_a_cancelled_item_and_a_record_the_server_lacks_are_conflicts(
    store: Store, sandbox: Sandbox
) -> None:
    profile = _pulled(store, sandbox, 2)
    with store.unit_of_work() as session:  # known here, unknown on the server
        session.add(CustomerRow(tenant="acme", id=999, name="Ghost GmbH", status="Active"))
    _decide(store, profile, "AMB-0", kind="Choose", customerId=999)
    _decide(store, profile, "AMB-1", kind="Confirm")
    sandbox.client().import_target({"externalId": "AMB-1", "operation": "cancel"})
    summary = _push(store, sandbox, profile)
    assert summary.conflicts == 2
    problems = [row.response["problem"] for row in _outbox(store) if row.response]
    assert problems[0]["status"] == 409 and "999" in problems[0]["message"]
    assert problems[1]["status"] == 412  # cancelling gave the item a new version
    assert _server_decisions(sandbox) == {}


def test_another_client_error_is_rejected_with_its_reason(store: Store, sandbox: Sandbox) -> None:
    profile = _pulled(store, sandbox, 1)
    _decide(store, profile, "AMB-0", kind="Confirm")
    with store.unit_of_work() as session:
        row = session.get(ImportItemRow, _id(store, "AMB-0"))
        assert row is not None
        row.server_item_id = "ri_999999"  # the server has no such item
    with store.unit_of_work() as session:
        decision = session.scalars(select(ReviewDecisionRow)).one()
        decision.payload = {**decision.payload, "serverItemId": "ri_999999"}
    summary = _push(store, sandbox, profile)
    assert summary.rejected == 1
    entry = _outbox(store)[0]
    assert entry.state == "rejected"
    assert entry.last_error is not None and "404" in entry.last_error


def test_a_key_that_may_not_decide_stops_the_push(store: Store, sandbox: Sandbox) -> None:
    profile = _pulled(store, sandbox, 2)
    _decide(store, profile, "AMB-0", kind="Confirm")
    _decide(store, profile, "AMB-1", kind="Confirm")
    with pytest.raises(PushStoppedError, match=r"customers\.map") as stopped:
        _push(store, sandbox, profile, key=READONLY_KEY)
    assert stopped.value.summary.retrying == 2
    assert [row.state for row in _outbox(store)] == ["pending", "pending"]
    with pytest.raises(PushStoppedError, match="refused the key"):
        _push(store, sandbox, profile, key="fio_unknown_key_0000")
    assert _push(store, sandbox, profile).sent == 2  # with the right key, both go out


def test_when_the_server_stays_busy_the_push_stops_and_goes_on_later(
    store: Store, sandbox: Sandbox
) -> None:
    profile = _pulled(store, sandbox, 3)
    for n in range(3):
        _decide(store, profile, f"AMB-{n}", kind="Confirm")
    # a key allowed two requests a minute: the health check and one decision
    summary = _push(store, sandbox, profile, key=LIMITED_KEY)
    assert (summary.sent, summary.retrying) == (1, 2)
    assert summary.stopped is not None and "429" in summary.stopped
    states = [row.state for row in _outbox(store)]
    # the third may have been on its way too (requests go out side by side)
    assert states[:2] == ["sent", "retrying"] and states[2] in {"retrying", "pending"}
    busy = _outbox(store)[1]
    assert busy.attempts == 1 and busy.next_attempt_at is not None
    # a server answering 503 to everything: nothing is tried, nothing is lost
    sandbox.faults("error503=1.0,retryAfter=0")
    summary = _push(store, sandbox, profile)
    assert (summary.sent, summary.retrying) == (0, 2)
    assert summary.stopped is not None and "503" in summary.stopped
    sandbox.faults("none")
    assert _push(store, sandbox, profile).sent == 2
    assert all(kinds == ["Confirm"] for kinds in _server_decisions(sandbox).values())


def test_offline_keeps_everything_for_the_next_push(store: Store, sandbox: Sandbox) -> None:
    profile = _pulled(store, sandbox, 1)
    _decide(store, profile, "AMB-0", kind="Confirm")
    offline = profile.model_copy(update={"base_url": "http://127.0.0.1:9"})
    with open_client("http://127.0.0.1:9", FULL_KEY, 0.5) as client:
        summary = PushService(store).push(offline, client)
    assert (summary.sent, summary.retrying) == (0, 1)
    assert summary.stopped is not None
    assert _outbox(store)[0].state == "pending"
    assert _push(store, sandbox, profile).sent == 1


def test_injected_faults_deliver_every_decision_exactly_once(
    store: Store, sandbox: Sandbox
) -> None:
    profile = _pulled(store, sandbox, 20)
    for n in range(20):
        _decide(store, profile, f"AMB-{n}", kind="Choose", customerId=14 + n % 2)
    sandbox.faults("error503=0.15,drop=0.15,retryAfter=0,seed=7")
    client = sandbox.client(max_attempts=8)
    sent = 0
    for _ in range(5):  # a push may stop on a run of bad luck; the next one goes on
        sent += PushService(store).push(profile, client).sent
        if sent == 20:
            break
    assert sent == 20
    decided = _server_decisions(sandbox)
    assert decided == {f"AMB-{n}": ["Choose"] for n in range(20)}
    assert sandbox.sleep.delays  # the faults did fire, and were retried
