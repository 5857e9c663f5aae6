"""Personal data on request: the incoming contact's and the selected candidate's contact
details, read (and recorded in the audit trail) in the background and shown in the panel
while the item stays on screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ordinavo_desk.services.item_view import INCOMING_CONTACT

if TYPE_CHECKING:
    from ordinavo_desk.ui.review.review_workspace import ReviewWorkspace

Revealed = tuple[dict[str, str | None], dict[str, str | None]]


def reveal_personal_data(workspace: ReviewWorkspace) -> None:
    view, panel = workspace.view, workspace.panel
    if view is None or not panel.reveal.isEnabled():
        return
    candidate = panel.selected_candidate()
    contact_id = candidate.contact.id if candidate and candidate.contact else None
    views, profile, item_id = workspace.context.views, workspace.profile, view.item_id

    def fetch() -> Revealed:
        incoming = views.reveal(profile, item_id, INCOMING_CONTACT)
        stored = views.reveal(profile, item_id, contact_id) if contact_id is not None else {}
        return incoming, stored

    def show(values: Revealed) -> None:
        if workspace.view is view:
            panel.show_revealed(*values)
            workspace.message.emit(
                QCoreApplication.translate(
                    "ReviewWorkspace", "Personal data revealed (recorded in the audit trail)."
                )
            )
            workspace.update_actions()

    workspace.background.submit(fetch, show, workspace.report_error)
