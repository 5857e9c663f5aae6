"""Each warning code in the reviewer's words: a short badge label, one sentence that says
what happened (naming the records involved) and one that says what to do about it.

Codes the desk does not know (a server may send new ones) are shown as they are, with a
plain note that the desk has no explanation for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject


class WarningTexts(QObject):
    """The texts with a number in them (Qt's tools find plural forms only in ``tr``)."""

    def number_shared(self, count: int) -> str:
        return self.tr("%n customer(s) share the customer number {number}.", "", count)

    def look_alikes(self, count: int) -> str:
        return self.tr("%n customer(s) match the name and address about equally well.", "", count)


_PLURALS = WarningTexts()


@dataclass(frozen=True, slots=True)
class WarningText:
    badge: str
    explanation: str
    action: str
    #: "problem" (the item cannot be linked as it is) or "notice" (linked, check it).
    severity: str


def warning_text(code: str, facts: Mapping[str, str] | None = None) -> WarningText:
    """The texts of ``code`` in the current language, with ``facts`` filled in."""
    f = {key: value for key, value in (facts or {}).items()}
    count = int(f["count"]) if f.get("count", "").isdigit() else 0

    def fill(text: str) -> str:
        try:
            return text.format(**f)
        except (KeyError, IndexError, ValueError):
            return text

    match code:
        case "LocationMissingCoordinates":
            return WarningText(
                QCoreApplication.translate("WarningTexts", "No coordinates"),
                fill(
                    QCoreApplication.translate(
                        "WarningTexts",
                        "The location {location} has no coordinates, so it cannot be routed.",
                    )
                ),
                QCoreApplication.translate(
                    "WarningTexts",
                    "Add the coordinates in a correction, or in Ordinavo before planning.",
                ),
                "notice",
            )
        case "AmbiguousCustomerNumber":
            return WarningText(
                QCoreApplication.translate("WarningTexts", "Number ambiguous"),
                fill(_PLURALS.number_shared(count)),
                QCoreApplication.translate(
                    "WarningTexts",
                    "Pick the right customer from the candidates; compare name and address.",
                ),
                "problem",
            )
        case "TargetAddressDiffersFromCustomerLocation":
            return WarningText(
                QCoreApplication.translate("WarningTexts", "Address differs"),
                fill(
                    QCoreApplication.translate(
                        "WarningTexts",
                        "The job's address ({incoming}) differs from the location ({stored}).",
                    )
                ),
                QCoreApplication.translate(
                    "WarningTexts",
                    "Confirm if the job really is at this location, else choose another.",
                ),
                "notice",
            )
        case "CustomerAutoCreateDisabled":
            return WarningText(
                QCoreApplication.translate("WarningTexts", "New customer?"),
                QCoreApplication.translate(
                    "WarningTexts", "No customer matched, and the rules may not create one."
                ),
                QCoreApplication.translate(
                    "WarningTexts",
                    "Choose an existing customer (search with /), or create a new one (N).",
                ),
                "problem",
            )
        case "LocationAutoCreateDisabled":
            return WarningText(
                QCoreApplication.translate("WarningTexts", "New location?"),
                QCoreApplication.translate(
                    "WarningTexts",
                    "The customer has no matching location, and the rules may not create one.",
                ),
                QCoreApplication.translate(
                    "WarningTexts",
                    "Choose one of the customer's locations (L), or a new location for it.",
                ),
                "problem",
            )
        case "ContactAutoCreateDisabled":
            return WarningText(
                QCoreApplication.translate("WarningTexts", "New contact?"),
                QCoreApplication.translate(
                    "WarningTexts", "The contact is not known, and the rules may not create one."
                ),
                QCoreApplication.translate(
                    "WarningTexts", "Confirm without the contact, or choose with a new contact."
                ),
                "notice",
            )
        case "ContactLocationMismatch":
            return WarningText(
                QCoreApplication.translate("WarningTexts", "Contact elsewhere"),
                fill(
                    QCoreApplication.translate(
                        "WarningTexts",
                        "This contact belongs to {contact_location}, not to {item_location}.",
                    )
                ),
                QCoreApplication.translate(
                    "WarningTexts",
                    "Check that the contact really is responsible for this location.",
                ),
                "notice",
            )
        case "CustomerArchivedOrBlocked":
            return WarningText(
                QCoreApplication.translate("WarningTexts", "Customer {status}").format(
                    status=f.get("status", "?").lower()
                )
                if "status" in f
                else QCoreApplication.translate("WarningTexts", "Customer inactive"),
                fill(
                    QCoreApplication.translate(
                        "WarningTexts", "The customer {customer} is {status} in Ordinavo."
                    )
                ),
                QCoreApplication.translate(
                    "WarningTexts", "Make sure the job may go to this customer, or reject it."
                ),
                "problem",
            )
        case "AmbiguousNameAndAddress":
            return WarningText(
                QCoreApplication.translate("WarningTexts", "Look-alikes"),
                fill(
                    _PLURALS.look_alikes(count)
                    if count > 1
                    else QCoreApplication.translate(
                        "WarningTexts",
                        "The name matches, but the address does not settle which customer "
                        "or location it is.",
                    )
                ),
                QCoreApplication.translate(
                    "WarningTexts", "Compare the candidates (1–9) and choose the right one."
                ),
                "problem",
            )
        case "LocationCustomerMismatch":
            return WarningText(
                QCoreApplication.translate("WarningTexts", "Location of another customer"),
                fill(
                    QCoreApplication.translate(
                        "WarningTexts", "The referenced location does not belong to {customer}."
                    )
                ),
                QCoreApplication.translate(
                    "WarningTexts",
                    "Choose the right customer, or one of this customer's locations.",
                ),
                "problem",
            )
        case "ContactCustomerMismatch":
            return WarningText(
                QCoreApplication.translate("WarningTexts", "Contact of another customer"),
                fill(
                    QCoreApplication.translate(
                        "WarningTexts", "The referenced contact does not belong to {customer}."
                    )
                ),
                QCoreApplication.translate(
                    "WarningTexts", "Confirm without the contact, or choose another contact."
                ),
                "notice",
            )
    return WarningText(
        code,
        QCoreApplication.translate(
            "WarningTexts", "The server reported {code}; the desk has no explanation for it."
        ).format(code=code),
        QCoreApplication.translate("WarningTexts", "Check the item in Ordinavo."),
        "notice",
    )
