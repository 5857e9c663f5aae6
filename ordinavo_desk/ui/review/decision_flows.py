"""The dialogs a decision goes through before the review workspace records it: another
location of a candidate, a search of all records, reject and defer, the related items
offered after a link, and the bulk confirmation of a selection.

Each opens its dialog window-modal through the workspace and, on OK, hands the workspace
the request to record (``decide`` for one item, ``decide_many`` for several). The
messages are translated in the workspace's context.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ordinavo_desk.domain.enums import Scope
from ordinavo_desk.ui.review.decision_dialogs import (
    DeferDialog,
    LocationPickerDialog,
    RejectDialog,
)
from ordinavo_desk.ui.review.record_search_dialog import RecordSearchDialog

if TYPE_CHECKING:
    from ordinavo_desk.domain.decisions import RecordedDecision
    from ordinavo_desk.domain.reference import Location
    from ordinavo_desk.services.bulk_review import BulkLine
    from ordinavo_desk.services.item_view import CandidateView, ItemView
    from ordinavo_desk.services.related_items import RelatedItem
    from ordinavo_desk.ui.review.review_workspace import ReviewWorkspace


def requests() -> Any:
    """The decision requests (their module loads the wire models: on the first decision,
    not at start)."""
    from ordinavo_desk.services import review_requests  # noqa: PLC0415

    return review_requests


def pick_location(
    workspace: ReviewWorkspace,
    view: ItemView,
    candidate: CandidateView,
    all_locations: tuple[Location, ...],
) -> None:
    """Another location of the candidate's customer, or a new one."""
    # the candidate's own first, then the customer's others in id order
    locations = [loc for loc in (candidate.location,) if loc is not None]
    locations += [loc for loc in all_locations if loc.id != candidate.location_id]
    dialog = LocationPickerDialog(
        candidate.customer_name or str(candidate.customer_id),
        locations,
        may_create=workspace.profile.settings.has_scope(Scope.CUSTOMERS_WRITE),
        parent=workspace,
    )

    def chosen() -> None:
        choice = dialog.choice()
        if choice is None:
            return
        corrections = workspace.panel.compare_model.corrections()
        if choice.location is None:
            request = requests().choose(
                candidate.customer_id, new_location=True, corrections=corrections
            )
            label = QCoreApplication.translate("ReviewWorkspace", "Choose with a new location")
        else:
            request = requests().choose(candidate.customer_id, choice.location.id)
            label = QCoreApplication.translate("ReviewWorkspace", "Choose {location}").format(
                location=choice.label
            )
        workspace.decide(view, request, label)

    workspace.open_dialog(dialog, chosen)


def search_records(workspace: ReviewWorkspace, view: ItemView) -> None:
    """Any customer and location of the tenant, found by a search."""
    context, profile = workspace.context, workspace.profile
    dialog = RecordSearchDialog(
        lambda text: context.tools.search(profile, text),
        workspace.background,
        str(view.incoming_customer.get("name") or ""),
        parent=workspace,
    )

    def chosen() -> None:
        hit = dialog.choice()
        if hit is None:
            return
        request = requests().choose(hit.customer_id, hit.location_id)
        label = QCoreApplication.translate("ReviewWorkspace", "Choose {name}").format(
            name=hit.customer_name or hit.customer_id
        )
        workspace.decide(view, request, label)

    workspace.open_dialog(dialog, chosen)


def reject(workspace: ReviewWorkspace, view: ItemView) -> None:
    dialog = RejectDialog(view.external_id, workspace)

    def chosen() -> None:
        reason, text = dialog.choice()
        label = QCoreApplication.translate("ReviewWorkspace", "Reject")
        workspace.decide(view, requests().reject(reason, text), label)

    workspace.open_dialog(dialog, chosen)


def defer(workspace: ReviewWorkspace, view: ItemView) -> None:
    dialog = DeferDialog(view.external_id, date.today(), workspace)

    def chosen() -> None:
        until, note = dialog.choice()
        label = QCoreApplication.translate("ReviewWorkspace", "Defer")
        workspace.decide(view, requests().defer(until, note), label)

    workspace.open_dialog(dialog, chosen)


def offer_related(
    workspace: ReviewWorkspace, recorded: RecordedDecision, items: list[RelatedItem]
) -> None:
    """The items that a decision just recorded would settle as well, with a preview."""
    if not items or workspace.dialog is not None:
        return
    from ordinavo_desk.ui.review.preview_dialogs import RelatedItemsDialog  # noqa: PLC0415

    view = workspace.view
    names: dict[int | None, str] = (
        {c.customer_id: c.customer_name or str(c.customer_id) for c in view.candidates}
        if view is not None
        else {}
    )
    dialog = RelatedItemsDialog(
        recorded.item_external_id,
        items,
        lambda customer_id: names.get(customer_id, str(customer_id or "—")),
        parent=workspace,
    )

    def chosen() -> None:
        picked = dialog.chosen()
        if not picked:
            return
        workspace.decide_many(
            [(item.item_id, item.proposal) for item in picked],
            workspace.count_label("related", len(picked)),
        )

    workspace.open_dialog(dialog, chosen)


def bulk_confirm(workspace: ReviewWorkspace, ids: list[int]) -> None:
    """Confirm the confident items among ``ids``, after a preview that lets the warnings
    they carry be allowed one by one."""
    model = workspace.queue_model
    codes: list[str] = []
    for row in range(model.rowCount()):
        found = model.queue_row(row)
        if found is not None and found.item_id in ids:
            codes.extend(c for c in found.warnings if c not in codes)
    from ordinavo_desk.ui.review.preview_dialogs import BulkConfirmDialog  # noqa: PLC0415

    context, profile = workspace.context, workspace.profile
    dialog = BulkConfirmDialog(
        lambda allowed: context.tools.preview_bulk(profile, ids, allowed),
        codes,
        workspace.background,
        parent=workspace,
    )

    def chosen() -> None:
        lines: list[BulkLine] = dialog.to_run()
        if not lines:
            return
        workspace.decide_many(
            [(line.item_id, requests().confirm()) for line in lines],
            workspace.count_label("bulk", len(lines)),
        )

    workspace.open_dialog(dialog, chosen)
