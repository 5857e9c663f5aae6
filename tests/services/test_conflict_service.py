"""Conflicts against the sandbox on 127.0.0.1: a decision made here while someone else
changed the item on the server, listed with both sides, resolved either way; and the
figures of the window's status strip (connection_state)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from ordinavo_desk.domain.errors import ConflictError, DeskError, NotFoundError
from ordinavo_desk.services.conflict_service import (
    ConflictService,
    DecideAgainBlock,
)
from ordinavo_desk.services.connection_state import ConnectionStateService, Reachability
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.services.sync_service import SyncService
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.profile_repository import ProfileRepository
from ordinavo_desk.store.rows import (
    AuditEventRow,
    CustomerRow,
    ImportItemRow,
    OutboxRow,
    ReviewDecisionRow,
)
from tests.sandbox.harness import Sandbox, running_sandbox
from tests.services.conflict_harness import (
    decide,
    decide_on_server,
    keys_for,
    pulled,
    push,
)
from tests.services.review_harness import local_profile
from tests.services.sync_harness import profile_for
from tests.services.test_sync_push import _id, _outbox, _server_decisions, _server_items


def _rows(store: Store) -> dict[str, int]:
    with store.unit_of_work() as session:
        return {
            row.__tablename__: session.scalar(select(func.count()).select_from(row)) or 0
            for row in (ReviewDecisionRow, OutboxRow, AuditEventRow)
        }


def _item(store: Store, external_id: str) -> ImportItemRow:
    with store.unit_of_work() as session:
        row = session.get(ImportItemRow, _id(store, external_id))
        assert row is not None
        session.expunge(row)
        return row


def test_a_conflict_is_listed_with_both_sides(store: Store, sandbox: Sandbox) -> None:
    profile = pulled(store, sandbox)
    decide(store, profile, "AMB-0", kind="Choose", customerId=14,
            corrections={"location": {"street": "Marktplatz 4a"}})  # fmt: skip
    decide(store, profile, "AMB-1", kind="Confirm")
    decide_on_server(sandbox, "AMB-0", kind="Choose", customerId=15)
    assert push(store, sandbox, profile) == (1, 1)

    service = ConflictService(store, author="carla")
    assert service.count(profile) == 1
    [conflict] = service.conflicts(profile)
    assert conflict.item_external_id == "AMB-0"
    assert conflict.item_customer == "Bäckerei Müller" and conflict.item_city == "Köln"
    local, server = conflict.local, conflict.server
    assert (local.kind, local.author, local.server_version) == ("Choose", "anna", 1)
    assert local.customer is not None and local.customer.id == 14
    assert local.customer.name  # the name comes from the reference data
    assert local.corrections == {"location": {"street": "Marktplatz 4a"}}
    assert server.known and (server.review_state, server.version) == ("Decided", 2)
    assert server.customer is not None and server.customer.id == 15 and server.customer.name
    assert (server.decided_by, server.decision_kind) == ("bob", "Choose")
    assert server.decided_at is not None and server.title == "Oven service"
    assert (conflict.problem.status, conflict.problem.code) == (412, "precondition_failed")
    assert "version 2" in conflict.problem.message
    # decided there: it takes no other decision, so only the server's state can be taken
    assert conflict.decide_again_blocked is DecideAgainBlock.SERVER_ITEM_CLOSED
    before = _rows(store)
    with pytest.raises(ConflictError, match="no longer open on the server"):
        service.decide_again(profile, conflict.decision_id)
    assert _rows(store) == before


def test_taking_the_servers_state_supersedes_the_local_decision(
    store: Store, sandbox: Sandbox
) -> None:
    profile = pulled(store, sandbox)
    decide(store, profile, "AMB-0", kind="Choose", customerId=14)
    decide_on_server(sandbox, "AMB-0", kind="Choose", customerId=15)
    assert push(store, sandbox, profile) == (0, 1)
    service = ConflictService(store, author="carla")
    [conflict] = service.conflicts(profile)

    undo = service.take_server(profile, conflict.decision_id)
    assert (undo.kind, undo.author, undo.supersedes_id) == ("Undo", "carla", conflict.decision_id)
    assert [row.state for row in _outbox(store)] == ["superseded"]
    assert service.conflicts(profile) == [] and service.count(profile) == 0
    assert push(store, sandbox, profile) == (0, 0)  # nothing is sent for it
    assert _server_decisions(sandbox) == {"AMB-0": ["Choose"]}  # bob's only
    # the next pull brings the item as the server has it
    SyncService(store).pull(profile, sandbox.client())
    item = _item(store, "AMB-0")
    assert (item.review_state, item.server_version) == ("decided", "2")
    mapping = ReviewService(store).item(profile, item.id).mapping
    assert mapping is not None and mapping.customer_id == 15
    with pytest.raises(ConflictError, match="not in conflict"):
        service.take_server(profile, conflict.decision_id)  # resolved already


def test_deciding_again_sends_the_decision_on_the_servers_version(
    store: Store, sandbox: Sandbox
) -> None:
    profile = pulled(store, sandbox)
    first = decide(store, profile, "AMB-0", kind="Choose", customerId=14)
    decide_on_server(sandbox, "AMB-0", kind="Defer", note="call first")
    assert push(store, sandbox, profile) == (0, 1)
    service = ConflictService(store, author="carla")
    [conflict] = service.conflicts(profile)
    assert (conflict.server.review_state, conflict.server.version) == ("Deferred", 2)
    assert conflict.can_decide_again
    before = _rows(store)

    again = service.decide_again(profile, conflict.decision_id)
    assert (again.kind, again.author, again.outbox_state) == ("Choose", "carla", "pending")
    assert again.links_after["customerId"] == 14
    assert again.payload["serverVersion"] == 2
    # the refused decision undone, the new one recorded: two decisions, each audited, one
    # new outbox entry with a key of its own
    decisions, outbox, audit = before.values()
    assert list(_rows(store).values()) == [decisions + 2, outbox + 1, audit + 2]
    old, new = _outbox(store)
    assert (old.decision_id, old.state) == (first.id, "superseded")
    assert (new.decision_id, new.state) == (again.id, "pending")
    assert new.idempotency_key != old.idempotency_key
    assert _item(store, "AMB-0").server_version == "2"
    history = ReviewService(store).history(profile, _id(store, "AMB-0"))
    assert [d.kind for d in history] == ["Choose", "Undo", "Choose"]
    assert service.conflicts(profile) == []

    assert push(store, sandbox, profile) == (1, 0)
    server = _server_items(sandbox)["AMB-0"]
    assert (server.review_state, server.customer_id, server.version) == ("Decided", 14, 3)
    assert _server_decisions(sandbox) == {"AMB-0": ["Defer", "Choose"]}
    assert _item(store, "AMB-0").server_version == "3"


def test_deciding_again_writes_all_or_nothing(store: Store, sandbox: Sandbox) -> None:
    profile = pulled(store, sandbox, 1)
    with store.unit_of_work() as session:  # known here, unknown on the server
        session.add(CustomerRow(tenant="acme", id=999, name="Ghost GmbH", status="Active"))
    decide(store, profile, "AMB-0", kind="Choose", customerId=999)
    assert push(store, sandbox, profile) == (0, 1)  # 409: the server has no customer 999
    service = ConflictService(store, author="carla")
    [conflict] = service.conflicts(profile)
    assert conflict.problem.status == 409 and conflict.can_decide_again
    with store.unit_of_work() as session:  # ... and now it is gone here too
        session.delete(session.get(CustomerRow, ("acme", 999)))
    before = _rows(store)
    with pytest.raises(DeskError, match="999"):
        service.decide_again(profile, conflict.decision_id)
    # the undo that came first was rolled back with it
    assert _rows(store) == before
    assert [row.state for row in _outbox(store)] == ["conflict"]
    assert _item(store, "AMB-0").review_state == "decided"
    assert [c.decision_id for c in service.conflicts(profile)] == [conflict.decision_id]


def test_a_decision_of_another_tenant_is_refused(store: Store, sandbox: Sandbox) -> None:
    profile = pulled(store, sandbox, 1)
    decide(store, profile, "AMB-0", kind="Choose", customerId=14)
    decide_on_server(sandbox, "AMB-0", kind="Defer")
    assert push(store, sandbox, profile) == (0, 1)
    globex = profile_for(store, sandbox, name="globex", tenant="globex")
    service = ConflictService(store)
    [conflict] = service.conflicts(profile)
    assert service.conflicts(globex) == [] and service.count(globex) == 0
    with pytest.raises(NotFoundError, match="tenant 'globex'"):
        service.take_server(globex, conflict.decision_id)
    with pytest.raises(NotFoundError, match="tenant 'globex'"):
        service.decide_again(globex, conflict.decision_id)
    assert [row.state for row in _outbox(store)] == ["conflict"]
    with pytest.raises(NotFoundError):
        service.take_server(profile, 424242)


# -- the status strip ------------------------------------------------------------------


def test_the_figures_of_the_status_strip(store: Store, sandbox: Sandbox) -> None:
    profile = pulled(store, sandbox, 3)
    decide(store, profile, "AMB-0", kind="Choose", customerId=14)
    decide_on_server(sandbox, "AMB-0", kind="Defer")
    assert push(store, sandbox, profile) == (0, 1)
    decide(store, profile, "AMB-1", kind="Confirm")
    decide(store, profile, "AMB-2", kind="Reject", reasonCode="BadData")
    with store.unit_of_work() as session:
        pulled_at = ProfileRepository(session).sync_state(profile.name).reference_pulled_at
    assert pulled_at is not None
    later = pulled_at + timedelta(hours=3, minutes=5)
    service = ConnectionStateService(store, keys=keys_for("acme"), clock=lambda: later)
    figures = service.figures(profile)
    assert (figures.waiting, figures.conflicts, figures.has_server) == (2, 1, True)
    assert figures.reference_age == timedelta(hours=3, minutes=5)
    state = service.state(profile)
    assert state.probe.reachability is Reachability.ONLINE and state.probe.online
    assert state.probe.latency_ms is not None

    local = local_profile(store)
    assert not service.figures(local).has_server
    assert service.figures(local).reference_age is None  # never pulled
    assert service.probe(local).reachability is Reachability.LOCAL_STORE


def test_online_and_offline(store: Store, sandbox: Sandbox) -> None:
    profile = profile_for(store, sandbox)
    service = ConnectionStateService(store, keys=keys_for("acme", "stopped", "closed"))
    assert service.probe(profile).reachability is Reachability.ONLINE
    with running_sandbox() as other:
        stopped = profile_for(store, other, name="stopped")
        assert service.probe(stopped).reachability is Reachability.ONLINE
    # the server is stopped now: nobody listens on its port
    probe = service.probe(stopped)
    assert probe.reachability is Reachability.OFFLINE and not probe.online
    assert probe.detail
    closed = profile.model_copy(update={"name": "closed", "base_url": "http://127.0.0.1:9"})
    assert service.probe(closed).reachability is Reachability.OFFLINE
    # a server that answers, but refuses the key
    refused = keys_for("acme", key="fio_unknown_key_0000")
    probe = ConnectionStateService(store, keys=refused).probe(profile)
    assert probe.reachability is Reachability.KEY_REFUSED and probe.online
    assert probe.status == 401
    # no key at all: nothing is asked
    nokey = ConnectionStateService(store, keys=keys_for())
    assert nokey.probe(profile).reachability is Reachability.NO_KEY
