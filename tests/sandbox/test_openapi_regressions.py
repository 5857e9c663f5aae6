"""Sandbox bugs found while documenting and fuzzing the API (docs/api/openapi.yaml), each
reproduced by plain HTTP calls: before the fix each of these answered 500 or broke the
documented contract."""

from __future__ import annotations

import httpx
import pytest

from tests.sandbox.harness import FULL_KEY, Sandbox

AUTH = {"Authorization": f"Bearer {FULL_KEY}"}
AMBIGUOUS = {
    "externalId": "JOB-AMB",
    "customer": {"name": "Bäckerei Müller"},
    "location": {"street": "Marktplatz 4", "postalCode": "50667", "city": "Köln"},
}


def _code(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, response.json()["error"]["code"]


def _review_item(sandbox: Sandbox) -> str:
    job = sandbox.http.post(sandbox.base_url + "/inbound/targets", json=AMBIGUOUS, headers=AUTH)
    return str(job.json()["items"][0]["reviewItemId"])


@pytest.mark.parametrize("digit", ["²", "٣", "99999999999999999999999"])
def test_numbers_the_store_cannot_take_are_client_errors(sandbox: Sandbox, digit: str) -> None:
    """``str.isdigit`` accepts digits ``int`` cannot read (``²``), and ids past 64 bits
    overflowed SQLite: both were 500."""
    http, base = sandbox.http, sandbox.base_url
    item = _review_item(sandbox)
    assert _code(http.get(f"{base}/review/items/ri_{digit}", headers=AUTH)) == (404, "not_found")
    assert _code(http.get(f"{base}/review/reference", params={"since": digit}, headers=AUTH)) == (
        400,
        "invalid_request",
    )
    limit = http.get(f"{base}/review/items", params={"limit": digit}, headers=AUTH)
    assert _code(limit) == (422, "validation_failed")
    headers = {b"Idempotency-Key": b"k", b"If-Match": f'"{digit}"'.encode()}
    headers[b"Authorization"] = AUTH["Authorization"].encode()
    stale = http.post(
        f"{base}/review/items/{item}/decision", json={"kind": "Defer"}, headers=headers
    )
    assert _code(stale) == (412, "precondition_failed")


def test_a_cursor_past_64_bits_is_a_client_error(sandbox: Sandbox) -> None:
    cursor = "eyJhZnRlciI6IDk5OTk5OTk5OTk5OTk5OTk5OTk5OX0"  # {"after": 99999999999999999999}
    answer = sandbox.http.get(
        sandbox.base_url + "/review/items", params={"cursor": cursor}, headers=AUTH
    )
    assert _code(answer) == (400, "invalid_request")


@pytest.mark.parametrize(
    "raw",
    [
        b'{"targets": [{"externalId": "A"}], "batchId": NaN}',
        b'{"targets": [{"externalId": "A"}], "batchId": 1e400}',
        b'{"targets": [{"externalId": "A", "businessValue": {"expectedRevenue": Infinity}}]}',
        b'{"targets": [{"externalId": "A"}], "batchId": -Infinity}',
        b'{"targets": [], "n": ' + b"9" * 5000 + b"}",
        b"[" * 100_000 + b"]" * 100_000,
    ],
)
def test_bodies_that_are_no_json_are_rejected_before_anything_is_stored(
    sandbox: Sandbox, raw: bytes
) -> None:
    """Python's parser takes NaN and Infinity and reads 1e400 as infinity: the job was
    stored and then its answer could not be rendered (text/plain 500, connection closed).
    Over-long numbers and deep nesting were 500 too."""
    http, base = sandbox.http, sandbox.base_url
    answer = http.post(base + "/inbound/targets/batch", content=raw, headers=AUTH)
    assert _code(answer) == (400, "invalid_request")
    job = http.post(base + "/inbound/targets", json={"externalId": "B"}, headers=AUTH)
    assert job.json()["importJobId"] == "job_000001"  # the bad request stored no job


@pytest.mark.parametrize("batch_id", [0, 7.5, True, {"id": "B"}, ["B"]])
def test_a_batch_id_that_is_no_text_is_rejected(sandbox: Sandbox, batch_id: object) -> None:
    """A batchId of another type used to be echoed as given (the document says text)."""
    answer = sandbox.http.post(
        sandbox.base_url + "/inbound/targets/batch",
        json={"batchId": batch_id, "targets": [{"externalId": "A"}]},
        headers=AUTH,
    )
    assert _code(answer) == (422, "validation_failed")
    assert answer.json()["error"]["errors"] == {"batchId": ["must be a string or null"]}


def test_reads_neither_store_nor_replay_idempotent_answers(sandbox: Sandbox) -> None:
    """A GET with an Idempotency-Key stored its answer: the same GET later replayed the
    stale answer, and a write with that key became 422 idempotency_conflict."""
    http, base = sandbox.http, sandbox.base_url
    key = {**AUTH, "Idempotency-Key": "shared-key"}
    assert http.get(base + "/review/items", headers=key).json()["items"] == []
    write = http.post(base + "/inbound/targets", json=AMBIGUOUS, headers=key)
    assert write.status_code == 200
    fresh = http.get(base + "/review/items", headers=key)
    assert "Idempotent-Replayed" not in fresh.headers
    assert [i["externalId"] for i in fresh.json()["items"]] == ["JOB-AMB"]
    replay = http.post(base + "/inbound/targets", json=AMBIGUOUS, headers=key)
    assert replay.headers["Idempotent-Replayed"] == "true"


def test_a_revert_lists_that_it_created_nothing(sandbox: Sandbox) -> None:
    """A Revert recorded ``created: {}`` where every other decision lists all three kinds."""
    item = _review_item(sandbox)
    url = f"{sandbox.base_url}/review/items/{item}/decision"
    headers = {**AUTH, "Idempotency-Key": "d-1", "If-Match": '"1"'}
    assert sandbox.http.post(url, json={"kind": "Defer"}, headers=headers).status_code == 200
    headers = {**AUTH, "Idempotency-Key": "d-2", "If-Match": '"2"'}
    revert = sandbox.http.post(url, json={"kind": "Revert"}, headers=headers)
    assert revert.status_code == 200
    assert revert.json()["decision"]["created"] == {
        "customers": [],
        "locations": [],
        "contacts": [],
    }


def test_a_revert_gives_back_the_item_as_it_was_before_the_decision(sandbox: Sandbox) -> None:
    """A decision keeps only what it changes in the item's result; a Revert puts the
    result, links and state back exactly, candidates and explanation included."""
    item = _review_item(sandbox)
    base = f"{sandbox.base_url}/review/items/{item}"
    before = sandbox.http.get(base, headers=AUTH)
    assert before.status_code == 200
    candidates = before.json()["customerMapping"]["candidates"]
    assert len(candidates) >= 2
    second = candidates[1]
    choose = {
        "kind": "Choose",
        "customerId": second["customerId"],
        "locationId": second.get("customerLocationId"),
    }
    headers = {**AUTH, "Idempotency-Key": "c-1", "If-Match": '"1"'}
    decided = sandbox.http.post(base + "/decision", json=choose, headers=headers)
    assert decided.status_code == 200, decided.text
    after = sandbox.http.get(base, headers=AUTH).json()
    # the decision changed the result
    assert after["customerMapping"] != before.json()["customerMapping"]
    headers = {**AUTH, "Idempotency-Key": "c-2", "If-Match": '"2"'}
    reverted = sandbox.http.post(base + "/decision", json={"kind": "Revert"}, headers=headers)
    assert reverted.status_code == 200, reverted.text
    again = sandbox.http.get(base, headers=AUTH).json()
    was = before.json()
    assert again["customerMapping"] == was["customerMapping"]
    for field in ("status", "warnings", "reviewState"):
        assert again.get(field) == was.get(field), field
