"""Sync with the server, push half: the outbox, in order, exactly once.

Each decision goes out with the ``Idempotency-Key`` it got when it was recorded, so a
decision sent again after a lost answer or a crash is answered with its first result and
never applied twice. Each outcome is stored in its own transaction right after the answer:

- **sent**: the server took it; its answer (decision id, created records, the item's new
  version) is kept;
- **conflict** (409, 412, 422): the item changed, someone else decided, or the decision
  cannot apply; kept with the problem and the server's version of the item, for a person;
- **rejected** (other 4xx): kept with the reason;
- **retrying** (offline, timeouts, 408/429/5xx once the client's own retries are spent):
  the push stops there and the entry is tried again by the next push;
- 401 and 403 stop the whole push with a clear message, leaving the entry as it was.

Decisions of one item keep their order: while one waits or needs a person, the item's
later decisions wait too. ``If-Match`` carries the server version the decision was made
on; a decision recorded while an earlier one of the same item was still waiting is sent on
the version the earlier one produced.

Against a server without the review extension (plain v1), a decision is written back by
re-importing the item's target with ``operation: upsert`` and the external IDs of the
decided records; what cannot be said that way is held with the reason, never dropped.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from ordinavo_desk.connect.client import ConnectClient
from ordinavo_desk.connect.errors import (
    ApiError,
    AuthError,
    ConflictError,
    ConnectError,
    ForbiddenError,
    PreconditionFailedError,
    UnprocessableError,
)
from ordinavo_desk.connect.wire import DecisionRequest, DecisionResult
from ordinavo_desk.domain.connect import ImportJob
from ordinavo_desk.domain.decisions import SENDABLE_STATES, UNDO_KIND, OutboxState, Route
from ordinavo_desk.domain.enums import DecisionKind
from ordinavo_desk.domain.errors import DeskError, InputError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.sync_service import TenantMismatchError
from ordinavo_desk.services.write_back import NotExpressibleError, upsert_target
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.decision_repository import DecisionRepository, OutboxEntry
from ordinavo_desk.store.rows import ImportItemRow, OutboxRow, ReviewDecisionRow
from ordinavo_desk.store.types import utcnow

_BATCH = 200
#: Requests in flight at once (of different items), and outcomes stored per transaction.
_PARALLEL = 4
_STORE_EVERY = 50
#: Conflicts: the decision is kept for a person.
_CONFLICTS = (ConflictError, PreconditionFailedError, UnprocessableError)
#: The wait before an entry that could not be sent is due again, by attempts.
_BACKOFF = (30, 60, 300, 900, 3600)

_SERVER_REVIEW_STATE = {
    "Open": "pending",
    "Deferred": "deferred",
    "Decided": "decided",
    "Rejected": "rejected",
    "Cancelled": "cancelled",
    "NotNeeded": "not-needed",
}


@dataclass(frozen=True, slots=True)
class PushProgress:
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class PushSummary:
    profile: str
    sent: int = 0
    conflicts: int = 0
    rejected: int = 0
    held: int = 0
    #: Not sent this time (offline, busy server, or behind an earlier decision of the same
    #: item that is waiting): tried again by the next push.
    retrying: int = 0
    #: Why the push stopped before the end (401/403, offline), if it did.
    stopped: str | None = None
    seconds: float = 0.0


class PushStoppedError(DeskError):
    """The key was refused (401) or may not decide (403): nothing more is sent until it
    is fixed. What was sent before stays sent."""

    def __init__(self, message: str, summary: PushSummary, cause: ApiError) -> None:
        super().__init__(message)
        self.summary = summary
        self.cause = cause


class _HoldError(Exception):
    """The decision cannot be expressed on this server."""


@dataclass(slots=True)
class _Outcome:
    state: OutboxState
    response: dict[str, Any] | None = None
    error: str | None = None
    server_decision_id: str | None = None
    server_version: int | None = None
    review_state: str | None = None


def _problem(error: ApiError) -> dict[str, Any]:
    return {
        "status": error.status,
        "code": error.code,
        "message": error.message,
        "fieldErrors": {name: list(problems) for name, problems in error.field_errors.items()},
        "correlationId": error.correlation_id,
    }


class PushService:
    def __init__(self, store: Store, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._store = store
        self._clock = clock

    def waiting(self, profile: Profile) -> int:
        with self._store.unit_of_work() as session:
            counts = DecisionRepository(session, profile.tenant).outbox_counts()
        return sum(counts.get(state, 0) for state in SENDABLE_STATES)

    def push(
        self,
        profile: Profile,
        client: ConnectClient,
        *,
        progress: Callable[[PushProgress], None] | None = None,
    ) -> PushSummary:
        """Send every waiting decision of ``profile`` in order (see the module)."""
        if profile.base_url is None:
            raise InputError(
                f"profile '{profile.name}' has no server: export its decisions instead",
                field="profile",
            )
        started = time.perf_counter()
        summary = PushSummary(profile=profile.name)
        total = self.waiting(profile)
        report = progress or (lambda _p: None)
        try:
            health = client.health()
        except (AuthError, ForbiddenError) as exc:
            waiting = replace(summary, retrying=total, stopped=_stop_message(exc))
            raise PushStoppedError(_stop_message(exc), waiting, exc) from exc
        except ConnectError as exc:
            return replace(
                summary,
                retrying=total,
                stopped=f"the server did not answer: {exc}",
                seconds=time.perf_counter() - started,
            )
        if health.tenant is not None and health.tenant != profile.tenant:
            raise TenantMismatchError(
                f"the key belongs to tenant '{health.tenant}', but profile '{profile.name}' "
                f"is for tenant '{profile.tenant}'; nothing was pushed"
            )
        counts, stopped, refused = self._send_all(
            profile, client, health.review_extension, total, report
        )
        remaining = max(0, total - sum(counts[s] for s in counts if s is not OutboxState.RETRYING))
        summary = replace(
            summary,
            sent=counts[OutboxState.SENT],
            conflicts=counts[OutboxState.CONFLICT],
            rejected=counts[OutboxState.REJECTED],
            held=counts[OutboxState.HELD],
            retrying=remaining if stopped else counts[OutboxState.RETRYING],
            stopped=stopped,
            seconds=time.perf_counter() - started,
        )
        if refused is not None:
            raise PushStoppedError(stopped or "", summary, refused)
        return summary

    # -- sending -------------------------------------------------------------------------

    def _send_all(
        self,
        profile: Profile,
        client: ConnectClient,
        review: bool,
        total: int,
        report: Callable[[PushProgress], None],
    ) -> tuple[dict[OutboxState, int], str | None, ApiError | None]:
        """Send the outbox with up to ``_PARALLEL`` requests in flight, never two of one
        item at once; outcomes are settled in the order the decisions were made and
        stored in small batches (an outcome lost in a crash is sent again with its key,
        and the server answers it again)."""
        counts = dict.fromkeys(OutboxState, 0)
        waiting_items: set[int] = set()
        in_flight: set[int] = set()
        window: deque[tuple[OutboxEntry, Future[_Outcome]]] = deque()
        unstored: list[tuple[OutboxEntry, _Outcome]] = []
        stopped: str | None = None
        refused: ApiError | None = None
        done = 0

        def settle_oldest() -> None:
            nonlocal stopped, refused, done
            entry, future = window.popleft()
            in_flight.discard(entry.item_id)
            try:
                outcome = future.result()
            except (AuthError, ForbiddenError) as exc:
                waiting_items.add(entry.item_id)
                if refused is None:
                    stopped, refused = _stop_message(exc), exc
                return
            unstored.append((entry, outcome))
            counts[outcome.state] += 1
            done += 1
            report(PushProgress(done, total))
            if outcome.state is not OutboxState.SENT:
                waiting_items.add(entry.item_id)
            if outcome.state is OutboxState.RETRYING and stopped is None:
                stopped = outcome.error or "the server is not reachable"
            if len(unstored) >= _STORE_EVERY:
                self._store_outcomes(profile, unstored)
                unstored.clear()

        after_id = 0
        with ThreadPoolExecutor(_PARALLEL, thread_name_prefix="push") as pool:
            while stopped is None:
                with self._store.unit_of_work() as session:
                    batch = DecisionRepository(session, profile.tenant).sendable(
                        sorted(SENDABLE_STATES), after_id, _BATCH
                    )
                if not batch:
                    break
                for entry in batch:
                    after_id = entry.outbox.id
                    while window and (entry.item_id in in_flight or len(window) >= _PARALLEL):
                        settle_oldest()
                    if stopped is not None:
                        break
                    if entry.item_id in waiting_items:
                        counts[OutboxState.RETRYING] += 1
                        continue
                    if any(settled.item_id == entry.item_id for settled, _ in unstored):
                        # the item's earlier decision: stored first, this one is sent on it
                        self._store_outcomes(profile, unstored)
                        unstored.clear()
                    future = pool.submit(self._send, profile, client, entry, review)
                    window.append((entry, future))
                    in_flight.add(entry.item_id)
            while window:
                settle_oldest()
        self._store_outcomes(profile, unstored)
        return counts, stopped, refused

    def _send(
        self, profile: Profile, client: ConnectClient, entry: OutboxEntry, review: bool
    ) -> _Outcome:
        try:
            if entry.outbox.route == Route.REVIEW.value:
                if not review:
                    raise _HoldError(
                        "the server no longer offers the review extension; the decision "
                        "waits until it does"
                    )
                return self._send_review(profile, client, entry)
            return self._send_upsert(profile, client, entry)
        except _HoldError as held:
            return _Outcome(OutboxState.HELD, error=str(held))
        except (AuthError, ForbiddenError):
            raise
        except _CONFLICTS as exc:
            return _Outcome(
                OutboxState.CONFLICT,
                response={"problem": _problem(exc), "serverItem": _server_item(client, entry)},
                error=str(exc),
            )
        except ApiError as exc:
            if exc.status >= 500 or exc.status in {408, 429}:
                return _Outcome(OutboxState.RETRYING, error=str(exc))
            return _Outcome(OutboxState.REJECTED, response={"problem": _problem(exc)},
                            error=str(exc))  # fmt: skip
        except ConnectError as exc:  # offline, timeouts, garbled answers
            return _Outcome(OutboxState.RETRYING, error=str(exc))

    def _send_review(self, profile: Profile, client: ConnectClient, entry: OutboxEntry) -> _Outcome:
        decision = entry.decision
        item_wire_id = decision.payload.get("serverItemId") or entry.server_item_id
        if not item_wire_id:
            raise _HoldError("the item is not known to the server")
        version, reverts = decision.payload.get("serverVersion"), None
        if decision.supersedes_id is not None:  # it may follow one of ours
            with self._store.unit_of_work() as session:
                version, reverts = _send_on(session, profile.tenant, decision)
        body = dict(decision.payload["request"])
        if body.get("kind") == DecisionKind.REVERT.value and not body.get("revertsDecisionId"):
            if reverts is None:
                raise _HoldError("the decision to revert never reached the server")
            body["revertsDecisionId"] = reverts
        if version is None:
            raise _HoldError("the item's server version is not known; pull, then push again")
        result: DecisionResult = client.decide(
            item_wire_id,
            DecisionRequest.model_validate(body),
            version=version,
            idempotency_key=entry.outbox.idempotency_key,
        )
        return _Outcome(
            OutboxState.SENT,
            response={**result.model_dump(mode="json", by_alias=True), "ifMatch": version},
            server_decision_id=result.decision.id,
            server_version=result.item.version,
            review_state=_SERVER_REVIEW_STATE.get(result.item.review_state),
        )

    def _send_upsert(self, profile: Profile, client: ConnectClient, entry: OutboxEntry) -> _Outcome:
        decision = entry.decision
        with self._store.unit_of_work() as session:
            item = session.get(ImportItemRow, entry.item_id)
            assert item is not None
            try:
                target = upsert_target(
                    session, profile.tenant, item, decision, creates_records=False
                )
            except NotExpressibleError as exc:
                raise _HoldError(str(exc)) from None
        job: ImportJob = client.import_target(target, idempotency_key=entry.outbox.idempotency_key)
        answer = job.model_dump(mode="json", by_alias=True)
        mapping = job.items[0].customer_mapping if job.items else None
        wanted = (decision.links_after.get("customerId"), decision.links_after.get("locationId"))
        got = (mapping.customer_id, mapping.customer_location_id) if mapping else (None, None)
        if got[0] != wanted[0] or (wanted[1] is not None and got[1] != wanted[1]):
            message = (
                f"the re-import linked customer {got[0]} / location {got[1]}, "
                f"not {wanted[0]} / {wanted[1]}"
            )
            return _Outcome(
                OutboxState.CONFLICT,
                response={"problem": {"status": None, "code": "not_linked", "message": message},
                          "serverItem": answer},
                error=message,
            )  # fmt: skip
        return _Outcome(OutboxState.SENT, response=answer, server_decision_id=job.import_job_id)

    # -- storing outcomes ----------------------------------------------------------------

    def _store_outcomes(
        self, profile: Profile, outcomes: list[tuple[OutboxEntry, _Outcome]]
    ) -> None:
        """Store outcomes in one transaction."""
        if not outcomes:
            return
        now = self._clock()
        with self._store.unit_of_work() as session:
            for entry, outcome in outcomes:
                attempts = entry.outbox.attempts + 1
                values: dict[str, Any] = {
                    "attempts": attempts,
                    "state": outcome.state.value,
                    "last_error": outcome.error,
                    "updated_at": now,
                }
                if outcome.response is not None:
                    values["response"] = outcome.response
                if outcome.state is OutboxState.SENT:
                    values.update(sent_at=now, server_decision_id=outcome.server_decision_id,
                                  next_attempt_at=None)  # fmt: skip
                elif outcome.state is OutboxState.RETRYING:
                    wait = _BACKOFF[min(attempts, len(_BACKOFF)) - 1]
                    values["next_attempt_at"] = now + timedelta(seconds=wait)
                session.execute(
                    update(OutboxRow)
                    .where(OutboxRow.tenant == profile.tenant, OutboxRow.id == entry.outbox.id)
                    .values(values)
                    .execution_options(synchronize_session=False)
                )
                if outcome.server_version is not None:
                    session.execute(
                        update(ImportItemRow)
                        .where(
                            ImportItemRow.tenant == profile.tenant,
                            ImportItemRow.id == entry.item_id,
                        )
                        .values(server_version=str(outcome.server_version))
                        .execution_options(synchronize_session=False)
                    )


def _stop_message(exc: ApiError) -> str:
    if isinstance(exc, AuthError):
        return (
            f"{exc}: the server refused the key; nothing more is pushed until the key is "
            "fixed (profile connect)"
        )
    return f"{exc}: the key may not decide; nothing more is pushed until its scopes are fixed"


def _server_item(client: ConnectClient, entry: OutboxEntry) -> dict[str, Any] | None:
    """The server's version of the item, for the person who resolves the conflict."""
    item_wire_id = entry.decision.payload.get("serverItemId")
    if not item_wire_id:
        return None
    try:
        return client.review_item(item_wire_id).model_dump(mode="json", by_alias=True)
    except ConnectError:
        return None


def _send_on(
    session: Session, tenant: str, decision: ReviewDecisionRow
) -> tuple[int | None, str | None]:
    """The item version to send ``decision`` on, and the server id of the decision before
    it that reached the server (for a Revert).

    A decision is made on ``serverVersion``. If the latest earlier decision of the item
    that reached the server was sent on that same version, this one was recorded before
    that one went out, and is sent on the version it produced."""
    version = decision.payload.get("serverVersion")
    repo = DecisionRepository(session, tenant)
    previous_id = decision.supersedes_id
    while previous_id is not None:
        previous = repo.decision(previous_id)
        if previous is None:
            break
        outbox = repo.outbox_of(previous.id)
        if previous.kind != UNDO_KIND and outbox is not None and outbox.state == "sent":
            response = outbox.response or {}
            if response.get("ifMatch") == version:
                version = (response.get("item") or {}).get("version", version)
            return version, outbox.server_decision_id
        if previous.kind == UNDO_KIND:
            undone = repo.decision(int(previous.payload.get("undoes") or 0))
            previous_id = undone.supersedes_id if undone is not None else None
        else:
            previous_id = previous.supersedes_id
    return version, None
