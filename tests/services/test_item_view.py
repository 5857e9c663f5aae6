"""What the review window is shown of an item: candidates with their records and a
field-by-field comparison, warnings with the facts their explanations name, route
readiness, masked personal data (revealed with an audit event), and the bulk preview."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from ordinavo_desk.domain.errors import NotFoundError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.bulk_review import BulkSkip, preview_bulk_confirm, run_bulk_confirm
from ordinavo_desk.services.item_view import MASK, ItemViewService
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.services.text_diff import Span, diff_spans
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.personal_data import NOT_DECRYPTED, DataKey
from ordinavo_desk.store.rows import AuditEventRow
from tests.services.review_harness import (
    MAPPED,
    import_items,
    item_id,
    review_store,
)

#: A contact that belongs to another of the customer's locations (ContactLocationMismatch).
ELSEWHERE: dict[str, Any] = {
    "externalId": "JOB-ELSEWHERE",
    "customer": {"externalId": "CUST-20001"},
    "location": {"externalId": "LOC-20001-001"},
    "contact": {"externalId": "CONT-20001-2"},
}


@pytest.fixture
def desk(db_url: str, tmp_path: Path) -> Iterator[tuple[Store, Profile]]:
    with review_store(db_url, tmp_path) as opened:
        yield opened


def test_candidates_come_with_their_records_and_a_comparison(desk: tuple[Store, Profile]) -> None:
    store, profile = desk
    view = ItemViewService(store).view(profile, item_id(store, "JOB-AMB"))
    assert view.status == "Warning" and view.review_state == "pending"
    assert [c.rank for c in view.candidates] == [1, 2]
    assert view.proposed_rank is None  # ambiguous: nothing linked
    first = view.candidates[0]
    assert first.customer_name == "Schmitz Sanitär GmbH"
    assert first.location is not None and first.location.street == "Kölner Landstraße 40"
    rows = {pair.key: pair for pair in first.fields}
    assert rows["location.street"].state == "same"
    assert rows["customer.customerNumber"].state == "stored-only"  # not given in the item
    assert rows["location.coordinates"].stored is not None
    assert [w.code for w in view.warnings] == ["AmbiguousNameAndAddress"]
    assert view.warnings[0].facts["count"] == "2"
    assert view.explanation  # the rule path


def test_personal_fields_are_masked_until_revealed_and_the_reveal_is_audited(
    desk: tuple[Store, Profile],
) -> None:
    store, profile = desk
    service = ItemViewService(store, author="dispatcher-1")
    view = service.view(profile, item_id(store, "JOB-AMB"))
    assert view.incoming_contact["email"] == MASK
    email = {p.key: p for p in view.candidates[0].fields}["contact.email"]
    assert email.personal and email.incoming == MASK
    values = service.reveal(profile, view.item_id, "incoming")
    assert values["email"] == "jana@schmitz.example"
    with store.unit_of_work() as session:
        events = list(
            session.scalars(
                select(AuditEventRow).where(AuditEventRow.action == "personal.revealed")
            )
        )
    assert [(e.actor, e.after["of"], e.after["fields"]) for e in events] == [  # type: ignore[index]
        ("dispatcher-1", "incoming contact", ["email"])
    ]
    assert "jana@schmitz.example" not in str(events[0].after)


def test_a_view_decrypts_no_contact_of_its_candidates(
    desk: tuple[Store, Profile], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, profile = desk
    import_items(store, profile, tmp_path, ELSEWHERE)
    decrypted: list[str] = []
    decrypt = DataKey.decrypt

    def counted(key: DataKey, stored: str) -> str:
        value = decrypt(key, stored)
        decrypted.append(value)
        return value

    monkeypatch.setattr(DataKey, "decrypt", counted)
    service = ItemViewService(store, author="dispatcher-1")
    view = service.view(profile, item_id(store, "JOB-ELSEWHERE"))
    contact = view.candidates[0].contact
    assert contact is not None and contact.email == NOT_DECRYPTED  # present, not read
    rows = {p.key: p for p in view.candidates[0].fields}
    assert rows["contact.email"].stored == MASK
    revealed = service.reveal(profile, view.item_id, contact.id)["email"]
    assert revealed and "@" in revealed  # the stored value, decrypted when revealed
    assert decrypted.count(revealed) == 1  # by the reveal, not by the view


def test_warnings_name_the_records_involved_and_route_readiness(
    desk: tuple[Store, Profile], tmp_path: Path
) -> None:
    store, profile = desk
    import_items(store, profile, tmp_path, ELSEWHERE)
    view = ItemViewService(store).view(profile, item_id(store, "JOB-ELSEWHERE"))
    mismatch = next(w for w in view.warnings if w.code == "ContactLocationMismatch")
    assert mismatch.facts["contact_location"] == "Niederlassung Bochum"
    assert mismatch.facts["item_location"] == "Zentrale Essen"
    assert view.route.source == "location"
    assert view.route.has_coordinates and view.route.work_minutes is not None
    assert view.route.ready == (view.route.priority is not None)
    # an item linked to a customer but to no location is judged on what came in
    mapped = ItemViewService(store).view(profile, item_id(store, "JOB-MAPPED"))
    assert mapped.route.source == "incoming"
    assert not mapped.route.ready


def test_differences_are_marked_within_values() -> None:
    left, right = diff_spans("Hachestr. 12", "Hachestraße 12")
    assert [s for s in left if s.changed] == [Span(".", True)]
    assert [s for s in right if s.changed] == [Span("aße", True)]
    assert "".join(s.text for s in left) == "Hachestr. 12"
    assert "".join(s.text for s in right) == "Hachestraße 12"
    # nothing in common: the whole values differ
    assert diff_spans("Berlin", "Hamburg") == ((Span("Berlin", True),), (Span("Hamburg", True),))
    assert diff_spans("Essen", "Essen") == ((Span("Essen", False),), (Span("Essen", False),))


def test_bulk_preview_says_what_would_happen_and_runs_all_or_nothing(
    desk: tuple[Store, Profile], tmp_path: Path
) -> None:
    store, profile = desk
    import_items(store, profile, tmp_path, {**MAPPED, "externalId": "JOB-MAPPED-2"})
    ids = [item_id(store, ext) for ext in ("JOB-AMB", "JOB-MAPPED", "JOB-MAPPED-2", "JOB-NEW")]
    lines = {line.external_id: line for line in preview_bulk_confirm(store, profile, ids)}
    assert lines["JOB-AMB"].skip is BulkSkip.NOT_CONFIDENT
    assert lines["JOB-NEW"].skip in {BulkSkip.NOT_CONFIDENT, BulkSkip.NO_CANDIDATE}
    assert lines["JOB-MAPPED"].skip is BulkSkip.WARNINGS
    assert lines["JOB-MAPPED"].blocking == ("LocationAutoCreateDisabled",)
    allowed = preview_bulk_confirm(store, profile, ids, {"LocationAutoCreateDisabled"})
    runs = [line for line in allowed if line.runs]
    assert [line.external_id for line in runs] == ["JOB-MAPPED", "JOB-MAPPED-2"]
    assert runs[0].customer_name == "Berger Zahntechnik Potsdam GmbH"
    review = ReviewService(store)
    recorded = run_bulk_confirm(review, profile, allowed)
    assert [d.kind for d in recorded] == ["Confirm", "Confirm"]
    # already decided now: a second preview leaves them alone
    again = {line.external_id: line for line in preview_bulk_confirm(store, profile, ids)}
    assert again["JOB-MAPPED"].skip is BulkSkip.NOT_OPEN
    # and the bulk step is undone as one
    undone = review.undo_many(profile, [line.item_id for line in runs])
    assert [d.kind for d in undone] == ["Undo", "Undo"]
    after = {line.external_id: line for line in preview_bulk_confirm(store, profile, ids)}
    assert after["JOB-MAPPED"].skip is BulkSkip.WARNINGS


def test_another_tenants_item_is_not_shown(desk: tuple[Store, Profile]) -> None:
    store, profile = desk
    other = profile.model_copy(
        update={"settings": profile.settings.model_copy(update={"tenant": "other"})}
    )
    with pytest.raises(NotFoundError):
        ItemViewService(store).view(other, item_id(store, "JOB-AMB"))
