"""The scoring policy of name-and-address matching, kept as data.

A candidate pair (customer, location) gets

    score = name_weight · name + (1 − name_weight) · address

where ``name`` is the similarity of the normalised organisation names and ``address``
is the weighted mean of the address signals the item carries (street + house number,
postal code, city) plus, when both sides have coordinates, their distance. A signal the
stored side lacks counts as 0 ("missing"). When the item carries no address signal at
all, ``score = name``. Every similarity lies in [0, 1], so the score does too, and it
rises with every signal. Each term is kept as a Reason whose contribution is its share of
the score (the contributions add up to the score).

With the defaults, an exact name and address is worth 1.00, a look-alike name at the same
address about 0.93–0.99, and a name alone at most 0.60: a customer whose name alone reaches
the default threshold (0.90 × 0.60 = 0.54) stays above the default floor (0.50), so the
person deciding an ambiguity ("a known chain at a new address") sees that customer, while
another business at the same address (at most 0.40) is not offered.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class HouseNumberFactors:
    """How much of the street similarity is kept, by house-number agreement."""

    equal: float = 1.0
    #: Same leading number, other suffix or range ("12" ↔ "12a", "12" ↔ "12-14").
    same_base: float = 0.8
    #: Only one side has a house number.
    one_missing: float = 0.7
    different: float = 0.4


@dataclass(frozen=True, slots=True)
class CandidateLimits:
    """Bounds on the work per item, whatever the size of the tenant (a parameter of the
    ReferenceIndex, since the block cap shapes what it keeps)."""

    #: A blocking key (postal code, city, name word, grid cell) holding more records than
    #: this is too common to narrow anything down and is not used.
    block_cap: int = 2000
    #: Locations taken from the address blocks (those hit by most keys first).
    max_address_locations: int = 1000
    #: Name-word listings read per item are bounded by four times this (rarest words
    #: first); all their names are compared in native code.
    max_word_customers: int = 300
    #: Customers found by name alone that are scored (exact names, then the most similar).
    max_name_customers: int = 20
    #: Locations scored per customer found by name or reference, beyond those found by
    #: address: the nearest to the incoming address (same postal code, same city, then
    #: by distance). A chain's far branches all score alike and would only crowd out the
    #: other candidates.
    max_locations_per_customer: int = 5
    #: Radius searched around incoming coordinates, metres: more than three times the
    #: default coordinate agreement (150 m). Farther locations are still found by their
    #: postal code, city or name; a wider radius would only add work (in a city at a
    #: million customers, every 500 m of radius adds thousands of locations).
    geo_radius_m: float = 500.0


@dataclass(frozen=True, slots=True)
class ScoringPolicy:
    """Weights and similarity floors of the score (see the module docstring)."""

    #: Share of the score that comes from the name; the rest comes from the address.
    name_weight: float = 0.60
    #: Relative weights of the address signals (normalised over those present).
    street_weight: float = 0.40
    postal_code_weight: float = 0.30
    city_weight: float = 0.15
    distance_weight: float = 0.15
    #: Fuzzy similarities below these floors count as 0 (unrelated strings look alike
    #: by chance).
    name_floor: float = 0.60
    street_floor: float = 0.75
    city_floor: float = 0.80
    #: A city that is the other with a qualifier dropped ("Offenbach" ↔ "Offenbach am
    #: Main") scores this much.
    city_qualifier_similarity: float = 0.90
    house_numbers: HouseNumberFactors = HouseNumberFactors()
    #: Distance similarity is 1 up to this many metres, 0 from ``distance_zero_m`` on,
    #: and linear between.
    distance_full_m: float = 100.0
    distance_zero_m: float = 2000.0
    #: Score of a row reached by an external reference or a customer number.
    reference_score: float = 1.0
    #: Scores are rounded to this many decimals before any gate compares them.
    decimals: int = 4

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name.endswith(("_weight", "_floor", "_similarity")) and not 0.0 <= value <= 1.0:
                raise ValueError(f"{f.name} must lie in [0, 1], got {value}")
        if self.distance_zero_m <= self.distance_full_m:
            raise ValueError("distance_zero_m must exceed distance_full_m")


DEFAULT_POLICY = ScoringPolicy()
