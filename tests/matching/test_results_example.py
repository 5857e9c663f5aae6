"""The example of mapping-rules.md, "Results", line for line."""

from __future__ import annotations

import json

from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.reference import Customer
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.matching.index import ReferenceIndex

REFERENCE = """{"id": 12, "tenant": "acme", "customerNumber": "RRM-001", "name": "Rhein-Ruhr Medical Supply",
 "type": "Business", "industry": "Medical Supply", "email": "ops@example.com",
 "phone": "+49 201 123456", "website": "https://example.com", "status": "Active",
 "externalRefs": [{"sourceSystem": "sap-erp", "externalId": "CUST-10042"}],
 "locations": [{"id": 34, "name": "Essen Center", "type": "Branch", "street": "Hachestrasse 12",
   "postalCode": "45127", "city": "Essen", "region": "North Rhine-Westphalia", "country": "DE",
   "latitude": 51.451, "longitude": 7.012, "defaultEstimatedWorkMinutes": 45,
   "defaultPriority": "High", "accessNotes": null, "parkingNotes": null,
   "externalRefs": [{"sourceSystem": "sap-erp", "externalId": "LOC-ESSEN-01"}]}],
 "contacts": [{"id": 56, "locationId": 34, "firstName": "Anna", "lastName": "Weber",
   "displayName": "Anna Weber", "role": "Operations Manager", "email": "anna.weber@example.com",
   "phone": "+49 201 123456", "mobile": null, "preferredContactMethod": "Phone",
   "externalRefs": [{"sourceSystem": "sap-erp", "externalId": "CONT-44"}]}]}"""

SETTINGS = """{"tenant": "acme", "sourceSystem": "sap-erp", "strategy": "ExternalIdThenNameAndAddress",
 "scopes": ["inbound.targets.write", "customers.map", "customers.write", "customers.read"],
 "autoCreate": {"customer": false, "location": true, "contact": true}, "autoUpdate": false,
 "safeFallbacks": ["CustomerNumber"], "maxCandidates": 10,
 "nameAndAddress": {"threshold": 0.90, "margin": 0.08, "floor": 0.50,
                    "coordinateAgreementMeters": 150}}"""

ITEM = {
    "sourceSystem": "sap-erp",
    "externalId": "JOB-2026-000918",
    "operation": "upsert",
    "title": "Quarterly maintenance",
    "customer": {
        "externalId": "CUST-10042",
        "customerNumber": "RRM-001",
        "name": "Rhein-Ruhr Medical Supply",
    },
    "location": {
        "externalId": "LOC-ESSEN-01",
        "name": "Essen Center",
        "street": "Hachestrasse 12",
        "postalCode": "45127",
        "city": "Essen",
        "country": "DE",
        "latitude": 51.451,
        "longitude": 7.012,
    },
    "contact": {
        "externalId": "CONT-44",
        "firstName": "Anna",
        "lastName": "Weber",
        "email": "anna.weber@example.com",
    },
}

EXPECTED = """{"itemExternalId": "JOB-2026-000918", "status": "Mapped", "customerId": 12,
 "customerLocationId": 34, "customerContactId": 56, "warnings": [],
 "candidates": [{"customerId": 12, "customerLocationId": 34, "score": 1.0,
   "outcome": "confident", "reasons": [{"field": "customer.externalId",
   "incoming": "CUST-10042", "stored": "CUST-10042", "comparison": "reference", "contribution": 1.0}]}],
 "explanation": ["customer.externalId CUST-10042 (sap-erp) → customer 12",
   "location.externalId LOC-ESSEN-01 (sap-erp) → location 34 of customer 12",
   "contact.externalId CONT-44 (sap-erp) → contact 56 at location 34"]}"""


def test_results_example_exactly() -> None:
    index = ReferenceIndex.from_reference(
        [Customer.model_validate_json(REFERENCE)], default_tenant="acme"
    )
    engine = MappingEngine(index)
    outcome = engine.map_item(
        InboundTarget.model_validate(ITEM), MappingSettings.model_validate_json(SETTINGS)
    )
    line = outcome.result.to_result_json()
    assert line == json.loads(EXPECTED)
    assert list(line) == list(json.loads(EXPECTED))  # same keys, same order
    assert outcome.changes.is_empty


def test_null_ids_are_present_in_the_result_json() -> None:
    index = ReferenceIndex.from_reference(
        [Customer.model_validate_json(REFERENCE)], default_tenant="acme"
    )
    target = InboundTarget.model_validate({"externalId": "J", "customer": {"externalId": "X"}})
    line = (
        MappingEngine(index)
        .map_item(target, MappingSettings.model_validate_json(SETTINGS))
        .result.to_result_json()
    )
    assert line["status"] == "Failed"
    assert line["customerId"] is None
    assert line["customerLocationId"] is None
    assert line["customerContactId"] is None
    assert line["warnings"] == ["CustomerAutoCreateDisabled"]
