"""Name-and-address score of one (customer, location) pair, with a Reason per signal."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from ordinavo_desk.domain.connect import Address
from ordinavo_desk.domain.mapping import Reason
from ordinavo_desk.matching.blocking import city_key, postal_key
from ordinavo_desk.matching.geo import distance_m
from ordinavo_desk.matching.normalize import StreetParts, normalize_name, split_street
from ordinavo_desk.matching.policy import ScoringPolicy
from ordinavo_desk.matching.records import CustomerRecord, LocationRecord


@dataclass(frozen=True, slots=True)
class AddressKeys:
    """An address in comparison form (``None`` where the address does not carry a part)."""

    street: StreetParts | None
    postal_code: str | None
    city: str | None
    latitude: float | None
    longitude: float | None

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_empty(self) -> bool:
        return (
            self.street is None
            and self.postal_code is None
            and self.city is None
            and not self.has_coordinates
        )


def address_keys(
    *,
    street: str | None,
    postal_code: str | None,
    city: str | None,
    country: str | None,
    latitude: float | None,
    longitude: float | None,
) -> AddressKeys:
    parts = split_street(street) if street else None
    if parts is not None and not parts.name and parts.house_number is None:
        parts = None
    return AddressKeys(
        street=parts,
        postal_code=postal_key(postal_code, country),
        city=city_key(city),
        latitude=latitude if longitude is not None else None,
        longitude=longitude if latitude is not None else None,
    )


def incoming_keys(address: Address | None) -> AddressKeys:
    if address is None:
        return AddressKeys(None, None, None, None, None)
    return address_keys(
        street=address.street,
        postal_code=address.postal_code,
        city=address.city,
        country=address.country,
        latitude=address.latitude,
        longitude=address.longitude,
    )


def location_keys(location: LocationRecord) -> AddressKeys:
    return address_keys(
        street=location.street,
        postal_code=location.postal_code,
        city=location.city,
        country=location.country,
        latitude=location.latitude,
        longitude=location.longitude,
    )


@dataclass(frozen=True, slots=True)
class Probe:
    """What an item offers for name-and-address comparison."""

    name: str | None
    name_key: str
    address: Address | None
    keys: AddressKeys

    @classmethod
    def of(cls, name: str | None, address: Address | None) -> Probe:
        return cls(
            name=name,
            name_key=normalize_name(name) if name else "",
            address=address,
            keys=incoming_keys(address),
        )


# -- similarities ---------------------------------------------------------------------------


def _fuzzy(a: str, b: str) -> float:
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100.0


def name_similarity(incoming_key: str, stored_key: str, policy: ScoringPolicy) -> float:
    if not incoming_key or not stored_key:
        return 0.0
    if incoming_key == stored_key:
        return 1.0
    similarity = _fuzzy(incoming_key, stored_key)
    return similarity if similarity >= policy.name_floor else 0.0


def _house_factor(a: StreetParts, b: StreetParts, policy: ScoringPolicy) -> tuple[float, str]:
    factors = policy.house_numbers
    if a.house_number == b.house_number:
        return factors.equal, ""
    if a.house_number is None or b.house_number is None:
        return factors.one_missing, "house number missing"
    if a.house_base is not None and a.house_base == b.house_base:
        return factors.same_base, "house number close"
    return factors.different, "house number differs"


def street_similarity(a: StreetParts, b: StreetParts, policy: ScoringPolicy) -> tuple[float, str]:
    """Similarity of street + house number, and how it reads ("exact", "fuzzy 0.91, …")."""
    if a.name == b.name:
        name_sim, text = 1.0, "exact"
    else:
        name_sim = _fuzzy(a.name, b.name) if a.name and b.name else 0.0
        if name_sim < policy.street_floor:
            return 0.0, "different"
        text = f"fuzzy {name_sim:.2f}"
    factor, note = _house_factor(a, b, policy)
    if note:
        text = note if text == "exact" else f"{text}, {note}"
    return name_sim * factor, text


def city_similarity(a: str, b: str, policy: ScoringPolicy) -> tuple[float, str]:
    if a == b:
        return 1.0, "exact"
    words_a, words_b = set(a.split()), set(b.split())
    if words_a <= words_b or words_b <= words_a:
        return policy.city_qualifier_similarity, "qualifier differs"
    similarity = _fuzzy(a, b)
    if similarity < policy.city_floor:
        return 0.0, "different"
    return similarity, f"fuzzy {similarity:.2f}"


def distance_similarity(metres: float, policy: ScoringPolicy) -> float:
    if metres <= policy.distance_full_m:
        return 1.0
    if metres >= policy.distance_zero_m:
        return 0.0
    span = policy.distance_zero_m - policy.distance_full_m
    return 1.0 - (metres - policy.distance_full_m) / span


# -- the pair score ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairScore:
    """A scored (customer, location) pair; ``location_id`` is None for a customer without
    locations."""

    customer_id: int
    location_id: int | None
    score: float
    name_score: float
    reasons: tuple[Reason, ...]
    #: Metres between the two coordinates, when both sides have them.
    distance_m: float | None
    same_postal_code: bool
    #: Same street, house number and city after normalisation.
    same_street_and_city: bool

    def address_agrees(self, agreement_m: float) -> bool:
        """The Strong gate's address agreement."""
        near = self.distance_m is not None and self.distance_m <= agreement_m
        return self.same_postal_code or near or self.same_street_and_city


