"""What the window's status strip shows of a profile's connection and sync: whether its
server answers, how old the reference data is, what waits to be pushed and how many
decisions are in conflict.

``figures`` reads the store only; ``probe`` asks the server one cheap question
(``GET /integration/health`` with the profile's key, one attempt, a short timeout). Both
block: call them off the UI thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from ordinavo_desk.connect.errors import (
    ApiError,
    AuthError,
    ConnectError,
    ForbiddenError,
)
from ordinavo_desk.connect.keys import ApiKeyStore, KeyStoreError
from ordinavo_desk.connect.retry import RetryPolicy
from ordinavo_desk.domain.decisions import SENDABLE_STATES, OutboxState
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.connection import ClientFactory, open_client
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.decision_repository import DecisionRepository
from ordinavo_desk.store.profile_repository import ProfileRepository
from ordinavo_desk.store.types import utcnow

#: Seconds the health check may take, connecting and reading.
PROBE_TIMEOUT = 2.0
_ONE_TRY = RetryPolicy(max_attempts=1)


class Reachability(StrEnum):
    #: The server answered the health check with the profile's key.
    ONLINE = "online"
    #: No answer (refused, timed out, no network) or a failing server (5xx).
    OFFLINE = "offline"
    #: The server answered 401: it is there, but refuses the key.
    KEY_REFUSED = "key-refused"
    #: The server answered 403: it is there, but the key may not ask it.
    FORBIDDEN = "forbidden"
    #: The profile has a server, but no key is stored for it (nor in the environment).
    NO_KEY = "no-key"
    #: The profile has no server: local-store mode, nothing to check.
    LOCAL_STORE = "local-store"


@dataclass(frozen=True, slots=True)
class Probe:
    reachability: Reachability
    base_url: str | None
    checked_at: datetime
    latency_ms: float | None = None
    #: The error's text (English) when the check failed, for the detail.
    detail: str | None = None
    status: int | None = None
    required_scope: str | None = None

    @property
    def online(self) -> bool:
        """The server answered (even when it refused the key: it is reachable)."""
        return self.reachability in {
            Reachability.ONLINE,
            Reachability.KEY_REFUSED,
            Reachability.FORBIDDEN,
        }


@dataclass(frozen=True, slots=True)
class DeskFigures:
    """The profile's sync figures from the store (no network)."""

    profile: str
    has_server: bool
    #: Decisions waiting to be pushed (not tried yet, or tried again later).
    waiting: int
    conflicts: int
    #: Decisions the server rejected or that cannot be sent (held): they need a person too.
    rejected: int
    held: int
    reference_pulled_at: datetime | None
    #: How old the reference data is (None: never pulled).
    reference_age: timedelta | None
    items_pulled_at: datetime | None


@dataclass(frozen=True, slots=True)
class ConnectionState:
    figures: DeskFigures
    probe: Probe


class ConnectionStateService:
    def __init__(
        self,
        store: Store,
        *,
        keys: ApiKeyStore | None = None,
        client_factory: ClientFactory = open_client,
        clock: Callable[[], datetime] = utcnow,
        timeout: float = PROBE_TIMEOUT,
    ) -> None:
        self._store = store
        self._keys = keys
        self._client_factory = client_factory
        self._clock = clock
        self._timeout = timeout

    def figures(self, profile: Profile) -> DeskFigures:
        with self._store.unit_of_work() as session:
            counts = DecisionRepository(session, profile.tenant).outbox_counts()
            state = ProfileRepository(session).sync_state(profile.name)
        pulled_at = state.reference_pulled_at
        age = None if pulled_at is None else max(timedelta(0), self._clock() - pulled_at)
        return DeskFigures(
            profile=profile.name,
            has_server=bool(profile.base_url),
            waiting=sum(counts.get(s, 0) for s in SENDABLE_STATES),
            conflicts=counts.get(OutboxState.CONFLICT.value, 0),
            rejected=counts.get(OutboxState.REJECTED.value, 0),
            held=counts.get(OutboxState.HELD.value, 0),
            reference_pulled_at=pulled_at,
            reference_age=age,
            items_pulled_at=state.items_pulled_at,
        )

    def probe(self, profile: Profile) -> Probe:
        """One health check of the profile's server (never raises a Connect error)."""
        url = profile.base_url
        if not url:
            return Probe(Reachability.LOCAL_STORE, None, self._clock())
        keys = self._keys if self._keys is not None else ApiKeyStore()
        try:
            key = keys.load(profile.name)
        except KeyStoreError as exc:
            return Probe(Reachability.NO_KEY, url, self._clock(), detail=str(exc))
        started = time.perf_counter()
        try:
            with self._client_factory(url, key.value, self._timeout, _ONE_TRY) as client:
                client.health()
        except AuthError as exc:
            return self._answered(Reachability.KEY_REFUSED, url, started, exc)
        except ForbiddenError as exc:
            return self._answered(Reachability.FORBIDDEN, url, started, exc)
        except ApiError as exc:
            if exc.status >= 500:
                return self._answered(Reachability.OFFLINE, url, started, exc)
            return self._answered(Reachability.ONLINE, url, started, exc)
        except ConnectError as exc:
            return Probe(Reachability.OFFLINE, url, self._clock(), detail=str(exc))
        return Probe(Reachability.ONLINE, url, self._clock(), latency_ms=_ms(started))

    def state(self, profile: Profile) -> ConnectionState:
        return ConnectionState(self.figures(profile), self.probe(profile))

    def _answered(
        self, reachability: Reachability, url: str, started: float, error: ApiError
    ) -> Probe:
        return Probe(
            reachability,
            url,
            self._clock(),
            latency_ms=_ms(started),
            detail=str(error),
            status=error.status,
            required_scope=error.required_scope,
        )


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
