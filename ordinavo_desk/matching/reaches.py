"""Customers an item reaches by external reference or customer number, whatever the
strategy: their candidate rows score 1.0 (the strategy decides what is linked, never what
a person is shown)."""

from __future__ import annotations

from ordinavo_desk.domain.enums import ExternalType
from ordinavo_desk.domain.mapping import Reason
from ordinavo_desk.matching.blocking import external_id_key
from ordinavo_desk.matching.candidates import Reach
from ordinavo_desk.matching.item_run import ItemRun


def find_reaches(run: ItemRun) -> list[Reach]:
    """Reached customers in order of precedence: customer reference, location reference,
    contact reference, customer number (a customer's first reach is the one shown)."""
    target, tenant, source = run.target, run.tenant, run.source
    score = run.policy.reference_score
    reaches: list[Reach] = []

    def reason(field: str, incoming: str, stored: str, comparison: str) -> Reason:
        return Reason(
            field=field, incoming=incoming, stored=stored, comparison=comparison, contribution=score
        )

    customer_ref = external_id_key(target.customer.external_id) if target.customer else None
    if customer_ref is not None:
        found = tenant.resolve(source, ExternalType.CUSTOMER, customer_ref)
        if found is not None:
            reaches.append(
                Reach(
                    found,
                    None,
                    reason("customer.externalId", customer_ref, customer_ref, "reference"),
                )
            )
    location_ref = external_id_key(target.location.external_id) if target.location else None
    if location_ref is not None:
        location_id = tenant.resolve(source, ExternalType.LOCATION, location_ref)
        location = tenant.location(location_id) if location_id is not None else None
        if location is not None:
            reaches.append(
                Reach(
                    location.customer_id,
                    location.id,
                    reason("location.externalId", location_ref, location_ref, "reference"),
                )
            )
    contact_ref = external_id_key(target.contact.external_id) if target.contact else None
    if contact_ref is not None:
        contact_id = tenant.resolve(source, ExternalType.CONTACT, contact_ref)
        contact = tenant.contact(contact_id) if contact_id is not None else None
        if contact is not None:
            reaches.append(
                Reach(
                    contact.customer_id,
                    contact.location_id,
                    reason("contact.externalId", contact_ref, contact_ref, "reference"),
                )
            )
    number = target.customer.customer_number if target.customer else None
    if number is not None and number.strip():
        for customer_id in tenant.customers_with_number(number):
            customer = tenant.customer(customer_id)
            stored = customer.customer_number if customer is not None else None
            reaches.append(
                Reach(
                    customer_id,
                    None,
                    reason("customer.customerNumber", number.strip(), stored or "", "exact"),
                )
            )
    return reaches
