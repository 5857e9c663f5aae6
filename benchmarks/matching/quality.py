"""Quality of mapping results against the generator's truth.

Definitions (also in docs/benchmarks.md):

- *auto-linked*: the engine linked an existing customer without a person (any status,
  ``Created`` included when only a location or contact was created);
- *precision*: auto-linked items whose customer is the true one, over all auto-linked;
- *recall*: perturbed items (typos, transliterations, abbreviations, legal-form and city
  variants, postal-code slips, jittered or missing coordinates, missing postal codes or
  external ids) whose postal code or coordinates are still intact, auto-linked to the
  true customer, over all such items;
- *review*: items a person must look at (Warning, Failed, and under ManualOnly every
  Skipped item);
- *recall@3*: review items of a known customer whose customer is among the first three
  candidates;
- *created again*: items of a known customer for which a new customer was created.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

PERTURBED = frozenset(
    {
        "name-typo",
        "transliteration",
        "street-abbreviation",
        "house-number-variant",
        "city-spelling",
        "legal-form-variant",
        "legal-form-dropped",
        "postal-code-slip",
        "coordinate-jitter",
        "missing-postal-code",
        "missing-coordinates",
        "missing-external-id",
    }
)
#: Traps where any link to an existing customer other than the truth is a wrong link
#: that must never happen (look-alikes, ids of the other tenant, shared numbers).
TRAPS = frozenset({"look-alike", "other-tenant-id", "shared-customer-number"})


@dataclass(frozen=True, slots=True)
class ItemRecord:
    kind: str
    #: The true customer: an id, "new", or None when the item carries no customer data.
    truth: int | str | None
    status: str
    #: The existing customer the engine linked (None when none or a created one).
    linked: int | None
    created_customer: bool
    top3: tuple[int, ...]
    address_intact: bool


@dataclass
class Quality:
    items: int = 0
    auto_linked: int = 0
    auto_linked_right: int = 0
    recall_base: int = 0
    recall_hits: int = 0
    review: int = 0
    review_known: int = 0
    review_top3: int = 0
    known: int = 0
    created_again: int = 0
    trap_wrong: int = 0
    per_kind: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.auto_linked_right / self.auto_linked if self.auto_linked else 1.0

    @property
    def recall(self) -> float:
        return self.recall_hits / self.recall_base if self.recall_base else 1.0

    @property
    def review_share(self) -> float:
        return self.review / self.items if self.items else 0.0

    @property
    def recall_at_3(self) -> float:
        return self.review_top3 / self.review_known if self.review_known else 1.0

    @property
    def created_again_share(self) -> float:
        return self.created_again / self.known if self.known else 0.0


REVIEW_STATUSES = frozenset({"Warning", "Failed", "Skipped"})


def assess(records: Iterable[ItemRecord]) -> Quality:
    quality = Quality()
    for r in records:
        quality.items += 1
        known = isinstance(r.truth, int)
        right = known and r.linked == r.truth
        outcome = "right" if right else ("wrong" if r.linked is not None else "unlinked")
        if r.status in REVIEW_STATUSES:
            outcome += "+review"
        quality.per_kind.setdefault(r.kind, Counter())[outcome] += 1
        if r.linked is not None:
            quality.auto_linked += 1
            quality.auto_linked_right += right
            if r.kind in TRAPS and not right:
                quality.trap_wrong += 1
        if known:
            quality.known += 1
            quality.created_again += r.created_customer
        if r.kind in PERTURBED and known and r.address_intact:
            quality.recall_base += 1
            quality.recall_hits += right
        if r.status in REVIEW_STATUSES:
            quality.review += 1
            if known:
                quality.review_known += 1
                quality.review_top3 += r.truth in r.top3
    return quality
