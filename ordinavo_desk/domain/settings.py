"""Mapping settings of an integration context (the ``match --settings`` format)."""

from __future__ import annotations

from pydantic import Field, field_validator

from ordinavo_desk.domain.base import WireModel
from ordinavo_desk.domain.enums import DEFAULT_SCOPES, SafeFallback, Scope, Strategy, parse_scope
from ordinavo_desk.domain.validators import RequiredText


class AutoCreate(WireModel):
    customer: bool = False
    location: bool = False
    contact: bool = False


class NameAndAddressGates(WireModel):
    threshold: float = Field(default=0.90, ge=0.0, le=1.0)
    margin: float = Field(default=0.08, ge=0.0, le=1.0)
    floor: float = Field(default=0.50, ge=0.0, le=1.0)
    coordinate_agreement_meters: float = Field(default=150.0, ge=0.0)


class MappingSettings(WireModel):
    tenant: RequiredText
    source_system: RequiredText
    strategy: Strategy = Strategy.EXTERNAL_ID_FIRST
    scopes: tuple[Scope, ...] = DEFAULT_SCOPES
    auto_create: AutoCreate = Field(default_factory=AutoCreate)
    auto_update: bool = False
    safe_fallbacks: tuple[SafeFallback, ...] = (SafeFallback.CUSTOMER_NUMBER,)
    max_candidates: int = Field(default=10, ge=1, le=1000)
    name_and_address: NameAndAddressGates = Field(default_factory=NameAndAddressGates)

    @field_validator("scopes", mode="before")
    @classmethod
    def _scope_aliases(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return tuple(parse_scope(v) if isinstance(v, str) else v for v in value)
        return value

    def has_scope(self, scope: Scope) -> bool:
        return scope in self.scopes
