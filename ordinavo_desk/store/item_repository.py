"""Import items of one tenant: upsert by external id with versions, mapping results."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.enums import ItemOrigin, MappingStatus
from ordinavo_desk.domain.errors import NotFoundError
from ordinavo_desk.domain.items import StoredItem, UpsertOutcome
from ordinavo_desk.domain.mapping import MappingResult
from ordinavo_desk.store.profile_repository import ensure_tenant
from ordinavo_desk.store.rows import ImportItemRow


def _to_item(row: ImportItemRow) -> StoredItem:
    return StoredItem(
        id=row.id,
        tenant=row.tenant,
        source_system=row.source_system,
        external_id=row.external_id,
        version=row.version,
        payload=row.payload,
        origin=ItemOrigin(row.origin),
        origin_detail=row.origin_detail,
        batch_id=row.batch_id,
        server_item_id=row.server_item_id,
        server_version=row.server_version,
        mapping_status=MappingStatus(row.mapping_status) if row.mapping_status else None,
        mapping=MappingResult.model_validate(row.mapping_result) if row.mapping_result else None,
        mapping_version=row.mapping_version,
        review_state=row.review_state,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _display_fields(target: InboundTarget) -> dict[str, str | None]:
    """Columns the review queue sorts and searches by, taken from the payload."""
    address = target.incoming_address()
    name = target.customer.name if target.customer else None
    if name is None and target.location is not None:
        name = target.location.name
    planning = target.planning
    return {
        "customer_name": name,
        "city": address.city if address else None,
        "due": planning.due if planning else None,
        "priority": planning.priority if planning else None,
    }


class ImportItemRepository:
    """Every query is scoped to the tenant given at construction."""

    def __init__(self, session: Session, tenant: str) -> None:
        self._session = session
        self.tenant = tenant

    def _find(self, source_system: str, external_id: str) -> ImportItemRow | None:
        query = select(ImportItemRow).where(
            ImportItemRow.tenant == self.tenant,
            ImportItemRow.source_system == source_system,
            ImportItemRow.external_id == external_id,
        )
        return self._session.scalars(query).first()

    def upsert(
        self,
        source_system: str,
        target: InboundTarget,
        payload: dict[str, Any],
        *,
        origin: ItemOrigin,
        origin_detail: str | None = None,
        batch_id: str | None = None,
    ) -> UpsertOutcome:
        """Store an incoming item. The same external id again is a new version of the same
        item when its payload changed (and leaves it untouched when it did not)."""
        ensure_tenant(self._session, self.tenant)
        row = self._find(source_system, target.external_id)
        fields = _display_fields(target)
        if row is None:
            row = ImportItemRow(
                tenant=self.tenant,
                source_system=source_system,
                external_id=target.external_id,
                version=1,
                payload=payload,
                origin=origin.value,
                origin_detail=origin_detail,
                batch_id=batch_id,
                operation=target.operation.value,
                review_state="pending",
                **fields,
            )
            self._session.add(row)
            self._session.flush()
            return UpsertOutcome(
                item_id=row.id,
                external_id=row.external_id,
                version=1,
                created=True,
                changed=True,
            )
        if row.payload == payload:
            return UpsertOutcome(
                item_id=row.id,
                external_id=row.external_id,
                version=row.version,
                created=False,
                changed=False,
            )
        row.version += 1
        row.payload = payload
        row.origin = origin.value
        row.origin_detail = origin_detail
        row.batch_id = batch_id
        row.operation = target.operation.value
        row.review_state = "pending"
        for key, value in fields.items():
            setattr(row, key, value)
        self._session.flush()
        return UpsertOutcome(
            item_id=row.id,
            external_id=row.external_id,
            version=row.version,
            created=False,
            changed=True,
        )

    def get(self, item_id: int) -> StoredItem:
        row = self._session.get(ImportItemRow, item_id)
        if row is None or row.tenant != self.tenant:
            raise NotFoundError(f"no import item {item_id} in tenant '{self.tenant}'")
        return _to_item(row)

    def find(self, source_system: str, external_id: str) -> StoredItem | None:
        row = self._find(source_system, external_id)
        return _to_item(row) if row is not None else None

    def count(self) -> int:
        query = select(func.count()).select_from(ImportItemRow)
        return self._session.scalar(query.where(ImportItemRow.tenant == self.tenant)) or 0

    def page(self, *, limit: int = 1000, offset: int = 0) -> list[StoredItem]:
        query = (
            select(ImportItemRow)
            .where(ImportItemRow.tenant == self.tenant)
            .order_by(ImportItemRow.id)
            .limit(limit)
            .offset(offset)
        )
        return [_to_item(row) for row in self._session.scalars(query)]

    def pending_ids(self, source_system: str) -> list[int]:
        """Ids of the items still pending review, in import order."""
        query = (
            select(ImportItemRow.id)
            .where(
                ImportItemRow.tenant == self.tenant,
                ImportItemRow.source_system == source_system,
                ImportItemRow.review_state == "pending",
            )
            .order_by(ImportItemRow.id)
        )
        return list(self._session.scalars(query))

    def set_mapping(self, item_id: int, version: int, result: MappingResult) -> None:
        """Store the mapping result computed for ``version`` of the item."""
        row = self._session.get(ImportItemRow, item_id)
        if row is None or row.tenant != self.tenant:
            raise NotFoundError(f"no import item {item_id} in tenant '{self.tenant}'")
        row.mapping_result = result.model_dump(mode="json", by_alias=True)
        row.mapping_status = result.status.value
        row.mapping_version = version
        self._session.flush()
