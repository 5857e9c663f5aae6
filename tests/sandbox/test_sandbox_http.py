"""The sandbox over raw HTTP: error envelopes, headers, modes, keys file and faults."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from ordinavo_desk.connect.errors import NotFoundError, ScopeError
from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.sandbox.api_errors import ErrorFormat
from ordinavo_desk.sandbox.faults import Amount, FaultSpec
from ordinavo_desk.sandbox.key_registry import KeyGrant, KeyRegistry, keys_file_entry
from tests.sandbox.harness import FULL_KEY, MAPPER_KEY, Sandbox, running_sandbox

AUTH = {"Authorization": f"Bearer {FULL_KEY}"}


def _error(response: httpx.Response) -> dict[str, str]:
    assert response.headers["X-Correlation-Id"]
    error = response.json()["error"]
    assert error["correlationId"] == response.headers["X-Correlation-Id"]
    return error  # type: ignore[no-any-return]


def test_errors_carry_envelope_and_correlation_id(sandbox: Sandbox) -> None:
    http, base = sandbox.http, sandbox.base_url
    assert _error(http.get(base + "/integration/health"))["code"] == "unauthorized"
    assert _error(http.get(base + "/nowhere", headers=AUTH))["code"] == "not_found"
    bad = http.post(base + "/inbound/targets", content=b"{", headers=AUTH)
    assert bad.status_code == 400 and _error(bad)["code"] == "invalid_request"
    scope = http.post(
        base + "/inbound/targets/batch",
        json={"targets": []},
        headers={"Authorization": f"Bearer {MAPPER_KEY}"},
    )
    assert scope.status_code == 403
    assert _error(scope)["requiredScope"] == "inbound.targets.batch.write"


def test_batch_accepts_items_spelling_and_sends_rate_headers(sandbox: Sandbox) -> None:
    answer = sandbox.http.post(
        sandbox.base_url + "/inbound/targets/batch",
        json={"sourceSystem": "sap-erp", "batchId": "B7", "items": [{"externalId": "A"}]},
        headers=AUTH,
    )
    assert answer.status_code == 200
    assert answer.json()["batchId"] == "B7" and answer.json()["totalItems"] == 1
    for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"):
        assert answer.headers[name].isdigit()


def test_decision_needs_if_match_and_idempotency_key(sandbox: Sandbox) -> None:
    http, base = sandbox.http, sandbox.base_url
    http.post(base + "/inbound/targets", json={"externalId": "J", "customer": {"name": "Bäckerei Müller"},
              "location": {"postalCode": "50667", "street": "Marktplatz 9"}}, headers=AUTH)  # fmt: skip
    url = base + "/review/items/ri_1/decision"
    no_key = http.post(url, json={"kind": "Confirm"}, headers=AUTH)
    assert no_key.status_code == 400
    no_match = http.post(url, json={"kind": "Confirm"}, headers={**AUTH, "Idempotency-Key": "a"})
    assert no_match.status_code == 428 and _error(no_match)["code"] == "precondition_required"
    item = http.get(base + "/review/items/ri_1", headers=AUTH)
    assert item.headers["ETag"] == '"1"'


def test_plain_v1_mode_has_no_review_extension() -> None:
    with running_sandbox(review_extension=False) as plain:
        client = plain.client()
        health = client.health()
        assert not health.review_extension and health.settings is None
        assert client.import_target({"externalId": "A"}).created_items == 1
        with pytest.raises(NotFoundError):
            list(client.review_items())


def test_problem_details_format_is_understood() -> None:
    with running_sandbox(error_format=ErrorFormat.PROBLEM) as legacy:
        answer = legacy.http.get(legacy.base_url + "/integration/health")
        assert answer.json()["status"] == 401 and answer.json()["traceId"]
        with pytest.raises(ScopeError) as missing:
            legacy.client(MAPPER_KEY).import_batch([{"externalId": "A"}])
        assert missing.value.correlation_id and missing.value.required_scope


def test_keys_file_holds_only_hashes(tmp_path: Path) -> None:
    grant = KeyGrant.create(
        name="k",
        key="fio_live_plain_secret",
        tenant="acme",
        source_system="sap-erp",
        scopes=["customers.map"],
    )
    path = tmp_path / "keys.json"
    path.write_text(json.dumps({"keys": [keys_file_entry(grant)]}), encoding="utf-8")
    assert "plain_secret" not in path.read_text(encoding="utf-8")
    registry = KeyRegistry.from_file(path)
    found = registry.lookup("fio_live_plain_secret")
    assert found is not None and found.tenant == "acme"
    assert registry.lookup("fio_live_other") is None
    path.write_text('{"keys": [{"name": "x"}]}', encoding="utf-8")
    with pytest.raises(InputError):
        KeyRegistry.from_file(path)


def test_fault_spec_parsing() -> None:
    spec = FaultSpec.parse("latency=5-20,error503=0.25,burst429=2/10,drop=1x,retryAfter=2,seed=7")
    assert spec.latency_ms == (5, 20) and spec.error503 == Amount(share=0.25)
    assert spec.burst429_period == (2, 10) and spec.drop == Amount(count=1)
    assert (spec.retry_after, spec.seed) == (2, 7)
    assert FaultSpec.parse("none") == FaultSpec()
    for bad in ("bogus=1", "error500=2", "latency=fast", "burst429=3/2", "drop"):
        with pytest.raises(InputError):
            FaultSpec.parse(bad)
