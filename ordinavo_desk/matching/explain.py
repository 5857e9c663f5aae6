"""The explanation of a mapping: ordered plain-English steps, each also in a form that
names no ids and no stored values (for contexts without ``customers.read``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ordinavo_desk.domain.mapping import Reason


@dataclass(frozen=True, slots=True)
class Step:
    """One step the rules took. ``redacted`` is the same step without ids or stored values
    (values the item itself carries may appear in both)."""

    text: str
    redacted: str

    @classmethod
    def plain(cls, text: str) -> Step:
        """A step that names no ids or stored values in the first place."""
        return cls(text, text)


def render(steps: Iterable[Step], *, detailed: bool) -> tuple[str, ...]:
    return tuple(step.text if detailed else step.redacted for step in steps)


def ref_text(external_id: str, source_system: str) -> str:
    """``CUST-10042 (sap-erp)``."""
    return f"{external_id} ({source_system})"


def customer_reference_step(ref: str, customer_id: int) -> Step:
    """The customer reference resolved (``ref`` as ``ref_text`` writes it)."""
    return Step(
        f"customer.externalId {ref} → customer {customer_id}",
        f"customer.externalId {ref} → a customer",
    )


def location_reference_step(ref: str, location_id: int, customer_id: int) -> Step:
    return Step(
        f"location.externalId {ref} → location {location_id} of customer {customer_id}",
        f"location.externalId {ref} → a location",
    )


def contact_reference_step(
    ref: str, contact_id: int, location_id: int | None, customer_id: int
) -> Step:
    where = (
        f"at location {location_id}" if location_id is not None else f"of customer {customer_id}"
    )
    return Step(
        f"contact.externalId {ref} → contact {contact_id} {where}",
        f"contact.externalId {ref} → a contact",
    )


_FIELD_WORDS = {
    "customer.name": "name",
    "location.street": "street",
    "location.postalCode": "postal code",
    "location.city": "city",
    "location.coordinates": "",
    "customer.externalId": "customer reference",
    "location.externalId": "location reference",
    "contact.externalId": "contact reference",
    "customer.customerNumber": "customer number",
}


def summarize_reasons(reasons: Iterable[Reason]) -> str:
    """One line for a candidate row, e.g.
    ``name exact · street fuzzy 0.91 (Hachestr. 12 ↔ Hachestraße 12) · 40 m apart``."""
    parts: list[str] = []
    for reason in reasons:
        word = _FIELD_WORDS.get(reason.field, reason.field)
        if not word:
            parts.append(reason.comparison)
            continue
        text = f"{word} {reason.comparison}"
        if (
            reason.comparison not in {"exact", "reference", "missing", "not given"}
            and reason.incoming
            and reason.stored
        ):
            text += f" ({reason.incoming} ↔ {reason.stored})"
        parts.append(text)
    return " · ".join(parts)