def _coordinates(latitude: float | None, longitude: float | None) -> str | None:
    if latitude is None or longitude is None:
        return None
    return f"{latitude:.5f}, {longitude:.5f}"


def score_pair(
    probe: Probe,
    customer: CustomerRecord,
    customer_name_key: str,
    location: LocationRecord | None,
    policy: ScoringPolicy,
) -> PairScore:
    """Score one pair (see ``policy`` for the design)."""
    name_sim = name_similarity(probe.name_key, customer_name_key, policy)
    if not probe.name:
        name_text = "not given"
    elif not customer.name:
        name_text = "missing"
    elif name_sim == 1.0:
        name_text = "exact"
    elif name_sim == 0.0:
        name_text = "different"
    else:
        name_text = f"fuzzy {name_sim:.2f}"

    incoming = probe.keys
    stored = location_keys(location) if location is not None else None
    raw = probe.address
    # (field, incoming, stored, comparison, weight, similarity) per address signal
    parts: list[tuple[str, str | None, str | None, str, float, float]] = []
    if incoming.street is not None and raw is not None:
        stored_street = stored.street if stored is not None else None
        if stored_street is None:
            sim, text = 0.0, "missing"
        else:
            sim, text = street_similarity(incoming.street, stored_street, policy)
        parts.append(
            (
                "location.street",
                raw.street,
                location.street if location else None,
                text,
                policy.street_weight,
                sim,
            )
        )
    same_postal = False
    if incoming.postal_code is not None and raw is not None:
        stored_postal = stored.postal_code if stored is not None else None
        same_postal = stored_postal == incoming.postal_code
        text = "exact" if same_postal else ("missing" if stored_postal is None else "different")
        parts.append(
            (
                "location.postalCode",
                raw.postal_code,
                location.postal_code if location else None,
                text,
                policy.postal_code_weight,
                1.0 if same_postal else 0.0,
            )
        )
    if incoming.city is not None and raw is not None:
        stored_city = stored.city if stored is not None else None
        if stored_city is None:
            sim, text = 0.0, "missing"
        else:
            sim, text = city_similarity(incoming.city, stored_city, policy)
        parts.append(
            (
                "location.city",
                raw.city,
                location.city if location else None,
                text,
                policy.city_weight,
                sim,
            )
        )
    metres: float | None = None
    if (
        incoming.latitude is not None
        and incoming.longitude is not None
        and stored is not None
        and stored.latitude is not None
        and stored.longitude is not None
    ):
        metres = distance_m(
            incoming.latitude, incoming.longitude, stored.latitude, stored.longitude
        )
        parts.append(
            (
                "location.coordinates",
                _coordinates(incoming.latitude, incoming.longitude),
                _coordinates(stored.latitude, stored.longitude),
                f"{metres:.0f} m apart",
                policy.distance_weight,
                distance_similarity(metres, policy),
            )
        )

    address_total = sum(p[4] for p in parts)
    name_share = policy.name_weight if address_total > 0 else 1.0
    digits = policy.decimals
    reasons = [
        Reason(
            field="customer.name",
            incoming=probe.name,
            stored=customer.name,
            comparison=name_text,
            contribution=round(name_share * name_sim, digits),
        )
    ]
    score = name_share * name_sim
    for field, inc, sto, text, weight, sim in parts:
        share = (1.0 - name_share) * weight / address_total
        score += share * sim
        reasons.append(
            Reason(
                field=field,
                incoming=inc,
                stored=sto,
                comparison=text,
                contribution=round(share * sim, digits),
            )
        )
    same_street_and_city = (
        stored is not None
        and incoming.street is not None
        and incoming.city is not None
        and stored.street == incoming.street
        and stored.city == incoming.city
    )
    return PairScore(
        customer_id=customer.id,
        location_id=location.id if location is not None else None,
        score=min(1.0, max(0.0, round(score, digits))),
        name_score=round(name_sim, digits),
        reasons=tuple(reasons),
        distance_m=metres,
        same_postal_code=same_postal,
        same_street_and_city=same_street_and_city,
    )
