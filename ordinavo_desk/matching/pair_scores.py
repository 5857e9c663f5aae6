"""The name-and-address score of (customer, location) pairs, and the reasons behind it.

A search scores hundreds of pairs per item and shows a few, so the work is split: a
PairScorer computes the numbers of many pairs against one item (remembering the street
names and cities it has compared already), and a pair's reasons are written out only
when someone asks for them, by ``explain_pair``, which computes each signal with its
comparison text. Both follow the formula of ``policy`` in the same order of operations,
so they give the same score to the last bit (a test holds them to that).
"""

from __future__ import annotations

from ordinavo_desk.domain.connect import Address
from ordinavo_desk.domain.mapping import Reason
from ordinavo_desk.matching.geo import distance_m
from ordinavo_desk.matching.normalize import StreetParts
from ordinavo_desk.matching.policy import ScoringPolicy
from ordinavo_desk.matching.records import CustomerRecord, LocationRecord
from ordinavo_desk.matching.scoring import (
    AddressKeys,
    Probe,
    city_similarity,
    distance_similarity,
    fuzzy_similarity,
    house_number_factor,
    location_keys,
    name_similarity,
    street_similarity,
)

#: One address signal of a pair: (field, comparison, weight, similarity).
Signal = tuple[str, str, float, float]


class PairScore:
    """A scored (customer, location) pair; ``location_id`` is None for a customer without
    locations."""

    __slots__ = (
        "_customer",
        "_location",
        "_name_sim",
        "_policy",
        "_probe",
        "_reasons",
        "_stored",
        "customer_id",
        "distance_m",
        "location_id",
        "name_score",
        "same_postal_code",
        "same_street_and_city",
        "score",
    )

    def __init__(
        self,
        probe: Probe,
        customer: CustomerRecord,
        location: LocationRecord | None,
        *,
        stored: AddressKeys | None,
        policy: ScoringPolicy,
        name_sim: float,
        score: float,
        distance: float | None,
        same_postal_code: bool,
        same_street_and_city: bool,
    ) -> None:
        digits = policy.decimals
        self.customer_id = customer.id
        self.location_id = location.id if location is not None else None
        self.score = min(1.0, max(0.0, round(score, digits)))
        #: The name similarity, rounded like the score.
        self.name_score = round(name_sim, digits)
        #: Metres between the two coordinates, when both sides have them.
        self.distance_m = distance
        self.same_postal_code = same_postal_code
        #: Same street, house number and city after normalisation.
        self.same_street_and_city = same_street_and_city
        self._probe = probe
        self._customer = customer
        self._location = location
        self._stored = stored
        self._policy = policy
        self._name_sim = name_sim
        self._reasons: tuple[Reason, ...] | None = None

    def __repr__(self) -> str:
        return f"PairScore({self.customer_id}, {self.location_id}, {self.score})"

    def address_agrees(self, agreement_m: float) -> bool:
        """The Strong gate's address agreement."""
        near = self.distance_m is not None and self.distance_m <= agreement_m
        return self.same_postal_code or near or self.same_street_and_city

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """One Reason per signal: the name first, then the address signals the item
        carries; the contributions add up to the score (up to rounding)."""
        if self._reasons is None:
            self._reasons = self._explain()
        return self._reasons

    def _explain(self) -> tuple[Reason, ...]:
        probe, customer, location = self._probe, self._customer, self._location
        policy, name_sim = self._policy, self._name_sim
        signals, _ = address_signals(probe, self._stored, policy)
        total = _total(signals)
        name_share = policy.name_weight if total > 0 else 1.0
        digits = policy.decimals
        reasons = [
            Reason(
                field="customer.name",
                incoming=probe.name,
                stored=customer.name,
                comparison=_name_text(probe, customer, name_sim),
                contribution=round(name_share * name_sim, digits),
            )
        ]
        raw = probe.address
        for field, text, weight, sim in signals:
            incoming, shown = _shown_values(field, raw, location)
            reasons.append(
                Reason(
                    field=field,
                    incoming=incoming,
                    stored=shown,
                    comparison=text,
                    contribution=round((1.0 - name_share) * weight / total * sim, digits),
                )
            )
        return tuple(reasons)


