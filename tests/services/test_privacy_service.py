"""Retention purges personal data of items decided long enough ago; wipe removes a
profile's local data, all of it, in one step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.enums import DecisionKind
from ordinavo_desk.domain.errors import ConflictError, InputError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.privacy_service import DEFAULT_RETENTION_DAYS, PrivacyService
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.store.audit_trail import AuditTrail
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.rows import CustomerRow, ImportItemRow, OutboxRow, ProfileRow
from ordinavo_desk.store.types import utcnow
from tests.services.review_harness import counts, item_id, local_profile, review_store


@pytest.fixture
def desk(db_url: str, tmp_path: Path) -> Iterator[tuple[Store, Profile]]:
    with review_store(db_url, tmp_path) as opened:
        yield opened


def _payload(store: Store, external_id: str) -> dict[str, object]:
    with store.unit_of_work() as session:
        return session.scalars(
            select(ImportItemRow.payload).where(ImportItemRow.external_id == external_id)
        ).one()


def test_retention_clears_personal_data_of_items_decided_long_ago(
    desk: tuple[Store, Profile],
) -> None:
    store, profile = desk
    long_ago = utcnow() - timedelta(days=120)
    ReviewService(store, clock=lambda: long_ago).decide(
        profile, item_id(store, "JOB-AMB"),
        DecisionRequest(kind=DecisionKind.CONFIRM,
                        corrections={"contact": {"email": "jana.s@schmitz.example"}}),
    )  # fmt: skip
    ReviewService(store).decide(
        profile, item_id(store, "JOB-NEW"), DecisionRequest(kind=DecisionKind.DEFER)
    )
    privacy = PrivacyService(store)
    assert privacy.retention_days() == DEFAULT_RETENTION_DAYS
    summary = privacy.purge(profile)
    assert (summary.days, summary.items) == (90, 1)
    contact = _payload(store, "JOB-AMB")["contact"]
    assert contact == {"displayName": "Jana Schmitz", "email": None}  # type: ignore[comparable-overlap]
    assert _payload(store, "JOB-NEW")["contact"]["email"] == "eva@neu.example"  # type: ignore[index]
    history = ReviewService(store).history(profile, item_id(store, "JOB-AMB"))
    assert history[0].corrections == {"contact": {"email": None}}
    assert history[0].payload["request"]["corrections"]["contact"]["email"] is None
    with store.unit_of_work() as session:
        assert AuditTrail(session, "acme").verify() is None
    assert privacy.purge(profile).items == 0  # nothing left to clear
    privacy.set_retention_days(7)
    assert privacy.retention_days() == 7
    with pytest.raises(InputError, match=r"1\.\.3650"):
        privacy.set_retention_days(0)


def test_decisions_not_sent_keep_their_personal_data(desk: tuple[Store, Profile]) -> None:
    store, profile = desk
    connected = profile.model_copy(update={"name": "srv", "base_url": "http://127.0.0.1:9"})
    long_ago = utcnow() - timedelta(days=400)
    ReviewService(store, clock=lambda: long_ago).decide(
        connected, item_id(store, "JOB-AMB"), DecisionRequest(kind=DecisionKind.CONFIRM)
    )
    assert PrivacyService(store).purge(connected).items == 0  # waits to be pushed
    with store.unit_of_work() as session:
        outbox = session.scalars(select(OutboxRow)).one()
        outbox.state, outbox.sent_at = "sent", long_ago
    assert PrivacyService(store).purge(connected).items == 1


def test_wipe_removes_a_profiles_data_and_keeps_what_others_use(
    desk: tuple[Store, Profile],
) -> None:
    store, profile = desk
    other = local_profile(store, "colleague")
    ReviewService(store).decide(
        profile, item_id(store, "JOB-AMB"), DecisionRequest(kind=DecisionKind.CONFIRM)
    )
    summary = PrivacyService(store).wipe(profile)
    assert (summary.items, summary.decisions, summary.reference_removed) == (3, 1, False)
    left = counts(store)
    assert (left["review_decisions"], left["outbox"]) == (0, 0)
    assert left["customers"] > 0  # the colleague's profile works with the tenant
    with store.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(ImportItemRow)) == 0
        assert list(session.scalars(select(ProfileRow.name))) == ["colleague"]
    PrivacyService(store).wipe(other)
    with store.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(CustomerRow).where(
            CustomerRow.tenant == "acme")) == 0  # fmt: skip
    assert counts(store)["audit_events"] == 0


def test_wipe_refuses_to_lose_decisions_not_sent(desk: tuple[Store, Profile]) -> None:
    store, profile = desk
    connected = profile.model_copy(update={"base_url": "http://127.0.0.1:9"})
    ReviewService(store).decide(
        connected, item_id(store, "JOB-AMB"), DecisionRequest(kind=DecisionKind.CONFIRM)
    )
    before = counts(store)
    with pytest.raises(ConflictError, match=r"1 decision.* have not been sent"):
        PrivacyService(store).wipe(connected)
    assert counts(store) == before
    assert PrivacyService(store).wipe(connected, force=True).decisions == 1
