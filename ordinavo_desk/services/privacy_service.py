"""Personal data over time: purging it from items decided and sent long enough ago
(retention), and wiping everything a profile keeps locally.

Purging clears the contact's email, phone and mobile from the item's payload, from the
corrections of its decisions and from the server's answers kept with them. The reference
data (the tenant's customer master) is not item data and stays; the audit trail never
held these values (it records that a personal field was corrected, not its value).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select

from ordinavo_desk.domain.decisions import SENDABLE_STATES, OutboxState
from ordinavo_desk.domain.errors import ConflictError, InputError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.store.audit_trail import AuditTrail
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.personal_data import PERSONAL_FIELDS
from ordinavo_desk.store.profile_repository import CURRENT_PROFILE_KEY
from ordinavo_desk.store.rows import (
    AuditEventRow,
    ContactRow,
    CustomerRow,
    DeskStateRow,
    ExternalRefRow,
    ImportItemRow,
    LocationRow,
    OutboxRow,
    ProfileRow,
    ReviewDecisionRow,
    TenantRow,
)
from ordinavo_desk.store.types import utcnow

RETENTION_KEY = "retention_days"
DEFAULT_RETENTION_DAYS = 90
_BATCH = 500


def _cleared(document: Any, *path: str) -> tuple[Any, bool]:
    """A copy of ``document`` with the personal fields of the dict at ``path`` cleared."""
    if not isinstance(document, dict):
        return document, False
    copy = dict(document)
    holder = copy
    for step in path:
        inner = holder.get(step)
        if not isinstance(inner, dict):
            return document, False
        inner = dict(inner)
        holder[step] = inner
        holder = inner
    changed = False
    for name in PERSONAL_FIELDS:
        if holder.get(name) is not None:
            holder[name] = None
            changed = True
    return (copy, True) if changed else (document, False)


@dataclass(frozen=True, slots=True)
class PurgeSummary:
    days: int
    items: int


@dataclass(frozen=True, slots=True)
class WipeSummary:
    profile: str
    items: int
    decisions: int
    reference_removed: bool


class PrivacyService:
    def __init__(self, store: Store, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._store = store
        self._clock = clock

    # -- retention -----------------------------------------------------------------------

    def retention_days(self) -> int:
        with self._store.unit_of_work() as session:
            state = session.get(DeskStateRow, RETENTION_KEY)
            return int(state.value) if state is not None else DEFAULT_RETENTION_DAYS

    def set_retention_days(self, days: int) -> None:
        if not 1 <= days <= 3650:
            raise InputError("must lie in 1..3650 days", field="--days")
        with self._store.unit_of_work() as session:
            state = session.get(DeskStateRow, RETENTION_KEY)
            if state is None:
                session.add(DeskStateRow(key=RETENTION_KEY, value=str(days)))
            else:
                state.value = str(days)

    def purge(self, profile: Profile, days: int | None = None) -> PurgeSummary:
        """Clear the personal data of the profile's items whose latest decision was sent
        (or, in local-store mode, made) more than ``days`` ago (default: the setting)."""
        keep = days if days is not None else self.retention_days()
        cutoff = self._clock() - timedelta(days=keep)
        purged = 0
        with self._store.unit_of_work() as session:
            latest = (
                select(ReviewDecisionRow.item_id, func.max(ReviewDecisionRow.id).label("last"))
                .where(ReviewDecisionRow.tenant == profile.tenant)
                .group_by(ReviewDecisionRow.item_id)
                .subquery()
            )
            old = (
                session.execute(
                    select(ImportItemRow.id)
                    .join(latest, latest.c.item_id == ImportItemRow.id)
                    .join(ReviewDecisionRow, ReviewDecisionRow.id == latest.c.last)
                    .outerjoin(OutboxRow, OutboxRow.decision_id == ReviewDecisionRow.id)
                    .where(
                        ImportItemRow.tenant == profile.tenant,
                        ImportItemRow.source_system == profile.source_system,
                        ImportItemRow.review_state.not_in(("pending", "deferred")),
                        ((OutboxRow.state == OutboxState.SENT.value) & (OutboxRow.sent_at < cutoff))
                        | (
                            (OutboxRow.state == OutboxState.LOCAL.value)
                            & (ReviewDecisionRow.decided_at < cutoff)
                        ),
                    )
                )
                .scalars()
                .all()
            )
            for start in range(0, len(old), _BATCH):
                ids = old[start : start + _BATCH]
                for item in session.scalars(select(ImportItemRow).where(ImportItemRow.id.in_(ids))):
                    item.payload, changed = _cleared(item.payload, "contact")
                    purged += changed
                decisions = session.scalars(
                    select(ReviewDecisionRow).where(ReviewDecisionRow.item_id.in_(ids))
                )
                for decision in decisions:
                    decision.corrections, _ = _cleared(decision.corrections, "contact")
                    decision.payload, _ = _cleared(
                        decision.payload, "request", "corrections", "contact"
                    )
                responses = session.scalars(
                    select(OutboxRow)
                    .join(ReviewDecisionRow, ReviewDecisionRow.id == OutboxRow.decision_id)
                    .where(ReviewDecisionRow.item_id.in_(ids))
                )
                for outbox in responses:
                    outbox.response, _ = _cleared(outbox.response, "serverItem", "target",
                                                  "contact")  # fmt: skip
            if purged:
                AuditTrail(session, profile.tenant).append(
                    actor="retention",
                    action="privacy.purge",
                    subject_type="profile",
                    subject_id=profile.name,
                    after={"items": purged, "olderThanDays": keep},
                )
        return PurgeSummary(days=keep, items=purged)

    # -- wipe ----------------------------------------------------------------------------

    def wipe(self, profile: Profile, *, force: bool = False) -> WipeSummary:
        """Remove everything the store keeps for ``profile``: its items with their
        decisions and outbox, the profile itself, and, when no other profile works with
        its tenant, the tenant's reference data and audit trail. Decisions not sent yet
        stop the wipe unless ``force``. All in one transaction."""
        with self._store.unit_of_work() as session:
            item_ids = list(
                session.scalars(
                    select(ImportItemRow.id).where(
                        ImportItemRow.tenant == profile.tenant,
                        ImportItemRow.source_system == profile.source_system,
                    )
                )
            )
            waiting = 0
            decision_ids: list[int] = []
            for start in range(0, len(item_ids), _BATCH):
                chunk = item_ids[start : start + _BATCH]
                decision_ids += session.scalars(
                    select(ReviewDecisionRow.id).where(ReviewDecisionRow.item_id.in_(chunk))
                )
            for start in range(0, len(decision_ids), _BATCH):
                chunk = decision_ids[start : start + _BATCH]
                waiting += (
                    session.scalar(
                        select(func.count())
                        .select_from(OutboxRow)
                        .where(
                            OutboxRow.decision_id.in_(chunk),
                            OutboxRow.state.in_(sorted(SENDABLE_STATES)),
                        )
                    )
                    or 0
                )
            if waiting and not force:
                raise ConflictError(
                    f"{waiting} decision(s) of profile '{profile.name}' have not been sent; "
                    "push them first (sync), or wipe with --force to lose them"
                )
            for start in range(0, len(decision_ids), _BATCH):
                chunk = decision_ids[start : start + _BATCH]
                session.execute(delete(OutboxRow).where(OutboxRow.decision_id.in_(chunk)))
            # decisions point at the ones they supersede: newest first
            for start in range(len(decision_ids), 0, -_BATCH):
                chunk = decision_ids[max(0, start - _BATCH) : start]
                session.execute(
                    delete(ReviewDecisionRow)
                    .where(ReviewDecisionRow.id.in_(chunk))
                    .execution_options(synchronize_session=False)
                )
            for start in range(0, len(item_ids), _BATCH):
                chunk = item_ids[start : start + _BATCH]
                session.execute(delete(ImportItemRow).where(ImportItemRow.id.in_(chunk)))
            session.execute(delete(ProfileRow).where(ProfileRow.name == profile.name))
            current = session.get(DeskStateRow, CURRENT_PROFILE_KEY)
            if current is not None and current.value == profile.name:
                session.delete(current)
            others = session.scalar(
                select(func.count())
                .select_from(ProfileRow)
                .where(ProfileRow.tenant == profile.tenant)
            )
            removed = not others
            if removed:
                for row in (ExternalRefRow, ContactRow, LocationRow, CustomerRow, AuditEventRow):
                    session.execute(delete(row).where(row.tenant == profile.tenant))
                session.execute(delete(TenantRow).where(TenantRow.tenant == profile.tenant))
            else:
                AuditTrail(session, profile.tenant).append(
                    actor="wipe",
                    action="privacy.wipe",
                    subject_type="profile",
                    subject_id=profile.name,
                    after={"items": len(item_ids), "decisions": len(decision_ids)},
                )
        return WipeSummary(profile.name, len(item_ids), len(decision_ids), removed)
