"""The real ConnectClient against the sandbox on a loopback socket: every endpoint."""

from __future__ import annotations

import pytest

from ordinavo_desk.connect.errors import (
    AuthError,
    ConflictError,
    IdempotencyConflictError,
    NotFoundError,
    PreconditionFailedError,
    ScopeError,
    UnprocessableError,
)
from ordinavo_desk.connect.wire import DecisionRequest, ReviewState
from ordinavo_desk.domain.enums import DecisionKind, ImportJobStatus, Scope
from tests.sandbox.harness import GLOBEX_KEY, MAPPER_KEY, Sandbox

AMBIGUOUS = {
    "externalId": "JOB-AMB",
    "title": "Oven service",
    "customer": {"name": "Bäckerei Müller", "externalId": "BM-1"},
    "location": {"street": "Marktplatz 4", "postalCode": "50667", "city": "Köln"},
}
BY_REFERENCE = {
    "externalId": "JOB-REF",
    "customer": {"externalId": "CUST-10042", "name": "Rhein-Ruhr Medical Supply"},
    "location": {"externalId": "LOC-ESSEN-01"},
}


def _ambiguous_items(sandbox: Sandbox, count: int) -> list[str]:
    client = sandbox.client()
    targets = [{**AMBIGUOUS, "externalId": f"JOB-AMB-{n}"} for n in range(count)]
    job = client.import_batch(targets, batch_id="B-1")
    return [item.external_id for item in job.items]


def test_health_shows_tenant_scopes_and_settings(sandbox: Sandbox) -> None:
    health = sandbox.client().health()
    assert health.tenant == "acme" and health.source_system == "sap-erp"
    assert Scope.CUSTOMERS_WRITE.value in health.scopes
    assert health.settings is not None and health.settings.auto_create.location
    assert health.review_extension


def test_import_target_maps_by_reference_and_job_reads_back(sandbox: Sandbox) -> None:
    client = sandbox.client()
    job = client.import_target(BY_REFERENCE)
    assert job.status is ImportJobStatus.COMPLETED and job.created_items == 1
    mapping = job.items[0].customer_mapping
    assert mapping is not None
    assert (mapping.status, mapping.customer_id, mapping.customer_location_id) == ("Mapped", 12, 34)
    again = client.import_job(job.import_job_id)
    assert again == job
    assert job.links is not None and job.links.import_job == f"/import-jobs/{job.import_job_id}"


def test_batch_items_fail_independently(sandbox: Sandbox) -> None:
    job = sandbox.client().import_batch(
        [BY_REFERENCE, {"externalId": "  "}, {"externalId": "X", "sourceSystem": "crm"}]
    )
    assert job.status is ImportJobStatus.PARTIALLY_FAILED
    assert [i.status for i in job.items] == ["Created", "Rejected", "Rejected"]
    assert [i.error_code for i in job.items] == [
        None,
        "missing_external_id",
        "invalid_source_system",
    ]
    assert job.rejected_items == 2


def test_reimport_updates_and_cancel(sandbox: Sandbox) -> None:
    client = sandbox.client()
    client.import_target(BY_REFERENCE)
    assert client.import_target(BY_REFERENCE).items[0].status == "Updated"
    cancelled = client.import_target({**BY_REFERENCE, "operation": "cancel"})
    assert cancelled.cancelled_items == 1
    created = client.import_target({**BY_REFERENCE, "externalId": "NEW", "operation": "update"})
    assert created.items[0].error_code == "not_found"


def test_review_items_stream_page_by_page_with_filters(sandbox: Sandbox) -> None:
    _ambiguous_items(sandbox, 5)
    sandbox.client().import_target(BY_REFERENCE)  # mapped: not in the queue
    client = sandbox.client()
    pages = list(client.review_pages(limit=2))
    assert [len(p.items) for p in pages] == [2, 2, 1]
    assert pages[-1].next_cursor is None
    items = list(client.review_items(limit=2))
    assert [i.external_id for i in items] == [f"JOB-AMB-{n}" for n in range(5)]
    assert all(i.review_state == ReviewState.OPEN for i in items)
    assert len(list(client.review_items(status="Warning", warning="AmbiguousNameAndAddress"))) == 5
    assert list(client.review_items(status=["Failed"])) == []
    assert list(client.review_items(warning="CustomerArchivedOrBlocked")) == []
    iterator = client.review_items(limit=2)
    assert next(iterator).external_id == "JOB-AMB-0"  # lazily: only the first page fetched


def test_review_item_has_candidates_and_version(sandbox: Sandbox) -> None:
    _ambiguous_items(sandbox, 1)
    client = sandbox.client()
    summary = next(client.review_items())
    item = client.review_item(summary.id)
    assert item.version == 1
    assert {c.customer_id for c in item.customer_mapping.candidates} >= {14, 15}
    assert item.target["externalId"] == "JOB-AMB-0"
    with pytest.raises(NotFoundError):
        client.review_item("ri_999")


