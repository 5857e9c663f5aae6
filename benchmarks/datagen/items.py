"""Import items derived from the reference data, with the truth of every item.

An item is a Connect target (one JSON object per line) for the main tenant from source
system ``sap-erp``. Its truth names the customer, location and contact it really belongs
to (an id, ``"new"`` for a record that does not exist yet, or ``null`` where the item
carries no such data) and the ``kind`` of perturbation or trap it shows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from random import Random
from typing import Any

from benchmarks.datagen import perturb
from benchmarks.datagen.cities import city_spelling_variants
from benchmarks.datagen.names import JOB_TITLES, PRIORITIES
from benchmarks.datagen.reference import (
    SAP,
    CitySampler,
    Vocabulary,
    distance_km,
    fresh_company,
)

Json = dict[str, Any]

#: Item kinds and their weights. Every kind appears at least once when there are at least
#: as many items as kinds.
KIND_WEIGHTS: dict[str, float] = {
    "exact": 12,
    "external-id-only": 6,
    "customer-number-only": 4,
    "missing-external-id": 8,
    "name-typo": 6,
    "transliteration": 6,
    "street-abbreviation": 6,
    "house-number-variant": 3,
    "city-spelling": 3,
    "legal-form-variant": 5,
    "legal-form-dropped": 4,
    "postal-code-slip": 5,
    "coordinate-jitter": 5,
    "missing-postal-code": 4,
    "missing-coordinates": 4,
    "new-customer": 8,
    "look-alike": 3,
    "chain-new-branch": 3,
    "new-location": 3,
    "new-contact": 3,
    "contact-other-branch": 2,
    "inactive-customer": 2,
    "shared-customer-number": 1,
    "other-tenant-id": 1,
    "no-mapping-data": 2,
    "cancel": 1,
}
KINDS: tuple[str, ...] = tuple(KIND_WEIGHTS)

#: Kinds whose item keeps no external id: only names, numbers and addresses can link it.
_WITHOUT_IDS = frozenset(
    {
        "missing-external-id", "name-typo", "transliteration", "street-abbreviation",
        "house-number-variant", "city-spelling", "legal-form-variant", "legal-form-dropped",
        "postal-code-slip", "coordinate-jitter", "missing-postal-code", "missing-coordinates",
        "chain-new-branch", "shared-customer-number",
    }
)  # fmt: skip


_PREFERRED_LOCATION: dict[str, Callable[[Json], bool]] = {
    "street-abbreviation": lambda loc: "traße" in loc["street"] or "platz" in loc["street"],
    "house-number-variant": lambda loc: not loc["street"][-1].isdigit() or "-" in loc["street"],
    "coordinate-jitter": lambda loc: "latitude" in loc,
    "missing-coordinates": lambda loc: "latitude" in loc,
    "transliteration": lambda loc: perturb.has_umlaut(loc["street"] + loc["city"]),
    "city-spelling": lambda loc: bool(city_spelling_variants(loc["city"])),
}


class Reservoir:
    """A uniform sample of fixed size from a stream (deterministic for its Random)."""

    def __init__(self, size: int, rng: Random) -> None:
        self.size = size
        self.rng = rng
        self.seen = 0
        self.items: list[Json] = []

    def offer(self, item: Json) -> None:
        self.seen += 1
        if len(self.items) < self.size:
            self.items.append(item)
            return
        j = int(self.rng.random() * self.seen)
        if j < self.size:
            self.items[j] = item


def sap_ref(record: Json) -> str | None:
    for ref in record.get("externalRefs", ()):
        if ref["sourceSystem"] == SAP:
            return str(ref["externalId"])
    return None


def _clean(d: Json) -> Json:
    return {k: v for k, v in d.items() if v is not None}


_ADDRESS_KEYS = ("street", "postalCode", "city", "country", "latitude", "longitude")


def customer_dto(c: Json, with_ref: bool) -> Json:
    return _clean(
        {
            "externalId": sap_ref(c) if with_ref else None,
            "customerNumber": c.get("customerNumber"),
            "name": c.get("name"),
            "type": c.get("type"),
            "industry": c.get("industry"),
            "email": c.get("email"),
            "phone": c.get("phone"),
        }
    )


def location_dto(loc: Json, with_ref: bool) -> Json:
    out: Json = {"externalId": sap_ref(loc) if with_ref else None}
    for key in ("name", "type", *_ADDRESS_KEYS):
        out[key] = loc.get(key)
    return _clean(out)


def contact_dto(k: Json, with_ref: bool) -> Json:
    out: Json = {"externalId": sap_ref(k) if with_ref else None}
    for key in ("firstName", "lastName", "displayName", "email", "phone", "mobile"):
        out[key] = k.get(key)
    return _clean(out)


@dataclass
class Draft:
    """An item being built, with its truth."""

    kind: str
    customer: Json | None = None
    location: Json | None = None
    contact: Json | None = None
    address: Json | None = None
    operation: str = "upsert"
    truth: Json = field(default_factory=dict)

    def addresses(self) -> list[Json]:
        return [a for a in (self.location, self.address) if a is not None]


class ItemPlanner:
    """Samples customers from the reference stream, then writes items and their truth."""

    def __init__(self, seed: int | str, items: int, main_tenant: str) -> None:
        self.rng = Random(f"items:{seed}")
        self.count = items
        self.main_tenant = main_tenant
        self.sampler = CitySampler()
        self.vocabulary = Vocabulary(self.sampler)
        pool = max(32, items // 2)
        small = max(8, items // 20)
        self.any = Reservoir(pool, self.rng)
        self.chains = Reservoir(small, self.rng)
        self.inactive = Reservoir(small, self.rng)
        self.multi = Reservoir(small, self.rng)
        self.duplicates = Reservoir(small, self.rng)
        self.umlauts = Reservoir(small, self.rng)
        self.other_tenant: deque[Json] = deque(maxlen=max(8, items // 20))

    def offer(self, customer: Json, duplicate_number: bool) -> None:
        """See one customer of the reference stream (in stream order)."""
        if customer["tenant"] != self.main_tenant:
            self.other_tenant.append(customer)
            return
        if customer["status"] != "Active":
            self.inactive.offer(customer)
            return
        if duplicate_number:
            self.duplicates.offer(customer)
        locations = customer["locations"]
        if len(locations) >= 5:
            self.chains.offer(customer)
        if len(locations) >= 2 and any(
            k.get("locationId") is not None and sap_ref(k) for k in customer["contacts"]
        ):
            self.multi.offer(customer)
        if perturb.has_umlaut(customer["name"]) or any(
            perturb.has_umlaut(loc.get("street", "")) for loc in locations[:3]
        ):
            self.umlauts.offer(customer)
        self.any.offer(customer)

    # -- items ----------------------------------------------------------------------------

    def plan_kinds(self) -> list[str]:
        rng = self.rng
        kinds = list(KINDS[: self.count])
        weights = [KIND_WEIGHTS[k] for k in KINDS]
        kinds += rng.choices(KINDS, weights=weights, k=max(0, self.count - len(kinds)))
        rng.shuffle(kinds)
        return kinds

    def items(self, is_other_tenant_only: Callable[[Json], bool]) -> list[tuple[Json, Json]]:
        """The items and their truth, in item order."""
        rng = self.rng
        out: list[tuple[Json, Json]] = []
        for position, kind in enumerate(self.plan_kinds()):
            draft = self._draft(kind, position, is_other_tenant_only)
            job = f"JOB-2026-{position + 1:07d}"
            target: Json = {
                "externalId": job,
                "sourceSystem": SAP,
                "externalType": "ServiceJob",
                "operation": draft.operation,
                "title": rng.choice(JOB_TITLES),
            }
            target["description"] = f"Auftrag {job[-7:]}: {target['title']}"
            for key in ("customer", "location", "contact", "address"):
                value = getattr(draft, key)
                if value:
                    target[key] = value
            target["planning"] = self._planning()
            truth: Json = {"externalId": job, "kind": draft.kind, "tenant": self.main_tenant}
            truth.update(draft.truth)
            out.append((target, truth))
        return out

    def _planning(self) -> Json:
        rng = self.rng
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        start = rng.choice((7, 8, 9, 10, 13, 14))
        return {
            "dueDate": f"2026-{month:02d}-{day:02d}",
            "preferredTimeWindowStart": f"{start:02d}:00",
            "preferredTimeWindowEnd": f"{start + rng.choice((2, 3, 4)):02d}:00",
            "priority": rng.choice(PRIORITIES),
            "estimatedWorkMinutes": rng.choice((30, 45, 60, 90, 120)),
        }

    def _pick(self, reservoir: Reservoir) -> Json:
        if reservoir.items:
            return self.rng.choice(reservoir.items)
        return self.rng.choice(self.any.items)

    def _draft(self, kind: str, position: int, other_only: Callable[[Json], bool]) -> Draft:
        rng = self.rng
        if kind == "new-customer":
            return self._new_company(kind, position)
        if kind == "other-tenant-id":
            candidates = [c for c in self.other_tenant if other_only(c) and sap_ref(c)]
            if candidates:
                draft = self._from_customer(kind, rng.choice(candidates), with_ids=True)
                draft.truth = {"customerId": "new", "customerLocationId": "new"}
                if draft.contact is not None:
                    draft.truth["customerContactId"] = "new"
                return draft
            kind = "new-customer"
            return self._new_company(kind, position)
        source = {
            "chain-new-branch": self.chains,
            "inactive-customer": self.inactive,
            "contact-other-branch": self.multi,
            "shared-customer-number": self.duplicates,
            "transliteration": self.umlauts,
        }.get(kind, self.any)
        customer = self._pick(source)
        if kind == "look-alike":
            return self._look_alike(customer, position)
        draft = self._from_customer(kind, customer, with_ids=kind not in _WITHOUT_IDS)
        self._perturb(draft, customer, position)
        return draft

    def _from_customer(self, kind: str, c: Json, with_ids: bool) -> Draft:
        rng = self.rng
        locations = c["locations"]
        preferred = _PREFERRED_LOCATION.get(kind)
        fitting = [loc for loc in locations if preferred(loc)] if preferred else []
        loc = rng.choice(fitting or locations)
        contacts = [k for k in c["contacts"] if k.get("locationId") in (None, loc["id"])]
        contact = rng.choice(contacts) if contacts and rng.random() < 0.6 else None
        draft = Draft(kind=kind)
        draft.customer = customer_dto(c, with_ids)
        draft.location = location_dto(loc, with_ids)
        if rng.random() < 0.35:
            draft.address = {k: loc[k] for k in _ADDRESS_KEYS if k in loc}
        if contact is not None:
            draft.contact = contact_dto(contact, with_ids)
        draft.truth = {
            "customerId": c["id"],
            "customerLocationId": loc["id"],
            "customerContactId": contact["id"] if contact else None,
        }
        return draft

    def _perturb(self, d: Draft, c: Json, position: int) -> None:
        rng = self.rng
        kind = d.kind
        assert d.customer is not None and d.location is not None
        if kind == "external-id-only":
            d.customer = {"externalId": d.customer.get("externalId")} if d.customer else None
            d.location = _clean({"externalId": d.location.get("externalId")})
            d.address = None
            if d.contact is not None:
                d.contact = _clean({"externalId": d.contact.get("externalId")})
            if not d.location:
                d.location = None
                d.truth["customerLocationId"] = None
            if not d.contact:
                d.contact = None
                d.truth["customerContactId"] = None
        elif kind == "customer-number-only":
            d.customer = {"customerNumber": c["customerNumber"]}
            d.location = d.contact = d.address = None
            d.truth["customerLocationId"] = d.truth["customerContactId"] = None
        elif kind == "name-typo":
            d.customer["name"] = perturb.typo(rng, d.customer["name"])
        elif kind == "transliteration":
            d.customer["name"] = perturb.transliterate(d.customer["name"])
            for a in d.addresses():
                a["street"] = perturb.transliterate(a["street"])
                a["city"] = perturb.transliterate(a["city"])
        elif kind == "street-abbreviation":
            street = perturb.abbreviate_street(rng, d.location["street"])
            for a in d.addresses():
                a["street"] = street
        elif kind == "house-number-variant":
            for a in d.addresses():
                a["street"] = perturb.vary_house_number(a["street"])
        elif kind == "city-spelling":
            spelling = perturb.vary_city(rng, d.location["city"])
            for a in d.addresses():
                a["city"] = spelling
        elif kind in ("legal-form-variant", "legal-form-dropped"):
            drop = kind == "legal-form-dropped"
            d.customer["name"] = perturb.vary_legal_form(rng, d.customer["name"], drop)
        elif kind == "postal-code-slip":
            code = perturb.slip_postal_code(rng, d.location["postalCode"])
            for a in d.addresses():
                a["postalCode"] = code
        elif kind == "coordinate-jitter":
            if "latitude" in d.location:
                lat, lon = perturb.jitter_metres(
                    rng, d.location["latitude"], d.location["longitude"], 10.0, 80.0
                )
                for a in d.addresses():
                    a["latitude"], a["longitude"] = lat, lon
        elif kind in ("missing-postal-code", "missing-coordinates"):
            keys = ("postalCode",) if kind == "missing-postal-code" else ("latitude", "longitude")
            for a in d.addresses():
                for key in keys:
                    a.pop(key, None)
        elif kind == "chain-new-branch":
            city = self.sampler.pick(rng)
            new = self.vocabulary.address(rng, city, rng.random() < 0.9)
            d.location = _clean({"name": f"Filiale {city.name}", "type": "Branch", **new})
            d.location.pop("region", None)
            d.address = None
            d.contact = None
            d.truth.update(customerLocationId="new", customerContactId=None)
        elif kind == "new-location":
            city = self.sampler.pick(rng)
            new = self.vocabulary.address(rng, city, True)
            new.pop("region", None)
            d.location = {"name": f"Standort {city.name}", "type": "Site", **new}
            d.address = None
            d.truth["customerLocationId"] = "new"
        elif kind == "new-contact":
            person = self.vocabulary.person(rng, self.sampler.pick(rng), "example.org")
            d.contact = _clean({k: person.get(k) for k in contact_keys()})
            d.truth["customerContactId"] = "new"
        elif kind == "contact-other-branch":
            self._contact_elsewhere(d, c)
        elif kind == "no-mapping-data":
            d.address = {k: v for k, v in d.location.items() if k in _ADDRESS_KEYS}
            d.customer = d.location = d.contact = None
            d.truth = {"customerId": None, "customerLocationId": None, "customerContactId": None}
        elif kind == "cancel":
            d.operation = "cancel"

    def _contact_elsewhere(self, d: Draft, c: Json) -> None:
        """The item's contact works at another branch than the item's location."""
        rng = self.rng
        attached = [k for k in c["contacts"] if k.get("locationId") is not None and sap_ref(k)]
        if not attached or len(c["locations"]) < 2:
            return
        contact = rng.choice(attached)
        others = [loc for loc in c["locations"] if loc["id"] != contact["locationId"]]
        loc = rng.choice(others)
        d.location = location_dto(loc, True)
        d.address = None
        d.contact = contact_dto(contact, True)
        d.truth.update(customerLocationId=loc["id"], customerContactId=contact["id"])

    def _new_company(self, kind: str, position: int) -> Draft:
        rng = self.rng
        city = self.sampler.pick(rng)
        customer, location, contact = fresh_company(
            rng, self.vocabulary, city, f"CUST-{90_000_000 + position}", f"KD-9{position:06d}"
        )
        location.pop("region", None)
        d = Draft(kind=kind, customer=_clean(customer), location=_clean(location))
        d.truth = {"customerId": "new", "customerLocationId": "new", "customerContactId": None}
        if rng.random() < 0.5:
            d.contact = _clean({k: contact.get(k) for k in contact_keys()})
            d.truth["customerContactId"] = "new"
        return d

    def _look_alike(self, c: Json, position: int) -> Draft:
        """Another company of the same name, far from every location of ``c``."""
        rng = self.rng
        d = self._new_company("look-alike", position)
        assert d.customer is not None
        d.customer["name"] = c["name"]
        homes = [
            city
            for city in self.sampler.cities
            if all(city.name != loc.get("city") for loc in c["locations"])
        ]
        for _ in range(20):
            city = rng.choice(homes)
            if all(
                distance_km(city, other) > 100.0
                for other in self.sampler.cities
                if any(other.name == loc.get("city") for loc in c["locations"][:5])
            ):
                break
        new = self.vocabulary.address(rng, city, True)
        new.pop("region", None)
        assert d.location is not None
        d.location.update(new)
        return d


def contact_keys() -> tuple[str, ...]:
    return ("firstName", "lastName", "displayName", "email", "phone", "mobile")
