"""Switchable faults of the sandbox server, from a ``--faults`` spec string.

A spec is a comma-separated list of ``name=value``:

- ``latency=MS`` or ``latency=MIN-MAX``: added delay per request, in milliseconds;
- ``error500=AMOUNT``, ``error503=AMOUNT``: answer 500 / 503 instead of handling;
- ``burst429=AMOUNT`` or ``burst429=N/M``: answer 429 (N of every M requests in a row);
- ``drop=AMOUNT``: drop the connection after a committed write (the client never sees
  the answer, the write stands: a retry must be idempotent);
- ``retryAfter=SECONDS``: the Retry-After of injected 429 and 503 answers (default 1);
- ``seed=N``: the random seed for shares (default 0, so runs repeat).

An AMOUNT is a share of requests (``0.2``) or a count of the next requests (``3x``).
``none`` or an empty spec switches every fault off.
"""

from __future__ import annotations

import random
import re
import threading
from dataclasses import dataclass, field

from ordinavo_desk.domain.errors import InputError


@dataclass(frozen=True, slots=True)
class Amount:
    """A share of requests (0..1) or a count of the next ones."""

    share: float = 0.0
    count: int = 0

    @classmethod
    def parse(cls, name: str, text: str) -> Amount:
        value = text.strip().lower()
        try:
            if value.endswith("x"):
                count = int(value[:-1])
                if count < 0:
                    raise ValueError
                return cls(count=count)
            share = float(value)
        except ValueError:
            raise InputError(
                f"'{text}' is neither a share (0.2) nor a count (3x)", field=f"faults.{name}"
            ) from None
        if not 0.0 <= share <= 1.0:
            raise InputError(f"share {share} is not within 0..1", field=f"faults.{name}")
        return cls(share=share)

    @property
    def active(self) -> bool:
        return self.share > 0 or self.count > 0


@dataclass(frozen=True, slots=True)
class FaultSpec:
    latency_ms: tuple[int, int] = (0, 0)
    error500: Amount = field(default_factory=Amount)
    error503: Amount = field(default_factory=Amount)
    burst429: Amount = field(default_factory=Amount)
    burst429_period: tuple[int, int] | None = None
    drop: Amount = field(default_factory=Amount)
    retry_after: int = 1
    seed: int = 0

    @classmethod
    def parse(cls, spec: str | None) -> FaultSpec:
        text = (spec or "").strip()
        if not text or text.lower() == "none":
            return cls()
        values: dict[str, object] = {}
        for part in text.split(","):
            name, sep, value = part.partition("=")
            name = name.strip()
            if not sep or not value.strip():
                raise InputError(f"'{part.strip()}' is not name=value", field="faults")
            if name == "latency":
                match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+))?\s*", value)
                if match is None:
                    raise InputError(f"'{value}' is not MS or MIN-MAX", field="faults.latency")
                low = int(match.group(1))
                high = int(match.group(2) or low)
                values["latency_ms"] = (min(low, high), max(low, high))
            elif name in {"error500", "error503", "drop"}:
                values[name] = Amount.parse(name, value)
            elif name == "burst429":
                period = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
                if period is not None:
                    n, m = int(period.group(1)), int(period.group(2))
                    if not 0 < n <= m:
                        raise InputError("N/M needs 0 < N <= M", field="faults.burst429")
                    values["burst429_period"] = (n, m)
                else:
                    values["burst429"] = Amount.parse(name, value)
            elif name in {"retryAfter", "seed"}:
                if not value.strip().isdigit():
                    raise InputError(f"'{value}' is not a whole number", field=f"faults.{name}")
                values["retry_after" if name == "retryAfter" else "seed"] = int(value)
            else:
                raise InputError(f"unknown fault '{name}'", field="faults")
        return cls(**values)  # type: ignore[arg-type]


class FaultInjector:
    """The faults in force; switchable while the server runs (thread-safe)."""

    def __init__(self, spec: FaultSpec | str | None = None) -> None:
        self._lock = threading.Lock()
        self._spec = FaultSpec()
        self._random = random.Random(0)
        self._left: dict[str, int] = {}
        self._requests = 0
        self.configure(spec)

    @property
    def spec(self) -> FaultSpec:
        return self._spec

    def configure(self, spec: FaultSpec | str | None) -> None:
        parsed = spec if isinstance(spec, FaultSpec) else FaultSpec.parse(spec)
        with self._lock:
            self._spec = parsed
            self._random = random.Random(parsed.seed)
            self._left = {
                "error500": parsed.error500.count,
                "error503": parsed.error503.count,
                "burst429": parsed.burst429.count,
                "drop": parsed.drop.count,
            }
            self._requests = 0

    def _fires(self, name: str, amount: Amount) -> bool:
        if self._left.get(name, 0) > 0:
            self._left[name] -= 1
            return True
        return amount.share > 0 and self._random.random() < amount.share

    def latency_seconds(self) -> float:
        with self._lock:
            low, high = self._spec.latency_ms
            if high <= 0:
                return 0.0
            return self._random.uniform(low, high) / 1000.0

    def injected_status(self) -> int | None:
        """The error status to answer instead of handling this request, if any."""
        with self._lock:
            spec = self._spec
            self._requests += 1
            if spec.burst429_period is not None:
                n, m = spec.burst429_period
                if (self._requests - 1) % m < n:
                    return 429
            if self._fires("burst429", spec.burst429):
                return 429
            if self._fires("error503", spec.error503):
                return 503
            if self._fires("error500", spec.error500):
                return 500
            return None

    def drop_after_write(self) -> bool:
        with self._lock:
            return self._fires("drop", self._spec.drop)
