"""Retries against the sandbox's injected faults, and idempotent replays of writes."""

from __future__ import annotations

import httpx
import pytest

from ordinavo_desk.connect.client import ClientSettings, ConnectClient
from ordinavo_desk.connect.errors import RateLimitedError, ServerError, TransportError
from ordinavo_desk.connect.retry import Retrier, RetryPolicy
from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.enums import DecisionKind
from tests.connect.test_client_over_http import AMBIGUOUS, BY_REFERENCE
from tests.sandbox.harness import LIMITED_KEY, RecordingSleep, Sandbox


def test_503_is_retried_honouring_retry_after(sandbox: Sandbox) -> None:
    sandbox.faults("error503=2x,retryAfter=2")
    assert sandbox.client().health().status == "ok"
    assert sandbox.sleep.delays == [2.0, 2.0]


def test_429_burst_is_retried_with_retry_after(sandbox: Sandbox) -> None:
    sandbox.faults("burst429=1x,retryAfter=3")
    job = sandbox.client().import_target(BY_REFERENCE)
    assert job.created_items == 1
    assert sandbox.sleep.delays == [3.0]


def test_500_gives_up_after_max_attempts_with_backoff(sandbox: Sandbox) -> None:
    sandbox.faults("error500=9x")
    with pytest.raises(ServerError) as failed:
        sandbox.client(max_attempts=3, base_delay=0.5).health()
    assert failed.value.status == 500 and failed.value.correlation_id
    assert sandbox.sleep.delays == [0.5, 1.0]


def test_real_rate_limit_sends_headers_and_a_long_wait_is_not_slept(sandbox: Sandbox) -> None:
    client = sandbox.client(LIMITED_KEY, max_retry_after=30)
    client.health()
    assert client.last_rate_limit is not None
    assert (client.last_rate_limit.limit, client.last_rate_limit.remaining) == (2, 1)
    client.health()
    with pytest.raises(RateLimitedError) as limited:
        client.health()
    assert limited.value.retry_after is not None and limited.value.retry_after > 30
    assert sandbox.sleep.delays == []


def test_decision_replayed_after_dropped_connection_applies_once(sandbox: Sandbox) -> None:
    client = sandbox.client()
    client.import_target(AMBIGUOUS)
    item = next(client.review_items())
    sandbox.faults("drop=1x")
    result = client.decide(
        item.id,
        DecisionRequest(kind=DecisionKind.CHOOSE, customer_id=14, new_location=True),
        version=item.version,
        idempotency_key="k-drop",
    )
    # the first attempt committed and lost its answer; the retry (whose If-Match is stale
    # by now) got the first result again
    assert len(sandbox.sleep.delays) == 1
    assert result.item.version == 2 and result.decision.item_version == 1
    detail = client.review_item(item.id)
    assert len(detail.decisions) == 1 and detail.version == 2
    assert len(detail.decisions[0].created.locations) == 1


def test_import_replayed_after_dropped_connection_is_one_job(sandbox: Sandbox) -> None:
    client = sandbox.client()
    sandbox.faults("drop=1x")
    job = client.import_target(BY_REFERENCE, idempotency_key="imp-1")
    assert job.items[0].status == "Created"
    assert client.import_target(BY_REFERENCE, idempotency_key="imp-1") == job
    assert client.import_target(BY_REFERENCE).items[0].status == "Updated"


def test_connection_refused_is_a_transport_error_after_retries() -> None:
    sleep = RecordingSleep()
    policy = RetryPolicy(max_attempts=2)
    with httpx.Client() as http:
        client = ConnectClient(
            http,
            "k",
            ClientSettings(base_url="http://127.0.0.1:9/api", retry=policy),
            retrier=Retrier(policy, sleep=sleep, rand=lambda: 0.0),
        )
        with pytest.raises(TransportError):
            client.health()
    assert len(sleep.delays) == 1
