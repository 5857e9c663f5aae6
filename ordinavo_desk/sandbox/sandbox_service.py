"""What the sandbox server holds while it runs: store, keys, faults, rate limits and the
matching engine over the store's reference data."""

from __future__ import annotations

from dataclasses import dataclass

from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.sandbox.api_errors import ErrorFormat
from ordinavo_desk.sandbox.faults import FaultInjector
from ordinavo_desk.sandbox.key_registry import KeyRegistry
from ordinavo_desk.sandbox.rate_limiter import RateLimiter
from ordinavo_desk.sandbox.sandbox_store import SandboxStore


@dataclass(frozen=True, slots=True)
class SandboxOptions:
    """``review_extension=False`` serves plain v1 only; ``error_format`` chooses between
    the v1 error envelope and the older problem-details format."""

    review_extension: bool = True
    error_format: ErrorFormat = ErrorFormat.ENVELOPE


class SandboxService:
    """The server's state. Requests are handled one at a time on the server's event loop,
    so the engine's index and the store never see two writers."""

    def __init__(
        self,
        store: SandboxStore,
        keys: KeyRegistry,
        *,
        faults: FaultInjector | None = None,
        limiter: RateLimiter | None = None,
        options: SandboxOptions | None = None,
    ) -> None:
        self.store = store
        self.keys = keys
        self.faults = faults or FaultInjector()
        self.limiter = limiter or RateLimiter()
        self.options = options or SandboxOptions()
        self.engine = MappingEngine(store.load_index())

    def reset(self, store: SandboxStore) -> SandboxStore:
        """Start over on ``store`` (e.g. fresh demo data for the next training run):
        faults off, rate-limit windows cleared. Answers the previous store, which the
        caller disposes of."""
        previous = self.store
        self.store = store
        self.engine = MappingEngine(store.load_index())
        self.faults.configure(None)
        self.limiter = RateLimiter()
        return previous

    def reload_index(self) -> None:
        """Rebuild the engine's index from the store (after a failed write)."""
        self.engine = MappingEngine(self.store.load_index())
