"""The typed error tree of the Connect client, and the parser of both error formats.

Ordinavo answers errors in two formats: the v1 envelope
``{"error": {"code", "message", "requiredScope", "correlationId"}}`` and the older flat
problem-details object (``type``, ``title``, ``status``, ``code``, ``detail``, ``traceId``,
``errors``). ``error_from_response`` reads either (and neither, for a proxy's HTML page) and
returns the subclass of ApiError that says what a caller should do about it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ordinavo_desk.domain.errors import DeskError


class ConnectError(DeskError):
    """Base of every error of the Connect client."""


class TransportError(ConnectError):
    """The request did not get an answer: connection refused, reset or dropped."""


class RequestTimeoutError(TransportError):
    """Connecting, sending or reading took longer than the configured timeout."""


class ProtocolError(ConnectError):
    """The server answered, but not in a shape this client understands."""


class ApiError(ConnectError):
    """The server answered with an error status.

    ``correlation_id`` is the id to quote to Ordinavo support (the envelope's
    ``correlationId`` or the problem's ``traceId``).
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        correlation_id: str | None = None,
        required_scope: str | None = None,
        field_errors: Mapping[str, tuple[str, ...]] | None = None,
        retry_after: float | None = None,
        problem_type: str | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.correlation_id = correlation_id
        self.required_scope = required_scope
        self.field_errors: dict[str, tuple[str, ...]] = dict(field_errors or {})
        self.retry_after = retry_after
        self.problem_type = problem_type
        super().__init__(self.describe())

    def describe(self) -> str:
        text = f"HTTP {self.status} {self.code}: {self.message}"
        if self.required_scope:
            text += f" (requires scope {self.required_scope})"
        if self.field_errors:
            fields = "; ".join(f"{k}: {', '.join(v)}" for k, v in self.field_errors.items())
            text += f" [{fields}]"
        if self.correlation_id:
            text += f" (correlation id {self.correlation_id})"
        return text


class BadRequestError(ApiError):
    """A 4xx the request itself caused (400 and others not listed below)."""


class AuthError(ApiError):
    """401: the key is missing, unknown or revoked. Stop syncing until it is fixed."""


class ForbiddenError(ApiError):
    """403: the key may not do this."""


class ScopeError(ForbiddenError):
    """403 ``missing_scope``: the key lacks ``required_scope``."""


class NotFoundError(ApiError):
    """404: no such record for this key's tenant (or no such endpoint on this server)."""


class ConflictError(ApiError):
    """409: the decision cannot apply to the item as it is now. For a person."""


class PreconditionFailedError(ApiError):
    """412: the item changed since its version was read (stale If-Match). For a person."""


class PreconditionRequiredError(ApiError):
    """428: the server needs an If-Match header for this write."""


class UnprocessableError(ApiError):
    """422: the request is well-formed but invalid (validation_failed and others)."""


class IdempotencyConflictError(UnprocessableError):
    """422 ``idempotency_conflict``: the key was used before with another body."""


class RateLimitedError(ApiError):
    """429: too many requests; ``retry_after`` says when to try again (seconds)."""


class ServerError(ApiError):
    """5xx: the server failed; retried when the status is transient."""


_BY_STATUS: dict[int, type[ApiError]] = {
    401: AuthError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    412: PreconditionFailedError,
    422: UnprocessableError,
    428: PreconditionRequiredError,
    429: RateLimitedError,
}

_DEFAULT_CODES: dict[int, str] = {
    400: "invalid_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    412: "precondition_failed",
    422: "validation_failed",
    428: "precondition_required",
    429: "rate_limited",
}


def error_class(status: int, code: str) -> type[ApiError]:
    """The ApiError subclass for a status and an error code."""
    if status == 403 and code == "missing_scope":
        return ScopeError
    if status == 422 and code == "idempotency_conflict":
        return IdempotencyConflictError
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    if status >= 500:
        return ServerError
    return BadRequestError


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _field_errors(value: object) -> dict[str, tuple[str, ...]]:
    """``errors`` as field path → messages (a list of ``{field, message}`` also works)."""
    out: dict[str, tuple[str, ...]] = {}
    if isinstance(value, Mapping):
        for key, messages in value.items():
            if isinstance(messages, list | tuple):
                out[str(key)] = tuple(str(m) for m in messages)
            else:
                out[str(key)] = (str(messages),)
    elif isinstance(value, list):
        for entry in value:
            if isinstance(entry, Mapping):
                field = str(entry.get("field") or entry.get("path") or "")
                message = str(entry.get("message") or entry.get("detail") or "")
                out.setdefault(field, ())
                out[field] = (*out[field], message)
    return out


def _parse_body(body: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(body.decode("utf-8")) if body else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def error_from_response(
    status: int,
    body: bytes,
    *,
    reason: str = "",
    retry_after: float | None = None,
    header_correlation_id: str | None = None,
) -> ApiError:
    """Build the ApiError for an error answer in either documented format."""
    data = _parse_body(body)
    code: str | None = None
    message: str | None = None
    correlation_id: str | None = None
    required_scope: str | None = None
    problem_type: str | None = None
    field_errors: dict[str, tuple[str, ...]] = {}
    if data is not None and isinstance(data.get("error"), Mapping):
        envelope: Mapping[str, Any] = data["error"]
        code = _text(envelope.get("code"))
        message = _text(envelope.get("message"))
        correlation_id = _text(envelope.get("correlationId"))
        required_scope = _text(envelope.get("requiredScope"))
        field_errors = _field_errors(envelope.get("errors") or envelope.get("details"))
    elif data is not None:
        code = _text(data.get("code"))
        message = _text(data.get("detail")) or _text(data.get("title"))
        correlation_id = _text(data.get("traceId")) or _text(data.get("correlationId"))
        required_scope = _text(data.get("requiredScope"))
        problem_type = _text(data.get("type"))
        field_errors = _field_errors(data.get("errors"))
    code = code or _DEFAULT_CODES.get(status) or ("internal_error" if status >= 500 else "error")
    message = message or reason or f"HTTP {status}"
    cls = error_class(status, code)
    return cls(
        status,
        code,
        message,
        correlation_id=correlation_id or header_correlation_id,
        required_scope=required_scope,
        field_errors=field_errors,
        retry_after=retry_after,
        problem_type=problem_type,
    )
