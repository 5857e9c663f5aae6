"""Contact resolution after the location (mapping rules, "Contact resolution")."""

from __future__ import annotations

from collections.abc import Callable

from pydantic.alias_generators import to_camel

from ordinavo_desk.domain.connect import ContactDto
from ordinavo_desk.domain.enums import ExternalType, WarningCode
from ordinavo_desk.matching.blocking import external_id_key
from ordinavo_desk.matching.explain import contact_reference_step, ref_text
from ordinavo_desk.matching.item_run import ItemRun, LinkVia
from ordinavo_desk.matching.normalize import (
    normalize_email,
    normalize_person_name,
    normalize_phone,
)
from ordinavo_desk.matching.record_writes import applied, new_contact, updates_for_contact
from ordinavo_desk.matching.records import ContactRecord

DEFAULT_COUNTRY = "DE"


def resolve_contact(run: ItemRun) -> None:
    """Link, create or miss the contact of a linked or created customer."""
    dto = run.target.contact
    if run.customer is None or dto is None:
        return
    external_id = external_id_key(dto.external_id)
    if run.referenced_contact is not None:
        contact = run.referenced_contact
        _link(run, contact, LinkVia.REFERENCE)
        assert external_id is not None
        ref = ref_text(external_id, run.source)
        run.steps.append(
            contact_reference_step(ref, contact.id, contact.location_id, contact.customer_id)
        )
    elif external_id is not None:
        run.step(f"contact.externalId {ref_text(external_id, run.source)}: no contact reference")
    if (
        run.contact is None
        and not run.links_by_references_only
        and run.customer_via is not LinkVia.CREATED
    ):
        _by_details(run, dto)
    if run.contact is None:
        _create_or_warn(run, dto)
    _store_and_update(run, dto)
    linked, location = run.contact, run.location
    if (
        linked is not None
        and location is not None
        and linked.location_id is not None
        and linked.location_id != location.id
    ):
        code = WarningCode.CONTACT_LOCATION_MISMATCH
        run.warn(code)
        run.step(
            f"contact {linked.id} is attached to location {linked.location_id}, not to "
            f"location {location.id} ({code.value})",
            f"the contact is attached to another location than the linked one ({code.value})",
        )


def _link(run: ItemRun, contact: ContactRecord, via: LinkVia) -> None:
    run.contact = contact
    run.contact_via = via


def _default_country(run: ItemRun) -> str:
    """The linked location's country, else the incoming address's, else DE."""
    if run.location is not None and run.location.country:
        return run.location.country
    address = run.target.incoming_address()
    if address is not None and address.country:
        return address.country
    return DEFAULT_COUNTRY


def _display_key(display: str | None, first: str | None, last: str | None) -> str:
    text = display or " ".join(p for p in (first, last) if p)
    return normalize_person_name(text) if text else ""


def _by_details(run: ItemRun, dto: ContactDto) -> None:
    """Step 2: email, then phone, then display name, among the customer's contacts."""
    assert run.customer is not None
    contacts = [
        c
        for cid in run.tenant.contact_ids(run.customer.id)
        if (c := run.tenant.contact(cid)) is not None
    ]
    if not contacts:
        return
    country = _default_country(run)

    def stored_country(contact: ContactRecord) -> str:
        if contact.location_id is not None:
            location = run.tenant.location(contact.location_id)
            if location is not None and location.country:
                return location.country
        return country

    email = normalize_email(dto.email) if dto.email else None
    phones = {
        p
        for raw in (dto.phone, dto.mobile)
        if raw and (p := normalize_phone(raw, country)) is not None
    }
    display = _display_key(dto.display_name, dto.first_name, dto.last_name)

    def by_email(c: ContactRecord) -> bool:
        return email is not None and c.email is not None and normalize_email(c.email) == email

    def by_phone(c: ContactRecord) -> bool:
        own = {normalize_phone(raw, stored_country(c)) for raw in (c.phone, c.mobile) if raw}
        return bool(phones & own)

    def by_name(c: ContactRecord) -> bool:
        return bool(display) and _display_key(c.display_name, c.first_name, c.last_name) == display

    signals: tuple[tuple[str, bool, Callable[[ContactRecord], bool]], ...] = (
        ("email", email is not None, by_email),
        ("phone", bool(phones), by_phone),
        ("display name", bool(display), by_name),
    )
    for label, present, matches in signals:
        if not present:
            continue
        found = [c for c in contacts if matches(c)]
        if not found:
            continue
        linked_location = run.location.id if run.location is not None else None
        found.sort(
            key=lambda c: (c.location_id != linked_location or linked_location is None, c.id)
        )
        chosen = found[0]
        _link(run, chosen, LinkVia.CONTACT_DETAILS)
        run.step(
            f"contact {label} → contact {chosen.id} of customer {chosen.customer_id}",
            f"contact {label} → a contact of the customer",
        )
        return
    run.step(
        f"no contact of customer {run.customer.id} matches the item's contact",
        "no contact of the customer matches the item's contact",
    )


def _create_or_warn(run: ItemRun, dto: ContactDto) -> None:
    assert run.customer is not None
    if run.settings.auto_create.contact and run.can_write:
        location_id = run.location.id if run.location is not None else None
        record = new_contact(
            dto, run.tenant.tenant, run.next_id(ExternalType.CONTACT), run.customer.id, location_id
        )
        run.created_contacts.append(record)
        _link(run, record, LinkVia.CREATED)
        run.step(
            f"contact {record.id} created from the item for customer {record.customer_id}",
            "a contact is created from the item",
        )
        return
    run.warn(WarningCode.CONTACT_AUTO_CREATE_DISABLED)
    why = (
        "autoCreate.contact is off"
        if not run.settings.auto_create.contact
        else ("scope customers.write is missing")
    )
    run.step(
        f"no contact linked and none created: {why} "
        f"({WarningCode.CONTACT_AUTO_CREATE_DISABLED.value})"
    )


def _store_and_update(run: ItemRun, dto: ContactDto) -> None:
    contact, via = run.contact, run.contact_via
    if contact is None or via is None:
        return
    if via.is_fallback or via is LinkVia.CREATED:
        run.store_ref(ExternalType.CONTACT, dto.external_id, contact.id)
    if via is LinkVia.REFERENCE and run.settings.auto_update and run.can_write:
        updates = updates_for_contact(contact, dto)
        if updates:
            run.updates.extend(updates)
            run.contact = applied(contact, updates)
            fields = ", ".join(to_camel(u.field) for u in updates)
            run.step(
                f"contact {contact.id} updated from the item: {fields}",
                f"the contact is updated from the item: {fields}",
            )
