"""Scope effects: customers.write and customers.read."""

from __future__ import annotations

from ordinavo_desk.domain.enums import MappingStatus, WarningCode
from tests.matching.builders import ESSEN, ESSEN_COORDS, item, run, standard_engine

NO_WRITE = ["customers.map", "customers.read"]
NO_READ = ["customers.map", "customers.write"]
AUTO_ALL = {"customer": True, "location": True, "contact": True}


def test_without_write_nothing_is_created_stored_or_updated() -> None:
    engine = standard_engine()
    linked = run(
        engine,
        item(
            {"externalId": "NEW", "customerNumber": "RRM-001"},
            {"externalId": "LOC-NEW", "street": "Hachestr. 12", "postalCode": "45127"},
            {"externalId": "C-NEW", "displayName": "Anna Weber"},
        ),
        scopes=NO_WRITE,
        autoCreate=AUTO_ALL,
        autoUpdate=True,
    )
    assert (
        linked.result.customer_id,
        linked.result.customer_location_id,
        linked.result.customer_contact_id,
    ) == (12, 34, 56)
    assert linked.changes.is_empty
    created = run(
        engine,
        item(
            {"externalId": "CUST-10042"},
            {"street": "Neu 1", "postalCode": "1"},
            {"displayName": "Nobody"},
        ),
        scopes=NO_WRITE,
        autoCreate=AUTO_ALL,
    )
    assert created.result.warnings == (
        WarningCode.LOCATION_AUTO_CREATE_DISABLED,
        WarningCode.CONTACT_AUTO_CREATE_DISABLED,
    )
    assert "scope customers.write is missing" in created.result.explanation[2]
    assert created.changes.is_empty
    updated = run(
        engine,
        item({"externalId": "CUST-10042", "industry": "X"}),
        scopes=NO_WRITE,
        autoUpdate=True,
    )
    assert updated.result.status is MappingStatus.MAPPED and updated.changes.is_empty


def test_without_read_the_result_shows_no_ids_candidates_or_stored_values() -> None:
    target = item(
        {"externalId": "NEW-1", "name": "Rhein Ruhr Medical Supply"},
        {"externalId": "LOC-ESSEN-01", **ESSEN_COORDS},
        {"externalId": "CONT-45"},
    )
    outcome = run(
        standard_engine(), target, scopes=NO_READ, strategy="ExternalIdThenNameAndAddress"
    )
    result = outcome.result
    assert result.status is MappingStatus.WARNING
    assert result.warnings == (WarningCode.CONTACT_LOCATION_MISMATCH,)
    assert (result.customer_id, result.customer_location_id, result.customer_contact_id) == (
        None,
        None,
        None,
    )
    assert result.candidates == ()
    text = " ".join(result.explanation)
    for secret in ("12", "34", "35", "56", "57", "Hachestra", "Rhein-Ruhr Medical Supply GmbH"):
        assert secret not in text
    assert "NEW-1" in text  # the item's own values may be named
    # the links still happen and are stored
    assert outcome.links.customer_id == 12
    assert [r.external_id for r in outcome.changes.external_refs] == ["NEW-1"]


def test_with_read_the_same_result_shows_everything() -> None:
    target = item(
        {"externalId": "NEW-1", "name": "Rhein Ruhr Medical Supply"},
        {"externalId": "LOC-ESSEN-01", **ESSEN},
    )
    result = run(standard_engine(), target, strategy="ExternalIdThenNameAndAddress").result
    assert (result.customer_id, result.customer_location_id) == (12, 34)
    assert result.candidates
    assert any("customer 12" in step for step in result.explanation)
