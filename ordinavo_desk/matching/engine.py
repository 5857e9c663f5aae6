"""MappingEngine: maps an import item to a customer, a location and a contact.

Pure: the item, the settings and the reference index in, an ItemOutcome out. What the
item would change (records created, references stored, fields updated) is returned as
IndexChanges; ``apply`` writes them into the index so that later items see them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.enums import MappingStatus, Operation, Scope, Strategy
from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.domain.mapping import Candidate, MappingResult
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.matching.candidates import RowKey, build_candidates, pair_order, score_pairs
from ordinavo_desk.matching.changes import IndexChanges
from ordinavo_desk.matching.contact_resolution import resolve_contact
from ordinavo_desk.matching.customer_resolution import resolve_customer
from ordinavo_desk.matching.explain import Step, render
from ordinavo_desk.matching.index import ReferenceIndex
from ordinavo_desk.matching.item_run import EPSILON, ItemRun, LinkVia
from ordinavo_desk.matching.links import NO_LINKS, Links
from ordinavo_desk.matching.location_resolution import resolve_location
from ordinavo_desk.matching.policy import DEFAULT_POLICY, ScoringPolicy
from ordinavo_desk.matching.reaches import find_reaches
from ordinavo_desk.matching.reference_only import map_reference_only
from ordinavo_desk.matching.scoring import Probe


@dataclass(frozen=True, slots=True)
class ItemOutcome:
    """The mapping result of one item and what it changes in the reference data."""

    result: MappingResult
    changes: IndexChanges
    links: Links = NO_LINKS


class MappingEngine:
    """Maps items against a ReferenceIndex by the mapping rules."""

    def __init__(self, index: ReferenceIndex, policy: ScoringPolicy = DEFAULT_POLICY) -> None:
        self.index = index
        self.policy = policy

    # -- public ---------------------------------------------------------------------------

    def map_item(self, target: InboundTarget, settings: MappingSettings) -> ItemOutcome:
        """Map one item; the index is not changed (see ``apply``).

        Raises InputError (field ``sourceSystem``) when the item names another source
        system than the settings.
        """
        _check_source_system(target, settings)
        tenant = settings.tenant
        detailed = settings.has_scope(Scope.CUSTOMERS_READ)
        if not target.has_mapping_data or target.operation is Operation.CANCEL:
            why = (
                "operation cancel"
                if target.operation is Operation.CANCEL
                else "no customer, location or contact in the item"
            )
            return _outcome(
                target=target,
                status=MappingStatus.NOT_APPLICABLE,
                tenant=tenant,
                steps=[Step.plain(f"{why}: nothing to map")],
                detailed=detailed,
            )
        if not settings.has_scope(Scope.CUSTOMERS_MAP):
            step = Step.plain(f"scope {Scope.CUSTOMERS_MAP.value} is missing: nothing is looked up")
            return _outcome(
                target=target,
                status=MappingStatus.SKIPPED,
                tenant=tenant,
                steps=[step],
                detailed=detailed,
            )
        if settings.strategy is Strategy.MANUAL_ONLY:
            return self._manual_only(target, settings, detailed)
        linked_by_references = map_reference_only(
            self.index, target, settings, self.policy, detailed=detailed
        )
        if linked_by_references is not None:
            result, links = linked_by_references
            return ItemOutcome(result=result, changes=IndexChanges(tenant), links=links)

        run = self._run(target, settings, settings.strategy)
        resolve_customer(run)
        if not run.failed and run.customer is not None:
            resolve_location(run)
            resolve_contact(run)
        status = _status(run)
        if status is MappingStatus.FAILED:
            run.step("Failed: nothing is linked, created, updated or stored")
        changes = run.changes()
        linked = status is not MappingStatus.FAILED
        links = Links(
            run.customer.id if linked and run.customer else None,
            run.location.id if linked and run.location else None,
            run.contact.id if linked and run.contact else None,
        )
        candidates = self._candidates(run, _linked_row(run) if linked else None) if detailed else ()
        result = MappingResult(
            item_external_id=target.external_id,
            status=status,
            customer_id=links.customer_id if detailed else None,
            customer_location_id=links.location_id if detailed else None,
            customer_contact_id=links.contact_id if detailed else None,
            warnings=tuple(run.warnings),
            candidates=candidates,
            explanation=render(run.steps, detailed=detailed),
        )
        return ItemOutcome(result=result, changes=changes, links=links)

    def apply(self, changes: IndexChanges) -> None:
        """Write an item's changes into the index (created records, references, updates)."""
        self.index.apply(changes)

    def map_and_apply(self, target: InboundTarget, settings: MappingSettings) -> ItemOutcome:
        """Map one item and apply its changes, for items processed one after another."""
        outcome = self.map_item(target, settings)
        self.apply(outcome.changes)
        return outcome

    def map_items(
        self, targets: Iterable[InboundTarget], settings: MappingSettings
    ) -> list[ItemOutcome]:
        """Map items in order, each seeing what the ones before it created or changed."""
        return [self.map_and_apply(target, settings) for target in targets]

    # -- internals ------------------------------------------------------------------------

    def _run(self, target: InboundTarget, settings: MappingSettings, strategy: Strategy) -> ItemRun:
        customer = target.customer
        return ItemRun(
            target=target,
            settings=settings,
            strategy=strategy,
            index=self.index,
            tenant=self.index.tenant(settings.tenant),
            policy=self.policy,
            probe=Probe.of(customer.name if customer else None, target.incoming_address()),
        )

    def _manual_only(
        self, target: InboundTarget, settings: MappingSettings, detailed: bool
    ) -> ItemOutcome:
        """Skipped, nothing linked; candidates from every signal, the row that
        ExternalIdThenNameAndAddress would link marked confident."""
        run = self._run(target, settings, Strategy.EXTERNAL_ID_THEN_NAME_AND_ADDRESS)
        resolve_customer(run)
        if not run.failed and run.customer is not None:
            resolve_location(run)
        proposed = None if run.failed or run.ambiguous else _linked_row(run)
        steps = [Step.plain("strategy ManualOnly: nothing is linked; a person decides")]
        if proposed is not None:
            where = f" at location {proposed[1]}" if proposed[1] is not None else ""
            steps.append(
                Step(
                    f"ExternalIdThenNameAndAddress would link customer {proposed[0]}{where}",
                    "ExternalIdThenNameAndAddress would link a customer",
                )
            )
        candidates = self._candidates(run, proposed) if detailed else ()
        return _outcome(
            target=target,
            status=MappingStatus.SKIPPED,
            tenant=settings.tenant,
            steps=steps,
            detailed=detailed,
            candidates=candidates,
        )

    def _candidates(self, run: ItemRun, linked: RowKey | None) -> tuple[Candidate, ...]:
        reaches = find_reaches(run)
        search = run.search
        pairs = list(search.pairs)
        present_rows = {(p.customer_id, p.location_id) for p in pairs}
        present = {p.customer_id for p in pairs}
        keys: list[RowKey] = []
        wanted = [r.customer_id for r in reaches] + ([linked[0]] if linked is not None else [])
        limit = run.tenant.limits.max_locations_per_customer
        gates = run.settings.name_and_address
        # an item without a name or an address scores 0 at every location, below any
        # floor above 0: of a customer's locations only the one standing for it (the
        # lowest id, first among equal scores) can become a row
        blank = not run.probe.carries_signal and gates.floor > EPSILON
        for customer_id in dict.fromkeys(wanted):
            set_aside = search.set_aside.get(customer_id)
            if set_aside is not None:  # found by the search: its rows count after all
                keys.extend((customer_id, location_id) for location_id in set_aside)
                continue
            if customer_id in present:
                continue
            location_ids = run.tenant.nearest_location_ids(customer_id, run.probe.keys, limit)
            if blank and location_ids:
                location_ids = [min(location_ids)]
            keys.extend((customer_id, lid) for lid in location_ids)
            if not location_ids:
                keys.append((customer_id, None))
        rows: list[RowKey] = [
            (r.customer_id, r.location_id) for r in reaches if r.location_id is not None
        ]
        if linked is not None and linked[1] is not None:
            rows.append(linked)
        keys.extend(row for row in rows if row not in present_rows)
        extra = [k for k in dict.fromkeys(keys) if k not in present_rows]
        if extra:
            pairs = sorted(
                [*pairs, *score_pairs(run.tenant, run.probe, self.policy, extra)], key=pair_order
            )
        return build_candidates(
            pairs,
            reaches,
            linked,
            threshold=gates.threshold,
            floor=gates.floor,
            max_candidates=run.settings.max_candidates,
            policy=self.policy,
        )


