"""File import: Connect payloads into import items, reference data into the store."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ordinavo_desk.domain.enums import ItemOrigin, MappingStatus
from ordinavo_desk.domain.errors import ConflictError, InputError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.mapping_service import map_stored_items
from ordinavo_desk.services.payload_files import read_reference, read_targets
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.item_repository import ImportItemRepository
from ordinavo_desk.store.reference_repository import ReferenceRepository


@dataclass(frozen=True, slots=True)
class ImportSummary:
    file: str
    created: int
    updated: int
    unchanged: int
    #: Mapping statuses of the new and changed items.
    statuses: dict[MappingStatus, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True, slots=True)
class ReferenceSummary:
    file: str
    customers_by_tenant: dict[str, int] = field(default_factory=dict)
    locations: int = 0
    contacts: int = 0


class ImportService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def import_file(self, path: Path, profile: Profile) -> ImportSummary:
        """Store every target of ``path`` as an import item of ``profile`` and map the new
        and changed ones, all or nothing.

        The whole file is read and validated before anything is written, and the writes
        happen in one transaction: a bad file leaves the store as it was.
        """
        parsed = read_targets(path, profile.source_system)
        counts: Counter[str] = Counter()
        changed: list[int] = []
        with self._store.unit_of_work() as session:
            items = ImportItemRepository(session, profile.tenant)
            for entry in parsed:
                detail = f"{path.name}:{entry.line}" if entry.line else f"{path.name}"
                if entry.prefix:
                    detail += f" {entry.prefix}"
                outcome = items.upsert(
                    profile.source_system,
                    entry.target,
                    entry.payload,
                    origin=ItemOrigin.FILE,
                    origin_detail=detail,
                    batch_id=entry.batch_id,
                )
                if outcome.changed and outcome.item_id not in changed:
                    changed.append(outcome.item_id)
                if outcome.created:
                    counts["created"] += 1
                elif outcome.changed:
                    counts["updated"] += 1
                else:
                    counts["unchanged"] += 1
            statuses = map_stored_items(session, profile, changed)
        return ImportSummary(
            str(path),
            counts["created"],
            counts["updated"],
            counts["unchanged"],
            dict(Counter(statuses)),
        )

    def item_count(self, profile: Profile) -> int:
        with self._store.unit_of_work() as session:
            return ImportItemRepository(session, profile.tenant).count()

    def load_reference(self, path: Path, default_tenant: str) -> ReferenceSummary:
        """Load reference data (customers with locations, contacts, references), all or
        nothing: a duplicate or conflicting reference stops the load with nothing stored."""
        customers = read_reference(path, default_tenant)
        by_tenant: dict[str, list[int]] = {}
        for index, customer in enumerate(customers):
            by_tenant.setdefault(customer.tenant or default_tenant, []).append(index)
        try:
            with self._store.unit_of_work() as session:
                for tenant, indexes in by_tenant.items():
                    ReferenceRepository(session, tenant).replace_customers(
                        [customers[i] for i in indexes]
                    )
        except ConflictError as exc:
            raise InputError(str(exc), file=str(path)) from None
        return ReferenceSummary(
            file=str(path),
            customers_by_tenant={tenant: len(ix) for tenant, ix in by_tenant.items()},
            locations=sum(len(c.locations) for c in customers),
            contacts=sum(len(c.contacts) for c in customers),
        )
