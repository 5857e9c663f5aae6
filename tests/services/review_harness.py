"""A store with the demo world's reference data and a few import items for review tests:
name-and-address rules without auto-creation, so that items wait for a person."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.services.demo_service import demo_world
from ordinavo_desk.services.import_service import ImportService
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.item_repository import ImportItemRepository
from ordinavo_desk.store.rows import (
    AuditEventRow,
    CustomerRow,
    LocationRow,
    OutboxRow,
    ReviewDecisionRow,
)

SETTINGS: dict[str, Any] = {
    "tenant": "acme",
    "sourceSystem": "sap-erp",
    "strategy": "ExternalIdThenNameAndAddress",
    "scopes": ["inbound.targets.write", "customers.map", "customers.write", "customers.read"],
    "autoCreate": {"customer": False, "location": False, "contact": False},
}

#: Two look-alike customers (10 at location 40, 11 at location 41): AmbiguousNameAndAddress.
AMBIGUOUS: dict[str, Any] = {
    "externalId": "JOB-AMB",
    "customer": {"name": "Schmitz Sanitär GmbH", "externalId": "ERP-SCHMITZ"},
    "location": {"street": "Kölner Landstraße 40", "postalCode": "40591",
                 "city": "Düsseldorf", "country": "DE"},
    "contact": {"displayName": "Jana Schmitz", "email": "jana@schmitz.example"},
}  # fmt: skip
#: Nobody the tenant knows.
UNKNOWN: dict[str, Any] = {
    "externalId": "JOB-NEW",
    "customer": {"name": "Völlig Neue Firma GmbH", "externalId": "ERP-NEU"},
    "location": {"street": "Neue Strasse 1", "postalCode": "80331", "city": "München",
                 "country": "DE"},
    "contact": {"displayName": "Eva Neu", "email": "eva@neu.example"},
}  # fmt: skip
#: Mapped by external ID.
MAPPED: dict[str, Any] = {
    "externalId": "JOB-MAPPED",
    "customer": {"externalId": "CUST-10042"},
    "location": {"externalId": "LOC-ESSEN-01"},
}


def local_profile(store: Store, name: str = "local", **settings: Any) -> Profile:
    profile = Profile(name=name, settings=MappingSettings.model_validate({**SETTINGS, **settings}))
    ProfileService(store).save(profile)
    return profile


def import_items(store: Store, profile: Profile, tmp: Path, *targets: dict[str, Any]) -> None:
    path = tmp / "items.jsonl"
    path.write_text("\n".join(json.dumps(t) for t in targets), encoding="utf-8")
    ImportService(store).import_file(path, profile)


@contextmanager
def review_store(url: str, tmp: Path) -> Iterator[tuple[Store, Profile]]:
    store = Store(url)
    try:
        profile = local_profile(store)
        ImportService(store).load_reference(demo_world().reference, "acme")
        import_items(store, profile, tmp, AMBIGUOUS, UNKNOWN, MAPPED)
        yield store, profile
    finally:
        store.dispose()


def item_id(store: Store, external_id: str, tenant: str = "acme") -> int:
    with store.unit_of_work() as session:
        found = ImportItemRepository(session, tenant).find("sap-erp", external_id)
        assert found is not None
        return found.id


def counts(store: Store) -> dict[str, int]:
    """Rows of the tables a decision writes to."""
    with store.unit_of_work() as session:
        return {
            row.__tablename__: session.scalar(select(func.count()).select_from(row)) or 0
            for row in (ReviewDecisionRow, OutboxRow, AuditEventRow, CustomerRow, LocationRow)
        }
