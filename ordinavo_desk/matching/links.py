"""The records an item is linked to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Links:
    """The records an item was linked to (also when the result may not show them)."""

    customer_id: int | None = None
    location_id: int | None = None
    contact_id: int | None = None

    def to_json(self) -> dict[str, int | None]:
        return {
            "customerId": self.customer_id,
            "locationId": self.location_id,
            "contactId": self.contact_id,
        }

    @classmethod
    def from_json(cls, data: dict[str, int | None]) -> Links:
        return cls(data.get("customerId"), data.get("locationId"), data.get("contactId"))


#: Nothing linked.
NO_LINKS = Links()
