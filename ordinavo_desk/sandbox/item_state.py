"""An item as a decision reads and changes it, read and written with two statements
built once (the decision path of the sandbox answers thousands of requests in a row;
the ORM's load and unit of work cost more than the statements themselves)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from ordinavo_desk.sandbox.rows import ItemRow

_ITEMS = cast("Table", ItemRow.__table__)
#: What a decision changes.
_WRITTEN = (
    "version", "result", "status", "warnings", "customer_id", "location_id", "contact_id",
    "review_state", "updated_at",
)  # fmt: skip
_WRITE = (
    update(_ITEMS)
    .where(_ITEMS.c.id == bindparam("s_id"))
    .values({name: bindparam(f"s_{name}") for name in _WRITTEN})
)


@dataclass(slots=True)
class ItemState:
    """The columns of ``ItemRow`` a decision reads, in the order they are selected (it
    changes those in ``_WRITTEN``)."""

    id: int
    tenant: str
    source_system: str
    external_id: str
    version: int
    target: dict[str, Any]
    result: dict[str, Any]
    result_detailed: bool
    status: str
    warnings: list[str]
    customer_id: int | None
    location_id: int | None
    contact_id: int | None
    review_state: str
    import_job_id: str | None
    updated_at: datetime


_READ = select(*(_ITEMS.c[field.name] for field in fields(ItemState))).where(
    _ITEMS.c.id == bindparam("s_id")
)


def read_item_state(session: Session, item_id: int) -> ItemState | None:
    row = session.execute(_READ, {"s_id": item_id}).first()
    return ItemState(*row) if row is not None else None


def write_item_state(session: Session, state: ItemState) -> None:
    values = {f"s_{name}": getattr(state, name) for name in _WRITTEN}
    session.execute(_WRITE, {"s_id": state.id, **values})
