"""Confirming many items at once: "every item whose top candidate is confident",
optionally allowing chosen warning kinds, previewed before it runs.

:func:`preview_bulk_confirm` says for each selected item what will happen (confirmed, and
to whom, or left alone, and why); :func:`run_bulk_confirm` records the confirmations of a
preview in one step (all or none) through the review service, so they are undone as one
step too (:meth:`ReviewService.undo_many`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from ordinavo_desk.domain.decisions import DECIDABLE_STATES, RecordedDecision
from ordinavo_desk.domain.enums import CandidateOutcome
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.review_requests import confirm
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.rows import CustomerRow, ImportItemRow

#: At most this many items in one bulk step (the preview lists each).
MAX_BULK = 5000


class BulkSkip(StrEnum):
    """Why an item is left alone."""

    NOT_OPEN = "not-open"  # decided, rejected or cancelled already
    NOT_MAPPED = "not-mapped"  # no current mapping result
    NO_CANDIDATE = "no-candidate"
    NOT_CONFIDENT = "not-confident"  # the top candidate is ambiguous or below threshold
    WARNINGS = "warnings"  # a warning not among the allowed kinds


@dataclass(frozen=True, slots=True)
class BulkLine:
    item_id: int
    external_id: str
    incoming_name: str | None
    warnings: tuple[str, ...]
    #: The customer (and location) a confirmation links, for a line that will run.
    customer_id: int | None
    customer_name: str | None
    location_id: int | None
    score: float | None
    skip: BulkSkip | None
    #: The warnings that made it skip (for ``BulkSkip.WARNINGS``).
    blocking: tuple[str, ...] = ()

    @property
    def runs(self) -> bool:
        return self.skip is None


def preview_bulk_confirm(
    store: Store, profile: Profile, item_ids: Sequence[int], allowed_warnings: Collection[str] = ()
) -> list[BulkLine]:
    """What "confirm every item whose top candidate is confident" would do to these items,
    in the order given."""
    ids = list(dict.fromkeys(item_ids))[:MAX_BULK]
    allowed = frozenset(allowed_warnings)
    with store.unit_of_work() as session:
        rows = {
            row.id: row
            for row in session.scalars(
                select(ImportItemRow).where(
                    ImportItemRow.tenant == profile.tenant, ImportItemRow.id.in_(ids)
                )
            )
        }
        lines = [_line(rows[i], allowed) for i in ids if i in rows]
        wanted = {line.customer_id for line in lines if line.customer_id is not None}
        names = dict(
            session.execute(
                select(CustomerRow.id, CustomerRow.name).where(
                    CustomerRow.tenant == profile.tenant, CustomerRow.id.in_(wanted)
                )
            ).all()
        )
    return [
        replace(line, customer_name=names.get(line.customer_id))
        if line.customer_id is not None
        else line
        for line in lines
    ]


def run_bulk_confirm(
    review: ReviewService, profile: Profile, lines: Sequence[BulkLine]
) -> list[RecordedDecision]:
    """Confirm the lines that run, in one step (all of them or none)."""
    return review.decide_many(profile, [(line.item_id, confirm()) for line in lines if line.runs])


def _line(row: ImportItemRow, allowed: frozenset[str]) -> BulkLine:
    payload: dict[str, Any] = row.payload or {}
    name = (payload.get("customer") or {}).get("name")
    current = row.mapping_result if row.mapping_version == row.version else None
    warnings = tuple((current or {}).get("warnings") or ())
    base: dict[str, Any] = {
        "item_id": row.id,
        "external_id": row.external_id,
        "incoming_name": name,
        "warnings": warnings,
        "customer_id": None,
        "customer_name": None,
        "location_id": None,
        "score": None,
    }
    if row.review_state not in DECIDABLE_STATES:
        return BulkLine(**base, skip=BulkSkip.NOT_OPEN)
    if current is None:
        return BulkLine(**base, skip=BulkSkip.NOT_MAPPED)
    candidates = current.get("candidates") or []
    if not candidates:
        return BulkLine(**base, skip=BulkSkip.NO_CANDIDATE)
    top = candidates[0]
    base.update(
        customer_id=current.get("customerId") or top["customerId"],
        location_id=current.get("customerLocationId") or top.get("customerLocationId"),
        score=float(top["score"]),
    )
    if top.get("outcome") != CandidateOutcome.CONFIDENT.value:
        return BulkLine(**base, skip=BulkSkip.NOT_CONFIDENT)
    blocking = tuple(code for code in warnings if code not in allowed)
    if blocking:
        return BulkLine(**base, skip=BulkSkip.WARNINGS, blocking=blocking)
    return BulkLine(**base, skip=None)
