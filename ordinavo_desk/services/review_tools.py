"""What the review window asks for besides single decisions: related items after a
decision, a bulk confirmation's preview, and a search over all the tenant's records."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ordinavo_desk.domain.decisions import RecordedDecision
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.bulk_review import BulkLine, preview_bulk_confirm, run_bulk_confirm
from ordinavo_desk.services.record_search import RecordHit, search_records
from ordinavo_desk.services.related_items import RelatedItem, related_items
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.store.database import Store


class ReviewTools:
    def __init__(self, store: Store) -> None:
        self._store = store

    def related(self, profile: Profile, decision_id: int) -> list[RelatedItem]:
        return related_items(self._store, profile, decision_id)

    def preview_bulk(
        self, profile: Profile, item_ids: Sequence[int], allowed_warnings: Collection[str] = ()
    ) -> list[BulkLine]:
        return preview_bulk_confirm(self._store, profile, item_ids, allowed_warnings)

    @staticmethod
    def run_bulk(
        review: ReviewService, profile: Profile, lines: Sequence[BulkLine]
    ) -> list[RecordedDecision]:
        return run_bulk_confirm(review, profile, lines)

    def search(self, profile: Profile, text: str, limit: int = 50) -> list[RecordHit]:
        return search_records(self._store, profile, text, limit)
