"""Errors the sandbox answers, rendered in the v1 envelope or the older problem format."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from ordinavo_desk.domain.enums import Scope

_TITLES: dict[int, str] = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    412: "Precondition Failed",
    422: "Unprocessable Content",
    428: "Precondition Required",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class ErrorFormat(StrEnum):
    ENVELOPE = "envelope"
    PROBLEM = "problem"


class SandboxApiError(Exception):
    """An error answer: status, code, message and what goes with them."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        required_scope: Scope | None = None,
        field_errors: Mapping[str, list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.required_scope = required_scope
        self.field_errors = dict(field_errors or {})
        self.headers = dict(headers or {})

    def body(self, correlation_id: str, error_format: ErrorFormat) -> dict[str, Any]:
        if error_format is ErrorFormat.PROBLEM:
            problem: dict[str, Any] = {
                "type": f"https://ordinavo.de/problems/{self.code.replace('_', '-')}",
                "title": _TITLES.get(self.status, "Error"),
                "status": self.status,
                "code": self.code,
                "detail": self.message,
                "traceId": correlation_id,
            }
            if self.field_errors:
                problem["errors"] = self.field_errors
            if self.required_scope is not None:
                problem["requiredScope"] = self.required_scope.value
            return problem
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.required_scope is not None:
            error["requiredScope"] = self.required_scope.value
        if self.field_errors:
            error["errors"] = self.field_errors
        error["correlationId"] = correlation_id
        return {"error": error}


def missing_scope(scope: Scope) -> SandboxApiError:
    return SandboxApiError(
        403, "missing_scope", f"this key lacks the scope {scope.value}", required_scope=scope
    )


def not_found(what: str) -> SandboxApiError:
    return SandboxApiError(404, "not_found", f"{what} does not exist for this key's tenant")


def invalid_request(message: str) -> SandboxApiError:
    return SandboxApiError(400, "invalid_request", message)


def validation_failed(message: str, field_errors: Mapping[str, list[str]]) -> SandboxApiError:
    return SandboxApiError(422, "validation_failed", message, field_errors=field_errors)


def conflict(message: str) -> SandboxApiError:
    return SandboxApiError(409, "conflict", message)
