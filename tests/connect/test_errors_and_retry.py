"""Error parsing of both formats, the retry policy, and shapes a socket cannot produce."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from ordinavo_desk.connect.client import ClientSettings, ConnectClient
from ordinavo_desk.connect.errors import (
    AuthError,
    BadRequestError,
    ConflictError,
    IdempotencyConflictError,
    PreconditionFailedError,
    ProtocolError,
    RateLimitedError,
    ScopeError,
    ServerError,
    TransportError,
    error_from_response,
)
from ordinavo_desk.connect.retry import Retrier, RetryPolicy, parse_retry_after
from tests.sandbox.harness import RecordingSleep


def _body(data: object) -> bytes:
    return json.dumps(data).encode()


def test_envelope_format() -> None:
    error = error_from_response(
        403,
        _body({"error": {"code": "missing_scope", "message": "no", "requiredScope":
                         "customers.write", "correlationId": "c-1"}}),
    )  # fmt: skip
    assert isinstance(error, ScopeError)
    assert (error.required_scope, error.correlation_id) == ("customers.write", "c-1")


def test_problem_format_with_field_errors() -> None:
    error = error_from_response(
        422,
        _body({"type": "about:blank", "title": "Unprocessable", "status": 422,
               "code": "idempotency_conflict", "detail": "other body", "traceId": "t-9",
               "errors": {"targets[0].externalId": ["required"]}}),
    )  # fmt: skip
    assert isinstance(error, IdempotencyConflictError)
    assert error.correlation_id == "t-9" and error.message == "other body"
    assert error.field_errors == {"targets[0].externalId": ("required",)}


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, BadRequestError), (401, AuthError), (409, ConflictError),
     (412, PreconditionFailedError), (429, RateLimitedError), (502, ServerError)],
)  # fmt: skip
def test_status_without_body_still_typed(status: int, cls: type[Exception]) -> None:
    error = error_from_response(status, b"<html>oops</html>", reason="Bad Gateway")
    assert isinstance(error, cls)


def test_retry_after_forms() -> None:
    now = datetime(2026, 6, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("3", lambda: now) == 3.0
    assert parse_retry_after("Mon, 01 Jun 2026 12:00:10 GMT", lambda: now) == 10.0
    assert parse_retry_after("Mon, 01 Jun 2026 11:00:00 GMT", lambda: now) == 0.0
    assert parse_retry_after("soon", lambda: now) is None
    assert parse_retry_after(None) is None


def test_backoff_is_exponential_capped_and_jittered() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=4.0, jitter=0.5)
    assert [policy.backoff(n, lambda: 0.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 4.0]
    assert policy.backoff(2, lambda: 1.0) == 1.0


@pytest.mark.parametrize("status", [401, 403, 409, 412, 422, 400, 404])
def test_not_retried(status: int) -> None:
    error = error_from_response(status, b"")
    assert not RetryPolicy().is_retryable(error, replay_safe=True)


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retried_only_when_replay_safe(status: int) -> None:
    error = error_from_response(status, b"")
    assert RetryPolicy().is_retryable(error, replay_safe=True)
    assert not RetryPolicy().is_retryable(error, replay_safe=False)
    assert RetryPolicy().is_retryable(TransportError("x"), replay_safe=True)


def _mock_client(handler: httpx.MockTransport, sleep: RecordingSleep) -> ConnectClient:
    http = httpx.Client(transport=handler)
    policy = RetryPolicy(max_attempts=3)
    return ConnectClient(
        http,
        "fio_live_secret",
        ClientSettings(base_url="https://x.test/v1", retry=policy),
        retrier=Retrier(policy, sleep=sleep, rand=lambda: 0.0),
    )


def test_malformed_success_is_a_protocol_error_and_key_is_sent_not_shown() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=b"{not json")

    client = _mock_client(httpx.MockTransport(handler), RecordingSleep())
    with pytest.raises(ProtocolError):
        client.health()
    assert seen[0].headers["Authorization"] == "Bearer fio_live_secret"
    assert "secret" not in repr(client)


def test_same_idempotency_key_on_every_retry_of_a_write() -> None:
    keys: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        keys.append(request.headers.get("Idempotency-Key"))
        if len(keys) < 3:
            return httpx.Response(504, headers={"Retry-After": "0"})
        return httpx.Response(200, json={"importJobId": "j", "status": "Completed"})

    sleep = RecordingSleep()
    job = _mock_client(httpx.MockTransport(handler), sleep).import_target({"externalId": "A"})
    assert job.import_job_id == "j"
    assert len(keys) == 3 and len(set(keys)) == 1 and keys[0]
    assert sleep.delays == [0.0, 0.0]
