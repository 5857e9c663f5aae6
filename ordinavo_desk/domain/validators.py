"""Reusable field types for domain models."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from ordinavo_desk.domain.countries import normalize_country


def _blank_to_none(value: object) -> object:
    """An empty or whitespace-only string counts as absent."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _strip(value: str) -> str:
    return value.strip()


def _required_text(value: str) -> str:
    text = value.strip()
    if not text:
        raise ValueError("must not be empty")
    return text


Latitude = Annotated[float, Field(ge=-90.0, le=90.0)]
Longitude = Annotated[float, Field(ge=-180.0, le=180.0)]
CountryCode = Annotated[str, BeforeValidator(_blank_to_none), AfterValidator(normalize_country)]
NonNegativeMinutes = Annotated[int, Field(ge=0)]
#: An optional external id: blank means absent; surrounding whitespace is trimmed.
OptionalExternalId = Annotated[str | None, BeforeValidator(_blank_to_none)]
#: A required identifier: trimmed and non-empty.
RequiredText = Annotated[str, AfterValidator(_required_text)]
OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]


def strip_optional(value: str | None) -> str | None:
    """Trim ``value``; ``None`` when it is empty afterwards."""
    if value is None:
        return None
    text = _strip(value)
    return text or None
