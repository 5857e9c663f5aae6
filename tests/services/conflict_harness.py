"""Conflicts made for real against the sandbox: items pulled into a store, decided here,
and decided differently on the server by someone else first, so that the push is refused.
Shared by the service and window tests."""

from __future__ import annotations

from typing import Any

from ordinavo_desk.connect.keys import ApiKeyStore
from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.decisions import RecordedDecision
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.sandbox.imports import item_wire_id
from ordinavo_desk.services.push_service import PushService
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.services.sync_service import SyncService
from ordinavo_desk.store.database import Store
from tests.connect.test_keys import MemoryKeyring
from tests.sandbox.harness import FULL_KEY, Sandbox
from tests.services.sync_harness import ambiguous_items, profile_for
from tests.services.test_sync_push import _id, _server_items


def keys_for(*profiles: str, key: str = FULL_KEY) -> ApiKeyStore:
    """An in-memory keyring holding ``key`` for each profile (no environment fallback)."""
    keys = ApiKeyStore(MemoryKeyring(), environ={})
    for name in profiles:
        keys.save(name, key)
    return keys


def pulled(store: Store, sandbox: Sandbox, count: int = 2, prefix: str = "AMB") -> Profile:
    """``count`` items waiting for a person on the server, pulled into the store."""
    ambiguous_items(sandbox, FULL_KEY, prefix, count)
    profile = profile_for(store, sandbox)
    SyncService(store).pull(profile, sandbox.client())
    return profile


def decide(store: Store, profile: Profile, external_id: str, **fields: Any) -> RecordedDecision:
    """A decision recorded here by ``anna``."""
    return ReviewService(store, author="anna").decide(
        profile, _id(store, external_id), DecisionRequest.model_validate(fields)
    )


def decide_on_server(sandbox: Sandbox, external_id: str, **fields: Any) -> None:
    """Someone else (``bob``) decides the item on the server first."""
    other = sandbox.client()
    detail = other.review_item(item_wire_id(_server_items(sandbox)[external_id].id))
    other.decide(
        detail.id,
        DecisionRequest.model_validate({**fields, "author": "bob"}),
        version=detail.version,
        idempotency_key=f"bob-{external_id}-{detail.version}",
    )


def push(store: Store, sandbox: Sandbox, profile: Profile) -> tuple[int, int]:
    """Push; answers (sent, conflicts)."""
    summary = PushService(store).push(profile, sandbox.client())
    return summary.sent, summary.conflicts


def with_conflicts(store: Store, sandbox: Sandbox) -> Profile:
    """Two conflicts and one decision sent: AMB-0 chosen here (customer 14) but deferred
    on the server (it can be decided again), AMB-1 chosen here but decided otherwise on
    the server (customer 15: only the server's state can be taken), AMB-2 confirmed."""
    profile = pulled(store, sandbox, 3)
    decide(store, profile, "AMB-0", kind="Choose", customerId=14,
           corrections={"location": {"street": "Marktplatz 4a"}})  # fmt: skip
    decide(store, profile, "AMB-1", kind="Choose", customerId=14)
    decide(store, profile, "AMB-2", kind="Confirm")
    decide_on_server(sandbox, "AMB-0", kind="Defer", note="call first")
    decide_on_server(sandbox, "AMB-1", kind="Choose", customerId=15)
    assert push(store, sandbox, profile) == (1, 2)
    return profile
