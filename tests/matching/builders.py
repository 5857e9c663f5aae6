"""Small reference data, settings and items built in code for the matching tests."""

from __future__ import annotations

from typing import Any

from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.reference import Customer
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.matching.engine import ItemOutcome, MappingEngine
from ordinavo_desk.matching.index import ReferenceIndex

TENANT = "acme"
SOURCE = "sap-erp"
ALL_SCOPES = ["inbound.targets.write", "customers.map", "customers.write", "customers.read"]


def refs(*external_ids: str, source: str = SOURCE) -> list[dict[str, str]]:
    return [{"sourceSystem": source, "externalId": e} for e in external_ids]


def location(
    id: int,
    street: str | None = "Hachestraße 12",
    postal_code: str | None = "45127",
    city: str | None = "Essen",
    lat: float | None = 51.451,
    lon: float | None = 7.012,
    ext: tuple[str, ...] = (),
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": id,
        "street": street,
        "postalCode": postal_code,
        "city": city,
        "country": "DE",
        "latitude": lat,
        "longitude": lon,
        "externalRefs": refs(*ext),
        **extra,
    }


def contact(
    id: int, location_id: int | None = None, ext: tuple[str, ...] = (), **extra: Any
) -> dict[str, Any]:
    return {"id": id, "locationId": location_id, "externalRefs": refs(*ext), **extra}


def customer(
    id: int,
    name: str | None = "Rhein-Ruhr Medical Supply GmbH",
    number: str | None = None,
    ext: tuple[str, ...] = (),
    locations: list[dict[str, Any]] | None = None,
    contacts: list[dict[str, Any]] | None = None,
    tenant: str | None = TENANT,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": id,
        "tenant": tenant,
        "customerNumber": number,
        "name": name,
        "externalRefs": refs(*ext),
        "locations": locations or [],
        "contacts": contacts or [],
        **extra,
    }


def index_of(*customers: dict[str, Any]) -> ReferenceIndex:
    return ReferenceIndex.from_reference(
        [Customer.model_validate(c) for c in customers], default_tenant=TENANT
    )


def engine_of(*customers: dict[str, Any]) -> MappingEngine:
    return MappingEngine(index_of(*customers))


def settings(**overrides: Any) -> MappingSettings:
    data: dict[str, Any] = {"tenant": TENANT, "sourceSystem": SOURCE}
    data.update(overrides)
    return MappingSettings.model_validate(data)


def item(
    customer: dict[str, Any] | None = None,
    location: dict[str, Any] | None = None,
    contact: dict[str, Any] | None = None,
    external_id: str = "JOB-1",
    **extra: Any,
) -> InboundTarget:
    data: dict[str, Any] = {"externalId": external_id, "title": "Service visit", **extra}
    if customer is not None:
        data["customer"] = customer
    if location is not None:
        data["location"] = location
    if contact is not None:
        data["contact"] = contact
    return InboundTarget.model_validate(data)


ESSEN = {"street": "Hachestraße 12", "postalCode": "45127", "city": "Essen"}
ESSEN_COORDS = {**ESSEN, "latitude": 51.451, "longitude": 7.012}


def run(engine: MappingEngine, target: InboundTarget, **overrides: Any) -> ItemOutcome:
    return engine.map_item(target, settings(**overrides))


def standard_customers() -> list[dict[str, Any]]:
    """The reference most rule tests use.

    12 Rhein-Ruhr Medical Supply GmbH (RRM-001, CUST-10042): locations 34 Essen
       (LOC-ESSEN-01), 35 Düsseldorf (LOC-DUS-01); contacts 56 Anna Weber at 34 (CONT-44),
       57 Bernd Kurz at 35 (CONT-45)
    20 Nordlicht Facility Services (NFS-9, CUST-20): location 40 Hamburg without
       coordinates (LOC-HH-40)
    21 Archiv Handel KG, Archived (CUST-21); 22 Sperr Beta AG, Blocked (CUST-22), no
       locations
    30, 31 share customer number DUP-1
    """
    return [
        customer(
            12,
            number="RRM-001",
            ext=("CUST-10042",),
            locations=[
                location(34, ext=("LOC-ESSEN-01",)),
                location(
                    35, "Königsallee 1", "40212", "Düsseldorf", 51.2254, 6.7806, ext=("LOC-DUS-01",)
                ),
            ],
            contacts=[
                contact(
                    56,
                    34,
                    ext=("CONT-44",),
                    firstName="Anna",
                    lastName="Weber",
                    displayName="Anna Weber",
                    email="anna.weber@example.com",
                    phone="+49 201 123456",
                ),
                contact(
                    57,
                    35,
                    ext=("CONT-45",),
                    firstName="Bernd",
                    lastName="Kurz",
                    displayName="Bernd Kurz",
                    email="bernd.kurz@example.com",
                    mobile="0171 2345678",
                ),
            ],
        ),
        customer(
            20,
            "Nordlicht Facility Services",
            number="NFS-9",
            ext=("CUST-20",),
            locations=[
                location(40, "Am Sandtorkai 5", "20457", "Hamburg", None, None, ext=("LOC-HH-40",))
            ],
        ),
        customer(
            21,
            "Archiv Handel KG",
            ext=("CUST-21",),
            status="Archived",
            locations=[location(41, "Marktplatz 3", "04109", "Leipzig", 51.34, 12.37)],
        ),
        customer(22, "Sperr Beta AG", ext=("CUST-22",), status="Blocked"),
        customer(
            30,
            "Doppel Eins GmbH",
            number="DUP-1",
            locations=[location(50, "Ring 1", "50667", "Köln", 50.94, 6.95)],
        ),
        customer(
            31,
            "Doppel Zwei GmbH",
            number="dup-1 ",
            locations=[location(51, "Ring 2", "50667", "Köln", 50.941, 6.951)],
        ),
    ]


def standard_engine() -> MappingEngine:
    return engine_of(*standard_customers())
