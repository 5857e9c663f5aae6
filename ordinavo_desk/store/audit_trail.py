"""The tenant's hash-chained audit trail: append an event, check the chain.

Each event's hash covers its fields and the hash of the event before it (of the same
tenant), so editing, deleting or reordering any stored event breaks every hash after it.
Appending locks the tenant's row first, so that two desks on a shared PostgreSQL store
never both chain onto the same event.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.orm import Session

from ordinavo_desk.store.profile_repository import ensure_tenant
from ordinavo_desk.store.rows import AuditEventRow, TenantRow
from ordinavo_desk.store.types import utcnow


def event_hash(
    *,
    tenant: str,
    occurred_at: datetime,
    actor: str,
    action: str,
    subject_type: str,
    subject_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    prev_hash: str | None,
) -> str:
    """SHA-256 over the canonical JSON of the event's fields and the previous hash."""
    canonical = json.dumps(
        {
            "tenant": tenant,
            "occurredAt": occurred_at.isoformat(timespec="microseconds"),
            "actor": actor,
            "action": action,
            "subjectType": subject_type,
            "subjectId": subject_id,
            "before": before,
            "after": after,
            "prevHash": prev_hash,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def row_hash(row: AuditEventRow) -> str:
    """The hash an event row must carry."""
    return event_hash(
        tenant=row.tenant,
        occurred_at=row.occurred_at,
        actor=row.actor,
        action=row.action,
        subject_type=row.subject_type,
        subject_id=row.subject_id,
        before=row.before,
        after=row.after,
        prev_hash=row.prev_hash,
    )


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """The first event whose hash does not hold, and why."""

    event_id: int
    reason: str


_EVENTS = cast(Table, AuditEventRow.__table__)
_COLUMNS = [c for c in _EVENTS.columns if c.key != "id"]
_INSERT_EVENT = insert(_EVENTS)
_LOCK_TENANT = (
    select(TenantRow.tenant).where(TenantRow.tenant == bindparam("tenant")).with_for_update()
)
#: The hash of the tenant's latest event, read by every append (an index holds it).
CHAIN_TAIL = (
    select(AuditEventRow.hash)
    .where(AuditEventRow.tenant == bindparam("tenant"))
    .order_by(AuditEventRow.id.desc())
    .limit(1)
)


class AuditTrail:
    def __init__(self, session: Session, tenant: str) -> None:
        self._session = session
        self.tenant = tenant

    def append(
        self,
        *,
        actor: str,
        action: str,
        subject_type: str,
        subject_id: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        occurred_at: datetime | None = None,
    ) -> str:
        """Append the event; answers its hash."""
        # serialise appends per tenant (a no-op lock on SQLite, whose writes are serial)
        locked = self._session.execute(_LOCK_TENANT, {"tenant": self.tenant}).first()
        if locked is None:
            ensure_tenant(self._session, self.tenant)
        prev_hash = self._session.scalars(CHAIN_TAIL, {"tenant": self.tenant}).first()
        when = occurred_at or utcnow()
        # round-trip the JSON as the store will give it back, so the hash can be checked
        before = json.loads(json.dumps(before, default=str)) if before is not None else None
        after = json.loads(json.dumps(after, default=str)) if after is not None else None
        row = AuditEventRow(
            tenant=self.tenant,
            occurred_at=when,
            actor=actor,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            before=before,
            after=after,
            prev_hash=prev_hash,
        )
        row.hash = row_hash(row)
        values = {column.key: getattr(row, column.key) for column in _COLUMNS}
        self._session.execute(_INSERT_EVENT, values)
        return row.hash

    def verify(self, batch_size: int = 2000) -> ChainBreak | None:
        """Walk the tenant's chain in order; the first event that does not hold, if any."""
        prev_hash: str | None = None
        last_id = 0
        while True:
            rows = self._session.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.tenant == self.tenant, AuditEventRow.id > last_id)
                .order_by(AuditEventRow.id)
                .limit(batch_size)
            ).all()
            if not rows:
                return None
            for row in rows:
                if row.prev_hash != prev_hash:
                    return ChainBreak(row.id, "does not follow the event before it")
                expected = row_hash(row)
                if expected != row.hash:
                    return ChainBreak(row.id, "its content was changed after it was written")
                prev_hash = row.hash
                last_id = row.id
