"""The review queue as the reviewer sees it: its filter, its pages and counts, and where
an item stands in it (in the queue's current sort), read in the background."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ordinavo_desk.services.queue_service import QueueFilter, QueueRow, QueueSort
from ordinavo_desk.ui.background import Background

if TYPE_CHECKING:
    from ordinavo_desk.domain.profile import Profile
    from ordinavo_desk.ui.context import DeskContext
    from ordinavo_desk.ui.queue_model import QueueTableModel


class QueueRows:
    def __init__(
        self,
        context: DeskContext,
        profile: Profile,
        background: Background,
        errors: Callable[[object], None],
    ) -> None:
        self._context = context
        self._profile = profile
        self._background = background
        self._errors = errors
        #: The filter the queue shows.
        self.filter = QueueFilter()
        self.model: QueueTableModel | None = None

    # -- read by the queue's model (in the background) --------------------------------------

    def count(self) -> int:
        return self._context.queue.count(self._profile, self.filter)

    def page(self, sort: QueueSort, descending: bool, offset: int, limit: int) -> list[QueueRow]:
        return list(
            self._context.queue.page(
                self._profile, self.filter, sort=sort, descending=descending,
                offset=offset, limit=limit,
            ).rows
        )  # fmt: skip

    # -- looked up for the workspace --------------------------------------------------------

    def row_of(self, item_id: int, then: Callable[[int | None], None]) -> None:
        """``then`` gets the item's row in the queue (None when the filter hides it)."""
        queue, profile, wanted = self._context.queue, self._profile, self.filter
        sort, descending = self._sort()
        self._background.submit(
            lambda: queue.index_of(profile, wanted, item_id, sort=sort, descending=descending),
            then,
            self._errors,
        )

    def remembered_row(self, then: Callable[[int | None], None]) -> None:
        """``then`` gets the row of the item where the reviewer stopped last time (None
        when there is none, or the filter hides it)."""
        queue, profile, wanted = self._context.queue, self._profile, self.filter
        sort, descending = self._sort()

        def where() -> int | None:
            remembered = queue.position(profile)
            if remembered is None:
                return None
            return queue.index_of(profile, wanted, remembered, sort=sort, descending=descending)

        self._background.submit(where, then, self._errors)

    def progress(self, then: Callable[[int, int], None]) -> None:
        """``then`` gets the items reviewed and the items in all."""
        queue, profile = self._context.queue, self._profile
        self._background.submit(
            lambda: queue.progress(profile),
            lambda progress: then(progress.reviewed, progress.total),
            self._errors,
        )

    def _sort(self) -> tuple[QueueSort, bool]:
        assert self.model is not None
        return self.model.sort_key
