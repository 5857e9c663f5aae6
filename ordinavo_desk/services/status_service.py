"""Where a profile's desk stands: what waits to be pushed, what needs a person, how old
the reference data is, what is left to review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from ordinavo_desk.domain.decisions import (
    ATTENTION_STATES,
    OPEN_STATES,
    SENDABLE_STATES,
    OutboxState,
    RecordedDecision,
)
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.decision_repository import DecisionRepository
from ordinavo_desk.store.profile_repository import ProfileRepository
from ordinavo_desk.store.rows import ImportItemRow


@dataclass(frozen=True, slots=True)
class DeskStatus:
    profile: str
    tenant: str
    base_url: str | None
    open_items: int
    decided_items: int
    waiting: int
    sent: int
    conflicts: int
    rejected: int
    held: int
    reference_pulled_at: datetime | None
    items_pulled_at: datetime | None
    #: The decisions that need a person (oldest first, at most ``attention_limit``).
    attention: tuple[RecordedDecision, ...]


def desk_status(store: Store, profile: Profile, attention_limit: int = 20) -> DeskStatus:
    with store.unit_of_work() as session:
        decisions = DecisionRepository(session, profile.tenant)
        counts = decisions.outbox_counts()
        attention = decisions.entries_in(sorted(ATTENTION_STATES), limit=attention_limit)
        state = ProfileRepository(session).sync_state(profile.name)
        by_state = dict(
            session.execute(
                select(ImportItemRow.review_state, func.count())
                .where(
                    ImportItemRow.tenant == profile.tenant,
                    ImportItemRow.source_system == profile.source_system,
                )
                .group_by(ImportItemRow.review_state)
            ).all()
        )
    return DeskStatus(
        profile=profile.name,
        tenant=profile.tenant,
        base_url=profile.base_url,
        open_items=sum(n for s, n in by_state.items() if s in OPEN_STATES),
        decided_items=sum(n for s, n in by_state.items() if s not in OPEN_STATES),
        waiting=sum(counts.get(s, 0) for s in SENDABLE_STATES),
        sent=counts.get(OutboxState.SENT.value, 0),
        conflicts=counts.get(OutboxState.CONFLICT.value, 0),
        rejected=counts.get(OutboxState.REJECTED.value, 0),
        held=counts.get(OutboxState.HELD.value, 0),
        reference_pulled_at=state.reference_pulled_at,
        items_pulled_at=state.items_pulled_at,
        attention=tuple(attention),
    )
