"""Demo data of the sandbox: two tenants' reference data and demo keys (public on
purpose: they only open the local sandbox)."""

from __future__ import annotations

from ordinavo_desk.domain.enums import Scope
from ordinavo_desk.domain.reference import Customer
from ordinavo_desk.sandbox.key_registry import KeyGrant

DEMO_TENANT = "acme"
DEMO_SOURCE = "sap-erp"

_ALL = [scope.value for scope in Scope]
_DEMO_SETTINGS = {
    "strategy": "ExternalIdThenNameAndAddress",
    "autoCreate": {"customer": False, "location": True, "contact": True},
}

DEMO_KEYS: dict[str, KeyGrant] = {
    "fio_test_acme_full": KeyGrant.create(
        name="acme-full", key="fio_test_acme_full", tenant="acme",
        source_system=DEMO_SOURCE, scopes=_ALL, settings=_DEMO_SETTINGS,
    ),
    "fio_test_acme_mapper": KeyGrant.create(
        name="acme-mapper", key="fio_test_acme_mapper", tenant="acme",
        source_system=DEMO_SOURCE,
        scopes=["integration.health.read", "inbound.targets.write", "import_jobs.read",
                "customers.map"],
        settings=_DEMO_SETTINGS,
    ),
    "fio_test_globex_full": KeyGrant.create(
        name="globex-full", key="fio_test_globex_full", tenant="globex",
        source_system="crm", scopes=_ALL, settings=_DEMO_SETTINGS,
    ),
}  # fmt: skip


def demo_reference() -> list[Customer]:
    data = [
        {"id": 12, "tenant": "acme", "customerNumber": "RRM-001",
         "name": "Rhein-Ruhr Medical Supply GmbH", "type": "Business",
         "externalRefs": [{"sourceSystem": DEMO_SOURCE, "externalId": "CUST-10042"}],
         "locations": [{"id": 34, "name": "Essen Center", "street": "Hachestrasse 12",
                        "postalCode": "45127", "city": "Essen", "country": "DE",
                        "latitude": 51.451, "longitude": 7.012,
                        "externalRefs": [{"sourceSystem": DEMO_SOURCE,
                                          "externalId": "LOC-ESSEN-01"}]}],
         "contacts": [{"id": 56, "locationId": 34, "displayName": "Anna Weber",
                       "email": "anna.weber@example.com",
                       "externalRefs": [{"sourceSystem": DEMO_SOURCE,
                                         "externalId": "CONT-44"}]}]},
        {"id": 13, "tenant": "acme", "customerNumber": "SWN-100", "name": "Stadtwerke Nord AG",
         "locations": [{"id": 35, "name": "Depot Mitte", "street": "Ringstraße 1",
                        "postalCode": "20095", "city": "Hamburg", "country": "DE",
                        "latitude": 53.550, "longitude": 10.000},
                       {"id": 36, "name": "Depot Süd", "street": "Hafenweg 7",
                        "postalCode": "21073", "city": "Hamburg", "country": "DE"}]},
        {"id": 14, "tenant": "acme", "name": "Bäckerei Müller GmbH",
         "locations": [{"id": 37, "street": "Marktplatz 3", "postalCode": "50667",
                        "city": "Köln", "country": "DE"}]},
        {"id": 15, "tenant": "acme", "name": "Baeckerei Mueller KG",
         "locations": [{"id": 38, "street": "Marktplatz 5", "postalCode": "50667",
                        "city": "Köln", "country": "DE"}]},
        {"id": 20, "tenant": "globex", "customerNumber": "GX-1", "name": "Globex Logistics",
         "externalRefs": [{"sourceSystem": "crm", "externalId": "G-1"}],
         "locations": [{"id": 40, "street": "Dock Road 1", "postalCode": "10115",
                        "city": "Berlin", "country": "DE"}]},
    ]  # fmt: skip
    return [Customer.model_validate(c) for c in data]