def test_decisions_confirm_choose_reject_defer_revert(sandbox: Sandbox) -> None:
    _ambiguous_items(sandbox, 3)
    client = sandbox.client()
    first, second, third = list(client.review_items())
    chosen = client.decide(
        first.id,
        DecisionRequest(kind=DecisionKind.CHOOSE, customer_id=14, new_location=True),
        version=first.version,
        idempotency_key="k-choose",
    )
    assert chosen.item.version == 2 and chosen.item.review_state == ReviewState.DECIDED
    assert chosen.decision.created.locations and chosen.decision.references_stored
    deferred = client.decide(
        second.id,
        DecisionRequest(kind=DecisionKind.DEFER, note="ask"),
        version=1,
        idempotency_key="k-defer",
    )
    assert deferred.item.review_state == ReviewState.DEFERRED
    rejected = client.decide(
        third.id,
        DecisionRequest(kind=DecisionKind.REJECT, reason_code="BadData"),
        version=1,
        idempotency_key="k-reject",
    )
    assert rejected.item.review_state == ReviewState.REJECTED
    reverted = client.decide(
        first.id, DecisionRequest(kind=DecisionKind.REVERT), version=2, idempotency_key="k-rev"
    )
    assert reverted.item.review_state == ReviewState.OPEN and reverted.item.version == 3
    detail = client.review_item(first.id)
    assert [d.kind for d in detail.decisions] == [DecisionKind.CHOOSE, DecisionKind.REVERT]
    assert detail.decisions[0].reverted_by == detail.decisions[1].id
    with pytest.raises(ConflictError):  # nothing left to revert
        client.decide(
            first.id, DecisionRequest(kind=DecisionKind.REVERT), version=3, idempotency_key="k-r2"
        )
    assert sandbox.sleep.delays == []


def test_decision_answers_for_a_person_are_not_retried(sandbox: Sandbox) -> None:
    _ambiguous_items(sandbox, 1)
    client = sandbox.client()
    item = next(client.review_items())
    confirm = DecisionRequest(kind=DecisionKind.CONFIRM)
    with pytest.raises(PreconditionFailedError) as stale:
        client.decide(item.id, confirm, version=7, idempotency_key="k-412")
    assert stale.value.correlation_id and stale.value.status == 412
    with pytest.raises(UnprocessableError) as invalid:
        client.decide(
            item.id,
            DecisionRequest.model_construct(kind=DecisionKind.REJECT),
            version=1,
            idempotency_key="k-422",
        )
    assert "body" in invalid.value.field_errors or invalid.value.field_errors
    client.decide(item.id, confirm, version=1, idempotency_key="k-ok")
    with pytest.raises(IdempotencyConflictError):
        client.decide(
            item.id, DecisionRequest(kind=DecisionKind.DEFER), version=1, idempotency_key="k-ok"
        )
    with pytest.raises(ConflictError):  # decided already: 409 at the current version
        client.decide(item.id, confirm, version=2, idempotency_key="k-409")
    assert sandbox.sleep.delays == []


def test_choosing_a_record_that_does_not_exist_is_a_conflict(sandbox: Sandbox) -> None:
    _ambiguous_items(sandbox, 1)
    client = sandbox.client()
    item = next(client.review_items())
    with pytest.raises(ConflictError, match="does not exist"):
        client.decide(
            item.id,
            DecisionRequest(kind=DecisionKind.CHOOSE, customer_id=9999),
            version=1,
            idempotency_key="k",
        )


def test_unknown_key_is_refused_without_retry(sandbox: Sandbox) -> None:
    with pytest.raises(AuthError) as refused:
        sandbox.client("fio_live_unknown").health()
    assert refused.value.status == 401 and refused.value.correlation_id
    assert sandbox.sleep.delays == []


def test_missing_scope_names_it(sandbox: Sandbox) -> None:
    client = sandbox.client(MAPPER_KEY)
    with pytest.raises(ScopeError) as missing:
        client.import_batch([BY_REFERENCE])
    assert missing.value.required_scope == Scope.INBOUND_TARGETS_BATCH_WRITE.value
    with pytest.raises(ScopeError):
        list(client.reference_changes())


def test_without_customers_read_no_ids_or_candidates(sandbox: Sandbox) -> None:
    client = sandbox.client(MAPPER_KEY)
    job = client.import_target(AMBIGUOUS)
    mapping = job.items[0].customer_mapping
    assert mapping is not None and mapping.customer_id is None and mapping.status == "Warning"
    item = client.review_item(next(client.review_items()).id)
    assert item.customer_mapping.candidates == ()
    with pytest.raises(ScopeError) as missing:  # CreateNew creates a record
        client.decide(
            item.id,
            DecisionRequest(kind=DecisionKind.CREATE_NEW),
            version=item.version,
            idempotency_key="k",
        )
    assert missing.value.required_scope == Scope.CUSTOMERS_WRITE.value


def test_another_tenant_sees_nothing(sandbox: Sandbox) -> None:
    acme = sandbox.client()
    job = acme.import_target(AMBIGUOUS)
    item_id = job.items[0].model_dump().get("review_item_id") or next(acme.review_items()).id
    globex = sandbox.client(GLOBEX_KEY)
    with pytest.raises(NotFoundError):
        globex.import_job(job.import_job_id)
    with pytest.raises(NotFoundError):
        globex.review_item(item_id)
    with pytest.raises(NotFoundError):
        globex.decide(
            item_id, DecisionRequest(kind=DecisionKind.CONFIRM), version=1, idempotency_key="g"
        )
    assert list(globex.review_items()) == []
    names = {c.name for page in globex.reference_changes() for c in page.customers}
    assert names == {"Globex Logistics"}


def test_reference_changes_since_a_cursor(sandbox: Sandbox) -> None:
    client = sandbox.client()
    pages = list(client.reference_changes())
    ids = {c.id for page in pages for c in page.customers}
    assert ids == {12, 13, 14, 15}
    cursor = pages[-1].cursor
    assert [p.customers for p in client.reference_changes(cursor)] == [()]
    _ambiguous_items(sandbox, 1)
    item = next(client.review_items())
    client.decide(
        item.id,
        DecisionRequest(kind=DecisionKind.CHOOSE, customer_id=15, new_location=True),
        version=1,
        idempotency_key="k",
    )
    changed = [c for page in client.reference_changes(cursor) for c in page.customers]
    assert [c.id for c in changed] == [15]
    assert len(changed[0].locations) == 2
    assert any(r.external_id == "BM-1" for r in changed[0].external_refs)
