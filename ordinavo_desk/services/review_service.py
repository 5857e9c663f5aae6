"""Recording review decisions in the local store (mapping-rules.md, "Review decisions").

A decision is checked against the store (the item's state, the chosen records, the
profile's scopes), then written in one transaction with its audit event and its outbox
entry: it needs no network. How it will reach the server is fixed when it is made:

- ``review``: the item came from a server with the review extension; pushed as
  ``POST /review/items/{id}/decision``;
- ``upsert``: a file item of a profile with a server; pushed by re-importing the target
  with the decided external IDs (plain v1);
- ``local``: a profile without a server (local-store mode); records a decision creates
  are created in the store at once, and confirmed mappings are exported.

Undo is a new decision, never an edit. A decision the server has not received (never
tried, or refused) is superseded locally by an ``Undo``; one that was sent, or may have
arrived, is reverted by a ``Revert`` that is pushed after it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.decisions import (
    ATTENTION_STATES,
    DECIDABLE_STATES,
    UNDO_KIND,
    DeskReviewState,
    OutboxState,
    RecordedDecision,
    Route,
)
from ordinavo_desk.domain.enums import DecisionKind, ExternalType, MappingStatus, Scope
from ordinavo_desk.domain.errors import ConflictError, NotFoundError
from ordinavo_desk.domain.items import StoredItem
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.matching.decision_plan import (
    LINKING_KINDS,
    DecisionInput,
    DecisionPlan,
    DecisionScopeError,
    plan_decision,
)
from ordinavo_desk.matching.links import Links
from ordinavo_desk.matching.records import ExternalRefRecord
from ordinavo_desk.services.item_state import (
    current_links,
    current_status,
    default_author,
    top_candidate,
)
from ordinavo_desk.store.audit_trail import AuditTrail
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.decision_repository import (
    DecisionRepository,
    NewDecision,
    to_recorded,
)
from ordinavo_desk.store.item_repository import ImportItemRepository
from ordinavo_desk.store.personal_data import PERSONAL_FIELDS
from ordinavo_desk.store.record_lookup import StoreRecordLookup
from ordinavo_desk.store.reference_records import ReferenceRecords
from ordinavo_desk.store.rows import ImportItemRow, OutboxRow, ReviewDecisionRow
from ordinavo_desk.store.types import utcnow

#: How long an opened item stays claimed without being touched again.
CLAIM_MINUTES = 15

_STATE_AFTER = {
    DecisionKind.CONFIRM: DeskReviewState.DECIDED,
    DecisionKind.CHOOSE: DeskReviewState.DECIDED,
    DecisionKind.CREATE_NEW: DeskReviewState.DECIDED,
    DecisionKind.REJECT: DeskReviewState.REJECTED,
    DecisionKind.DEFER: DeskReviewState.DEFERRED,
}


def _route(profile: Profile, item: ImportItemRow) -> Route:
    """An item pulled from a server goes back to it, whichever profile decides it."""
    if item.server_item_id:
        return Route.REVIEW
    return Route.LOCAL if profile.base_url is None else Route.UPSERT


def _audit_state(status: str | None, links: dict[str, int | None], state: str) -> dict[str, Any]:
    return {"status": status, "links": links, "reviewState": state}


class ReviewService:
    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], datetime] = utcnow,
        author: str | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self.author = author or default_author()

    # -- deciding ------------------------------------------------------------------------

    def decide(
        self,
        profile: Profile,
        item_id: int,
        request: DecisionRequest,
        *,
        seen_seq: int | None = None,
    ) -> RecordedDecision:
        """Record ``request`` on the item. ``seen_seq`` is the item's decision sequence
        the reviewer looked at (None: the current one): if someone decided since, this
        raises StaleItemError and writes nothing."""
        _check_may_decide(profile, request)
        with self._store.unit_of_work() as session:
            return self._decide_in(session, profile, item_id, request, seen_seq)

    def decide_many(
        self, profile: Profile, decisions: Sequence[tuple[int, DecisionRequest]]
    ) -> list[RecordedDecision]:
        """Record several decisions in one step (e.g. related items, bulk): all of them,
        or none if any one cannot be recorded."""
        for _item_id, request in decisions:
            _check_may_decide(profile, request)
        with self._store.unit_of_work() as session:
            return [
                self._decide_in(session, profile, item_id, request, None)
                for item_id, request in decisions
            ]

    def _decide_in(
        self,
        session: Session,
        profile: Profile,
        item_id: int,
        request: DecisionRequest,
        seen_seq: int | None,
    ) -> RecordedDecision:
        decisions = DecisionRepository(session, profile.tenant)
        item = decisions.item(item_id)
        now = self._clock()
        decisions.check_claim(item, self.author, now)
        if item.review_state not in DECIDABLE_STATES:
            raise ConflictError(
                f"item {item.external_id} is {item.review_state}; undo its decision first"
            )
        state_after = _STATE_AFTER[request.kind]
        before_state = item.review_state
        decisions.bump(item, item.decision_seq if seen_seq is None else seen_seq,
                       state_after.value)  # fmt: skip
        latest = decisions.latest(item.id)
        latest_row = latest[0] if latest else None
        route = _route(profile, item)
        plan = self._plan(
            session, profile=profile, item=item, latest=latest_row, request=request, route=route
        )
        links_before = current_links(item, latest_row).to_json()
        status_before = current_status(item, latest_row)
        if request.kind in LINKING_KINDS:
            created_any = plan.changes().created_any
            status_after: str | None = (
                MappingStatus.CREATED.value if created_any else MappingStatus.MAPPED.value
            )
            links_after = _known_links(plan, route)
        else:
            status_after, links_after = status_before, links_before
        wire = request.model_copy(update={"author": self.author}).to_wire()
        payload = {
            "request": wire,
            "serverItemId": item.server_item_id,
            "serverVersion": int(item.server_version) if item.server_version else None,
            "reviewStateBefore": before_state,
            "created": plan.created,
            "referencesStored": [
                [ref.external_type.value, ref.external_id, ref.record_id] for ref in plan.refs
            ],
        }
        new = NewDecision(
            kind=request.kind.value,
            author=self.author,
            decided_at=now,
            status_before=status_before,
            links_before=links_before,
            status_after=status_after,
            links_after=links_after,
            review_state_after=state_after.value,
            corrections=request.corrections,
            reason_code=request.reason_code.value if request.reason_code else None,
            reason_text=request.reason_text,
            payload=payload,
            supersedes_id=latest_row.id if latest_row else None,
        )
        state = OutboxState.LOCAL if route is Route.LOCAL else OutboxState.PENDING
        row, outbox = decisions.add(item, new, route=route.value, outbox_state=state)
        self._audit(session, profile, item, row, new)
        return to_recorded(row, item, outbox)

    def undo(
        self, profile: Profile, item_id: int, *, seen_seq: int | None = None
    ) -> RecordedDecision:
        """Undo the item's latest decision (see the module)."""
        if not profile.settings.has_scope(Scope.CUSTOMERS_MAP):
            raise DecisionScopeError(Scope.CUSTOMERS_MAP)
        with self._store.unit_of_work() as session:
            return self._undo_in(session, profile, item_id, seen_seq)

    def undo_many(self, profile: Profile, item_ids: Sequence[int]) -> list[RecordedDecision]:
        """Undo the latest decision of each item in one step (a bulk decision is undone
        as it was made): all of them, or none if one cannot be undone."""
        if not profile.settings.has_scope(Scope.CUSTOMERS_MAP):
            raise DecisionScopeError(Scope.CUSTOMERS_MAP)
        with self._store.unit_of_work() as session:
            return [self._undo_in(session, profile, item_id, None) for item_id in item_ids]

    def _undo_in(
        self, session: Session, profile: Profile, item_id: int, seen_seq: int | None
    ) -> RecordedDecision:
        decisions = DecisionRepository(session, profile.tenant)
        item = decisions.item(item_id)
        now = self._clock()
        decisions.check_claim(item, self.author, now)
        latest = decisions.latest(item.id)
        if latest is None or latest[0].kind in {UNDO_KIND, DecisionKind.REVERT.value}:
            raise ConflictError(f"item {item.external_id} has no decision to undo")
        undone, outbox = latest
        state_before = str(undone.payload.get("reviewStateBefore", "pending"))
        common: dict[str, Any] = {
            "author": self.author,
            "decided_at": now,
            "status_before": undone.status_after,
            "links_before": undone.links_after,
            "status_after": undone.status_before,
            "links_after": undone.links_before,
            "review_state_after": state_before,
            "corrections": {},
            "supersedes_id": undone.id,
        }
        before_state = item.review_state
        seq = item.decision_seq if seen_seq is None else seen_seq
        decisions.bump(item, seq, state_before)
        if _never_reached_server(outbox):
            if outbox is not None and outbox.state != OutboxState.LOCAL:
                outbox.state = OutboxState.SUPERSEDED.value
                outbox.updated_at = now
            if outbox is not None and outbox.route == Route.LOCAL:
                # stored here only, never sent: the references go with the decision
                ReferenceRecords(session, profile.tenant).remove_external_refs(
                    _stored_refs(profile, item, undone)
                )
            new = NewDecision(
                kind=UNDO_KIND,
                payload={
                    "reviewStateBefore": before_state,
                    "undoes": undone.id,
                    "createdRecordsKept": undone.payload.get("created"),
                },
                **common,
            )
            row, new_outbox = decisions.add(item, new, route=None, outbox_state=None)
        else:
            assert outbox is not None
            request = DecisionRequest(
                kind=DecisionKind.REVERT,
                reverts_decision_id=outbox.server_decision_id,
                author=self.author,
            )
            new = NewDecision(
                kind=DecisionKind.REVERT.value,
                payload={
                    "request": request.to_wire(),
                    "serverItemId": item.server_item_id,
                    "serverVersion": int(item.server_version) if item.server_version else None,
                    "basedOn": undone.id,
                    "reviewStateBefore": before_state,
                },
                **common,
            )
            row, new_outbox = decisions.add(
                item, new, route=outbox.route, outbox_state=OutboxState.PENDING
            )
        self._audit(session, profile, item, row, new)
        return to_recorded(row, item, new_outbox)

    # -- reading -------------------------------------------------------------------------

    def find_item(self, profile: Profile, reference: str) -> int:
        """The id of the profile's item with this external ID (or this local id)."""
        with self._store.unit_of_work() as session:
            found = ImportItemRepository(session, profile.tenant).find(
                profile.source_system, reference
            )
            if found is not None:
                return found.id
            if reference.isdigit():
                return DecisionRepository(session, profile.tenant).item(int(reference)).id
        raise NotFoundError(
            f"no item '{reference}' of source system '{profile.source_system}' "
            f"in tenant '{profile.tenant}'"
        )

    def item(self, profile: Profile, item_id: int) -> StoredItem:
        """The item with its payload and current mapping result (candidates included)."""
        with self._store.unit_of_work() as session:
            return ImportItemRepository(session, profile.tenant).get(item_id)

    def history(self, profile: Profile, item_id: int) -> list[RecordedDecision]:
        with self._store.unit_of_work() as session:
            return DecisionRepository(session, profile.tenant).history(item_id)

    def needing_attention(self, profile: Profile) -> list[RecordedDecision]:
        """Decisions the server refused or that cannot be sent: conflicts, rejections,
        decisions held back, oldest first."""
        with self._store.unit_of_work() as session:
            return DecisionRepository(session, profile.tenant).entries_in(sorted(ATTENTION_STATES))

    # -- claims --------------------------------------------------------------------------

    def claim(self, profile: Profile, item_id: int, minutes: int = CLAIM_MINUTES) -> None:
        """Mark the item as open by this author (ClaimedError if someone else has it)."""
        now = self._clock()
        with self._store.unit_of_work() as session:
            DecisionRepository(session, profile.tenant).claim(
                item_id, self.author, now + timedelta(minutes=minutes), now
            )

    def release(self, profile: Profile, item_id: int) -> None:
        with self._store.unit_of_work() as session:
            DecisionRepository(session, profile.tenant).release(item_id, self.author)

    # -- helpers -------------------------------------------------------------------------

    def _plan(
        self,
        session: Session,
        *,
        profile: Profile,
        item: ImportItemRow,
        latest: ReviewDecisionRow | None,
        request: DecisionRequest,
        route: Route,
    ) -> DecisionPlan:
        if request.kind not in LINKING_KINDS:
            return DecisionPlan(profile.tenant)
        lookup = StoreRecordLookup(session, profile.tenant)
        decision_input = DecisionInput(
            tenant=profile.tenant,
            source_system=item.source_system,
            payload=item.payload,
            linked=current_links(item, latest),
            top_candidate=top_candidate(item),
        )
        if route is Route.LOCAL:
            highest = {kind: lookup.highest_id(kind) for kind in ExternalType}

            def next_id(kind: ExternalType, made: int) -> int:
                return highest[kind] + made + 1
        else:
            # records are created by the server: ids here only stand for "new"

            def next_id(kind: ExternalType, made: int) -> int:
                return -(made + 1)

        plan = plan_decision(
            lookup,
            decision_input,
            kind=request.kind,
            chosen=Links(request.customer_id, request.location_id, request.contact_id),
            new_location=request.new_location,
            new_contact=request.new_contact,
            corrections=request.corrections,
            can_write=profile.settings.has_scope(Scope.CUSTOMERS_WRITE),
            next_id=next_id,
        )
        if route is Route.LOCAL:
            ReferenceRecords(session, profile.tenant).apply(plan.changes())
        return plan

    def _audit(
        self,
        session: Session,
        profile: Profile,
        item: ImportItemRow,
        row: ReviewDecisionRow,
        new: NewDecision,
    ) -> None:
        AuditTrail(session, profile.tenant).append(
            actor=new.author,
            action=f"decision.{new.kind}",
            subject_type="item",
            subject_id=f"{item.source_system}/{item.external_id}",
            occurred_at=new.decided_at,
            before=_audit_state(
                new.status_before,
                new.links_before,
                str(new.payload.get("reviewStateBefore") or item.review_state),
            ),
            after={
                **_audit_state(new.status_after, new.links_after, new.review_state_after),
                "decisionId": row.id,
                "profile": profile.name,
                "corrections": _masked(new.corrections),
                "reasonCode": new.reason_code,
                "reasonText": new.reason_text,
            },
        )


