"""The desk's own record of an import item: payload, version and mapping result."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ordinavo_desk.domain.base import WireModel
from ordinavo_desk.domain.enums import ItemOrigin, MappingStatus
from ordinavo_desk.domain.mapping import MappingResult


class StoredItem(WireModel):
    id: int
    tenant: str
    source_system: str
    external_id: str
    version: int
    payload: dict[str, Any]
    origin: ItemOrigin
    origin_detail: str | None = None
    batch_id: str | None = None
    server_item_id: str | None = None
    server_version: str | None = None
    mapping_status: MappingStatus | None = None
    mapping: MappingResult | None = None
    mapping_version: int | None = None
    #: Who computed ``mapping``: "desk" (the local engine) or "server" (pulled with it).
    mapping_source: str | None = None
    review_state: str = "pending"
    created_at: datetime
    updated_at: datetime

    @property
    def mapping_is_current(self) -> bool:
        return self.mapping is not None and self.mapping_version == self.version


class UpsertOutcome(WireModel):
    """What storing one incoming item did."""

    item_id: int
    external_id: str
    version: int
    created: bool
    changed: bool
