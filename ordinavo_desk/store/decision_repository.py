"""Review decisions, their outbox entries and item claims of one tenant.

Decisions are append-only. Recording one bumps the item's ``decision_seq`` only if it is
still the number the reviewer saw, in the same transaction as the decision and its outbox
row, so a decision is either stored whole with its way out, or not at all, and two desks
on one shared store never overwrite each other's decision.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ordinavo_desk.domain.decisions import OutboxState, RecordedDecision
from ordinavo_desk.domain.errors import ConflictError, NotFoundError
from ordinavo_desk.store.rows import ImportItemRow, OutboxRow, ReviewDecisionRow

_DECISIONS = cast(Table, ReviewDecisionRow.__table__)
_OUTBOX = cast(Table, OutboxRow.__table__)
# built once: the values go in as parameters, so no statement is built per decision
_INSERT_DECISION = insert(_DECISIONS).returning(_DECISIONS.c.id)
_INSERT_OUTBOX = insert(_OUTBOX).returning(_OUTBOX.c.id)
# built once: every item shown reads these, and building a statement costs more than
# running it
_ITEM = select(ImportItemRow).where(
    ImportItemRow.tenant == bindparam("tenant"), ImportItemRow.id == bindparam("item_id")
)
_LATEST = (
    select(ReviewDecisionRow, OutboxRow)
    .outerjoin(OutboxRow, OutboxRow.decision_id == ReviewDecisionRow.id)
    .where(
        ReviewDecisionRow.tenant == bindparam("tenant"),
        ReviewDecisionRow.item_id == bindparam("item_id"),
    )
    .order_by(ReviewDecisionRow.id.desc())
    .limit(1)
)


class StaleItemError(ConflictError):
    """Someone recorded a decision on the item since the reviewer saw it."""


class ClaimedError(ConflictError):
    """Another person has the item open."""

    def __init__(self, message: str, claimed_by: str, until: datetime) -> None:
        super().__init__(message)
        self.claimed_by = claimed_by
        self.until = until


@dataclass(frozen=True, slots=True)
class NewDecision:
    kind: str
    author: str
    decided_at: datetime
    status_before: str | None
    links_before: dict[str, int | None]
    status_after: str | None
    links_after: dict[str, int | None]
    review_state_after: str
    corrections: dict[str, Any]
    payload: dict[str, Any]
    reason_code: str | None = None
    reason_text: str | None = None
    supersedes_id: int | None = None


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """An outbox row with its decision and what a push needs of the item (not the item
    itself: its payload and candidates are large, and a push sends thousands)."""

    outbox: OutboxRow
    decision: ReviewDecisionRow
    item_id: int
    item_external_id: str
    server_item_id: str | None


def to_recorded(
    decision: ReviewDecisionRow, item: ImportItemRow | str, outbox: OutboxRow | None
) -> RecordedDecision:
    """``item``: the item, or its external ID."""
    return RecordedDecision(
        id=decision.id,
        item_id=decision.item_id,
        item_external_id=item if isinstance(item, str) else item.external_id,
        kind=decision.kind,
        author=decision.author,
        decided_at=decision.decided_at,
        item_version=decision.item_version,
        status_before=decision.status_before,
        status_after=decision.status_after,
        review_state_after=str(decision.payload.get("reviewStateAfter", "")),
        links_before=decision.links_before,
        links_after=decision.links_after,
        corrections=decision.corrections,
        reason_code=decision.reason_code,
        reason_text=decision.reason_text,
        supersedes_id=decision.supersedes_id,
        outbox_state=outbox.state if outbox else None,
        route=outbox.route if outbox else None,
        last_error=outbox.last_error if outbox else None,
        payload=decision.payload,
    )


class DecisionRepository:
    """Every query is scoped to the tenant given at construction."""

    def __init__(self, session: Session, tenant: str) -> None:
        self._session = session
        self.tenant = tenant

    # -- items ---------------------------------------------------------------------------

    def item(self, item_id: int) -> ImportItemRow:
        row = self._session.scalars(_ITEM, {"tenant": self.tenant, "item_id": item_id}).first()
        if row is None:
            raise NotFoundError(f"item {item_id} does not exist in tenant '{self.tenant}'")
        return row

    def claim(self, item_id: int, who: str, until: datetime, now: datetime) -> None:
        """Mark the item as open by ``who`` until ``until``; a live claim of someone else
        wins (ClaimedError)."""
        result = self._session.execute(
            update(ImportItemRow)
            .where(
                ImportItemRow.tenant == self.tenant,
                ImportItemRow.id == item_id,
                or_(
                    ImportItemRow.claimed_by.is_(None),
                    ImportItemRow.claimed_by == who,
                    ImportItemRow.claimed_until <= now,
                ),
            )
            .values(claimed_by=who, claimed_until=until)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            row = self.item(item_id)
            self._session.refresh(row)
            self.check_claim(row, who, now)

    def release(self, item_id: int, who: str) -> None:
        self._session.execute(
            update(ImportItemRow)
            .where(
                ImportItemRow.tenant == self.tenant,
                ImportItemRow.id == item_id,
                ImportItemRow.claimed_by == who,
            )
            .values(claimed_by=None, claimed_until=None)
            .execution_options(synchronize_session=False)
        )

    @staticmethod
    def check_claim(row: ImportItemRow, who: str, now: datetime) -> None:
        if (
            row.claimed_by is not None
            and row.claimed_by != who
            and row.claimed_until is not None
            and row.claimed_until > now
        ):
            raise ClaimedError(
                f"item {row.external_id} is open by {row.claimed_by} until "
                f"{row.claimed_until:%H:%M} UTC",
                row.claimed_by,
                row.claimed_until,
            )

    # -- decisions -----------------------------------------------------------------------

    def bump(self, item: ImportItemRow, seen_seq: int, review_state_after: str) -> None:
        """Take the item for a decision: its decision sequence goes from ``seen_seq`` up
        by one, or StaleItemError when it is not ``seen_seq`` any more. On PostgreSQL the
        update locks the item's row until the transaction ends, so a second desk waits,
        then finds the sequence moved on."""
        bumped = self._session.execute(
            update(ImportItemRow)
            .where(
                ImportItemRow.tenant == self.tenant,
                ImportItemRow.id == item.id,
                ImportItemRow.decision_seq == seen_seq,
            )
            .values(decision_seq=seen_seq + 1, review_state=review_state_after)
            .execution_options(synchronize_session=False)
        )
        if bumped.rowcount != 1:  # type: ignore[attr-defined]
            raise StaleItemError(
                f"item {item.external_id} was decided by someone else since you opened it; "
                "look at it again before deciding"
            )
        # the row as it now is in the database (no second read, no second write)
        set_committed_value(item, "decision_seq", seen_seq + 1)
        set_committed_value(item, "review_state", review_state_after)

    def add(
        self,
        item: ImportItemRow,
        decision: NewDecision,
        *,
        route: str | None,
        outbox_state: OutboxState | None,
    ) -> tuple[ReviewDecisionRow, OutboxRow | None]:
        """Record ``decision`` on ``item`` (taken with ``bump`` in this transaction), with
        an outbox row when ``outbox_state`` is given."""
        values: dict[str, Any] = {
            "tenant": self.tenant,
            "item_id": item.id,
            "item_version": item.version,
            "kind": decision.kind,
            "author": decision.author,
            "decided_at": decision.decided_at,
            "supersedes_id": decision.supersedes_id,
            "status_before": decision.status_before,
            "links_before": decision.links_before,
            "status_after": decision.status_after,
            "links_after": decision.links_after,
            "corrections": decision.corrections,
            "reason_code": decision.reason_code,
            "reason_text": decision.reason_text,
            "payload": {**decision.payload, "reviewStateAfter": decision.review_state_after},
        }
        # plain inserts: the rows are not needed in the session afterwards, and a unit of
        # work per row costs more than the rest of recording a decision
        decision_id = self._session.execute(_INSERT_DECISION, values).scalar_one()
        row = ReviewDecisionRow(id=decision_id, **values)
        outbox = None
        if outbox_state is not None:
            outbox_values: dict[str, Any] = {
                "tenant": self.tenant,
                "decision_id": decision_id,
                "idempotency_key": f"desk-{uuid.uuid4()}",
                "state": outbox_state.value,
                "attempts": 0,
                "route": route,
                "held": False,
                "created_at": decision.decided_at,
                "updated_at": decision.decided_at,
            }
            outbox_id = self._session.execute(_INSERT_OUTBOX, outbox_values).scalar_one()
            outbox = OutboxRow(id=outbox_id, **outbox_values)
        return row, outbox

    def latest(self, item_id: int) -> tuple[ReviewDecisionRow, OutboxRow | None] | None:
        """The item's most recent decision and its outbox entry."""
        found = self._session.execute(_LATEST, {"tenant": self.tenant, "item_id": item_id}).first()
        return (found[0], found[1]) if found else None

    def history(self, item_id: int) -> list[RecordedDecision]:
        """Every decision on the item, oldest first."""
        item = self.item(item_id)
        rows = self._session.execute(
            select(ReviewDecisionRow, OutboxRow)
            .outerjoin(OutboxRow, OutboxRow.decision_id == ReviewDecisionRow.id)
            .where(ReviewDecisionRow.tenant == self.tenant, ReviewDecisionRow.item_id == item_id)
            .order_by(ReviewDecisionRow.id)
        ).all()
        return [to_recorded(decision, item, outbox) for decision, outbox in rows]

    def decision(self, decision_id: int) -> ReviewDecisionRow | None:
        return self._session.scalars(
            select(ReviewDecisionRow).where(
                ReviewDecisionRow.tenant == self.tenant, ReviewDecisionRow.id == decision_id
            )
        ).first()

    def outbox_of(self, decision_id: int) -> OutboxRow | None:
        return self._session.scalars(
            select(OutboxRow).where(
                OutboxRow.tenant == self.tenant, OutboxRow.decision_id == decision_id
            )
        ).first()

    # -- outbox --------------------------------------------------------------------------

    def sendable(self, states: Sequence[str], after_id: int, limit: int) -> list[OutboxEntry]:
        """Outbox entries in the given states after ``after_id``, oldest first."""
        rows = self._session.execute(
            select(
                OutboxRow,
                ReviewDecisionRow,
                ImportItemRow.id,
                ImportItemRow.external_id,
                ImportItemRow.server_item_id,
            )
            .join(ReviewDecisionRow, ReviewDecisionRow.id == OutboxRow.decision_id)
            .join(ImportItemRow, ImportItemRow.id == ReviewDecisionRow.item_id)
            .where(
                OutboxRow.tenant == self.tenant,
                OutboxRow.state.in_(list(states)),
                OutboxRow.id > after_id,
            )
            .order_by(OutboxRow.id)
            .limit(limit)
        ).all()
        return [OutboxEntry(*row) for row in rows]

    def outbox_counts(self) -> dict[str, int]:
        rows = self._session.execute(
            select(OutboxRow.state, func.count())
            .where(OutboxRow.tenant == self.tenant)
            .group_by(OutboxRow.state)
        ).all()
        return {state: count for state, count in rows}

    def entries_in(self, states: Sequence[str], limit: int = 1000) -> list[RecordedDecision]:
        """Decisions whose outbox entry is in one of ``states``, oldest first."""
        return [
            to_recorded(entry.decision, entry.item_external_id, entry.outbox)
            for entry in self.sendable(states, 0, limit)
        ]
