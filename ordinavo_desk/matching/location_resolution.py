"""Location resolution after the customer (mapping rules, "Location resolution")."""

from __future__ import annotations

from pydantic.alias_generators import to_camel

from ordinavo_desk.domain.enums import ExternalType, WarningCode
from ordinavo_desk.matching.blocking import external_id_key
from ordinavo_desk.matching.explain import Step, location_reference_step, ref_text
from ordinavo_desk.matching.geo import distance_m
from ordinavo_desk.matching.item_run import ItemRun, LinkVia
from ordinavo_desk.matching.policy import ScoringPolicy
from ordinavo_desk.matching.record_writes import applied, new_location, updates_for_location
from ordinavo_desk.matching.records import LocationRecord
from ordinavo_desk.matching.scoring import AddressKeys, location_keys, street_similarity


def resolve_location(run: ItemRun) -> None:
    """Link, create or miss the location of a linked or created customer."""
    target, customer = run.target, run.customer
    if customer is None or (target.location is None and target.address is None):
        return
    dto = target.location
    external_id = external_id_key(dto.external_id) if dto is not None else None
    if run.referenced_location is not None:
        location = run.referenced_location
        _link(run, location, LinkVia.REFERENCE)
        assert external_id is not None
        ref = ref_text(external_id, run.source)
        run.steps.append(location_reference_step(ref, location.id, location.customer_id))
    elif external_id is not None:
        run.step(f"location.externalId {ref_text(external_id, run.source)}: no location reference")
    if run.location is None and run.strong_location_id is not None:
        strong = run.tenant.location(run.strong_location_id)
        if strong is not None:
            _link(run, strong, LinkVia.NAME_AND_ADDRESS)
            run.step(
                f"location {strong.id}: the strong candidate's location",
                "the strong candidate's location is linked",
            )
    if (
        run.location is None
        and not run.links_by_references_only
        and run.customer_via is not LinkVia.CREATED
    ):
        _by_address(run)
    if run.location is None:
        _create_or_warn(run)
    _store_and_update(run)
    _check_address(run)


def _link(run: ItemRun, location: LocationRecord, via: LinkVia) -> None:
    run.location = location
    run.location_via = via


def _agreeing(
    incoming: AddressKeys, location: LocationRecord, agreement_m: float, policy: ScoringPolicy
) -> tuple[float | None, float] | None:
    """(distance, street similarity) when the location agrees with the incoming address:
    same postal code and street + house number, or coordinates within the agreement
    distance; else None."""
    stored = location_keys(location)
    metres: float | None = None
    if incoming.has_coordinates and stored.has_coordinates:
        assert incoming.latitude is not None and incoming.longitude is not None
        assert stored.latitude is not None and stored.longitude is not None
        metres = distance_m(
            incoming.latitude, incoming.longitude, stored.latitude, stored.longitude
        )
    same_street = incoming.street is not None and stored.street == incoming.street
    same_postal = incoming.postal_code is not None and stored.postal_code == incoming.postal_code
    near = metres is not None and metres <= agreement_m
    if not ((same_postal and same_street) or near):
        return None
    similarity = 0.0
    if incoming.street is not None and stored.street is not None:
        similarity = street_similarity(incoming.street, stored.street, policy)[0]
    return metres, similarity


def _by_address(run: ItemRun) -> None:
    """Step 2: the customer's locations that agree with the incoming address: the
    nearest by coordinates, else the best street agreement, else the lowest id."""
    assert run.customer is not None
    incoming = run.probe.keys
    if incoming.is_empty:
        return
    agreement_m = run.settings.name_and_address.coordinate_agreement_meters
    ranked: list[tuple[int, float, float, int]] = []
    for location_id in run.tenant.location_ids(run.customer.id):
        location = run.tenant.location(location_id)
        if location is None:
            continue
        found = _agreeing(incoming, location, agreement_m, run.policy)
        if found is not None:
            metres, similarity = found
            ranked.append((0 if metres is not None else 1, metres or 0.0, -similarity, location_id))
    if not ranked:
        run.step(
            f"no location of customer {run.customer.id} agrees with the incoming address",
            "no location of the customer agrees with the incoming address",
        )
        return
    ranked.sort()
    chosen = run.tenant.location(ranked[0][3])
    assert chosen is not None
    _link(run, chosen, LinkVia.ADDRESS)
    run.step(
        f"incoming address → location {chosen.id} of customer {chosen.customer_id}",
        "incoming address → a location of the customer",
    )


