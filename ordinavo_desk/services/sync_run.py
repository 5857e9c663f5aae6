"""One whole sync of a profile, as ``ordinavo-desk sync`` composes it, for callers that
show it themselves (the window's sync bar).

``SyncRunner.run`` loads the profile's API key (keyring, else ``ORDINAVO_DESK_API_KEY``),
opens one client for the profile's server and

1. pushes the waiting decisions (``PushService.push``); a push that stops (offline, the
   server busy) or is refused (401, 403) ends the sync there, as the command does;
2. pulls reference data and review items (``SyncService.pull``);
3. clears personal data past its retention (``PrivacyService.purge``), whatever the
   halves did.

Progress goes to a callback (on the worker's thread: the caller relays it), and the
result is one ``SyncOutcome``: the halves' summaries and, when the sync stopped early,
a ``SyncProblem`` saying why (classified, so that the caller words it). Errors that are
no answer about this sync (no key, no server, a key of another tenant, a server without
the review extension) are raised, as the command raises them.

A sync can be cancelled with a ``threading.Event``: it stops before the push, between
push and pull, and between pages of the pull (each stored page stays stored and the next
pull goes on from it). A push that has started is never cut off: decisions in flight
would be sent without their outcome being stored, so it runs to its end first.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ordinavo_desk.connect.client import ConnectClient
from ordinavo_desk.connect.errors import (
    ApiError,
    AuthError,
    ConnectError,
    ForbiddenError,
    RequestTimeoutError,
)
from ordinavo_desk.connect.keys import ApiKeyStore
from ordinavo_desk.domain.errors import DeskError, InputError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.connection import ClientFactory, open_client
from ordinavo_desk.services.privacy_service import PrivacyService, PurgeSummary
from ordinavo_desk.services.push_service import (
    PushProgress,
    PushService,
    PushStoppedError,
    PushSummary,
)
from ordinavo_desk.services.sync_defaults import DEFAULT_PAGE_SIZE
from ordinavo_desk.services.sync_service import (
    PullInterruptedError,
    PullProgress,
    PullSummary,
    ReviewExtensionMissingError,
    SyncService,
    TenantMismatchError,
)
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.types import utcnow


class SyncPhase(StrEnum):
    PUSH = "push"
    #: The pull's health check (whom the key belongs to).
    HEALTH = "health"
    REFERENCE = "reference"
    ITEMS = "items"


class SyncStop(StrEnum):
    """Why a sync ended before its end."""

    #: 401: the key is wrong, revoked or expired.
    KEY_REFUSED = "key-refused"
    #: 403: the key lacks a scope (``SyncProblem.required_scope``) or may not do this.
    FORBIDDEN = "forbidden"
    #: No answer: offline, refused connection, timed out.
    UNREACHABLE = "unreachable"
    #: The server answered, but not usefully: 5xx, 408 or 429 after the retries.
    SERVER_BUSY = "server-busy"
    #: The server refused a request of the pull for another reason (another 4xx).
    REFUSED = "refused"
    #: The server does not fit the profile: the key belongs to another tenant, or the
    #: server lacks the review extension that pulling needs.
    MISMATCH = "mismatch"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """A step of a sync: the phase, and how far it is. ``total`` is known for the push
    only (the decisions waiting when it started); the pull counts pages as it goes."""

    phase: SyncPhase
    done: int
    total: int | None = None
    pages: int = 0


@dataclass(frozen=True, slots=True)
class SyncProblem:
    """Why a sync stopped early; the halves' summaries say what was done before."""

    stop: SyncStop
    phase: SyncPhase
    #: The error's text as the client gives it (English), for the detail.
    message: str
    status: int | None = None
    code: str | None = None
    required_scope: str | None = None
    correlation_id: str | None = None


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    profile: str
    base_url: str
    #: None: that half was not asked for, or did not run (the push stopped first).
    pushed: PushSummary | None
    pulled: PullSummary | None
    problem: SyncProblem | None
    purged: PurgeSummary | None
    finished_at: datetime
    seconds: float

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def sent(self) -> int:
        return self.pushed.sent if self.pushed else 0

    @property
    def conflicts(self) -> int:
        return self.pushed.conflicts if self.pushed else 0

    @property
    def rejected(self) -> int:
        return self.pushed.rejected if self.pushed else 0

    @property
    def held(self) -> int:
        return self.pushed.held if self.pushed else 0

    @property
    def retrying(self) -> int:
        """Decisions still waiting: not sent this time, tried again by the next sync."""
        return self.pushed.retrying if self.pushed else 0

    @property
    def pulled_items(self) -> int:
        """Review items fetched because they were new or changed."""
        return self.pulled.items.fetched if self.pulled else 0

    @property
    def reference_changes(self) -> int:
        """Customers whose reference data changed (with their locations and contacts)."""
        return self.pulled.reference.customers if self.pulled else 0


Progress = Callable[[SyncProgress], None]


class _CancelledError(Exception):
    """Raised from a progress callback of the pull to stop it between pages."""

    def __init__(self, phase: SyncPhase) -> None:
        super().__init__(phase.value)
        self.phase = phase