def _masked(corrections: dict[str, Any]) -> dict[str, Any]:
    """Corrections as the audit trail keeps them: personal fields say that they changed,
    not what to (the trail is never edited, so a purge could not reach them there)."""
    masked = {dto: dict(fields) for dto, fields in corrections.items()}
    for name in PERSONAL_FIELDS:
        if name in masked.get("contact", {}):
            masked["contact"][name] = "(changed)"
    return masked


def _check_may_decide(profile: Profile, request: DecisionRequest) -> None:
    if request.kind is DecisionKind.REVERT:
        raise ValueError("use undo() to revert a decision")
    if not profile.settings.has_scope(Scope.CUSTOMERS_MAP):
        raise DecisionScopeError(Scope.CUSTOMERS_MAP)


def _known_links(plan: DecisionPlan, route: Route) -> dict[str, int | None]:
    """The plan's links; ids the server has yet to give (negative here) are None."""
    links = plan.links.to_json()
    if route is Route.LOCAL:
        return links
    return {name: value if value is None or value > 0 else None for name, value in links.items()}


def _stored_refs(
    profile: Profile, item: ImportItemRow, decision: ReviewDecisionRow
) -> list[ExternalRefRecord]:
    return [
        ExternalRefRecord(profile.tenant, item.source_system, ExternalType(kind), external_id, rid)
        for kind, external_id, rid in decision.payload.get("referencesStored") or []
    ]


def _never_reached_server(outbox: OutboxRow | None) -> bool:
    """Whether the server cannot have taken the decision: no outbox entry, local mode,
    never tried, or refused by the server."""
    if outbox is None or outbox.state in {OutboxState.LOCAL.value, OutboxState.SUPERSEDED.value}:
        return True
    if outbox.state == OutboxState.PENDING.value and outbox.attempts == 0:
        return True
    return outbox.state in {
        OutboxState.CONFLICT.value,
        OutboxState.REJECTED.value,
        OutboxState.HELD.value,
    }
