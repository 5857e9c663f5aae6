"""Connect DTOs: unknown fields ignored, invalid values named by field, both spellings."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from ordinavo_desk.domain.connect import (
    CustomerMapping,
    ImportJob,
    InboundTarget,
    Planning,
    TargetBatch,
)
from ordinavo_desk.domain.enums import ImportJobStatus, Operation
from ordinavo_desk.domain.validation import input_error_from


def _field_of_error(payload: dict[str, Any]) -> str | None:
    with pytest.raises(ValidationError) as info:
        InboundTarget.model_validate(payload)
    return input_error_from(info.value).field


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"externalId": ""}, "externalId"),
        ({"externalId": "   "}, "externalId"),
        ({}, "externalId"),
        ({"externalId": "J", "address": {"latitude": 90.5}}, "address.latitude"),
        ({"externalId": "J", "address": {"latitude": -91}}, "address.latitude"),
        ({"externalId": "J", "address": {"longitude": 180.01}}, "address.longitude"),
        ({"externalId": "J", "location": {"longitude": -200}}, "location.longitude"),
        ({"externalId": "J", "location": {"latitude": 100}}, "location.latitude"),
        ({"externalId": "J", "address": {"country": "Germany"}}, "address.country"),
        ({"externalId": "J", "location": {"country": "XX"}}, "location.country"),
        ({"externalId": "J", "address": {"country": "DEU"}}, "address.country"),
        (
            {"externalId": "J", "location": {"defaultEstimatedWorkMinutes": -5}},
            "location.defaultEstimatedWorkMinutes",
        ),
        (
            {"externalId": "J", "planning": {"estimatedWorkMinutes": -1}},
            "planning.estimatedWorkMinutes",
        ),
        ({"externalId": "J", "operation": "delete"}, "operation"),
        (
            {"externalId": "J", "businessValue": {"closeProbability": 1.5}},
            "businessValue.closeProbability",
        ),
    ],
)
def test_invalid_values_name_the_field(payload: dict[str, Any], field: str) -> None:
    assert _field_of_error(payload) == field


def test_unknown_fields_are_ignored_everywhere() -> None:
    target = InboundTarget.model_validate(
        {
            "externalId": "JOB-1",
            "futureField": {"x": 1},
            "customer": {"name": "Acme", "loyaltyLevel": "gold"},
            "address": {"street": "Hauptstr. 1", "geohash": "u1"},
        }
    )
    assert target.customer is not None and target.customer.name == "Acme"
    assert target.address is not None and target.address.street == "Hauptstr. 1"


def test_external_id_is_trimmed_and_empty_dto_ids_count_as_absent() -> None:
    target = InboundTarget.model_validate(
        {"externalId": "  JOB-7 ", "customer": {"externalId": "  ", "name": "X"}}
    )
    assert target.external_id == "JOB-7"
    assert target.customer is not None and target.customer.external_id is None


@pytest.mark.parametrize("dto", [None, {}, {"unknownOnly": 1}, {"externalId": " "}])
def test_absent_null_or_empty_dtos_count_as_absent(dto: object) -> None:
    target = InboundTarget.model_validate({"externalId": "J", "customer": dto, "location": dto})
    assert target.customer is None and target.location is None
    assert not target.has_mapping_data


def test_country_is_upper_cased() -> None:
    target = InboundTarget.model_validate({"externalId": "J", "address": {"country": "de"}})
    assert target.address is not None and target.address.country == "DE"


def test_operation_defaults_to_upsert_and_accepts_all_documented() -> None:
    assert InboundTarget.model_validate({"externalId": "J"}).operation is Operation.UPSERT
    for op in ("create", "update", "upsert", "cancel"):
        assert InboundTarget.model_validate({"externalId": "J", "operation": op}).operation == op


def test_priority_is_an_open_vocabulary() -> None:
    planning = Planning.model_validate({"priority": "Urgent"})
    assert planning.priority == "Urgent"


def test_both_planning_spellings() -> None:
    first = Planning.model_validate(
        {"dueDate": "2026-12-01", "preferredTimeWindowStart": "08:00", "priority": "High"}
    )
    second = Planning.model_validate(
        {
            "routeDate": "2026-12-01",
            "dueAtUtc": "2026-12-01T16:00:00Z",
            "timeWindowStartUtc": "2026-12-01T07:00:00Z",
            "fixedTime": True,
            "estimatedWorkMinutes": 30,
        }
    )
    assert first.due == "2026-12-01" and first.window_start == "08:00"
    assert second.due == "2026-12-01T16:00:00Z"
    assert second.window_start == "2026-12-01T07:00:00Z"
    assert second.fixed_time is True


@pytest.mark.parametrize("key", ["targets", "items"])
def test_batch_accepts_both_spellings(key: str) -> None:
    batch = TargetBatch.model_validate(
        {
            "sourceSystem": "sap-erp",
            "batchId": "B1",
            key: [{"externalId": "A"}, {"externalId": "B"}],
        }
    )
    assert [t["externalId"] for t in batch.targets] == ["A", "B"]


def test_incoming_address_prefers_the_location_dto() -> None:
    with_location = InboundTarget.model_validate(
        {
            "externalId": "J",
            "location": {"street": "Hachestr. 12", "postalCode": "45127"},
            "address": {"street": "Elsewhere 1", "postalCode": "10115"},
        }
    )
    address = with_location.incoming_address()
    assert address is not None and address.postal_code == "45127"
    only_city = InboundTarget.model_validate(
        {"externalId": "J", "location": {"city": "Essen"}, "address": {"postalCode": "10115"}}
    )
    address = only_city.incoming_address()
    assert address is not None and address.postal_code == "10115"


def test_import_job_round_trip_keeps_open_warning_codes() -> None:
    job = ImportJob.model_validate(
        {
            "importJobId": "ij_1",
            "status": "PartiallyFailed",
            "totalItems": 2,
            "rejectedItems": 1,
            "items": [
                {
                    "externalId": "A",
                    "status": "Created",
                    "customerMapping": {
                        "status": "Warning",
                        "customerId": 12,
                        "warnings": ["LocationMissingCoordinates", "SomeFutureWarning"],
                    },
                },
                {"externalId": "B", "status": "Rejected", "errorCode": "missing_external_id"},
            ],
            "links": {"importJob": "/import-jobs/ij_1"},
        }
    )
    assert job.status is ImportJobStatus.PARTIALLY_FAILED
    mapping = job.items[0].customer_mapping
    assert isinstance(mapping, CustomerMapping)
    assert mapping.warnings == ["LocationMissingCoordinates", "SomeFutureWarning"]
    assert job.to_wire()["links"] == {"importJob": "/import-jobs/ij_1"}


def test_import_job_status_is_closed() -> None:
    with pytest.raises(ValidationError):
        ImportJob.model_validate({"importJobId": "x", "status": "Exploded"})
