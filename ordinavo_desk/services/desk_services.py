"""Every service the window works with, over one store: built once where the window is
composed (the window itself never sees the store).

What showing the queue and an item needs is built at once; the rest (deciding, syncing,
conflicts, settings, related items and bulk) is built, and its code imported, when it is
first asked for, so that the window comes up without loading the decision machinery, the
HTTP client or the matching engine.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ordinavo_desk.services.item_state import default_author
from ordinavo_desk.services.item_view import ItemViewService
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.services.queue_service import QueueService
from ordinavo_desk.store.database import Store

if TYPE_CHECKING:
    from ordinavo_desk.services.conflict_service import ConflictService
    from ordinavo_desk.services.connection_state import ConnectionStateService
    from ordinavo_desk.services.desk_settings import DeskSettingsService
    from ordinavo_desk.services.review_service import ReviewService
    from ordinavo_desk.services.review_tools import ReviewTools
    from ordinavo_desk.services.sync_run import SyncRunner
    from ordinavo_desk.services.tile_settings import TileSettingsService


class DeskServices:
    """The services over ``store``; decisions and reveals carry ``author`` (default: the
    OS user). Build it on one thread; the services themselves may then be used from any."""

    def __init__(self, store: Store, *, author: str | None = None) -> None:
        self._store = store
        self.author = author or default_author()
        self.queue = QueueService(store)
        self.views = ItemViewService(store, author=self.author)
        self.profiles = ProfileService(store)

    @cached_property
    def review(self) -> ReviewService:
        from ordinavo_desk.services.review_service import ReviewService  # noqa: PLC0415

        return ReviewService(self._store, author=self.author)

    @cached_property
    def tools(self) -> ReviewTools:
        from ordinavo_desk.services.review_tools import ReviewTools  # noqa: PLC0415

        return ReviewTools(self._store)

    @cached_property
    def sync(self) -> SyncRunner:
        from ordinavo_desk.services.sync_run import SyncRunner  # noqa: PLC0415

        return SyncRunner(self._store)

    @cached_property
    def connection(self) -> ConnectionStateService:
        from ordinavo_desk.services.connection_state import (  # noqa: PLC0415
            ConnectionStateService,
        )

        return ConnectionStateService(self._store)

    @cached_property
    def conflicts(self) -> ConflictService:
        from ordinavo_desk.services.conflict_service import ConflictService  # noqa: PLC0415

        return ConflictService(self._store, author=self.author)

    @cached_property
    def settings(self) -> DeskSettingsService:
        from ordinavo_desk.services.desk_settings import DeskSettingsService  # noqa: PLC0415

        return DeskSettingsService(self._store)

    @cached_property
    def tile_settings(self) -> TileSettingsService:
        """The map tile settings alone (without the settings window's profiles and keys)."""
        from ordinavo_desk.services.tile_settings import TileSettingsService  # noqa: PLC0415

        return TileSettingsService(self._store)

    def load_all(self) -> None:
        """Build every service now (a worker thread does this once the window is up)."""
        for name in ("review", "tools", "sync", "connection", "conflicts", "settings"):
            getattr(self, name)


def open_services(store: Store, *, author: str | None = None) -> DeskServices:
    return DeskServices(store, author=author)
