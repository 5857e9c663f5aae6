"""Mapping settings for the generated world, one per strategy."""

from __future__ import annotations

from typing import Any

from benchmarks.datagen.reference import SAP

ALL_SCOPES = ["inbound.targets.write", "customers.map", "customers.write", "customers.read"]
GATES = {"threshold": 0.90, "margin": 0.08, "floor": 0.50, "coordinateAgreementMeters": 150}


def settings_by_strategy(tenant: str) -> dict[str, dict[str, Any]]:
    """``file stem → settings``: the five strategies with the settings a team would pick."""

    def base(strategy: str, auto_create: tuple[bool, bool, bool]) -> dict[str, Any]:
        customer, location, contact = auto_create
        return {
            "tenant": tenant,
            "sourceSystem": SAP,
            "strategy": strategy,
            "scopes": list(ALL_SCOPES),
            "autoCreate": {"customer": customer, "location": location, "contact": contact},
            "autoUpdate": False,
            "safeFallbacks": ["CustomerNumber"],
            "maxCandidates": 10,
            "nameAndAddress": dict(GATES),
        }

    first = base("ExternalIdFirst", (False, True, True))
    first["safeFallbacks"] = ["CustomerNumber", "ExactNameAndAddress"]
    return {
        "external-id-only": base("ExternalIdOnly", (False, False, False)),
        "external-id-first": first,
        "external-id-then-customer-number": base(
            "ExternalIdThenCustomerNumber", (False, True, True)
        ),
        "external-id-then-name-and-address": base(
            "ExternalIdThenNameAndAddress", (True, True, True)
        ),
        "manual-only": base("ManualOnly", (False, False, False)),
    }
