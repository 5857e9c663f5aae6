"""Items in order against evolving reference data: ids, stored references, updates."""

from __future__ import annotations

from ordinavo_desk.domain.enums import ExternalType, MappingStatus
from tests.matching.builders import ESSEN_COORDS, item, settings, standard_engine

AUTO_ALL = {"customer": True, "location": True, "contact": True}


def test_created_ids_and_references_are_seen_by_later_items() -> None:
    engine = standard_engine()
    profile = settings(strategy="ExternalIdOnly", autoCreate=AUTO_ALL)
    first, second, third = engine.map_items(
        [
            item(
                {"externalId": "N-1", "name": "Neu Eins"},
                {"externalId": "NL-1", **ESSEN_COORDS},
                {"externalId": "NC-1", "displayName": "Eva Eins"},
                external_id="J1",
            ),
            item(
                {"externalId": "N-2", "name": "Neu Zwei"},
                {"externalId": "NL-2", **ESSEN_COORDS},
                external_id="J2",
            ),
            item(
                {"externalId": "N-1"},
                {"externalId": "NL-1"},
                {"externalId": "NC-1"},
                external_id="J3",
            ),
        ],
        profile,
    )
    # customers before locations before contacts, one above the highest so far
    assert first.result.status is MappingStatus.CREATED
    assert (
        first.result.customer_id,
        first.result.customer_location_id,
        first.result.customer_contact_id,
    ) == (32, 52, 58)
    assert (second.result.customer_id, second.result.customer_location_id) == (33, 53)
    assert third.result.status is MappingStatus.MAPPED
    assert (
        third.result.customer_id,
        third.result.customer_location_id,
        third.result.customer_contact_id,
    ) == (32, 52, 58)
    tenant = engine.index.tenant("acme")
    assert tenant.resolve("sap-erp", ExternalType.CONTACT, "NC-1") == 58
    assert tenant.contact(58) is not None and tenant.contact(58).location_id == 52  # type: ignore[union-attr]


def test_map_item_alone_changes_nothing() -> None:
    engine = standard_engine()
    profile = settings(strategy="ExternalIdOnly", autoCreate=AUTO_ALL)
    target = item({"externalId": "N-1", "name": "Neu Eins"})
    assert engine.map_item(target, profile).result.customer_id == 32
    assert engine.map_item(target, profile).result.customer_id == 32
    assert engine.index.tenant("acme").customer(32) is None
    engine.map_and_apply(target, profile)
    assert engine.index.tenant("acme").customer(32) is not None
    assert engine.map_item(target, profile).result.status is MappingStatus.MAPPED


def test_a_stored_fallback_reference_links_the_next_item_directly() -> None:
    engine = standard_engine()
    profile = settings()  # ExternalIdFirst with CustomerNumber
    engine.map_and_apply(item({"externalId": "ERP-77", "customerNumber": "NFS-9"}), profile)
    result = engine.map_and_apply(item({"externalId": "ERP-77"}), profile).result
    assert result.customer_id == 20
    assert result.explanation[0] == "customer.externalId ERP-77 (sap-erp) → customer 20"


def test_updates_are_seen_by_later_items() -> None:
    engine = standard_engine()
    profile = settings(autoUpdate=True, strategy="ExternalIdThenNameAndAddress")
    renamed = engine.map_and_apply(
        item({"externalId": "CUST-20", "name": "Polarstern Dienste"}), profile
    )
    assert renamed.result.status is MappingStatus.UPDATED
    again = engine.map_and_apply(
        item({"externalId": "CUST-20", "name": "Polarstern Dienste"}), profile
    )
    assert again.result.status is MappingStatus.MAPPED
    by_name = engine.map_item(
        item(
            {"name": "Polarstern Dienste GmbH"},
            {"street": "Am Sandtorkai 5", "postalCode": "20457", "city": "Hamburg"},
        ),
        profile,
    )
    assert by_name.result.customer_id == 20
