"""Property-based runs of docs/api/openapi.yaml against the real sandbox (schemathesis).

Schemathesis generates requests from the document (its examples, the boundary and negative
cases of its coverage phase, and random ones) and sends them over a socket to the sandbox
on 127.0.0.1 with a full-scope key whose rate limit is out of reach, faults off. Every
answer must not be a server error and must agree with the document: its status is
documented for the operation, its content type too, its documented headers are there and
well-formed, and its body validates against the response schema.

Both runs are deterministic (a fixed seed, derandomized Hypothesis, no example database).
The quick run is bounded to stay well under a minute on two cores: the coverage phase,
which enumerates boundary values of every field, is left out for the two import
operations, whose nested target schema makes it run to about two thousand imports. The
``slow`` run has it, and more random examples.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from schemathesis import checks

from ordinavo_desk.domain.enums import Scope
from ordinavo_desk.sandbox.faults import FaultSpec
from ordinavo_desk.sandbox.key_registry import KeyGrant, RateLimitSpec
from tests.sandbox.harness import SETTINGS, SOURCE, Sandbox, reset_sandbox, running_sandbox

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"
SEED = 20260618
FUZZ_KEY = "fio_test_fuzz_0100"
FUZZ_GRANT = KeyGrant.create(
    name="fuzz",
    key=FUZZ_KEY,
    tenant="acme",
    source_system=SOURCE,
    scopes=list(Scope),
    settings=SETTINGS,
    # thousands of requests in a run: the limiter must not answer 429 to them
    rate_limit=RateLimitSpec(limit=1_000_000, window_seconds=60),
)
#: Review items for the item and decision operations to find (the document's examples
#: name ``ri_1`` and ``job_000001``).
SEED_BATCH = {
    "targets": [
        {
            "externalId": f"FUZZ-{n}",
            "title": "Oven service",
            "customer": {"name": "Bäckerei Müller", "externalId": f"BM-{n}"},
            "location": {"street": "Marktplatz 4", "postalCode": "50667", "city": "Köln"},
        }
        for n in range(3)
    ]
}
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
IMPORTS = ["importTarget", "importBatch"]


def _config(max_examples: int, *, import_coverage: bool) -> schemathesis.Config:
    data: dict[str, Any] = {
        "seed": SEED,
        "generation": {"deterministic": True, "max-examples": max_examples, "database": "none"},
        "phases": {"stateful": {"enabled": False}},
    }
    if not import_coverage:
        data["operations"] = [
            {"include-operation-id": IMPORTS, "phases": {"coverage": {"enabled": False}}}
        ]
    return schemathesis.Config.from_dict(data)


quick = schemathesis.openapi.from_path(DOCUMENT, config=_config(25, import_coverage=False))
thorough = schemathesis.openapi.from_path(DOCUMENT, config=_config(200, import_coverage=True))


@pytest.fixture(scope="module")
def fuzz_sandbox() -> Iterator[Sandbox]:
    """The sandbox with a few review items, the fuzz key and no faults."""
    with running_sandbox(extra_grants=[FUZZ_GRANT]) as running, reset_sandbox(running) as fresh:
        answer = fresh.http.post(
            fresh.base_url + "/inbound/targets/batch",
            json=SEED_BATCH,
            headers={"Authorization": f"Bearer {FUZZ_KEY}"},
        )
        assert answer.status_code == 200 and answer.json()["createdItems"] == 3
        yield fresh


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with requests.Session() as http:
        yield http


def _call(case: schemathesis.Case[Any], sandbox: Sandbox, session: requests.Session) -> None:
    assert sandbox.service.faults.spec == FaultSpec()
    case.call_and_validate(
        base_url=sandbox.base_url,
        session=session,
        headers={"Authorization": f"Bearer {FUZZ_KEY}"},
        checks=CHECKS,
        timeout=10,
    )


@quick.parametrize()
def test_sandbox_conforms_to_the_document(
    case: schemathesis.Case[Any], fuzz_sandbox: Sandbox, session: requests.Session
) -> None:
    _call(case, fuzz_sandbox, session)


@pytest.mark.slow
@thorough.parametrize()
def test_sandbox_conforms_to_the_document_thoroughly(
    case: schemathesis.Case[Any], fuzz_sandbox: Sandbox, session: requests.Session
) -> None:
    _call(case, fuzz_sandbox, session)