def _check_source_system(target: InboundTarget, settings: MappingSettings) -> None:
    named = target.source_system.strip() if target.source_system else None
    if named is not None and named != settings.source_system:
        raise InputError(
            f"the item names source system '{named}', but this context's source system is "
            f"'{settings.source_system}'",
            field="sourceSystem",
        )


def _status(run: ItemRun) -> MappingStatus:
    if run.failed:
        return MappingStatus.FAILED
    if run.warnings:
        return MappingStatus.WARNING
    if run.created_customers or run.created_locations or run.created_contacts:
        return MappingStatus.CREATED
    if run.updates:
        return MappingStatus.UPDATED
    return MappingStatus.MAPPED


def _linked_row(run: ItemRun) -> RowKey | None:
    """The linked customer and its linked existing location (None when created)."""
    if run.customer is None or run.customer_via is LinkVia.CREATED:
        return None
    location = run.location
    if location is None or run.location_via is LinkVia.CREATED:
        return (run.customer.id, None)
    return (run.customer.id, location.id)


def _outcome(
    *,
    target: InboundTarget,
    status: MappingStatus,
    tenant: str,
    steps: list[Step],
    detailed: bool,
    candidates: tuple[Candidate, ...] = (),
) -> ItemOutcome:
    result = MappingResult(
        item_external_id=target.external_id,
        status=status,
        candidates=candidates,
        explanation=render(steps, detailed=detailed),
    )
    return ItemOutcome(result=result, changes=IndexChanges(tenant))
