"""Every service the window works with, over one store: built once where the window is
composed (the window itself never sees the store)."""

from __future__ import annotations

from dataclasses import dataclass

from ordinavo_desk.services.conflict_service import ConflictService
from ordinavo_desk.services.connection_state import ConnectionStateService
from ordinavo_desk.services.desk_settings import DeskSettingsService
from ordinavo_desk.services.item_view import ItemViewService
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.services.queue_service import QueueService
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.services.review_tools import ReviewTools
from ordinavo_desk.services.sync_run import SyncRunner
from ordinavo_desk.store.database import Store


@dataclass(frozen=True, slots=True)
class DeskServices:
    queue: QueueService
    review: ReviewService
    views: ItemViewService
    tools: ReviewTools
    profiles: ProfileService
    sync: SyncRunner
    connection: ConnectionStateService
    conflicts: ConflictService
    settings: DeskSettingsService


def open_services(store: Store, *, author: str | None = None) -> DeskServices:
    """The services over ``store``; decisions and reveals carry ``author`` (default: the
    OS user)."""
    review = ReviewService(store, author=author)
    return DeskServices(
        queue=QueueService(store),
        review=review,
        views=ItemViewService(store, author=review.author),
        tools=ReviewTools(store),
        profiles=ProfileService(store),
        sync=SyncRunner(store),
        connection=ConnectionStateService(store),
        conflicts=ConflictService(store, author=review.author),
        settings=DeskSettingsService(store),
    )
