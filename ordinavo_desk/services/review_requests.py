"""The decisions a reviewer can ask for, built for :class:`ReviewService` (the window
builds them here and never sees the wire model behind them)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.enums import DecisionKind, RejectReason

__all__ = ["DecisionRequest", "choose", "confirm", "create_new", "defer", "reject"]


def confirm() -> DecisionRequest:
    """Accept the proposed links (where nothing is linked, the top candidate)."""
    return DecisionRequest(kind=DecisionKind.CONFIRM)


def choose(
    customer_id: int,
    location_id: int | None = None,
    contact_id: int | None = None,
    *,
    new_location: bool = False,
    new_contact: bool = False,
    corrections: Mapping[str, Mapping[str, Any]] | None = None,
) -> DecisionRequest:
    return DecisionRequest(
        kind=DecisionKind.CHOOSE,
        customer_id=customer_id,
        location_id=None if new_location else location_id,
        contact_id=None if new_contact else contact_id,
        new_location=new_location,
        new_contact=new_contact,
        corrections={dto: dict(fields) for dto, fields in (corrections or {}).items()},
    )


def create_new(corrections: Mapping[str, Mapping[str, Any]] | None = None) -> DecisionRequest:
    return DecisionRequest(
        kind=DecisionKind.CREATE_NEW,
        corrections={dto: dict(fields) for dto, fields in (corrections or {}).items()},
    )


def reject(reason: RejectReason, text: str | None = None) -> DecisionRequest:
    return DecisionRequest(kind=DecisionKind.REJECT, reason_code=reason, reason_text=text or None)


def defer(until: date | None = None, note: str | None = None) -> DecisionRequest:
    return DecisionRequest(kind=DecisionKind.DEFER, defer_until=until, note=note or None)
