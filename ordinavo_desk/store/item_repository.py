"""Import items of one tenant: upsert by external id with versions, mapping results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.enums import ItemOrigin, MappingStatus
from ordinavo_desk.domain.errors import NotFoundError
from ordinavo_desk.domain.items import StoredItem, UpsertOutcome
from ordinavo_desk.domain.mapping import MappingResult
from ordinavo_desk.store.profile_repository import ensure_tenant
from ordinavo_desk.store.rows import ImportItemRow, OutboxRow, ReviewDecisionRow
from ordinavo_desk.store.types import utcnow

#: Who computed an item's mapping result.
MAPPING_BY_DESK = "desk"
MAPPING_BY_SERVER = "server"

#: Outbox states of a decision the server has taken. Any other state (pending, failed,
#: held for a person, ...) means the decision is not on the server yet, and a pull must
#: leave its item alone.
OUTBOX_PUSHED_STATES: tuple[str, ...] = ("sent", "superseded", "local")

_CHUNK = 500


@dataclass(frozen=True, slots=True)
class ServerCopy:
    """What the store knows of an item's server copy."""

    item_id: int
    server_item_id: str | None
    server_version: str | None


@dataclass(frozen=True, slots=True)
class PulledItem:
    """An item as a pull brings it: the server's target, version and mapping result."""

    source_system: str
    target: InboundTarget
    payload: dict[str, Any]
    server_item_id: str
    server_version: int
    review_state: str
    mapping: MappingResult
    mapping_source: str = MAPPING_BY_SERVER
    #: The strategy the result was computed with, where known.
    strategy: str | None = None


@dataclass(slots=True)
class PulledPageOutcome:
    created: int = 0
    updated: int = 0
    #: External ids left alone because a local decision on them is not pushed yet.
    kept_local: list[str] = field(default_factory=list)


def warnings_column(warnings: Sequence[str]) -> str | None:
    """Warning codes as the ``warnings`` column keeps them: ``|Code|Other|``."""
    return "|" + "|".join(warnings) + "|" if warnings else None


