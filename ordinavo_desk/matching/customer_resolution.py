"""Customer resolution: reference owners, the customer's own signals, fallbacks by
strategy, creation, stored references and updates (mapping rules, "Customer resolution")."""

from __future__ import annotations

from pydantic.alias_generators import to_camel

from ordinavo_desk.domain.enums import (
    CustomerStatus,
    ExternalType,
    SafeFallback,
    Scope,
    Strategy,
    WarningCode,
)
from ordinavo_desk.matching.blocking import customer_number_key, external_id_key
from ordinavo_desk.matching.explain import Step, customer_reference_step, ref_text
from ordinavo_desk.matching.item_run import ItemRun, LinkVia
from ordinavo_desk.matching.name_and_address import exact_name_and_address, name_and_address
from ordinavo_desk.matching.record_writes import applied, new_customer, updates_for_customer


def resolve_referenced_records(run: ItemRun) -> None:
    """Customer step 0, first half: the records the item's location and contact
    references resolve to (tenant, source system and type all part of the key)."""
    target = run.target
    location_ref = external_id_key(target.location.external_id) if target.location else None
    if location_ref is not None:
        location_id = run.tenant.resolve(run.source, ExternalType.LOCATION, location_ref)
        if location_id is not None:
            run.referenced_location = run.tenant.location(location_id)
    contact_ref = external_id_key(target.contact.external_id) if target.contact else None
    if contact_ref is not None:
        contact_id = run.tenant.resolve(run.source, ExternalType.CONTACT, contact_ref)
        if contact_id is not None:
            run.referenced_contact = run.tenant.contact(contact_id)


def resolve_customer(run: ItemRun) -> None:
    """Link or create the item's customer, or fail, or leave it to a person."""
    resolve_referenced_records(run)
    location_owner = run.referenced_location.customer_id if run.referenced_location else None
    contact_owner = run.referenced_contact.customer_id if run.referenced_contact else None

    if run.target.customer is None:
        owner = location_owner if location_owner is not None else contact_owner
        if owner is None:
            run.step(
                "no customer in the item and no location or contact reference that resolves: "
                "nothing to attach the location or contact to"
            )
            run.fail()
            return
        _link(run, owner, LinkVia.REFERENCE_OWNER)
        via = "location" if location_owner is not None else "contact"
        run.steps.append(owner_step(owner, via))
        if contact_owner is not None and contact_owner != owner:
            _mismatch(run, WarningCode.CONTACT_CUSTOMER_MISMATCH, "contact", contact_owner, owner)
        if not run.failed:
            _check_status(run)
        return

    _link_by_own_signals(run)
    linked = run.customer.id if run.customer is not None else None
    if location_owner is not None and location_owner != linked:
        _mismatch(run, WarningCode.LOCATION_CUSTOMER_MISMATCH, "location", location_owner, linked)
    if contact_owner is not None and contact_owner != linked:
        _mismatch(run, WarningCode.CONTACT_CUSTOMER_MISMATCH, "contact", contact_owner, linked)
    if run.failed:
        return
    if run.customer is not None:
        _check_status(run)
        _store_and_update(run)
        return
    if run.ambiguous:
        run.step("the customer is left for a person to decide", "the customer is left for a person")
        return
    _create_or_fail(run)


def owner_step(owner: int, via: str) -> Step:
    """No customer in the item: the owner of the referenced location or contact."""
    return Step(
        f"no customer in the item: customer {owner} owns the referenced {via}",
        f"no customer in the item: the customer owning the referenced {via} is linked",
    )


def _link(run: ItemRun, customer_id: int, via: LinkVia) -> None:
    run.customer = run.tenant.customer(customer_id)
    run.customer_via = via


def _mismatch(run: ItemRun, code: WarningCode, kind: str, owner: int, linked: int | None) -> None:
    signals = f"customer {linked}" if linked is not None else "no customer"
    run.warn(code)
    run.fail()
    run.step(
        f"the referenced {kind} belongs to customer {owner}, but the customer's own signals "
        f"link {signals}: {code.value}",
        f"the referenced {kind} belongs to another customer than the customer's own signals "
        f"link: {code.value}",
    )
    run.customer = None
    run.customer_via = None


def _link_by_own_signals(run: ItemRun) -> None:
    """Steps 1 and 2: the customer reference, then the strategy's fallbacks."""
    dto = run.target.customer
    assert dto is not None
    external_id = external_id_key(dto.external_id)
    if external_id is not None:
        found = run.tenant.resolve(run.source, ExternalType.CUSTOMER, external_id)
        ref = ref_text(external_id, run.source)
        if found is not None:
            _link(run, found, LinkVia.REFERENCE)
            run.steps.append(customer_reference_step(ref, found))
            return
        run.step(f"customer.externalId {ref}: no customer reference")
    strategy = run.strategy
    if strategy is Strategy.EXTERNAL_ID_ONLY:
        run.step("strategy ExternalIdOnly: no fallback")
    elif strategy is Strategy.EXTERNAL_ID_THEN_CUSTOMER_NUMBER:
        _by_customer_number(run)
    elif strategy is Strategy.EXTERNAL_ID_THEN_NAME_AND_ADDRESS:
        found_pair = name_and_address(run)
        if found_pair is not None:
            _link(run, found_pair.customer_id, LinkVia.NAME_AND_ADDRESS)
            run.strong_location_id = found_pair.location_id
    elif strategy is Strategy.EXTERNAL_ID_FIRST:
        if not run.settings.safe_fallbacks:
            run.step("strategy ExternalIdFirst without safe fallbacks: no fallback")
        for fallback in run.settings.safe_fallbacks:
            if fallback is SafeFallback.CUSTOMER_NUMBER:
                _by_customer_number(run)
            else:
                found_id = exact_name_and_address(run)
                if found_id is not None:
                    _link(run, found_id, LinkVia.EXACT_NAME_AND_ADDRESS)
            if run.customer is not None or run.ambiguous:
                break


