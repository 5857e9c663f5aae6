"""What mapping one item changes in the reference data: records created, external
references stored, fields updated. The engine returns it; the index applies it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ordinavo_desk.domain.enums import ExternalType
from ordinavo_desk.matching.records import (
    ContactRecord,
    CustomerRecord,
    ExternalRefRecord,
    FieldValue,
    LocationRecord,
)


class FieldUpdate(NamedTuple):
    """One field of one record written by an import (``field`` in snake_case)."""

    kind: ExternalType
    record_id: int
    field: str
    old: FieldValue
    new: FieldValue


@dataclass(frozen=True, slots=True)
class IndexChanges:
    """Changes of one item, in the order they apply: created customers, locations and
    contacts (with their new ids), field updates, then stored external references."""

    tenant: str
    customers: tuple[CustomerRecord, ...] = ()
    locations: tuple[LocationRecord, ...] = ()
    contacts: tuple[ContactRecord, ...] = ()
    updates: tuple[FieldUpdate, ...] = ()
    external_refs: tuple[ExternalRefRecord, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (
            self.customers or self.locations or self.contacts or self.updates or self.external_refs
        )

    @property
    def created_any(self) -> bool:
        return bool(self.customers or self.locations or self.contacts)
