"""Mapping stored items with the engine: at import and on ``remap``.

Items are mapped in order against the tenant's reference data as it evolves: what the
engine creates, the references it stores and the fields it updates are written to the
store in the same transaction as the items' results, and later items see them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.enums import MappingStatus
from ordinavo_desk.domain.mapping import needs_review
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.item_repository import ImportItemRepository
from ordinavo_desk.store.reference_records import ReferenceRecords


@dataclass(frozen=True, slots=True)
class RemapSummary:
    items: int
    by_status: dict[MappingStatus, int]


def map_stored_items(
    session: Session, profile: Profile, item_ids: Sequence[int]
) -> list[MappingStatus]:
    """Map the items in order with the profile's settings and store each result with the
    item version it was computed for. Runs inside the caller's unit of work."""
    if not item_ids:
        return []
    records = ReferenceRecords(session, profile.tenant)
    engine = MappingEngine(records.build_index())
    items = ImportItemRepository(session, profile.tenant)
    statuses: list[MappingStatus] = []
    for item_id in item_ids:
        item = items.get(item_id)
        target = InboundTarget.model_validate(item.payload)
        outcome = engine.map_and_apply(target, profile.settings)
        records.apply(outcome.changes)
        items.set_mapping(item.id, item.version, outcome.result, profile.settings.strategy.value)
        waits = needs_review(outcome.result.status, profile.settings.strategy)
        state = "pending" if waits else "not-needed"
        items.set_review_state(item.id, state)
        statuses.append(outcome.result.status)
    return statuses


class MappingService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def remap(self, profile: Profile) -> RemapSummary:
        """Re-run the profile's rules on its pending items (in import order)."""
        with self._store.unit_of_work() as session:
            items = ImportItemRepository(session, profile.tenant)
            ids = items.pending_ids(profile.source_system)
            statuses = map_stored_items(session, profile, ids)
        counts: dict[MappingStatus, int] = {}
        for status in statuses:
            counts[status] = counts.get(status, 0) + 1
        return RemapSummary(items=len(statuses), by_status=counts)
