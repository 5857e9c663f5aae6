"""docs/api/openapi.yaml against the real sandbox on 127.0.0.1.

(a) The (method, path) pairs the app serves are the document's operations (and each
operation's scope is the one the server checks). (b) Real answers of real calls, for every
operation and every status it documents, validate against the document: status, content
type, headers and body. (c) Every status the server answered is documented for its
operation, and every documented status was seen. The checks are shown to fail on a broken
copy of the document (``test_contract_catches_drift``).
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from starlette.routing import Route

from ordinavo_desk.sandbox.api_errors import ErrorFormat
from ordinavo_desk.sandbox.app import API_PREFIX, create_app, endpoints
from ordinavo_desk.sandbox.key_registry import KeyGrant
from ordinavo_desk.sandbox.sandbox_service import SandboxService
from tests.sandbox.harness import (
    FULL_KEY,
    GLOBEX_KEY,
    LIMITED_KEY,
    MAPPER_KEY,
    SETTINGS,
    SOURCE,
    Sandbox,
    reset_sandbox,
    running_sandbox,
)

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"
DOC_URI = "urn:ordinavo-desk:openapi"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
NO_SCOPES_KEY = "fio_test_noscopes_0101"
JOBS_ONLY_KEY = "fio_test_jobsonly_0102"
EXTRA_GRANTS = [
    KeyGrant.create(name="no-scopes", key=NO_SCOPES_KEY, tenant="acme", source_system=SOURCE,
                    scopes=[], settings=SETTINGS),
    KeyGrant.create(name="jobs-only", key=JOBS_ONLY_KEY, tenant="acme", source_system=SOURCE,
                    scopes=["import_jobs.read"], settings=SETTINGS),
]  # fmt: skip

Op = tuple[str, str]
HEALTH: Op = ("GET", "/integration/health")
TARGETS: Op = ("POST", "/inbound/targets")
BATCH: Op = ("POST", "/inbound/targets/batch")
JOB: Op = ("GET", "/import-jobs/{jobId}")
ITEMS: Op = ("GET", "/review/items")
ITEM: Op = ("GET", "/review/items/{itemId}")
DECISION: Op = ("POST", "/review/items/{itemId}/decision")
REFERENCE: Op = ("GET", "/review/reference")

AMBIGUOUS = {
    "externalId": "JOB-AMB",
    "title": "Oven service",
    "customer": {"name": "Bäckerei Müller", "externalId": "BM-1"},
    "location": {"street": "Marktplatz 4", "postalCode": "50667", "city": "Köln"},
    "contact": {"displayName": "Petra Müller", "email": "petra@example.com"},
}
BY_REFERENCE = {
    "externalId": "JOB-REF",
    "customer": {"externalId": "CUST-10042", "name": "Rhein-Ruhr Medical Supply"},
    "location": {"externalId": "LOC-ESSEN-01"},
    "planning": {"dueDate": "2026-07-01", "priority": "High", "fixedTime": True,
                 "estimatedWorkMinutes": 90},
    "businessValue": {"expectedRevenue": 1200.5, "customerTier": "A", "closeProbability": 0.4},
    "customFields": {"costCenter": "4711"},
    "somethingNew": {"ignored": True},
}  # fmt: skip
_NO_BODY = object()


# -- the contract: the document and checks of real answers against it ---------------------


def load_document() -> dict[str, Any]:
    data = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _placeholders(path: str) -> str:
    """``/review/items/{itemId}`` and ``/review/items/{item_id}`` are the same path."""
    return re.sub(r"\{[^}]+\}", "{}", path)


def _format_checker() -> FormatChecker:
    """Strict checks of the formats the document uses (jsonschema's own need extras)."""
    checker = FormatChecker(formats=())

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        return "T" in value and datetime.fromisoformat(value).tzinfo is not None

    @checker.checks("date", raises=ValueError)
    def _date(value: object) -> bool:
        if not isinstance(value, str):
            return True
        date.fromisoformat(value)
        return len(value) == 10

    @checker.checks("uri")
    def _uri(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return bool(parts.scheme and parts.netloc)

    return checker


class Contract:
    """The operations of an OpenAPI document and the checks of real answers against it."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(DOC_URI, resource)
        self._formats = _format_checker()

    def operations(self, *, review_extension: bool = True) -> dict[Op, dict[str, Any]]:
        found: dict[Op, dict[str, Any]] = {}
        for path, item in self.document["paths"].items():
            for method, operation in item.items():
                if method not in HTTP_METHODS:
                    continue
                if not review_extension and operation.get("x-ordinavo-extension") == "review":
                    continue
                found[(method.upper(), path)] = operation
        return found

    def statuses(self, op: Op) -> set[int]:
        return {int(status) for status in self.operations()[op]["responses"]}

    def required_scope(self, op: Op) -> str:
        (requirement,) = self.operations()[op]["security"]
        (scope,) = requirement["bearerAuth"]
        return str(scope)

    def _lookup(self, pointer: str) -> Any:
        node: Any = self.document
        for token in pointer.lstrip("/").split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
        return node

    def _resolve(self, node: Any, pointer: str) -> tuple[dict[str, Any], str]:
        """Follow ``$ref`` of responses and headers (not of schemas: jsonschema does)."""
        while isinstance(node, dict) and "$ref" in node:
            pointer = node["$ref"].removeprefix("#")
            node = self._lookup(pointer)
        assert isinstance(node, dict), pointer
        return node, pointer

    def _errors(self, instance: Any, pointer: str) -> list[str]:
        schema = {"$ref": DOC_URI + "#" + quote(pointer, safe="/~")}
        validator = Draft202012Validator(
            schema, registry=self._registry, format_checker=self._formats
        )
        found = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        return [f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}" for e in found]

    def check(self, op: Op, response: httpx.Response) -> None:
        """Assert that ``response`` is an answer ``op`` documents."""
        method, path = op
        operation = self.operations().get(op)
        assert operation is not None, f"{method} {path} is not in the document"
        status = str(response.status_code)
        assert status in operation["responses"], (
            f"{method} {path} answered {status}, which the document does not list: "
            f"{response.text[:300]}"
        )
        pointer = f"/paths/{_escape(path)}/{method.lower()}/responses/{status}"
        spec, pointer = self._resolve(operation["responses"][status], pointer)
        media = response.headers.get("content-type", "").split(";")[0].strip()
        assert media in spec.get("content", {}), (
            f"{method} {path} {status}: content type {media!r} is not documented"
        )
        errors = self._errors(response.json(), f"{pointer}/content/{_escape(media)}/schema")
        assert not errors, f"{method} {path} {status} body breaks the document: {errors}"
        for name, reference in spec.get("headers", {}).items():
            header, header_pointer = self._resolve(reference, f"{pointer}/headers/{_escape(name)}")
            value = response.headers.get(name)
            if value is None:
                assert not header.get("required"), f"{method} {path} {status}: no {name} header"
                continue
            typed: Any = value
            if header["schema"].get("type") == "integer" and re.fullmatch(r"-?\d+", value):
                typed = int(value)
            errors = self._errors(typed, f"{header_pointer}/schema")
            assert not errors, f"{method} {path} {status}: header {name}={value!r}: {errors}"


def served_operations(service: SandboxService) -> set[Op]:
    """The (method, path) pairs of the app's routes; HEAD, which Starlette adds to every
    GET route, stands apart (the document says so)."""
    pairs: set[Op] = set()
    for route in create_app(service).routes:
        assert isinstance(route, Route)
        pairs |= {(method, _placeholders(route.path)) for method in route.methods or ()}
    heads = {(m, p) for m, p in pairs if m == "HEAD"}
    assert heads == {("HEAD", p) for m, p in pairs if m == "GET"}
    return pairs - heads


def documented_operations(contract: Contract, *, review_extension: bool = True) -> set[Op]:
    return {
        (method, _placeholders(API_PREFIX + path))
        for method, path in contract.operations(review_extension=review_extension)
    }


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract(load_document())


# -- calling the server: every answer checked, every status recorded ----------------------


@dataclass
class Probe:
    contract: Contract
    sandbox: Sandbox
    error_format: ErrorFormat = ErrorFormat.ENVELOPE
    seen: dict[Op, set[int]] = field(default_factory=lambda: defaultdict(set))

    def call(
        self,
        op: Op,
        *,
        path: dict[str, str] | None = None,
        key: str | None = FULL_KEY,
        headers: Mapping[str, str | bytes] | None = None,
        params: Any = None,
        body: Any = _NO_BODY,
        content: bytes | None = None,
    ) -> httpx.Response:
        method, template = op
        given = {
            **({"Authorization": f"Bearer {key}"} if key is not None else {}),
            **(headers or {}),
        }
        # as bytes: a test may send a header value that is no ASCII
        sent = [(k.encode(), v if isinstance(v, bytes) else v.encode()) for k, v in given.items()]
        response = self.sandbox.http.request(
            method,
            self.sandbox.base_url + template.format(**(path or {})),
            headers=sent,
            params=params,
            json=None if body is _NO_BODY else body,
            content=content,
        )
        self.contract.check(op, response)
        if response.status_code >= 400:
            self._check_error_form(response)
        self.seen[op].add(response.status_code)
        return response

    def _check_error_form(self, response: httpx.Response) -> None:
        body = response.json()
        correlation = response.headers["X-Correlation-Id"]
        if self.error_format is ErrorFormat.ENVELOPE:
            assert body["error"]["correlationId"] == correlation
        else:
            assert body["traceId"] == correlation and body["status"] == response.status_code

    def assert_all_statuses_seen(self, op: Op) -> None:
        assert self.seen[op] == self.contract.statuses(op), (
            f"{op}: seen {sorted(self.seen[op])}, documented {sorted(self.contract.statuses(op))}"
        )

    def pipeline_errors(self, op: Op, **request: Any) -> None:
        """401, 403, 429 (limiter and injected), 500 and 503: the same for every operation."""
        none = self.call(op, key=None, **request)
        assert none.status_code == 401 and none.headers["WWW-Authenticate"] == "Bearer"
        assert self.call(op, key="fio_test_unknown", **request).status_code == 401
        denied = self.call(op, key=NO_SCOPES_KEY, **request)
        assert denied.status_code == 403
        assert _error(denied)["requiredScope"] == self.contract.required_scope(op)
        statuses = [self.call(op, key=LIMITED_KEY, **request).status_code for _ in range(3)]
        assert statuses[2] == 429 and 429 not in statuses[:2]
        for spec, status in (("burst429=1x", 429), ("error500=1x", 500), ("error503=1x", 503)):
            self.sandbox.faults(spec)
            assert self.call(op, **request).status_code == status
        self.sandbox.faults("none")


def _error(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    return body.get("error", body)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def contract_sandbox() -> Iterator[Sandbox]:
    with running_sandbox(extra_grants=EXTRA_GRANTS) as running:
        yield running


@pytest.fixture
def probe(contract: Contract, contract_sandbox: Sandbox) -> Iterator[Probe]:
    with reset_sandbox(contract_sandbox) as fresh:
        yield Probe(contract, fresh)


def _import(probe: Probe, *targets: dict[str, Any], key: str = FULL_KEY) -> dict[str, Any]:
    answer = probe.call(BATCH, key=key, body={"targets": list(targets)})
    assert answer.status_code == 200
    return answer.json()  # type: ignore[no-any-return]


def _ambiguous(probe: Probe, count: int, prefix: str = "JOB-AMB") -> list[str]:
    targets = [{**AMBIGUOUS, "externalId": f"{prefix}-{n}"} for n in range(count)]
    job = _import(probe, *targets)
    return [item["reviewItemId"] for item in job["items"]]


# -- (a) routes -------------------------------------------------------------------------


def test_served_routes_are_the_documented_operations(
    contract: Contract, contract_sandbox: Sandbox
) -> None:
    assert served_operations(contract_sandbox.service) == documented_operations(contract)


def test_each_operation_documents_the_scope_the_server_checks(
    contract: Contract, contract_sandbox: Sandbox
) -> None:
    checked = {
        (e.method, _placeholders(API_PREFIX + e.path)): e.scope.value
        for e in endpoints(contract_sandbox.service)
    }
    documented = {
        (method, _placeholders(API_PREFIX + path)): contract.required_scope((method, path))
        for method, path in contract.operations()
    }
    assert checked == documented


def test_plain_v1_server_serves_the_v1_operations(contract: Contract) -> None:
    with running_sandbox(review_extension=False) as plain:
        assert served_operations(plain.service) == documented_operations(
            contract, review_extension=False
        )
        probe = Probe(contract, plain)
        health = probe.call(HEALTH)
        assert health.status_code == 200 and set(health.json()) == {"status", "apiVersion"}
        job = probe.call(TARGETS, body=BY_REFERENCE)
        assert job.status_code == 200 and "customerMapping" in job.json()["items"][0]
        gone = plain.http.get(
            plain.base_url + "/review/items", headers={"Authorization": f"Bearer {FULL_KEY}"}
        )
        assert gone.status_code == 404 and gone.json()["error"]["code"] == "not_found"


# -- (b), (c) every operation, every documented status ---------------------------------------


def test_health(probe: Probe) -> None:
    full = probe.call(HEALTH).json()
    assert full["extensions"] == ["review"] and full["tenant"] == "acme"
    assert "customers.read" not in probe.call(HEALTH, key=MAPPER_KEY).json()["scopes"]
    probe.pipeline_errors(HEALTH)
    probe.assert_all_statuses_seen(HEALTH)


def test_import_target(probe: Probe) -> None:
    created = probe.call(TARGETS, body=AMBIGUOUS).json()
    assert created["items"][0]["status"] == "Created"
    assert created["items"][0]["customerMapping"]["warnings"]
    assert probe.call(TARGETS, body=AMBIGUOUS).json()["items"][0]["status"] == "Updated"
    mapped = probe.call(TARGETS, body=BY_REFERENCE).json()["items"][0]
    assert mapped["customerMapping"]["customerId"] == 12
    hidden = probe.call(TARGETS, key=MAPPER_KEY, body={**BY_REFERENCE, "externalId": "M"})
    assert hidden.json()["items"][0]["customerMapping"]["customerId"] is None
    cancelled = probe.call(TARGETS, body={**AMBIGUOUS, "operation": "cancel"}).json()
    assert cancelled["items"][0]["status"] == "Cancelled" and cancelled["cancelledItems"] == 1
    rejections = {
        "missing_external_id": {"externalId": "  "},
        "invalid_operation": {"externalId": "R1", "operation": "replace"},
        "invalid_source_system": {"externalId": "R2", "sourceSystem": "crm"},
        "validation_failed": {"externalId": "R3", "address": {"country": "XX"}},
        "already_exists": {**BY_REFERENCE, "operation": "create"},
        "not_found": {"externalId": "R4", "operation": "update"},
    }
    for code, target in rejections.items():
        job = probe.call(TARGETS, body=target).json()
        assert (job["status"], job["items"][0]["errorCode"]) == ("Failed", code)
    first = probe.call(TARGETS, body={"externalId": "IDEM"}, headers={"Idempotency-Key": "t-1"})
    again = probe.call(TARGETS, body={"externalId": "IDEM"}, headers={"Idempotency-Key": "t-1"})
    assert again.headers["Idempotent-Replayed"] == "true" and again.json() == first.json()
    other = probe.call(TARGETS, body={"externalId": "OTHER"}, headers={"Idempotency-Key": "t-1"})
    assert other.status_code == 422 and _error(other)["code"] == "idempotency_conflict"
    for raw in (b"", b"{", b"[1, 2]", b'"text"', b'{"externalId": NaN}'):
        assert probe.call(TARGETS, content=raw).status_code == 400
    probe.pipeline_errors(TARGETS, body={"externalId": "PIPE"})
    probe.assert_all_statuses_seen(TARGETS)


def test_import_batch(probe: Probe) -> None:
    job = probe.call(
        BATCH,
        body={"batchId": "B-7", "sourceSystem": SOURCE, "operation": "upsert",
              "targets": [BY_REFERENCE, AMBIGUOUS, {"externalId": ""}, 42]},
    ).json()  # fmt: skip
    assert job["status"] == "PartiallyFailed" and job["batchId"] == "B-7"
    assert [i["status"] for i in job["items"]] == ["Created", "Created", "Rejected", "Rejected"]
    assert job["items"][3]["errorCode"] == "invalid_request"
    spelled = probe.call(BATCH, body={"items": [{"externalId": "I-1"}]}).json()
    assert spelled["status"] == "Completed" and "batchId" not in spelled
    assert probe.call(BATCH, body={"targets": []}).json()["status"] == "Failed"
    bad_op = probe.call(BATCH, body={"operation": "replace", "targets": [{"externalId": "X"}]})
    assert bad_op.json()["items"][0]["errorCode"] == "invalid_operation"
    for body in ({}, {"targets": {"externalId": "X"}}, {"targets": [], "batchId": 7}):
        answer = probe.call(BATCH, body=body)
        assert answer.status_code == 422 and _error(answer)["code"] == "validation_failed"
        assert _error(answer)["errors"]
    key = {"Idempotency-Key": "b-1"}
    first = probe.call(BATCH, body={"targets": [{"externalId": "B-IDEM"}]}, headers=key)
    again = probe.call(BATCH, body={"targets": [{"externalId": "B-IDEM"}]}, headers=key)
    assert again.headers["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert probe.call(BATCH, body={"targets": []}, headers=key).status_code == 422
    for raw in (b"", b"nope", b"[]", b'{"targets": [], "batchId": Infinity}'):
        assert probe.call(BATCH, content=raw).status_code == 400
    probe.pipeline_errors(BATCH, body={"targets": [{"externalId": "PIPE"}]})
    probe.assert_all_statuses_seen(BATCH)


def test_import_job(probe: Probe) -> None:
    job = _import(probe, BY_REFERENCE, AMBIGUOUS, {"externalId": " "})
    path = {"jobId": job["importJobId"]}
    full = probe.call(JOB, path=path).json()
    assert full["items"] == job["items"] and full["rejectedItems"] == 1
    mapper = probe.call(JOB, path=path, key=MAPPER_KEY).json()
    assert mapper["items"][0]["customerMapping"]["customerId"] is None
    plain = probe.call(JOB, path=path, key=JOBS_ONLY_KEY).json()
    assert all("customerMapping" not in item for item in plain["items"])
    assert probe.call(JOB, path={"jobId": "job_999999"}).status_code == 404
    assert probe.call(JOB, path=path, key=GLOBEX_KEY).status_code == 404
    probe.pipeline_errors(JOB, path=path)
    probe.assert_all_statuses_seen(JOB)


def _limit_bounds(probe: Probe, op: Op) -> tuple[int, int]:
    (parameter,) = (
        p for p in probe.contract.operations()[op]["parameters"] if p["name"] == "limit"
    )
    return parameter["schema"]["minimum"], parameter["schema"]["maximum"]


def test_review_items(probe: Probe) -> None:
    _ambiguous(probe, 3)
    _import(probe, BY_REFERENCE)  # mapped: not in the queue
    everything = probe.call(ITEMS).json()
    assert [i["externalId"] for i in everything["items"]] == ["JOB-AMB-0", "JOB-AMB-1", "JOB-AMB-2"]
    assert everything["nextCursor"] is None
    page = probe.call(ITEMS, params={"limit": 2}).json()
    rest = probe.call(ITEMS, params={"limit": 2, "cursor": page["nextCursor"]}).json()
    assert len(page["items"]) == 2 and [i["externalId"] for i in rest["items"]] == ["JOB-AMB-2"]
    filters = [
        {"status": "Warning"},
        {"status": "Failed,Warning"},
        [("status", "Failed"), ("status", "Warning")],
        {"warning": "AmbiguousNameAndAddress"},
    ]
    for params in filters:
        assert len(probe.call(ITEMS, params=params).json()["items"]) == 3
    assert probe.call(ITEMS, params={"status": "Mapped"}).json()["items"] == []
    assert all("customerMapping" not in i for i in everything["items"])
    with_mapping = probe.call(ITEMS, params={"include": "mapping"}).json()["items"]
    assert len(with_mapping) == 3
    assert all(i["customerMapping"]["candidates"] and i["target"] for i in with_mapping)
    low, high = _limit_bounds(probe, ITEMS)
    assert probe.call(ITEMS, params={"limit": high}).status_code == 200
    for limit in (low - 1, high + 1, "ten", "²"):
        assert probe.call(ITEMS, params={"limit": limit}).status_code == 422
    for cursor in (
        "not-a-cursor",
        "eyJhZnRlciI6IDF9XQ",
        "eyJhZnRlciI6IDk5OTk5OTk5OTk5OTk5OTk5OTk5OX0",
    ):
        assert probe.call(ITEMS, params={"cursor": cursor}).status_code == 400
    probe.pipeline_errors(ITEMS)
    probe.assert_all_statuses_seen(ITEMS)


def test_review_item(probe: Probe) -> None:
    (item_id,) = _ambiguous(probe, 1)
    path = {"itemId": item_id}
    item = probe.call(ITEM, path=path)
    assert item.headers["ETag"] == '"1"' and item.json()["version"] == 1
    assert {c["customerId"] for c in item.json()["customerMapping"]["candidates"]} >= {14, 15}
    hidden = probe.call(ITEM, path=path, key=MAPPER_KEY).json()["customerMapping"]
    assert hidden["candidates"] == [] and hidden["explanation"] == []
    decided = probe.call(
        DECISION, path=path, body={"kind": "Defer", "deferUntil": "2026-12-01", "note": "later"},
        headers={"Idempotency-Key": "d-1", "If-Match": '"1"'},
    )  # fmt: skip
    assert decided.status_code == 200
    after = probe.call(ITEM, path=path)
    assert after.headers["ETag"] == '"2"' and after.json()["decisions"][0]["kind"] == "Defer"
    for missing in ("ri_999999", "ri_x", "ri_²", "ri_99999999999999999999999", "42"):
        assert probe.call(ITEM, path={"itemId": missing}).status_code == 404
    assert probe.call(ITEM, path=path, key=GLOBEX_KEY).status_code == 404
    probe.pipeline_errors(ITEM, path=path)
    probe.assert_all_statuses_seen(ITEM)


def test_decision(probe: Probe) -> None:
    first, second, third = _ambiguous(probe, 3)
    n = 0

    def decide(
        item_id: str, body: Any, version: int | str | None, *, key: str = FULL_KEY,
        idempotency_key: str | None = None, content: bytes | None = None,
    ) -> httpx.Response:  # fmt: skip
        nonlocal n
        n += 1
        headers: dict[str, str | bytes] = {"Idempotency-Key": idempotency_key or f"dec-{n}"}
        if version is not None:
            text = f'"{version}"' if isinstance(version, int) else version
            headers["If-Match"] = text.encode()  # bytes: the header may be no ASCII
        return probe.call(
            DECISION, path={"itemId": item_id}, key=key, headers=headers,
            body=_NO_BODY if content is not None else body, content=content,
        )  # fmt: skip

    # 400: no Idempotency-Key, a blank one, no JSON, no JSON object
    no_key = probe.call(
        DECISION, path={"itemId": first}, body={"kind": "Confirm"}, headers={"If-Match": '"1"'}
    )
    blank = probe.call(
        DECISION,
        path={"itemId": first},
        body={"kind": "Confirm"},
        headers={"If-Match": '"1"', "Idempotency-Key": ""},
    )
    assert no_key.status_code == blank.status_code == 400
    assert decide(first, None, 1, content=b"{kind").status_code == 400
    assert decide(first, [{"kind": "Confirm"}], 1).status_code == 400
    # 404, 428, 412
    assert decide("ri_999999", {"kind": "Confirm"}, 1).status_code == 404
    assert decide(first, {"kind": "Confirm"}, None).status_code == 428
    stale = decide(first, {"kind": "Confirm"}, 7)
    assert stale.status_code == 412 and stale.headers["ETag"] == '"1"'
    for tag in ("*", '"abc"', '"²"'):
        unreadable = decide(first, {"kind": "Confirm"}, tag)
        assert unreadable.status_code == 412 and "ETag" not in unreadable.headers
    assert decide(first, {"kind": "Confirm"}, 'W/"1"', idempotency_key="weak").status_code == 200
    # 422: the body
    invalid = [
        {"kind": "Choose"},
        {"kind": "Reject"},
        {"kind": "Approve"},
        {"kind": "Defer", "deferUntil": "someday"},
        {"kind": "Defer", "corrections": {"job": {"title": "x"}}},
        {"kind": "Choose", "customerId": 14, "corrections": {"location": {"latitude": 100}}},
    ]
    for body in invalid:
        answer = decide(second, body, 1)
        assert answer.status_code == 422 and _error(answer)["code"] == "validation_failed", body
    # 403: creating records needs customers.write
    denied = decide(second, {"kind": "CreateNew"}, 1, key=MAPPER_KEY)
    assert denied.status_code == 403 and _error(denied)["requiredScope"] == "customers.write"
    # every kind succeeds; 409 where the item's state forbids the decision
    version = 1
    for body in (
        {"kind": "Choose", "customerId": 14, "locationId": 37, "author": "pat"},
        {"kind": "Revert"},
        {"kind": "Reject", "reasonCode": "DuplicateJob", "reasonText": "twice"},
        {"kind": "Revert"},
        {"kind": "Defer", "deferUntil": "2026-12-24"},
        {
            "kind": "CreateNew",
            "corrections": {"customer": {"name": "Müller Backwaren", "externalId": "BM-NEW"}},
        },
    ):
        answer = decide(second, body, version)
        assert answer.status_code == 200, (body, answer.text)
        version += 1
        assert answer.headers["ETag"] == f'"{version}"'
        assert answer.json()["decision"]["kind"] == body["kind"]
    created = answer.json()["decision"]["created"]
    assert created["customers"] and created["locations"] and created["contacts"]
    conflicts = [
        {"kind": "Confirm"},  # decided already: revert first
        {"kind": "Revert", "revertsDecisionId": "dec_1"},  # not the latest decision
    ]
    for body in conflicts:
        answer = decide(second, body, version)
        assert answer.status_code == 409 and _error(answer)["code"] == "conflict", body
    assert decide(third, {"kind": "Choose", "customerId": 999999}, 1).status_code == 409
    assert decide(third, {"kind": "Revert"}, 1).status_code == 409  # nothing to revert
    # the Idempotency-Key comes first: a replay answers the first result, even now
    key = "replay-1"
    original = decide(third, {"kind": "Defer"}, 1, idempotency_key=key)
    replay = decide(third, {"kind": "Defer"}, 1, idempotency_key=key)
    assert replay.headers["Idempotent-Replayed"] == "true" and replay.json() == original.json()
    clash = decide(third, {"kind": "Reject", "reasonCode": "Other"}, 2, idempotency_key=key)
    assert clash.status_code == 422 and _error(clash)["code"] == "idempotency_conflict"
    # a cancelled item takes no decision
    _import(probe, {**AMBIGUOUS, "externalId": "JOB-AMB-0", "operation": "cancel"})
    assert decide(first, {"kind": "Revert"}, 3).status_code == 409
    probe.pipeline_errors(
        DECISION, path={"itemId": "ri_999999"}, body={"kind": "Confirm"},
        headers={"Idempotency-Key": "pipe", "If-Match": '"1"'},
    )  # fmt: skip
    probe.assert_all_statuses_seen(DECISION)


def test_reference(probe: Probe) -> None:
    start = probe.call(REFERENCE).json()
    assert start["customers"] and not start["hasMore"]
    assert probe.call(REFERENCE, params={"since": ""}).json() == start
    page = probe.call(REFERENCE, params={"limit": 1}).json()
    assert page["hasMore"] and len(page["customers"]) == 1
    following = probe.call(REFERENCE, params={"since": page["cursor"], "limit": 1}).json()
    assert following["customers"][0]["id"] != page["customers"][0]["id"]
    (item_id,) = _ambiguous(probe, 1, prefix="JOB-REFDATA")
    made = probe.call(
        DECISION, path={"itemId": item_id}, body={"kind": "CreateNew"},
        headers={"Idempotency-Key": "ref-1", "If-Match": '"1"'},
    ).json()  # fmt: skip
    changed = probe.call(REFERENCE, params={"since": start["cursor"]}).json()
    (customer,) = changed["customers"]
    assert customer["id"] == made["decision"]["created"]["customers"][0]
    assert customer["locations"] and customer["contacts"] and customer["externalRefs"]
    low, high = _limit_bounds(probe, REFERENCE)
    assert probe.call(REFERENCE, params={"limit": high}).status_code == 200
    for limit in (low - 1, high + 1, "all"):
        assert probe.call(REFERENCE, params={"limit": limit}).status_code == 422
    for since in ("yesterday", "-1", "²", "99999999999999999999999"):
        assert probe.call(REFERENCE, params={"since": since}).status_code == 400
    assert probe.call(REFERENCE, key=MAPPER_KEY).status_code == 403
    probe.pipeline_errors(REFERENCE)
    probe.assert_all_statuses_seen(REFERENCE)


def test_problem_error_format(contract: Contract) -> None:
    """With --problem-errors every error status comes as problem details, as documented."""
    with running_sandbox(error_format=ErrorFormat.PROBLEM, extra_grants=EXTRA_GRANTS) as legacy:
        probe = Probe(contract, legacy, ErrorFormat.PROBLEM)
        (item_id,) = _ambiguous(probe, 1)
        item = {"itemId": item_id}
        probe.pipeline_errors(DECISION, path={"itemId": "ri_0"}, body={"kind": "Confirm"},
                              headers={"Idempotency-Key": "p-0", "If-Match": '"1"'})  # fmt: skip

        def decision(idem: str, version: str | None = None, **request: Any) -> dict[str, Any]:
            headers = {"Idempotency-Key": idem} | ({"If-Match": version} if version else {})
            return {"path": item, "headers": headers, **request}

        steps = [
            (400, decision("p-1", content=b"{")),
            (404, {**decision("p-2", body={}), "path": {"itemId": "ri_0"}}),
            (428, decision("p-3", body={"kind": "Defer"})),
            (412, decision("p-4", '"5"', body={"kind": "Defer"})),
            (422, decision("p-5", '"1"', body={"kind": "Choose"})),
            (403, decision("p-6", '"1"', body={"kind": "CreateNew"}, key=MAPPER_KEY)),
            (409, decision("p-7", '"1"', body={"kind": "Revert"})),
            (200, decision("p-8", '"1"', body={"kind": "Defer"})),
            (422, decision("p-8", '"2"', body={"kind": "Confirm"})),  # idempotency_conflict
        ]
        for status, request in steps:
            answer = probe.call(DECISION, **request)
            assert answer.status_code == status, (request, answer.text)
        probe.assert_all_statuses_seen(DECISION)


# -- the checks can fail ------------------------------------------------------------------


def test_contract_catches_drift(contract: Contract, probe: Probe) -> None:
    """Each check above fails when the document and the server disagree."""
    job = probe.call(TARGETS, body=BY_REFERENCE)
    missing = probe.call(JOB, path={"jobId": "job_424242"})
    health = probe.call(HEALTH)

    def broken(change: Callable[[dict[str, Any]], object]) -> Contract:
        document = copy.deepcopy(contract.document)
        change(document)
        return Contract(document)

    def schemas(document: dict[str, Any]) -> dict[str, Any]:
        return document["components"]["schemas"]  # type: ignore[no-any-return]

    drifts = [
        # a status the server answers is not documented
        (broken(lambda d: d["paths"]["/import-jobs/{jobId}"]["get"]["responses"].pop("404")), JOB, missing),
        # a field changes its type
        (broken(lambda d: schemas(d)["ImportJob"]["properties"]["totalItems"].update(type="string")), TARGETS, job),
        # a field the server does not send becomes required
        (broken(lambda d: schemas(d)["HealthInfo"]["required"].append("region")), HEALTH, health),
        # the server sends a field the document does not list
        (broken(lambda d: schemas(d)["HealthInfo"]["properties"].pop("settings")), HEALTH, health),
        # an enum loses a value the server sends
        (broken(lambda d: schemas(d)["ImportJobStatus"]["enum"].remove("Completed")), TARGETS, job),
        # a documented header goes missing or looks different
        (broken(lambda d: d["components"]["headers"]["X-Correlation-Id"]["schema"].update(pattern="^trace-")), HEALTH, health),
        (broken(lambda d: d["components"]["responses"]["NotFound"]["headers"].update({"ETag": {"$ref": "#/components/headers/ETag"}})), JOB, missing),
        # another content type
        (broken(lambda d: d["components"]["responses"]["NotFound"].update(content={"application/problem+json": {"schema": {}}})), JOB, missing),
    ]  # fmt: skip
    for drifted, op, response in drifts:
        with pytest.raises(AssertionError):
            drifted.check(op, response)
    extra = broken(lambda d: d["paths"].update({"/webhooks": {"get": {"responses": {}}}}))
    assert served_operations(probe.sandbox.service) != documented_operations(extra)
    fewer = broken(lambda d: d["paths"].pop("/review/reference"))
    assert served_operations(probe.sandbox.service) != documented_operations(fewer)
    unseen = Probe(contract, probe.sandbox)
    unseen.call(HEALTH)
    with pytest.raises(AssertionError):
        unseen.assert_all_statuses_seen(HEALTH)
