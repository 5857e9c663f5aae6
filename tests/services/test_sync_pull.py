"""``SyncService.pull`` against the real sandbox on loopback, into SQLite and PostgreSQL:
reference data and review items with their candidates, incrementally, resumable, tenant by
tenant, and never over a local decision that is not pushed yet."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from ordinavo_desk.connect.client import ClientSettings, ConnectClient
from ordinavo_desk.connect.errors import AuthError, RequestTimeoutError, ServerError
from ordinavo_desk.connect.retry import Retrier, RetryPolicy
from ordinavo_desk.connect.wire import DecisionRequest, ReviewItemDetail, ReviewPage
from ordinavo_desk.domain.enums import DecisionKind
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.sandbox.seed import demo_reference
from ordinavo_desk.services.import_service import ImportService
from ordinavo_desk.services.sync_service import (
    PullInterruptedError,
    PullProgress,
    SyncService,
    TenantMismatchError,
    prefetched,
)
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.item_repository import ImportItemRepository
from ordinavo_desk.store.profile_repository import ProfileRepository
from ordinavo_desk.store.reference_repository import ReferenceRepository
from ordinavo_desk.store.rows import OutboxRow, ReviewDecisionRow, TenantRow
from tests.sandbox.harness import FULL_KEY, GLOBEX_KEY, MAPPER_KEY, Sandbox
from tests.services.sync_harness import (
    MAPPED,
    READONLY_KEY,
    ambiguous_items,
    profile_for,
)


def _pull(
    store: Store, sandbox: Sandbox, profile: Profile, key: str = FULL_KEY, **kwargs: object
) -> object:
    return SyncService(store).pull(profile, sandbox.client(key), **kwargs)  # type: ignore[arg-type]


def _items(store: Store, tenant: str = "acme") -> dict[str, object]:
    with store.unit_of_work() as session:
        repo = ImportItemRepository(session, tenant)
        return {item.external_id: item for item in repo.page(limit=1000)}


def _customer_ids(store: Store, tenant: str) -> list[int]:
    with store.unit_of_work() as session:
        return [c.id for c in ReferenceRepository(session, tenant).iter_customers()]


def test_pull_brings_reference_and_items_with_the_servers_candidates(
    store: Store, sandbox: Sandbox
) -> None:
    ambiguous_items(sandbox, FULL_KEY, "AMB", 3)
    sandbox.client().import_target(MAPPED)  # mapped: not in the review queue
    ambiguous_items(sandbox, GLOBEX_KEY, "GX", 2)
    profile = profile_for(store, sandbox)
    steps: list[PullProgress] = []
    summary = SyncService(store).pull(profile, sandbox.client(), progress=steps.append, page_size=2)

    assert summary.reference.customers == 4 and summary.reference.pages == 2
    assert _customer_ids(store, "acme") == [12, 13, 14, 15]
    assert _customer_ids(store, "globex") == []
    with store.unit_of_work() as session:
        essen = ReferenceRepository(session, "acme").customer(12)
        assert essen is not None and [loc.id for loc in essen.locations] == [34]
        assert essen.external_refs[0].external_id == "CUST-10042"
        state = ProfileRepository(session).sync_state("acme")
        tenant = session.get(TenantRow, "acme")
        assert tenant is not None
        assert tenant.reference_updated_at == state.reference_pulled_at
    assert state.reference_cursor and state.reference_pulled_at is not None
    assert state.items_cursor is None and state.items_pulled_at is not None

    assert (summary.items.seen, summary.items.fetched, summary.items.created) == (3, 3, 3)
    items = _items(store)
    assert sorted(items) == ["AMB-0", "AMB-1", "AMB-2"]
    item = items["AMB-0"]
    assert item.origin.value == "api" and item.server_item_id.startswith("ri_")  # type: ignore[attr-defined]
    assert item.server_version == "1" and item.mapping_is_current  # type: ignore[attr-defined]
    assert item.mapping.status.value == "Warning"  # type: ignore[attr-defined]
    assert {c.customer_id for c in item.mapping.candidates} >= {14, 15}  # type: ignore[attr-defined]
    assert item.payload["title"] == "Oven service"  # type: ignore[attr-defined]
    assert _items(store, "globex") == {}
    assert [(s.phase, s.pages) for s in steps] == [
        ("reference", 1), ("reference", 2), ("items", 1), ("items", 2),
    ]  # fmt: skip


def test_second_pull_brings_only_what_changed(store: Store, sandbox: Sandbox) -> None:
    ambiguous_items(sandbox, FULL_KEY, "AMB", 3)
    profile = profile_for(store, sandbox)
    _pull(store, sandbox, profile)
    again = SyncService(store).pull(profile, sandbox.client())
    assert again.reference.customers == 0
    assert (again.items.seen, again.items.fetched, again.items.unchanged) == (3, 0, 3)

    client = sandbox.client()
    first, second, _third = list(client.review_items())
    # a decision that creates a location changes customer 14 (and takes AMB-0 out)
    client.decide(
        first.id,
        DecisionRequest(kind=DecisionKind.CHOOSE, customer_id=14, new_location=True),
        version=first.version,
        idempotency_key="k-1",
    )
    # AMB-1 changes on the server (a new version), AMB-9 is new
    client.import_target({**_ambiguous("AMB-1"), "title": "Oven (2)"})
    ambiguous_items(sandbox, FULL_KEY, "AMB-9", 1)

    third = SyncService(store).pull(profile, sandbox.client())
    assert third.reference.customers == 1
    with store.unit_of_work() as session:
        customer = ReferenceRepository(session, "acme").customer(14)
        assert customer is not None and len(customer.locations) == 2
    assert (third.items.seen, third.items.fetched) == (3, 2)
    assert (third.items.created, third.items.updated, third.items.unchanged) == (1, 1, 1)
    items = _items(store)
    changed = items["AMB-1"]
    assert changed.version == 2 and changed.server_version == "2"  # type: ignore[attr-defined]
    assert changed.payload["title"] == "Oven (2)" and changed.mapping_version == 2  # type: ignore[attr-defined]
    assert second.id == changed.server_item_id  # type: ignore[attr-defined]
    assert "AMB-9-0" in items


def _ambiguous(external_id: str) -> dict[str, object]:
    from tests.services.sync_harness import AMBIGUOUS

    return {**AMBIGUOUS, "externalId": external_id}


@pytest.mark.parametrize("fault", ["error500=99x", "latency=2000"])
def test_errors_after_the_clients_retries_keep_what_was_stored(
    store: Store, sandbox: Sandbox, fault: str
) -> None:
    profile = profile_for(store, sandbox)
    policy = RetryPolicy(max_attempts=2)
    settings = ClientSettings(base_url=sandbox.base_url, read_timeout=0.6, retry=policy)
    retrier = Retrier(policy, sleep=sandbox.sleep, rand=lambda: 0.0)
    client = ConnectClient(sandbox.http, FULL_KEY, settings, retrier=retrier)
    armed = [True]

    def fail_after_first_page(step: PullProgress) -> None:
        if armed[0] and step.pages == 1:
            sandbox.faults(fault)
            armed[0] = False

    with pytest.raises(PullInterruptedError) as stopped:
        SyncService(store).pull(
            profile, client, progress=fail_after_first_page, page_size=2, prefetch=False
        )
    cause = RequestTimeoutError if fault.startswith("latency") else ServerError
    assert isinstance(stopped.value.cause, cause)
    assert sandbox.sleep.delays[-1:] == [0.5]  # retried as the policy says, then stopped
    assert stopped.value.phase == "reference"
    assert stopped.value.summary.reference.pages == 1
    assert _customer_ids(store, "acme") == [12, 13]  # the first page stays stored
    with store.unit_of_work() as session:
        state = ProfileRepository(session).sync_state("acme")
    assert state.reference_cursor is not None and state.reference_pulled_at is None

    sandbox.faults("none")
    resumed = SyncService(store).pull(profile, sandbox.client(), page_size=2)
    assert resumed.reference.customers == 2 and resumed.reference.completed_at is not None
    assert _customer_ids(store, "acme") == [12, 13, 14, 15]


def test_a_failure_mid_way_in_each_phase_resumes_where_it_stopped(
    store: Store, sandbox: Sandbox
) -> None:
    ambiguous_items(sandbox, FULL_KEY, "AMB", 5)
    profile = profile_for(store, sandbox)
    armed = {"phase": "reference"}

    def fail_after_first_page(step: PullProgress) -> None:
        if step.phase == armed["phase"] and step.pages == 1:
            sandbox.faults("error503=99x,retryAfter=1")

    service = SyncService(store)
    with pytest.raises(PullInterruptedError) as stopped:
        service.pull(
            profile,
            sandbox.client(),
            progress=fail_after_first_page,
            page_size=2,
            prefetch=False,
        )
    assert stopped.value.phase == "reference" and isinstance(stopped.value.cause, ServerError)
    assert _customer_ids(store, "acme") == [12, 13]
    assert sandbox.sleep.delays == [1.0, 1.0, 1.0]  # the client's retries came first

    sandbox.faults("none")
    armed["phase"] = "items"
    with pytest.raises(PullInterruptedError) as stopped:
        service.pull(
            profile,
            sandbox.client(),
            progress=fail_after_first_page,
            page_size=2,
            prefetch=False,
        )
    summary = stopped.value.summary
    assert summary.reference.customers == 2 and summary.reference.completed_at is not None
    assert _customer_ids(store, "acme") == [12, 13, 14, 15]  # went on after 13
    assert stopped.value.phase == "items" and summary.items.pages == 1
    assert sorted(_items(store)) == ["AMB-0", "AMB-1"]

    sandbox.faults("none")
    armed["phase"] = "none"
    done = service.pull(profile, sandbox.client(), page_size=2)
    assert done.reference.customers == 0
    assert done.items.resumed and done.items.seen == 3 and done.items.fetched == 3
    assert sorted(_items(store)) == [f"AMB-{n}" for n in range(5)]
    with store.unit_of_work() as session:
        assert ProfileRepository(session).sync_state("acme").items_cursor is None


def test_tenants_stay_apart(store: Store, sandbox: Sandbox) -> None:
    ambiguous_items(sandbox, FULL_KEY, "AMB", 2)
    ambiguous_items(sandbox, GLOBEX_KEY, "GX", 2)
    acme = profile_for(store, sandbox)
    globex = profile_for(store, sandbox, name="globex", tenant="globex")
    _pull(store, sandbox, acme)
    _pull(store, sandbox, globex, GLOBEX_KEY)
    assert _customer_ids(store, "acme") == [12, 13, 14, 15]
    assert _customer_ids(store, "globex") == [20]
    assert sorted(_items(store)) == ["AMB-0", "AMB-1"]
    assert sorted(_items(store, "globex")) == ["GX-0", "GX-1"]

    # the globex key given to the acme profile (e.g. a stray ORDINAVO_DESK_API_KEY)
    fresh = profile_for(store, sandbox, name="acme-2")
    with store.unit_of_work() as session:
        before = ProfileRepository(session).sync_state("acme-2")
    with pytest.raises(TenantMismatchError, match="tenant 'globex'"):
        _pull(store, sandbox, fresh, GLOBEX_KEY)
    with store.unit_of_work() as session:
        assert ProfileRepository(session).sync_state("acme-2") == before
    assert _customer_ids(store, "acme") == [12, 13, 14, 15]


def test_pull_never_overwrites_a_decision_not_pushed_yet(store: Store, sandbox: Sandbox) -> None:
    ambiguous_items(sandbox, FULL_KEY, "AMB", 2)
    profile = profile_for(store, sandbox)
    _pull(store, sandbox, profile)
    decided = _items(store)["AMB-0"]
    with store.unit_of_work() as session:
        decision = ReviewDecisionRow(
            tenant="acme", item_id=decided.id, item_version=decided.version,  # type: ignore[attr-defined]
            kind="Choose", author="anna", status_before="Warning", links_before={},
            status_after="Mapped", links_after={"customerId": 14}, corrections={}, payload={},
        )  # fmt: skip
        session.add(decision)
        session.flush()
        outbox = OutboxRow(tenant="acme", decision_id=decision.id, idempotency_key="k-local")
        session.add(outbox)
        repo = ImportItemRepository(session, "acme")
        repo.set_mapping(decided.id, decided.version, decided.mapping)  # type: ignore[attr-defined]
    # meanwhile the server's copy changes
    sandbox.client().import_target({**_ambiguous("AMB-0"), "title": "changed on the server"})
    sandbox.client().import_target({**_ambiguous("AMB-1"), "title": "also changed"})

    summary = _pull(store, sandbox, profile)
    assert summary.items.kept_local == ("AMB-0",)  # type: ignore[attr-defined]
    assert summary.items.fetched == 1  # type: ignore[attr-defined]
    kept = _items(store)["AMB-0"]
    assert kept.payload == decided.payload and kept.version == decided.version  # type: ignore[attr-defined]
    assert kept.server_version == "1" and kept.mapping_source == "desk"  # type: ignore[attr-defined]
    assert _items(store)["AMB-1"].payload["title"] == "also changed"  # type: ignore[attr-defined]

    with store.unit_of_work() as session:  # the decision reached the server
        row = session.scalars(select(OutboxRow)).one()
        row.state = "sent"
    summary = _pull(store, sandbox, profile)
    assert summary.items.kept_local == ()  # type: ignore[attr-defined]
    taken = _items(store)["AMB-0"]
    assert taken.payload["title"] == "changed on the server" and taken.server_version == "2"  # type: ignore[attr-defined]


def test_a_key_without_customers_read_gets_candidates_ranked_by_the_desk(
    store: Store, sandbox: Sandbox, tmp_path: Path
) -> None:
    reference = tmp_path / "reference.json"
    customers = [c.model_dump(mode="json", by_alias=True) for c in demo_reference()]
    reference.write_text(json.dumps({"customers": customers}), encoding="utf-8")
    ImportService(store).load_reference(reference, "acme")
    with store.unit_of_work() as session:
        counts_before = ReferenceRepository(session, "acme").counts()
    ambiguous_items(sandbox, FULL_KEY, "AMB", 2)
    profile = profile_for(store, sandbox)

    summary = _pull(store, sandbox, profile, MAPPER_KEY)
    assert summary.reference.skipped == "customers.read"  # type: ignore[attr-defined]
    assert summary.items.ranked_by_desk == 2  # type: ignore[attr-defined]
    item = _items(store)["AMB-0"]
    assert item.mapping_source == "desk"  # type: ignore[attr-defined]
    assert item.mapping.status.value == "Warning"  # the server's status  # type: ignore[attr-defined]
    assert item.mapping.customer_id is None  # type: ignore[attr-defined]
    assert {c.customer_id for c in item.mapping.candidates} >= {14, 15}  # type: ignore[attr-defined]
    with store.unit_of_work() as session:  # ranking wrote nothing into the reference data
        assert ReferenceRepository(session, "acme").counts() == counts_before


def test_a_read_only_key_pulls_reference_data_but_no_items(store: Store, sandbox: Sandbox) -> None:
    ambiguous_items(sandbox, FULL_KEY, "AMB", 2)
    profile = profile_for(store, sandbox)
    summary = _pull(store, sandbox, profile, READONLY_KEY)
    assert summary.reference.customers == 4  # type: ignore[attr-defined]
    assert summary.items.skipped == "customers.map"  # type: ignore[attr-defined]
    assert _items(store) == {}


def test_a_refused_key_stops_before_anything_is_read(store: Store, sandbox: Sandbox) -> None:
    profile = profile_for(store, sandbox)
    with pytest.raises(PullInterruptedError) as stopped:
        _pull(store, sandbox, profile, "fio_test_wrong_key")
    assert isinstance(stopped.value.cause, AuthError) and stopped.value.phase == "health"
    assert sandbox.sleep.delays == []  # 401 is never retried
    assert _customer_ids(store, "acme") == []


def test_a_cursor_the_server_does_not_know_starts_the_feed_over(
    store: Store, sandbox: Sandbox
) -> None:
    profile = profile_for(store, sandbox)
    with store.unit_of_work() as session:
        ProfileRepository(session).save_reference_cursor("acme", "not-a-cursor")
    summary = _pull(store, sandbox, profile)
    assert summary.reference.restarted and summary.reference.customers == 4  # type: ignore[attr-defined]


def test_connecting_a_profile_elsewhere_forgets_its_cursors(store: Store, sandbox: Sandbox) -> None:
    profile = profile_for(store, sandbox)
    _pull(store, sandbox, profile)
    moved = profile.model_copy(update={"base_url": "http://127.0.0.1:9/api/connect/v1"})
    with store.unit_of_work() as session:
        repo = ProfileRepository(session)
        repo.save(moved, replace=True)
        state = repo.sync_state("acme")
    assert state.reference_cursor is None and state.reference_pulled_at is None


def _count_details(client: ConnectClient) -> list[str]:
    fetched: list[str] = []
    original = client.review_item

    def counting(item_id: str) -> ReviewItemDetail:
        fetched.append(item_id)
        return original(item_id)

    client.review_item = counting  # type: ignore[method-assign]
    return fetched


def test_many_changes_on_a_page_come_in_one_request_with_their_mappings(
    store: Store, sandbox: Sandbox
) -> None:
    ambiguous_items(sandbox, FULL_KEY, "AMB", 12)
    profile = profile_for(store, sandbox)
    client = sandbox.client()
    details = _count_details(client)
    summary = SyncService(store).pull(profile, client, page_size=10)
    assert (summary.items.seen, summary.items.fetched, summary.items.pages) == (12, 12, 2)
    # the first page (10 new) was asked for again with mappings, and so the next one right
    # away: no request per item
    assert details == []
    item = _items(store)["AMB-11"]
    assert {c.customer_id for c in item.mapping.candidates} >= {14, 15}  # type: ignore[attr-defined]
    assert item.mapping_source == "server"  # type: ignore[attr-defined]

    sandbox.client().import_target({**_ambiguous("AMB-3"), "title": "changed"})
    details = _count_details(client)
    again = SyncService(store).pull(profile, client, page_size=10)
    assert again.items.fetched == 1 and len(details) == 1


def test_a_server_that_includes_no_mappings_gets_a_request_per_item(
    store: Store, sandbox: Sandbox
) -> None:
    ambiguous_items(sandbox, FULL_KEY, "AMB", 6)
    profile = profile_for(store, sandbox)
    client = sandbox.client()
    original = client.review_page

    def without_mappings(**kwargs: Any) -> ReviewPage:
        page = original(**kwargs)
        items = [
            i.model_copy(update={"target": None, "customer_mapping": None}) for i in page.items
        ]
        return page.model_copy(update={"items": tuple(items)})

    client.review_page = without_mappings  # type: ignore[method-assign]
    details = _count_details(client)
    summary = SyncService(store).pull(profile, client, page_size=10)
    assert summary.items.fetched == 6 and len(details) == 6
    assert {c.customer_id for c in _items(store)["AMB-5"].mapping.candidates} >= {14, 15}  # type: ignore[attr-defined]


def test_prefetched_values_errors_and_an_early_stop() -> None:
    assert list(prefetched(iter(range(50)), depth=2)) == list(range(50))

    def failing() -> Iterator[int]:
        yield 1
        yield 2
        raise ServerError(503, "service_unavailable", "down")

    seen: list[int] = []
    with pytest.raises(ServerError):
        for value in prefetched(failing()):
            seen.append(value)
    assert seen == [1, 2]  # the values before the error first

    produced: list[int] = []

    def endless() -> Iterator[int]:
        n = 0
        while True:
            produced.append(n)
            yield n
            n += 1

    values = prefetched(endless())
    assert next(values) == 0
    values.close()  # the worker stops: at most a value or two past the consumer
    count = len(produced)
    assert count <= 4
    assert not [t for t in threading.enumerate() if t.name == "pull-prefetch"]
    assert len(produced) == count


def test_a_prefetching_pull_stores_the_same(store: Store, sandbox: Sandbox) -> None:
    ambiguous_items(sandbox, FULL_KEY, "AMB", 3)
    profile = profile_for(store, sandbox)
    summary = SyncService(store).pull(profile, sandbox.client(), page_size=1, prefetch=True)
    assert (summary.reference.customers, summary.reference.pages) == (4, 4)
    assert _customer_ids(store, "acme") == [12, 13, 14, 15]
    assert sorted(_items(store)) == ["AMB-0", "AMB-1", "AMB-2"]
    assert not [t for t in threading.enumerate() if t.name == "pull-prefetch"]
