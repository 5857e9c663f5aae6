"""Common pydantic configuration: camelCase on the wire, immutable, unknown fields ignored."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class WireModel(BaseModel):
    """Base of every domain model.

    Fields are snake_case in Python and camelCase on the wire; both spellings are accepted
    on input. Unknown fields are ignored (the Connect API may add fields at any time).
    """

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="ignore",
        frozen=True,
        str_strip_whitespace=False,
        defer_build=True,
    )

    def to_wire(self) -> dict[str, object]:
        """The camelCase JSON-ready form, without unset optional fields."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)
