"""Closed enums reject unknown values naming the field; settings take their defaults."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from ordinavo_desk.domain.enums import (
    DEFAULT_SCOPES,
    DESK_WARNING_EXTENSIONS,
    ExternalType,
    SafeFallback,
    Scope,
    Strategy,
    WarningCode,
    parse_scope,
)
from ordinavo_desk.domain.reference import Customer, ExternalRefKey
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.domain.validation import input_error_from


def test_settings_defaults_follow_the_contract() -> None:
    settings = MappingSettings.model_validate({"tenant": "acme", "sourceSystem": "sap-erp"})
    assert settings.strategy is Strategy.EXTERNAL_ID_FIRST
    assert settings.scopes == DEFAULT_SCOPES
    assert not any(settings.auto_create.model_dump().values())
    assert settings.auto_update is False
    assert settings.safe_fallbacks == (SafeFallback.CUSTOMER_NUMBER,)
    assert settings.max_candidates == 10
    gates = settings.name_and_address
    assert (gates.threshold, gates.margin, gates.floor, gates.coordinate_agreement_meters) == (
        0.90,
        0.08,
        0.50,
        150,
    )


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"strategy": "Fuzzy"}, "strategy"),
        ({"scopes": ["customers.map", "customers.delete"]}, "scopes"),
        ({"safeFallbacks": ["Phone"]}, "safeFallbacks[0]"),
        ({"tenant": ""}, "tenant"),
        ({"sourceSystem": None}, "sourceSystem"),
        ({"nameAndAddress": {"threshold": 1.5}}, "nameAndAddress.threshold"),
    ],
)
def test_invalid_settings_name_the_field(override: dict[str, Any], field: str) -> None:
    raw = {"tenant": "acme", "sourceSystem": "sap-erp", **override}
    with pytest.raises((ValidationError, ValueError)) as info:
        MappingSettings.model_validate(raw)
    if isinstance(info.value, ValidationError):
        assert input_error_from(info.value).field == field
    else:
        assert "customers.delete" in str(info.value)


def test_scope_alias_targets_write() -> None:
    assert parse_scope("targets.write") is Scope.INBOUND_TARGETS_WRITE
    settings = MappingSettings.model_validate(
        {"tenant": "a", "sourceSystem": "s", "scopes": ["targets.write", "customers.map"]}
    )
    assert settings.scopes == (Scope.INBOUND_TARGETS_WRITE, Scope.CUSTOMERS_MAP)


def test_empty_safe_fallbacks_is_allowed() -> None:
    settings = MappingSettings.model_validate(
        {"tenant": "a", "sourceSystem": "s", "safeFallbacks": []}
    )
    assert settings.safe_fallbacks == ()


def test_customer_status_is_closed_and_types_are_open() -> None:
    customer = Customer.model_validate({"id": 1, "type": "Cooperative", "industry": "Bees"})
    assert customer.type == "Cooperative"
    with pytest.raises(ValidationError) as info:
        Customer.model_validate({"id": 1, "status": "Deleted"})
    assert input_error_from(info.value).field == "status"


def test_external_type_is_closed() -> None:
    with pytest.raises(ValidationError):
        ExternalRefKey.model_validate(
            {"tenant": "a", "sourceSystem": "s", "externalType": "Invoice", "externalId": "1"}
        )
    key = ExternalRefKey.model_validate(
        {"tenant": "a", "sourceSystem": "s", "externalType": "Location", "externalId": "1"}
    )
    assert key.external_type is ExternalType.LOCATION


def test_warning_codes_include_the_desk_extensions() -> None:
    assert {w.value for w in DESK_WARNING_EXTENSIONS} == {
        "AmbiguousNameAndAddress",
        "LocationCustomerMismatch",
        "ContactCustomerMismatch",
    }
    assert len(WarningCode) == 11
