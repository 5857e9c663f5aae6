"""The working state of mapping one item: links so far, warnings, steps and changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.enums import ExternalType, Scope, Strategy, WarningCode
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.matching.candidates import PairSearch, search_pairs
from ordinavo_desk.matching.changes import FieldUpdate, IndexChanges
from ordinavo_desk.matching.explain import Step
from ordinavo_desk.matching.index import ReferenceIndex
from ordinavo_desk.matching.pair_scores import PairScore
from ordinavo_desk.matching.policy import ScoringPolicy
from ordinavo_desk.matching.records import (
    ContactRecord,
    CustomerRecord,
    ExternalRefRecord,
    LocationRecord,
)
from ordinavo_desk.matching.scoring import Probe
from ordinavo_desk.matching.tenant_index import TenantIndex

EPSILON = 1e-9


def score_cutoff(settings: MappingSettings) -> float:
    """The lowest score that can matter: the candidate floor, or the score a runner-up
    needs to spoil a strong candidate (threshold − margin), whichever is lower."""
    gates = settings.name_and_address
    return min(gates.floor, gates.threshold - gates.margin)


class LinkVia(StrEnum):
    """How a record came to be linked."""

    REFERENCE = "reference"
    #: The customer owning the location or contact an item's reference resolved to.
    REFERENCE_OWNER = "referenceOwner"
    CUSTOMER_NUMBER = "customerNumber"
    EXACT_NAME_AND_ADDRESS = "exactNameAndAddress"
    NAME_AND_ADDRESS = "nameAndAddress"
    ADDRESS = "address"
    CONTACT_DETAILS = "contactDetails"
    CREATED = "created"

    @property
    def is_fallback(self) -> bool:
        """Linked by a signal other than a reference (so the item's reference is stored)."""
        return self not in {LinkVia.REFERENCE, LinkVia.REFERENCE_OWNER, LinkVia.CREATED}


@dataclass(slots=True)
class ItemRun:
    """Mutable while one item is mapped; never leaves the engine."""

    target: InboundTarget
    settings: MappingSettings
    strategy: Strategy
    index: ReferenceIndex
    tenant: TenantIndex
    policy: ScoringPolicy
    probe: Probe
    steps: list[Step] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failed: bool = False
    ambiguous: bool = False
    customer: CustomerRecord | None = None
    customer_via: LinkVia | None = None
    location: LocationRecord | None = None
    location_via: LinkVia | None = None
    contact: ContactRecord | None = None
    contact_via: LinkVia | None = None
    #: Records the item's location and contact references resolve to (customer step 0).
    referenced_location: LocationRecord | None = None
    referenced_contact: ContactRecord | None = None
    #: The location of a strong name-and-address candidate.
    strong_location_id: int | None = None
    created_customers: list[CustomerRecord] = field(default_factory=list)
    created_locations: list[LocationRecord] = field(default_factory=list)
    created_contacts: list[ContactRecord] = field(default_factory=list)
    updates: list[FieldUpdate] = field(default_factory=list)
    stored_refs: list[ExternalRefRecord] = field(default_factory=list)
    _search: PairSearch | None = None

    # -- context --------------------------------------------------------------------------

    @property
    def source(self) -> str:
        return self.settings.source_system

    @property
    def can_write(self) -> bool:
        return self.settings.has_scope(Scope.CUSTOMERS_WRITE)

    @property
    def links_by_references_only(self) -> bool:
        return self.strategy is Strategy.EXTERNAL_ID_ONLY

    # -- recording ------------------------------------------------------------------------

    def step(self, text: str, redacted: str | None = None) -> None:
        self.steps.append(Step(text, text if redacted is None else redacted))

    def warn(self, code: WarningCode) -> None:
        if code.value not in self.warnings:
            self.warnings.append(code.value)

    def fail(self) -> None:
        self.failed = True

    def next_id(self, kind: ExternalType) -> int:
        """Id of a record created now: one above the highest of its kind so far."""
        return self.index.highest_id(kind) + 1

    def store_ref(self, kind: ExternalType, external_id: str | None, record_id: int) -> None:
        """Keep the item's reference for a record linked by fallback or created."""
        if external_id is None or not self.can_write:
            return
        key = external_id.strip()
        if not key:
            return
        self.stored_refs.append(
            ExternalRefRecord(self.tenant.tenant, self.source, kind, key, record_id)
        )
        what = kind.value.lower()
        self.step(
            f"{what}.externalId {key} ({self.source}) stored on {what} {record_id}",
            f"{what}.externalId {key} ({self.source}) stored",
        )

    # -- results --------------------------------------------------------------------------

    def changes(self) -> IndexChanges:
        if self.failed:
            return IndexChanges(self.tenant.tenant)
        return IndexChanges(
            tenant=self.tenant.tenant,
            customers=tuple(self.created_customers),
            locations=tuple(self.created_locations),
            contacts=tuple(self.created_contacts),
            updates=tuple(self.updates),
            external_refs=tuple(self.stored_refs),
        )

    @property
    def search(self) -> PairSearch:
        """Name-and-address candidates of the item (computed once). Pairs scoring below
        every gate and the candidate floor whatever their address are left unscored."""
        if self._search is None:
            cutoff = score_cutoff(self.settings)
            self._search = search_pairs(self.tenant, self.probe, self.policy, cutoff)
        return self._search

    @property
    def pairs(self) -> list[PairScore]:
        """The scored name-and-address candidates of the item, best first."""
        return self.search.pairs
