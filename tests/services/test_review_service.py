"""Recording decisions locally: every kind, with its audit event and outbox entry, in one
transaction; undo as a superseding decision; stale decisions and claims refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.decisions import RecordedDecision
from ordinavo_desk.domain.enums import DecisionKind, ExternalType, RejectReason, Scope
from ordinavo_desk.domain.errors import ConflictError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.matching.decision_plan import (
    DecisionConflictError,
    DecisionInvalidError,
    DecisionScopeError,
)
from ordinavo_desk.matching.links import Links
from ordinavo_desk.services.import_service import ImportService
from ordinavo_desk.services.item_state import default_author
from ordinavo_desk.services.record_search import search_records
from ordinavo_desk.services.related_items import related_items
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.store.audit_trail import AuditTrail
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.decision_repository import ClaimedError, StaleItemError
from ordinavo_desk.store.reference_repository import ReferenceRepository
from ordinavo_desk.store.rows import AuditEventRow, CustomerRow, ImportItemRow, OutboxRow
from ordinavo_desk.store.types import utcnow
from tests.services.review_harness import (
    AMBIGUOUS,
    counts,
    import_items,
    item_id,
    local_profile,
    review_store,
)


@pytest.fixture
def desk(db_url: str, tmp_path: Path) -> Iterator[tuple[Store, Profile]]:
    with review_store(db_url, tmp_path) as opened:
        yield opened


def _decide(store: Store, profile: Profile, external_id: str, **fields: object) -> RecordedDecision:
    return ReviewService(store).decide(
        profile, item_id(store, external_id), DecisionRequest.model_validate(fields)
    )


def _item(store: Store, external_id: str) -> ImportItemRow:
    with store.unit_of_work() as session:
        row = session.scalars(
            select(ImportItemRow).where(ImportItemRow.external_id == external_id)
        ).one()
        session.expunge(row)
        return row


def test_the_harness_items_wait_for_a_person(desk: tuple[Store, Profile]) -> None:
    store, _profile = desk
    ambiguous = _item(store, "JOB-AMB")
    assert ambiguous.mapping_status == "Warning"
    assert ambiguous.mapping_result is not None
    assert "AmbiguousNameAndAddress" in ambiguous.mapping_result["warnings"]
    top = [
        (c["customerId"], c["customerLocationId"]) for c in ambiguous.mapping_result["candidates"]
    ]
    assert top[:2] == [(10, 40), (11, 41)]


def test_confirm_links_the_top_candidate_with_audit_event_and_outbox_entry(
    desk: tuple[Store, Profile],
) -> None:
    store, profile = desk
    before = counts(store)
    decision = _decide(store, profile, "JOB-AMB", kind="Confirm")
    assert decision.kind == "Confirm"
    assert decision.author == default_author()
    assert decision.links_before == {"customerId": None, "locationId": None, "contactId": None}
    assert decision.links_after == {"customerId": 10, "locationId": 40, "contactId": None}
    assert (decision.status_before, decision.status_after) == ("Warning", "Mapped")
    assert decision.outbox_state == "local"  # a profile without a server: exported instead
    after = counts(store)
    assert after["review_decisions"] == before["review_decisions"] + 1
    assert after["outbox"] == before["outbox"] + 1
    assert after["audit_events"] == before["audit_events"] + 1
    assert _item(store, "JOB-AMB").review_state == "decided"
    with store.unit_of_work() as session:
        event = session.scalars(select(AuditEventRow)).one()
        assert event.action == "decision.Confirm"
        assert event.subject_id == "sap-erp/JOB-AMB"
        assert event.before is not None and event.after is not None
        assert event.before["reviewState"] == "pending"
        assert event.after["links"]["customerId"] == 10
        assert AuditTrail(session, "acme").verify() is None
        # the decided external reference of the customer now points at the chosen one
        refs = ReferenceRepository(session, "acme")
        assert refs.resolve("sap-erp", ExternalType.CUSTOMER, "ERP-SCHMITZ") == 10


def test_choose_another_candidate_and_a_new_location(desk: tuple[Store, Profile]) -> None:
    store, profile = desk
    chosen = _decide(store, profile, "JOB-AMB", kind="Choose", customerId=11, locationId=41)
    assert chosen.links_after == {"customerId": 11, "locationId": 41, "contactId": None}
    ReviewService(store).undo(profile, item_id(store, "JOB-AMB"))
    before = counts(store)
    moved = _decide(
        store, profile, "JOB-AMB", kind="Choose", customerId=11, newLocation=True,
        corrections={"location": {"street": "Kölner Landstraße 42"}},
    )  # fmt: skip
    assert moved.status_after == "Created"
    new_location = moved.links_after["locationId"]
    assert new_location is not None
    with store.unit_of_work() as session:
        customer = ReferenceRepository(session, "acme").customer(11)
        assert customer is not None
        streets = {loc.id: loc.street for loc in customer.locations}
    assert streets[new_location] == "Kölner Landstraße 42"  # the correction, recorded
    assert counts(store)["locations"] == before["locations"] + 1
    assert moved.corrections == {"location": {"street": "Kölner Landstraße 42"}}


def test_create_new_after_corrections_creates_customer_location_and_contact(
    desk: tuple[Store, Profile],
) -> None:
    store, profile = desk
    before = counts(store)
    decision = _decide(
        store, profile, "JOB-NEW", kind="CreateNew",
        corrections={"customer": {"name": "Völlig Neue Firma GmbH & Co. KG"},
                     "location": {"latitude": 48.137, "longitude": 11.575}},
    )  # fmt: skip
    assert decision.status_after == "Created"
    links = decision.links_after
    assert None not in links.values()
    after = counts(store)
    assert after["customers"] == before["customers"] + 1
    assert after["locations"] == before["locations"] + 1
    with store.unit_of_work() as session:
        customer = ReferenceRepository(session, "acme").customer(links["customerId"] or 0)
        assert customer is not None
        assert customer.name == "Völlig Neue Firma GmbH & Co. KG"
        assert customer.locations[0].latitude == pytest.approx(48.137)
        assert [c.display_name for c in customer.contacts] == ["Eva Neu"]


def test_reject_and_defer_keep_the_links_and_record_their_reasons(
    desk: tuple[Store, Profile],
) -> None:
    store, profile = desk
    deferred = _decide(
        store, profile, "JOB-NEW", kind="Defer", deferUntil="2026-12-01", note="ask the office"
    )
    assert deferred.review_state_after == "deferred"
    assert deferred.payload["request"]["deferUntil"] == date(2026, 12, 1).isoformat()
    # a deferred item is still open for a decision
    rejected = _decide(
        store, profile, "JOB-NEW", kind="Reject", reasonCode="NotOurCustomer", reasonText="spam"
    )
    assert rejected.review_state_after == "rejected"
    assert (rejected.reason_code, rejected.reason_text) == (RejectReason.NOT_OUR_CUSTOMER, "spam")
    assert rejected.links_after == rejected.links_before
    assert rejected.status_after == rejected.status_before == "Failed"
    assert rejected.supersedes_id == deferred.id


def test_a_reject_without_reason_code_is_refused_before_anything_is_written() -> None:
    with pytest.raises(ValueError, match="reasonCode is required"):
        DecisionRequest.model_validate({"kind": "Reject"})


def test_a_decided_item_needs_undo_first_and_undo_supersedes_locally(
    desk: tuple[Store, Profile],
) -> None:
    store, profile = desk
    service = ReviewService(store)
    first = _decide(store, profile, "JOB-AMB", kind="Confirm")
    with pytest.raises(ConflictError, match="undo its decision first"):
        _decide(store, profile, "JOB-AMB", kind="Choose", customerId=11)
    undo = service.undo(profile, item_id(store, "JOB-AMB"))
    assert undo.kind == "Undo"
    assert undo.supersedes_id == first.id
    assert undo.links_after == first.links_before
    assert undo.review_state_after == "pending"
    assert undo.outbox_state is None  # nothing goes to any server
    assert _item(store, "JOB-AMB").review_state == "pending"
    again = _decide(store, profile, "JOB-AMB", kind="Choose", customerId=11, locationId=41)
    history = service.history(profile, item_id(store, "JOB-AMB"))
    assert [d.kind for d in history] == ["Confirm", "Undo", "Choose"]
    assert history[-1].id == again.id
    with pytest.raises(ConflictError, match="no decision to undo"):
        service.undo(profile, item_id(store, "JOB-MAPPED"))
    with store.unit_of_work() as session:
        assert AuditTrail(session, "acme").verify() is None


def test_a_stale_decision_is_refused_and_writes_nothing(desk: tuple[Store, Profile]) -> None:
    store, profile = desk
    seen = _item(store, "JOB-AMB").decision_seq
    ReviewService(store, author="anna").decide(
        profile, item_id(store, "JOB-AMB"), DecisionRequest(kind=DecisionKind.DEFER)
    )
    before = counts(store)
    with pytest.raises(StaleItemError, match="decided by someone else"):
        ReviewService(store, author="ben").decide(
            profile,
            item_id(store, "JOB-AMB"),
            DecisionRequest(kind=DecisionKind.CONFIRM),
            seen_seq=seen,
        )
    assert counts(store) == before
    assert _item(store, "JOB-AMB").review_state == "deferred"


def test_claims_show_who_has_an_item_open_and_expire(desk: tuple[Store, Profile]) -> None:
    store, profile = desk
    now = utcnow()
    anna = ReviewService(store, author="anna", clock=lambda: now)
    ben = ReviewService(store, author="ben", clock=lambda: now)
    target = item_id(store, "JOB-AMB")
    anna.claim(profile, target, minutes=10)
    anna.claim(profile, target, minutes=10)  # her own claim is renewed
    with pytest.raises(ClaimedError, match="open by anna") as refused:
        ben.claim(profile, target)
    assert refused.value.claimed_by == "anna"
    with pytest.raises(ClaimedError):
        ben.decide(profile, target, DecisionRequest(kind=DecisionKind.CONFIRM))
    later = ReviewService(store, author="ben", clock=lambda: now + timedelta(minutes=11))
    later.claim(profile, target)  # anna's claim has expired
    later.decide(profile, target, DecisionRequest(kind=DecisionKind.CONFIRM))
    later.release(profile, target)
    assert _item(store, "JOB-AMB").claimed_by is None


def test_scopes_are_checked_before_anything_is_written(
    desk: tuple[Store, Profile], tmp_path: Path
) -> None:
    store, _ = desk
    no_map = local_profile(store, "no-map", scopes=["customers.read"])
    no_write = local_profile(store, "no-write", scopes=["customers.read", "customers.map"])
    before = counts(store)
    with pytest.raises(DecisionScopeError) as missing:
        _decide(store, no_map, "JOB-AMB", kind="Confirm")
    assert missing.value.scope is Scope.CUSTOMERS_MAP
    with pytest.raises(DecisionScopeError) as missing:
        _decide(store, no_write, "JOB-NEW", kind="CreateNew")
    assert missing.value.scope is Scope.CUSTOMERS_WRITE
    assert counts(store) == before
    # without customers.write, Choose links the item but stores no reference
    chosen = _decide(store, no_write, "JOB-AMB", kind="Choose", customerId=11)
    assert chosen.payload["referencesStored"] == []


def test_records_that_do_not_fit_are_refused(desk: tuple[Store, Profile]) -> None:
    store, profile = desk
    before = counts(store)
    with pytest.raises(DecisionConflictError, match="customer 999999 does not exist"):
        _decide(store, profile, "JOB-AMB", kind="Choose", customerId=999999)
    with pytest.raises(DecisionConflictError, match="not a location of customer 10"):
        _decide(store, profile, "JOB-AMB", kind="Choose", customerId=10, locationId=41)
    with pytest.raises(DecisionInvalidError, match="latitude"):
        _decide(store, profile, "JOB-NEW", kind="CreateNew",
                corrections={"location": {"latitude": 123}})  # fmt: skip
    with pytest.raises(DecisionInvalidError, match="customer name"):
        _decide(store, profile, "JOB-NEW", kind="CreateNew",
                corrections={"customer": {"name": None}})  # fmt: skip
    assert counts(store) == before


def test_another_tenants_records_cannot_be_chosen(
    desk: tuple[Store, Profile],
) -> None:
    store, profile = desk
    with store.unit_of_work() as session:
        other = ReferenceRepository(session, "borealis").counts()
    assert other["customers"] > 0
    other_customer = _first_customer(store, "borealis")
    with pytest.raises(DecisionConflictError, match="does not exist"):
        _decide(store, profile, "JOB-AMB", kind="Choose", customerId=other_customer)


def _first_customer(store: Store, tenant: str) -> int:
    with store.unit_of_work() as session:
        found = session.scalars(select(CustomerRow.id).where(CustomerRow.tenant == tenant)).first()
        assert found is not None
        return found


def test_a_changed_audit_event_breaks_the_chain(desk: tuple[Store, Profile]) -> None:
    store, profile = desk
    _decide(store, profile, "JOB-AMB", kind="Confirm")
    _decide(store, profile, "JOB-NEW", kind="Defer")
    ReviewService(store).undo(profile, item_id(store, "JOB-NEW"))
    with store.unit_of_work() as session:
        ids = list(session.scalars(select(AuditEventRow.id).order_by(AuditEventRow.id)))
        assert len(ids) == 3
        session.execute(
            update(AuditEventRow).where(AuditEventRow.id == ids[1]).values(actor="someone else")
        )
    with store.unit_of_work() as session:
        broken = AuditTrail(session, "acme").verify()
    assert broken is not None
    assert broken.event_id == ids[1]


def test_connected_decisions_wait_in_the_outbox_and_create_nothing_locally(
    desk: tuple[Store, Profile],
) -> None:
    store, profile = desk
    connected = profile.model_copy(update={"name": "server", "base_url": "http://127.0.0.1:9"})
    before = counts(store)
    decision = ReviewService(store).decide(
        connected, item_id(store, "JOB-NEW"), DecisionRequest(kind=DecisionKind.CREATE_NEW)
    )
    assert decision.outbox_state == "pending"
    assert decision.route == "upsert"  # a file item: written back by re-importing it
    assert decision.links_after == {"customerId": None, "locationId": None, "contactId": None}
    assert decision.payload["created"]["customers"] == [-1]
    after = counts(store)
    assert (after["customers"], after["locations"]) == (before["customers"], before["locations"])
    with store.unit_of_work() as session:
        entry = session.scalars(select(OutboxRow)).one()
        assert entry.idempotency_key.startswith("desk-")
        assert entry.attempts == 0


def test_related_items_are_offered_with_a_preview_and_settled_in_one_step(
    desk: tuple[Store, Profile], tmp_path: Path
) -> None:
    store, profile = desk
    same_id = {**AMBIGUOUS, "externalId": "JOB-AMB-2", "title": "second visit"}
    other_address = {
        **AMBIGUOUS,
        "externalId": "JOB-AMB-3",
        "location": {"street": "Irgendwo 1", "postalCode": "40210", "city": "Düsseldorf"},
    }
    unrelated = {**AMBIGUOUS, "externalId": "JOB-AMB-4",
                 "customer": {"name": "Schmitz Sanitär GmbH"}}  # fmt: skip
    import_items(store, profile, tmp_path, same_id, other_address, unrelated)
    service = ReviewService(store)
    chosen = _decide(store, profile, "JOB-AMB", kind="Choose", customerId=11, locationId=41)
    related = related_items(store, profile, chosen.id)
    assert [(r.external_id, r.because) for r in related] == [
        ("JOB-AMB-2", "externalId"), ("JOB-AMB-3", "externalId"),
    ]  # fmt: skip
    preview = {r.external_id: r for r in related}
    assert preview["JOB-AMB-2"].links == Links(11, 41, None)  # same address: same location
    assert preview["JOB-AMB-3"].links.customer_id == 11
    assert preview["JOB-AMB-3"].links.location_id is None  # no such location of customer 11
    assert preview["JOB-AMB-3"].warnings  # and the preview says so
    before = counts(store)
    settled = service.decide_many(profile, [(r.item_id, r.proposal) for r in related])
    assert [d.links_after["customerId"] for d in settled] == [11, 11]
    after = counts(store)
    assert after["review_decisions"] == before["review_decisions"] + 2
    assert after["audit_events"] == before["audit_events"] + 2
    assert _item(store, "JOB-AMB-4").review_state == "pending"
    # all or nothing: one stale item in the step stops every one of them
    with pytest.raises(ConflictError):
        service.decide_many(
            profile,
            [(item_id(store, "JOB-AMB-4"), DecisionRequest(kind=DecisionKind.DEFER)),
             (item_id(store, "JOB-AMB-2"), DecisionRequest(kind=DecisionKind.DEFER))],
        )  # fmt: skip
    assert _item(store, "JOB-AMB-4").review_state == "pending"
    assert counts(store) == after


def test_items_of_the_same_batch_with_the_same_customer_are_related(
    desk: tuple[Store, Profile], tmp_path: Path
) -> None:
    store, profile = desk
    customer = {"name": "Schmitz Sanitär GmbH"}
    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps({"batchId": "B-7", "targets": [
        {**AMBIGUOUS, "externalId": f"JOB-B{n}", "customer": customer} for n in range(3)
    ]}), encoding="utf-8")  # fmt: skip
    ImportService(store).import_file(batch, profile)
    chosen = _decide(store, profile, "JOB-B0", kind="Choose", customerId=10, locationId=40)
    related = related_items(store, profile, chosen.id)
    assert [(r.external_id, r.because, r.links.customer_id) for r in related] == [
        ("JOB-B1", "batch", 10), ("JOB-B2", "batch", 10),
    ]  # fmt: skip
    rejected = _decide(store, profile, "JOB-B1", kind="Reject", reasonCode="Other")
    assert related_items(store, profile, rejected.id) == []


def test_any_record_of_the_tenant_can_be_found_offline_and_chosen(
    desk: tuple[Store, Profile],
) -> None:
    store, profile = desk
    hits = search_records(store, profile, "schmitz düsseldorf")
    assert {(h.customer_id, h.location_id) for h in hits} >= {(10, 40), (11, 41)}
    assert all("Düsseldorf" in (h.city or "") for h in hits)
    assert search_records(store, profile, "100%_") == []  # wildcards are taken literally
    assert search_records(store, profile, "   ") == []
    other = local_profile(store, "borealis", tenant="borealis")
    assert all(h.customer_id != 10 for h in search_records(store, other, "schmitz"))
    chosen = _decide(store, profile, "JOB-NEW", kind="Choose", customerId=hits[0].customer_id,
                     locationId=hits[0].location_id)  # fmt: skip
    assert chosen.links_after["customerId"] == hits[0].customer_id
