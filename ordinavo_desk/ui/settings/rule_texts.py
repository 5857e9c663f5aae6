"""Words for a profile's rules and scopes in the reviewer's language: the strategies,
the safe fallbacks, what each scope allows and what is lost without it, and what the
review window does with which scope. Their translation context is ``RulesPage`` (the
scopes' ``ScopeTexts``), where the Rules page shows them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ordinavo_desk.domain.enums import SafeFallback, Scope, Strategy
from ordinavo_desk.services.scope_capabilities import Capability


def strategy_text(strategy: Strategy) -> tuple[str, str]:
    """The strategy's name and what it does, in the reviewer's language."""
    texts = {
        Strategy.EXTERNAL_ID_ONLY: (
            QCoreApplication.translate("RulesPage", "External ID only"),
            QCoreApplication.translate(
                "RulesPage",
                "Only the item's external references link records; everything else "
                "waits for a person.",
            ),
        ),
        Strategy.EXTERNAL_ID_FIRST: (
            QCoreApplication.translate("RulesPage", "External ID first, then the safe fallbacks"),
            QCoreApplication.translate(
                "RulesPage",
                "External references first, then the safe fallbacks in their order; an "
                "ambiguity waits for a person.",
            ),
        ),
        Strategy.EXTERNAL_ID_THEN_CUSTOMER_NUMBER: (
            QCoreApplication.translate("RulesPage", "External ID, then customer number"),
            QCoreApplication.translate(
                "RulesPage",
                "External references first, then the customer number; a number several "
                "customers share waits for a person.",
            ),
        ),
        Strategy.EXTERNAL_ID_THEN_NAME_AND_ADDRESS: (
            QCoreApplication.translate("RulesPage", "External ID, then name and address"),
            QCoreApplication.translate(
                "RulesPage",
                "External references first, then name and address scored against the "
                "thresholds below; look-alikes wait for a person.",
            ),
        ),
        Strategy.MANUAL_ONLY: (
            QCoreApplication.translate("RulesPage", "Manual only"),
            QCoreApplication.translate(
                "RulesPage",
                "Nothing is linked automatically; candidates are ranked for a person to decide.",
            ),
        ),
    }
    return texts[strategy]


def fallback_text(fallback: SafeFallback) -> str:
    return {
        SafeFallback.CUSTOMER_NUMBER: QCoreApplication.translate("RulesPage", "customer number"),
        SafeFallback.EXACT_NAME_AND_ADDRESS: QCoreApplication.translate(
            "RulesPage", "exact name and address"
        ),
    }[fallback]


def scope_texts(scope: str) -> tuple[str, str] | None:
    """What a scope allows and what is lost without it (services/scope_capabilities.py
    says the same in English for the command line); None for a scope without words."""
    nothing = QCoreApplication.translate("ScopeTexts", "nothing the desk uses")
    texts: dict[str, tuple[str, str]] = {
        Scope.INTEGRATION_HEALTH_READ: (
            QCoreApplication.translate(
                "ScopeTexts",
                "check the connection and read the key's tenant, scopes and mapping settings",
            ),
            QCoreApplication.translate(
                "ScopeTexts",
                "the connection test and taking the server's settings cannot read what "
                "the key may do",
            ),
        ),
        Scope.CUSTOMERS_MAP: (
            QCoreApplication.translate(
                "ScopeTexts",
                "pull the review queue with each item's mapping, and decide items "
                "(Confirm, Choose, Reject, Defer, Revert)",
            ),
            QCoreApplication.translate(
                "ScopeTexts", "no review items are pulled and no decision can be written back"
            ),
        ),
        Scope.CUSTOMERS_READ: (
            QCoreApplication.translate(
                "ScopeTexts",
                "pull the tenant's customers, locations, contacts and external references; "
                "see record ids and ranked candidates",
            ),
            QCoreApplication.translate(
                "ScopeTexts",
                "no reference data is pulled; answers carry statuses and warnings only, so "
                "the desk ranks candidates itself from the reference data it has",
            ),
        ),
        Scope.CUSTOMERS_WRITE: (
            QCoreApplication.translate(
                "ScopeTexts",
                "decisions that create customers, locations or contacts, and storing the "
                "decided external references",
            ),
            QCoreApplication.translate(
                "ScopeTexts",
                "Create new and new locations or contacts are refused; Choose links the "
                "item but stores no external reference",
            ),
        ),
        Scope.INBOUND_TARGETS_WRITE: (
            QCoreApplication.translate(
                "ScopeTexts",
                "import one target; the write-back to a server without the review extension",
            ),
            QCoreApplication.translate(
                "ScopeTexts",
                "targets cannot be imported one by one (nor written back to a plain v1 server)",
            ),
        ),
        Scope.INBOUND_TARGETS_BATCH_WRITE: (
            QCoreApplication.translate("ScopeTexts", "import batches of targets"),
            QCoreApplication.translate("ScopeTexts", "targets cannot be imported in batches"),
        ),
        Scope.IMPORT_JOBS_READ: (
            QCoreApplication.translate("ScopeTexts", "read import jobs and their item results"),
            QCoreApplication.translate(
                "ScopeTexts", "the results of earlier imports cannot be read back"
            ),
        ),
        Scope.ROUTE_SUGGESTIONS_CREATE: (
            QCoreApplication.translate("ScopeTexts", "create route suggestions"),
            nothing,
        ),
        Scope.ROUTE_SUGGESTIONS_READ: (
            QCoreApplication.translate("ScopeTexts", "read route suggestions"),
            nothing,
        ),
        Scope.WEBHOOKS_READ: (
            QCoreApplication.translate("ScopeTexts", "read webhook subscriptions"),
            nothing,
        ),
        Scope.WEBHOOKS_MANAGE: (
            QCoreApplication.translate("ScopeTexts", "create and change webhook subscriptions"),
            nothing,
        ),
        Scope.WEBHOOK_DELIVERIES_READ: (
            QCoreApplication.translate("ScopeTexts", "read webhook deliveries"),
            nothing,
        ),
    }
    return texts.get(scope)


def allows(capability: Capability) -> str:
    texts = scope_texts(capability.scope)
    return texts[0] if texts else capability.allows


def without(capability: Capability) -> str:
    texts = scope_texts(capability.scope)
    return texts[1] if texts else capability.without


def review_actions() -> tuple[tuple[str, str, Scope], ...]:
    """What the review window does: (key, words, the scope it needs; disabled there
    without it)."""
    return (
        (
            "decide",
            QCoreApplication.translate("RulesPage", "Confirm, Choose, Reject, Defer and Undo"),
            Scope.CUSTOMERS_MAP,
        ),
        (
            "sync",
            QCoreApplication.translate("RulesPage", "Pull the review queue and send decisions"),
            Scope.CUSTOMERS_MAP,
        ),
        (
            "create",
            QCoreApplication.translate("RulesPage", "Create new customers, locations and contacts"),
            Scope.CUSTOMERS_WRITE,
        ),
        (
            "references",
            QCoreApplication.translate("RulesPage", "Store the decided external references"),
            Scope.CUSTOMERS_WRITE,
        ),
        (
            "reference",
            QCoreApplication.translate(
                "RulesPage", "Pull reference data (customers, locations, contacts)"
            ),
            Scope.CUSTOMERS_READ,
        ),
        (
            "test",
            QCoreApplication.translate("RulesPage", "Test the connection"),
            Scope.INTEGRATION_HEALTH_READ,
        ),
    )


def yes_no(value: bool) -> str:
    return (
        QCoreApplication.translate("RulesPage", "yes")
        if value
        else QCoreApplication.translate("RulesPage", "no")
    )
