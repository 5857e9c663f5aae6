"""What each scope of a key allows, in the desk's words: for ``profile test`` and the
settings window, so that a person sees what a key may do before anyone clicks.

The operations are those of connect-api.md (Connect v1 and the desk's review extension).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ordinavo_desk.domain.enums import SCOPE_ALIASES, Scope
from ordinavo_desk.i18n import _


@dataclass(frozen=True, slots=True)
class Capability:
    """One scope: whether the key has it, what it allows, what is lost without it."""

    scope: str
    granted: bool
    operations: tuple[str, ...]
    allows: str
    without: str
    #: Whether the desk itself uses the scope (the others matter to other integrations).
    used_by_desk: bool


def _table() -> dict[Scope, tuple[tuple[str, ...], str, str, bool]]:
    """scope → (operations, what it allows, what is lost without it, used by the desk);
    built on each call so that the texts follow the current language."""
    return {
        Scope.INTEGRATION_HEALTH_READ: (
            ("GET /integration/health",),
            _("check the connection and read the key's tenant, scopes and mapping settings"),
            _("profile connect and profile test cannot read what the key may do"),
            True,
        ),
        Scope.CUSTOMERS_MAP: (
            (
                "GET /review/items",
                "GET /review/items/{id}",
                "POST /review/items/{id}/decision",
            ),
            _(
                "pull the review queue with each item's mapping, and decide items "
                "(Confirm, Choose, Reject, Defer, Revert)"
            ),
            _("no review items are pulled and no decision can be written back"),
            True,
        ),
        Scope.CUSTOMERS_READ: (
            ("GET /review/reference", "record ids and candidates in answers"),
            _(
                "pull the tenant's customers, locations, contacts and external references; "
                "see record ids and ranked candidates"
            ),
            _(
                "no reference data is pulled; answers carry statuses and warnings only, so "
                "the desk ranks candidates itself from the reference data it has"
            ),
            True,
        ),
        Scope.CUSTOMERS_WRITE: (
            ("POST /review/items/{id}/decision (CreateNew, new location or contact)",),
            _(
                "decisions that create customers, locations or contacts, and storing the "
                "decided external references"
            ),
            _(
                "CreateNew and new locations or contacts are refused; Choose links the item "
                "but stores no external reference"
            ),
            True,
        ),
        Scope.INBOUND_TARGETS_WRITE: (
            ("POST /inbound/targets",),
            _("import one target; the write-back to a server without the review extension"),
            _("targets cannot be imported one by one (nor written back to a plain v1 server)"),
            True,
        ),
        Scope.INBOUND_TARGETS_BATCH_WRITE: (
            ("POST /inbound/targets/batch",),
            _("import batches of targets"),
            _("targets cannot be imported in batches"),
            True,
        ),
        Scope.IMPORT_JOBS_READ: (
            ("GET /import-jobs/{id}",),
            _("read import jobs and their item results"),
            _("the results of earlier imports cannot be read back"),
            True,
        ),
        Scope.ROUTE_SUGGESTIONS_CREATE: (
            ("route suggestions",),
            _("create route suggestions"),
            _("nothing the desk uses"),
            False,
        ),
        Scope.ROUTE_SUGGESTIONS_READ: (
            ("route suggestions",),
            _("read route suggestions"),
            _("nothing the desk uses"),
            False,
        ),
        Scope.WEBHOOKS_READ: (
            ("webhooks",),
            _("read webhook subscriptions"),
            _("nothing the desk uses"),
            False,
        ),
        Scope.WEBHOOKS_MANAGE: (
            ("webhooks",),
            _("create and change webhook subscriptions"),
            _("nothing the desk uses"),
            False,
        ),
        Scope.WEBHOOK_DELIVERIES_READ: (
            ("webhook deliveries",),
            _("read webhook deliveries"),
            _("nothing the desk uses"),
            False,
        ),
    }


def granted_scopes(values: Iterable[str]) -> tuple[set[Scope], list[str]]:
    """The known scopes among ``values`` (aliases accepted) and the unknown values."""
    known: set[Scope] = set()
    unknown: list[str] = []
    for value in values:
        text = value.strip()
        if text in SCOPE_ALIASES:
            known.add(SCOPE_ALIASES[text])
            continue
        try:
            known.add(Scope(text))
        except ValueError:
            unknown.append(text)
    return known, unknown


def capabilities(granted: Iterable[str]) -> list[Capability]:
    """Every scope, granted or not, with what it allows; the desk's own scopes first."""
    known, _unknown = granted_scopes(granted)
    rows = [
        Capability(
            scope=scope.value,
            granted=scope in known,
            operations=operations,
            allows=allows,
            without=without,
            used_by_desk=used,
        )
        for scope, (operations, allows, without, used) in _table().items()
    ]
    return sorted(rows, key=lambda c: not c.used_by_desk)
