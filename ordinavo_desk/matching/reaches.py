"""Customers an item reaches by external reference or customer number, whatever the
strategy: their candidate rows score 1.0 (the strategy decides what is linked, never what
a person is shown)."""

from __future__ import annotations

from ordinavo_desk.domain.enums import ExternalType
from ordinavo_desk.matching.blocking import external_id_key
from ordinavo_desk.matching.candidates import Reach
from ordinavo_desk.matching.item_run import ItemRun
from ordinavo_desk.matching.tenant_index import TenantIndex


def find_reaches(run: ItemRun) -> list[Reach]:
    """Reached customers in order of precedence: customer reference, location reference,
    contact reference, customer number (a customer's first reach is the one shown)."""
    target, tenant, source = run.target, run.tenant, run.source
    reaches: list[Reach] = []
    signals = (
        ("customer", ExternalType.CUSTOMER, target.customer),
        ("location", ExternalType.LOCATION, target.location),
        ("contact", ExternalType.CONTACT, target.contact),
    )
    for name, kind, dto in signals:
        ref = external_id_key(dto.external_id) if dto is not None else None
        if ref is None:
            continue
        record_id = tenant.resolve(source, kind, ref)
        owner = _owner(tenant, kind, record_id) if record_id is not None else None
        if owner is not None:
            field = f"{name}.externalId"
            reaches.append(Reach(owner[0], owner[1], field, ref, ref, "reference"))
    number = target.customer.customer_number if target.customer else None
    if number is not None and number.strip():
        for customer_id in tenant.customers_with_number(number):
            customer = tenant.customer(customer_id)
            stored = customer.customer_number if customer is not None else None
            reaches.append(
                Reach(
                    customer_id,
                    None,
                    "customer.customerNumber",
                    number.strip(),
                    stored or "",
                    "exact",
                )
            )
    return reaches


def _owner(
    tenant: TenantIndex, kind: ExternalType, record_id: int
) -> tuple[int, int | None] | None:
    """The customer a referenced record belongs to, and the location it names."""
    if kind is ExternalType.CUSTOMER:
        return (record_id, None)
    if kind is ExternalType.LOCATION:
        location = tenant.location(record_id)
        return (location.customer_id, location.id) if location is not None else None
    contact = tenant.contact(record_id)
    return (contact.customer_id, contact.location_id) if contact is not None else None
