"""Enumerations of the mapping rules and the Connect API.

Closed enums (strategies, scopes, decision kinds, reject reasons, external types,
customer status, safe fallbacks, operations) reject unknown values. Open vocabularies
(priority, customer and location type, preferred contact method, industry, warning codes
received from a server) are plain strings; the known values are listed here for display.
"""

from __future__ import annotations

from enum import StrEnum


class Strategy(StrEnum):
    EXTERNAL_ID_ONLY = "ExternalIdOnly"
    EXTERNAL_ID_FIRST = "ExternalIdFirst"
    EXTERNAL_ID_THEN_CUSTOMER_NUMBER = "ExternalIdThenCustomerNumber"
    EXTERNAL_ID_THEN_NAME_AND_ADDRESS = "ExternalIdThenNameAndAddress"
    MANUAL_ONLY = "ManualOnly"


class MappingStatus(StrEnum):
    NOT_APPLICABLE = "NotApplicable"
    MAPPED = "Mapped"
    CREATED = "Created"
    UPDATED = "Updated"
    WARNING = "Warning"
    FAILED = "Failed"
    SKIPPED = "Skipped"


class WarningCode(StrEnum):
    """Warning codes the desk knows. Codes received from a server stay open strings."""

    LOCATION_MISSING_COORDINATES = "LocationMissingCoordinates"
    AMBIGUOUS_CUSTOMER_NUMBER = "AmbiguousCustomerNumber"
    TARGET_ADDRESS_DIFFERS_FROM_CUSTOMER_LOCATION = "TargetAddressDiffersFromCustomerLocation"
    CUSTOMER_AUTO_CREATE_DISABLED = "CustomerAutoCreateDisabled"
    LOCATION_AUTO_CREATE_DISABLED = "LocationAutoCreateDisabled"
    CONTACT_AUTO_CREATE_DISABLED = "ContactAutoCreateDisabled"
    CONTACT_LOCATION_MISMATCH = "ContactLocationMismatch"
    CUSTOMER_ARCHIVED_OR_BLOCKED = "CustomerArchivedOrBlocked"
    # Ordinavo Desk extensions (clients ignore unknown warning codes).
    AMBIGUOUS_NAME_AND_ADDRESS = "AmbiguousNameAndAddress"
    LOCATION_CUSTOMER_MISMATCH = "LocationCustomerMismatch"
    CONTACT_CUSTOMER_MISMATCH = "ContactCustomerMismatch"


DESK_WARNING_EXTENSIONS: frozenset[WarningCode] = frozenset(
    {
        WarningCode.AMBIGUOUS_NAME_AND_ADDRESS,
        WarningCode.LOCATION_CUSTOMER_MISMATCH,
        WarningCode.CONTACT_CUSTOMER_MISMATCH,
    }
)


class Scope(StrEnum):
    INTEGRATION_HEALTH_READ = "integration.health.read"
    INBOUND_TARGETS_WRITE = "inbound.targets.write"
    INBOUND_TARGETS_BATCH_WRITE = "inbound.targets.batch.write"
    CUSTOMERS_MAP = "customers.map"
    CUSTOMERS_WRITE = "customers.write"
    CUSTOMERS_READ = "customers.read"
    IMPORT_JOBS_READ = "import_jobs.read"
    ROUTE_SUGGESTIONS_CREATE = "route_suggestions.create"
    ROUTE_SUGGESTIONS_READ = "route_suggestions.read"
    WEBHOOKS_READ = "webhooks.read"
    WEBHOOKS_MANAGE = "webhooks.manage"
    WEBHOOK_DELIVERIES_READ = "webhook_deliveries.read"


#: Other spellings of a scope seen in the public documentation.
SCOPE_ALIASES: dict[str, Scope] = {"targets.write": Scope.INBOUND_TARGETS_WRITE}


def parse_scope(value: str) -> Scope:
    """Return the scope for ``value`` (aliases accepted); ``ValueError`` when unknown."""
    text = value.strip()
    if text in SCOPE_ALIASES:
        return SCOPE_ALIASES[text]
    return Scope(text)


DEFAULT_SCOPES: tuple[Scope, ...] = (
    Scope.INBOUND_TARGETS_WRITE,
    Scope.CUSTOMERS_MAP,
    Scope.CUSTOMERS_WRITE,
    Scope.CUSTOMERS_READ,
)


class DecisionKind(StrEnum):
    CONFIRM = "Confirm"
    CHOOSE = "Choose"
    CREATE_NEW = "CreateNew"
    REJECT = "Reject"
    DEFER = "Defer"
    REVERT = "Revert"


class RejectReason(StrEnum):
    NOT_OUR_CUSTOMER = "NotOurCustomer"
    DUPLICATE_JOB = "DuplicateJob"
    BAD_DATA = "BadData"
    OTHER = "Other"


class SafeFallback(StrEnum):
    CUSTOMER_NUMBER = "CustomerNumber"
    EXACT_NAME_AND_ADDRESS = "ExactNameAndAddress"


class ExternalType(StrEnum):
    CUSTOMER = "Customer"
    LOCATION = "Location"
    CONTACT = "Contact"


class CustomerStatus(StrEnum):
    ACTIVE = "Active"
    ARCHIVED = "Archived"
    BLOCKED = "Blocked"


class Operation(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UPSERT = "upsert"
    CANCEL = "cancel"


class ImportJobStatus(StrEnum):
    ACCEPTED = "Accepted"
    PROCESSING = "Processing"
    COMPLETED = "Completed"
    PARTIALLY_FAILED = "PartiallyFailed"
    FAILED = "Failed"


class CandidateOutcome(StrEnum):
    CONFIDENT = "confident"
    AMBIGUOUS = "ambiguous"
    BELOW_THRESHOLD = "belowThreshold"


class ItemOrigin(StrEnum):
    FILE = "file"
    API = "api"


#: Values of open vocabularies seen in examples; other values are kept as they are.
KNOWN_PRIORITIES: tuple[str, ...] = ("Low", "Medium", "High")
