"""Decisions in conflict, with both sides, and resolving them (review-and-sync.md,
"Conflicts").

A push keeps a conflict (409, 412, 422, or a plain v1 re-import that linked something
else) with the problem and the server's item as it was then. ``conflicts`` lists them
with both sides side by side: the local decision (kind, links, corrections, author, time,
the item version it was made on) and the server's state (its review state and status,
links, version, who decided it there and how, the problem).

Resolving one is either

- ``take_server``: the local decision is undone (``ReviewService.undo``: an Undo, since
  the server never took it); its outbox entry is superseded and never sent, and the next
  pull brings the item as the server has it; or
- ``decide_again``: the same decision is recorded again on the server's version kept
  with the conflict. In one transaction the item's server version moves to that version,
  the refused decision is undone and the decision is recorded anew (a new
  Idempotency-Key and outbox entry, each with its audit event); the next push sends it
  with ``If-Match`` on that version.

Every read and write is scoped to the profile's tenant: a decision id of another tenant
is not found.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.decisions import OutboxState, RecordedDecision, Route
from ordinavo_desk.domain.errors import ConflictError, NotFoundError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.decision_repository import DecisionRepository
from ordinavo_desk.store.record_lookup import StoreRecordLookup
from ordinavo_desk.store.rows import ImportItemRow, OutboxRow, ReviewDecisionRow
from ordinavo_desk.store.types import utcnow

#: Review states of the server in which an item takes a decision.
_SERVER_DECIDABLE = frozenset({"Open", "Deferred"})


class DecideAgainBlock(StrEnum):
    """Why a conflict cannot be decided again (the server's state can always be taken)."""

    #: The server's item was not kept with the conflict (it could not be read then).
    SERVER_VERSION_UNKNOWN = "server-version-unknown"
    #: The server's item is decided, rejected or cancelled there: it takes no decision
    #: until that one is reverted on the server.
    SERVER_ITEM_CLOSED = "server-item-closed"
    #: The decision goes by re-import (plain v1): there is no version to decide on.
    NOT_BY_REVIEW = "not-by-review"


@dataclass(frozen=True, slots=True)
class LinkedRecord:
    """A customer, location or contact as a person recognises it: its id and, when the
    store knows the record, its name (for a location: name or street and city)."""

    id: int
    name: str | None = None


@dataclass(frozen=True, slots=True)
class LocalSide:
    decision_id: int
    kind: str
    customer: LinkedRecord | None
    location: LinkedRecord | None
    contact: LinkedRecord | None
    corrections: dict[str, dict[str, Any]]
    reason_code: str | None
    reason_text: str | None
    author: str
    decided_at: datetime
    #: The server's item version the decision was made on.
    server_version: int | None


@dataclass(frozen=True, slots=True)
class ServerSide:
    """The server's item as kept with the conflict (``known`` False: it was not)."""

    known: bool
    review_state: str | None = None
    status: str | None = None
    customer: LinkedRecord | None = None
    location: LinkedRecord | None = None
    contact: LinkedRecord | None = None
    version: int | None = None
    #: The server's latest decision on the item that stands (not reverted), if any.
    decided_by: str | None = None
    decision_kind: str | None = None
    decided_at: datetime | None = None
    updated_at: datetime | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class ConflictProblem:
    status: int | None
    code: str | None
    message: str
    correlation_id: str | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    decision_id: int
    item_id: int
    item_external_id: str
    #: The incoming customer's name and city (as the queue shows them).
    item_customer: str | None
    item_city: str | None
    route: str
    local: LocalSide
    server: ServerSide
    problem: ConflictProblem
    #: When the push stored the conflict.
    noted_at: datetime
    decide_again_blocked: DecideAgainBlock | None

    @property
    def can_decide_again(self) -> bool:
        return self.decide_again_blocked is None


@dataclass(frozen=True, slots=True)
class _Checked:
    """A decision found in conflict and still the item's latest."""

    item_id: int
    decision_seq: int
    request: dict[str, Any]
    blocked: DecideAgainBlock | None
    server_version: int | None


@contextmanager
def _one_transaction(store: Store) -> Iterator[Store]:
    """A view of ``store`` whose units of work all run in one transaction on one
    connection: committed when the block ends, rolled back as a whole when anything in
    it fails. The views's units of work flush, and roll the whole back on an error, but
    do not commit; services that each open their own unit of work then write together
    or not at all. The view is only good inside the block (never dispose it)."""
    with store.engine.connect() as connection, connection.begin():
        joined = copy.copy(store)
        joined.sessions = sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="rollback_only"
        )
        yield joined


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _time(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


class _Names:
    """Names of the tenant's records, read once each."""

    def __init__(self, session: Session, tenant: str) -> None:
        self._lookup = StoreRecordLookup(session, tenant)
        self._seen: dict[tuple[str, int], str | None] = {}

    def record(self, kind: str, record_id: object) -> LinkedRecord | None:
        found = _int(record_id)
        if found is None or found <= 0:
            return None
        key = (kind, found)
        if key not in self._seen:
            self._seen[key] = self._name(kind, found)
        return LinkedRecord(found, self._seen[key])

    def _name(self, kind: str, record_id: int) -> str | None:
        if kind == "customer":
            customer = self._lookup.customer(record_id)
            return customer.name if customer else None
        if kind == "location":
            location = self._lookup.location(record_id)
            if location is None:
                return None
            place = " ".join(p for p in (location.postal_code, location.city) if p)
            where = ", ".join(p for p in (location.street, place) if p)
            return location.name or where or None
        contact = self._lookup.contact(record_id)
        if contact is None:
            return None
        full = " ".join(p for p in (contact.first_name, contact.last_name) if p)
        return contact.display_name or full or None


def _local_side(decision: ReviewDecisionRow, names: _Names) -> LocalSide:
    links = decision.links_after or {}
    return LocalSide(
        decision_id=decision.id,
        kind=decision.kind,
        customer=names.record("customer", links.get("customerId")),
        location=names.record("location", links.get("locationId")),
        contact=names.record("contact", links.get("contactId")),
        corrections={k: dict(v) for k, v in (decision.corrections or {}).items()},
        reason_code=decision.reason_code,
        reason_text=decision.reason_text,
        author=decision.author,
        decided_at=decision.decided_at,
        server_version=_int(decision.payload.get("serverVersion")),
    )


def _standing_decision(item: dict[str, Any]) -> dict[str, Any] | None:
    """The server's latest decision on the item that was not reverted."""
    decisions = [d for d in item.get("decisions") or [] if isinstance(d, dict)]
    for decision in reversed(decisions):
        if decision.get("kind") != "Revert" and not decision.get("revertedBy"):
            return decision
    return None


def _server_side(response: dict[str, Any] | None, names: _Names) -> ServerSide:
    item = (response or {}).get("serverItem")
    if not isinstance(item, dict):
        return ServerSide(known=False)
    if "reviewState" in item:  # a review item (the review extension)
        mapping = item.get("customerMapping") or {}
        standing = _standing_decision(item)
        after = (standing or {}).get("linksAfter") or {}
        customer = mapping.get("customerId") or after.get("customerId")
        location = mapping.get("customerLocationId") or after.get("locationId")
        contact = mapping.get("customerContactId") or after.get("contactId")
        return ServerSide(
            known=True,
            review_state=_text(item.get("reviewState")),
            status=_text(item.get("status")),
            customer=names.record("customer", customer),
            location=names.record("location", location),
            contact=names.record("contact", contact),
            version=_int(item.get("version")),
            decided_by=_text((standing or {}).get("author")),
            decision_kind=_text((standing or {}).get("kind")),
            decided_at=_time((standing or {}).get("decidedAt")),
            updated_at=_time(item.get("updatedAt")),
            title=_text(item.get("title")),
        )
    # an import job: the answer of a plain v1 re-import
    results = [r for r in item.get("items") or [] if isinstance(r, dict)]
    mapping = (results[0].get("customerMapping") if results else None) or {}
    return ServerSide(
        known=True,
        status=_text(mapping.get("status")) or _text(item.get("status")),
        customer=names.record("customer", mapping.get("customerId")),
        location=names.record("location", mapping.get("customerLocationId")),
        contact=names.record("contact", mapping.get("customerContactId")),
    )


def _problem(outbox: OutboxRow) -> ConflictProblem:
    problem = (outbox.response or {}).get("problem") or {}
    return ConflictProblem(
        status=_int(problem.get("status")),
        code=_text(problem.get("code")),
        message=_text(problem.get("message")) or outbox.last_error or "",
        correlation_id=_text(problem.get("correlationId")),
    )


def _blocked(route: str | None, server: ServerSide) -> DecideAgainBlock | None:
    if route != Route.REVIEW.value:
        return DecideAgainBlock.NOT_BY_REVIEW
    if not server.known or server.version is None:
        return DecideAgainBlock.SERVER_VERSION_UNKNOWN
    if server.review_state not in _SERVER_DECIDABLE:
        return DecideAgainBlock.SERVER_ITEM_CLOSED
    return None


_BLOCK_MESSAGES = {
    DecideAgainBlock.SERVER_VERSION_UNKNOWN: (
        "the server's version of the item was not kept with the conflict; take the "
        "server's state, pull, and decide the item again"
    ),
    DecideAgainBlock.SERVER_ITEM_CLOSED: (
        "the item is no longer open on the server (decided, rejected or cancelled there); "
        "it takes no decision until that is reverted on the server"
    ),
    DecideAgainBlock.NOT_BY_REVIEW: (
        "the decision is written back by re-importing the item (plain v1): there is no "
        "server version to decide on; take the server's state instead"
    ),
}


class ConflictService:
    def __init__(
        self,
        store: Store,
        *,
        author: str | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._store = store
        self._clock = clock
        self._review = ReviewService(store, clock=clock, author=author)

    @property
    def author(self) -> str:
        return self._review.author

    # -- reading -------------------------------------------------------------------------

    def count(self, profile: Profile) -> int:
        with self._store.unit_of_work() as session:
            counts = DecisionRepository(session, profile.tenant).outbox_counts()
        return counts.get(OutboxState.CONFLICT.value, 0)

    def conflicts(self, profile: Profile, limit: int = 1000) -> list[Conflict]:
        """The profile's decisions in conflict with both sides, oldest first."""
        with self._store.unit_of_work() as session:
            repo = DecisionRepository(session, profile.tenant)
            entries = repo.sendable([OutboxState.CONFLICT.value], 0, limit)
            places = {
                row_id: (name, city)
                for row_id, name, city in session.execute(
                    select(ImportItemRow.id, ImportItemRow.customer_name, ImportItemRow.city).where(
                        ImportItemRow.tenant == profile.tenant,
                        ImportItemRow.id.in_({entry.item_id for entry in entries}),
                    )
                )
            }
            names = _Names(session, profile.tenant)
            found: list[Conflict] = []
            for entry in entries:
                server = _server_side(entry.outbox.response, names)
                customer, city = places.get(entry.item_id, (None, None))
                found.append(
                    Conflict(
                        decision_id=entry.decision.id,
                        item_id=entry.item_id,
                        item_external_id=entry.item_external_id,
                        item_customer=customer,
                        item_city=city,
                        route=entry.outbox.route or "",
                        local=_local_side(entry.decision, names),
                        server=server,
                        problem=_problem(entry.outbox),
                        noted_at=entry.outbox.updated_at,
                        decide_again_blocked=_blocked(entry.outbox.route, server),
                    )
                )
        return found

    # -- resolving -----------------------------------------------------------------------

    def take_server(self, profile: Profile, decision_id: int) -> RecordedDecision:
        """Take the server's state: undo the local decision (it is superseded, nothing
        is sent for it); the next pull brings the item as the server has it."""
        with self._store.unit_of_work() as session:
            checked = self._check(session, profile, decision_id)
        return self._review.undo(profile, checked.item_id, seen_seq=checked.decision_seq)

    def decide_again(self, profile: Profile, decision_id: int) -> RecordedDecision:
        """Record the same decision again on the server's version kept with the conflict
        (see the module); answers the new decision, waiting to be pushed."""
        with _one_transaction(self._store) as joined:
            with joined.unit_of_work() as session:
                checked = self._check(session, profile, decision_id)
                if checked.blocked is not None:
                    raise ConflictError(
                        f"decision {decision_id} cannot be made again: "
                        f"{_BLOCK_MESSAGES[checked.blocked]}"
                    )
                try:
                    request = DecisionRequest.model_validate(checked.request)
                except ValidationError as exc:
                    raise ConflictError(
                        f"decision {decision_id} cannot be made again: its request does not "
                        f"read back ({exc.error_count()} problem(s))"
                    ) from None
                session.execute(
                    update(ImportItemRow)
                    .where(
                        ImportItemRow.tenant == profile.tenant,
                        ImportItemRow.id == checked.item_id,
                    )
                    .values(server_version=str(checked.server_version))
                    .execution_options(synchronize_session=False)
                )
            review = ReviewService(joined, clock=self._clock, author=self._review.author)
            review.undo(profile, checked.item_id, seen_seq=checked.decision_seq)
            return review.decide(profile, checked.item_id, request)

    def _check(self, session: Session, profile: Profile, decision_id: int) -> _Checked:
        repo = DecisionRepository(session, profile.tenant)
        decision = repo.decision(decision_id)
        if decision is None:
            raise NotFoundError(f"no decision {decision_id} in tenant '{profile.tenant}'")
        outbox = repo.outbox_of(decision.id)
        if outbox is None or outbox.state != OutboxState.CONFLICT.value:
            state = outbox.state if outbox is not None else "not to be sent"
            raise ConflictError(
                f"decision {decision_id} is not in conflict (it is {state}); nothing to resolve"
            )
        item = repo.item(decision.item_id)
        latest = repo.latest(item.id)
        if latest is None or latest[0].id != decision.id:
            raise ConflictError(
                f"item {item.external_id} was decided again since decision {decision_id}; "
                "look at it again"
            )
        server = _server_side(outbox.response, _Names(session, profile.tenant))
        return _Checked(
            item_id=item.id,
            decision_seq=item.decision_seq,
            request=dict(decision.payload.get("request") or {}),
            blocked=_blocked(outbox.route, server),
            server_version=server.version,
        )
