"""Customer resolution: references, fallbacks per strategy, creation, storing, updates."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from ordinavo_desk.domain.enums import ExternalType, MappingStatus, WarningCode
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.matching.changes import FieldUpdate
from ordinavo_desk.matching.records import ExternalRefRecord
from tests.matching.builders import (
    ESSEN,
    ESSEN_COORDS,
    TENANT,
    customer,
    engine_of,
    item,
    location,
    run,
    standard_engine,
)

S = MappingStatus
W = WarningCode
STRATEGIES = [
    "ExternalIdOnly",
    "ExternalIdFirst",
    "ExternalIdThenCustomerNumber",
    "ExternalIdThenNameAndAddress",
]
AUTO_CUSTOMER = {"customer": True, "location": False, "contact": False}


def stored(outcome: Any) -> list[tuple[ExternalType, str, int]]:
    return [(r.external_type, r.external_id, r.record_id) for r in outcome.changes.external_refs]


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_customer_reference_links_under_every_strategy(strategy: str) -> None:
    outcome = run(
        standard_engine(),
        item({"externalId": " CUST-10042 ", "customerNumber": "NFS-9"}),
        strategy=strategy,
    )
    assert outcome.result.customer_id == 12
    assert outcome.result.status is S.MAPPED
    assert "customer.externalId CUST-10042 (sap-erp) → customer 12" in outcome.result.explanation
    assert stored(outcome) == []  # linked by reference: nothing to store


@pytest.mark.parametrize(
    ("strategy", "fallbacks", "customer_dto", "expected", "warnings"),
    [
        # ExternalIdOnly: no fallback at all
        (
            "ExternalIdOnly",
            None,
            {"externalId": "X", "customerNumber": "RRM-001"},
            None,
            [W.CUSTOMER_AUTO_CREATE_DISABLED],
        ),
        # ExternalIdFirst, default [CustomerNumber]
        ("ExternalIdFirst", None, {"externalId": "X", "customerNumber": " rrm-001 "}, 12, []),
        (
            "ExternalIdFirst",
            None,
            {"externalId": "X", "customerNumber": "DUP-1"},
            None,
            [W.AMBIGUOUS_CUSTOMER_NUMBER],
        ),
        # [] behaves like ExternalIdOnly
        (
            "ExternalIdFirst",
            [],
            {"externalId": "X", "customerNumber": "RRM-001"},
            None,
            [W.CUSTOMER_AUTO_CREATE_DISABLED],
        ),
        # ExactNameAndAddress: normalised name, street, house number and postal code equal
        (
            "ExternalIdFirst",
            ["ExactNameAndAddress"],
            {"externalId": "X", "name": "RHEIN RUHR MEDICAL SUPPLY G.m.b.H."},
            12,
            [],
        ),
        (
            "ExternalIdFirst",
            ["ExactNameAndAddress"],
            {"externalId": "X", "name": "Rhein-Ruhr Medical Suply"},
            None,
            [W.CUSTOMER_AUTO_CREATE_DISABLED],
        ),
        # fallbacks in order: the first that links ends the chain
        (
            "ExternalIdFirst",
            ["CustomerNumber", "ExactNameAndAddress"],
            {"externalId": "X", "customerNumber": "NOPE", "name": "Rhein-Ruhr Medical Supply"},
            12,
            [],
        ),
        # an ambiguity ends the chain too
        (
            "ExternalIdFirst",
            ["CustomerNumber", "ExactNameAndAddress"],
            {"externalId": "X", "customerNumber": "DUP-1", "name": "Rhein-Ruhr Medical Supply"},
            None,
            [W.AMBIGUOUS_CUSTOMER_NUMBER],
        ),
        # ExternalIdThenCustomerNumber
        (
            "ExternalIdThenCustomerNumber",
            None,
            {"externalId": "X", "customerNumber": "NFS-9"},
            20,
            [],
        ),
        (
            "ExternalIdThenCustomerNumber",
            None,
            {"externalId": "X", "customerNumber": "DUP-1 "},
            None,
            [W.AMBIGUOUS_CUSTOMER_NUMBER],
        ),
        (
            "ExternalIdThenCustomerNumber",
            None,
            {"externalId": "X", "customerNumber": "NONE"},
            None,
            [W.CUSTOMER_AUTO_CREATE_DISABLED],
        ),
        # ExternalIdThenNameAndAddress does not fall back on the customer number
        (
            "ExternalIdThenNameAndAddress",
            None,
            {"externalId": "X", "customerNumber": "NFS-9"},
            None,
            [W.CUSTOMER_AUTO_CREATE_DISABLED],
        ),
        (
            "ExternalIdThenNameAndAddress",
            None,
            {"externalId": "X", "name": "Rhein Ruhr Medical Supply AG"},
            12,
            [],
        ),
    ],
)
def test_fallbacks_by_strategy(
    strategy: str,
    fallbacks: list[str] | None,
    customer_dto: dict[str, Any],
    expected: int | None,
    warnings: list[WarningCode],
) -> None:
    overrides: dict[str, Any] = {"strategy": strategy}
    if fallbacks is not None:
        overrides["safeFallbacks"] = fallbacks
    outcome = run(standard_engine(), item(customer_dto, ESSEN_COORDS), **overrides)
    assert outcome.result.customer_id == expected
    assert list(outcome.result.warnings)[: len(warnings)] == warnings
    if expected is not None:
        # a customer linked by fallback gets the item's reference stored
        assert (ExternalType.CUSTOMER, "X", expected) in stored(outcome)


def test_ambiguous_customer_number_returns_those_customers_as_candidates() -> None:
    outcome = run(
        standard_engine(),
        item({"customerNumber": "DUP-1"}),
        strategy="ExternalIdThenCustomerNumber",
        autoCreate=AUTO_CUSTOMER,
    )
    result = outcome.result
    assert result.status is S.WARNING
    assert result.customer_id is None and outcome.changes.is_empty
    assert [(c.customer_id, c.score) for c in result.candidates] == [(30, 1.0), (31, 1.0)]
    assert "customerNumber DUP-1 is held by customers 30, 31" in result.explanation[0]


def test_exact_name_and_address_ambiguity() -> None:
    engine = engine_of(
        customer(1, "Alpha Service GmbH", locations=[location(10)]),
        customer(2, "Alpha Service AG", locations=[location(11)]),
    )
    outcome = run(
        engine,
        item({"name": "ALPHA SERVICE"}, ESSEN),
        safeFallbacks=["ExactNameAndAddress"],
        autoCreate=AUTO_CUSTOMER,
    )
    assert outcome.result.warnings == (W.AMBIGUOUS_NAME_AND_ADDRESS,)
    assert outcome.result.status is S.WARNING
    assert outcome.changes.is_empty


def test_unknown_safe_fallback_is_invalid_settings() -> None:
    with pytest.raises(ValidationError):
        MappingSettings.model_validate(
            {"tenant": TENANT, "sourceSystem": "s", "safeFallbacks": ["Phone"]}
        )


@pytest.mark.parametrize(("ext", "status"), [("CUST-21", "Archived"), ("CUST-22", "Blocked")])
def test_archived_or_blocked_customer_is_linked_with_a_warning(ext: str, status: str) -> None:
    result = run(standard_engine(), item({"externalId": ext})).result
    assert result.customer_id in (21, 22)
    assert result.warnings == (W.CUSTOMER_ARCHIVED_OR_BLOCKED,)
    assert result.status is S.WARNING
    assert any(status in step for step in result.explanation)


def test_autocreate_customer() -> None:
    target = item(
        {
            "externalId": "NEW-7",
            "name": " Neu Bau GmbH ",
            "customerNumber": " NB-1 ",
            "email": "info@neubau.de",
        }
    )
    outcome = run(standard_engine(), target, strategy="ExternalIdOnly", autoCreate=AUTO_CUSTOMER)
    assert outcome.result.status is S.CREATED
    assert outcome.result.customer_id == 32  # highest customer id 31, plus one
    (created,) = outcome.changes.customers
    assert (created.id, created.name, created.customer_number, created.email, created.tenant) == (
        32,
        "Neu Bau GmbH",
        "NB-1",
        "info@neubau.de",
        TENANT,
    )
    assert stored(outcome) == [(ExternalType.CUSTOMER, "NEW-7", 32)]


def test_created_customer_does_not_take_a_customer_number_held_by_another() -> None:
    target = item({"externalId": "NEW-7", "name": "Neu Bau", "customerNumber": "rrm-001"})
    outcome = run(standard_engine(), target, strategy="ExternalIdOnly", autoCreate=AUTO_CUSTOMER)
    assert outcome.result.status is S.WARNING
    assert outcome.result.warnings == (W.AMBIGUOUS_CUSTOMER_NUMBER,)
    assert outcome.changes.is_empty and outcome.result.customer_id is None


def test_a_customer_without_a_name_is_never_created() -> None:
    target = item({"externalId": "NEW-7", "customerNumber": "NB-1"})
    outcome = run(standard_engine(), target, strategy="ExternalIdOnly", autoCreate=AUTO_CUSTOMER)
    assert outcome.result.status is S.FAILED
    assert outcome.result.warnings == ()
    assert any("no name" in step for step in outcome.result.explanation)
    assert outcome.changes.is_empty


@pytest.mark.parametrize(
    ("auto", "scopes", "why"),
    [
        (False, None, "autoCreate.customer is off"),
        (True, ["customers.map", "customers.read"], "scope customers.write is missing"),
    ],
)
def test_customer_autocreate_disabled(auto: bool, scopes: list[str] | None, why: str) -> None:
    overrides: dict[str, Any] = {"strategy": "ExternalIdOnly", "autoCreate": {"customer": auto}}
    if scopes is not None:
        overrides["scopes"] = scopes
    outcome = run(standard_engine(), item({"externalId": "NEW", "name": "Neu"}), **overrides)
    assert outcome.result.status is S.FAILED
    assert outcome.result.warnings == (W.CUSTOMER_AUTO_CREATE_DISABLED,)
    assert any(why in step for step in outcome.result.explanation)


# -- step 0: references of locations and contacts are authoritative about their owner -------


@pytest.mark.parametrize(
    ("target", "customer_id"),
    [
        (item(None, {"externalId": "LOC-DUS-01"}), 12),
        (item(None, None, {"externalId": "CONT-45"}), 12),
        (item(None, {"externalId": "LOC-HH-40"}, {"displayName": "Someone"}), 20),
    ],
)
def test_without_customer_dto_the_reference_owner_is_the_customer(
    target: Any, customer_id: int
) -> None:
    result = run(standard_engine(), target, autoCreate={"contact": True}).result
    assert result.customer_id == customer_id
    assert result.status is not S.FAILED


def test_without_customer_dto_and_without_resolving_reference_fails_silently() -> None:
    target = item(None, {"externalId": "LOC-UNKNOWN", **ESSEN}, {"email": "x@example.com"})
    result = run(standard_engine(), target, autoCreate={"customer": True, "location": True}).result
    assert result.status is S.FAILED
    assert result.warnings == ()
    assert "nothing to attach the location or contact to" in result.explanation[0]


@pytest.mark.parametrize(
    ("customer_dto", "location_dto", "contact_dto", "warnings"),
    [
        # the customer's reference links another customer than the location's owner
        (
            {"externalId": "CUST-20"},
            {"externalId": "LOC-ESSEN-01"},
            None,
            [W.LOCATION_CUSTOMER_MISMATCH],
        ),
        # the customer's signals link none
        (
            {"externalId": "UNKNOWN", "name": "Neu"},
            {"externalId": "LOC-ESSEN-01"},
            None,
            [W.LOCATION_CUSTOMER_MISMATCH],
        ),
        # ... also when they would create one
        (
            {"externalId": "UNKNOWN", "name": "Brand New Name"},
            {"externalId": "LOC-DUS-01"},
            None,
            [W.LOCATION_CUSTOMER_MISMATCH],
        ),
        ({"externalId": "CUST-20"}, None, {"externalId": "CONT-44"}, [W.CONTACT_CUSTOMER_MISMATCH]),
        (
            {"externalId": "CUST-20"},
            {"externalId": "LOC-ESSEN-01"},
            {"externalId": "CONT-44"},
            [W.LOCATION_CUSTOMER_MISMATCH, W.CONTACT_CUSTOMER_MISMATCH],
        ),
        # a fallback that links another customer
        (
            {"customerNumber": "NFS-9"},
            {"externalId": "LOC-ESSEN-01"},
            None,
            [W.LOCATION_CUSTOMER_MISMATCH],
        ),
    ],
)
def test_reference_owner_conflicts_fail(
    customer_dto: dict[str, Any],
    location_dto: dict[str, Any] | None,
    contact_dto: dict[str, Any] | None,
    warnings: list[WarningCode],
) -> None:
    outcome = run(
        standard_engine(),
        item(customer_dto, location_dto, contact_dto),
        strategy="ExternalIdFirst",
        autoCreate={"customer": True, "location": True, "contact": True},
    )
    assert outcome.result.status is S.FAILED
    assert list(outcome.result.warnings) == warnings
    assert outcome.result.customer_id is None
    assert outcome.changes.is_empty


def test_reference_owner_agreeing_with_the_customer_signals_is_fine() -> None:
    target = item(
        {"customerNumber": "RRM-001", "externalId": "NEW-12"},
        {"externalId": "LOC-DUS-01"},
        {"externalId": "CONT-45"},
    )
    outcome = run(standard_engine(), target)
    result = outcome.result
    assert (result.customer_id, result.customer_location_id, result.customer_contact_id) == (
        12,
        35,
        57,
    )
    assert stored(outcome) == [(ExternalType.CUSTOMER, "NEW-12", 12)]
    assert result.status is S.MAPPED  # storing a reference alone is not an update


# -- step 5 and 6: storing references and updating ------------------------------------------


def test_without_customers_write_the_link_happens_and_nothing_is_stored() -> None:
    outcome = run(
        standard_engine(),
        item({"externalId": "NEW-12", "customerNumber": "RRM-001"}),
        scopes=["customers.map", "customers.read"],
    )
    assert outcome.result.customer_id == 12
    assert outcome.changes.is_empty


def test_autoupdate_writes_differing_fields_of_a_customer_linked_by_reference() -> None:
    target = item(
        {
            "externalId": "CUST-10042",
            "name": " Rhein-Ruhr Medical Supply GmbH ",
            "customerNumber": "CHANGED",
            "industry": "Pharma",
            "email": None,
            "website": "https://new.example.com",
        }
    )
    outcome = run(standard_engine(), target, autoUpdate=True)
    assert outcome.result.status is S.UPDATED
    assert outcome.changes.updates == (
        FieldUpdate(ExternalType.CUSTOMER, 12, "industry", None, "Pharma"),
        FieldUpdate(ExternalType.CUSTOMER, 12, "website", None, "https://new.example.com"),
    )
    assert any("updated from the item: industry, website" in s for s in outcome.result.explanation)


@pytest.mark.parametrize(
    ("customer_dto", "overrides"),
    [
        # linked by fallback: never updated
        ({"customerNumber": "RRM-001", "industry": "Pharma"}, {"autoUpdate": True}),
        # autoUpdate off
        ({"externalId": "CUST-10042", "industry": "Pharma"}, {}),
        # customers.write missing
        (
            {"externalId": "CUST-10042", "industry": "Pharma"},
            {"autoUpdate": True, "scopes": ["customers.map", "customers.read"]},
        ),
        # nothing differs
        (
            {"externalId": "CUST-10042", "name": "Rhein-Ruhr Medical Supply GmbH"},
            {"autoUpdate": True},
        ),
    ],
)
def test_no_update(customer_dto: dict[str, Any], overrides: dict[str, Any]) -> None:
    outcome = run(standard_engine(), item(customer_dto), **overrides)
    assert outcome.result.customer_id == 12
    assert outcome.changes.updates == ()
    assert outcome.result.status is S.MAPPED


def test_stored_reference_record() -> None:
    outcome = run(standard_engine(), item({"externalId": " NEW-12 ", "customerNumber": "RRM-001"}))
    assert outcome.changes.external_refs == (
        ExternalRefRecord(TENANT, "sap-erp", ExternalType.CUSTOMER, "NEW-12", 12),
    )


def test_same_external_id_in_tenants_sources_and_types_resolves_separately() -> None:
    engine = engine_of(
        customer(1, "Eins", ext=("X-1",)),
        customer(2, "Zwei", ext=("X-1",), tenant="other"),
        customer(3, "Drei", externalRefs=[{"sourceSystem": "crm", "externalId": "X-1"}]),
        customer(4, "Vier", locations=[location(10, ext=("X-1",))]),
    )
    by_customer_ref = item({"externalId": "X-1"})
    assert run(engine, by_customer_ref).result.customer_id == 1
    assert run(engine, by_customer_ref, tenant="other").result.customer_id == 2
    assert run(engine, by_customer_ref, sourceSystem="crm").result.customer_id == 3
    assert run(engine, by_customer_ref, tenant="nobody").result.customer_id is None
    by_location_ref = run(engine, item(None, {"externalId": "X-1"})).result
    assert (by_location_ref.customer_id, by_location_ref.customer_location_id) == (4, 10)
    assert run(engine, item(None, {"externalId": "X-1"}), sourceSystem="crm").result.status is (
        S.FAILED
    )
