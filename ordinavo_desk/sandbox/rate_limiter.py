"""Fixed-window rate limiting per API key, with the ``X-RateLimit-*`` headers."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ordinavo_desk.sandbox.key_registry import RateLimitSpec


@dataclass(frozen=True, slots=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    reset_epoch: int
    retry_after: int

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_epoch),
        }


class RateLimiter:
    """Counts requests per key in fixed windows; ``clock`` gives epoch seconds."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._windows: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def check(self, key_hash: str, spec: RateLimitSpec) -> RateDecision:
        now = self._clock()
        with self._lock:
            start, used = self._windows.get(key_hash, (now, 0))
            if now >= start + spec.window_seconds:
                start, used = now, 0
            allowed = used < spec.limit
            if allowed:
                used += 1
            self._windows[key_hash] = (start, used)
        reset = start + spec.window_seconds
        return RateDecision(
            allowed=allowed,
            limit=spec.limit,
            remaining=max(0, spec.limit - used),
            reset_epoch=math.ceil(reset),
            retry_after=max(1, math.ceil(reset - now)),
        )
