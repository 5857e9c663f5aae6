"""Review decisions as the desk records them, and where each stands on its way out."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from ordinavo_desk.domain.base import WireModel


class DeskReviewState(StrEnum):
    """Where an item stands in the desk's review (pulled items bring the server's)."""

    PENDING = "pending"
    DEFERRED = "deferred"
    DECIDED = "decided"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    NOT_NEEDED = "not-needed"


#: States of items waiting for a person (the review queue).
OPEN_STATES = frozenset({DeskReviewState.PENDING.value, DeskReviewState.DEFERRED.value})
#: States in which an item takes a new decision: open ones, and those the rules settled
#: (a person may still overrule them); a decided item is undone first.
DECIDABLE_STATES = OPEN_STATES | {DeskReviewState.NOT_NEEDED.value}

#: The kind of a local undo: supersedes a decision the server never received.
UNDO_KIND = "Undo"


class Route(StrEnum):
    """How a decision reaches the server."""

    REVIEW = "review"  # POST /review/items/{id}/decision
    UPSERT = "upsert"  # plain v1: re-import the target with the decided external IDs
    LOCAL = "local"  # no server: exported instead


class OutboxState(StrEnum):
    PENDING = "pending"  # not tried yet
    RETRYING = "retrying"  # offline, timed out or the server was busy: tried again later
    SENT = "sent"
    CONFLICT = "conflict"  # 409/412/422: kept for a person, with both versions
    REJECTED = "rejected"  # another 4xx: the reason is kept
    HELD = "held"  # cannot be expressed on this server (plain v1); kept with the reason
    SUPERSEDED = "superseded"  # undone before it was sent
    LOCAL = "local"  # nothing to send: local-store mode


#: States a push works through, in order.
SENDABLE_STATES = frozenset({OutboxState.PENDING.value, OutboxState.RETRYING.value})
#: States that need a person.
ATTENTION_STATES = frozenset(
    {OutboxState.CONFLICT.value, OutboxState.REJECTED.value, OutboxState.HELD.value}
)


class RecordedDecision(WireModel):
    """One decision on an item with the state of its outbox entry."""

    id: int
    item_id: int
    item_external_id: str
    kind: str
    author: str
    decided_at: datetime
    item_version: int
    status_before: str | None
    status_after: str | None
    review_state_after: str
    links_before: dict[str, int | None]
    links_after: dict[str, int | None]
    corrections: dict[str, Any]
    reason_code: str | None = None
    reason_text: str | None = None
    supersedes_id: int | None = None
    outbox_state: str | None = None
    route: str | None = None
    last_error: str | None = None
    payload: dict[str, Any]
