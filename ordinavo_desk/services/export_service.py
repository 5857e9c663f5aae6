"""Exporting confirmed mappings: Connect upsert payloads (ready for any system to send),
CSV or JSON. For local-store mode, where decisions have no server to go to.

An item is exported when its latest decision links it (Confirm, Choose, CreateNew).
A decision that cannot be said as an upsert (a record without an external ID in the
item's source system) is left out of the upsert payload and reported; CSV and JSON list
every confirmed mapping with whatever external IDs the records have.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ordinavo_desk.domain.enums import DecisionKind, ExternalType
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.write_back import NotExpressibleError, reference_of, upsert_target
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.rows import ImportItemRow, ReviewDecisionRow
from ordinavo_desk.store.types import utcnow

_LINKING = {DecisionKind.CONFIRM.value, DecisionKind.CHOOSE.value, DecisionKind.CREATE_NEW.value}
_BATCH = 1000

CSV_COLUMNS = (
    "itemExternalId", "decision", "decidedBy", "decidedAt", "status",
    "customerId", "customerExternalId", "locationId", "locationExternalId",
    "contactId", "contactExternalId",
)  # fmt: skip


class ExportFormat(StrEnum):
    CONNECT_UPSERT = "connect-upsert"
    CSV = "csv"
    JSON = "json"


@dataclass(slots=True)
class ExportResult:
    text: str
    exported: int = 0
    #: (item external ID, why) of confirmed mappings left out.
    left_out: list[tuple[str, str]] = field(default_factory=list)


def _latest_linking(
    session: Session, profile: Profile
) -> Iterator[tuple[ImportItemRow, ReviewDecisionRow]]:
    """Each decided item of the profile with its latest decision, if that one links it."""
    latest: dict[int, ReviewDecisionRow] = {}
    last_id = 0
    while True:
        rows = session.scalars(
            select(ReviewDecisionRow)
            .where(ReviewDecisionRow.tenant == profile.tenant, ReviewDecisionRow.id > last_id)
            .order_by(ReviewDecisionRow.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        for row in rows:
            latest[row.item_id] = row
        last_id = rows[-1].id
    wanted = sorted(item_id for item_id, row in latest.items() if row.kind in _LINKING)
    for start in range(0, len(wanted), _BATCH):
        items = session.scalars(
            select(ImportItemRow)
            .where(
                ImportItemRow.tenant == profile.tenant,
                ImportItemRow.source_system == profile.source_system,
                ImportItemRow.id.in_(wanted[start : start + _BATCH]),
            )
            .order_by(ImportItemRow.id)
        ).all()
        for item in items:
            yield item, latest[item.id]


def _row(session: Session, profile: Profile, item: ImportItemRow,
         decision: ReviewDecisionRow) -> dict[str, Any]:  # fmt: skip
    links = decision.links_after
    row: dict[str, Any] = {
        "itemExternalId": item.external_id,
        "decision": decision.kind,
        "decidedBy": decision.author,
        "decidedAt": decision.decided_at.isoformat(),
        "status": decision.status_after,
    }
    for name, kind in (("customer", ExternalType.CUSTOMER), ("location", ExternalType.LOCATION),
                       ("contact", ExternalType.CONTACT)):  # fmt: skip
        record_id = links.get(f"{name}Id")
        row[f"{name}Id"] = record_id
        row[f"{name}ExternalId"] = (
            reference_of(session, profile.tenant, item.source_system, kind, record_id)
            if record_id is not None
            else None
        )
    return row


def export_mappings(
    store: Store, profile: Profile, fmt: ExportFormat, *, now: datetime | None = None
) -> ExportResult:
    when = now or utcnow()
    result = ExportResult(text="")
    with store.unit_of_work() as session:
        if fmt is ExportFormat.CONNECT_UPSERT:
            targets: list[dict[str, Any]] = []
            for item, decision in _latest_linking(session, profile):
                try:
                    target = upsert_target(
                        session, profile.tenant, item, decision, creates_records=True
                    )
                except NotExpressibleError as exc:
                    result.left_out.append((item.external_id, str(exc)))
                    continue
                targets.append(target.to_wire())
            document = {
                "sourceSystem": profile.source_system,
                "batchId": f"desk-export-{when:%Y%m%dT%H%M%SZ}",
                "operation": "upsert",
                "targets": targets,
            }
            result.exported = len(targets)
            result.text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            return result
        rows = [_row(session, profile, item, d) for item, d in _latest_linking(session, profile)]
    result.exported = len(rows)
    if fmt is ExportFormat.JSON:
        result.text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        result.text = buffer.getvalue()
    return result