# -- the explained path ------------------------------------------------------------------------


def address_signals(
    probe: Probe, stored: AddressKeys | None, policy: ScoringPolicy
) -> tuple[list[Signal], float | None]:
    """The address signals the item carries, compared with the stored address, in the
    order street, postal code, city, coordinates; and the distance when both sides have
    coordinates."""
    incoming = probe.keys
    signals: list[Signal] = []
    if incoming.street is not None:
        stored_street = stored.street if stored is not None else None
        signals.append(
            _signal(
                "location.street",
                policy.street_weight,
                None
                if stored_street is None
                else street_similarity(incoming.street, stored_street, policy),
            )
        )
    if incoming.postal_code is not None:
        stored_postal = stored.postal_code if stored is not None else None
        same = stored_postal == incoming.postal_code
        text = "exact" if same else ("missing" if stored_postal is None else "different")
        signals.append(
            ("location.postalCode", text, policy.postal_code_weight, 1.0 if same else 0.0)
        )
    if incoming.city is not None:
        stored_city = stored.city if stored is not None else None
        signals.append(
            _signal(
                "location.city",
                policy.city_weight,
                None
                if stored_city is None
                else city_similarity(incoming.city, stored_city, policy),
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
        signals.append(
            (
                "location.coordinates",
                f"{metres:.0f} m apart",
                policy.distance_weight,
                distance_similarity(metres, policy),
            )
        )
    return signals, metres


def _signal(field: str, weight: float, compared: tuple[float, str] | None) -> Signal:
    """A compared signal, or a "missing" one when the stored side lacks the value."""
    if compared is None:
        return (field, "missing", weight, 0.0)
    return (field, compared[1], weight, compared[0])


def _total(signals: list[Signal]) -> float:
    total = 0.0
    for signal in signals:
        total += signal[2]
    return total


def score_pair(
    probe: Probe,
    customer: CustomerRecord,
    customer_name_key: str,
    location: LocationRecord | None,
    policy: ScoringPolicy,
) -> PairScore:
    """Score one pair, signal by signal (see ``policy`` for the design)."""
    name_sim = name_similarity(probe.name_key, customer_name_key, policy)
    stored = location_keys(location) if location is not None else None
    signals, metres = address_signals(probe, stored, policy)
    total = _total(signals)
    name_share = policy.name_weight if total > 0 else 1.0
    score = name_share * name_sim
    for _, _, weight, sim in signals:
        score += (1.0 - name_share) * weight / total * sim
    incoming = probe.keys
    return PairScore(
        probe,
        customer,
        location,
        stored=stored,
        policy=policy,
        name_sim=name_sim,
        score=score,
        distance=metres,
        same_postal_code=(
            incoming.postal_code is not None
            and stored is not None
            and stored.postal_code == incoming.postal_code
        ),
        same_street_and_city=_same_street_and_city(incoming, stored),
    )


def _same_street_and_city(incoming: AddressKeys, stored: AddressKeys | None) -> bool:
    return (
        stored is not None
        and incoming.street is not None
        and incoming.city is not None
        and stored.street == incoming.street
        and stored.city == incoming.city
    )


def _name_text(probe: Probe, customer: CustomerRecord, name_sim: float) -> str:
    if not probe.name:
        return "not given"
    if not customer.name:
        return "missing"
    if name_sim == 1.0:
        return "exact"
    if name_sim == 0.0:
        return "different"
    return f"fuzzy {name_sim:.2f}"


def _shown_values(
    field: str, raw: Address | None, location: LocationRecord | None
) -> tuple[str | None, str | None]:
    """The incoming and stored values a Reason of an address signal shows."""
    if field == "location.coordinates":
        incoming = _coordinates(raw.latitude, raw.longitude) if raw is not None else None
        stored = _coordinates(location.latitude, location.longitude) if location else None
        return incoming, stored
    if field == "location.street":
        return (raw.street if raw else None), (location.street if location else None)
    if field == "location.postalCode":
        return (raw.postal_code if raw else None), (location.postal_code if location else None)
    return (raw.city if raw else None), (location.city if location else None)


def _coordinates(latitude: float | None, longitude: float | None) -> str | None:
    if latitude is None or longitude is None:
        return None
    return f"{latitude:.5f}, {longitude:.5f}"


# -- the fast path -----------------------------------------------------------------------------


class PairScorer:
    """Scores many pairs against one item: the numbers of ``score_pair`` without the
    comparison texts, with the similarity of each stored street name and city computed
    once per item."""

    __slots__ = (
        "_base_total",
        "_cities",
        "_city",
        "_coordinates",
        "_policy",
        "_postal",
        "_probe",
        "_street",
        "_street_names",
    )

    def __init__(self, probe: Probe, policy: ScoringPolicy) -> None:
        keys = probe.keys
        self._probe = probe
        self._policy = policy
        self._street = keys.street
        self._postal = keys.postal_code
        self._city = keys.city
        self._coordinates = (
            (keys.latitude, keys.longitude)
            if keys.latitude is not None and keys.longitude is not None
            else None
        )
        total = 0.0  # added up in the order of address_signals
        if self._street is not None:
            total += policy.street_weight
        if self._postal is not None:
            total += policy.postal_code_weight
        if self._city is not None:
            total += policy.city_weight
        self._base_total = total
        self._street_names: dict[str, float] = {}
        self._cities: dict[str, float] = {}

    def score(
        self,
        customer: CustomerRecord,
        location: LocationRecord | None,
        stored: AddressKeys | None,
        name_sim: float,
    ) -> PairScore:
        policy = self._policy
        street = self._street
        street_sim = postal_sim = city_sim = distance_sim = 0.0
        if street is not None and stored is not None and stored.street is not None:
            street_sim = self._street_similarity(street, stored.street)
        same_postal = (
            self._postal is not None and stored is not None and stored.postal_code == self._postal
        )
        if same_postal:
            postal_sim = 1.0
        city = self._city
        if city is not None and stored is not None and stored.city is not None:
            city_sim = self._cities.get(stored.city, -1.0)
            if city_sim < 0.0:
                city_sim = city_similarity(city, stored.city, policy)[0]
                self._cities[stored.city] = city_sim
        total = self._base_total
        metres: float | None = None
        here = self._coordinates
        if (
            here is not None
            and stored is not None
            and stored.latitude is not None
            and stored.longitude is not None
        ):
            metres = distance_m(here[0], here[1], stored.latitude, stored.longitude)
            distance_sim = distance_similarity(metres, policy)
            total += policy.distance_weight
        name_share = policy.name_weight if total > 0 else 1.0
        rest = 1.0 - name_share
        score = name_share * name_sim
        if street is not None:
            score += rest * policy.street_weight / total * street_sim
        if self._postal is not None:
            score += rest * policy.postal_code_weight / total * postal_sim
        if city is not None:
            score += rest * policy.city_weight / total * city_sim
        if metres is not None:
            score += rest * policy.distance_weight / total * distance_sim
        return PairScore(
            self._probe,
            customer,
            location,
            stored=stored,
            policy=policy,
            name_sim=name_sim,
            score=score,
            distance=metres,
            same_postal_code=same_postal,
            same_street_and_city=_same_street_and_city(self._probe.keys, stored),
        )

    def _street_similarity(self, incoming: StreetParts, stored: StreetParts) -> float:
        """``street_similarity(incoming, stored)[0]``, the name part remembered."""
        policy = self._policy
        name_sim = self._street_names.get(stored.name, -1.0)
        if name_sim < 0.0:
            if incoming.name == stored.name:
                name_sim = 1.0
            elif incoming.name and stored.name:
                name_sim = fuzzy_similarity(incoming.name, stored.name)
            else:
                name_sim = 0.0
            self._street_names[stored.name] = name_sim
        if name_sim < policy.street_floor:
            return 0.0
        return name_sim * house_number_factor(incoming, stored, policy)[0]
