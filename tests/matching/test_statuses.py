"""Statuses in order of precedence, and the input checks before any rule."""

from __future__ import annotations

from typing import Any

import pytest

from ordinavo_desk.domain.enums import MappingStatus, WarningCode
from ordinavo_desk.domain.errors import InputError
from tests.matching.builders import ESSEN, ESSEN_COORDS, item, run, standard_engine

S = MappingStatus
AUTO_ALL = {"customer": True, "location": True, "contact": True}


@pytest.mark.parametrize(
    ("target_data", "why"),
    [
        ({}, "no customer, location or contact"),
        ({"customer": {}, "location": {}, "contact": {}}, "no customer, location or contact"),
        ({"customer": None, "contact": {"unknownField": 1}}, "no customer, location or contact"),
        ({"customer": {"externalId": "  "}}, "no customer, location or contact"),
        ({"customer": {"externalId": "CUST-10042"}, "operation": "cancel"}, "operation cancel"),
    ],
)
def test_not_applicable(target_data: dict[str, Any], why: str) -> None:
    outcome = run(standard_engine(), item(**target_data))
    result = outcome.result
    assert result.status is S.NOT_APPLICABLE
    assert result.candidates == () and result.warnings == ()
    assert result.customer_id is None
    assert why in result.explanation[0]
    assert outcome.changes.is_empty


def test_skipped_without_customers_map() -> None:
    target = item({"externalId": "CUST-10042", "name": "Rhein-Ruhr Medical Supply"}, ESSEN)
    result = run(standard_engine(), target, scopes=["customers.read", "customers.write"]).result
    assert result.status is S.SKIPPED
    assert (result.customer_id, result.candidates, result.warnings) == (None, (), ())
    assert "customers.map" in result.explanation[0]


def test_manual_only_is_skipped_with_candidates_from_every_signal() -> None:
    target = item(
        {
            "externalId": "CUST-10042",
            "customerNumber": "DUP-1",
            "name": "Nordlicht Facility Services",
        },
        {"externalId": "LOC-ESSEN-01", **ESSEN_COORDS},
    )
    result = run(standard_engine(), target, strategy="ManualOnly", autoCreate=AUTO_ALL).result
    assert result.status is S.SKIPPED
    assert (result.customer_id, result.customer_location_id, result.customer_contact_id) == (
        None,
        None,
        None,
    )
    assert result.warnings == ()
    rows = {(c.customer_id, c.customer_location_id): c for c in result.candidates}
    # the reference reaches 12 (proposed as ExternalIdThenNameAndAddress would link it),
    # the customer number reaches 30 and 31, the name reaches 20
    assert rows[(12, 34)].score == 1.0 and rows[(12, 34)].outcome == "confident"
    assert rows[(30, 50)].score == 1.0 and rows[(30, 50)].outcome == "ambiguous"
    assert rows[(31, 51)].score == 1.0
    assert (20, 40) in rows
    assert "ExternalIdThenNameAndAddress would link customer 12 at location 34" in (
        result.explanation
    )


def test_failed_links_creates_and_stores_nothing() -> None:
    # the customer number links 12 (its reference would be stored), but the contact
    # reference belongs to 20: a reference conflict
    target = item(
        {"externalId": "NEW-1", "customerNumber": "RRM-001"}, ESSEN, {"externalId": "CONT-44"}
    )
    good = run(standard_engine(), target, autoCreate=AUTO_ALL)
    assert good.result.status is S.MAPPED or good.result.status is S.WARNING
    bad_target = item(
        {"externalId": "NEW-1", "customerNumber": "NFS-9"},
        ESSEN,
        {"externalId": "CONT-44"},
        external_id="JOB-2",
    )
    outcome = run(standard_engine(), bad_target, autoCreate=AUTO_ALL)
    assert outcome.result.status is S.FAILED
    assert outcome.result.warnings == (WarningCode.CONTACT_CUSTOMER_MISMATCH,)
    assert (outcome.result.customer_id, outcome.result.customer_location_id) == (None, None)
    assert outcome.changes.is_empty
    assert outcome.links.customer_id is None


@pytest.mark.parametrize(
    ("target", "overrides", "status"),
    [
        # Warning beats Created: a created customer whose new location has no coordinates
        (
            item(
                {"externalId": "NEW-9", "name": "Neu GmbH"},
                {"street": "Weg 1", "postalCode": "10115"},
            ),
            {"strategy": "ExternalIdOnly", "autoCreate": AUTO_ALL},
            S.WARNING,
        ),
        # Created
        (
            item({"externalId": "NEW-9", "name": "Neu GmbH"}, ESSEN_COORDS),
            {"strategy": "ExternalIdOnly", "autoCreate": AUTO_ALL},
            S.CREATED,
        ),
        # Created beats Updated
        (
            item(
                {"externalId": "CUST-10042", "industry": "Pharma"},
                {"externalId": "LOC-NEW", **ESSEN_COORDS},
            ),
            {"strategy": "ExternalIdOnly", "autoCreate": AUTO_ALL, "autoUpdate": True},
            S.CREATED,
        ),
        # Updated
        (
            item(
                {"externalId": "CUST-10042", "industry": "Pharma"}, {"externalId": "LOC-ESSEN-01"}
            ),
            {"autoUpdate": True},
            S.UPDATED,
        ),
        # Mapped
        (item({"externalId": "CUST-10042"}, {"externalId": "LOC-ESSEN-01"}), {}, S.MAPPED),
        # Warning: archived customer
        (item({"externalId": "CUST-21"}), {}, S.WARNING),
        # Failed: nothing to link, creation off
        (item({"externalId": "UNKNOWN"}), {}, S.FAILED),
    ],
)
def test_status_precedence(target: Any, overrides: dict[str, Any], status: MappingStatus) -> None:
    assert run(standard_engine(), target, **overrides).result.status is status


@pytest.mark.parametrize("named", ["crm", "SAP-ERP", " other "])
def test_an_item_naming_another_source_system_is_invalid(named: str) -> None:
    target = item({"externalId": "CUST-10042"}, sourceSystem=named)
    with pytest.raises(InputError) as raised:
        run(standard_engine(), target)
    assert raised.value.field == "sourceSystem"
    assert named.strip() in raised.value.message


def test_an_item_naming_the_same_source_system_is_fine() -> None:
    target = item({"externalId": "CUST-10042"}, sourceSystem=" sap-erp ")
    assert run(standard_engine(), target).result.customer_id == 12


def test_warnings_each_once_in_the_order_raised() -> None:
    # archived customer (customer step), created location without coordinates (location
    # steps), contact creation disabled (contact step)
    target = item(
        {"externalId": "CUST-21"},
        {"externalId": "LOC-NEW", "street": "Neu 1", "postalCode": "04109"},
        {"displayName": "Nobody"},
    )
    result = run(standard_engine(), target, autoCreate={"location": True}).result
    assert result.warnings == (
        WarningCode.CUSTOMER_ARCHIVED_OR_BLOCKED,
        WarningCode.LOCATION_MISSING_COORDINATES,
        WarningCode.CONTACT_AUTO_CREATE_DISABLED,
    )
    assert result.status is S.WARNING
