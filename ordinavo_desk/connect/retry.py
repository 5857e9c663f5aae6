"""When and how long to wait before trying a request again: the retry table as data.

Retried: 408, 429, 500, 502, 503, 504 and transport errors (no answer). A write is retried
only when it carries an Idempotency-Key (the same key on every attempt). Never retried:
409, 412 and 422 (answers about the decision, for a person), 401 and 403 (the key or its
scopes must be fixed) and every other 4xx.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

from ordinavo_desk.connect.errors import ApiError, ConnectError, TransportError

RETRYABLE_STATUSES: frozenset[int] = frozenset({408, 429, 500, 502, 503, 504})

T = TypeVar("T")

Sleep = Callable[[float], None]
Random = Callable[[], float]
Clock = Callable[[], datetime]


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry.

    The n-th retry waits ``min(max_delay, base_delay * 2 ** (n - 1))``, less a random
    share of up to ``jitter`` of it, unless the server sent ``Retry-After``, which wins
    (up to ``max_retry_after``; a longer wait is not slept through but raised, so that
    a scheduler can come back later).
    """

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    jitter: float = 0.25
    max_retry_after: float = 60.0
    retry_statuses: frozenset[int] = field(default=RETRYABLE_STATUSES)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if not 0.0 <= self.jitter <= 1.0:
            raise ValueError("jitter must lie in [0, 1]")

    def is_retryable(self, error: ConnectError, *, replay_safe: bool) -> bool:
        """Whether ``error`` may be retried; ``replay_safe`` is False for a write without
        an Idempotency-Key."""
        if not replay_safe:
            return False
        if isinstance(error, TransportError):
            return True
        if isinstance(error, ApiError):
            if error.status not in self.retry_statuses:
                return False
            return error.retry_after is None or error.retry_after <= self.max_retry_after
        return False

    def backoff(self, retry: int, rand: Random) -> float:
        """The wait before retry number ``retry`` (1-based) without a Retry-After."""
        delay: float = min(self.max_delay, self.base_delay * 2.0 ** (retry - 1))
        return delay * (1.0 - self.jitter * rand())

    def delay(self, retry: int, error: ConnectError, rand: Random) -> float:
        retry_after = error.retry_after if isinstance(error, ApiError) else None
        if retry_after is not None:
            return max(0.0, retry_after)
        return self.backoff(retry, rand)


def parse_retry_after(value: str | None, clock: Clock = _utcnow) -> float | None:
    """``Retry-After`` in seconds: delta seconds or an HTTP date; None when absent or
    unreadable. A date in the past gives 0."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - clock()).total_seconds())


@dataclass(slots=True)
class Retrier:
    """Runs one request with the policy; ``sleep`` and ``rand`` are injectable for tests."""

    policy: RetryPolicy = field(default_factory=RetryPolicy)
    sleep: Sleep = time.sleep
    rand: Random = random.random

    def run(self, attempt: Callable[[], T], *, replay_safe: bool) -> T:
        """Call ``attempt`` until it returns, the error is final or attempts run out."""
        tries = 0
        while True:
            tries += 1
            try:
                return attempt()
            except ConnectError as error:
                if tries >= self.policy.max_attempts or not self.policy.is_retryable(
                    error, replay_safe=replay_safe
                ):
                    raise
                self.sleep(self.policy.delay(tries, error, self.rand))
