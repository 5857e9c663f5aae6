"""Comparison forms of names and addresses and the similarity of each signal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz, process

from ordinavo_desk.domain.connect import Address
from ordinavo_desk.matching.blocking import city_key, postal_key
from ordinavo_desk.matching.normalize import StreetParts, normalize_name, split_street
from ordinavo_desk.matching.policy import ScoringPolicy
from ordinavo_desk.matching.records import LocationRecord


class AddressKeys(NamedTuple):
    """An address in comparison form (``None`` where the address does not carry a part).
    A named tuple: one is made per compared location, and a tuple is made fastest."""

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
    return _keys(street, postal_key(postal_code, country), city, latitude, longitude)


def _keys(
    street: str | None,
    postal: str | None,
    city: str | None,
    latitude: float | None,
    longitude: float | None,
) -> AddressKeys:
    """The keys of an address whose postal code is in comparison form already."""
    parts = split_street(street) if street else None
    if parts is not None and not parts.name and parts.house_number is None:
        parts = None
    has_both = latitude is not None and longitude is not None
    return AddressKeys(
        parts,
        postal,
        city_key(city),
        latitude if has_both else None,
        longitude if has_both else None,
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
    return _keys(
        location.street,
        postal_key(location.postal_code, location.country),
        location.city,
        location.latitude,
        location.longitude,
    )


@dataclass(frozen=True, slots=True)
class Probe:
    """What an item offers for name-and-address comparison."""

    name: str | None
    name_key: str
    address: Address | None
    keys: AddressKeys

    @property
    def carries_signal(self) -> bool:
        """Whether the item has a name or an address part to compare (else every pair
        scores 0)."""
        return bool(self.name_key) or not self.keys.is_empty

    @classmethod
    def of(cls, name: str | None, address: Address | None) -> Probe:
        return cls(
            name=name,
            name_key=normalize_name(name) if name else "",
            address=address,
            keys=incoming_keys(address),
        )


# -- similarities ---------------------------------------------------------------------------


def fuzzy_similarity(a: str, b: str) -> float:
    """The better of the plain and the word-order-blind similarity, in [0, 1] (for
    single words the two agree, so one comparison is enough)."""
    if " " not in a and " " not in b:
        return fuzz.ratio(a, b) / 100.0
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100.0


def name_similarity(incoming_key: str, stored_key: str, policy: ScoringPolicy) -> float:
    if not incoming_key or not stored_key:
        return 0.0
    if incoming_key == stored_key:
        return 1.0
    similarity = fuzzy_similarity(incoming_key, stored_key)
    return similarity if similarity >= policy.name_floor else 0.0


def name_similarities(
    incoming_key: str, stored_keys: Mapping[int, str] | Sequence[str], policy: ScoringPolicy
) -> dict[int, float]:
    """``name_similarity`` of many stored names at once, by key (a mapping) or position
    (a sequence), holding only those that are not 0."""
    if not incoming_key:
        return {}
    # rapidfuzz compares the whole batch in native code; its cut-off is set just under
    # the floor and the floor is applied exactly below, as name_similarity does.
    cutoff = policy.name_floor * 100.0 - 1e-6
    best: dict[int, float] = {}
    for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
        for _, score, key in process.extract(
            incoming_key, stored_keys, scorer=scorer, score_cutoff=cutoff, limit=None
        ):
            if score > best.get(key, -1.0):
                best[key] = score
    out: dict[int, float] = {}
    for key, score in best.items():
        stored = stored_keys[key]
        if stored == incoming_key:
            out[key] = 1.0
        elif stored and score / 100.0 >= policy.name_floor:
            out[key] = score / 100.0
    return out


def most_similar_names(
    incoming_key: str,
    stored_keys: Sequence[str],
    ids: Sequence[int],
    policy: ScoringPolicy,
    *,
    limit: int,
    repeats: int,
) -> dict[int, float]:
    """The ``limit`` ids whose stored names are most similar to ``incoming_key`` (by
    ``name_similarity``, never 0), mapped to that similarity, best first, ties to the
    lowest id. ``stored_keys[i]`` is the name of ``ids[i]``; an id is listed at most
    ``repeats`` times.

    Each of the two similarities picks its best ``limit × repeats`` names in native
    code, and the better of the two is worked out for those only: a name among the
    ``limit`` best by the better similarity is among the best of the similarity that
    gives it, so none is missed (of names scoring the same at the boundary, those listed
    first are kept).
    """
    if not incoming_key or limit <= 0:
        return {}
    cutoff = policy.name_floor * 100.0 - 1e-6
    width = limit * max(1, repeats)
    found: list[dict[int, float]] = [
        {
            position: score
            for _, score, position in process.extract(
                incoming_key, stored_keys, scorer=scorer, score_cutoff=cutoff, limit=width
            )
        }
        for scorer in (fuzz.ratio, fuzz.token_sort_ratio)
    ]
    plain, word_order = found
    best: dict[int, float] = {}
    for position in sorted(plain.keys() | word_order.keys()):
        stored = stored_keys[position]
        if stored == incoming_key:
            similarity = 1.0
        else:
            a = plain.get(position)
            b = word_order.get(position)
            a = fuzz.ratio(incoming_key, stored) if a is None else a
            b = fuzz.token_sort_ratio(incoming_key, stored) if b is None else b
            similarity = max(a, b) / 100.0
        if similarity >= policy.name_floor and similarity > best.get(ids[position], 0.0):
            best[ids[position]] = similarity
    ranked = sorted(best, key=lambda record_id: (-best[record_id], record_id))[:limit]
    return {record_id: best[record_id] for record_id in ranked}


def house_number_factor(a: StreetParts, b: StreetParts, policy: ScoringPolicy) -> tuple[float, str]:
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
        name_sim = fuzzy_similarity(a.name, b.name) if a.name and b.name else 0.0
        if name_sim < policy.street_floor:
            return 0.0, "different"
        text = f"fuzzy {name_sim:.2f}"
    factor, note = house_number_factor(a, b, policy)
    if note:
        text = note if text == "exact" else f"{text}, {note}"
    return name_sim * factor, text


def city_similarity(a: str, b: str, policy: ScoringPolicy) -> tuple[float, str]:
    if a == b:
        return 1.0, "exact"
    if " " in a or " " in b:  # one may be the other with a qualifier
        words_a, words_b = set(a.split()), set(b.split())
        if words_a <= words_b or words_b <= words_a:
            return policy.city_qualifier_similarity, "qualifier differs"
    similarity = fuzzy_similarity(a, b)
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
