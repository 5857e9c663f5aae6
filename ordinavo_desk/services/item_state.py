"""An item's links and status as they stand now (its latest decision's, else its mapping
result's), and who decides: light helpers shared by the review service and the item view
(which must not load the decision machinery to show an item)."""

from __future__ import annotations

import getpass
from typing import Any

from ordinavo_desk.matching.links import Links
from ordinavo_desk.store.rows import ImportItemRow, ReviewDecisionRow


def default_author() -> str:
    """The OS user: who decides, unless the caller says otherwise."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _result(item: ImportItemRow) -> dict[str, Any] | None:
    """The item's stored mapping result (wire form) if it is for the current version.
    Read as JSON: validating the whole result with its candidates costs more than the
    rest of recording a decision."""
    if item.mapping_result is None or item.mapping_version != item.version:
        return None
    return item.mapping_result


def top_candidate(item: ImportItemRow) -> tuple[int, int | None] | None:
    candidates = (_result(item) or {}).get("candidates") or []
    if not candidates:
        return None
    top = candidates[0]
    return int(top["customerId"]), top.get("customerLocationId")


def current_links(item: ImportItemRow, latest: ReviewDecisionRow | None) -> Links:
    """The item's links now: the latest decision's, else the mapping result's."""
    if latest is not None:
        return Links.from_json(latest.links_after)
    result = _result(item)
    if result is None:
        return Links()
    return Links(
        result.get("customerId"), result.get("customerLocationId"), result.get("customerContactId")
    )


def current_status(item: ImportItemRow, latest: ReviewDecisionRow | None) -> str | None:
    if latest is not None:
        return latest.status_after
    return item.mapping_status
