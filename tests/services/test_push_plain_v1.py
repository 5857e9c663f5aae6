"""Writing decisions back to a server without the review extension (plain v1): by
re-importing the target with the decided external IDs; what cannot be said that way is
held with its reason, never dropped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.enums import DecisionKind, RejectReason
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.domain.reference import ReferenceData
from ordinavo_desk.domain.settings import AutoCreate
from ordinavo_desk.sandbox.rows import ItemRow
from ordinavo_desk.sandbox.seed import demo_reference
from ordinavo_desk.services.import_service import ImportService
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.services.push_service import PushService
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.rows import OutboxRow
from tests.sandbox.harness import FULL_KEY, Sandbox, running_sandbox
from tests.services.review_harness import import_items, item_id
from tests.services.sync_harness import profile_for

ESSEN = {
    "externalId": "JOB-P1",
    "title": "Annual check",
    "customer": {"name": "Rhein Ruhr Medical Supply", "externalId": "ERP-NEW-7"},
    "location": {"street": "Hachestr. 12", "postalCode": "45127", "city": "Essen"},
}
BAKERY = {
    "externalId": "JOB-P2",
    "customer": {"name": "Bäckerei Müller"},
    "location": {"street": "Marktplatz 4", "postalCode": "50667", "city": "Köln"},
}


@pytest.fixture(scope="module")
def plain() -> Iterator[Sandbox]:
    with running_sandbox(review_extension=False) as running:
        yield running


@pytest.fixture
def desk(plain: Sandbox, tmp_path: Path) -> Iterator[tuple[Store, Profile]]:
    store = Store(f"sqlite:///{tmp_path / 'desk.sqlite'}")
    reference = tmp_path / "reference.json"
    data = ReferenceData(customers=tuple(demo_reference()))
    reference.write_text(json.dumps(data.model_dump(mode="json", by_alias=True)), "utf-8")
    ImportService(store).load_reference(reference, "acme")
    profile = profile_for(store, plain)
    profile = profile.model_copy(
        update={"settings": profile.settings.model_copy(update={"auto_create": AutoCreate()})}
    )
    ProfileService(store).save(profile)
    import_items(store, profile, tmp_path, ESSEN, BAKERY,
                 {**BAKERY, "externalId": "JOB-P3"}, {**BAKERY, "externalId": "JOB-P4"})  # fmt: skip
    try:
        yield store, profile
    finally:
        store.dispose()


def test_decisions_go_back_as_re_imports_or_are_held_with_a_reason(
    plain: Sandbox, desk: tuple[Store, Profile]
) -> None:
    store, profile = desk
    review = ReviewService(store, author="anna")
    review.decide(
        profile,
        item_id(store, "JOB-P1"),
        DecisionRequest(kind=DecisionKind.CHOOSE, customer_id=12, location_id=34),
    )
    review.decide(
        profile, item_id(store, "JOB-P2"), DecisionRequest(kind=DecisionKind.CHOOSE, customer_id=14)
    )
    review.decide(
        profile,
        item_id(store, "JOB-P3"),
        DecisionRequest(kind=DecisionKind.REJECT, reason_code=RejectReason.BAD_DATA),
    )
    review.decide(profile, item_id(store, "JOB-P4"),
                  DecisionRequest(kind=DecisionKind.CREATE_NEW))  # fmt: skip
    summary = PushService(store).push(profile, plain.client(FULL_KEY))
    assert (summary.sent, summary.held, summary.conflicts) == (1, 3, 0)
    with store.unit_of_work() as session:
        outbox = {row.decision_id: row for row in session.scalars(select(OutboxRow))}
    states = [(row.route, row.state) for row in outbox.values()]
    assert states == [("upsert", "sent"), ("upsert", "held"), ("upsert", "held"),
                      ("upsert", "held")]  # fmt: skip
    reasons = [row.last_error or "" for row in outbox.values()]
    assert "customer 14 has no external reference in source system 'sap-erp'" in reasons[1]
    assert "no way to record Reject" in reasons[2]
    assert "auto-create" in reasons[3]
    with plain.service.store.unit_of_work() as session:
        server = session.scalars(select(ItemRow).where(ItemRow.external_id == "JOB-P1")).one()
        assert (server.customer_id, server.location_id) == (12, 34)
        assert server.target["customer"]["externalId"] == "CUST-10042"
        assert server.target["title"] == "Annual check"
    held = ReviewService(store).needing_attention(profile)
    assert [d.item_external_id for d in held] == ["JOB-P2", "JOB-P3", "JOB-P4"]
