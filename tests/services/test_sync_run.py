"""A whole sync as the window runs it (services.sync_run), against the sandbox on
127.0.0.1: push then pull with progress and one summary; every way it stops early."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager

import pytest

from ordinavo_desk.connect.client import ConnectClient
from ordinavo_desk.connect.keys import KeyStoreError
from ordinavo_desk.connect.retry import RetryPolicy
from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.connection import open_client
from ordinavo_desk.services.sync_run import SyncPhase, SyncProgress, SyncRunner, SyncStop
from ordinavo_desk.store.database import Store
from tests.sandbox.harness import FULL_KEY, GLOBEX_KEY, Sandbox
from tests.services.conflict_harness import decide, decide_on_server, keys_for, pulled
from tests.services.review_harness import local_profile
from tests.services.sync_harness import READONLY_KEY, ambiguous_items, profile_for
from tests.services.test_sync_push import _outbox, _server_decisions


def one_try(
    url: str, key: str, timeout: float | None, retry: RetryPolicy | None
) -> AbstractContextManager[ConnectClient]:
    """Clients that try once and wait half a second at most (offline tests)."""
    return open_client(url, key, 0.5, RetryPolicy(max_attempts=1))


def _decided(store: Store, sandbox: Sandbox) -> Profile:
    """Three items pulled; two decided here, one of them also decided on the server."""
    profile = pulled(store, sandbox, 3)
    decide(store, profile, "AMB-0", kind="Choose", customerId=14)
    decide(store, profile, "AMB-1", kind="Confirm")
    decide_on_server(sandbox, "AMB-1", kind="Defer")
    ambiguous_items(sandbox, FULL_KEY, "NEW", 2)  # arrive with the pull
    return profile


def test_a_whole_sync_reports_progress_and_one_summary(store: Store, sandbox: Sandbox) -> None:
    profile = _decided(store, sandbox)
    steps: list[SyncProgress] = []
    outcome = SyncRunner(store, keys=keys_for("acme")).run(
        profile, progress=steps.append, page_size=2
    )
    assert outcome.ok and outcome.problem is None
    assert (outcome.sent, outcome.conflicts, outcome.rejected, outcome.retrying) == (1, 1, 0, 0)
    assert outcome.pulled is not None and outcome.pulled_items >= 2
    assert outcome.pulled.items.created == 2
    assert outcome.purged is not None and outcome.base_url == sandbox.base_url
    phases = [step.phase for step in steps]
    assert phases[0] is SyncPhase.PUSH and steps[0] == SyncProgress(SyncPhase.PUSH, 0, 2)
    assert steps[phases.index(SyncPhase.HEALTH) - 1] == SyncProgress(SyncPhase.PUSH, 2, 2)
    assert SyncPhase.REFERENCE in phases and phases[-1] is SyncPhase.ITEMS
    assert _server_decisions(sandbox) == {"AMB-0": ["Choose"], "AMB-1": ["Defer"]}
    # nothing is sent twice; the halves on their own
    again = SyncRunner(store, keys=keys_for("acme")).run(profile, pull=False)
    assert (again.sent, again.pulled) == (0, None)
    pulled = SyncRunner(store, keys=keys_for("acme")).run(profile, push=False)
    assert pulled.pushed is None and pulled.pulled is not None


def test_a_refused_key_stops_the_sync_before_the_pull(store: Store, sandbox: Sandbox) -> None:
    profile = _decided(store, sandbox)
    outcome = SyncRunner(store, keys=keys_for("acme", key="fio_unknown_key_0000")).run(profile)
    assert outcome.problem is not None
    assert (outcome.problem.stop, outcome.problem.phase) == (SyncStop.KEY_REFUSED, SyncPhase.PUSH)
    assert outcome.problem.status == 401
    assert outcome.pulled is None and outcome.retrying == 2
    assert [row.state for row in _outbox(store)] == ["pending", "pending"]

    forbidden = SyncRunner(store, keys=keys_for("acme", key=READONLY_KEY)).run(profile)
    assert forbidden.problem is not None and forbidden.problem.stop is SyncStop.FORBIDDEN
    assert forbidden.problem.required_scope == "customers.map"

    other_tenant = SyncRunner(store, keys=keys_for("acme", key=GLOBEX_KEY)).run(profile)
    assert other_tenant.problem is not None
    assert other_tenant.problem.stop is SyncStop.MISMATCH
    assert "globex" in other_tenant.problem.message
    assert other_tenant.purged is None  # as the command, which ends with an error there


def test_offline_keeps_everything_for_the_next_sync(store: Store, sandbox: Sandbox) -> None:
    profile = _decided(store, sandbox)
    offline = profile.model_copy(update={"base_url": "http://127.0.0.1:9"})
    outcome = SyncRunner(store, keys=keys_for("acme"), client_factory=one_try).run(offline)
    assert outcome.problem is not None
    assert (outcome.problem.stop, outcome.problem.phase) == (SyncStop.UNREACHABLE, SyncPhase.PUSH)
    assert outcome.pulled is None and (outcome.sent, outcome.retrying) == (0, 2)
    assert [row.state for row in _outbox(store)] == ["pending", "pending"]
    # a server answering 503 to everything is there, but busy
    sandbox.faults("error503=1.0,retryAfter=0")
    busy = SyncRunner(store, keys=keys_for("acme"), client_factory=one_try).run(profile)
    assert busy.problem is not None
    assert (busy.problem.stop, busy.problem.status) == (SyncStop.SERVER_BUSY, 503)
    sandbox.faults("none")
    assert SyncRunner(store, keys=keys_for("acme")).run(profile).sent == 1


def test_a_sync_can_be_cancelled_between_pages(store: Store, sandbox: Sandbox) -> None:
    profile = _decided(store, sandbox)
    cancel = threading.Event()

    def progress(step: SyncProgress) -> None:
        if step.phase is SyncPhase.ITEMS:
            cancel.set()

    outcome = SyncRunner(store, keys=keys_for("acme")).run(
        profile, progress=progress, cancel=cancel, page_size=2
    )
    assert outcome.problem is not None
    assert (outcome.problem.stop, outcome.problem.phase) == (SyncStop.CANCELLED, SyncPhase.ITEMS)
    assert outcome.sent == 1  # the push ran to its end first
    # the next pull goes on from the page where it stopped
    resumed = SyncRunner(store, keys=keys_for("acme")).run(profile, push=False)
    assert resumed.pulled is not None and resumed.pulled.items.resumed
    cancel.set()
    nothing = SyncRunner(store, keys=keys_for("acme")).run(profile, cancel=cancel)
    assert nothing.problem is not None and nothing.problem.stop is SyncStop.CANCELLED
    assert nothing.pushed is None and nothing.pulled is None


def test_what_cannot_sync_is_raised(store: Store, sandbox: Sandbox) -> None:
    local = local_profile(store)
    with pytest.raises(InputError, match="has no server"):
        SyncRunner(store, keys=keys_for("local")).run(local)
    profile = profile_for(store, sandbox)
    with pytest.raises(KeyStoreError, match="no API key"):
        SyncRunner(store, keys=keys_for()).run(profile)