def problem_of(error: ConnectError, phase: SyncPhase) -> SyncProblem:
    """The classified problem of a Connect error (the command's exit codes follow the
    same lines: 401, 403, no answer, a busy server, anything else)."""
    if isinstance(error, AuthError):
        stop = SyncStop.KEY_REFUSED
    elif isinstance(error, ForbiddenError):
        stop = SyncStop.FORBIDDEN
    elif isinstance(error, ApiError):
        busy = error.status >= 500 or error.status in {408, 429}
        stop = SyncStop.SERVER_BUSY if busy else SyncStop.REFUSED
    else:  # transport errors, timeouts, garbled answers
        stop = SyncStop.UNREACHABLE
    if isinstance(error, ApiError):
        return SyncProblem(
            stop,
            phase,
            str(error),
            status=error.status,
            code=error.code,
            required_scope=error.required_scope,
            correlation_id=error.correlation_id,
        )
    if isinstance(error, RequestTimeoutError):
        return SyncProblem(stop, phase, str(error) or "timed out", code="timeout")
    return SyncProblem(stop, phase, str(error))


def _stopped_push(summary: PushSummary) -> SyncProblem:
    """A push that stopped without a refusal: no answer, or a busy server. The push
    keeps only the error's text, which names the status of an answer (``HTTP 503 …``,
    as ``ApiError`` words it)."""
    why = summary.stopped or ""
    found = re.search(r"\bHTTP (\d{3})\b", why)
    status = int(found.group(1)) if found else None
    if status is not None and (status >= 500 or status in {408, 429}):
        return SyncProblem(SyncStop.SERVER_BUSY, SyncPhase.PUSH, why, status=status)
    return SyncProblem(SyncStop.UNREACHABLE, SyncPhase.PUSH, why)


def _mismatch(error: DeskError, phase: SyncPhase) -> SyncProblem:
    return SyncProblem(SyncStop.MISMATCH, phase, str(error))


class SyncRunner:
    """Runs whole syncs of profiles over the store (one client per run, opened on the
    calling thread: run it on a worker, never on the UI thread)."""

    def __init__(
        self,
        store: Store,
        *,
        keys: ApiKeyStore | None = None,
        client_factory: ClientFactory = open_client,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._store = store
        self._keys = keys
        self._client_factory = client_factory
        self._clock = clock

    def run(
        self,
        profile: Profile,
        *,
        push: bool = True,
        pull: bool = True,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> SyncOutcome:
        """Push, then pull (or only one half), then purge (see the module)."""
        if not 1 <= page_size <= 500:
            raise InputError("must lie in 1..500", field="page size")
        if not profile.base_url:
            raise InputError(
                f"profile '{profile.name}' has no server; run "
                f"'profile connect {profile.name} --url URL'",
                field="profile",
            )
        started = time.perf_counter()
        report = progress or (lambda _step: None)
        stop = cancel or threading.Event()
        keys = self._keys if self._keys is not None else ApiKeyStore()
        key = keys.load(profile.name)
        pushed: PushSummary | None = None
        pulled: PullSummary | None = None
        problem: SyncProblem | None = None
        with self._client_factory(profile.base_url, key.value, None, None) as client:
            if push:
                if stop.is_set():
                    problem = SyncProblem(SyncStop.CANCELLED, SyncPhase.PUSH, "cancelled")
                else:
                    pushed, problem = self._push(profile, client, report)
            if problem is None and pull:
                if stop.is_set():
                    problem = SyncProblem(SyncStop.CANCELLED, SyncPhase.HEALTH, "cancelled")
                else:
                    pulled, problem = self._pull(profile, client, report, stop, page_size)
        purged = None
        if problem is None or problem.stop is not SyncStop.MISMATCH:
            # the command purges after every sync it does not end with an error
            purged = PrivacyService(self._store, clock=self._clock).purge(profile)
        return SyncOutcome(
            profile=profile.name,
            base_url=profile.base_url,
            pushed=pushed,
            pulled=pulled,
            problem=problem,
            purged=purged,
            finished_at=self._clock(),
            seconds=time.perf_counter() - started,
        )

    def _push(
        self, profile: Profile, client: ConnectClient, report: Progress
    ) -> tuple[PushSummary | None, SyncProblem | None]:
        service = PushService(self._store, clock=self._clock)
        report(SyncProgress(SyncPhase.PUSH, 0, service.waiting(profile)))

        def step(done: PushProgress) -> None:
            report(SyncProgress(SyncPhase.PUSH, done.done, done.total))

        try:
            summary = service.push(profile, client, progress=step)
        except TenantMismatchError as exc:
            return None, _mismatch(exc, SyncPhase.PUSH)
        except PushStoppedError as exc:
            return exc.summary, problem_of(exc.cause, SyncPhase.PUSH)
        if summary.stopped:
            return summary, _stopped_push(summary)
        return summary, None

    def _pull(
        self,
        profile: Profile,
        client: ConnectClient,
        report: Progress,
        cancel: threading.Event,
        page_size: int,
    ) -> tuple[PullSummary | None, SyncProblem | None]:
        report(SyncProgress(SyncPhase.HEALTH, 0))

        def step(done: PullProgress) -> None:
            phase = SyncPhase.REFERENCE if done.phase == "reference" else SyncPhase.ITEMS
            report(SyncProgress(phase, done.done, None, done.pages))
            if cancel.is_set():  # the page is stored with its cursor: stop here
                raise _CancelledError(phase)

        try:
            summary = SyncService(self._store, clock=self._clock).pull(
                profile, client, progress=step, page_size=page_size
            )
        except PullInterruptedError as exc:
            return exc.summary, problem_of(exc.cause, SyncPhase(exc.phase))
        except (TenantMismatchError, ReviewExtensionMissingError) as exc:
            return None, _mismatch(exc, SyncPhase.HEALTH)
        except _CancelledError as cancelled:
            return None, SyncProblem(SyncStop.CANCELLED, cancelled.phase, "cancelled")
        return summary, None
