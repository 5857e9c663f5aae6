"""ConnectClient: the Ordinavo Connect v1 API and the review extension over httpx.

One client per thread, over an injected ``httpx.Client`` (whose lifetime the caller owns).
Timeouts and retry limits are set in one place (``ClientSettings``); every error is raised
as a subclass of ``ConnectError``. A write carries an Idempotency-Key, the same on each of
its retries, so that a retry after a lost answer never applies it twice.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError

from ordinavo_desk.connect.errors import (
    ConnectError,
    ProtocolError,
    RequestTimeoutError,
    TransportError,
    error_from_response,
)
from ordinavo_desk.connect.retry import Retrier, RetryPolicy, parse_retry_after
from ordinavo_desk.connect.wire import (
    DecisionRequest,
    DecisionResult,
    HealthInfo,
    ReferenceChanges,
    ReviewItemDetail,
    ReviewItemSummary,
    ReviewPage,
)
from ordinavo_desk.domain.connect import ImportJob, InboundTarget
from ordinavo_desk.domain.enums import Operation

DEFAULT_BASE_URL = "https://ordinavo.de/api/connect/v1"
USER_AGENT = "ordinavo-desk"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """Where the API is and how patient to be with it."""

    base_url: str = DEFAULT_BASE_URL
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    write_timeout: float = 30.0
    pool_timeout: float = 5.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    page_size: int = 100

    @property
    def timeout(self) -> httpx.Timeout:
        return httpx.Timeout(
            connect=self.connect_timeout,
            read=self.read_timeout,
            write=self.write_timeout,
            pool=self.pool_timeout,
        )


@dataclass(frozen=True, slots=True)
class RateLimit:
    """The last ``X-RateLimit-*`` headers the server sent (None when it sent none)."""

    limit: int | None
    remaining: int | None
    reset_epoch: int | None


def new_idempotency_key() -> str:
    return f"desk-{uuid.uuid4()}"


def _int_header(headers: httpx.Headers, name: str) -> int | None:
    value = headers.get(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def etag_version(etag: str | None) -> int | None:
    """``"3"`` or ``W/"3"`` → 3."""
    if not etag:
        return None
    text = etag.strip().removeprefix("W/").strip('"')
    return int(text) if text.isdigit() else None


class ConnectClient:
    """The Connect API as Python calls. Not thread-safe: one client per thread."""

    def __init__(
        self,
        http: httpx.Client,
        api_key: str,
        settings: ClientSettings | None = None,
        *,
        retrier: Retrier | None = None,
    ) -> None:
        if not api_key.strip():
            raise ValueError("an API key is required")
        self._http = http
        self._api_key = api_key.strip()
        self.settings = settings or ClientSettings()
        self._retrier = retrier or Retrier(self.settings.retry)
        self._base = self.settings.base_url.rstrip("/")
        self.last_rate_limit: RateLimit | None = None

    def __repr__(self) -> str:  # never show the key
        return f"ConnectClient(base_url={self._base!r})"

    # -- v1 ------------------------------------------------------------------------------

    def health(self) -> HealthInfo:
        return self._get_model("/integration/health", HealthInfo)

    def import_target(
        self, target: InboundTarget | Mapping[str, Any], *, idempotency_key: str | None = None
    ) -> ImportJob:
        """``POST /inbound/targets``. Validation of the target is the server's job: a
        mapping is sent as it is (so a rejected item comes back with its errorCode)."""
        body = target.to_wire() if isinstance(target, InboundTarget) else dict(target)
        return self._write_model("/inbound/targets", body, ImportJob, idempotency_key)

    def import_batch(
        self,
        targets: Iterable[InboundTarget | Mapping[str, Any]],
        *,
        source_system: str | None = None,
        batch_id: str | None = None,
        operation: Operation | None = None,
        idempotency_key: str | None = None,
    ) -> ImportJob:
        """``POST /inbound/targets/batch``: items are processed independently."""
        body: dict[str, Any] = {
            "targets": [t.to_wire() if isinstance(t, InboundTarget) else dict(t) for t in targets]
        }
        if source_system is not None:
            body["sourceSystem"] = source_system
        if batch_id is not None:
            body["batchId"] = batch_id
        if operation is not None:
            body["operation"] = operation.value
        return self._write_model("/inbound/targets/batch", body, ImportJob, idempotency_key)

    def import_job(self, job_id: str) -> ImportJob:
        return self._get_model(f"/import-jobs/{_segment(job_id)}", ImportJob)

    # -- review extension ----------------------------------------------------------------

    def review_pages(
        self,
        *,
        status: Iterable[str] | str | None = None,
        warning: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        include_mapping: bool = False,
    ) -> Iterator[ReviewPage]:
        """Pages of ``GET /review/items``, fetched one at a time as they are consumed;
        ``cursor`` (a page's ``next_cursor``) goes on where an earlier walk stopped."""
        while True:
            page = self.review_page(
                status=status,
                warning=warning,
                limit=limit,
                cursor=cursor,
                include_mapping=include_mapping,
            )
            yield page
            if not page.next_cursor:
                return
            cursor = page.next_cursor

    def review_page(
        self,
        *,
        status: Iterable[str] | str | None = None,
        warning: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        include_mapping: bool = False,
    ) -> ReviewPage:
        """One page of ``GET /review/items`` (the first, or the one ``cursor`` starts).
        ``include_mapping`` asks for each item's target and customerMapping as well
        (``include=mapping``); a server that does not offer it sends rows without them."""
        params: dict[str, str] = {"limit": str(limit or self.settings.page_size)}
        if status is not None:
            params["status"] = status if isinstance(status, str) else ",".join(status)
        if warning is not None:
            params["warning"] = warning
        if include_mapping:
            params["include"] = "mapping"
        if cursor:
            params["cursor"] = cursor
        return self._get_model("/review/items", ReviewPage, params=params)

    def review_items(
        self,
        *,
        status: Iterable[str] | str | None = None,
        warning: str | None = None,
        limit: int | None = None,
    ) -> Iterator[ReviewItemSummary]:
        """Items that need a person, streamed page by page (``limit`` is the page size)."""
        for page in self.review_pages(status=status, warning=warning, limit=limit):
            yield from page.items

    def review_item(self, item_id: str) -> ReviewItemDetail:
        return self._get_model(f"/review/items/{_segment(item_id)}", ReviewItemDetail)

    def decide(
        self,
        item_id: str,
        decision: DecisionRequest,
        *,
        version: int,
        idempotency_key: str,
    ) -> DecisionResult:
        """``POST /review/items/{id}/decision`` on the item ``version`` the person saw.

        Keep ``idempotency_key`` with the decision (e.g. in the outbox) and send the same
        key when trying again later: the server then answers the first result instead of
        applying the decision twice.
        """
        if not idempotency_key.strip():
            raise ValueError("a decision needs an idempotency key")
        return self._write_model(
            f"/review/items/{_segment(item_id)}/decision",
            decision.to_wire(),
            DecisionResult,
            idempotency_key,
            extra_headers={"If-Match": f'"{version}"'},
        )

    def reference_changes(
        self, since: str | None = None, *, limit: int | None = None
    ) -> Iterator[ReferenceChanges]:
        """Pages of reference data changed since the cursor ``since`` (None: everything),
        of up to ``limit`` customers (None: the server's default). The last page's
        ``cursor`` is where the next sync starts."""
        cursor = since
        while True:
            params = {"since": cursor} if cursor else {}
            if limit is not None:
                params["limit"] = str(limit)
            page = self._get_model("/review/reference", ReferenceChanges, params=params or None)
            yield page
            if not page.has_more or page.cursor == cursor:
                return
            cursor = page.cursor

    # -- plumbing ------------------------------------------------------------------------

    def _headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        headers = {
            "Authorization": f"Bearer {self._api_key}",
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
        }
        if extra:
            headers.update(extra)
        return headers

    def _get_model(
        self, path: str, model: type[M], *, params: Mapping[str, str] | None = None
    ) -> M:
        def attempt() -> httpx.Response:
            return self._send("GET", path, params=params)

        response = self._retrier.run(attempt, replay_safe=True)
        return _parse(response, model)

    def _write_model(
        self,
        path: str,
        body: Mapping[str, Any],
        model: type[M],
        idempotency_key: str | None,
        *,
        extra_headers: Mapping[str, str] | None = None,
    ) -> M:
        key = idempotency_key or new_idempotency_key()
        headers = {"Idempotency-Key": key, **(extra_headers or {})}
        content = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

        def attempt() -> httpx.Response:
            return self._send("POST", path, content=content, headers=headers)

        response = self._retrier.run(attempt, replay_safe=True)
        return _parse(response, model)

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        all_headers = self._headers(headers)
        if content is not None:
            all_headers["Content-Type"] = "application/json"
        try:
            response = self._http.request(
                method,
                self._base + path,
                params=params,
                content=content,
                headers=all_headers,
                timeout=self.settings.timeout,
            )
        except httpx.TimeoutException as exc:
            raise RequestTimeoutError(f"{method} {path}: timed out ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise TransportError(f"{method} {path}: no answer ({type(exc).__name__})") from exc
        self._note_rate_limit(response.headers)
        if response.is_success:
            return response
        raise error_from_response(
            response.status_code,
            response.content,
            reason=response.reason_phrase,
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
            header_correlation_id=response.headers.get("X-Correlation-Id"),
        )

    def _note_rate_limit(self, headers: httpx.Headers) -> None:
        limit = _int_header(headers, "X-RateLimit-Limit")
        if limit is not None:
            self.last_rate_limit = RateLimit(
                limit=limit,
                remaining=_int_header(headers, "X-RateLimit-Remaining"),
                reset_epoch=_int_header(headers, "X-RateLimit-Reset"),
            )


def _segment(value: str) -> str:
    """A path segment, refusing values that would change the path."""
    if not value or "/" in value or value in {".", ".."}:
        raise ValueError(f"not a usable id: {value!r}")
    return quote(value, safe="")


def _parse(response: httpx.Response, model: type[M]) -> M:
    try:
        if not issubclass(model, ReviewItemDetail):
            # straight from the bytes: pydantic parses and validates in one pass
            return model.model_validate_json(response.content)
        data = response.json()
        if isinstance(data, dict):
            version = etag_version(response.headers.get("ETag"))
            if version is not None and "version" not in data:
                data = {**data, "version": version}
        return model.model_validate(data)
    except (json.JSONDecodeError, UnicodeDecodeError, ValidationError) as exc:
        raise ProtocolError(
            f"{response.request.method} {response.request.url.path}: unexpected answer "
            f"({type(exc).__name__}: {str(exc).splitlines()[0]})"
        ) from exc


__all__ = [
    "DEFAULT_BASE_URL",
    "ClientSettings",
    "ConnectClient",
    "ConnectError",
    "RateLimit",
    "etag_version",
    "new_idempotency_key",
]