def _create_or_warn(run: ItemRun) -> None:
    """Step 3: create the location from the DTO, or warn."""
    assert run.customer is not None
    if run.settings.auto_create.location and run.can_write:
        record = new_location(
            run.target.location,
            run.target.incoming_address(),
            run.tenant.tenant,
            run.next_id(ExternalType.LOCATION),
            run.customer.id,
        )
        run.created_locations.append(record)
        _link(run, record, LinkVia.CREATED)
        run.step(
            f"location {record.id} created from the item for customer {record.customer_id}",
            "a location is created from the item",
        )
        return
    run.warn(WarningCode.LOCATION_AUTO_CREATE_DISABLED)
    why = (
        "autoCreate.location is off"
        if not run.settings.auto_create.location
        else ("scope customers.write is missing")
    )
    run.step(
        f"no location linked and none created: {why} "
        f"({WarningCode.LOCATION_AUTO_CREATE_DISABLED.value})"
    )


def _store_and_update(run: ItemRun) -> None:
    location, via, dto = run.location, run.location_via, run.target.location
    if location is None or via is None or dto is None:
        return
    if via.is_fallback or via is LinkVia.CREATED:
        run.store_ref(ExternalType.LOCATION, dto.external_id, location.id)
    if via is LinkVia.REFERENCE and run.settings.auto_update and run.can_write:
        updates = updates_for_location(location, dto)
        if updates:
            run.updates.extend(updates)
            run.location = applied(location, updates)
            fields = ", ".join(to_camel(u.field) for u in updates)
            run.step(
                f"location {location.id} updated from the item: {fields}",
                f"the location is updated from the item: {fields}",
            )


def _check_address(run: ItemRun) -> None:
    """Steps 4 and 5: the address differs from the linked location's; no coordinates."""
    location = run.location
    if location is None:
        return
    incoming = run.probe.keys
    compared = incoming.street is not None or incoming.postal_code is not None
    if compared and run.location_via is not LinkVia.CREATED:
        stored = location_keys(location)
        differs: list[str] = []
        if incoming.street is not None:
            same_name = stored.street is not None and stored.street.name == incoming.street.name
            same_number = incoming.street.house_number is None or (
                stored.street is not None
                and stored.street.house_number == incoming.street.house_number
            )
            if not (same_name and same_number):
                differs.append("street")
        if incoming.postal_code is not None and stored.postal_code != incoming.postal_code:
            differs.append("postal code")
        if differs:
            code = WarningCode.TARGET_ADDRESS_DIFFERS_FROM_CUSTOMER_LOCATION
            run.warn(code)
            what = " and ".join(differs)
            run.step(
                f"the incoming {what} differs from location {location.id}'s ({code.value})",
                f"the incoming {what} differs from the linked location's ({code.value})",
            )
    if not location.has_coordinates:
        run.warn(WarningCode.LOCATION_MISSING_COORDINATES)
        run.steps.append(missing_coordinates_step(location.id))


def missing_coordinates_step(location_id: int) -> Step:
    """Step 5: the linked location has no coordinates (a warning)."""
    code = WarningCode.LOCATION_MISSING_COORDINATES
    return Step(
        f"location {location_id} has no coordinates ({code.value})",
        f"the location has no coordinates ({code.value})",
    )
