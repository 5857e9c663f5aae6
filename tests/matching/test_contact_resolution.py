"""Contact resolution after the location."""

from __future__ import annotations

from typing import Any

import pytest

from ordinavo_desk.domain.enums import ExternalType, MappingStatus, WarningCode
from tests.matching.builders import (
    contact,
    customer,
    engine_of,
    item,
    location,
    run,
    standard_engine,
)

S = MappingStatus
W = WarningCode


def test_contact_reference_links() -> None:
    result = run(
        standard_engine(),
        item(
            {"externalId": "CUST-10042"}, {"externalId": "LOC-ESSEN-01"}, {"externalId": "CONT-44"}
        ),
    ).result
    assert result.customer_contact_id == 56
    assert (
        result.explanation[-1] == "contact.externalId CONT-44 (sap-erp) → contact 56 at location 34"
    )


def test_contact_location_mismatch() -> None:
    target = item(
        {"externalId": "CUST-10042"}, {"externalId": "LOC-ESSEN-01"}, {"externalId": "CONT-45"}
    )
    result = run(standard_engine(), target).result
    assert result.customer_contact_id == 57
    assert result.warnings == (W.CONTACT_LOCATION_MISMATCH,)
    assert result.status is S.WARNING


def test_no_location_linked_means_no_contact_location_mismatch() -> None:
    result = run(
        standard_engine(), item({"externalId": "CUST-10042"}, None, {"externalId": "CONT-45"})
    ).result
    assert (result.customer_location_id, result.customer_contact_id) == (None, 57)
    assert result.warnings == ()


@pytest.mark.parametrize(
    ("dto", "expected"),
    [
        ({"email": " ANNA.Weber@Example.com "}, 56),
        ({"phone": "0201 123456"}, 56),  # national form, default country from the location
        ({"mobile": "+49 171 2345678"}, 57),  # matches the stored mobile
        ({"phone": "0171-2345678"}, 57),
        ({"displayName": "Weber, Anna"}, 56),
        ({"firstName": "Bernd", "lastName": "Kurz"}, 57),
        # email first: it wins over a phone that points at the other contact
        ({"email": "bernd.kurz@example.com", "phone": "0201 123456"}, 57),
        # a signal that matches nothing passes to the next
        ({"email": "nobody@example.com", "displayName": "Bernd Kurz"}, 57),
        ({"email": "nobody@example.com"}, None),
    ],
)
def test_contact_by_details(dto: dict[str, Any], expected: int | None) -> None:
    target = item(
        {"externalId": "CUST-10042"},
        {"externalId": "LOC-ESSEN-01"},
        {"externalId": "CONT-NEW", **dto},
    )
    outcome = run(standard_engine(), target)
    assert outcome.result.customer_contact_id == expected
    if expected is not None:
        refs = [
            (r.external_type, r.external_id, r.record_id) for r in outcome.changes.external_refs
        ]
        assert refs == [(ExternalType.CONTACT, "CONT-NEW", expected)]
    else:
        assert outcome.result.warnings == (W.CONTACT_AUTO_CREATE_DISABLED,)


def test_several_matches_prefer_the_linked_location_then_the_lowest_id() -> None:
    engine = engine_of(
        customer(
            1,
            ext=("C",),
            locations=[location(10, ext=("L10",)), location(11, ext=("L11",))],
            contacts=[
                contact(5, 11, email="desk@example.com"),
                contact(6, 10, email="desk@example.com"),
                contact(4, None, email="desk@example.com"),
            ],
        ),
    )
    at = {
        loc: run(
            engine, item({"externalId": "C"}, {"externalId": loc}, {"email": "desk@example.com"})
        ).result.customer_contact_id
        for loc in ("L10", "L11")
    }
    assert at == {"L10": 6, "L11": 5}
    without_location = run(engine, item({"externalId": "C"}, None, {"email": "desk@example.com"}))
    assert without_location.result.customer_contact_id == 4


def test_phone_default_country_comes_from_the_location() -> None:
    engine = engine_of(
        customer(
            1,
            ext=("C",),
            locations=[location(10, ext=("L",), country="AT")],
            contacts=[contact(5, 10, phone="+43 1 2345678")],
        ),
    )
    target = item({"externalId": "C"}, {"externalId": "L"}, {"phone": "01 2345678"})
    assert run(engine, target).result.customer_contact_id == 5


def test_external_id_only_links_contacts_by_reference_alone() -> None:
    target = item({"externalId": "CUST-10042"}, None, {"email": "anna.weber@example.com"})
    outcome = run(standard_engine(), target, strategy="ExternalIdOnly")
    assert outcome.result.customer_contact_id is None
    assert outcome.result.warnings == (W.CONTACT_AUTO_CREATE_DISABLED,)


def test_contact_is_created_at_the_linked_location() -> None:
    target = item(
        {"externalId": "CUST-10042"},
        {"externalId": "LOC-DUS-01"},
        {
            "externalId": "CONT-NEW",
            "firstName": "Clara",
            "lastName": "Neu",
            "email": "clara@example.com",
        },
    )
    outcome = run(standard_engine(), target, autoCreate={"contact": True})
    assert outcome.result.status is S.CREATED
    (created,) = outcome.changes.contacts
    assert (created.id, created.customer_id, created.location_id, created.display_name) == (
        58,
        12,
        35,
        "Clara Neu",
    )


def test_contact_autoupdate_by_reference() -> None:
    target = item(
        {"externalId": "CUST-10042"},
        None,
        {"externalId": "CONT-44", "role": "Head of Operations", "mobile": None},
    )
    outcome = run(standard_engine(), target, autoUpdate=True)
    assert outcome.result.status is S.UPDATED
    assert [(u.field, u.new) for u in outcome.changes.updates] == [("role", "Head of Operations")]