def _by_customer_number(run: ItemRun) -> None:
    dto = run.target.customer
    number = dto.customer_number if dto is not None else None
    if customer_number_key(number) is None or number is None:
        run.step("no customerNumber in the item to fall back on")
        return
    number = number.strip()
    holders = run.tenant.customers_with_number(number)
    if len(holders) == 1:
        _link(run, holders[0], LinkVia.CUSTOMER_NUMBER)
        run.step(
            f"customerNumber {number} → customer {holders[0]}",
            f"customerNumber {number} → a customer",
        )
    elif holders:
        run.warn(WarningCode.AMBIGUOUS_CUSTOMER_NUMBER)
        run.ambiguous = True
        ids = ", ".join(str(h) for h in holders)
        run.step(
            f"customerNumber {number} is held by customers {ids}: "
            f"{WarningCode.AMBIGUOUS_CUSTOMER_NUMBER.value}",
            f"customerNumber {number} is held by {len(holders)} customers: "
            f"{WarningCode.AMBIGUOUS_CUSTOMER_NUMBER.value}",
        )
    else:
        run.step(f"customerNumber {number}: no customer holds it")


def _check_status(run: ItemRun) -> None:
    """Step 3: an Archived or Blocked customer is linked all the same, with a warning."""
    customer = run.customer
    if customer is not None and customer.status is not CustomerStatus.ACTIVE:
        run.warn(WarningCode.CUSTOMER_ARCHIVED_OR_BLOCKED)
        run.steps.append(inactive_customer_step(customer.id, customer.status))


def inactive_customer_step(customer_id: int, status: CustomerStatus) -> Step:
    return Step(
        f"customer {customer_id} is {status.value}: linked with a warning",
        f"the customer is {status.value}: linked with a warning",
    )


def _create_or_fail(run: ItemRun) -> None:
    """Step 4: create the customer from the DTO, or say why not."""
    dto = run.target.customer
    assert dto is not None
    auto = run.settings.auto_create.customer
    if auto and run.can_write:
        if dto.name is None or not dto.name.strip():
            run.fail()
            run.step(
                "no customer linked, and the customer in the item has no name: "
                "a customer without a name is never created"
            )
            return
        number = dto.customer_number.strip() if dto.customer_number else None
        holders = run.tenant.customers_with_number(number) if number else ()
        if holders:
            run.warn(WarningCode.AMBIGUOUS_CUSTOMER_NUMBER)
            run.ambiguous = True
            ids = ", ".join(str(h) for h in holders)
            run.step(
                f"customerNumber {number} is already held by customer {ids}: no customer "
                f"created ({WarningCode.AMBIGUOUS_CUSTOMER_NUMBER.value})",
                f"customerNumber {number} is already held by another customer: no customer "
                f"created ({WarningCode.AMBIGUOUS_CUSTOMER_NUMBER.value})",
            )
            return
        record = new_customer(dto, run.tenant.tenant, run.next_id(ExternalType.CUSTOMER))
        run.created_customers.append(record)
        run.customer = record
        run.customer_via = LinkVia.CREATED
        run.step(
            f"no customer linked: customer {record.id} created from the item",
            "no customer linked: a customer is created from the item",
        )
        _store_and_update(run)
        return
    why = []
    if not auto:
        why.append("autoCreate.customer is off")
    if not run.can_write:
        why.append(f"scope {Scope.CUSTOMERS_WRITE.value} is missing")
    run.warn(WarningCode.CUSTOMER_AUTO_CREATE_DISABLED)
    run.fail()
    run.step(
        f"no customer linked and none created: {' and '.join(why)} "
        f"({WarningCode.CUSTOMER_AUTO_CREATE_DISABLED.value})"
    )


def _store_and_update(run: ItemRun) -> None:
    """Steps 5 and 6: store the item's reference on a customer linked by fallback or
    created; update a customer linked by reference when autoUpdate is on."""
    customer, via, dto = run.customer, run.customer_via, run.target.customer
    if customer is None or via is None or dto is None:
        return
    if via.is_fallback or via is LinkVia.CREATED:
        run.store_ref(ExternalType.CUSTOMER, dto.external_id, customer.id)
    if via is LinkVia.REFERENCE and run.settings.auto_update and run.can_write:
        updates = updates_for_customer(customer, dto)
        if updates:
            run.updates.extend(updates)
            run.customer = applied(customer, updates)
            fields = ", ".join(to_camel(u.field) for u in updates)
            run.step(
                f"customer {customer.id} updated from the item: {fields}",
                f"the customer is updated from the item: {fields}",
            )
