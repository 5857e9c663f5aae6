"""The sandbox's Starlette application: Connect v1 and the review extension.

Every request passes the same steps: injected latency and faults, the API key (401),
the key's rate limit (429), the route's scope (403 missing_scope), for writes the
Idempotency-Key (a replay answers the first result), then the handler inside one unit of
work. Every answer carries ``X-Correlation-Id``; every error is rendered in the
configured format with that id.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from ordinavo_desk.connect.wire import REVIEW_EXTENSION, DecisionRequest
from ordinavo_desk.domain.enums import Scope as ApiScope
from ordinavo_desk.domain.validation import field_path
from ordinavo_desk.sandbox.api_errors import (
    SandboxApiError,
    invalid_request,
    missing_scope,
    not_found,
)
from ordinavo_desk.sandbox.decisions import apply_decision
from ordinavo_desk.sandbox.idempotency import keep_answer, stored_answer
from ordinavo_desk.sandbox.imports import job_for, run_import
from ordinavo_desk.sandbox.key_registry import KeyGrant
from ordinavo_desk.sandbox.review import (
    detail,
    etag,
    find_item,
    find_item_state,
    list_items,
    parse_limit,
    reference_changes,
    whole_number,
)
from ordinavo_desk.sandbox.rows import JobRow
from ordinavo_desk.sandbox.sandbox_service import SandboxService

API_PREFIX = "/api/connect/v1"
logger = logging.getLogger(__name__)


class ConnectionDroppedError(Exception):
    """Raised on purpose after a committed write: the server drops the connection."""


@dataclass(slots=True)
class Call:
    request: Request
    grant: KeyGrant
    session: Session
    service: SandboxService
    body: Any = None


@dataclass(slots=True)
class Reply:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    #: The body as JSON bytes already (then ``body`` is not used), for large reads.
    raw: bytes | None = None


Handler = Callable[[Call], Reply]


@dataclass(frozen=True, slots=True)
class Endpoint:
    method: str
    path: str
    scope: ApiScope
    handler: Handler
    needs_idempotency_key: bool = False


class _DroppedResponse(Response):
    """Starts an answer and breaks off: the client sees the connection drop."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
            }
        )
        raise ConnectionDroppedError("fault injected: connection dropped after a write")


