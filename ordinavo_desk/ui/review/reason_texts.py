"""The engine's per-field reasons in the reviewer's words (and language).

The engine names each comparison with a small vocabulary ("exact", "fuzzy 0.91",
"40 m apart", "house number differs" …); the words it may use are translated here, and
anything else is shown as the engine wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLocale

from ordinavo_desk.domain.mapping import Reason
from ordinavo_desk.ui.units import distance_text

_FUZZY = re.compile(r"^fuzzy (\d(?:\.\d+)?)$")
_APART = re.compile(r"^(\d+) m apart$")


_NAMES: dict[str, dict[str, str]] = {}


def field_name(key: str) -> str:
    """``customer.name`` → "Name" (the row label of the comparison)."""
    language = QLocale().name()
    names = _NAMES.get(language)
    if names is None:
        names = _NAMES[language] = _field_names()
    return names.get(key, key)


def _field_names() -> dict[str, str]:
    return {
        "customer.name": QCoreApplication.translate("ReasonTexts", "Name"),
        "customer.customerNumber": QCoreApplication.translate("ReasonTexts", "Customer number"),
        "customer.externalId": QCoreApplication.translate("ReasonTexts", "External ID"),
        "customer.type": QCoreApplication.translate("ReasonTexts", "Type"),
        "customer.industry": QCoreApplication.translate("ReasonTexts", "Industry"),
        "location.name": QCoreApplication.translate("ReasonTexts", "Location name"),
        "location.street": QCoreApplication.translate("ReasonTexts", "Street"),
        "location.postalCode": QCoreApplication.translate("ReasonTexts", "Postal code"),
        "location.city": QCoreApplication.translate("ReasonTexts", "City"),
        "location.country": QCoreApplication.translate("ReasonTexts", "Country"),
        "location.coordinates": QCoreApplication.translate("ReasonTexts", "Coordinates"),
        "location.externalId": QCoreApplication.translate("ReasonTexts", "Location reference"),
        "contact.name": QCoreApplication.translate("ReasonTexts", "Contact"),
        "contact.role": QCoreApplication.translate("ReasonTexts", "Role"),
        "contact.email": QCoreApplication.translate("ReasonTexts", "Email"),
        "contact.phone": QCoreApplication.translate("ReasonTexts", "Phone"),
        "contact.mobile": QCoreApplication.translate("ReasonTexts", "Mobile"),
        "contact.externalId": QCoreApplication.translate("ReasonTexts", "Contact reference"),
    }


def status_text(status: str | None) -> str:
    """A mapping status in the reviewer's language (codes the desk does not know as
    they are)."""
    if status is None:
        return QCoreApplication.translate("ReasonTexts", "not mapped")
    return {
        "NotApplicable": QCoreApplication.translate("ReasonTexts", "Not applicable"),
        "Mapped": QCoreApplication.translate("ReasonTexts", "Mapped"),
        "Created": QCoreApplication.translate("ReasonTexts", "Created"),
        "Updated": QCoreApplication.translate("ReasonTexts", "Updated"),
        "Warning": QCoreApplication.translate("ReasonTexts", "Warning"),
        "Failed": QCoreApplication.translate("ReasonTexts", "Failed"),
        "Skipped": QCoreApplication.translate("ReasonTexts", "Skipped"),
    }.get(status, status)


def section_name(section: str) -> str:
    return {
        "customer": QCoreApplication.translate("ReasonTexts", "Customer"),
        "location": QCoreApplication.translate("ReasonTexts", "Location"),
        "contact": QCoreApplication.translate("ReasonTexts", "Contact"),
    }.get(section, section)


_COMPARISONS: dict[str, dict[str, str]] = {}
#: Comparisons remembered per language (scores and distances vary; kept bounded).
_REMEMBERED = 4096


def comparison_text(comparison: str) -> str:
    """One comparison word of the engine, translated (remembered: a comparison's text is
    asked for on every item shown)."""
    texts = _COMPARISONS.setdefault(QLocale().name(), {})
    text = texts.get(comparison)
    if text is None:
        if len(texts) >= _REMEMBERED:
            texts.clear()
        text = texts[comparison] = _comparison_text(comparison)
    return text


def _comparison_text(comparison: str) -> str:
    fixed = {
        "exact": QCoreApplication.translate("ReasonTexts", "exact"),
        "different": QCoreApplication.translate("ReasonTexts", "different"),
        "not given": QCoreApplication.translate("ReasonTexts", "not given"),
        "missing": QCoreApplication.translate("ReasonTexts", "missing in the record"),
        "reference": QCoreApplication.translate("ReasonTexts", "by reference"),
        "house number missing": QCoreApplication.translate("ReasonTexts", "house number missing"),
        "house number close": QCoreApplication.translate("ReasonTexts", "house number close"),
        "house number differs": QCoreApplication.translate("ReasonTexts", "house number differs"),
        "qualifier differs": QCoreApplication.translate("ReasonTexts", "district differs"),
    }
    if comparison in fixed:
        return fixed[comparison]
    fuzzy = _FUZZY.match(comparison)
    if fuzzy:
        return QCoreApplication.translate("ReasonTexts", "similar {score}").format(
            score=fuzzy.group(1)
        )
    apart = _APART.match(comparison)
    if apart:
        return QCoreApplication.translate("ReasonTexts", "{distance} apart").format(
            distance=distance_text(float(apart.group(1)))
        )
    return comparison


def reason_line(reasons: Iterable[Reason]) -> str:
    """One line for a candidate row: "Name exact · Street similar 0.91 · 40 m apart"."""
    parts = []
    for reason in reasons:
        text = comparison_text(reason.comparison)
        if reason.field == "location.coordinates":
            parts.append(text)
        else:
            parts.append(f"{field_name(reason.field)} {text}")
    return " · ".join(parts)


def contribution_text(value: float) -> str:
    return f"+{value:.2f}" if value >= 0 else f"{value:.2f}"
