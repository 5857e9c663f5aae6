"""Demo data of the sandbox: two tenants' reference data and demo keys (public on
purpose: they only open the local sandbox); and seeding a sandbox from files."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select

from ordinavo_desk.domain.enums import Scope
from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.domain.reference import Customer
from ordinavo_desk.domain.validation import input_error_from
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.sandbox.imports import run_import
from ordinavo_desk.sandbox.key_registry import KeyGrant
from ordinavo_desk.sandbox.rows import ItemRow
from ordinavo_desk.sandbox.sandbox_store import SandboxStore

DEMO_TENANT = "acme"
DEMO_SOURCE = "sap-erp"

_ALL = [scope.value for scope in Scope]
_DEMO_SETTINGS = {
    "strategy": "ExternalIdThenNameAndAddress",
    "autoCreate": {"customer": False, "location": True, "contact": True},
}

DEMO_KEYS: dict[str, KeyGrant] = {
    "fio_test_acme_full": KeyGrant.create(
        name="acme-full", key="fio_test_acme_full", tenant="acme",
        source_system=DEMO_SOURCE, scopes=_ALL, settings=_DEMO_SETTINGS,
    ),
    "fio_test_acme_mapper": KeyGrant.create(
        name="acme-mapper", key="fio_test_acme_mapper", tenant="acme",
        source_system=DEMO_SOURCE,
        scopes=["integration.health.read", "inbound.targets.write", "import_jobs.read",
                "customers.map"],
        settings=_DEMO_SETTINGS,
    ),
    "fio_test_globex_full": KeyGrant.create(
        name="globex-full", key="fio_test_globex_full", tenant="globex",
        source_system="crm", scopes=_ALL, settings=_DEMO_SETTINGS,
    ),
}  # fmt: skip


def demo_reference() -> list[Customer]:
    data = [
        {"id": 12, "tenant": "acme", "customerNumber": "RRM-001",
         "name": "Rhein-Ruhr Medical Supply GmbH", "type": "Business",
         "externalRefs": [{"sourceSystem": DEMO_SOURCE, "externalId": "CUST-10042"}],
         "locations": [{"id": 34, "name": "Essen Center", "street": "Hachestrasse 12",
                        "postalCode": "45127", "city": "Essen", "country": "DE",
                        "latitude": 51.451, "longitude": 7.012,
                        "externalRefs": [{"sourceSystem": DEMO_SOURCE,
                                          "externalId": "LOC-ESSEN-01"}]}],
         "contacts": [{"id": 56, "locationId": 34, "displayName": "Anna Weber",
                       "email": "anna.weber@example.com",
                       "externalRefs": [{"sourceSystem": DEMO_SOURCE,
                                         "externalId": "CONT-44"}]}]},
        {"id": 13, "tenant": "acme", "customerNumber": "SWN-100", "name": "Stadtwerke Nord AG",
         "locations": [{"id": 35, "name": "Depot Mitte", "street": "Ringstraße 1",
                        "postalCode": "20095", "city": "Hamburg", "country": "DE",
                        "latitude": 53.550, "longitude": 10.000},
                       {"id": 36, "name": "Depot Süd", "street": "Hafenweg 7",
                        "postalCode": "21073", "city": "Hamburg", "country": "DE"}]},
        {"id": 14, "tenant": "acme", "name": "Bäckerei Müller GmbH",
         "locations": [{"id": 37, "street": "Marktplatz 3", "postalCode": "50667",
                        "city": "Köln", "country": "DE"}]},
        {"id": 15, "tenant": "acme", "name": "Baeckerei Mueller KG",
         "locations": [{"id": 38, "street": "Marktplatz 5", "postalCode": "50667",
                        "city": "Köln", "country": "DE"}]},
        {"id": 20, "tenant": "globex", "customerNumber": "GX-1", "name": "Globex Logistics",
         "externalRefs": [{"sourceSystem": "crm", "externalId": "G-1"}],
         "locations": [{"id": 40, "street": "Dock Road 1", "postalCode": "10115",
                        "city": "Berlin", "country": "DE"}]},
    ]  # fmt: skip
    return [Customer.model_validate(c) for c in data]


# -- seeding from files (trainers' own data, benchmarks) ----------------------------------


def read_json_values(path: Path, array_keys: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """The objects of a JSON Lines file (one per line), or of a JSON document that is an
    array or an object holding the array under one of ``array_keys``."""

    def spread(value: Any) -> Iterator[Any]:
        if isinstance(value, dict):
            key = next((k for k in array_keys if isinstance(value.get(k), list)), None)
            if key is not None:
                yield from value[key]
                return
        if isinstance(value, list):
            yield from value
            return
        yield value

    with path.open("r", encoding="utf-8-sig") as stream:
        first = stream.readline()
        try:
            json.loads(first)
        except json.JSONDecodeError:  # one document over several lines
            stream.seek(0)
            yield from spread(json.load(stream))
            return
        stream.seek(0)
        for number, line in enumerate(stream, start=1):
            if line.strip():
                try:
                    yield from spread(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError(f"line {number}: {exc.msg}", file=str(path)) from None


def load_reference_file(store: SandboxStore, path: Path, default_tenant: str) -> int:
    """Seed ``store`` with the customers of a reference file (the exchange format of
    ``reference load``); answers how many were stored."""
    try:
        customers = [
            Customer.model_validate(value) for value in read_json_values(path, ("customers",))
        ]
    except ValidationError as exc:
        raise input_error_from(exc, file=str(path)) from exc
    store.seed(customers, default_tenant)
    return len(customers)


def import_targets(
    store: SandboxStore,
    engine: MappingEngine,
    grant: KeyGrant,
    targets: Iterable[dict[str, Any]],
    *,
    batch_size: int = 500,
) -> Counter[str]:
    """Import targets as ``grant`` would through ``POST /inbound/targets/batch``, one
    batch per transaction; answers the items' statuses counted, and ``review``: how many
    of them now wait for a person."""
    counts: Counter[str] = Counter()
    batch: list[object] = []

    def flush() -> None:
        with store.unit_of_work() as session:
            job = run_import(session, engine, grant, batch, {})
            for item in job["items"]:
                counts[item["status"]] += 1
        batch.clear()

    for target in targets:
        batch.append(target)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    counts["review"] = item_count(store, grant.tenant, waiting=True)
    return counts


def item_count(store: SandboxStore, tenant: str, *, waiting: bool = False) -> int:
    """How many items ``tenant`` has (``waiting``: how many wait for a person)."""
    with store.unit_of_work() as session:
        query = select(func.count()).select_from(ItemRow).where(ItemRow.tenant == tenant)
        if waiting:
            query = query.where(ItemRow.needs_review.is_(True))
        return session.scalar(query) or 0