class DroppedConnectionLogFilter(logging.Filter):
    """Keeps uvicorn from reporting the injected drops as application errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        info = record.exc_info
        return not (info and info[0] is not None and issubclass(info[0], ConnectionDroppedError))


# -- handlers ------------------------------------------------------------------------------


def _health(call: Call) -> Reply:
    body: dict[str, Any] = {"status": "ok", "apiVersion": "v1"}
    if call.service.options.review_extension:
        grant = call.grant
        body.update(
            tenant=grant.tenant,
            sourceSystem=grant.source_system,
            scopes=sorted(s.value for s in grant.scopes),
            settings=grant.settings.to_wire(),
            extensions=[REVIEW_EXTENSION],
        )
    return Reply(200, body)


def _object_body(call: Call) -> dict[str, Any]:
    if not isinstance(call.body, dict):
        raise invalid_request("the body must be a JSON object")
    return call.body


def _import_target(call: Call) -> Reply:
    body = _object_body(call)
    job = run_import(call.session, call.service.engine, call.grant, [body], {})
    return Reply(200, job_for(job, call.grant))


def _import_batch(call: Call) -> Reply:
    body = _object_body(call)
    targets = body.get("targets", body.get("items"))
    if not isinstance(targets, list):
        raise SandboxApiError(
            422,
            "validation_failed",
            "a batch needs its targets as 'targets' (or 'items')",
            field_errors={"targets": ["required, a JSON array"]},
        )
    batch_id = body.get("batchId")
    if batch_id is not None and not isinstance(batch_id, str):
        raise SandboxApiError(
            422,
            "validation_failed",
            "batchId must be text",
            field_errors={"batchId": ["must be a string or null"]},
        )
    defaults = {"sourceSystem": body.get("sourceSystem"), "operation": body.get("operation")}
    job = run_import(call.session, call.service.engine, call.grant, targets, defaults)
    if batch_id is not None:
        job["batchId"] = batch_id
        row = call.session.get(JobRow, job["importJobId"])
        if row is not None:
            row.body = {**row.body, "batchId": batch_id}
    return Reply(200, job_for(job, call.grant))


def _import_job(call: Call) -> Reply:
    job_id = call.request.path_params["job_id"]
    row = call.session.get(JobRow, job_id)
    if row is None or row.tenant != call.grant.tenant:
        raise not_found(f"import job {job_id}")
    return Reply(200, job_for(row.body, call.grant))


def _review_items(call: Call) -> Reply:
    params = call.request.query_params
    statuses = [s.strip() for v in params.getlist("status") for s in v.split(",") if s.strip()]
    page = list_items(
        call.session,
        call.grant,
        statuses=statuses,
        warning=params.get("warning") or None,
        cursor=params.get("cursor") or None,
        limit=parse_limit(params.get("limit")),
        include_mapping="mapping"
        in {part.strip() for v in params.getlist("include") for part in v.split(",")},
    )
    return Reply(200, page)


def _review_item(call: Call) -> Reply:
    row = find_item(call.session, call.grant, call.request.path_params["item_id"])
    return Reply(200, detail(call.session, row, call.grant), {"ETag": etag(row.version)})


def _if_match_version(value: str | None) -> int:
    if value is None or not value.strip():
        raise SandboxApiError(
            428, "precondition_required", "a decision needs If-Match with the item's version"
        )
    version = whole_number(value.strip().removeprefix("W/").strip('"'))
    if version is None:
        raise SandboxApiError(412, "precondition_failed", f"If-Match {value} names no version")
    return version


def _decision(call: Call) -> Reply:
    row = find_item_state(call.session, call.grant, call.request.path_params["item_id"])
    seen = _if_match_version(call.request.headers.get("If-Match"))
    if seen != row.version:
        raise SandboxApiError(
            412,
            "precondition_failed",
            f"the item is at version {row.version}, not {seen}: it changed since it was read",
            headers={"ETag": etag(row.version)},
        )
    try:
        request = DecisionRequest.model_validate(_object_body(call))
    except ValidationError as exc:
        errors: dict[str, list[str]] = {}
        for error in exc.errors():
            errors.setdefault(field_path(tuple(error["loc"])) or "body", []).append(error["msg"])
        raise SandboxApiError(
            422, "validation_failed", "the decision is not valid", field_errors=errors
        ) from None
    answer = apply_decision(call.session, call.service.engine, call.grant, row, request)
    return Reply(200, answer, {"ETag": etag(row.version)})


def _reference(call: Call) -> Reply:
    params = call.request.query_params
    limit = parse_limit(params.get("limit"), default=100)
    raw = reference_changes(call.session, call.grant, params.get("since"), limit)
    return Reply(200, {}, raw=raw)


V1_ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("GET", "/integration/health", ApiScope.INTEGRATION_HEALTH_READ, _health),
    Endpoint("POST", "/inbound/targets", ApiScope.INBOUND_TARGETS_WRITE, _import_target),
    Endpoint("POST", "/inbound/targets/batch", ApiScope.INBOUND_TARGETS_BATCH_WRITE, _import_batch),
    Endpoint("GET", "/import-jobs/{job_id}", ApiScope.IMPORT_JOBS_READ, _import_job),
)
REVIEW_ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("GET", "/review/items", ApiScope.CUSTOMERS_MAP, _review_items),
    Endpoint("GET", "/review/items/{item_id}", ApiScope.CUSTOMERS_MAP, _review_item),
    Endpoint(
        "POST",
        "/review/items/{item_id}/decision",
        ApiScope.CUSTOMERS_MAP,
        _decision,
        needs_idempotency_key=True,
    ),
    Endpoint("GET", "/review/reference", ApiScope.CUSTOMERS_READ, _reference),
)


# -- the request pipeline ----------------------------------------------------------------


def _fingerprint(method: str, path: str, raw: bytes) -> str:
    try:
        canonical = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode()
    except (json.JSONDecodeError, UnicodeDecodeError):
        canonical = raw
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + canonical).hexdigest()


def _injected_error(status: int, retry_after: int) -> SandboxApiError:
    if status == 429:
        return SandboxApiError(
            429,
            "rate_limited",
            "too many requests (fault injected)",
            headers={"Retry-After": str(retry_after)},
        )
    if status == 503:
        return SandboxApiError(
            503,
            "service_unavailable",
            "the service is unavailable (fault injected)",
            headers={"Retry-After": str(retry_after)},
        )
    return SandboxApiError(500, "internal_error", "internal error (fault injected)")


def _authenticate(service: SandboxService, request: Request) -> KeyGrant:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise SandboxApiError(
            401,
            "unauthorized",
            "an API key is required (Authorization: Bearer <key>)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    grant = service.keys.lookup(token)
    if grant is None:
        raise SandboxApiError(
            401,
            "unauthorized",
            "the API key is not known",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    return grant


class _NotJsonError(ValueError):
    """A number JSON cannot carry: NaN, Infinity, or one too large for a float."""


def _no_constant(name: str) -> Any:
    raise _NotJsonError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotJsonError(f"the number {text} is out of range")
    return value


def _json_body(raw: bytes) -> Any:
    """The body as JSON (RFC 8259): Python's parser also takes NaN and Infinity and reads
    1e400 as infinity, which the answer then could not render (a 500 after the write)."""
    if not raw:
        raise invalid_request("the body is empty; JSON expected")
    try:
        return json.loads(raw, parse_constant=_no_constant, parse_float=_finite_float)
    except _NotJsonError as exc:
        raise invalid_request(f"the body is not valid JSON: {exc}") from None
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError, huge ints
        raise invalid_request("the body is not valid JSON") from None


def _error_response(
    service: SandboxService, error: SandboxApiError, correlation_id: str, headers: dict[str, str]
) -> JSONResponse:
    body = error.body(correlation_id, service.options.error_format)
    return JSONResponse(body, error.status, headers={**headers, **error.headers})


async def _run(service: SandboxService, endpoint: Endpoint, request: Request) -> Response:
    correlation_id = f"corr_{uuid.uuid4().hex}"
    headers = {"X-Correlation-Id": correlation_id}
    try:
        delay = service.faults.latency_seconds()
        if delay > 0:
            await asyncio.sleep(delay)
        injected = service.faults.injected_status()
        if injected is not None:
            raise _injected_error(injected, service.faults.spec.retry_after)
        grant = _authenticate(service, request)
        rate = service.limiter.check(grant.key_hash, grant.rate_limit)
        headers.update(rate.headers())
        if not rate.allowed:
            raise SandboxApiError(
                429,
                "rate_limited",
                f"rate limit of {rate.limit} requests exceeded",
                headers={"Retry-After": str(rate.retry_after)},
            )
        if not grant.has(endpoint.scope):
            raise missing_scope(endpoint.scope)
        write = endpoint.method == "POST"
        raw = await request.body() if write else b""
        body = _json_body(raw) if write else None
        # only writes are idempotent: a read never stores or replays an answer
        idempotency_key = (
            (request.headers.get("Idempotency-Key", "").strip() or None) if write else None
        )
        if endpoint.needs_idempotency_key and idempotency_key is None:
            raise invalid_request("this write needs an Idempotency-Key header")
        reply = _handle(
            service,
            endpoint,
            request,
            grant=grant,
            body=body,
            raw=raw,
            idempotency_key=idempotency_key,
        )
    except SandboxApiError as error:
        return _error_response(service, error, correlation_id, headers)
    except Exception:
        logger.exception(
            "sandbox request %s failed (correlation id %s)", request.url.path, correlation_id
        )
        service.reload_index()
        failure = SandboxApiError(500, "internal_error", "internal error")
        return _error_response(service, failure, correlation_id, headers)
    if (
        reply.headers.get("Idempotent-Replayed") != "true"
        and endpoint.method == "POST"
        and 200 <= reply.status < 300
        and service.faults.drop_after_write()
    ):
        return _DroppedResponse()
    if reply.raw is not None:
        return Response(
            reply.raw,
            reply.status,
            headers={**headers, **reply.headers},
            media_type="application/json",
        )
    return JSONResponse(reply.body, reply.status, headers={**headers, **reply.headers})


def _handle(
    service: SandboxService,
    endpoint: Endpoint,
    request: Request,
    *,
    grant: KeyGrant,
    body: Any,
    raw: bytes,
    idempotency_key: str | None,
) -> Reply:
    """One unit of work: the idempotency check, the handler and the stored answer."""
    fingerprint = _fingerprint(endpoint.method, request.url.path, raw)
    with service.store.unit_of_work() as session:
        if idempotency_key is not None:
            stored = stored_answer(session, grant.key_hash, idempotency_key)
            if stored is not None:
                if stored.fingerprint != fingerprint:
                    raise SandboxApiError(
                        422,
                        "idempotency_conflict",
                        "this Idempotency-Key was used before with another request",
                    )
                replay_headers = {**stored.headers, "Idempotent-Replayed": "true"}
                return Reply(stored.status_code, stored.body, replay_headers)
        reply = endpoint.handler(Call(request, grant, session, service, body))
        if idempotency_key is not None and 200 <= reply.status < 300:
            keep_answer(
                session,
                grant.key_hash,
                idempotency_key,
                fingerprint=fingerprint,
                status_code=reply.status,
                body=reply.body,
                headers=reply.headers,
            )
    return reply


def _route(service: SandboxService, endpoint: Endpoint) -> Route:
    async def run(request: Request) -> Response:
        return await _run(service, endpoint, request)

    return Route(API_PREFIX + endpoint.path, run, methods=[endpoint.method])


def endpoints(service: SandboxService) -> tuple[Endpoint, ...]:
    extra = REVIEW_ENDPOINTS if service.options.review_extension else ()
    return (*V1_ENDPOINTS, *extra)


def create_app(service: SandboxService) -> Starlette:
    """The ASGI application over ``service``."""

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        correlation_id = f"corr_{uuid.uuid4().hex}"
        code = "not_found" if exc.status_code == 404 else "invalid_request"
        message = (
            f"no endpoint {request.url.path}"
            if exc.status_code == 404
            else f"{request.method} is not allowed on {request.url.path}"
        )
        error = SandboxApiError(exc.status_code, code, message, headers=dict(exc.headers or {}))
        return _error_response(service, error, correlation_id, {"X-Correlation-Id": correlation_id})

    routes = [_route(service, endpoint) for endpoint in endpoints(service)]
    return Starlette(routes=routes, exception_handlers={HTTPException: http_error})
