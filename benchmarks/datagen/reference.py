"""Reference data: German business customers with locations, contacts and external refs.

Customers are produced one at a time as plain JSON-ready dicts in the exchange format
(camelCase, absent optional fields left out), so that a million of them stream to disk
without ever being held together.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from random import Random
from typing import Any, TypeVar

from benchmarks.datagen.cities import CITIES, City
from benchmarks.datagen.names import (
    ACCESS_NOTES,
    BRAND_WORDS,
    CONTACT_METHODS,
    FIRST_NAMES,
    LEGAL_FORMS,
    LOCATION_TYPES,
    PARKING_NOTES,
    PERSON_STREETS,
    PLACE_FEATURES,
    PRIORITIES,
    REGION_PREFIXES,
    ROLES,
    STREET_STEMS,
    STREET_SUFFIXES,
    SURNAMES,
    TRADES,
)
from benchmarks.datagen.text import CITY_ADJECTIVES, slug, to_ascii

Json = dict[str, Any]
T = TypeVar("T")

SAP = "sap-erp"
CRM = "crm"
PORTAL = "portal"

#: The first number of the shared ``CUST-…`` range.
CUSTOMER_REF_BASE = 10_000
#: The second tenant numbers its customers with this stride, so that the lower part of its
#: ``CUST-…`` strings also exist in the first tenant and the upper part only in its own.
SECOND_TENANT_STRIDE = 5

CHAIN_TRADES: tuple[tuple[str, str], ...] = (
    ("Frischemarkt", "Food Retail"),
    ("Backstube", "Food Retail"),
    ("Apotheken", "Pharmacy"),
    ("Autoservice", "Automotive"),
    ("Fitness", "Leisure"),
    ("Baumarkt", "Retail"),
    ("Getränkemarkt", "Wholesale"),
    ("Drogerie", "Retail"),
    ("Optik", "Retail"),
    ("Hörgeräte", "Medical Supply"),
    ("Tankstellen", "Energy"),
    ("Pflegeheime", "Healthcare"),
    ("Hotels", "Hospitality"),
    ("Logistikzentren", "Logistics"),
)
CHAIN_LEGAL_FORMS: tuple[str, ...] = ("GmbH & Co. KG", "GmbH", "GmbH", "AG", "KG")


@dataclass(frozen=True, slots=True)
class WorldShape:
    """The proportions of the generated world (all shares are per customer)."""

    tenants: tuple[str, str] = ("acme", "borealis")
    second_tenant_share: float = 0.20
    #: Small customers: weights of 1, 2, 3 and 4–8 locations.
    small_location_weights: tuple[float, float, float, float] = (0.58, 0.22, 0.12, 0.08)
    chain_share: float = 0.02
    chain_branches: tuple[int, int] = (10, 60)
    #: Customers with 100+ branches: this many per million, at least one in a world of
    #: ``big_chain_min_customers`` customers or more.
    big_chains_per_million: int = 500
    big_chain_min_customers: int = 100
    big_chain_branches: tuple[int, int] = (100, 400)
    archived_share: float = 0.02
    blocked_share: float = 0.01
    no_coordinates_share: float = 0.05
    duplicate_number_share: float = 0.002
    customer_without_refs_share: float = 0.06
    location_ref_share: float = 0.85
    contact_ref_share: float = 0.7
    crm_share: float = 0.55
    portal_share: float = 0.12
    legacy_sap_ref_share: float = 0.03


class CitySampler:
    """Cities weighted by population."""

    def __init__(self, cities: tuple[City, ...] = CITIES) -> None:
        self.cities = cities
        total = 0.0
        self._cum: list[float] = []
        for city in cities:
            total += city.population
            self._cum.append(total)
        self._total = total

    def pick(self, rng: Random) -> City:
        return self.cities[bisect.bisect_right(self._cum, rng.random() * self._total)]

    def near(self, rng: Random, city: City, max_km: float = 60.0) -> City:
        """A city within ``max_km`` of ``city`` (``city`` itself when none is)."""
        for _ in range(8):
            other = self.pick(rng)
            if other is not city and distance_km(city, other) <= max_km:
                return other
        return city


def distance_km(a: City, b: City) -> float:
    dlat = (a.latitude - b.latitude) * 111.2
    dlon = (a.longitude - b.longitude) * 111.2 * math.cos(math.radians(a.latitude))
    return math.hypot(dlat, dlon)


def jitter(rng: Random, lat: float, lon: float, max_m: float) -> tuple[float, float]:
    """A point uniformly within ``max_m`` metres of (lat, lon), rounded to about 1 m."""
    r = max_m * math.sqrt(rng.random())
    a = rng.random() * 2 * math.pi
    dlat = r * math.cos(a) / 111_200.0
    dlon = r * math.sin(a) / (111_200.0 * math.cos(math.radians(lat)))
    return round(lat + dlat, 5), round(lon + dlon, 5)


def pick(rng: Random, seq: Sequence[T]) -> T:
    """``rng.choice`` without its overhead (the result differs, the spread does not)."""
    return seq[int(rng.random() * len(seq))]


def randint(rng: Random, low: int, high: int) -> int:
    """``rng.randint`` without its overhead: an integer in [low, high]."""
    return low + int(rng.random() * (high - low + 1))


def _weighted(rng: Random, pairs: tuple[tuple[str, int], ...]) -> str:
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for value, weight in pairs:
        x -= weight
        if x < 0:
            return value
    return pairs[-1][0]


class Vocabulary:
    """Builders of names, streets, phones and people from the vocabulary lists."""

    def __init__(self, cities: CitySampler) -> None:
        self.cities = cities

    # -- places ---------------------------------------------------------------------------

    def street(self, rng: Random, city: City) -> str:
        x = rng.random()
        if x < 0.62:
            name = pick(rng, STREET_STEMS) + _weighted(rng, STREET_SUFFIXES)
        elif x < 0.78:
            name = pick(rng, PERSON_STREETS)
        elif x < 0.90:
            prep, feature = pick(rng, PLACE_FEATURES)
            name = f"{prep} {feature}"
        else:
            other = self.cities.near(rng, city, 80.0)
            adjective = CITY_ADJECTIVES.get(other.name)
            name = f"{adjective} Straße" if adjective else f"{other.name.split()[0]}er Weg"
        return f"{name} {self.house_number(rng)}"

    @staticmethod
    def house_number(rng: Random) -> str:
        base = int(rng.paretovariate(1.2) * 3)
        base = max(1, min(base, 240))
        x = rng.random()
        if x < 0.10:
            return f"{base}{pick(rng, 'abc')}"
        if x < 0.15:
            return f"{base}-{base + pick(rng, (1, 2, 4))}"
        return str(base)

    def address(self, rng: Random, city: City, with_coordinates: bool) -> Json:
        postal = randint(rng, city.postal_low, city.postal_high)
        out: Json = {
            "street": self.street(rng, city),
            "postalCode": f"{postal:05d}",
            "city": city.name,
            "region": city.region,
            "country": "DE",
        }
        if with_coordinates:
            lat, lon = jitter(rng, city.latitude, city.longitude, city.radius_km * 1000.0)
            out["latitude"] = lat
            out["longitude"] = lon
        return out

    # -- companies ------------------------------------------------------------------------

    def company(self, rng: Random, city: City) -> tuple[str, str, str]:
        """(name, industry, legal form) of a small or medium business near ``city``."""
        trade, industry = pick(rng, TRADES)
        surname = pick(rng, SURNAMES)
        x = rng.random()
        if x < 0.28:
            base = f"{surname} {trade}"
        elif x < 0.40:
            base = f"{trade} {surname}"
        elif x < 0.50:
            base = f"{pick(rng, FIRST_NAMES)} {surname} {trade}"
        elif x < 0.60:
            other = pick(rng, SURNAMES)
            base = f"{surname} & {other}" if rng.random() < 0.5 else f"{surname} & {other} {trade}"
        elif x < 0.70:
            adjective = CITY_ADJECTIVES.get(city.name)
            base = f"{adjective} {trade}" if adjective else f"{trade} {city.name.split()[0]}"
            if rng.random() < 0.5:
                base = f"{base} {surname}"
        elif x < 0.80:
            base = f"{pick(rng, REGION_PREFIXES)} {trade}"
            if rng.random() < 0.6:
                base = f"{base} {surname}"
        elif x < 0.90:
            base = f"{pick(rng, BRAND_WORDS)} {trade}"
        else:
            base = f"{surname} {trade} {city.name.split()[0].split('-')[0]}"
        legal = _weighted(rng, LEGAL_FORMS)
        return (f"{base} {legal}" if legal else base), industry, legal

    @staticmethod
    def chain(rng: Random) -> tuple[str, str, str]:
        trade, industry = pick(rng, CHAIN_TRADES)
        brand = pick(rng, BRAND_WORDS)
        x = rng.random()
        if x < 0.4:
            base = f"{brand} {trade}"
        elif x < 0.7:
            base = f"{brand}-{trade}"
        else:
            base = f"{brand} {trade} {pick(rng, REGION_PREFIXES)}"
        legal = pick(rng, CHAIN_LEGAL_FORMS)
        return f"{base} {legal}", industry, legal

    # -- people and numbers ---------------------------------------------------------------

    @staticmethod
    def phone(rng: Random, city: City) -> str:
        digits = 9 - len(city.area_code) + randint(rng, 0, 2)
        return f"+49 {city.area_code} {randint(rng, 10 ** (digits - 1), 10**digits - 1)}"

    @staticmethod
    def mobile(rng: Random) -> str:
        prefix = pick(rng, ("151", "152", "157", "160", "162", "170", "171", "172", "176"))
        return f"+49 {prefix} {randint(rng, 1_000_000, 99_999_999)}"

    def person(self, rng: Random, city: City, domain: str) -> Json:
        first = pick(rng, FIRST_NAMES)
        last = pick(rng, SURNAMES)
        role, department = pick(rng, ROLES)
        local = slug(f"{first}.{last}").replace("-", ".")
        out: Json = {
            "firstName": first,
            "lastName": last,
            "displayName": f"{first} {last}",
            "role": role,
            "department": department,
            "email": f"{local}@{domain}",
            "phone": self.phone(rng, city),
            "preferredContactMethod": pick(rng, CONTACT_METHODS),
        }
        if rng.random() < 0.45:
            out["mobile"] = self.mobile(rng)
        return out


def domain_of(name: str, legal: str) -> str:
    base = name[: -len(legal)] if legal and name.endswith(legal) else name
    return (slug(base) or "firma")[:40].strip("-") + ".de"


@dataclass(slots=True)
class _TenantState:
    sequence: int = 0
    recent_numbers: list[str] | None = None


class ReferenceGenerator:
    """Customers of two tenants, one dict at a time, deterministic for a seed.

    Ids are unique per record kind across the output; external references are unique per
    (tenant, source system, type, id). ``customer_ref_number`` gives the number of a
    customer's ``CUST-…`` reference, so callers can tell which ones both tenants share.
    """

    def __init__(
        self,
        seed: int | str,
        shape: WorldShape | None = None,
        first_ids: tuple[int, int, int] = (1, 1, 1),
    ) -> None:
        self.rng = Random(f"reference:{seed}")
        self.shape = shape or WorldShape()
        self.sampler = CitySampler()
        self.vocabulary = Vocabulary(self.sampler)
        self.next_customer_id, self.next_location_id, self.next_contact_id = first_ids
        self._tenants = {t: _TenantState(recent_numbers=[]) for t in self.shape.tenants}
        #: Whether the last customer got a customer number that another customer holds.
        self.last_number_was_duplicate = False
        #: Customers generated so far per tenant.
        self.counts: dict[str, int] = dict.fromkeys(self.shape.tenants, 0)

    @property
    def main_tenant(self) -> str:
        return self.shape.tenants[0]

    def customers(self, count: int) -> Iterator[Json]:
        """``count`` customers, each with its locations and contacts."""
        shape = self.shape
        big = 0
        if count >= shape.big_chain_min_customers:
            big = max(1, round(count * shape.big_chains_per_million / 1_000_000))
        big_positions = set(self.rng.sample(range(count), big)) if big else set()
        for position in range(count):
            if position in big_positions:
                branches = randint(self.rng, *shape.big_chain_branches)
                yield self.customer(chain_branches=branches)
            else:
                yield self.customer()

    def customer_ref_number(self, tenant: str, sequence: int) -> int:
        """The number of the ``CUST-…`` reference of a tenant's ``sequence``-th customer."""
        if tenant == self.main_tenant:
            return CUSTOMER_REF_BASE + sequence
        return CUSTOMER_REF_BASE + SECOND_TENANT_STRIDE * sequence + (sequence * 7) % 5

    def customer(
        self,
        tenant: str | None = None,
        chain_branches: int | None = None,
        location_count: int | None = None,
    ) -> Json:
        rng = self.rng
        shape = self.shape
        if tenant is None:
            second = rng.random() < shape.second_tenant_share
            tenant = shape.tenants[1] if second else shape.tenants[0]
        state = self._tenants[tenant]
        state.sequence += 1
        self.counts[tenant] += 1
        sequence = state.sequence
        if chain_branches is None and location_count is None and rng.random() < shape.chain_share:
            chain_branches = randint(rng, *shape.chain_branches)
        home = self.sampler.pick(rng)
        if chain_branches is not None:
            name, industry, legal = self.vocabulary.chain(rng)
            n_locations = chain_branches
        else:
            name, industry, legal = self.vocabulary.company(rng, home)
            n_locations = location_count or self._small_location_count()
        customer_id = self.next_customer_id
        self.next_customer_id += 1
        ref_number = self.customer_ref_number(tenant, sequence)
        customer_number = self._customer_number(tenant, sequence, state)
        domain = domain_of(name, legal)
        status = "Active"
        x = rng.random()
        if x < shape.blocked_share:
            status = "Blocked"
        elif x < shape.blocked_share + shape.archived_share:
            status = "Archived"
        customer: Json = {
            "id": customer_id,
            "tenant": tenant,
            "customerNumber": customer_number,
            "name": name,
            "type": "Business",
            "industry": industry,
            "email": f"{pick(rng, ('info', 'kontakt', 'service', 'office'))}@{domain}",
            "phone": self.vocabulary.phone(rng, home),
            "website": f"https://www.{domain}",
            "status": status,
            "externalRefs": self._customer_refs(tenant, ref_number, customer_id),
        }
        locations = self._locations(customer_id, ref_number, home, n_locations, chain_branches)
        customer["locations"] = locations
        customer["contacts"] = self._contacts(home, domain, locations, chain_branches is not None)
        return customer

    # -- parts ----------------------------------------------------------------------------

    def _small_location_count(self) -> int:
        w1, w2, w3, _ = self.shape.small_location_weights
        x = self.rng.random()
        if x < w1:
            return 1
        if x < w1 + w2:
            return 2
        if x < w1 + w2 + w3:
            return 3
        return randint(self.rng, 4, 8)

    def _customer_number(self, tenant: str, sequence: int, state: _TenantState) -> str:
        recent = state.recent_numbers
        assert recent is not None
        self.last_number_was_duplicate = False
        if recent and self.rng.random() < self.shape.duplicate_number_share:
            self.last_number_was_duplicate = True
            return pick(self.rng, recent)  # a number given twice by mistake
        prefix = "KD" if tenant == self.main_tenant else "BR"
        number = f"{prefix}-{100_000 + sequence * 3 + (sequence % 3):07d}"
        recent.append(number)
        if len(recent) > 50:
            del recent[0]
        return number

    def _customer_refs(self, tenant: str, ref_number: int, customer_id: int) -> list[Json]:
        rng = self.rng
        shape = self.shape
        if rng.random() < shape.customer_without_refs_share:
            return []
        refs: list[Json] = [{"sourceSystem": SAP, "externalId": f"CUST-{ref_number}"}]
        if rng.random() < shape.legacy_sap_ref_share:
            refs.append({"sourceSystem": SAP, "externalId": f"KD{ref_number:08d}"})
        if rng.random() < shape.crm_share:
            refs.append({"sourceSystem": CRM, "externalId": f"crm-acc-{customer_id * 7919:09d}"})
        if rng.random() < shape.portal_share:
            refs.append({"sourceSystem": PORTAL, "externalId": f"P{ref_number}"})
        return refs

    def _locations(
        self,
        customer_id: int,
        ref_number: int,
        home: City,
        count: int,
        chain_branches: int | None,
    ) -> list[Json]:
        rng = self.rng
        shape = self.shape
        out: list[Json] = []
        for k in range(count):
            if k == 0:
                city = home
            elif chain_branches is not None:
                city = self.sampler.pick(rng)
            else:
                city = home if rng.random() < 0.45 else self.sampler.near(rng, home, 80.0)
            has_coordinates = rng.random() >= shape.no_coordinates_share
            location: Json = {"id": self.next_location_id}
            self.next_location_id += 1
            if chain_branches is not None:
                location["name"] = "Zentrale" if k == 0 else f"Filiale {city.name} {k:02d}"
                location["type"] = "HeadOffice" if k == 0 else "Branch"
            else:
                location["name"] = "Hauptsitz" if k == 0 else f"Standort {city.name}"
                location["type"] = "HeadOffice" if k == 0 else pick(rng, LOCATION_TYPES[1:])
            location.update(self.vocabulary.address(rng, city, has_coordinates))
            location["defaultEstimatedWorkMinutes"] = pick(rng, (30, 45, 60, 60, 90, 120))
            location["defaultPriority"] = pick(rng, PRIORITIES)
            if rng.random() < 0.25:
                location["accessNotes"] = pick(rng, ACCESS_NOTES)
            if rng.random() < 0.2:
                location["parkingNotes"] = pick(rng, PARKING_NOTES)
            refs: list[Json] = []
            if rng.random() < shape.location_ref_share:
                refs.append({"sourceSystem": SAP, "externalId": f"LOC-{ref_number}-{k + 1:03d}"})
            if rng.random() < 0.25:
                refs.append({"sourceSystem": CRM, "externalId": f"crm-site-{location['id']:09d}"})
            location["externalRefs"] = refs
            out.append(location)
        return out

    def _contacts(self, home: City, domain: str, locations: list[Json], chain: bool) -> list[Json]:
        rng = self.rng
        count = 1 + len(locations) // 3 if chain else pick(rng, (0, 1, 1, 1, 2, 2, 3))
        out: list[Json] = []
        for k in range(count):
            contact: Json = {"id": self.next_contact_id}
            self.next_contact_id += 1
            if chain:
                location = locations[0] if k == 0 else pick(rng, locations)
                contact["locationId"] = location["id"]
            elif rng.random() < 0.7:
                contact["locationId"] = pick(rng, locations)["id"]
            contact.update(self.vocabulary.person(rng, home, domain))
            refs: list[Json] = []
            if rng.random() < self.shape.contact_ref_share:
                refs.append({"sourceSystem": SAP, "externalId": f"CONT-{contact['id']}"})
            if rng.random() < 0.35:
                refs.append({"sourceSystem": CRM, "externalId": f"crm-person-{contact['id']:09d}"})
            contact["externalRefs"] = refs
            out.append(contact)
        return out


def fresh_company(
    rng: Random, vocabulary: Vocabulary, city: City, ref: str | None, number: str | None
) -> tuple[Json, Json, Json]:
    """Customer, location and contact DTO data of a company that is not in the reference."""
    name, industry, legal = vocabulary.company(rng, city)
    domain = domain_of(name, legal)
    customer: Json = {
        "externalId": ref,
        "customerNumber": number,
        "name": name,
        "type": "Business",
        "industry": industry,
        "email": f"info@{domain}",
        "phone": vocabulary.phone(rng, city),
    }
    location: Json = {"name": "Hauptsitz", "type": "HeadOffice"}
    location.update(vocabulary.address(rng, city, rng.random() > 0.1))
    contact = vocabulary.person(rng, city, domain)
    return customer, location, contact


__all__ = [
    "CRM",
    "PORTAL",
    "SAP",
    "CitySampler",
    "ReferenceGenerator",
    "Vocabulary",
    "WorldShape",
    "distance_km",
    "fresh_company",
    "jitter",
    "to_ascii",
]