def _by_source(keys: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    """External ids by source system: queries by one source system at a time, since
    SQLite uses no index for row-value IN lists."""
    grouped: dict[str, list[str]] = {}
    for source, external_id in keys:
        grouped.setdefault(source, []).append(external_id)
    return grouped


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
        mapping_source=row.mapping_source,
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
        """Ids of the items no person has decided (waiting for review, or settled by the
        rules), in import order: those a remap maps again."""
        query = (
            select(ImportItemRow.id)
            .where(
                ImportItemRow.tenant == self.tenant,
                ImportItemRow.source_system == source_system,
                ImportItemRow.review_state.in_(("pending", "not-needed")),
            )
            .order_by(ImportItemRow.id)
        )
        return list(self._session.scalars(query))

    def open_server_items(self, source_system: str) -> list[tuple[int, str]]:
        """(id, server item id) of the items pulled from the server that are still open
        for review here."""
        query = (
            select(ImportItemRow.id, ImportItemRow.server_item_id)
            .where(
                ImportItemRow.tenant == self.tenant,
                ImportItemRow.source_system == source_system,
                ImportItemRow.server_item_id.is_not(None),
                ImportItemRow.review_state.in_(("pending", "deferred")),
            )
            .order_by(ImportItemRow.id)
        )
        return [(item_id, str(wire_id)) for item_id, wire_id in self._session.execute(query)]

    def set_mapping(
        self, item_id: int, version: int, result: MappingResult, strategy: str | None = None
    ) -> None:
        """Store the mapping result computed for ``version`` of the item (under
        ``strategy``)."""
        row = self._session.get(ImportItemRow, item_id)
        if row is None or row.tenant != self.tenant:
            raise NotFoundError(f"no import item {item_id} in tenant '{self.tenant}'")
        row.mapping_result = result.model_dump(mode="json", by_alias=True)
        row.mapping_status = result.status.value
        row.warnings = warnings_column(result.warnings)
        row.mapping_version = version
        row.mapping_source = MAPPING_BY_DESK
        row.mapping_strategy = strategy
        self._session.flush()

    def set_review_state(self, item_id: int, state: str) -> None:
        """Whether the item waits for a person after its (re)mapping: ``pending`` or
        ``not-needed``; an item a person has decided keeps its state."""
        self._session.execute(
            update(ImportItemRow)
            .where(
                ImportItemRow.tenant == self.tenant,
                ImportItemRow.id == item_id,
                ImportItemRow.review_state.in_(("pending", "not-needed")),
            )
            .values(review_state=state)
            .execution_options(synchronize_session="fetch")
        )

    # -- pulled items ----------------------------------------------------------------------

    def server_copies(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], ServerCopy]:
        """For ``(source_system, external_id)`` keys: the stored item's server id and
        version (keys the store does not hold are left out)."""
        found: dict[tuple[str, str], ServerCopy] = {}
        for source, external_ids in _by_source(keys).items():
            for start in range(0, len(external_ids), _CHUNK):
                query = select(
                    ImportItemRow.external_id,
                    ImportItemRow.id,
                    ImportItemRow.server_item_id,
                    ImportItemRow.server_version,
                ).where(
                    ImportItemRow.tenant == self.tenant,
                    ImportItemRow.source_system == source,
                    ImportItemRow.external_id.in_(external_ids[start : start + _CHUNK]),
                )
                for external_id, item_id, server_id, version in self._session.execute(query):
                    found[(source, external_id)] = ServerCopy(item_id, server_id, version)
        return found

    def with_unpushed_decisions(self, item_ids: Sequence[int]) -> set[int]:
        """The items among ``item_ids`` with a decision waiting in the outbox."""
        held: set[int] = set()
        for start in range(0, len(item_ids), _CHUNK):
            chunk = list(item_ids[start : start + _CHUNK])
            query = (
                select(ReviewDecisionRow.item_id)
                .join(OutboxRow, OutboxRow.decision_id == ReviewDecisionRow.id)
                .where(
                    ReviewDecisionRow.tenant == self.tenant,
                    OutboxRow.tenant == self.tenant,
                    ReviewDecisionRow.item_id.in_(chunk),
                    OutboxRow.state.not_in(OUTBOX_PUSHED_STATES),
                )
            )
            held.update(self._session.scalars(query))
        return held

    def store_pulled(self, items: Sequence[PulledItem]) -> PulledPageOutcome:
        """Store pulled items with their mapping results, each for the item version it
        belongs to. An item whose payload changed becomes a new version; an item with a
        decision not pushed yet is left exactly as it is (``kept_local``)."""
        ensure_tenant(self._session, self.tenant)
        outcome = PulledPageOutcome()
        rows: dict[tuple[str, str], ImportItemRow] = {}
        keys = [(item.source_system, item.target.external_id) for item in items]
        for source, external_ids in _by_source(keys).items():
            for start in range(0, len(external_ids), _CHUNK):
                query = select(ImportItemRow).where(
                    ImportItemRow.tenant == self.tenant,
                    ImportItemRow.source_system == source,
                    ImportItemRow.external_id.in_(external_ids[start : start + _CHUNK]),
                )
                for found in self._session.scalars(query):
                    rows[(found.source_system, found.external_id)] = found
        held = self.with_unpushed_decisions([found.id for found in rows.values()])
        now = utcnow()
        new_rows: list[dict[str, Any]] = []
        for item, key in zip(items, keys, strict=True):
            row = rows.get(key)
            if row is not None and row.id in held:
                outcome.kept_local.append(item.target.external_id)
                continue
            server: dict[str, Any] = {
                "origin": ItemOrigin.API.value,
                "origin_detail": item.server_item_id,
                "operation": item.target.operation.value,
                "server_item_id": item.server_item_id,
                "server_version": str(item.server_version),
                "review_state": item.review_state,
                "mapping_result": item.mapping.model_dump(mode="json", by_alias=True),
                "mapping_status": item.mapping.status.value,
                "warnings": warnings_column(item.mapping.warnings),
                "mapping_source": item.mapping_source,
                "mapping_strategy": item.strategy,
            }
            if row is None:
                new_rows.append(
                    {
                        "tenant": self.tenant,
                        "source_system": item.source_system,
                        "external_id": item.target.external_id,
                        "version": 1,
                        "payload": item.payload,
                        "batch_id": None,
                        "mapping_version": 1,
                        "created_at": now,
                        "updated_at": now,
                        **_display_fields(item.target),
                        **server,
                    }
                )
                outcome.created += 1
                continue
            if row.payload != item.payload:
                row.version += 1
                row.payload = item.payload
                for name, value in _display_fields(item.target).items():
                    setattr(row, name, value)
            for name, value in server.items():
                setattr(row, name, value)
            row.mapping_version = row.version
            outcome.updated += 1
        if new_rows:
            # one executemany (render_nulls keeps the ORM from splitting rows by their Nones)
            self._session.execute(
                insert(ImportItemRow).execution_options(render_nulls=True), new_rows
            )
        self._session.flush()
        return outcome
